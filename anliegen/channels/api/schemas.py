"""Request and response schemas. They validate shape only; the actions decide."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AfterValidator, Field, Strict

from anliegen.core.text import normalise_text
from anliegen.tickets.status import Status


def clean_text(value: str) -> str:
    """The schema allows any string: what no database can store (NUL, lone surrogates) and
    every other control character is dropped, exactly as the actions drop it from stored
    text, so filters and writes see the same value."""
    return normalise_text(value)


def clean_json(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_text(str(k)): clean_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_json(v) for v in value]
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2**53:
        raise ValueError("number out of range")
    return value


def _email(value: str) -> str:
    if value:
        try:
            validate_email(value)
        except DjangoValidationError as exc:
            raise ValueError("not a valid e-mail address") from exc
    return value


Text = Annotated[str, AfterValidator(clean_text)]
Key = Annotated[str, Field(pattern=r"^[-a-zA-Z0-9_]{1,100}$")]
Id = Annotated[int, Field(ge=1, le=2**53)]
Email = Annotated[str, Field(max_length=254), AfterValidator(clean_text), AfterValidator(_email)]
Day = Annotated[
    str,
    Field(pattern=r"^\d{4}-\d{2}-\d{2}$", json_schema_extra={"format": "date"}),
    AfterValidator(date.fromisoformat),
]
# Strict numbers: "2" or 2.0 for an integer is a client error, not something to guess at.
Latitude = Annotated[float, Strict(), Field(ge=-90, le=90)]
Longitude = Annotated[float, Strict(), Field(ge=-180, le=180)]
FormData = Annotated[dict[str, Any], AfterValidator(clean_json)]


class ExternalReferenceOut(Schema):
    system: str
    reference: str


class TicketOut(Schema):
    id: int
    reference: str
    subject: str
    status: Status
    public_status: str
    public_status_text: str
    channel: str
    priority: int
    service: str | None
    org_unit: str | None
    assignee: str | None
    is_sensitive: bool
    location_text: str
    latitude: float | None
    longitude: float | None
    created_at: datetime
    updated_at: datetime
    resolution_due: datetime | None
    external_references: list[ExternalReferenceOut]


class MessageOut(Schema):
    id: int
    kind: str
    body: str
    channel: str
    created_at: datetime


class EventOut(Schema):
    kind: str
    is_public: bool
    created_at: datetime


class TicketDetail(TicketOut):
    contact_name: str
    contact_email: str
    contact_phone: str
    form_data: dict[str, Any]
    messages: list[MessageOut]
    events: list[EventOut]


class TicketCreated(TicketOut):
    tracking_url: str = Field(description="Secret tracking link for the citizen; shown once.")


class TicketPage(Schema):
    items: list[TicketOut]
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page.")


class TicketIn(Schema):
    text: Annotated[Text, Field(min_length=1, max_length=20_000)]
    subject: Annotated[Text, Field(max_length=200)] = ""
    service: Key | None = None
    district: Key | None = None
    contact_name: Annotated[Text, Field(max_length=200)] = ""
    contact_email: Email = ""
    contact_phone: Annotated[Text, Field(max_length=50)] = ""
    location_text: Annotated[Text, Field(max_length=300)] = ""
    latitude: Latitude | None = None
    longitude: Longitude | None = None
    form_data: FormData = Field(default_factory=dict)
    priority: Annotated[int, Strict(), Field(ge=1, le=4)] = 2
    language: Annotated[
        Text,
        Field(
            max_length=100,
            description="The citizen's language (tag or Accept-Language list, e.g. 'en'): "
            "mails to the citizen use it when the site offers it, else the site language.",
        ),
    ] = ""


class StatusIn(Schema):
    status: Status
    note: Annotated[Text, Field(max_length=2000)] = ""


class MessageIn(Schema):
    kind: Literal["public_reply", "internal_note"]
    body: Annotated[Text, Field(min_length=1, max_length=20_000)]


class ForwardIn(Schema):
    service: Key | None = None
    org_unit: Key | None = None
    reason: Annotated[Text, Field(min_length=1, max_length=2000)]


class AssignIn(Schema):
    assignee: Annotated[Text, Field(max_length=150)] | None = Field(
        description="Username of a colleague of the ticket's office; null returns it to the queue."
    )


class ExternalReferenceIn(Schema):
    system: Annotated[Text, Field(min_length=1, max_length=100)]
    reference: Annotated[Text, Field(min_length=1, max_length=200)]


class ServiceOut(Schema):
    key: str
    name: str
    citizen_name: str
    description: str
    leika_key: str
    kind: str
    online_service_url: str
    appointment_url: str
    form_fields: list[dict[str, Any]]
    org_units: list[str]


class OrgUnitOut(Schema):
    key: str
    name: str
    short_name: str
    kgst_number: str
    kind: str
    parent: str | None
    is_external: bool
    email: str
    phone: str
    address: str
    opening_hours: str


class SuggestionOut(Schema):
    service: str
    service_name: str
    confidence: float
    org_units: list[str]
    explanation: str
