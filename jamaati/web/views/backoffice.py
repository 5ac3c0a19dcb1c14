"""The back-office frame: choosing a collectivity and its overview page.

Every page under /<lang>/bo/ is reached only by staff who passed the second factor
(jamaati.accounts.middleware.StaffSecondFactorMiddleware).
"""

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from jamaati.core.access.actors import reachable_collectivities
from jamaati.core.access.policies import authorize
from jamaati.core.tenancy.models import Kind
from jamaati.core.tenancy.selectors import children_of

# How a count of units of each kind is labelled on the overview.
_UNITS = {
    Kind.REGION: _("Regions"),
    Kind.PREFECTURE: _("Prefectures"),
    Kind.PROVINCE: _("Provinces"),
    Kind.PREFECTURE_OF_ARRONDISSEMENTS: _("Prefectures of arrondissements"),
    Kind.COMMUNE: _("Communes"),
    Kind.ARRONDISSEMENT: _("Arrondissements"),
}


def choose(request: HttpRequest) -> HttpResponse:
    """The collectivities the staff member works for; straight in when there is one."""
    nodes = list(reachable_collectivities(request.user))
    wanted = request.GET.get("to")
    if wanted and any(n.code == wanted for n in nodes):
        return redirect("bo:overview", code=wanted)
    if len(nodes) == 1:
        return redirect("bo:overview", code=nodes[0].code)
    return render(request, "web/bo/choose.html", {"nodes": nodes})


def overview(request: HttpRequest, code: str) -> HttpResponse:
    """The collectivity's back-office home: its figures and how many units lie below it."""
    node = request.collectivity
    authorize(request.user, "core.view_backoffice", node)
    sub_units = [
        {"kind": row["kind"], "label": _UNITS.get(row["kind"], row["kind"]), "count": row["n"]}
        for row in children_of(node).order_by("kind").values("kind").annotate(n=Count("pk"))
    ]
    return render(request, "web/bo/overview.html", {"node": node, "sub_units": sub_units})
