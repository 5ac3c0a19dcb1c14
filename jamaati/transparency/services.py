"""Every write to the publication register: keyword-only, takes `actor`, atomic, audited.

A ValidationError (a dict of field -> messages, in the active language) means nothing was
written.
"""

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jamaati.core.access.policies import authorize
from jamaati.core.audit.chain import record
from jamaati.core.tenancy.models import Collectivity
from jamaati.transparency.models import Publication
from jamaati.transparency.obligations import obligation_get
from jamaati.transparency.uploads import check_publication_file

# The first year a register may cover (law 31.13 was published in 2018).
FIRST_YEAR = 2000


def _text(value: Any, field: str, limit: int, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors.setdefault(field, []).append(_("Enter text."))
        return ""
    if "\x00" in value:
        errors.setdefault(field, []).append(_("The text contains a character that is not allowed."))
        return ""
    value = value.strip()
    if len(value) > limit:
        errors.setdefault(field, []).append(
            _("Keep this under %(limit)s characters.") % {"limit": limit}
        )
    return value[:limit]


def _url(value: Any, errors: dict) -> str:
    url = _text(value, "external_url", 500, errors)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        errors.setdefault("external_url", []).append(
            _("Enter a web address that starts with http:// or https://.")
        )
        return ""
    return url


def _year(value: Any, today: date, errors: dict) -> int | None:
    if value in (None, ""):
        return None
    try:
        year = int(value)
    except (TypeError, ValueError):
        errors.setdefault("period_year", []).append(_("Enter a year, for example 2026."))
        return None
    if year < FIRST_YEAR or year > today.year + 1:
        errors.setdefault("period_year", []).append(
            _("Enter a year between %(first)s and %(last)s.")
            % {"first": FIRST_YEAR, "last": today.year + 1}
        )
        return None
    return year


def publication_publish(
    *,
    actor: Any,
    collectivity: Collectivity,
    obligation: str,
    title_ar: str,
    title_fr: str = "",
    summary_ar: str = "",
    summary_fr: str = "",
    period_year: Any = None,
    file: Any = None,
    external_url: str = "",
    published_on: date | None = None,
    replaces: Publication | None = None,
) -> Publication:
    """Publish an item of `collectivity`'s register (a file, a link, or both). An annual
    obligation needs the year it covers (at most next year). With `replaces`, that item (of
    the same collectivity, in force) is withdrawn and points to the new one."""
    authorize(actor, "transparency.publish", collectivity)
    today = timezone.localdate()
    errors: dict[str, list] = {}
    definition = obligation_get(obligation) if isinstance(obligation, str) else None
    if definition is None:
        errors.setdefault("obligation", []).append(_("Choose what this item publishes."))
    title_ar = _text(title_ar, "title_ar", 250, errors)
    title_fr = _text(title_fr, "title_fr", 250, errors)
    if not title_ar and not errors.get("title_ar"):
        errors.setdefault("title_ar", []).append(_("Enter the title in Arabic."))
    summary_ar = _text(summary_ar, "summary_ar", 2000, errors)
    summary_fr = _text(summary_fr, "summary_fr", 2000, errors)
    year = _year(period_year, today, errors)
    needs_year = definition is not None and definition.is_annual and year is None
    if needs_year and not errors.get("period_year"):
        errors.setdefault("period_year", []).append(
            _("Enter the year this item covers (for example the budget's year).")
        )
    url = _url(external_url, errors)
    checked = None
    if file is not None:
        try:
            checked = check_publication_file(file)
        except ValidationError as error:
            errors.setdefault("file", []).extend(error.messages)
    elif not url and not errors.get("external_url"):
        errors.setdefault("file", []).append(_("Attach a file or give a web address."))
    if replaces is not None and (
        replaces.collectivity_id != collectivity.pk or replaces.withdrawn_at is not None
    ):
        errors.setdefault("replaces", []).append(_("This item cannot be replaced."))
    if published_on is not None and published_on > today:
        errors.setdefault("published_on", []).append(_("The date cannot be in the future."))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        item = Publication(
            collectivity=collectivity,
            obligation=obligation,
            title_ar=title_ar,
            title_fr=title_fr,
            summary_ar=summary_ar,
            summary_fr=summary_fr,
            period_year=year,
            external_url=url,
            published_on=published_on or today,
            published_by=actor,
        )
        if checked is not None:
            item.original_name = checked.name
            item.content_type = checked.content_type
            item.size = checked.size
            item.sha256 = checked.sha256
            item.file.save(checked.sha256, checked.file, save=False)
        item.save()
        record(
            actor=actor,
            action="publication.publish",
            collectivity=collectivity,
            obj=item,
            changes={
                "obligation": obligation,
                "title_ar": title_ar,
                "title_fr": title_fr,
                "period_year": year,
                "external_url": url,
                "sha256": item.sha256,
                "replaces": replaces.pk if replaces else None,
            },
        )
        if replaces is not None:
            _withdraw(
                actor=actor,
                item=replaces,
                reason=_("Replaced by a new version."),
                superseded_by=item,
            )
    return item


def _withdraw(
    *, actor: Any, item: Publication, reason: str, superseded_by: Publication | None
) -> Publication:
    updated = Publication.objects.filter(pk=item.pk, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(),
        withdrawn_by=actor,
        withdrawal_reason=reason,
        superseded_by=superseded_by,
    )
    if not updated:
        raise ValidationError({"__all__": [_("This item is already withdrawn.")]})
    record(
        actor=actor,
        action="publication.withdraw",
        collectivity=item.collectivity,
        obj=item,
        changes={"reason": reason, "superseded_by": superseded_by.pk if superseded_by else None},
    )
    item.refresh_from_db()
    return item


def publication_withdraw(*, actor: Any, item: Publication, reason: str) -> Publication:
    """Withdraw an item in force, with the reason shown to the public; the row and its file
    stay (history). Refused when already withdrawn or without a reason."""
    authorize(actor, "transparency.publish", item)
    errors: dict[str, list] = {}
    reason = _text(reason, "reason", 500, errors)
    if not reason and not errors:
        errors["reason"] = [_("Give the reason for the withdrawal.")]
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        return _withdraw(actor=actor, item=item, reason=reason, superseded_by=None)
