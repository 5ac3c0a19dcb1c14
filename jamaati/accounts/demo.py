"""Demo accounts for Ben Guerir (commune 07.427.01.01, province of Rehamna): staff with every
role, a governor, the DGCT and two citizens, all with one password. Staff get a TOTP device
whose key is derived from the user name, so `make totp USERNAME=...` (manage.py demo_totp)
prints their code.

`load_demo()` is idempotent: it writes (and audits) only what is missing or different, so a
second run writes nothing.
"""

import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jamaati.core.access.models import Membership
from jamaati.core.access.roles import Role
from jamaati.core.audit.chain import diff, record
from jamaati.core.tenancy.models import COUNTRY_CODE, Collectivity

DEMO_PASSWORD = "Jamaati-Demo-2026"
DEMO_COMMUNE = "07.427.01.01"  # Ben Guerir
DEMO_PROVINCE = "07.427"  # Rehamna
DEMO_DEVICE_NAME = "demo"


@dataclass(frozen=True)
class DemoPerson:
    username: str
    first_name: str
    last_name: str
    email: str
    role: str = ""
    collectivity_code: str = ""
    cin: str | None = None
    phone: str = ""
    preferred_language: str = "ar"

    @property
    def is_staff(self) -> bool:
        return bool(self.role)


def _staff(username: str, first: str, last: str, role: str, code: str = DEMO_COMMUNE) -> DemoPerson:
    return DemoPerson(
        username=username,
        first_name=first,
        last_name=last,
        email=f"{username}@demo.jamaati.ma",
        role=role,
        collectivity_code=code,
    )


DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    _staff("admin.benguerir", "Karim", "Bennani", Role.COLLECTIVITY_ADMIN),
    _staff("agent.benguerir", "Salma", "Ait Ouahmane", Role.AGENT),
    _staff("etatcivil.benguerir", "Rachid", "El Fassi", Role.CIVIL_STATUS_OFFICER),
    _staff("secretaire.benguerir", "Nadia", "Chraibi", Role.COUNCIL_SECRETARY),
    _staff("finance.benguerir", "Hicham", "Tazi", Role.FINANCE_OFFICER),
    _staff("information.benguerir", "Samira", "Ouazzani", Role.INFORMATION_OFFICER),
    _staff("president.benguerir", "عبد الله", "الرحماني", Role.SIGNATORY),
    _staff("gouverneur.rehamna", "Mohamed", "Alaoui", Role.SUPERVISOR, DEMO_PROVINCE),
    _staff("dgct", "Leila", "Benjelloun", Role.NATIONAL_ADMIN, COUNTRY_CODE),
    DemoPerson(
        username="citoyen1@demo.jamaati.ma",
        first_name="Youssef",
        last_name="El Amrani",
        email="citoyen1@demo.jamaati.ma",
        cin="EE100001",
        phone="+212612345601",
        preferred_language="fr",
    ),
    DemoPerson(
        username="citoyenne2@demo.jamaati.ma",
        first_name="فاطمة الزهراء",
        last_name="بنعلي",
        email="citoyenne2@demo.jamaati.ma",
        cin="EE100002",
        phone="+212712345602",
        preferred_language="ar",
    ),
)


class DemoTerritoryMissing(Exception):  # noqa: N818
    """The territory is not loaded (run load_territory first)."""


@dataclass
class DemoReport:
    written: list[str] = field(default_factory=list)
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)


def demo_totp_key(username: str) -> str:
    """The fixed TOTP key (40 hex characters) of a demo staff member."""
    return hashlib.sha1(f"jamaati-demo-{username}".encode()).hexdigest()  # noqa: S324


def totp_code(device: TOTPDevice) -> str:
    """The device's current code, zero-padded."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return str(totp.token()).zfill(device.digits)


def _user_fields(person: DemoPerson) -> dict[str, Any]:
    return {
        "email": person.email,
        "first_name": person.first_name,
        "last_name": person.last_name,
        "cin": person.cin,
        "phone": person.phone,
        "preferred_language": person.preferred_language,
        "is_email_verified": True,
        "is_active": True,
    }


def _ensure_user(actor: Any, person: DemoPerson, chain: Collectivity, report: DemoReport):
    user_model = get_user_model()
    wanted = _user_fields(person)
    user = user_model._default_manager.filter(username=person.username).first()
    if user is None:
        user = user_model(username=person.username, **wanted)
        user.set_password(DEMO_PASSWORD)
        user.save()
        record(
            actor=actor,
            action="demo.user_create",
            collectivity=chain,
            obj=user,
            changes={"username": user.username, **wanted},
        )
        report.written.append(f"user {person.username}")
        return user
    changes = diff({f: getattr(user, f) for f in wanted}, wanted)
    if changes:
        for name in changes:
            setattr(user, name, wanted[name])
        user.save(update_fields=list(changes))
        record(
            actor=actor, action="demo.user_update", collectivity=chain, obj=user, changes=changes
        )
        report.written.append(f"user {person.username}")
    return user


def _ensure_membership(
    actor: Any, user: Any, person: DemoPerson, node: Collectivity, report: DemoReport
) -> None:
    membership = Membership.objects.filter(user=user, collectivity=node, role=person.role).first()
    if membership is None:
        membership = Membership.objects.create(user=user, collectivity=node, role=person.role)
        record(
            actor=actor,
            action="demo.membership_create",
            collectivity=node,
            obj=membership,
            changes={"username": user.username, "role": person.role, "collectivity": node.code},
        )
        report.written.append(f"membership {person.username}")
    elif not membership.is_active:
        membership.is_active = True
        membership.save(update_fields=["is_active"])
        record(
            actor=actor,
            action="demo.membership_update",
            collectivity=node,
            obj=membership,
            changes={"is_active": [False, True]},
        )
        report.written.append(f"membership {person.username}")


def _ensure_device(actor: Any, user: Any, node: Collectivity, report: DemoReport) -> None:
    key = demo_totp_key(user.username)
    device = TOTPDevice.objects.filter(user=user, name=DEMO_DEVICE_NAME).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=DEMO_DEVICE_NAME, key=key, confirmed=True
        )
        record(actor=actor, action="demo.totp_device_create", collectivity=node, obj=device)
        report.written.append(f"TOTP device {user.username}")
    elif device.key != key or not device.confirmed:
        device.key, device.confirmed = key, True
        device.save(update_fields=["key", "confirmed"])
        # The key itself is a secret: the event says only that it was reset.
        record(
            actor=actor,
            action="demo.totp_device_update",
            collectivity=node,
            obj=device,
            changes={"key": "reset", "confirmed": True},
        )
        report.written.append(f"TOTP device {user.username}")


def load_demo(*, actor: Any) -> DemoReport:
    """Create or restore the demo accounts, audited; nothing is written when all are in place.
    Passwords are set only when an account is created."""
    codes = {COUNTRY_CODE, DEMO_PROVINCE, DEMO_COMMUNE}
    nodes = {c.code: c for c in Collectivity.objects.filter(code__in=codes)}
    if set(nodes) != codes:
        raise DemoTerritoryMissing("the territory is not loaded: run manage.py load_territory")
    report = DemoReport()
    with transaction.atomic():
        for person in DEMO_PEOPLE:
            node = nodes[person.collectivity_code] if person.is_staff else nodes[COUNTRY_CODE]
            user = _ensure_user(actor, person, node, report)
            if person.is_staff:
                _ensure_membership(actor, user, person, node, report)
                _ensure_device(actor, user, node, report)
                role = Role(person.role).label
            else:
                role = "citizen"
            where = node.code if person.is_staff else "-"
            report.rows.append((person.username, str(role), where, DEMO_PASSWORD))
    return report
