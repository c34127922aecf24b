"""„Meinen Sie …?“ (issue 23, point 6): close suggestions for a generic concern are put to the
citizen; the answer is the ticket's citizen choice, shown to staff and learnt from."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.organization.models import User
from anliegen.routing.api import ASK_LIMIT, decide
from anliegen.tickets.history import WEIGHT_BY_METHOD, routing_examples
from anliegen.tickets.models import EventKind, Ticket
from anliegen.tickets.status import Status

from .demo import BULKY_WASTE
from .helpers import base_values, confirm

GENERIC = reverse("portal:submit_generic")
QUESTION = reverse("portal:question")
# On the slice model: bulky-waste pick-up and its missed pick-up are close, neither is sure.
CLOSE = "Sperrmüll"
SURE = "Ich möchte eine alte Couch abholen lassen."


def ask(client: Client, text: str = CLOSE) -> Any:
    response = client.post(GENERIC, base_values(text=text))
    assert response.status_code == 302
    return response


def offered(page: str) -> list[str]:
    return [v for v in page.split('name="choice" value="')[1:] for v in [v.split('"', 1)[0]]]


def test_close_suggestions_are_asked_with_plain_names(client: Client, catalogue: None) -> None:
    shortlist = decide(CLOSE).shortlist
    assert 2 <= len(shortlist) <= ASK_LIMIT
    assert ask(client)["Location"] == QUESTION
    page = client.get(QUESTION).text
    assert "Meinen Sie …?" in page and "etwas anderes" in page
    assert offered(page) == [s.service.key for s in shortlist] + ["other"]
    for s in shortlist:
        assert str(s.service) in page  # the plain name (citizen name), not the legal one
        if s.service.citizen_name:
            assert s.service.citizen_name in page


def test_a_sure_text_is_not_asked(client: Client, catalogue: None) -> None:
    assert decide(SURE).shortlist == []
    assert ask(client, SURE)["Location"] == reverse("portal:review")


def test_picked_service_is_the_tickets_and_its_citizen_choice(
    client: Client, catalogue: None
) -> None:
    ask(client)
    keys = offered(client.get(QUESTION).text)
    picked = keys[1]  # not the engine's first
    assert client.post(QUESTION, {"choice": picked})["Location"] == reverse("portal:review")
    review = client.get(reverse("portal:review")).text
    assert str(Service.objects.get(key=picked)) in review and "Ihre Wahl" in review
    assert confirm(client, use_sum=True).status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.service is not None and ticket.service.key == picked
    assert ticket.status == Status.NEW and ticket.org_unit is not None
    routed = ticket.events.get(kind=EventKind.ROUTED)
    assert routed.data["method"] == "asked"
    assert routed.data["asked"]["chosen"] == picked
    assert [o["service"] for o in routed.data["asked"]["offered"]] == keys[:-1]
    # A learning signal, weaker than a clerk's correction.
    [example] = routing_examples(10)
    assert (example.service_key, example.text) == (picked, CLOSE)
    assert example.weight == WEIGHT_BY_METHOD["asked"] < WEIGHT_BY_METHOD["manual"]


def test_something_else_leaves_routing_to_the_engine_and_staff_see_it(
    client: Client, catalogue: None
) -> None:
    ask(client)
    keys = offered(client.get(QUESTION).text)
    client.post(QUESTION, {"choice": "other"})
    assert "Wir ordnen Ihr Anliegen zu." in client.get(reverse("portal:review")).text
    assert confirm(client, use_sum=True).status_code == 302
    ticket = Ticket.objects.get()
    assert ticket.status == Status.TRIAGE and ticket.service is None
    routed = ticket.events.get(kind=EventKind.ROUTED)
    assert routed.data["method"] == "triage"
    assert routed.data["asked"]["chosen"] == ""
    assert routed.data["shortlist"] == keys[:-1]
    assert routing_examples(10) == []  # "none of these" names no service to learn
    staff = Client()
    staff.force_login(User.objects.get(username="admin"))
    triage = staff.get(reverse("workspace:inbox") + "?view=triage")
    # Triage shows the same short list the citizen was asked about, and the answer.
    assert [r.service.key for r in triage.context["suggestions"][ticket.pk]] == keys[:-1]
    row = triage.content.decode().split(f'id="t-{ticket.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Meinen Sie" in row and "etwas anderes" in row
    detail = staff.get(reverse("workspace:ticket", args=[ticket.pk])).content.decode()
    assert "Wahl der Bürgerin / des Bürgers" in detail and "etwas anderes" in detail
    assert str(Service.objects.get(key=keys[0])) in detail


def test_no_choice_is_refused_at_the_field_and_the_draft_stays(
    client: Client, catalogue: None
) -> None:
    ask(client)
    for posted in ({}, {"choice": BULKY_WASTE + "-x"}):
        page = client.post(QUESTION, posted)
        assert page.status_code == 400
        assert "Bitte wählen Sie eine der Möglichkeiten." in page.text
    assert not Ticket.objects.exists()
    assert CLOSE in client.get(GENERIC).text


def test_a_changed_text_is_asked_again_and_an_answer_kept_for_the_same(
    client: Client, catalogue: None
) -> None:
    ask(client)
    client.post(QUESTION, {"choice": "other"})
    assert ask(client)["Location"] == reverse("portal:review")  # same text: answered
    assert ask(client, SURE)["Location"] == reverse("portal:review")  # sure: no question
    assert client.get(QUESTION)["Location"] == reverse("portal:review")
    assert decide("Müll").shortlist  # another close text: asked anew
    assert ask(client, "Müll")["Location"] == QUESTION


def test_a_service_page_submission_is_never_asked(client: Client, catalogue: None) -> None:
    response = client.post(
        reverse("portal:submit", args=[BULKY_WASTE]),
        base_values(text=CLOSE, sf_pickup_items="Couch", sf_volume_m3="2"),
    )
    assert response["Location"] == reverse("portal:review")


def test_a_status_question_at_this_step_is_offered_the_status_first(
    client: Client, catalogue: None
) -> None:
    # Issue 21: "Wo steht …?" asks about a running procedure, not for a new one.
    text = "Wo steht meine Sperrmüll-Anmeldung?"
    assert len(decide(text).shortlist) >= 2
    assert ask(client, text)["Location"] == QUESTION
    page = client.get(QUESTION).text
    assert 'id="status-path"' in page and "Stand Ihres Verfahrens abfragen" in page
    assert page.index('id="status-path"') < page.index('id="question-form"')


def test_an_ordinary_question_step_has_no_status_path(client: Client, catalogue: None) -> None:
    ask(client)
    assert 'id="status-path"' not in client.get(QUESTION).text
