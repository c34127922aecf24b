"""What a stored mail becomes: a bounce record, an ignored auto-reply, or a ticket message."""

from __future__ import annotations

import hashlib
from email.message import Message as MailHeaders

from django.utils import timezone
from django.utils.translation import gettext as _

from anliegen.core.languages import supported_language
from anliegen.core.uploads import ScanUnavailable, UploadRejected, check_upload
from anliegen.privacy.secrecy import NOT_SECRET
from anliegen.tickets.access import secrecy_of
from anliegen.tickets.actions import AttachmentInput, NewTicket, add_message, create_ticket
from anliegen.tickets.actions.messages import MAX_BODY
from anliegen.tickets.actors import Actor, ActorKind
from anliegen.tickets.models import Channel, Message

from .addresses import own_addresses
from .models import Bounce, InboundMail, OutboundMail
from .parsing import ParsedMail, parse_headers, parse_mail
from .parsing.classify import bounce_report, is_auto_reply
from .parsing.machine import machine_reason
from .threading import find_ticket

MAX_ATTACHMENTS = 20
LOOP_LIMIT = 2  # mails of one sender with one subject per hour before the next one is held
EMAIL_CITIZEN = Actor(ActorKind.CITIZEN, name="email")


def handle(inbound: InboundMail, envelope: list[str], *, accept: bool = False) -> None:
    """``accept``: staff took the mail over from the quarantine; no machine or loop check."""
    raw = bytes(inbound.raw)
    headers = parse_headers(raw)
    report = bounce_report(headers)
    if report is not None:
        _record_bounce(inbound, report.recipient, report.status, report.diagnostic,
                       report.is_permanent, report.original_message_id)  # fmt: skip
        return
    if not accept and _held(inbound, headers):
        return
    mail = parse_mail(headers)  # parsed once above, for the classifiers too
    inbound.text = mail.text
    inbound.html = mail.html
    inbound.body_hash = hashlib.sha256(mail.new_text.strip().encode("utf-8", "replace")).hexdigest()
    body, attachments = _body_and_files(mail)
    ticket, how = find_ticket(mail, [a.lower() for a in envelope])
    if ticket is None and not accept and _looping(inbound):
        return
    # Message.email_message_id is unique: a reused ID stays with the mail that brought it first.
    message_id = None if inbound.message_id_reused else (mail.message_id or None)
    if ticket is not None:
        message = add_message(
            ticket,
            EMAIL_CITIZEN,
            Message.Kind.CITIZEN,
            body,
            attachments=attachments,
            channel=Channel.EMAIL,
            email_message_id=message_id,
        )
    else:
        created = create_ticket(
            NewTicket(
                text=body,
                channel=Channel.EMAIL,
                subject=mail.subject,
                contact_name=mail.sender_name[:200],
                contact_email=mail.sender,
                contact_language=_language(headers),
                attachments=attachments,
                email_message_id=message_id,
            ),
            EMAIL_CITIZEN,
        )
        ticket, how = created.ticket, "new"  # the receipt is the action's (ticket.created)
        message = created.message or ticket.messages.get()
    inbound.ticket, inbound.message, inbound.threaded_by = ticket, message, how
    _keep_secrecy(inbound)
    inbound.state = InboundMail.State.PROCESSED


def _keep_secrecy(inbound: InboundMail) -> None:
    """The mail carries the secrecy of the ticket it went to (privacy.secrecy)."""
    secrecy = secrecy_of(inbound.ticket) if inbound.ticket else NOT_SECRET
    inbound.sensitive, inbound.secrecy_unit_id = secrecy.sensitive, secrecy.unit_id


def _held(inbound: InboundMail, headers: MailHeaders) -> bool:
    """Machine mail and loops: stored with the reason, no ticket, no receipt."""
    from .ingest import over_rate_limit

    if is_auto_reply(headers) or inbound.sender in own_addresses():
        inbound.state = InboundMail.State.AUTO_REPLY
        inbound.error = _("Automatische Antwort")
        return True
    reason = machine_reason(headers, inbound.sender)
    if reason:
        inbound.state = InboundMail.State.MACHINE
        inbound.error = reason
        return True
    if over_rate_limit(inbound):
        inbound.state = InboundMail.State.RATE_LIMITED
        inbound.error = _("Zu viele Mails des Absenders in einer Stunde")
        return True
    return False


def _looping(inbound: InboundMail) -> bool:
    """A new ticket with the subject and text this sender sent twice this hour already: an
    auto-responder answering each receipt with its own subject. Replies that thread are not
    counted: they open nothing and get no receipt. A person writing again under one subject
    writes another text."""
    from .ingest import repeats_subject

    if not repeats_subject(inbound, LOOP_LIMIT):
        return False
    inbound.state = InboundMail.State.RATE_LIMITED
    inbound.error = _(
        "Schleife? Gleicher Betreff und Text vom gleichen Absender zum %(n)s. Mal in einer Stunde"
    ) % {"n": LOOP_LIMIT + 1}
    return True


def _language(headers: MailHeaders) -> str:
    """The language the citizen wrote in, as far as the mail says (Outlook sends both)."""
    for name in ("Content-Language", "Accept-Language"):
        found = supported_language(str(headers.get(name, "") or ""))
        if found:
            return found
    return ""


def _body_and_files(mail: ParsedMail) -> tuple[str, tuple[AttachmentInput, ...]]:
    lines = [mail.new_text or mail.subject or _("(E-Mail ohne Text)")]
    files: list[AttachmentInput] = []
    for item in mail.attachments:
        if len(files) >= MAX_ATTACHMENTS:
            lines.append(_("Weitere Anhänge nicht übernommen (höchstens 20)."))
            break
        try:
            checked = check_upload(item.filename, item.content)
        except ScanUnavailable:
            # The raw mail is stored: quarantine it (ingest.process) and reprocess it once
            # clamd is back, rather than drop a file nobody could check.
            raise
        except UploadRejected as error:
            lines.append(_("Anhang nicht übernommen: %(reason)s") % {"reason": error.message})
            continue
        files.append(AttachmentInput(checked.filename, checked.content, checked.content_type))
    if mail.quoted_text:
        lines.append(_("[Zitierter Verlauf ausgeblendet; er bleibt in der Original-E-Mail.]"))
    body = "\n\n".join(lines)
    if len(body) > MAX_BODY:
        note = _("[Gekürzt; der vollständige Text bleibt in der Original-E-Mail.]")
        body = body[: MAX_BODY - len(note) - 2] + "\n\n" + note
    return body, tuple(files)


def _record_bounce(
    inbound: InboundMail,
    recipient: str,
    status: str,
    diagnostic: str,
    permanent: bool,
    original_id: str,
) -> None:
    outbound = OutboundMail.objects.filter(message_id=original_id).first() if original_id else None
    if outbound is None and recipient:
        outbound = OutboundMail.objects.filter(recipient__iexact=recipient).first()
    if outbound is not None and permanent:
        OutboundMail.objects.filter(pk=outbound.pk).update(state=OutboundMail.State.BOUNCED)
    Bounce.objects.create(
        address=(recipient or (outbound.recipient if outbound else ""))[:254],
        status=status[:20],
        diagnostic=diagnostic,
        is_permanent=permanent,
        outbound=outbound,
        inbound=inbound,
        created_at=timezone.now(),
    )
    inbound.ticket = outbound.ticket if outbound else None
    _keep_secrecy(inbound)
    inbound.state = InboundMail.State.BOUNCE
