"""A figure declared once in the registry shows on the dashboard, the public page, in the CSV
export and in the staff digest, without touching any other file."""

from __future__ import annotations

import csv
import io

import pytest
import time_machine
from django.core import mail
from django.test import Client

from anliegen.reports import registry
from anliegen.reports.registry import Figure, Totals, Unit, share
from anliegen.reports.tasks import send_staff_digest
from tests.conftest import City
from tests.deadlines.test_due_dates import at

from .conftest import Seeded

RANGE = {"date_from": "2026-03-02", "date_to": "2026-03-04"}
LABEL = "Anteil beantwortet (Testkennzahl)"


def _answered(t: Totals) -> float | None:
    return share(t.sum("responded"), t.sum("incoming"))


@pytest.fixture
def answered_share(monkeypatch: pytest.MonkeyPatch) -> Figure:
    figure = Figure(
        "answered_share", LABEL, Unit.PERCENT, _answered, csv="answered_share", digest=True
    )
    monkeypatch.setattr(registry, "FIGURES", [*registry.FIGURES, figure])
    return figure


def _pages(client: Client, city: City) -> tuple[str, str]:
    client.force_login(city.admin)
    dashboard = client.get("/berichte/", RANGE).content.decode()
    client.logout()
    with time_machine.travel(at("2026-03-04", "20:00"), tick=False):
        public = client.get("/berichte/zahlen/").content.decode()
    return dashboard, public


def _csv(client: Client, city: City) -> list[dict[str, str]]:
    client.force_login(city.admin)
    response = client.get("/berichte/export.csv", RANGE)
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def _digest(city: City) -> str:
    city.lead_ordnung.email = "lead.ordnung@koblenz.example"
    city.lead_ordnung.save()
    mail.outbox.clear()
    with time_machine.travel(at("2026-03-03", "07:00"), tick=False):
        send_staff_digest.call()
    return next(str(m.body) for m in mail.outbox if m.to == [city.lead_ordnung.email])


def test_a_registered_figure_shows_everywhere(
    city: City, seeded: Seeded, client: Client, answered_share: Figure
) -> None:
    dashboard, public = _pages(client, city)
    # 3 of the 4 concerns received on 2–4 March had a first response in that period.
    assert f'{LABEL} <span class="rp-kpi-value">75,0 %</span>' in dashboard
    assert LABEL in public
    rows = _csv(client, city)
    by_key = {(r["period"], r["org_unit"], r["channel"]): r["answered_share"] for r in rows}
    assert by_key[("2026-03-02", "Kommunaler Vollzugsdienst", "phone")] == "0.0"
    assert by_key[("2026-03-04", "Kommunaler Vollzugsdienst", "phone")] == ""  # nothing received
    # Yesterday (2 March) in the Ordnungsamt's offices: t2 and t3 received, t2 answered.
    body = _digest(city)
    assert f"- {LABEL}: 50,0 %" in body
    assert "- Eingang: 2" in body


def test_without_the_declaration_nothing_shows(city: City, seeded: Seeded, client: Client) -> None:
    dashboard, public = _pages(client, city)
    assert LABEL not in dashboard + public
    assert "answered_share" not in _csv(client, city)[0]
    body = _digest(city)
    assert LABEL not in body
    assert "- Erste Antwort fristgerecht: 100,0 % (1/1)" in body  # the registered ones do
