"""The staff pages: sent-mail log and quarantine with reprocessing."""

from __future__ import annotations

from django.test import Client

from anliegen.channels.email.ingest import ingest_message
from anliegen.channels.email.models import InboundMail
from tests.conftest import City

from .conftest import eml


def test_sent_log_and_quarantine_for_admins_only(city: City, client: Client) -> None:
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
