"""Reply addresses (plus-addressing with a random per-ticket token) and sender identities."""

from __future__ import annotations

import base64
import secrets
from dataclasses import dataclass
from email.utils import formataddr

from django.conf import settings
from email_validator import EmailNotValidError, validate_email

from anliegen.core.memo import remembered
from anliegen.organization.units import chain_up
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


def _active_mailboxes() -> dict[int | None, Mailbox]:
    """The first active mailbox of each office (None: the city-wide one). A handful of rows,
    read once per request or mail batch (core.memo); callers only read them."""

    def load() -> dict[int | None, Mailbox]:
        found: dict[int | None, Mailbox] = {}
        for mailbox in Mailbox.objects.filter(is_active=True).order_by("pk"):
            found.setdefault(mailbox.org_unit_id, mailbox)
        return found

    return remembered("active_mailboxes", load)


def mailbox_for(ticket: Ticket | None) -> Mailbox | None:
    """The office's own mailbox (walking up the tree), else the city-wide one."""
    mailboxes = _active_mailboxes()
    unit_id = ticket.org_unit_id if ticket else None
    if unit_id is not None and mailboxes.keys() - {None}:  # offices with their own mailbox
        for unit in chain_up(unit_id):
            if unit in mailboxes:
                return mailboxes[unit]
    return mailboxes.get(None)


def identity_for(ticket: Ticket | None) -> Identity:
    mailbox = mailbox_for(ticket)
    if mailbox is not None:
        return Identity(mailbox.address, mailbox.sender_name or mailbox.name)
    return Identity(settings.DEFAULT_FROM_EMAIL, settings.CITY_NAME)


def reply_address(ticket: Ticket, identity: Identity | None = None) -> str:
    """The ticket's own address: ``local+token@domain`` of its sender identity (pass it when
    known: finding it walks the office tree)."""
    token = ReplyAddress.objects.filter(ticket=ticket).values_list("token", flat=True).first()
    if token is None:
        # A concurrent first mail of the same ticket may win: its token is the one kept.
        ReplyAddress.objects.bulk_create(
            [ReplyAddress(ticket=ticket, token=new_reply_token())], ignore_conflicts=True
        )
        token = ReplyAddress.objects.values_list("token", flat=True).get(ticket=ticket)
    local, _, domain = (identity or identity_for(ticket)).address.partition("@")
    return f"{local.split('+')[0]}+{token}@{domain}"


def token_from(address: str) -> str | None:
    local = address.partition("@")[0]
    if "+" not in local:
        return None
    return local.split("+", 1)[1].lower() or None


def own_addresses() -> frozenset[str]:
    """The helpdesk's own addresses (a mail from one of them is a loop), once per batch."""

    def load() -> frozenset[str]:
        addresses = {a.lower() for a in Mailbox.objects.values_list("address", flat=True)}
        return frozenset({*addresses, settings.DEFAULT_FROM_EMAIL.lower()})

    return remembered("own_addresses", load)


def is_mailbox(address: str) -> bool:
    """A syntactically valid mailbox (``name@domain.tld``): no receipts to "clement.si" or
    other fragments a broken From header leaves. No DNS lookup: mail is sent from machines
    whose resolver the helpdesk does not control, and a dead domain bounces anyway."""
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True
