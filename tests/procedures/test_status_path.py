"""The start page's search offers /sachstand/ first for a status inquiry."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

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
