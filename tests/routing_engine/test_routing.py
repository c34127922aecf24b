from __future__ import annotations

import pytest

from anliegen.routing.engine import (
    DEFAULT_AUTO_ROUTE_THRESHOLD,
    Example,
    RoutingModel,
    ServiceDoc,
    dumps,
    loads,
    train,
)

from .conftest import top


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Sperrmüllabholung", "sperrmuell"),
        ("Sperrmüll abholen", "sperrmuell"),
        ("wann wird der sperrmüll abgeholt", "sperrmuell"),
        ("Restmülltonne wurde wieder nicht geleert", "muelltonne"),
        ("Müll tonne nicht geleert", "muelltonne"),
        ("Hundeanmeldung", "hundesteuer"),
    ],
)
def test_compounds_written_together_or_apart(model: RoutingModel, text: str, key: str) -> None:
    assert top(model, text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Strassenlatterne kaputt", "strassenlaterne"),
        ("Schlagloc in der Strase", "schlagloch"),
        ("Persoalausweis beantragen", "personalausweis"),
        ("Fürerschein beantragen", "fuehrerschein"),
    ],
)
def test_typos(model: RoutingModel, text: str, key: str) -> None:
    assert top(model, text) == key


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Perso abgelaufen", "personalausweis"),
        ("hab n Knöllchen gekriegt, will widersprechen", "verwarnungsgeld"),
        ("Die Funzel vor meinem Haus ist aus", "strassenlaterne"),
        ("Jemand hat seinen Schrott im Wald abgeladen", "wilder-muell"),
    ],
)
def test_colloquial_forms(model: RoutingModel, text: str, key: str) -> None:
    assert top(model, text) == key


def test_email_with_greeting_signature_and_quoted_history(model: RoutingModel) -> None:
    mail = (
        "Sehr geehrte Damen und Herren,\n\n"
        "seit drei Tagen ist die Straßenlaterne vor unserem Haus in der Musterstraße 12 "
        "dunkel. Abends ist es dort gefährlich.\n\n"
        "Mit freundlichen Grüßen\nMax Mustermann\nTel. 0261 123456\n\n"
        "Am 01.03.2026 um 10:00 schrieb Stadtverwaltung <info@stadt.example>:\n"
        "> Ihre Anfrage zur Hundesteuer und zum Sperrmüll haben wir erhalten.\n"
    )
    ranked = model.rank(mail)
    assert ranked[0].service_key == "strassenlaterne"
    # This test is about what the mail says, not about the default threshold: the fixture
    # catalogue has no real texts, so its confidence is fitted on held-out synonyms (harder
    # than a clear mail) and runs lower than a model calibrated on real reports, for which
    # DEFAULT_AUTO_ROUTE_THRESHOLD was measured (0.57 here; docs/design/routing.md).
    assert model.is_confident(mail, threshold=0.5)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("I lost my passport and my ID card yesterday", "ausweis-verlust"),
        ("There is a huge pothole in our street", "schlagloch"),
        ("Hello, I need a Kita place for my daughter", "kita"),
        ("How do I register my new address after moving?", "wohnsitz-anmelden"),
    ],
)
def test_english_and_mixed_texts(model: RoutingModel, text: str, key: str) -> None:
    assert top(model, text) == key


@pytest.mark.parametrize(
    "text",
    [
        "Wie wird das Wetter am Wochenende?",
        "asdf jklö qwertz",
        "Ich suche ein gutes Rezept für Apfelkuchen",
        "Hallo",
    ],
)
def test_unrelated_text_is_not_confident(model: RoutingModel, text: str) -> None:
    ranked = model.rank(text)
    assert not ranked or ranked[0].confidence < DEFAULT_AUTO_ROUTE_THRESHOLD
    assert not model.is_confident(text)


def test_clear_text_is_confident(model: RoutingModel) -> None:
    assert model.is_confident("Meine Mülltonne wurde nicht geleert")


def test_confidences_are_probabilities_in_rank_order(model: RoutingModel) -> None:
    ranked = model.rank("Ausweis verloren", limit=5)
    confidences = [r.confidence for r in ranked]
    assert len(ranked) == 5
    assert confidences == sorted(confidences, reverse=True)
    assert all(0.0 <= c <= 1.0 for c in confidences)
    assert sum(confidences) <= 1.0 + 1e-6


def test_explanation_names_words_and_synonyms(model: RoutingModel) -> None:
    best = model.rank("Die Schaukel auf dem Spielplatz ist kaputt")[0]
    assert best.service_key == "spielplatz"
    kinds = {e.kind for e in best.evidence}
    assert {"term", "synonym"} <= kinds
    assert any("spielplatz" in e.text.lower() for e in best.evidence)


def test_staff_correction_changes_later_suggestion(catalogue: tuple[ServiceDoc, ...]) -> None:
    # A wasp nest on a playground: the catalogue alone points to the playground; the office
    # decided that pests are handled by the pest-control service and forwarded the ticket.
    before = train(catalogue)
    later = "Am Spielplatz im Park ist ein großes Wespennest, die Kinder haben Angst"
    assert before.rank(later)[0].service_key != "ratten"
    corrected = train(
        catalogue,
        [Example("Wespennest auf dem Spielplatz, bitte entfernen", "ratten", weight=3.0)],
    )
    best = corrected.rank(later)[0]
    assert best.service_key == "ratten"
    assert any(e.kind == "example" and "Wespennest" in e.text for e in best.evidence)
    assert corrected.version != before.version


def test_examples_for_unknown_services_are_ignored(catalogue: tuple[ServiceDoc, ...]) -> None:
    model = train(catalogue, [Example("irgendwas", "gibt-es-nicht")])
    assert "gibt-es-nicht" not in {r.service_key for r in model.rank("irgendwas", limit=30)}


def test_dumps_loads_round_trip(model: RoutingModel) -> None:
    blob = dumps(model)
    loaded = loads(blob)
    assert loaded.version == model.version
    for text in ("Sperrmüll abholen", "Perso verloren", "I lost my passport", "Wetter"):
        assert loaded.rank(text) == model.rank(text)
    assert dumps(loaded) == blob


def test_loads_rejects_foreign_bytes() -> None:
    with pytest.raises(ValueError, match="routing model"):
        loads(b"\x80\x04not a model")


def test_training_is_deterministic(catalogue: tuple[ServiceDoc, ...]) -> None:
    examples = [Example("Laterne flackert", "strassenlaterne")]
    first, second = train(catalogue, examples), train(catalogue, examples)
    assert first.version == second.version
    assert dumps(first) == dumps(second)


def test_empty_text_and_empty_catalogue() -> None:
    with pytest.raises(ValueError, match="without services"):
        train([])
    tiny = train([ServiceDoc("a", "Hundesteuer", "Hund anmelden", "", ("Hund",))])
    assert tiny.rank("   ") == []
    assert tiny.rank("Hund")[0].service_key == "a"
