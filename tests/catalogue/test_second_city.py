"""A second real city (Munich's DLDB catalogue, 287 services) in an empty database: routing
works on it from its own catalogue text, the portal shows its services with the source's
sanitised HTML and attribution, and sends people to its appointment booking.

The 160 texts of ``second_city_texts.csv`` were written by the team from the service names
only (not the descriptions or keywords), the way people write to a city."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from anliegen.catalog.models import Service
from anliegen.routing.evaluation import evaluate
from anliegen.routing.labelled import read_labelled
from anliegen.routing.training import train_and_activate

from .conftest import DATA
from .test_dldb import import_city

TEXTS = DATA / "second_city_texts.csv"


@pytest.fixture
def second_city(db: None, dldb_file: Path) -> None:
    import_city(dldb_file)


def test_routing_finds_the_second_citys_services(second_city: None) -> None:
    from anliegen.routing.evaluation import build_model

    rows = read_labelled(TEXTS)
    assert len(rows) >= 150 and len({r.service for r in rows}) >= 100
    report = evaluate(build_model(with_history=False), rows, threshold=0.5)
    assert not report.unknown_labels, report.unknown_labels
    top1 = report.overall.rate(report.overall.top1)
    top3 = report.overall.rate(report.overall.top3)
    print(f"second city (DLDB, {len(rows)} texts): service top-1 {top1:.1%}, top-3 {top3:.1%}")
    # A regression floor, not the goal: issue 20 asks for top-3 >= 90 % and the catalogue-only
    # model reaches 69 % (docs/admin/catalogue-import.md, "Routing on an imported catalogue").
    assert top3 >= 0.65


def test_evaluate_routing_prints_the_second_city_figure(second_city: None) -> None:
    out = io.StringIO()
    call_command("evaluate_routing", str(TEXTS), "--model", "catalogue", "--all-rows", stdout=out)
    text = out.getvalue()
    assert "top-3" in text or "top3" in text, text[:500]


def test_the_portal_shows_the_source_text_and_sends_to_booking(second_city: None) -> None:
    train_and_activate()
    trade = Service.objects.get(key="dldb-1063423")
    citizen = Client()
    page = citizen.get(f"/leistungen/{trade.key}/").content.decode()
    assert "<strong>vor oder spätestens mit Aufnahme der Tätigkeit</strong>" in page
    assert 'lang="de"' in page and "Quelle:" in page
    assert "Stadtverwaltung München" in page and "DLDB" in page  # attribution
    booking = f"/leistungen/{trade.key}/weiter/appointment/"
    assert booking in page
    went = citizen.get(booking)
    assert went.status_code == 302 and went["Location"] == trade.appointment_url
    found = citizen.get("/suche/", {"q": "ich will ein Gewerbe anmelden"}).content.decode()
    assert f"/leistungen/{trade.key}/" in found
