"""World knowledge (Wiktionary definitions, compound heads) and place names of the city."""

from __future__ import annotations

import pytest

from anliegen.routing.engine import RoutingModel, ServiceDoc, dumps, features, loads, train, world
from anliegen.routing.engine.features import Featurizer
from anliegen.routing.engine.normalize import stem

S = ServiceDoc
SMALL = (
    S(
        "spielplatz",
        "Spielplatz: Schaden melden",
        "Spielgerät auf dem Spielplatz kaputt",
        "Beschädigte Spielgeräte, Sandkästen und Klettergerüste melden.",
        ("Spielgerät kaputt", "Spielplatz defekt"),
    ),
    S(
        "kanal",
        "Straßenablauf verstopft",
        "Regenwasser läuft nicht ab",
        "Verstopfte Abläufe und Schächte der Kanalisation melden.",
        ("Ablauf verstopft", "Regenwasser staut sich", "Kanalisation"),
    ),
    S(
        "abschleppen",
        "Fahrzeug abgestellt",
        "Fahrzeug ohne Kennzeichen steht seit Wochen",
        "Abgemeldete oder nicht mehr fahrbereite Kraftfahrzeuge im öffentlichen Raum melden.",
        ("Autowrack", "Fahrzeug ohne Kennzeichen", "Kraftfahrzeug abgestellt"),
    ),
)


@pytest.fixture(scope="module")
def small() -> RoutingModel:
    return train(SMALL, places=["Metternich", "Karthause Flugfeld"])


def test_definitions_reach_catalogue_words(small: RoutingModel) -> None:
    feat = small.featurizer
    assert stem("regenwasser") in feat.world_stems("gully")
    assert stem("kraftfahrzeug") in feat.world_stems("wohnmobil")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Gully ist zu, alles steht unter Wasser", "kanal"),
        ("Wohnmobil steht seit Monaten ohne Nummernschild", "abschleppen"),
    ],
)
def test_unknown_everyday_words_route_by_their_meaning(
    small: RoutingModel, text: str, key: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # off by default (no gain on the realistic dev set); the mechanism must work when on
    monkeypatch.setattr(features, "WORLD_WEIGHT", 0.5)
    small.featurizer.prepare()  # drop cached word features
    try:
        assert small.rank(text)[0].service_key == key
    finally:
        monkeypatch.undo()
        small.featurizer.prepare()


def test_world_share_counts_unfamiliar_words(small: RoutingModel) -> None:
    _x, coverage, world_share, analysis = small.vector("Gully verstopft")
    assert analysis.content == ["gully", "verstopft"]
    assert world_share > 0 and coverage < 1


def test_compound_head_stands_for_an_unknown_compound(small: RoutingModel) -> None:
    # neither "Holzspielgerät" nor its split is known as a whole; its head is
    assert small.featurizer.world_stems("holzspielgeraet") == (stem("spielgeraet"),)


def test_known_words_get_no_world_features(small: RoutingModel) -> None:
    analysis = small.featurizer.analyze("Spielplatz")
    assert analysis.counts and all(c >= 1.0 for c in analysis.counts.values())


def test_district_names_are_no_concern_words(small: RoutingModel) -> None:
    analysis = small.featurizer.analyze("Gully in Metternich verstopft, Karthause")
    assert "metternich" not in analysis.content and "karthause" not in analysis.content
    assert not any("metternich" in f for f in analysis.counts)
    # a report that names only a place has nothing to route by
    assert small.featurizer.analyze("Metternich, Karthause Flugfeld").content == []


def test_world_and_places_survive_serialisation(small: RoutingModel) -> None:
    loaded = loads(dumps(small))
    assert loaded.featurizer.world == small.featurizer.world
    assert loaded.featurizer.places == small.featurizer.places
    assert {"metternich", "metternicher", "karthause", "karthauser", "flugfeld"} <= set(
        loaded.featurizer.places
    )


def test_without_the_package_the_map_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(world, "definitions", lambda: ())
    feat = Featurizer.fit(["Spielgerät kaputt"])
    assert feat.world == {}
