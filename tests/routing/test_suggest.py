"""The routing entry point as every interface uses it: suggestions, triage, learning."""

from __future__ import annotations

from typing import Any

import pytest

from anliegen.catalog.models import Responsibility, Service
from anliegen.routing import registry
from anliegen.routing.api import decide, suggest
from anliegen.routing.models import RoutingModelVersion, RoutingPolicy
from anliegen.routing.tasks import retrain_routing_model
from anliegen.routing.training import train_and_activate
from anliegen.tickets.actions import route_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind
from anliegen.tickets.status import Status
from tests.conftest import City, submit

MORE = [
    (
        "sperrmuell",
        "Sperrmüllabholung",
        "Sperrmüll abholen lassen",
        ["Sperrmüll", "alte Möbel", "Sofa entsorgen", "Matratze entsorgen", "bulky waste"],
    ),
    (
        "personalausweis",
        "Personalausweis beantragen",
        "Neuen Ausweis bekommen",
        ["Ausweis", "Personalausweis abgelaufen", "neuer Ausweis", "ID card"],
    ),
    (
        "schlagloch",
        "Straßenschaden melden",
        "Schlagloch in der Straße",
        ["Schlagloch", "Loch in der Fahrbahn", "Straße kaputt", "pothole"],
    ),
    (
        "verwarnungsgeld",
        "Verwarnungsgeld",
        "Strafzettel fürs Parken",
        ["Strafzettel", "Parkverstoß", "Bußgeld Parken", "parking ticket"],
    ),
    (
        "hundesteuer",
        "Hundesteuer",
        "Hund anmelden",
        ["Hundemarke", "Hund anmelden", "Hundesteuerbescheid", "dog tax"],
    ),
]


@pytest.fixture
def trained(city: City) -> City:
    for key, name, citizen, synonyms in MORE:
        service = Service.objects.create(
            key=key, name=name, citizen_name=citizen, synonyms=synonyms
        )
        Responsibility.objects.create(service=service, org_unit=city.tiefbau)
    Service.objects.filter(key="strassenlaterne").update(
        synonyms=["Laterne kaputt", "Straßenbeleuchtung", "Lampe aus", "street light"]
    )
    Service.objects.filter(key="falschparker").update(
        synonyms=["Auto parkt falsch", "Einfahrt zugeparkt", "Gehweg zugeparkt"]
    )
    Service.objects.filter(key="wohngeld").update(
        synonyms=["Mietzuschuss", "Zuschuss zur Miete", "housing benefit"]
    )
    train_and_activate()
    return city


def top(text: str) -> str:
    suggestions = suggest(text)
    assert suggestions, text
    return suggestions[0].service.key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sperrmüllabholung beantragen", "sperrmuell"),  # compound
        ("Ich möchte meinen Sperrmüll abholen lassen", "sperrmuell"),  # split compound
        ("Strassenlatterne vor Haus Nr. 5 ist dunkel", "strassenlaterne"),  # typo
        ("perso abgelaufen was tun", "personalausweis"),  # colloquial
        ("Ich habe ein Knöllchen bekommen und will widersprechen", "verwarnungsgeld"),
        ("There is a huge pothole in our street", "schlagloch"),  # English
        (
            "Sehr geehrte Damen und Herren,\n\nseit Tagen ist die Laterne in der Moselstraße "
            "aus.\n\nMit freundlichen Grüßen\nErika Musterfrau\nTel. 0261 1234",
            "strassenlaterne",
        ),
    ],
)
def test_free_text_is_routed_right(trained: City, text: str, expected: str) -> None:
    assert top(text) == expected


def test_suggestion_names_office_and_reason(trained: City) -> None:
    suggestion = suggest("Laterne kaputt")[0]
    assert suggestion.lead_unit == trained.tiefbau
    assert suggestion.evidence
    assert suggestion.explanation()


def test_unknown_concern_goes_to_triage_not_to_an_office(trained: City) -> None:
    ticket = submit(None, "Wie wird eigentlich das Wetter am Wochenende?").ticket
    assert ticket.status == Status.TRIAGE and ticket.org_unit is None
    event = ticket.events.get(kind=EventKind.ROUTED)
    assert event.data["method"] == "triage"
    assert event.data["model_version"] == RoutingModelVersion.objects.get(is_active=True).version


def test_confident_concern_is_routed_automatically(trained: City) -> None:
    ticket = submit(None, "Die Straßenlaterne vor meinem Haus ist kaputt").ticket
    assert ticket.status == Status.NEW and ticket.org_unit == trained.tiefbau
    assert ticket.events.get(kind=EventKind.ROUTED).data["method"] == "auto"


def test_threshold_is_policy_data(trained: City) -> None:
    text = "Die Straßenlaterne vor meinem Haus ist kaputt"
    assert decide(text).auto
    policy = RoutingPolicy.current()
    policy.auto_route_threshold = 0.999
    policy.save()
    assert not decide(text).auto


def test_staff_correction_changes_later_suggestion(
    trained: City, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    text = "Vor dem Bahnhofsvorplatz steht seit Wochen ein Fahrradwrack ohne Sattel"
    before = top(text)
    assert before != "wohngeld"
    ticket = submit(None, text).ticket
    # A clerk decides it belongs elsewhere; the decision becomes training data.
    target = (
        Service.objects.get(key="sperrmuell")
        if before != "sperrmuell"
        else Service.objects.get(key="schlagloch")
    )
    assert before != target.key
    with django_capture_on_commit_callbacks(execute=True):
        # The correction itself schedules the retraining (immediate backend in this test).
        route_ticket(ticket, Actor.staff(trained.admin), service=target, reason="Schrottrad")
    registry.forget()
    assert top("Am Bahnhofsvorplatz steht ein Fahrradwrack ohne Sattel") == target.key


def test_retraining_skips_when_model_is_current(trained: City) -> None:
    version = RoutingModelVersion.objects.get(is_active=True)
    assert retrain_routing_model.call() == "current"
    assert RoutingModelVersion.objects.get(is_active=True) == version
