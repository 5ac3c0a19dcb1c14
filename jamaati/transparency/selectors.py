"""Every read of the publication register, scoped to one collectivity.

Public reads (`publication_search`, `publication_get`, `register_of`) show items in force of
the collectivity named by the URL; anything else answers 404, exactly as a missing item.
Back-office reads (`publication_get_for_staff`, `publication_history`) check the actor's
reach through `authorize()`.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jamaati.core.access.policies import authorize
from jamaati.core.names import search_key
from jamaati.core.tenancy.models import Collectivity, Kind
from jamaati.transparency.models import Publication
from jamaati.transparency.obligations import OBLIGATIONS, Obligation, Status, obligation_status

# How many candidates the ranking looks at (a commune publishes tens to hundreds of items).
SEARCH_CANDIDATES = 300


def _as_pk(pk: Any) -> int:
    try:
        value = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    if value <= 0 or value > 2**62:
        raise Http404
    return value


def publications_in_force(collectivity: Collectivity) -> QuerySet[Publication]:
    """The collectivity's items not withdrawn, newest first."""
    return (
        Publication.objects.in_force()
        .filter(collectivity=collectivity)
        .select_related("collectivity")
        .order_by("-published_on", "-pk")
    )


def _score(item: Publication, phrase: str, words: list[str]) -> tuple:
    title = search_key(f"{item.title_ar} {item.title_fr}")
    in_title = sum(1 for w in words if w in title)
    in_text = sum(1 for w in words if w in item.search_key)
    return (
        phrase in title,  # the whole phrase in a title first
        in_text == len(words),  # then items with every word
        in_title,
        in_text,
        item.published_on,
        item.pk,
    )


def publication_search(*, collectivity: Collectivity, q: str = "", limit: int = 10) -> list:
    """Items in force of `collectivity`, best matches first for `q` (any word matches; items
    with the whole phrase in a title, then with every word, rank first; newest breaks ties).
    Matching folds case, Latin accents and Arabic hamza/alef/teh-marbuta variants. Empty `q`:
    the newest items. At most `limit` items (1 to 100)."""
    limit = max(1, min(int(limit or 10), 100))
    qs = publications_in_force(collectivity)
    phrase = search_key(q or "")[:200]
    words = [w for w in phrase.split() if w][:10]
    if not words:
        return list(qs[:limit])
    match = Q()
    for word in words:
        match |= Q(search_key__contains=word)
    candidates = list(qs.filter(match)[:SEARCH_CANDIDATES])
    candidates.sort(key=lambda item: _score(item, phrase, words), reverse=True)
    return candidates[:limit]


def publication_get(*, collectivity: Collectivity, pk: Any) -> Publication:
    """One item in force of `collectivity`; Http404 when missing, withdrawn or another's."""
    item = publications_in_force(collectivity).filter(pk=_as_pk(pk)).first()
    if item is None:
        raise Http404
    return item


def publication_get_public(*, collectivity: Collectivity, pk: Any) -> Publication:
    """One item of `collectivity`, in force or withdrawn (its public page tells which and
    links to the replacement); Http404 for another collectivity's or a missing one."""
    item = (
        Publication.objects.filter(collectivity=collectivity, pk=_as_pk(pk))
        .select_related("collectivity", "superseded_by")
        .first()
    )
    if item is None:
        raise Http404
    return item


def publication_get_for_staff(actor: Any, pk: Any, *, collectivity: Collectivity) -> Publication:
    """An item of the URL's collectivity (withdrawn included) for the back office; 404 for
    another collectivity's, 403 when the actor may not read the register."""
    authorize(actor, "transparency.view_register", collectivity)
    item = (
        Publication.objects.filter(collectivity=collectivity, pk=_as_pk(pk))
        .select_related("collectivity", "published_by", "withdrawn_by", "superseded_by")
        .first()
    )
    if item is None:
        raise Http404
    return item


def publication_history(collectivity: Collectivity) -> QuerySet[Publication]:
    """Withdrawn items of the collectivity, most recently withdrawn first."""
    return (
        Publication.objects.filter(collectivity=collectivity, withdrawn_at__isnull=False)
        .select_related("collectivity", "superseded_by")
        .order_by("-withdrawn_at", "-pk")
    )


@dataclass
class RegisterLine:
    obligation: Obligation
    status: str
    items: list = field(default_factory=list)
    expected_year: int | None = None
    due_on: date | None = None
    next_year: int | None = None
    next_due_on: date | None = None

    @property
    def status_label(self) -> str:
        return str(Status(self.status).label)

    @property
    def is_published(self) -> bool:
        return self.status == Status.PUBLISHED


@dataclass
class Register:
    collectivity: Collectivity
    today: date
    lines: list[RegisterLine]

    @property
    def published_count(self) -> int:
        return sum(1 for line in self.lines if line.is_published)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def completeness(self) -> int:
        """Percentage of obligations met, rounded down (0-100)."""
        return (100 * self.published_count) // self.total if self.total else 0

    def count(self, status: str) -> int:
        return sum(1 for line in self.lines if line.status == status)

    @property
    def late_count(self) -> int:
        return self.count(Status.LATE)

    @property
    def missing_count(self) -> int:
        return self.count(Status.MISSING)


def register_of(collectivity: Collectivity, *, today: date | None = None) -> Register:
    """Every obligation of the collectivity with its status at `today` and its items in force
    (one query)."""
    today = today or timezone.localdate()
    by_obligation: dict[str, list[Publication]] = {}
    for item in publications_in_force(collectivity):
        by_obligation.setdefault(item.obligation, []).append(item)
    lines = []
    for obligation in OBLIGATIONS:
        items = by_obligation.get(obligation.key, [])
        status = obligation_status(obligation, [i.period_year for i in items], today)
        line = RegisterLine(obligation, status, items)
        expected = obligation.expected(today)
        if expected:
            line.expected_year, line.due_on = expected
            line.next_year, line.next_due_on = obligation.next_expected(today)
        lines.append(line)
    return Register(collectivity, today, lines)


def obligations_met_filter(today: date) -> Q:
    """A Q on items in force matching an obligation met at `today`: any item of a permanent
    or per-event obligation, an item covering the expected year (or later) of an annual one."""
    q = Q(pk__in=[])
    plain = [o.key for o in OBLIGATIONS if not o.is_annual]
    if plain:
        q |= Q(obligation__in=plain)
    for obligation in OBLIGATIONS:
        expected = obligation.expected(today)
        if expected:
            q |= Q(obligation=obligation.key, period_year__gte=expected[0])
    return q


def completeness_by_child(node: Collectivity, *, today: date) -> list[dict]:
    """For each child of `node` (regions of the country, provinces of a region, communes of a
    province): its communes, the obligations they meet and expect, and the percentage. Two
    queries on communes and items plus one for the children, whatever the number of rows."""
    children = list(node.children.order_by("code"))
    communes = list(
        Collectivity.objects.within(node).filter(kind=Kind.COMMUNE).values_list("id", "path")
    )
    met_pairs = (
        Publication.objects.in_force()
        .filter(
            obligations_met_filter(today),
            collectivity__path__startswith=node.path,
            collectivity__kind=Kind.COMMUNE,
        )
        .values_list("collectivity_id", "obligation")
        .distinct()
    )
    met_by_commune: dict[int, int] = {}
    for collectivity_id, _obligation in met_pairs:
        met_by_commune[collectivity_id] = met_by_commune.get(collectivity_id, 0) + 1
    per_commune = len(OBLIGATIONS)
    rows = []
    for child in children:
        inside = [cid for cid, path in communes if path.startswith(child.path)]
        if not inside:
            continue
        met = sum(met_by_commune.get(cid, 0) for cid in inside)
        expected = per_commune * len(inside)
        rows.append(
            {
                "node": child,
                "communes": len(inside),
                "met": met,
                "expected": expected,
                "percent": 100 * met // expected,
                "is_commune": child.kind == Kind.COMMUNE,
            }
        )
    return rows


def publication_get_by_id(pk: Any) -> Publication:
    """One item in force, of any collectivity (the public API names items by id); 404 when
    missing or withdrawn."""
    item = (
        Publication.objects.in_force().filter(pk=_as_pk(pk)).select_related("collectivity").first()
    )
    if item is None:
        raise Http404
    return item
