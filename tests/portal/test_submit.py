from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from anliegen.catalog.models import Service
from anliegen.portal import drafts, spam
from anliegen.portal.tasks import purge_draft_uploads
from anliegen.tickets.models import Attachment, Ticket

from .demo import BULKY_WASTE
from .helpers import altcha_payload, base_values, confirm

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
FORM = reverse("portal:submit", args=[BULKY_WASTE])


def bulky(**extra: Any) -> dict[str, Any]:
    return base_values(
        **{"sf_pickup_items": "Eine Couch, zwei Sessel", "sf_volume_m3": "2", **extra}
    )


def test_happy_path_creates_ticket_with_fields_attachment_and_mail(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    upload = SimpleUploadedFile("../../Foto <1>.png", PNG, content_type="text/html")
    response = client.post(FORM, {**bulky(), "attachments": [upload]})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:review")
    review = client.get(reverse("portal:review")).text
    assert "Eine Couch, zwei Sessel" in review
    assert "Foto _1.png" in review
    with django_capture_on_commit_callbacks(execute=True):
        done = confirm(client)
    assert done.status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.service == Service.objects.get(key=BULKY_WASTE)
    assert ticket.form_data == {"pickup_items": "Eine Couch, zwei Sessel", "volume_m3": "2"}
    assert ticket.contact_email == "erika@example.org"
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.content_type) == ("Foto _1.png", "image/png")
    page = client.get(done["Location"]).text
    assert ticket.reference in page
    assert len(mail.outbox) == 1
    assert ticket.reference in mail.outbox[0].body
    link = next(line for line in mail.outbox[0].body.splitlines() if "/verfolgen/" in line)
    assert link in page


def test_generic_submission_is_routed(client: Client, catalogue: None) -> None:
    client.post(reverse("portal:submit_generic"), base_values())
    assert confirm(client, use_sum=True).status_code == 302
    assert Ticket.objects.get().subject


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"text": ""}, "text", "Bitte beschreiben Sie Ihr Anliegen."),
        ({"privacy": ""}, "privacy", "Bitte bestätigen Sie die Datenschutzhinweise."),
        ({"contact_name": ""}, "contact_name", "Bitte geben Sie Ihren Namen an."),
        ({"contact_email": ""}, "contact_email", "E-Mail-Adresse oder eine Telefonnummer"),
        ({"contact_email": "kein-at"}, "contact_email", "gültige E-Mail-Adresse"),
        ({"sf_pickup_items": ""}, "sf_pickup_items", "Dieses Feld ist zwingend erforderlich."),
        ({"sf_volume_m3": "viel"}, "sf_volume_m3", "Bitte eine Zahl eingeben."),
    ],
)
def test_each_validation_error_keeps_everything_typed(
    client: Client, catalogue: None, change: dict[str, str], field: str, message: str
) -> None:
    values = bulky(**change)
    page = client.post(FORM, {**values, "attachments": [SimpleUploadedFile("a.png", PNG)]})
    assert page.status_code == 200
    assert message in page.text
    assert 'aria-invalid="true"' in page.text
    for key in ("text", "contact_name", "location_text", "sf_pickup_items"):
        if values[key]:
            assert values[key] in page.text
    assert "a.png" in page.text  # the upload is kept too
    assert not Ticket.objects.exists()


def test_anonymous_only_for_defect_reports(client: Client, catalogue: None) -> None:
    defect = Service.objects.filter(kind=Service.Kind.DEFECT, form_fields=[]).first()
    assert defect is not None
    anonymous = base_values(contact_name="", contact_email="")
    response = client.post(reverse("portal:submit", args=[defect.key]), anonymous)
    assert response.status_code == 302
    assert confirm(client).status_code == 302
    assert Ticket.objects.get().contact_email == ""
    assert not mail.outbox


def test_change_goes_back_with_everything_kept(client: Client, catalogue: None) -> None:
    client.post(FORM, {**bulky(), "attachments": [SimpleUploadedFile("a.txt", b"Hallo")]})
    page = client.get(FORM).text
    assert "Eine Couch, zwei Sessel" in page
    assert "a.txt" in page
    assert "erika@example.org" in page


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("gross.pdf", b"%PDF-1.7\n" + b"0" * (10 * 1024 * 1024), "zu groß"),
        ("rechnung.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "nicht erlaubtes Format"),
        ("bild.png", b"<html><script>alert(1)</script></html>", "nicht erlaubtes Format"),
    ],
)
def test_oversized_and_disguised_uploads_are_refused(
    client: Client, catalogue: None, name: str, content: bytes, message: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    page = client.post(FORM, {**bulky(), "attachments": [upload]})
    assert page.status_code == 200
    assert message in page.text
    assert "Eine Couch, zwei Sessel" in page.text


def test_at_most_five_files(client: Client, catalogue: None) -> None:
    files = [SimpleUploadedFile(f"{i}.txt", b"Text") for i in range(6)]
    page = client.post(FORM, {**bulky(), "attachments": files})
    assert "höchstens 5 Dateien" in page.text


def test_failed_spam_check_keeps_the_draft(client: Client, catalogue: None) -> None:
    client.post(FORM, bulky())
    client.get(reverse("portal:review"))
    page = client.post(reverse("portal:review"), {"math_answer": "-1", "altcha": "Zm9v"})
    assert page.status_code == 400
    assert "Sicherheitsprüfung" in page.text
    assert "Eine Couch, zwei Sessel" in page.text
    assert not Ticket.objects.exists()


def test_a_solved_challenge_counts_once(client: Client, catalogue: None) -> None:
    client.post(FORM, bulky())
    review = client.get(reverse("portal:review")).text
    payload = altcha_payload(review)
    assert client.post(reverse("portal:review"), {"altcha": payload}).status_code == 302
    client.post(FORM, bulky())
    assert client.post(reverse("portal:review"), {"altcha": payload}).status_code == 400


def test_rate_limit_reached(client: Client, catalogue: None) -> None:
    for _ in range(spam.RATE_LIMIT):
        client.post(FORM, bulky())
        assert confirm(client).status_code == 302
    client.post(FORM, bulky())
    page = confirm(client)
    assert page.status_code == 400
    assert "sehr viele Anliegen" in page.text
    assert Ticket.objects.count() == spam.RATE_LIMIT


def test_abandoned_draft_uploads_are_purged_after_the_session_lifetime(
    client: Client, catalogue: None, settings: Any
) -> None:
    client.post(FORM, {**bulky(), "attachments": [SimpleUploadedFile("a.png", PNG)]})
    stored = default_storage.listdir(drafts.TEMP_DIR)[1]
    assert len(stored) == 1
    assert purge_draft_uploads.call() == 0  # the citizen may still come back
    later = timezone.now() + timedelta(seconds=settings.SESSION_COOKIE_AGE, days=1, minutes=1)
    with time_machine.travel(later):
        assert purge_draft_uploads.call() == 1
    assert default_storage.listdir(drafts.TEMP_DIR)[1] == []


def test_submission_in_english_gets_english_mails(
    client: Client, catalogue: None, django_capture_on_commit_callbacks: Any
) -> None:
    # The citizen picks English with the portal's language switch.
    assert client.post(reverse("set_language"), {"language": "en", "next": "/"}).status_code == 302
    client.post(reverse("portal:submit_generic"), base_values())
    with django_capture_on_commit_callbacks(execute=True):
        assert confirm(client, use_sum=True).status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.contact_language == "en"
    assert mail.outbox[-1].subject == f"Your concern {ticket.reference} has been received"
