"""Every write to tickets goes through one of these functions (portal, workspace, API, e-mail
and jobs alike). Each runs in one transaction and writes timeline and audit rows."""

from ._common import AttachmentInput
from .consult import answer_consultation, request_consultation
from .create import CreatedTicket, NewTicket, create_ticket
from .external import link_external_reference
from .messages import add_message
from .route import route_ticket
from .workflow import (
    assign_ticket,
    change_status,
    close_ticket,
    merge_ticket,
    reopen_ticket,
    set_priority,
)

__all__ = [
    "AttachmentInput",
    "CreatedTicket",
    "NewTicket",
    "add_message",
    "answer_consultation",
    "assign_ticket",
    "change_status",
    "close_ticket",
    "create_ticket",
    "link_external_reference",
    "merge_ticket",
    "reopen_ticket",
    "request_consultation",
    "route_ticket",
    "set_priority",
]
