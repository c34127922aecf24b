"""The catalogue health page and the periodic link check, against a real local HTTP server
(no address outside this machine is ever called)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client
from django.utils import timezone

from anliegen.catalog.links import check_all
from anliegen.catalog.models import LinkCheck, Responsibility, Service
from anliegen.jobs.registry import get_periodic
from anliegen.tickets.actions.route import route_ticket
from anliegen.tickets.actors import Actor
from anliegen.tickets.models import EventKind, TicketEvent
from tests.conftest import City, submit

URL = "/admin/catalog/service/health/"


class _Site(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/slow":
            time.sleep(2)
            self.send_response(200)
        else:
            self.send_response(200 if self.path == "/ok" else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path in {"/ok", "/no-head"} else 404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _service(key: str, **fields: object) -> Service:
    return Service.objects.create(key=key, name=key.title(), citizen_name=key, **fields)


def test_the_link_check_records_what_answers(city: City, site: str) -> None:
    ok = _service("ok", online_service_url=f"{site}/ok", appointment_url=f"{site}/no-head")
    gone = _service("gone", online_service_url=f"{site}/gone")
    refused = _service("refused", appointment_url=f"http://127.0.0.1:{_closed_port()}/x")
    slow = _service("slow", online_service_url=f"{site}/slow")
    result = check_all(timeout=0.5)
    assert result == {"checked": 5, "ok": 2, "broken": 3}
    checks = {(c.service.key, c.kind): c for c in LinkCheck.objects.select_related("service")}
    assert checks[(ok.key, "online")].ok and checks[(ok.key, "appointment")].ok
    assert checks[(gone.key, "online")].status_code == 404
    assert (
        not checks[(refused.key, "appointment")].ok and checks[(refused.key, "appointment")].error
    )
    assert not checks[(slow.key, "online")].ok
    # A second run replaces the results instead of piling them up.
    check_all(timeout=0.5)
    assert LinkCheck.objects.count() == 5


def test_the_check_runs_weekly() -> None:
    spec = get_periodic("catalog.check_links")
    assert spec is not None and spec.every.days == 7


def test_the_health_page_lists_what_to_fix(city: City, site: str) -> None:
    lonely = _service("ohne-stelle", synonyms=["x"])
    wordless = _service("ohne-worte", leika_key="99001001000000")
    twin = _service("zwilling", leika_key="99001001000000", synonyms=["y"])
    for s in (wordless, twin):
        Responsibility.objects.create(service=s, org_unit=city.tiefbau)
    broken = _service("kaputt", online_service_url=f"{site}/gone", synonyms=["z"])
    Responsibility.objects.create(service=broken, org_unit=city.tiefbau)
    check_all(timeout=0.5)
    parking = submit(city.falschparker).ticket
    TicketEvent.objects.create(
        ticket=parking,
        kind=EventKind.ROUTED,
        data={"service": city.laterne.key, "method": "auto"},
        created_at=timezone.now(),
    )
    route_ticket(parking, Actor.staff(city.admin), service=city.falschparker, reason="Parken")
    admin = Client()
    admin.force_login(city.admin)
    page = admin.get(URL).content.decode()
    without_office = page.split("Ohne zuständige Stelle")[1].split("<h2>")[0]
    assert lonely.name in without_office and twin.name not in without_office
    assert wordless.name in page.split("Suchbegriffe")[1].split("<h2>")[0]
    assert f"{site}/gone" in page and "HTTP 404" in page
    assert "99001001000000: " in page
    corrections = page.split("Häufigste Korrekturen")[1]
    assert city.laterne.name in corrections and city.falschparker.name in corrections
    assert "/admin/catalog/service/" in admin.get("/admin/catalog/service/").content.decode()


def test_only_catalogue_staff_see_the_page(city: City) -> None:
    clerk = Client(raise_request_exception=False)
    city.clerk_ordnung.is_staff = True
    city.clerk_ordnung.save()
    clerk.force_login(city.clerk_ordnung)
    assert clerk.get(URL).status_code == 403
    assert clerk.post(URL).status_code == 403
