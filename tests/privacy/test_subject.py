"""Data-subject rights in the workspace: export everything about a person, erase what no
retention duty keeps."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.test import Client
from django.urls import reverse

from anliegen.privacy.models import AuditEvent
from tests.conftest import City

from .conftest import DUE, KEPT, dpo_user, files_mentioning, rows_mentioning, seed_ticket


def _dpo(city: City) -> Client:
    client = Client()
    client.force_login(dpo_user(city))
    return client


def test_export_by_email_or_phone_across_offices(city: City) -> None:
    normal = seed_ticket(city, DUE)
    sensitive = seed_ticket(city, DUE, sensitive=True)
    seed_ticket(city, KEPT)
    client = _dpo(city)
    for query in ({"email": DUE.email.upper()}, {"phone": "+49 261 98 76 543"}):
        page = client.get(reverse("workspace:dpo_person"), query)
        body = page.content.decode()
        assert normal.reference in body and sensitive.reference in body
        assert KEPT.email not in body
    response = client.post(reverse("workspace:dpo_person_export"), {"email": DUE.email})
    assert response["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(response.content)) as package:
        data = json.loads(package.read("data.json"))
        assert {t["reference"] for t in data["tickets"]} == {normal.reference, sensitive.reference}
        html = package.read("index.html").decode()
        assert DUE.name in html and normal.reference in html
        paths = [
            a["path"] for t in data["tickets"] for m in t["messages"] for a in m["attachments"]
        ]
        assert len(paths) == 2 and all(p in package.namelist() for p in paths)
    assert AuditEvent.objects.filter(action="subject.export").count() == 1
    assert AuditEvent.objects.filter(action="subject.lookup").exists()


def test_export_refused_to_others_and_bad_input_explained(city: City) -> None:
    clerk = Client()
    clerk.force_login(city.clerk_vollzug)
    assert (
        clerk.post(reverse("workspace:dpo_person_export"), {"email": DUE.email}).status_code == 403
    )
    page = _dpo(city).get(reverse("workspace:dpo_person"), {"email": "", "phone": "12"})
    assert "E-Mail-Adresse oder eine Telefonnummer" in page.content.decode()


def test_erasure_keeps_what_retention_requires_and_says_why(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        old = seed_ticket(city, DUE, closed_days_ago=4 * 365)
        recent = seed_ticket(city, DUE, closed_days_ago=30)
    page = _dpo(city).post(reverse("workspace:dpo_person_erase"), {"email": DUE.email})
    body = page.content.decode()
    assert "Aufbewahrungspflicht bis" in body and recent.reference in body
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact_email == "" and recent.contact_email == DUE.email
    assert AuditEvent.objects.get(action="subject.erasure").detail == {
        "erased": [old.reference],
        "kept": [recent.reference],
    }
    # What was erased is gone from the files; the kept ticket's attachment is still there.
    assert rows_mentioning(DUE.email)
    assert files_mentioning(DUE.name.split()[-1])
