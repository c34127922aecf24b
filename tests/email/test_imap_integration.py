"""End to end over real servers: SMTP → dovecot → IMAP fetch → ticket → staff reply out over
SMTP → the citizen's answer threads into the same ticket; an auto-reply opens nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from anliegen.channels.email.imap import fetch_mailbox
from anliegen.channels.email.models import InboundMail, Mailbox, OutboundMail
from anliegen.channels.email.tasks import fetch_all_mailboxes
from anliegen.tickets.actions import add_message
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from tests.conftest import City

from .servers import (
    PASSWORD,
    MailServers,
    empty_mailbox,
    imap_messages,
    send_smtp,
    settings_for_smtp,
)

pytestmark = pytest.mark.django_db(transaction=True)
HELPDESK = "helpdesk@koblenz.example"
ROOT = Path(__file__).resolve().parents[2]


def _mailbox(servers: MailServers) -> Mailbox:
    return Mailbox.objects.create(
        name="Bürgerservice",
        address=HELPDESK,
        imap_host="127.0.0.1",
        imap_port=servers.imap_port,
        imap_tls=False,
        imap_user="helpdesk",
        imap_password=PASSWORD,
    )


def _citizen_mail(
    subject: str,
    body: str,
    mid: str,
    sender: str = "Erika Muster <erika@koblenz.example>",
    **headers: str,
) -> bytes:
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = headers.pop("to", HELPDESK)
    mail["Subject"] = subject
    mail["Message-ID"] = mid
    for name, value in headers.items():
        mail[name.replace("_", "-")] = value
    mail.set_content(body)
    return mail.as_bytes()


def _parse(raw: bytes) -> EmailMessage:
    parsed = message_from_bytes(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _text(mail: EmailMessage) -> str:
    body = mail.get_body(("plain",))
    return str(body.get_content()) if body is not None else ""


@pytest.fixture
def servers(mail_servers: MailServers, settings: Any) -> MailServers:
    for user in ("helpdesk", "erika"):
        empty_mailbox(user, mail_servers.root)
    settings_for_smtp(settings)
    return mail_servers


def test_round_trip(servers: MailServers, city: City) -> None:
    mailbox = _mailbox(servers)
    first = _citizen_mail(
        "Laterne", "Die Laterne in der Rheinstraße ist aus.", "<r1@koblenz.example>"
    )
    send_smtp(first, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox).fetched == 1
    ticket = Ticket.objects.get()
    assert ticket.channel == "email"
    # The receipt went out over SMTP into Erika's real mailbox.
    receipts = [_parse(m) for m in imap_messages("erika")]
    assert any(ticket.reference in str(m["Subject"]) for m in receipts)
    # A clerk answers; the reply goes out over SMTP.
    ticket.refresh_from_db()
    add_message(ticket, Actor.staff(city.admin), Message.Kind.PUBLIC_REPLY, "Wir kommen morgen.")
    inbox = [_parse(m) for m in imap_messages("erika")]
    reply = next(m for m in inbox if "Wir kommen morgen." in _text(m))
    reply_to = str(reply["Reply-To"])
    assert reply_to.startswith("helpdesk+")
    # Erika answers to the reply address; it threads into the same ticket.
    answer = _citizen_mail(
        "Re: " + str(reply["Subject"]),
        "Danke, bis morgen!",
        "<r2@koblenz.example>",
        to=reply_to,
        In_Reply_To=str(reply["Message-ID"]),
    )
    send_smtp(answer, "erika@koblenz.example", [reply_to])
    # An out-of-office mail to the helpdesk opens nothing.
    auto = _citizen_mail(
        "Abwesenheitsnotiz", "Bin weg.", "<r3@koblenz.example>", Auto_Submitted="auto-replied"
    )
    send_smtp(auto, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox).fetched == 2
    assert Ticket.objects.count() == 1
    bodies = list(ticket.messages.values_list("body", flat=True))
    assert any("Danke, bis morgen!" in b for b in bodies)
    assert InboundMail.objects.get(message_id_header="<r3@koblenz.example>").state == "auto_reply"


def test_mail_ingested_before_its_uid_was_recorded_is_not_doubled(
    servers: MailServers, city: City
) -> None:
    """The narrowest window of a crash, hit on purpose (the real kill below hits it by chance)."""
    mailbox = _mailbox(servers)
    for index in range(6):
        raw = _citizen_mail(
            f"Mail {index}", f"Anliegen Nummer {index}.", f"<k{index}@koblenz.example>"
        )
        send_smtp(raw, "erika@koblenz.example", [HELPDESK])
    assert fetch_mailbox(mailbox, limit=2).fetched == 2
    # As if the fetcher died after ingesting mail 3 but before it could record the UID.
    uid_before = Mailbox.objects.get(pk=mailbox.pk).last_uid
    from anliegen.channels.email.ingest import ingest_message

    third = imap_messages("helpdesk")[2]
    ingest_message(third, mailbox)
    assert Mailbox.objects.get(pk=mailbox.pk).last_uid == uid_before
    # Restarted, it finishes the batch: every mail once.
    mailbox.refresh_from_db()
    assert fetch_mailbox(mailbox).fetched == 4
    assert Ticket.objects.count() == 6
    texts = sorted(Message.objects.values_list("body", flat=True))
    assert texts == sorted(f"Anliegen Nummer {i}." for i in range(6))


def _database_url() -> str:
    """The test database as a DATABASE_URL, for a fetcher in a separate process."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        name = str(db["NAME"])
        assert name != ":memory:" and "mode=memory" not in name, "subprocess needs a file"
        return "sqlite:///" + str(Path(name).resolve())
    password = ":" + quote(str(db["PASSWORD"]), safe="") if db["PASSWORD"] else ""
    user = quote(str(db["USER"]), safe="")
    return (
        f"postgres://{user}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )


def _fetcher_env(database_url: str) -> dict[str, str]:
    # Receipts are sent at once into memory: the subprocess must not need a worker or SMTP.
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "TASK_BACKEND": "immediate",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "CACHE_URL": "locmem://",
        "LOG_LEVEL": "WARNING",
    }


def _fetcher(database_url: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "manage.py"), "fetch_mail"],
        cwd=ROOT,
        env=_fetcher_env(database_url),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _kill_when_stored(process: subprocess.Popen[bytes], at_least: int) -> tuple[int, int]:
    """SIGKILL the fetcher once ``at_least`` mails are stored; returns (stored, processed)."""
    deadline = time.monotonic() + 120
    while InboundMail.objects.count() < at_least:
        if process.poll() is not None:
            _out, err = process.communicate()
            pytest.fail(f"fetcher ended before the kill: {err.decode()[-2000:]}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"fetcher stored fewer than {at_least} mails in 120 s")
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    processed = InboundMail.objects.exclude(state=InboundMail.State.RECEIVED).count()
    return InboundMail.objects.count(), processed


def test_killed_fetcher_loses_and_doubles_nothing(servers: MailServers, city: City) -> None:
    """manage.py fetch_mail in its own process, SIGKILLed three times mid-batch, then run to
    the end: every mail is a ticket exactly once."""
    total = 40
    mailbox = _mailbox(servers)
    mids = [f"<kill{index}@koblenz.example>" for index in range(total)]
    for index, mid in enumerate(mids):
        # One sender each: the per-sender rate limit must not hold back any of them.
        raw = _citizen_mail(
            f"Mail {index}", f"Anliegen Nummer {index}.", mid, sender=f"b{index}@koblenz.example"
        )
        send_smtp(raw, f"b{index}@koblenz.example", [HELPDESK])
    url = _database_url()
    stored_at_kill = []
    for share in (4, 2, 4 / 3):
        stored, processed = _kill_when_stored(_fetcher(url), int(total / share))
        assert stored < total, "the fetcher finished before it could be killed mid-batch"
        stored_at_kill.append(f"{stored} stored/{processed} processed")
    print(f"{total} mails; when killed: {', '.join(stored_at_kill)}")
    done = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "fetch_mail"],
        cwd=ROOT,
        env=_fetcher_env(url),
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    assert Mailbox.objects.get(pk=mailbox.pk).last_error == ""
    # Every Message-ID: one stored mail, processed, one ticket message, one ticket, one receipt.
    states = dict(InboundMail.objects.values_list("message_id_header", "state"))
    assert states == dict.fromkeys(mids, "processed")
    stored_ids = sorted(str(i) for i in Message.objects.values_list("email_message_id", flat=True))
    assert stored_ids == sorted(mids)
    assert Ticket.objects.count() == total
    bodies = sorted(Message.objects.values_list("body", flat=True))
    assert bodies == sorted(f"Anliegen Nummer {i}." for i in range(total))
    receipts = OutboundMail.objects.filter(kind="citizen.received")
    receipt_ids = receipts.values_list("ticket__messages__email_message_id", flat=True)
    assert sorted(str(i) for i in receipt_ids) == sorted(mids)


def _tls_mailbox(servers: MailServers) -> Mailbox:
    mailbox = _mailbox(servers)
    mailbox.imap_port, mailbox.imap_tls = servers.imaps_port, True
    mailbox.save()
    return mailbox


def test_fetch_over_tls_with_the_city_ca(servers: MailServers, city: City, settings: Any) -> None:
    settings.IMAP_CA_FILE = str(servers.ca_file)
    mailbox = _tls_mailbox(servers)
    raw = _citizen_mail("Laterne", "Über TLS abgeholt.", "<tls1@koblenz.example>")
    send_smtp(raw, "erika@koblenz.example", [HELPDESK])
    result = fetch_mailbox(mailbox)
    assert (result.fetched, result.error) == (1, "")
    assert Message.objects.get().body == "Über TLS abgeholt."


def test_untrusted_certificate_fails_clearly_and_loses_nothing(
    servers: MailServers, city: City, settings: Any, caplog: pytest.LogCaptureFixture
) -> None:
    settings.IMAP_CA_FILE = ""  # the test CA is not among the system's trusted ones
    mailbox = _tls_mailbox(servers)
    raw = _citizen_mail("Laterne", "Erst beim zweiten Mal.", "<tls2@koblenz.example>")
    send_smtp(raw, "erika@koblenz.example", [HELPDESK])
    with caplog.at_level("ERROR", logger="anliegen.channels.email.imap"):
        result = fetch_mailbox(mailbox)
    assert result.fetched == 0
    assert "TLS-Zertifikat von 127.0.0.1" in result.error
    assert "nicht vertrauenswürdig" in result.error and "IMAP_CA_FILE" in result.error
    assert any(
        record.levelname == "ERROR" and "TLS-Zertifikat" in record.getMessage()
        for record in caplog.records
    )
    stored = Mailbox.objects.get(pk=mailbox.pk)
    assert stored.last_error == result.error and stored.last_uid == 0
    assert not InboundMail.objects.exists()
    # The command reports it and fails, so a cron job or operator notices.
    command = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "fetch_mail"],
        cwd=ROOT,
        env={**_fetcher_env(_database_url()), "IMAP_CA_FILE": ""},
        capture_output=True,
        timeout=120,
    )
    assert command.returncode != 0
    assert "nicht vertrauenswürdig" in command.stderr.decode()
    # Once the CA is trusted, the mail that waited on the server arrives.
    settings.IMAP_CA_FILE = str(servers.ca_file)
    assert fetch_mailbox(Mailbox.objects.get(pk=mailbox.pk)).fetched == 1
    assert Message.objects.get().body == "Erst beim zweiten Mal."
    assert Mailbox.objects.get(pk=mailbox.pk).last_error == ""


def test_periodic_fetch_runs_one_task_per_mailbox(servers: MailServers, city: City) -> None:
    """The periodic task queues one fetch per mailbox, so workers fetch them in parallel."""
    helpdesk = _mailbox(servers)
    second = Mailbox.objects.create(
        name="Ordnungsamt",
        address="erika@koblenz.example",
        imap_host="127.0.0.1",
        imap_port=servers.imap_port,
        imap_tls=False,
        imap_user="erika",
        imap_password=PASSWORD,
    )
    Mailbox.objects.create(name="Abgeschaltet", address="alt@koblenz.example", is_active=False)
    for index, to in enumerate((HELPDESK, "erika@koblenz.example")):
        citizen = f"b{index}@koblenz.example"  # not Erika: her address is a mailbox here
        raw = _citizen_mail(
            f"Anliegen {index}", f"Text {index}.", f"<per{index}@koblenz.example>", citizen, to=to
        )
        send_smtp(raw, citizen, [to])
    queued = fetch_all_mailboxes.enqueue().return_value
    assert queued is not None and set(queued) == {HELPDESK, "erika@koblenz.example"}
    assert sorted(Ticket.objects.values_list("subject", flat=True)) == ["Anliegen 0", "Anliegen 1"]
    assert {m.mailbox_id for m in InboundMail.objects.all()} == {helpdesk.pk, second.pk}
