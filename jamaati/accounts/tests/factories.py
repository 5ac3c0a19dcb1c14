"""Factories for people: citizens, staff with a membership and a TOTP device."""

import factory
from django.contrib.auth import get_user_model
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role

PASSWORD = "Correct-Horse-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.ma")
    first_name = "Amina"
    last_name = "Benali"
    is_email_verified = True
    password = factory.django.Password(PASSWORD)


class CitizenFactory(UserFactory):
    cin = factory.Sequence(lambda n: f"AB{100000 + n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.AGENT


class StaffFactory(UserFactory):
    """A staff member: `StaffFactory(collectivity=c, role=Role.AGENT)`, with a confirmed TOTP."""

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        collectivity = kwargs.pop("collectivity", None)
        role = kwargs.pop("role", Role.AGENT)
        user = super()._create(model_class, *args, **kwargs)
        if collectivity is not None:
            Membership.objects.create(user=user, collectivity=collectivity, role=role)
        TOTPDevice.objects.create(user=user, name="default", confirmed=True)
        return user


def verified_login(client, user) -> None:
    """Sign `user` in on the test client with the second factor already passed."""
    client.force_login(user, backend="jamaati.accounts.backends.EmailOrUsernameBackend")
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()


def totp_now(device: TOTPDevice) -> str:
    """The device's valid code at the current (possibly travelled) time."""
    from django_otp.oath import totp

    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def signup_data(**overrides: str) -> dict[str, str]:
    """A valid sign-up form submission; override any field."""
    data = {
        "email": "Nouveau.Citoyen@Example.ma",
        "first_name": "Youssef",
        "last_name": "El Amrani",
        "cin": "bk-12345",
        "phone": "06 12 34 56 78",
        "password1": "Tajine-Au-Citron-7",
        "password2": "Tajine-Au-Citron-7",
    }
    data.update(overrides)
    return data
