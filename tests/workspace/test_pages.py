"""The staff workspace through its pages: sign-in, inbox, search, ticket page and actions."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from anliegen.organization.models import Membership, User
from anliegen.tickets.actions import (
    AttachmentInput,
    NewTicket,
    add_message,
    answer_consultation,
    assign_ticket,
    change_status,
    create_ticket,
    link_external_reference,
    request_consultation,
    set_tags,
)
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import Channel, Message, Ticket
from anliegen.tickets.status import Status
from tests.conftest import City, submit

from .conftest import signed_in


def act(client: Client, ticket: Ticket, name: str, **data: Any) -> Any:
    return client.post(reverse("workspace:action", args=[ticket.pk, name]), data)


def test_login_logout_and_throttle(city: City) -> None:
    client = Client()
    url = reverse("workspace:login")
    assert client.get(reverse("workspace:inbox")).status_code == 302
    for _ in range(5):
        response = client.post(url, {"username": "clerk.vollzug", "password": "falsch"})
        assert response.status_code == 200
    response = client.post(url, {"username": "clerk.vollzug", "password": "Test-Passwort-123"})
    assert "Zu viele fehlgeschlagene Anmeldungen" in response.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    ok = other.post(url, {"username": "clerk.ordnung", "password": "Test-Passwort-123"})
    assert ok.status_code == 302
    assert other.get(reverse("workspace:inbox")).status_code == 200
    other.post(reverse("workspace:logout"))
    assert other.get(reverse("workspace:inbox")).status_code == 302


def test_foreign_ticket_is_the_same_404_as_a_missing_one(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_sozial)
    foreign = client.get(reverse("workspace:ticket", args=[ticket.pk]))
    missing = client.get(reverse("workspace:ticket", args=[999_999]))
    assert foreign.status_code == missing.status_code == 404
    assert act(client, ticket, "note", body="x").status_code == 404


def test_search_finds_ticket_by_a_word_of_the_citizen(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        wanted = submit(city.falschparker, "Ein Wohnmobil blockiert die Einfahrt").ticket
        submit(city.falschparker, "Auto auf dem Gehweg")
    client = signed_in(city.clerk_vollzug)
    page = client.get(reverse("workspace:inbox"), {"view": "all", "q": "Wohnmobil"})
    body = page.content.decode()
    assert wanted.reference in body
    assert "Gehweg" not in body
    assert "<mark>Wohnmobil</mark>" in body


def test_search_follows_later_messages_and_finds_by_reference(
    city: City, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        ticket = submit(city.falschparker, "Ein Wagen steht im Halteverbot").ticket
        other = submit(city.falschparker, "Auto auf dem Gehweg").ticket
    client = signed_in(city.clerk_vollzug)

    def found(text: str) -> str:
        return client.get(reverse("workspace:inbox"), {"view": "all", "q": text}).content.decode()

    assert ticket.reference not in found("Abschleppdienst")
    with django_capture_on_commit_callbacks(execute=True):
        assert act(client, ticket, "note", body="Abschleppdienst bestellt").status_code == 302
    body = found("Abschleppdienst")
    assert ticket.reference in body and other.reference not in body
    if connection.vendor == "sqlite":  # the refresh replaced the ticket's row, keyed by its id
        with connection.cursor() as cursor:
            cursor.execute("SELECT rowid FROM tickets_ticket_fts WHERE ticket_id = %s", [ticket.pk])
            assert cursor.fetchall() == [(ticket.pk,)]
    by_reference = found(other.reference.lower())
    assert other.reference in by_reference and ticket.reference not in by_reference


def test_inbox_views_counts_and_keyset_pages(city: City) -> None:
    tickets = [submit(city.falschparker, f"Falschparker Nummer {i}").ticket for i in range(30)]
    client = signed_in(city.clerk_vollzug)
    first = client.get(reverse("workspace:inbox"), {"view": "office"})
    assert first.context["counts"]["office"] == 30
    assert len(first.context["page"].tickets) == 25
    cursor = first.context["page"].next_cursor
    second = client.get(reverse("workspace:inbox"), {"view": "office", "nach": cursor})
    shown = {t.pk for t in first.context["page"].tickets} | {
        t.pk for t in second.context["page"].tickets
    }
    assert shown == {t.pk for t in tickets}


@pytest.mark.parametrize("view", ["office", "all", "triage"])
def test_inbox_runs_constant_queries(city: City, view: str) -> None:
    client = signed_in(city.clerk_vollzug)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("workspace:inbox"), {"view": view}).status_code == 200
        return len(ctx)

    for i in range(3):
        submit(city.falschparker, f"Parker {i}")
    count()  # warms per-process caches
    few = count()
    for i in range(27):
        submit(city.falschparker, f"Parker {i}")
    assert count() == few


def _queries(client: Client, url: str, **params: Any) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx)


def _grow(ticket: Ticket, city: City, numbers: range) -> None:
    """More of everything the ticket page lists: notes, citizen messages with attachments,
    consultations (answered), tags, linked references, events and the person's other
    concerns."""

    clerk = Actor.staff(city.clerk_vollzug)
    road = User.objects.filter(username="clerk.tiefbau").first() or User.objects.create_user(
        "clerk.tiefbau"
    )
    Membership.objects.get_or_create(user=road, org_unit=city.tiefbau)
    for i in numbers:
        add_message(ticket, clerk, Message.Kind.INTERNAL_NOTE, f"Vermerk {i}")
        files = (AttachmentInput(f"foto{i}.png", PNG, "image/png"),)
        add_message(
            ticket, Actor.citizen(), Message.Kind.CITIZEN, f"Nachtrag {i}", attachments=files
        )
        asked = request_consultation(ticket, clerk, city.tiefbau, f"Frage {i}")
        answer_consultation(asked, Actor.staff(road), f"Antwort {i}")
        link_external_reference(ticket, clerk, "Fachverfahren", f"AZ-{len(ticket.reference)}-{i}")
        submit(city.falschparker, f"Noch ein Anliegen {i}")
    set_tags(ticket, clerk, [f"Schlagwort {i}" for i in range(numbers.stop)])
    if numbers.start == 0:
        change_status(ticket, clerk, Status.IN_PROGRESS)


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00"
    b"\x00\x00\x00IEND\xaeB`\x82"
)

# Issue 16, point 11: what an ordinary clerk's two most used pages may cost, at any size.
MAX_QUERIES = 12


def test_ticket_page_runs_at_most_twelve_queries_however_long_the_ticket(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:ticket", args=[ticket.pk])
    _grow(ticket, city, range(1))
    _queries(client, url)  # warms per-process caches (policy rows, content types)
    few = _queries(client, url)
    _grow(ticket, city, range(1, 6))
    page = client.get(url).content.decode()
    assert "Frage 6" not in page and "Frage 5" in page and "Antwort 5" in page
    assert "foto5.png" in page and "AZ-" in page and "Schlagwort 5" in page
    assert "Noch ein Anliegen 5" in page
    assert _queries(client, url) == few <= MAX_QUERIES


@pytest.mark.parametrize("view", ["mine", "office", "all", "triage", "consultations"])
def test_inbox_runs_at_most_twelve_queries_at_any_size(city: City, view: str) -> None:
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:inbox")
    for i in range(3):
        submit(city.falschparker, f"Parker {i}")
    _queries(client, url, view=view)
    few = _queries(client, url, view=view)
    for i in range(27):
        created = submit(city.falschparker, f"Parker {i}").ticket
        if i % 3 == 0:
            assign_ticket(created, Actor.staff(city.clerk_vollzug), city.clerk_vollzug)
            set_tags(created, Actor.staff(city.clerk_vollzug), ["Presse", f"Nr {i}"])
    assert _queries(client, url, view=view) == few <= MAX_QUERIES


def test_ticket_page_lists_the_persons_other_visible_concerns(city: City) -> None:
    def of(service: Any, email: str, subject: str) -> Ticket:
        data = NewTicket(text="Bitte prüfen", channel=Channel.WEB, service=service,
                         contact_email=email, subject=subject)  # fmt: skip
        return create_ticket(data, Actor.citizen()).ticket

    ticket = of(city.falschparker, "Erika.Muster@Example.org", "Zugeparkt")
    earlier = of(city.falschparker, "erika.muster@example.org", "Gehweg blockiert")
    of(city.laterne, "ERIKA.MUSTER@EXAMPLE.ORG", "Laterne aus")  # another office's concern
    of(city.falschparker, "jemand@example.org", "Fremder Falschparker")
    page = signed_in(city.clerk_vollzug).get(reverse("workspace:ticket", args=[ticket.pk]))
    html = page.content.decode()
    assert "Weitere Anliegen dieser Person" in html
    listed = html.split("Weitere Anliegen dieser Person", 1)[1].split("</ul>", 1)[0]
    assert earlier.reference in listed and "Gehweg blockiert" in listed
    assert "Laterne aus" not in html  # the Tiefbauamt's, not visible here
    assert "Fremder Falschparker" not in listed  # another person's


def test_reply_with_text_module_preview_and_send(city: City) -> None:
    from anliegen.tickets.models import TextModule

    module = TextModule.objects.create(
        org_unit=city.vollzugsdienst, title="Danke", body="Guten Tag {name}, zu {reference}."
    )
    ticket = submit(city.falschparker, contact_name="Frau Muster").ticket
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:reply", args=[ticket.pk])
    inserted = client.post(url, {"text_module": module.pk, "body": "", "insert": "1"})
    assert f"Guten Tag Frau Muster, zu {ticket.reference}." in inserted.content.decode()
    preview = client.post(url, {"body": "Hallo {name}", "preview": "1"})
    assert "Hallo Frau Muster" in preview.content.decode()
    sent = client.post(url, {"body": "Hallo {name}", "send": "1"})
    assert sent.status_code == 302
    assert ticket.messages.filter(kind="public_reply", body="Hallo Frau Muster").exists()


def test_reply_on_closed_ticket_is_refused_and_text_kept(city: City) -> None:
    from anliegen.tickets.actions import close_ticket

    ticket = submit(city.falschparker).ticket
    close_ticket(ticket, Actor.staff(city.clerk_vollzug))
    client = signed_in(city.clerk_vollzug)
    response = client.post(
        reverse("workspace:reply", args=[ticket.pk]), {"body": "Mein Text", "send": "1"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "abgeschlossen" in body
    assert "Mein Text" in body


def test_invalid_transition_is_refused_with_message(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    response = act(client, ticket, "status", status=Status.CLOSED, note="")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Der Status kann nicht von" in body
    assert "Bitte prüfen Sie die Eingaben" not in body
    ticket.refresh_from_db()
    assert ticket.status == Status.NEW


def test_unknown_status_value_gets_form_message(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    response = act(client, ticket, "status", status="nonsense", note="")
    assert response.status_code == 200
    assert "Bitte prüfen Sie die Eingaben" in response.content.decode()


def test_consulted_office_may_answer_but_not_change(city: City) -> None:
    ticket = submit(city.laterne).ticket
    tiefbau_clerk = city.clerk_vollzug
    from tests.conftest import _user

    tiefbau_clerk = _user("clerk.tiefbau", city.tiefbau)
    owner = signed_in(tiefbau_clerk)
    assert (
        act(owner, ticket, "consult", org_unit=city.ordnungsamt.pk, question="Wer?").status_code
        == 302
    )
    consulted = signed_in(city.clerk_ordnung)
    refused = act(consulted, ticket, "status", status=Status.IN_PROGRESS, note="")
    assert "gehört einer anderen Stelle" in refused.content.decode()
    consultation = ticket.consultations.get()
    answered = act(consulted, ticket, "answer", consultation=consultation.pk, answer="Wir.")
    assert answered.status_code == 302
    consultation.refresh_from_db()
    assert consultation.answer == "Wir."


def test_each_action_through_its_form(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    other = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    assert act(client, ticket, "note", body="intern").status_code == 302
    assert act(client, ticket, "assign", assignee=city.clerk_vollzug.pk).status_code == 302
    assert act(client, ticket, "status", status=Status.IN_PROGRESS, note="").status_code == 302
    assert act(client, ticket, "priority", priority=4).status_code == 302
    assert act(client, ticket, "tags", tags="Presse, Wiederholt").status_code == 302
    assert act(client, ticket, "external", system="OK.VORFALL", reference="AZ-1").status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == Status.IN_PROGRESS and ticket.priority == 4
    assert ticket.assignee == city.clerk_vollzug
    assert sorted(t.name for t in ticket.tags.all()) == ["Presse", "Wiederholt"]
    assert act(client, other, "merge", reference=ticket.reference).status_code == 302
    other.refresh_from_db()
    assert other.status == Status.DUPLICATE
    wrong = act(client, other, "merge", reference="2026-999999-A")
    assert "gibt es nicht" in wrong.content.decode()
    forwarded = act(
        client, ticket, "forward", org_unit=city.tiefbau.pk, service="", reason="Falsch"
    )
    assert forwarded.status_code == 302
    assert forwarded.url == reverse("workspace:whereabouts", args=[ticket.pk])
    tiefbau = signed_in(__import__("tests.conftest").conftest._user("t.clerk", city.tiefbau))
    inbox = tiefbau.get(reverse("workspace:inbox"), {"view": "office"})
    assert ticket.reference in inbox.content.decode()


def test_triage_accept_suggestion_and_bulk(city: City) -> None:
    ticket = submit(None, "Irgendwas").ticket
    client = signed_in(city.triage)
    page = client.get(reverse("workspace:inbox"), {"view": "triage"})
    assert ticket.reference in page.content.decode()
    accepted = act(client, ticket, "accept", service=city.laterne.pk)
    assert accepted.status_code == 302
    ticket.refresh_from_db()
    assert ticket.org_unit == city.tiefbau
    a, b = submit(city.falschparker).ticket, submit(city.wohngeld).ticket
    vollzug = signed_in(city.clerk_vollzug)
    vollzug.post(reverse("workspace:bulk"), {"tickets": [a.pk, b.pk], "operation": "assign_me"})
    a.refresh_from_db()
    assert a.assignee == city.clerk_vollzug
    messages = [str(m) for m in vollzug.get(reverse("workspace:inbox")).context["messages"]]
    assert any(a.reference in m for m in messages)


def test_bulk_assign_to_a_colleague(city: City) -> None:
    a, b = submit(city.falschparker).ticket, submit(city.falschparker).ticket
    lead = signed_in(city.lead_ordnung)
    page = lead.get(reverse("workspace:inbox"), {"view": "all"})
    assert "clerk.vollzug" in page.content.decode() or str(city.clerk_vollzug) in (
        page.content.decode()
    )
    lead.post(
        reverse("workspace:bulk"),
        {"tickets": [a.pk, b.pk], "operation": "assign", "assignee": city.clerk_vollzug.pk},
    )
    for ticket in (a, b):
        ticket.refresh_from_db()
        assert ticket.assignee == city.clerk_vollzug
    outsider = lead.post(
        reverse("workspace:bulk"),
        {"tickets": [a.pk], "operation": "assign", "assignee": city.clerk_sozial.pk},
        follow=True,
    )
    assert "vollständige Sammelaktion" in outsider.content.decode()
    a.refresh_from_db()
    assert a.assignee == city.clerk_vollzug


def test_htmx_filter_update_gets_only_the_rows(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    url = reverse("workspace:inbox")
    rows = client.get(url, {"view": "all"}, headers={"HX-Request": "true"})
    assert ticket.reference in rows.content.decode()
    assert "<h1" not in rows.content.decode()
    assert "HX-Request" in rows["Vary"]
    restored = client.get(
        url,
        {"view": "all"},
        headers={"HX-Request": "true", "HX-History-Restore-Request": "true"},
    )
    assert "<h1" in restored.content.decode()


def test_attachment_download_is_access_checked(city: City) -> None:
    upload = AttachmentInput("foto.html", b"<script>x</script>", "text/html")
    ticket = submit(city.falschparker, attachments=(upload,)).ticket
    attachment = ticket.messages.get().attachments.get()
    own = signed_in(city.clerk_vollzug).get(reverse("workspace:attachment", args=[attachment.pk]))
    assert own.status_code == 200
    assert own["Content-Disposition"].startswith("attachment")
    assert own["X-Content-Type-Options"] == "nosniff"
    foreign = signed_in(city.clerk_sozial).get(
        reverse("workspace:attachment", args=[attachment.pk])
    )
    assert foreign.status_code == 404


def test_intake_creates_phone_ticket(city: City) -> None:
    client = signed_in(city.clerk_ordnung)
    assert client.get(reverse("workspace:intake")).status_code == 200
    response = client.post(
        reverse("workspace:intake"),
        {"channel": "phone", "text": "Laterne kaputt", "service": city.laterne.pk},
    )
    assert response.status_code == 302
    ticket = Ticket.objects.get(subject="Laterne kaputt")
    assert ticket.channel == "phone" and ticket.org_unit == city.tiefbau
    assert ticket.contact_language == ""  # mails in the site language
    hint = client.get(reverse("workspace:suggestions"), {"text": "Laterne"})
    assert hint.status_code == 200


def test_intake_records_the_callers_language_for_mails(city: City) -> None:
    client = signed_in(city.clerk_ordnung)
    page = client.get(reverse("workspace:intake")).content.decode()
    assert "Sprache der Nachrichten an die Person" in page and 'value="en"' in page
    data = {"channel": "counter", "text": "Street light broken", "service": city.laterne.pk}
    response = client.post(reverse("workspace:intake"), {**data, "contact_language": "en"})
    assert response.status_code == 302
    assert Ticket.objects.get(subject="Street light broken").contact_language == "en"
    response = client.post(reverse("workspace:intake"), {**data, "contact_language": "xx"})
    assert response.status_code == 200  # refused with a message, the text kept
    assert "Street light broken" in response.content.decode()


def test_text_modules_are_kept_by_leads_only(city: City) -> None:
    from anliegen.tickets.models import TextModule

    lead = signed_in(city.lead_ordnung)
    created = lead.post(
        reverse("workspace:textmodule_new"),
        {
            "org_unit": city.vollzugsdienst.pk,
            "title": "Gruß",
            "body": "Hallo {name}",
            "is_active": "on",
        },
    )
    assert created.status_code == 302
    module = TextModule.objects.get(title="Gruß")
    deactivated = lead.post(
        reverse("workspace:textmodule_edit", args=[module.pk]),
        {"org_unit": city.vollzugsdienst.pk, "title": "Gruß", "body": "Hallo {name}"},
    )
    assert deactivated.status_code == 302
    module.refresh_from_db()
    assert not module.is_active
    clerk = signed_in(city.clerk_vollzug)
    refused = clerk.post(
        reverse("workspace:textmodule_new"),
        {"org_unit": city.vollzugsdienst.pk, "title": "X", "body": "Y"},
    )
    assert refused.status_code == 403
    assert not TextModule.objects.filter(title="X").exists()
    assert clerk.get(reverse("workspace:textmodule_edit", args=[module.pk])).status_code == 403


def test_effort_is_recorded_and_shown_on_the_ticket(city: City) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    assert act(client, ticket, "effort", minutes="25", note="Rückruf").status_code == 302
    assert act(client, ticket, "effort", minutes="5", note="").status_code == 302
    body = client.get(reverse("workspace:ticket", args=[ticket.pk])).content.decode()
    assert "Erfasster Aufwand" in body
    assert "30 Minuten" in body
    assert "25 Minuten – Rückruf" in body


@pytest.mark.parametrize(
    ("minutes", "message"),
    [
        ("abc", "Bitte geben Sie eine ganze Zahl von Minuten an."),
        ("0", "Bitte prüfen Sie die Eingaben"),
        ("601", "Bitte prüfen Sie die Eingaben"),
    ],
)
def test_bad_effort_gets_a_message_and_keeps_the_note(
    city: City, minutes: str, message: str
) -> None:
    ticket = submit(city.falschparker).ticket
    client = signed_in(city.clerk_vollzug)
    response = act(client, ticket, "effort", minutes=minutes, note="Ortstermin Koblenzer Str.")
    assert response.status_code == 200
    body = response.content.decode()
    assert message in body
    assert "Ortstermin Koblenzer Str." in body
    assert not ticket.events.filter(kind="effort_recorded").exists()


def test_effort_on_a_foreign_ticket_is_not_found(city: City) -> None:
    ticket = submit(city.laterne).ticket
    client = signed_in(city.clerk_vollzug)
    assert act(client, ticket, "effort", minutes="10", note="").status_code == 404
    assert not ticket.events.filter(kind="effort_recorded").exists()
