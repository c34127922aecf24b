"""create_ticket: every channel's way in."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from anliegen.catalog.models import District, Service
from anliegen.catalog.responsibility import lead_unit
from anliegen.core.errors import ValidationFailed
from anliegen.core.languages import supported_language
from anliegen.core.refnum import format_reference
from anliegen.core.text import (
    has_control_characters,
    normalise_data,
    normalise_line,
    normalise_text,
)
from anliegen.core.tokens import (
    derive_token,
    derived_tokens,
    hash_token,
    new_nonce,
    token_matches,
)
from anliegen.routing.api import RoutingDecision, decide

from ..actors import Actor
from ..models import Channel, EventKind, Message, Priority, ReferenceCounter, Ticket
from ..status import Status
from ._common import AttachmentInput, add_event, set_deadlines, store_message

MAX_TEXT = 20_000
MAX_FORM_VALUE = 5_000  # the portal's longest service field (a text area)
MAX_FORM_DATA = 50_000  # all answers together, as JSON
MAX_SUBMISSION_KEY = 100


@dataclass(frozen=True)
class CitizenChoice:
    """The citizen's answer to the portal's „Meinen Sie …?“ (routing.api shortlist).

    ``offered``: (service key, plain name as shown), best first; ``chosen``: the key the
    citizen picked, or "" for „etwas anderes“. A picked service is the ticket's service (like
    one chosen on its own page); "" leaves the routing to the engine."""

    offered: tuple[tuple[str, str], ...]
    chosen: str = ""

    def as_data(self) -> dict[str, Any]:
        return {
            "offered": [{"service": key, "name": name} for key, name in self.offered],
            "chosen": self.chosen,
        }


@dataclass(frozen=True)
class NewTicket:
    text: str
    channel: Channel
    subject: str = ""
    service: Service | None = None  # chosen by the citizen or the clerk; else routed
    contact_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    contact_language: str = ""  # a language tag or Accept-Language list; kept if the site has it
    location_text: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    district: District | None = None
    form_data: dict[str, Any] = field(default_factory=dict)
    attachments: tuple[AttachmentInput, ...] = ()
    priority: Priority = Priority.NORMAL
    email_message_id: str | None = None
    # The submitter's own random key for this one concern (the portal's draft): submitting
    # again with the same key returns the first ticket instead of creating a second.
    submission_key: str = ""
    citizen_choice: CitizenChoice | None = None


@dataclass(frozen=True)
class CreatedTicket:
    ticket: Ticket
    token: str  # the secret tracking link's token; shown once, never stored (core.tokens)
    # False: an earlier submission with the same key had made it; nothing new was written.
    # ``token`` is then the ticket's current link ("" if the secret key changed since).
    created: bool = True
    message: Message | None = None  # the citizen's first message, when created by this call


class _AlreadySubmitted(Exception):
    pass


def _key_hash(channel: str, key: str) -> str:
    # Per channel, and only the hash stored: the key itself never sits in the database.
    return hashlib.sha256(f"{channel}:{key}".encode()).hexdigest() if key else ""


def find_submission(channel: str, key: str) -> CreatedTicket | None:
    """The ticket an earlier submission with this key made (``created=False``), or None."""
    key_hash = _key_hash(channel, key)
    ticket = Ticket.objects.filter(submission_key_hash=key_hash).first() if key_hash else None
    if ticket is None:
        return None
    # The ticket's current link again, derived from its nonce (also after a reissue). Empty
    # only if the secret key has changed beyond its fallbacks since.
    token = next(
        (t for t in derived_tokens(ticket.token_nonce) if token_matches(t, ticket.token_hash)), ""
    )
    return CreatedTicket(ticket=ticket, token=token, created=False)


_COUNTER = ReferenceCounter._meta.db_table
_NEXT_NUMBER = (
    f'UPDATE "{_COUNTER}" SET last_number = last_number + 1 '  # noqa: S608 - a constant name
    "WHERE year = %s RETURNING last_number"
)


def _next_reference(year: int) -> str:
    # UPDATE … SET n = n + 1 takes the row lock, so concurrent creators get distinct numbers
    # on PostgreSQL; SQLite serialises writers (IMMEDIATE transactions) anyway. RETURNING
    # (SQLite ≥ 3.35, PostgreSQL) makes it one query; the year's row is made on its first use.
    for _attempt in range(2):
        with connection.cursor() as cursor:
            cursor.execute(_NEXT_NUMBER, [year])
            row = cursor.fetchone()
        if row is not None:
            return format_reference(year, int(row[0]))
        ReferenceCounter.objects.get_or_create(year=year)
    raise RuntimeError(f"reference counter for {year} missing")


def _subject(data: NewTicket) -> str:
    if data.subject.strip():
        return data.subject.strip()[:200]
    first_line = normalise_line(data.text.strip().splitlines()[0]) if data.text.strip() else ""
    return (first_line[:120] or str(_("Anliegen"))).strip()


def _normalised(data: NewTicket) -> NewTicket:
    """Every text of every channel, once: NFC, no control characters, no bidi overrides."""
    email = data.contact_email.strip()
    if has_control_characters(email) or " " in email:
        # A line break in an address would become a header of the citizen's mails.
        raise ValidationFailed(_("Die E-Mail-Adresse enthält unzulässige Zeichen."))
    return replace(
        data,
        text=normalise_text(data.text),
        subject=normalise_line(data.subject),
        contact_name=normalise_line(data.contact_name),
        contact_email=email,
        contact_phone=normalise_line(data.contact_phone),
        contact_language=normalise_line(data.contact_language),
        location_text=normalise_line(data.location_text),
        form_data=normalise_data(data.form_data),
    )


def _validate(data: NewTicket) -> None:
    if not data.text.strip():
        raise ValidationFailed(_("Bitte beschreiben Sie Ihr Anliegen."))
    if len(data.text) > MAX_TEXT:
        raise ValidationFailed(_("Der Text ist zu lang (höchstens 20.000 Zeichen)."))
    labels = (
        {f.get("name"): f.get("label") for f in data.service.form_fields} if data.service else {}
    )
    for name, value in data.form_data.items():
        if len(value if isinstance(value, str) else json.dumps(value)) > MAX_FORM_VALUE:
            raise ValidationFailed(
                _("Die Angabe „%(field)s“ ist zu lang (höchstens 5.000 Zeichen).")
                % {"field": str(labels.get(name) or name)[:100]}
            )
    if len(data.submission_key) > MAX_SUBMISSION_KEY:
        raise ValidationFailed(_("Der Schlüssel der Einreichung ist zu lang."))
    if len(json.dumps(data.form_data)) > MAX_FORM_DATA:
        raise ValidationFailed(_("Die Angaben zur Leistung sind zu umfangreich."))
    choice = data.citizen_choice
    if choice is not None:
        offered = [key for key, _name in choice.offered]
        picked = data.service.key if data.service else ""
        if choice.chosen != picked or (picked and picked not in offered) or len(offered) > 3:
            raise ValidationFailed(_("Die gewählte Leistung gehört nicht zu den Vorschlägen."))


def create_ticket(data: NewTicket, actor: Actor) -> CreatedTicket:
    """Store a new concern, route it (or send it to triage) and announce it.

    With a submission key the call is idempotent: a repeated or concurrent call with the same
    key returns the ticket of the first (``created=False``) and writes nothing."""
    data = _normalised(data)
    _validate(data)
    earlier = find_submission(data.channel, data.submission_key)
    if earlier is not None:
        return earlier
    try:
        return _create(data, actor)
    except (_AlreadySubmitted, IntegrityError):
        earlier = find_submission(data.channel, data.submission_key)
        if earlier is None:
            raise
        return earlier


def _create(data: NewTicket, actor: Actor) -> CreatedTicket:
    # Routing reads only; doing it before the transaction keeps the write lock short.
    decision = None if data.service else decide(data.text, district=data.district)
    now = timezone.now()
    nonce = new_nonce()
    token = derive_token(nonce)
    key_hash = _key_hash(data.channel, data.submission_key)
    with transaction.atomic():
        reference = _next_reference(timezone.localdate(now).year)
        # After the counter's row lock (PostgreSQL) or the write lock (SQLite) a twin that
        # committed meanwhile is visible; the unique constraint catches any other race.
        if key_hash and Ticket.objects.filter(submission_key_hash=key_hash).exists():
            raise _AlreadySubmitted
        ticket = Ticket(
            reference=reference,
            token_hash=hash_token(token),
            token_nonce=nonce,
            submission_key_hash=key_hash,
            channel=data.channel,
            subject=_subject(data),
            contact_name=data.contact_name.strip(),
            contact_email=data.contact_email.strip(),
            contact_phone=data.contact_phone.strip(),
            contact_language=supported_language(data.contact_language),
            location_text=data.location_text.strip(),
            latitude=data.latitude,
            longitude=data.longitude,
            district=data.district,
            form_data=data.form_data,
            priority=data.priority,
            created_at=now,
        )
        _apply_routing(ticket, data, decision)
        set_deadlines(ticket, ticket.service, now)
        ticket.save()
        message = store_message(
            ticket,
            Message.Kind.CITIZEN,
            data.text,
            actor,
            channel=data.channel,
            attachments=data.attachments,
            email_message_id=data.email_message_id,
        )
        add_event(
            ticket,
            EventKind.CREATED,
            actor,
            public=True,
            at=now,
            channel=data.channel,
            reference=ticket.reference,
        )
        _record_routing(ticket, data, decision, actor)
    return CreatedTicket(ticket=ticket, token=token, message=message)


def _apply_routing(ticket: Ticket, data: NewTicket, decision: RoutingDecision | None) -> None:
    if data.service is not None:
        responsibility = lead_unit(data.service, data.district, data.location_text)
        ticket.service = data.service
        ticket.org_unit = responsibility.org_unit if responsibility else None
        ticket.is_sensitive = data.service.is_sensitive
        ticket.status = Status.NEW if ticket.org_unit else Status.TRIAGE
        return
    assert decision is not None
    top = decision.top
    ticket.routing_confidence = top.confidence if top else None
    if top is not None and (decision.auto or top.service.is_sensitive):
        # A concern that looks like social or tax secrecy goes straight to that office, even
        # when unsure, so that no central triage desk reads it.
        ticket.service = top.service
        ticket.org_unit = top.lead_unit
        if data.location_text:
            # A responsibility by street (catalogue import) is decided by the place given.
            local = lead_unit(top.service, data.district, data.location_text)
            ticket.org_unit = local.org_unit if local else top.lead_unit
        ticket.is_sensitive = top.service.is_sensitive
    auto_routed = decision.auto and ticket.org_unit is not None
    ticket.status = Status.NEW if auto_routed else Status.TRIAGE


def _record_routing(
    ticket: Ticket, data: NewTicket, decision: RoutingDecision | None, actor: Actor
) -> None:
    unit_key = ticket.org_unit.key if ticket.org_unit else None
    service_key = ticket.service.key if ticket.service else None
    choice = data.citizen_choice
    asked: dict[str, Any] = {"asked": choice.as_data()} if choice is not None else {}
    if decision is None:
        add_event(
            ticket,
            EventKind.ROUTED,
            actor,
            service=service_key,
            org_unit=unit_key,
            method="asked" if choice else "chosen",
            reason=str(
                _("Leistung auf „Meinen Sie …?“ gewählt")
                if choice
                else _("Leistung bei der Eingabe gewählt")
            ),
            **asked,
        )
        return
    add_event(
        ticket,
        EventKind.ROUTED,
        actor,
        service=service_key,
        org_unit=unit_key,
        method="auto" if ticket.status == Status.NEW else "triage",
        confidence=decision.top.confidence if decision.top else None,
        threshold=decision.threshold,
        model_version=decision.model_version,
        reason=decision.reason,
        suggestions=decision.as_data(),
        shortlist=[s.service.key for s in decision.shortlist],
        **asked,
    )
