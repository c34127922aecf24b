"""Figures of engine.metrics, checked against hand-counted outcomes."""

from __future__ import annotations

import pytest

from anliegen.routing.engine.metrics import (
    Outcome,
    coverage,
    rank_offices,
    rate,
    reliability,
    report_lines,
    summarize,
)

OFFICE = {"laterne": "tiefbau", "schlagloch": "tiefbau", "perso": "buergeramt", "hund": "steuer"}


def outcome(service: str | None, office: str | None, ranked: list[str], conf: float) -> Outcome:
    return Outcome(service, office, tuple(ranked), rank_offices(ranked, OFFICE), conf)


OUTCOMES = [
    # right service first
    outcome("laterne", "tiefbau", ["laterne", "schlagloch", "perso"], 0.95),
    # wrong service, right office (a near twin in the same office)
    outcome("laterne", "tiefbau", ["schlagloch", "laterne", "hund"], 0.85),
    # wrong office first, right office second, right service third
    outcome("perso", "buergeramt", ["hund", "schlagloch", "perso"], 0.35),
    # labelled with an office only: right office first
    outcome(None, "steuer", ["hund", "perso"], 0.65),
    # right office not among the suggestions at all
    outcome("hund", "steuer", ["perso", "laterne"], 0.15),
]


def test_offices_are_ranked_by_their_first_service_each_once() -> None:
    assert rank_offices(["laterne", "schlagloch", "perso", "unknown", "hund"], OFFICE) == (
        "tiefbau",
        "buergeramt",
        "steuer",
    )


def test_service_and_office_top_k_count_only_labelled_rows() -> None:
    assert (rate(OUTCOMES, "service").hits, rate(OUTCOMES, "service").total) == (1, 4)
    assert (rate(OUTCOMES, "service", 3).hits, rate(OUTCOMES, "service", 3).total) == (3, 4)
    assert (rate(OUTCOMES, "office").hits, rate(OUTCOMES, "office").total) == (3, 5)
    assert rate(OUTCOMES, "office", 3).hits == 4
    assert rate([], "office").value == 0.0


def test_coverage_counts_routed_texts_and_their_precision() -> None:
    at = coverage(OUTCOMES, 0.6)
    assert (at.routed.hits, at.routed.total) == (3, 5)
    assert (at.office.hits, at.office.total) == (3, 3)
    assert (at.service.hits, at.service.total) == (1, 2)  # the office-only row has no service
    nothing = coverage(OUTCOMES, 0.99)
    assert nothing.routed.hits == 0 and str(nothing.office).strip() == "–"


def test_reliability_table_and_expected_calibration_error() -> None:
    table = reliability(OUTCOMES, "office", bins=2)
    # low bin: 0.35 (wrong), 0.15 (wrong); high bin: 0.95, 0.85, 0.65 (all right)
    assert [(b.count, b.accuracy) for b in table.bins] == [(2, 0.0), (3, 1.0)]
    assert table.bins[0].confidence == pytest.approx(0.25)
    assert table.bins[1].confidence == pytest.approx(0.8166667)
    assert table.ece == pytest.approx((2 * 0.25 + 3 * (1 - 0.8166667)) / 5)


def test_a_perfectly_calibrated_model_has_no_calibration_error() -> None:
    rows = [outcome("laterne", "tiefbau", ["laterne"], 0.75)] * 3 + [
        outcome("laterne", "tiefbau", ["perso"], 0.75)
    ]
    assert reliability(rows, "service").ece == pytest.approx(0.0)


def test_confidence_one_falls_into_the_last_bin() -> None:
    table = reliability([outcome("laterne", "tiefbau", ["laterne"], 1.0)], "service")
    assert table.bins[-1].high == 1.0 and table.bins[-1].count == 1


def test_summary_prints_office_service_threshold_and_calibration_lines() -> None:
    lines = "\n".join(report_lines(summarize(OUTCOMES, 0.5, thresholds=(0.3, 0.9))))
    assert "office   top-1  60.0%   top-3  80.0%   (n=5)" in lines
    assert "service  top-1  25.0%   top-3  75.0%   (n=4)" in lines
    assert "auto-routed at 0.50:  60.0% of texts; of those right office 100.0%" in lines
    assert "ECE" in lines and "0.90" in lines
