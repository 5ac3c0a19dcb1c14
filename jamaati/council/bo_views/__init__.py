"""Back-office pages of the council at the URL's collectivity: the council's home with the
law's warnings, sessions and their agenda, sittings (attendance, calls, nominal votes,
minutes), members and committees, extraordinary requests, decisions under the governor's
control (the governor's office sees its communes' decisions from the province), petitions.

Views are thin: selectors read (404 outside the collectivity or the actor's reach), one
service writes and checks the law; a service's ValidationError is shown on the page (error
summary and field messages) and nothing is written. Actions are POST only; an unknown
action or id answers 404, a malformed input a message, never a 500.
"""

from jamaati.council.bo_views.decisions import decision_act, decision_detail, decision_list
from jamaati.council.bo_views.items import convocation_pdf, item_act, item_detail, item_document
from jamaati.council.bo_views.members import (
    committee_create,
    member_create,
    member_detail,
    member_list,
)
from jamaati.council.bo_views.petitions import (
    petition_act,
    petition_counter,
    petition_detail,
    petition_list,
)
from jamaati.council.bo_views.requests import (
    request_act,
    request_create,
    request_detail,
    request_list,
)
from jamaati.council.bo_views.sessions import (
    session_act,
    session_create,
    session_detail,
    session_list,
)
from jamaati.council.bo_views.sittings import sitting_act, sitting_detail, sitting_minutes

__all__ = [
    "committee_create",
    "convocation_pdf",
    "decision_act",
    "decision_detail",
    "decision_list",
    "item_act",
    "item_detail",
    "item_document",
    "member_create",
    "member_detail",
    "member_list",
    "petition_act",
    "petition_counter",
    "petition_detail",
    "petition_list",
    "request_act",
    "request_create",
    "request_detail",
    "request_list",
    "session_act",
    "session_create",
    "session_detail",
    "session_list",
    "sitting_act",
    "sitting_detail",
    "sitting_minutes",
]
