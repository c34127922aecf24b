"""`manage.py evaluate_routing` on CSVs labelled with a service, an office, or both."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from anliegen.routing.training import train_and_activate
from tests.conftest import City


@pytest.fixture
def active(city: City) -> City:
    train_and_activate()
    return city


def write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def run(*args: str) -> str:
    out = StringIO()
    call_command("evaluate_routing", *args, "--model", "active", stdout=out)
    return out.getvalue()


def test_office_only_labels_give_office_figures_and_calibration(
    active: City, tmp_path: Path
) -> None:
    city = active
    path = write(
        tmp_path / "offices.csv",
        ["text", "office"],
        [
            ["Auto parkt seit Stunden auf dem Gehweg", city.vollzugsdienst.key],
            ["Antrag auf Wohngeld stellen", city.sozialamt.key],
            ["Wohngeld beantragen, wie geht das?", city.tiefbau.key],  # deliberately wrong label
        ],
    )
    output = run(str(path), "--threshold", "0.0")
    assert "3 texts" in output
    assert "office   top-1  66.7%" in output
    assert "service  top-1" not in output  # no service labels, no service figures
    assert "auto-routed at 0.00: 100.0% of texts; of those right office  66.7%" in output
    assert "reliability (office of the first suggestion right), ECE" in output
    assert "precision / coverage" in output


def test_service_labels_give_both_levels_and_the_split_is_chosen(
    active: City, tmp_path: Path
) -> None:
    path = write(
        tmp_path / "services.csv",
        ["text", "service", "split"],
        [
            ["Auto parkt seit Stunden auf dem Gehweg", "falschparker", "dev"],
            ["Antrag auf Wohngeld stellen", "wohngeld", "holdout"],
        ],
    )
    output = run(str(path), "--split", "dev")
    assert "1 texts" in output
    assert "office   top-1 100.0%" in output and "service  top-1 100.0%" in output
    with pytest.raises(CommandError, match="splits: dev, holdout"):
        run(str(path))  # default split "test" does not exist in this file


def test_unknown_office_labels_are_reported_not_counted(active: City, tmp_path: Path) -> None:
    path = write(
        tmp_path / "bad.csv",
        ["text", "office"],
        [["Antrag auf Wohngeld stellen", "amt-gibt-es-nicht"], ["Wohngeld", active.sozialamt.key]],
    )
    output = run(str(path))
    assert (
        "1 texts" in output and "offices not in the catalogue: {'amt-gibt-es-nicht': 1}" in output
    )


def test_a_csv_without_label_columns_is_refused(active: City, tmp_path: Path) -> None:
    path = write(tmp_path / "plain.csv", ["text"], [["Hallo"]])
    with pytest.raises(CommandError, match="service and/or office"):
        run(str(path))
