"""Every write to tickets goes through one of these functions (portal, workspace, API, e-mail
and jobs alike). Each runs in one transaction and writes timeline and audit rows."""

from ._common import AttachmentInput
from .bulk import BulkResult, apply_each
from .closing import UNDO_WITHIN, citizen_close_undo_until, undo_citizen_close
from .consult import answer_consultation, request_consultation
from .create import CitizenChoice, CreatedTicket, NewTicket, create_ticket, find_submission
from .effort import MAX_EFFORT_MINUTES, record_effort
from .escalate import Step, escalate_due, escalate_ticket
from .external import apply_external_status, link_external_reference
from .messages import add_message
from .retention import anonymise_ticket, delete_ticket
from .route import route_ticket
from .tags import set_tags
from .textmodules import save_text_module
from .tracking import (
    issue_pending_link,
    open_tracking_link,
    reissue_tracking_link,
    request_lost_link,
)
from .workflow import (
    assign_ticket,
    change_status,
    close_ticket,
    merge_ticket,
    reopen_ticket,
    set_priority,
)

__all__ = [
    "MAX_EFFORT_MINUTES",
    "UNDO_WITHIN",
    "AttachmentInput",
    "BulkResult",
    "CitizenChoice",
    "CreatedTicket",
    "NewTicket",
    "Step",
    "add_message",
    "anonymise_ticket",
    "answer_consultation",
    "apply_each",
    "apply_external_status",
    "assign_ticket",
    "change_status",
    "citizen_close_undo_until",
    "close_ticket",
    "create_ticket",
    "delete_ticket",
    "escalate_due",
    "escalate_ticket",
    "find_submission",
    "issue_pending_link",
    "link_external_reference",
    "merge_ticket",
    "open_tracking_link",
    "record_effort",
    "reissue_tracking_link",
    "reopen_ticket",
    "request_consultation",
    "request_lost_link",
    "route_ticket",
    "save_text_module",
    "set_priority",
    "set_tags",
    "undo_citizen_close",
]
