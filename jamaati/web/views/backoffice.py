"""The back-office frame: choosing a collectivity and its overview page.

Every page under /<lang>/bo/ is reached only by staff who passed the second factor
(jamaati.accounts.middleware.StaffSecondFactorMiddleware).
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jamaati.core.access.actors import reachable_collectivities
from jamaati.core.access.policies import authorize


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
    """The collectivity's back-office home."""
    authorize(request.user, "core.view_backoffice", request.collectivity)
    return render(request, "web/bo/overview.html", {"node": request.collectivity})
