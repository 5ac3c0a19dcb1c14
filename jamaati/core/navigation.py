"""Back-office sections: each app registers its own; the frame shows those the actor may use.

A section is current when the resolved URL name starts with its `prefix` (for example every
`staff-` and `membership-` page belongs to the staff section).
"""

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise

from jamaati.core.access.policies import is_allowed


@dataclass(frozen=True)
class Section:
    key: str
    label: str | Promise
    url_name: str
    action: str
    prefixes: tuple[str, ...]
    order: int = 100


_SECTIONS: dict[str, Section] = {}


def register_section(
    *,
    key: str,
    label: str | Promise,
    url_name: str,
    action: str,
    prefixes: tuple[str, ...] = (),
    order: int = 100,
) -> None:
    """Add a back-office section (once per key) shown to actors allowed `action` here."""
    if key in _SECTIONS:
        raise ValueError(f"back-office section {key!r} is registered twice")
    default = (url_name.split(":")[-1],)
    _SECTIONS[key] = Section(key, label, url_name, action, prefixes or default, order)


def sections_for(actor: Any, collectivity: Any, current_url_name: str = "") -> list[dict]:
    """The sections `actor` may open at `collectivity`, in order, the current one marked: the
    section with the longest prefix of the current URL name (`case-dashboard` belongs to the
    dashboard even though the cases section claims `case-`)."""

    def match(section: Section) -> int:
        return max((len(p) for p in section.prefixes if current_url_name.startswith(p)), default=0)

    sections = sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))
    best = max((match(s) for s in sections), default=0)
    return [
        {
            "label": s.label,
            "url_name": s.url_name,
            "is_current": best > 0 and match(s) == best,
        }
        for s in sections
        if is_allowed(actor, s.action, collectivity)
    ]
