"""Intent recogniser: learned from labelled examples plus cues; status inquiries are told
from new requests for the same service."""

from __future__ import annotations

import pytest

from anliegen.routing.engine.intent import STATUS, IntentModel, cues
from anliegen.routing.intent import labelled


@pytest.fixture(scope="module")
def model() -> IntentModel:
    return IntentModel().fit(labelled("dev"))


def test_cues_name_what_they_found() -> None:
    assert {"status"} <= set(cues("Wo steht mein Bauantrag? Aktenzeichen 63-2026-0123"))
    assert {"applied", "ago", "missing"} <= set(
        cues("Wohngeld vor 6 Wochen beantragt und noch nichts gehört")
    )
    assert cues("Die Laterne vor Nr. 4 ist kaputt") == []


@pytest.mark.parametrize(
    "text",
    [
        "Wo steht mein Bauantrag? Aktenzeichen 63-2026-0123",
        "Vor 6 Wochen Wohngeld online beantragt und noch nichts gehört, wie ist der Stand?",
        "Wann bekomme ich meinen neuen Pass? Beantragt am 3.3.",
    ],
)
def test_status_inquiries(model: IntentModel, text: str) -> None:
    assert model.recognise(text).intent == STATUS


@pytest.mark.parametrize(
    "text",
    [
        "Ich möchte einen Bauantrag stellen",
        "Die Straßenlaterne vor Haus 12 ist seit gestern kaputt",
        "Welche Unterlagen brauche ich für den Reisepass?",
    ],
)
def test_not_status_inquiries(model: IntentModel, text: str) -> None:
    assert model.recognise(text).intent != STATUS


def test_holdout_recall_of_status_inquiries(model: IntentModel) -> None:
    holdout = [(t, i) for t, i in labelled("holdout") if i == STATUS]
    found = sum(1 for t, _ in holdout if model.recognise(t).intent == STATUS)
    assert holdout and found / len(holdout) >= 0.9


def test_untrained_model_refuses() -> None:
    with pytest.raises(ValueError):
        IntentModel().recognise("Wo steht mein Antrag?")
