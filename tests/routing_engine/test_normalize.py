from __future__ import annotations

from anliegen.routing.engine.normalize import fold, stem, strip_mail, words


def test_fold_handles_sharp_s_umlauts_and_accents() -> None:
    assert fold("Straße Müll Öffnung Café") == "strasse muell oeffnung cafe"


def test_stem_brings_inflected_and_nominalised_forms_together() -> None:
    assert stem("abholung") == stem("abholen")
    assert stem("laternen") == stem("laterne")
    assert stem("strassenlaterne").endswith(stem("laterne"))
    assert stem("kennzeichens") == stem("kennzeichen")


def test_strip_mail_drops_signature_quotes_and_history() -> None:
    mail = (
        "Sehr geehrte Damen und Herren,\nmeine Mülltonne wurde nicht geleert.\n"
        "> Zitat aus alter Mail über Hundesteuer\n"
        "Mit freundlichen Grüßen\nErika Musterfrau\nHundeweg 1\n"
        "Am 3. März 2026 schrieb Stadt <a@b.de>:\nalter Text über Sperrmüll"
    )
    cleaned = strip_mail(mail)
    assert "Mülltonne" in cleaned
    assert "Hunde" not in cleaned
    assert "Sperrmüll" not in cleaned


def test_strip_mail_keeps_a_message_that_starts_with_a_marker() -> None:
    assert "Laterne" in strip_mail("Von: Erika\nDie Laterne ist kaputt")


def test_words_drop_numbers_urls_and_addresses() -> None:
    found = words("Az. 2026-004711-K, Tel. 0261 123456, mail@x.de, https://x.de/a Laterne")
    assert found == ["az", "tel", "laterne"]


def test_road_numbers_become_the_road_class_and_plates_or_paper_sizes_do_not() -> None:
    assert words("Schlagloch auf der B 9 bei Stolzenfels") == [
        "schlagloch", "auf", "der", "bundesstrasse", "bei", "stolzenfels"
    ]  # fmt: skip
    assert words("l52 gesperrt, K 12 Loch, Lärm von der A61") == [
        "landesstrasse", "gesperrt", "kreisstrasse", "loch", "laerm", "von", "der", "autobahn"
    ]  # fmt: skip
    plate_and_paper = words("KO-L 123 parkt falsch, Formular in A4")
    assert plate_and_paper == ["ko", "l", "parkt", "falsch", "formular", "in"]
