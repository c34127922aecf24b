"""The evaluation-only data sets stay what data/README.md says they are."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parents[2] / "anliegen" / "routing" / "data"
CATALOGUE = DATA.parent.parent / "catalog" / "demo" / "services.json"
TRAINED_OR_OTHER = ("labelled.csv", "labelled_extra.csv", "realistic.csv")


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _fold(text: str) -> str:
    return " ".join(text.lower().split())


def _split(text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return "dev" if int(digest[:8], 16) % 10 < 7 else "holdout"


def _lead_offices() -> dict[str, str]:
    out = {}
    for row in json.loads(CATALOGUE.read_text(encoding="utf-8")):
        leads = [r["org_unit"] for r in row.get("responsibilities", []) if r["role"] == "lead"]
        out[row["key"]] = leads[0] if leads else ""
    return out


@pytest.fixture(scope="module")
def objects() -> list[dict[str, str]]:
    return _rows("realistic_objects.csv")


def test_object_words_set_is_labelled_with_catalogue_services_and_lead_offices(
    objects: list[dict[str, str]],
) -> None:
    offices = _lead_offices()
    assert len(objects) >= 400
    wrong = [r["text"] for r in objects if offices.get(r["service"]) != r["office"]]
    assert wrong == []


def test_object_words_set_is_split_by_the_text_alone(objects: list[dict[str, str]]) -> None:
    assert [r["text"] for r in objects if r["split"] != _split(r["text"])] == []
    assert {r["split"] for r in objects} == {"dev", "holdout"}


def test_object_words_set_shares_no_text_with_history_or_the_other_dev_set(
    objects: list[dict[str, str]],
) -> None:
    folded = [_fold(r["text"]) for r in objects]
    assert len(set(folded)) == len(folded)
    others = {_fold(r["text"]) for name in TRAINED_OR_OTHER for r in _rows(name)}
    assert [t for t in folded if t in others] == []
