from .tags import Tag
from .ticket import Channel, ExternalReference, Priority, ReferenceCounter, Ticket
from .timeline import Attachment, Consultation, EventKind, Message, TextModule, TicketEvent

__all__ = [
    "Attachment",
    "Channel",
    "Consultation",
    "EventKind",
    "ExternalReference",
    "Message",
    "Priority",
    "ReferenceCounter",
    "Tag",
    "TextModule",
    "Ticket",
    "TicketEvent",
]
