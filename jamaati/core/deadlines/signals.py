"""Signals of the legal clocks, for apps that follow them.

deadline_changed   inside the transaction after every change to a clock (`deadline`, `verb`)
deadline_reminder  sent by the daily sweep once per due day, `remind_days` before it, with
                   `sender` = the owner's model (connect with `sender=TheirModel`),
                   `deadline`, `owner` (the object the clock runs on) and `today`; sent
                   after the reminder is recorded and committed, outside the clock's lock.
"""

from django.dispatch import Signal

from jamaati.core.deadlines.services import deadline_changed

deadline_reminder = Signal()

__all__ = ["deadline_changed", "deadline_reminder"]
