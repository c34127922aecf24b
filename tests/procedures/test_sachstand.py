"""/sachstand/: the right Aktenzeichen + verifier shows status and next step at once (counted
like a deflection); anything else gives one neutral page after the same hashing work; tries
per address are limited; sensitive services never answer without the verifier; without an
answer a status inquiry reaches the owning office and later shows the reported status."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.organization.models import OrgUnit
from anliegen.portal.models import DeflectionCount
from anliegen.privacy.models import AuditEvent
from anliegen.procedures import verifier
from anliegen.procedures.actions import ProcedureReport, record_procedure
from anliegen.procedures.models import InquiryCount, ReferenceFormat, StatusInquiry
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City

BRIDGE = Actor.system("integration:probaug")
URL = "/sachstand/"


def register(reference: str = "63-2026-0123", **extra: Any) -> None:
    values: dict[str, Any] = {
        "system": "PROBAUG",
        "reference": reference,
        "status_text": "Die Statik wird geprüft.",
        "next_step": "Entscheidung in etwa drei Wochen",
        "verifier_kind": "postal_code",
        "verifier_value": "56068",
    }
    values.update(extra)
    record_procedure(ProcedureReport(**values), BRIDGE)


def ask(client: Client, reference: str, value: str) -> Any:
    return client.post(reverse("portal:status"), {"reference": reference, "verifier": value})


def neutral_part(html: str) -> str:
    match = re.search(
        r'<div class="kern-alert kern-alert--info" role="status" id="status-neutral">'
        r".*?</div>\s*</div>",
        html,
        re.S,
    )
    assert match, html[:2000]
    return match.group(0)


def test_right_verifier_shows_status_and_next_step(
    client: Client, formats: list[ReferenceFormat], bauantrag: Service, bauamt: OrgUnit
) -> None:
    register()
    response = ask(client, " 63-2026-0123 ", "56 068")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Die Statik wird geprüft." in html
    assert "Entscheidung in etwa drei Wochen" in html
    assert not Ticket.objects.exists()
    assert DeflectionCount.objects.get(channel="status").service == bauantrag
    count = InquiryCount.objects.get()
    assert (count.org_unit, count.way, count.count) == (bauamt, "self_service", 1)
    assert response.headers["Cache-Control"].startswith("max-age=0")
    assert AuditEvent.objects.get(action="procedure.viewed").detail["reference"] == "63-2026-0123"


def test_wrong_verifier_and_unknown_number_give_the_same_answer(
    client: Client, formats: list[ReferenceFormat]
) -> None:
    register()
    wrong = ask(client, "63-2026-0123", "56069")
    unknown = ask(client, "63-2026-9999", "56068")
    no_such_format = ask(client, "ganz-anders", "56068")

    pages = [r.content.decode() for r in (wrong, unknown, no_such_format)]
    assert {r.status_code for r in (wrong, unknown, no_such_format)} == {200}
    assert len({neutral_part(p) for p in pages}) == 1
    for page in pages:
        assert "Die Statik" not in page
        assert 'id="inquiry-form"' in page
    assert not DeflectionCount.objects.exists()


def test_every_answer_does_the_same_hashing_work(
    client: Client, formats: list[ReferenceFormat], monkeypatch: pytest.MonkeyPatch
) -> None:
    register()
    calls: list[str] = []
    real = verifier._digest

    def counted(salt: str, kind: str, value: str) -> str:
        calls.append(kind)
        return real(salt, kind, value)

    monkeypatch.setattr(verifier, "_digest", counted)
    work = []
    for reference, value in [
        ("63-2026-0123", "56068"),  # right
        ("63-2026-0123", "00000"),  # wrong
        ("63-2026-4444", "56068"),  # unknown
    ]:
        calls.clear()
        ask(client, reference, value)
        work.append(len(calls))
    assert work == [1, 1, 1]


@pytest.mark.parametrize("value", ["", "56068", "x"])
def test_procedure_without_verifier_never_answers(
    client: Client, formats: list[ReferenceFormat], city: City, value: str
) -> None:
    # A sensitive service (Wohngeld) registered without a verifier: nothing, for any input.
    register("WG-004711", verifier_kind=None, verifier_value="")
    response = ask(client, "WG-004711", value)
    assert "Die Statik" not in response.content.decode()
    assert response.status_code in (200, 400)


def test_sensitive_service_answers_only_with_its_verifier(
    client: Client, formats: list[ReferenceFormat], city: City
) -> None:
    register("WG-004711", verifier_kind="birth_date", verifier_value="03.07.1985")
    assert "Die Statik" not in ask(client, "WG-004711", "56068").content.decode()
    assert "Die Statik" not in ask(client, "WG-004711", "").content.decode()
    assert "Die Statik" in ask(client, "WG-004711", "03.07.1985").content.decode()


def test_tries_per_address_are_limited(
    client: Client, formats: list[ReferenceFormat], settings: Any
) -> None:
    settings.PORTAL_STATUS_LOOKUPS_PER_HOUR = 3
    register()
    for n in range(3):
        assert ask(client, "63-2026-0123", f"1111{n}").status_code == 200
    limited = ask(client, "63-2026-0123", "56068")  # even the right one
    assert limited.status_code == 429
    assert "Die Statik" not in limited.content.decode()
    other = Client(REMOTE_ADDR="192.0.2.9")
    assert "Die Statik" in ask(other, "63-2026-0123", "56068").content.decode()


def file_inquiry(client: Client, reference: str, value: str) -> Any:
    page = ask(client, reference, value).content.decode()
    a, b = map(int, re.search(r"Wie viel ist (\d+) plus (\d+)", page).groups())  # type: ignore[union-attr]
    return client.post(
        reverse("portal:status_inquiry"),
        {
            "reference": reference,
            "verifier": value,
            "contact_name": "Erika Muster",
            "contact_email": "erika@example.org",
            "message": "Ich habe seit sechs Wochen nichts gehört.",
            "math_answer": str(a + b),
        },
    )


def test_inquiry_reaches_the_owning_office_and_later_shows_the_status(
    client: Client,
    formats: list[ReferenceFormat],
    bauamt: OrgUnit,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = file_inquiry(client, "63-2026-0777", "56068")
    assert response.status_code == 200, response.content.decode()[:3000]
    ticket = Ticket.objects.get()
    assert ticket.org_unit == bauamt
    assert "63-2026-0777" in ticket.subject
    inquiry = StatusInquiry.objects.get(ticket=ticket)
    assert "56068" not in str(inquiry.verifier_hashes)
    assert InquiryCount.objects.get().way == "ticket"
    assert len(mail.outbox) == 1  # the receipt with the link
    assert "Die Statik" not in client.get(reverse("portal:track")).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        register("63-2026-0777")

    ticket.refresh_from_db()
    assert "Die Statik wird geprüft." in ticket.public_status_text
    assert ticket.status == Status.RESOLVED  # the question is answered: closes itself
    assert len(mail.outbox) == 2  # the citizen is notified
    assert "Die Statik wird geprüft." in client.get(reverse("portal:track")).content.decode()
    inquiry.refresh_from_db()
    assert inquiry.verified is True and inquiry.answered_at is not None


def test_inquiry_with_another_verifier_shows_nothing_to_the_citizen(
    client: Client, formats: list[ReferenceFormat]
) -> None:
    # Somebody asks about a stranger's Aktenzeichen: staff see the report, the asker does not.
    file_inquiry(client, "63-2026-0777", "11111")
    register("63-2026-0777")

    ticket = Ticket.objects.get()
    assert "Die Statik" not in ticket.public_status_text
    assert ticket.status != Status.RESOLVED
    note = Message.objects.get(ticket=ticket, kind=Message.Kind.INTERNAL_NOTE)
    assert "bitte selbst antworten" in note.body
    assert "Die Statik" not in client.get(reverse("portal:track")).content.decode()


def test_inquiry_for_a_known_procedure_with_a_wrong_verifier(
    client: Client, formats: list[ReferenceFormat], bauamt: OrgUnit
) -> None:
    register()
    file_inquiry(client, "63-2026-0123", "99999")
    ticket = Ticket.objects.get()
    assert ticket.org_unit == bauamt
    assert StatusInquiry.objects.get().verified is False
    register(status_text="Genehmigt", verifier_kind=None)
    ticket.refresh_from_db()
    assert "Genehmigt" not in ticket.public_status_text


def test_inquiry_without_a_known_format_goes_to_routing(
    client: Client, formats: list[ReferenceFormat]
) -> None:
    response = file_inquiry(client, "ABC/1", "56068")
    assert response.status_code == 200
    assert Ticket.objects.get().subject.startswith("Sachstandsanfrage")


def test_start_link_prefills_the_aktenzeichen(client: Client, db: None) -> None:
    page = client.get(URL + "?aktenzeichen=63-2026-0123").content.decode()
    assert 'value="63-2026-0123"' in page


def _without_echo_and_tokens(html: str, reference: str, value: str) -> str:
    """The page minus what differs by design: the typed input echoed back, the CSRF token
    (masked anew per response), the spam sum and the proof-of-work challenge (random)."""
    html = html.replace(reference, "REFERENCE").replace(value, "VALUE")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "CSRF", html)
    html = re.sub(r"Wie viel ist \d+ plus \d+", "SUM", html)
    return re.sub(r'data-altcha="[^"]*"', "CHALLENGE", html)


def test_wrong_verifier_and_unknown_number_are_alike_in_bytes_and_queries(
    client: Client, formats: list[ReferenceFormat]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    register("63-2026-0456")  # numbers and value that appear nowhere else on the page
    ask(client, "63-2026-0001", "12345")  # warm up: session row, caches of the first request
    cases = [("63-2026-0456", "48151"), ("63-2026-9876", "48151")]
    pages, queries = [], []
    for reference, value in cases:
        with CaptureQueriesContext(connection) as captured:
            response = ask(client, reference, value)
        assert response.status_code == 200
        pages.append(_without_echo_and_tokens(response.content.decode(), reference, value))
        queries.append(len(captured.captured_queries))
    assert "Die Statik" not in pages[0]
    assert pages[0] == pages[1]
    assert queries[0] == queries[1], queries
