from django import forms
from django.utils import translation

from jamaati.core.forms import NamedErrorsMixin


class _Form(NamedErrorsMixin, forms.Form):
    email = forms.EmailField(label="Email address")
    role = forms.ChoiceField(label="Role", choices=[("a", "A")])
    note = forms.CharField(label="Note", required=False)


def test_required_errors_name_their_field():
    with translation.override("fr"):
        form = _Form(data={})
        assert not form.is_valid()
        assert "Email address" in form.errors["email"][0]
        assert "Role" in form.errors["role"][0]
        assert form.errors["email"][0] != form.errors["role"][0]
        assert "note" not in form.errors
