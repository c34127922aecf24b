"""A small fixture catalogue, written here so the engine tests need no Django and no files."""

from __future__ import annotations

import pytest

from anliegen.routing.engine import RoutingModel, ServiceDoc, train

S = ServiceDoc
CATALOGUE = (
    S(
        "personalausweis",
        "Personalausweis beantragen",
        "Neuen Personalausweis bekommen",
        "Den Personalausweis beantragen Sie persönlich im Bürgeramt. Er gilt zehn Jahre.",
        ("Ausweis beantragen", "Personalausweis abgelaufen", "neuer Ausweis", "ID card"),
        "Ausweise",
    ),
    S(
        "reisepass",
        "Reisepass beantragen",
        "Reisepass für eine Reise bekommen",
        "Den Reisepass beantragen Sie im Bürgeramt; er ist für Reisen außerhalb der EU nötig.",
        ("Pass beantragen", "Reisepass abgelaufen", "Expresspass", "passport"),
        "Ausweise",
    ),
    S(
        "ausweis-verlust",
        "Verlust des Ausweises melden",
        "Ausweis verloren oder gestohlen",
        "Ein verlorener oder gestohlener Ausweis muss sofort gemeldet werden.",
        ("Ausweis verloren", "Ausweis gestohlen", "Verlustanzeige Ausweis", "lost ID card"),
        "Ausweise",
    ),
    S(
        "wohnsitz-anmelden",
        "Wohnsitzanmeldung",
        "Nach dem Umzug den Wohnsitz anmelden",
        "Wer eine Wohnung bezieht, meldet sich innerhalb von zwei Wochen an.",
        ("Ummelden", "Umzug", "Wohnung anmelden", "Wohnungsgeberbestätigung", "register address"),
        "Meldewesen",
    ),
    S(
        "sperrmuell",
        "Sperrmüllabholung",
        "Sperrmüll abholen lassen",
        "Sperrige Gegenstände wie Möbel und Matratzen holt der Abfallbetrieb auf Termin ab.",
        (
            "Sperrmüll anmelden",
            "Sperrmülltermin",
            "alte Möbel entsorgen",
            "Matratze entsorgen",
            "bulky waste",
        ),
        "Abfall",
    ),
    S(
        "muelltonne",
        "Mülltonne nicht geleert",
        "Meine Mülltonne wurde nicht geleert",
        "Wurde die Restmüll-, Bio- oder Papiertonne am Abfuhrtag nicht geleert, melden Sie es.",
        ("Tonne nicht geleert", "Müllabfuhr vergessen", "Biotonne voll", "Restmülltonne"),
        "Abfall",
    ),
    S(
        "wilder-muell",
        "Illegale Müllablagerung",
        "Jemand hat Müll abgeladen",
        "Wilde Müllkippen im Wald oder am Straßenrand werden beseitigt und verfolgt.",
        ("wilder Müll", "Müll abgeladen", "Müllablagerung", "Dreck im Wald"),
        "Abfall",
    ),
    S(
        "strassenlaterne",
        "Straßenbeleuchtung defekt",
        "Straßenlaterne ist kaputt",
        "Melden Sie defekte oder dauerhaft brennende Straßenlaternen mit Standort.",
        (
            "Laterne kaputt",
            "Straßenlaterne defekt",
            "Lampe aus",
            "Beleuchtung ausgefallen",
            "streetlight broken",
        ),
        "Straßen",
    ),
    S(
        "schlagloch",
        "Straßenschaden melden",
        "Schlagloch in der Straße",
        "Schäden an Fahrbahn und Gehweg wie Schlaglöcher oder Risse melden.",
        ("Schlagloch", "Loch in der Straße", "Fahrbahn beschädigt", "Gehweg kaputt", "pothole"),
        "Straßen",
    ),
    S(
        "verwarnungsgeld",
        "Verwarnungsgeld im ruhenden Verkehr",
        "Strafzettel fürs Parken",
        "Fragen und Einspruch zu einem Verwarnungsgeld wegen Falschparkens.",
        ("Strafzettel", "Knöllchen", "Parkverstoß", "parking ticket"),
        "Verkehr",
    ),
    S(
        "falschparker",
        "Falschparker melden",
        "Auto parkt falsch",
        "Fahrzeuge, die Einfahrten, Gehwege oder Feuerwehrzufahrten blockieren, melden.",
        ("Einfahrt zugeparkt", "Gehweg zugeparkt", "Auto blockiert"),
        "Verkehr",
    ),
    S(
        "kfz-zulassung",
        "Fahrzeugzulassung",
        "Auto anmelden",
        "Ein Fahrzeug wird bei der Zulassungsstelle mit Kennzeichen zugelassen.",
        ("Auto zulassen", "Kfz anmelden", "Kennzeichen beantragen", "Neuwagen zulassen"),
        "Verkehr",
    ),
    S(
        "fuehrerschein",
        "Führerschein beantragen",
        "Führerschein nach der Prüfung",
        "Die Fahrerlaubnis beantragen Sie vor der Fahrschulprüfung bei der Führerscheinstelle.",
        ("Fahrerlaubnis", "Führerscheinantrag", "driving licence"),
        "Verkehr",
    ),
    S(
        "hundesteuer",
        "Hundesteuer anmelden",
        "Hund für die Steuer anmelden",
        "Wer einen Hund hält, muss ihn innerhalb eines Monats zur Hundesteuer anmelden.",
        ("Hund anmelden", "Hundemarke", "Hundesteuerbescheid", "dog tax"),
        "Steuern",
    ),
    S(
        "laerm",
        "Lärmbelästigung",
        "Es ist zu laut",
        "Ruhestörung durch Nachbarn, Baustellen oder Gaststätten kann gemeldet werden.",
        ("Ruhestörung", "Lärm", "Nachbar laut", "Musik nachts"),
        "Ordnung",
    ),
    S(
        "ratten",
        "Ratten und Schädlinge",
        "Ratten gesehen",
        "Rattenbefall auf öffentlichen Flächen wird bekämpft.",
        ("Rattenbefall", "Ratte gesehen", "Schädlingsbekämpfung"),
        "Ordnung",
    ),
    S(
        "spielplatz",
        "Spielplatz beschädigt",
        "Spielgerät kaputt",
        "Defekte Spielgeräte, Sand oder Zäune auf städtischen Spielplätzen melden.",
        ("Spielplatz kaputt", "Schaukel defekt", "Rutsche kaputt", "Glasscherben Spielplatz"),
        "Grün",
    ),
    S(
        "baum",
        "Baum beschädigt oder gefährlich",
        "Baum droht umzustürzen",
        "Umsturzgefährdete Bäume oder abgebrochene Äste an Straßen melden.",
        ("Ast abgebrochen", "Baum umgestürzt", "Baumpflege", "Baumfällung"),
        "Grün",
    ),
    S(
        "kita",
        "Kitaplatz",
        "Platz in der Kindertagesstätte",
        "Einen Betreuungsplatz in einer Kindertagesstätte beantragen Sie über das Kita-Portal.",
        ("Kindergartenplatz", "Kita-Anmeldung", "Kinderbetreuung", "daycare"),
        "Familie",
    ),
    S(
        "geburtsurkunde",
        "Geburtsurkunde",
        "Geburtsurkunde bestellen",
        "Geburtsurkunden stellt das Standesamt des Geburtsorts aus.",
        ("Geburtsurkunde beantragen", "Abstammungsurkunde", "birth certificate"),
        "Standesamt",
    ),
    S(
        "gewerbe-anmelden",
        "Gewerbeanmeldung",
        "Gewerbe anmelden",
        "Wer ein Gewerbe beginnt, zeigt es beim Gewerbeamt an.",
        ("Gewerbeschein", "Firma gründen", "selbstständig machen", "register a business"),
        "Gewerbe",
    ),
)


@pytest.fixture(scope="session")
def catalogue() -> tuple[ServiceDoc, ...]:
    return CATALOGUE


@pytest.fixture(scope="session")
def model(catalogue: tuple[ServiceDoc, ...]) -> RoutingModel:
    return train(catalogue)


def top(model: RoutingModel, text: str) -> str:
    return model.rank(text, limit=1)[0].service_key
