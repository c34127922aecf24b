"""The staff pages: sent-mail log and quarantine with reprocessing."""

from __future__ import annotations

import re
from typing import Any

from django.test import Client
from django.utils.timezone import localtime

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail
from anliegen.tickets.actions import NewTicket, create_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel
from tests.conftest import City

from .conftest import eml


def test_sent_log_and_quarantine_for_admins_only(
    city: City, client: Client, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):  # the receipt goes after commit
        ingest_message(eml("outlook_plain"))
    broken = ingest_message(eml("outlook_tnef_broken"))
    client.force_login(city.clerk_ordnung)
    assert client.get("/arbeitsplatz/mail/gesendet/").status_code == 302
    client.force_login(city.admin)
    page = client.get("/arbeitsplatz/mail/gesendet/")
    assert page.status_code == 200
    assert "ist eingegangen" in page.content.decode()
    quarantine = client.get("/arbeitsplatz/mail/quarantaene/").content.decode()
    assert "Kaputt" in quarantine
    answer = client.post(f"/arbeitsplatz/mail/quarantaene/{broken.pk}/neu/")
    assert answer.status_code == 302
    broken.refresh_from_db()
    assert broken.state == InboundMail.State.QUARANTINED  # still unreadable, still kept


def test_import_mail_command(city: City) -> None:
    from io import StringIO

    from django.core.management import call_command

    from .conftest import FIXTURES

    out = StringIO()
    call_command(
        "import_mail", str(FIXTURES / "gmail_alternative.eml"), str(FIXTURES / "auto_junk.eml"),
        stdout=out,
    )  # fmt: skip
    lines = out.getvalue().splitlines()
    assert "processed 20" in lines[0] and "auto_reply -" in lines[1]


def _details(page: str, summary: str) -> str:
    """The content of the collapsed <details> block whose summary reads ``summary``."""
    found = re.search(
        r"<details[^>]*>\s*<summary[^>]*>\s*<span[^>]*>" + re.escape(summary) + r"</span>"
        r"\s*</summary>(.*?)</details>",
        page,
        re.S,
    )
    assert found, f"no <details> '{summary}' on the page"
    return found.group(1)


def _ticket_page(client: Client, ticket_id: int | None) -> str:
    assert ticket_id is not None
    page = client.get(f"/arbeitsplatz/anliegen/{ticket_id}/")
    assert page.status_code == 200
    return page.content.decode()


def test_ticket_page_folds_quoted_history_away(city: City, client: Client) -> None:
    inbound = ingest_message(eml("outlook_quoted_history"))
    client.force_login(city.admin)
    page = _ticket_page(client, inbound.ticket_id)
    quoted = _details(page, "Zitierter Verlauf")
    assert "Wir kümmern uns darum" in quoted
    # Outside the folded block the page shows only what the citizen wrote now.
    assert page.count("Wir kümmern uns darum") == quoted.count("Wir kümmern uns darum")
    assert "der Müll ist inzwischen abgeholt" in page


def test_ticket_page_shows_the_sanitised_html_version(city: City, client: Client) -> None:
    inbound = ingest_message(eml("html_script_sanitised"))
    client.force_login(city.admin)
    page = _ticket_page(client, inbound.ticket_id)
    html = _details(page, "HTML-Ansicht")
    assert "Sichtbarer Text." in html
    for unsafe in ("<script", "steal()", "onload", "javascript:", "tracker.example"):
        assert unsafe not in html
    assert "steal()" not in page and "tracker.example" not in page


def test_plain_mail_without_quotes_adds_no_folded_blocks(city: City, client: Client) -> None:
    inbound = ingest_message(eml("outlook_plain"))
    client.force_login(city.admin)
    page = _ticket_page(client, inbound.ticket_id)
    assert "Zitierter Verlauf" not in page and "HTML-Ansicht" not in page


def test_ticket_page_warns_when_mails_to_the_contact_bounced(city: City, client: Client) -> None:
    bounced = create_ticket(
        NewTicket(
            text="Bitte melden Sie sich.", channel=Channel.WEB, contact_email="Weg@Example.org"
        ),
        Actor.citizen(),
    ).ticket
    other = create_ticket(
        NewTicket(text="Alles gut.", channel=Channel.WEB, contact_email="da@example.org"),
        Actor.citizen(),
    ).ticket
    report = ingest_message(eml("bounce_postfix"))
    assert report.state == InboundMail.State.BOUNCE
    client.force_login(city.admin)
    page = _ticket_page(client, bounced.pk)
    assert "E-Mails an diese Adresse kamen nicht an" in page
    when = localtime(report.bounces.get().created_at).strftime("%d.%m.%Y %H:%M")
    assert f">{when}</time>: unzustellbar" in page
    assert "E-Mails an diese Adresse kamen nicht an" not in _ticket_page(client, other.pk)
