"""Reply addresses (plus-addressing with a random per-ticket token) and sender identities."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from email_validator import EmailNotValidError, validate_email

from anliegen.tickets.models import Ticket

from .models import Mailbox, ReplyAddress


@dataclass(frozen=True)
class Identity:
    address: str
    name: str

    @property
    def formatted(self) -> str:
        return formataddr((self.name, self.address))


def new_reply_token() -> str:
    # 80 random bits in lower-case base32: survives case-folding mail servers, not guessable.
    return base64.b32encode(secrets.token_bytes(10)).decode().lower()


def mailbox_for(ticket: Ticket | None) -> Mailbox | None:
    """The office's own mailbox (walking up the tree), else the city-wide one."""
    unit = ticket.org_unit if ticket else None
    while unit is not None:
        mailbox = Mailbox.objects.filter(org_unit=unit, is_active=True).first()
        if mailbox:
            return mailbox
        unit = unit.parent
    return Mailbox.objects.filter(org_unit__isnull=True, is_active=True).first()


def identity_for(ticket: Ticket | None) -> Identity:
    mailbox = mailbox_for(ticket)
    if mailbox is not None:
        return Identity(mailbox.address, mailbox.sender_name or mailbox.name)
    return Identity(settings.DEFAULT_FROM_EMAIL, settings.CITY_NAME)


def reply_address(ticket: Ticket, identity: Identity | None = None) -> str:
    """The ticket's own address: ``local+token@domain`` of its sender identity (pass it when
    known: finding it walks the office tree)."""
    record, _created = ReplyAddress.objects.get_or_create(
        ticket=ticket, defaults={"token": new_reply_token()}
    )
    local, _, domain = (identity or identity_for(ticket)).address.partition("@")
    return f"{local.split('+')[0]}+{record.token}@{domain}"


def token_from(address: str) -> str | None:
    local = address.partition("@")[0]
    if "+" not in local:
        return None
    return local.split("+", 1)[1].lower() or None


def own_addresses() -> set[str]:
    addresses = {a.lower() for a in Mailbox.objects.values_list("address", flat=True)}
    addresses.add(settings.DEFAULT_FROM_EMAIL.lower())
    return addresses


def is_mailbox(address: str) -> bool:
    """A syntactically valid mailbox (``name@domain.tld``): no receipts to "clement.si" or
    other fragments a broken From header leaves. No DNS lookup: mail is sent from machines
    whose resolver the helpdesk does not control, and a dead domain bounces anyway."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True
