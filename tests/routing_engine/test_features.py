from __future__ import annotations

from anliegen.routing.engine.features import Featurizer

CATALOGUE_TEXTS = (
    "Papierkorb voll",
    "Fahrzeug abschleppen lassen",
    "Straßenlaterne defekt",
    "Schaden an der Landesstraße",
    "Bahnhof verschmutzt",
)


def featurizer() -> Featurizer:
    feat = Featurizer.fit(CATALOGUE_TEXTS)
    feat.prepare()
    return feat


def test_unknown_street_name_is_an_address_not_its_parts() -> None:
    feat = featurizer()
    assert feat.expand("bahnhofstrasse") == ("strasse",)
    assert feat.expand("loehrstr") == ("strasse",)
    assert "landesstrasse" in feat.expand("landesstrasse")  # a catalogue word stays itself


def test_umlaut_plural_meets_the_singular() -> None:
    assert "papierkorbe" in featurizer().expand("papierkoerbe")


def test_past_participle_meets_the_infinitive() -> None:
    assert "abschleppen" in featurizer().expand("abgeschleppt")


def test_glossed_word_is_not_typo_corrected_into_another_word() -> None:
    feat = Featurizer.fit(("gekauft", "Diebstahl melden"))
    feat.prepare()
    expanded = feat.expand("geklaut")
    assert "gekauft" not in expanded
    assert "diebstahl" in expanded
