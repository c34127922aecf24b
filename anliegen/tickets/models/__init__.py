from .tags import Tag
from .ticket import Channel, ExternalReference, Priority, ReferenceCounter, Ticket
from .timeline import Attachment, Consultation, EventKind, Message, TextModule, TicketEvent
from .tracking import PendingTrackingLink

__all__ = [
    "Attachment",
    "Channel",
    "Consultation",
    "EventKind",
    "ExternalReference",
    "Message",
    "PendingTrackingLink",
    "Priority",
    "ReferenceCounter",
    "Tag",
    "TextModule",
    "Ticket",
    "TicketEvent",
]
