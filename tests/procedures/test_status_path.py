"""The start page's search offers /sachstand/ first for a status inquiry."""

from __future__ import annotations

import re

from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.procedures.models import ReferenceFormat


def test_aktenzeichen_in_the_text_leads_to_the_status_path(
    client: Client, formats: list[ReferenceFormat]
) -> None:
    page = client.get(
        reverse("portal:results"), {"q": "Wo steht mein Bauantrag? Aktenzeichen 63-2026-0123"}
    ).content.decode()
    assert 'id="status-path"' in page
    assert "/sachstand/?aktenzeichen=63-2026-0123" in page
    assert page.index('id="status-path"') < page.index('id="results-heading"')


def test_status_wording_without_a_number(client: Client, formats: list[ReferenceFormat]) -> None:
    text = "Ich habe vor 6 Wochen Wohngeld online beantragt und noch nichts gehört"
    page = client.get(reverse("portal:results"), {"q": text}).content.decode()
    assert 'id="status-path"' in page


def test_a_new_request_gets_no_status_path(client: Client, formats: list[ReferenceFormat]) -> None:
    page = client.get(reverse("portal:results"), {"q": "Ich möchte einen Bauantrag stellen"})
    assert 'id="status-path"' not in page.content.decode()


STATUS_TEXT = "Wo steht mein Bauantrag? Aktenzeichen 63-2026-0123"


def _online_service(service: Service) -> Service:
    service.online_service_url = "https://bauportal.example/antrag"
    service.save()
    return service


def _primary_buttons(page: str) -> list[str]:
    return re.findall(r'<a class="kern-btn kern-btn--primary"[^>]*href="([^"]*)"', page)


def test_service_page_of_a_status_question_offers_the_status_first(
    client: Client, formats: list[ReferenceFormat], bauantrag: Service
) -> None:
    _online_service(bauantrag)
    url = reverse("portal:service", args=[bauantrag.key])
    page = client.get(url, {"q": STATUS_TEXT}).content.decode()

    assert "Stand Ihres Verfahrens abfragen" in page
    assert "/sachstand/?aktenzeichen=63-2026-0123" in page
    # Filing anew is not the main action, and not called "Online erledigen".
    assert "Online erledigen" not in page
    assert _primary_buttons(page) == ["/sachstand/?aktenzeichen=63-2026-0123"]
    assert page.index('id="status-path"') < page.index("Neuen Antrag online stellen")


def test_service_page_without_a_status_question_keeps_online_first(
    client: Client, formats: list[ReferenceFormat], bauantrag: Service
) -> None:
    _online_service(bauantrag)
    url = reverse("portal:service", args=[bauantrag.key])
    for query in ({}, {"q": "Ich möchte einen Bauantrag stellen"}):
        page = client.get(url, query).content.decode()
        assert 'id="status-path"' not in page
        assert _primary_buttons(page) == [reverse("portal:go", args=[bauantrag.key, "online"])]
        assert "Online erledigen" in page
