"""Report figures against values computed by hand from the seeded history (see conftest)."""

from __future__ import annotations

import csv
import io

import time_machine
from django.test import Client

from anliegen.reports.models import DailyFigure, DurationFigure
from anliegen.reports.tasks import refresh_recent_figures
from tests.conftest import City
from tests.deadlines.test_due_dates import at

from .conftest import Seeded

RANGE = {"date_from": "2026-03-02", "date_to": "2026-03-04"}


def report_for(client: Client, user, **params):
    client.force_login(user)
    response = client.get("/berichte/", {**RANGE, **params})
    assert response.status_code == 200
    return response.context["report"], response.content.decode()


def test_admin_sees_city_wide_figures(city: City, seeded: Seeded, client: Client) -> None:
    report, html = report_for(client, city.admin)
    assert report.incoming_total == 4
    assert [(b.label, b.value) for b in report.incoming_series] == [
        ("02.03.2026", 3),
        ("03.03.2026", 1),
        ("04.03.2026", 0),
    ]
    assert {b.label: b.value for b in report.by_channel} == {
        "Online-Formular": 2,
        "Telefon": 1,
        "E-Mail": 1,
    }
    # First responses: 0.5 h, 2 h (both in time) and 49 h (late).
    assert (report.responded, report.responded_in_time) == (3, 2)
    assert report.response_compliance == 66.7
    assert report.first_response_median == 2
    assert report.first_response_p90 == 60  # 49 h falls in the 48–60 h bucket
    # Resolved: after 24 h and 6 h, both in time.
    assert (report.resolved, report.resolved_in_time) == (2, 2)
    assert (report.resolution_median, report.resolution_p90) == (6, 24)
    # Open at the end of 4 March: t2 (62 h old) and t3 (60 h old).
    assert report.backlog == 2
    assert {b.label: b.value for b in report.backlog_age}["bis 3 Tage"] == 2
    assert report.deflection_total == 3
    # t1 and t2 were routed automatically; staff moved t2.
    assert (report.auto_routed, report.rerouted, report.kept) == (2, 1, 1)
    # Effort: 20 + 10 min on t1 (resolved 3 March), 15 min on t2 (now with the Ordnungsamt);
    # t4 was resolved without any record and does not count towards the average.
    assert (report.effort_minutes, report.effort_entries) == (45, 3)
    assert (report.effort_resolved_minutes, report.resolved_with_effort) == (30, 1)
    assert report.effort_per_resolved == 30.0
    seeded.t1.refresh_from_db()
    assert seeded.t1.org_unit is not None
    assert {b.label: b.value for b in report.effort_by_office} == {
        seeded.t1.org_unit.name: 30,
        "Ordnungsamt": 15,
    }
    assert "Bearbeitungszeit (Zeiterfassung)" in html
    assert "Berichte" in html  # navigation link for administrators
    assert "Kennzahlen" in html


def test_lead_sees_only_own_offices(city: City, seeded: Seeded, client: Client) -> None:
    report, _html = report_for(client, city.lead_ordnung)
    assert report.incoming_total == 2  # t2 (now Ordnungsamt) and t3 (Vollzugsdienst)
    assert report.backlog == 2
    assert (report.responded, report.responded_in_time) == (2, 1)
    assert (report.auto_routed, report.rerouted) == (1, 1)
    # Another office is not offered and, if forced, changes nothing.
    forced, _ = report_for(client, city.lead_ordnung, org_unit=city.tiefbau.pk)
    assert forced.incoming_total == 2


def test_filters_narrow_the_figures(city: City, seeded: Seeded, client: Client) -> None:
    report, _ = report_for(client, city.admin, channel="phone")
    assert report.incoming_total == 1
    report, _ = report_for(client, city.admin, service=city.laterne.pk)
    assert (report.incoming_total, report.resolved) == (2, 2)
    report, _ = report_for(client, city.admin, org_unit=city.vollzugsdienst.pk)
    assert report.incoming_total == 1
    report, _ = report_for(client, city.admin, weekly="on")
    assert [(b.label, b.value) for b in report.incoming_series] == [("KW 10/2026", 4)]


def test_bad_dates_give_a_message_not_an_error(city: City, seeded: Seeded, client: Client) -> None:
    client.force_login(city.admin)
    response = client.get("/berichte/", {"date_from": "2026-03-05", "date_to": "2026-03-01"})
    assert response.status_code == 200
    assert "Das Anfangsdatum liegt nach dem Enddatum." in response.content.decode()
    response = client.get("/berichte/", {"date_from": "kein Datum"})
    assert response.status_code == 200


def test_clerk_has_no_reports(city: City, client: Client) -> None:
    client.force_login(city.clerk_ordnung)
    assert client.get("/berichte/").status_code == 403
    assert "/berichte/" not in client.get("/arbeitsplatz/").content.decode()


def test_csv_export(city: City, seeded: Seeded, client: Client) -> None:
    client.force_login(city.admin)
    response = client.get("/berichte/export.csv", RANGE)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    incoming = sum(int(r["incoming"]) for r in rows)
    assert incoming == 4
    phone = [r for r in rows if r["channel"] == "phone"]
    assert phone == [
        {
            "period": "2026-03-02",
            "org_unit": "Kommunaler Vollzugsdienst",
            "channel": "phone",
            "incoming": "1",
            "responded": "0",
            "responded_in_time": "0",
            "resolved": "0",
            "resolved_in_time": "0",
            "auto_routed": "0",
            "rerouted": "0",
            "effort_minutes": "0",
            "effort_entries": "0",
            "feedback": "0",
            "feedback_solved": "0",
            "feedback_rated": "0",
            "rating_sum": "0",
            "solved_share": "",
            "satisfaction": "",
        },
        {
            "period": "2026-03-04",
            "org_unit": "Kommunaler Vollzugsdienst",
            "channel": "phone",
            "incoming": "0",
            "responded": "1",
            "responded_in_time": "0",
            "resolved": "0",
            "resolved_in_time": "0",
            "auto_routed": "0",
            "rerouted": "0",
            "effort_minutes": "0",
            "effort_entries": "0",
            "feedback": "0",
            "feedback_solved": "0",
            "feedback_rated": "0",
            "rating_sum": "0",
            "solved_share": "",
            "satisfaction": "",
        },
    ]
    weekly = client.get("/berichte/export.csv", {**RANGE, "weekly": "on"}).content.decode()
    assert "2026-03-02,Kommunaler Vollzugsdienst,phone,1,1,0,0,0,0,0,0,0" in weekly


def test_public_page_has_aggregates_only(city: City, seeded: Seeded, client: Client) -> None:
    with time_machine.travel(at("2026-03-04", "20:00"), tick=False):
        response = client.get("/berichte/zahlen/")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["report"].incoming_total == 4
    for private in ("buerger@example.org", seeded.t1.reference, "Vollzugsdienst", "admin"):
        assert private not in html


def test_refresh_is_idempotent(city: City, seeded: Seeded) -> None:
    before = sorted(DailyFigure.objects.values_list("date", "channel", "incoming", "resolved"))
    durations = DurationFigure.objects.count()
    with time_machine.travel(at("2026-03-04", "21:00"), tick=False):
        refresh_recent_figures.call()
        refresh_recent_figures.call()
    after = sorted(DailyFigure.objects.values_list("date", "channel", "incoming", "resolved"))
    assert before == after
    assert DurationFigure.objects.count() == durations


def test_refresh_command_fills_figures(city: City, seeded: Seeded) -> None:
    from django.core.management import call_command

    DailyFigure.objects.all().delete()
    with time_machine.travel(at("2026-03-04", "21:00"), tick=False):
        call_command("refresh_figures", "--days", "3")
    assert sum(DailyFigure.objects.values_list("incoming", flat=True)) == 4
