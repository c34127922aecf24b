"""What the citizen typed on the start page goes with them into the form, on every path."""

from __future__ import annotations

import html
import re

from django.test import Client
from django.urls import reverse

from .demo import BULKY_WASTE
from .helpers import base_values

TYPED = "Meine alte Couch & zwei Sessel sollen abgeholt werden"


def _textarea(page: str) -> str:
    found = re.search(r'<textarea[^>]*name="text"[^>]*>(.*?)</textarea>', page, re.S)
    assert found
    return html.unescape(found.group(1))


def _hrefs(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]+)"', page)]


def test_search_results_to_service_to_form_keep_the_text(client: Client, catalogue: None) -> None:
    results = client.get(reverse("portal:results"), {"q": TYPED}).text
    service_link = next(h for h in _hrefs(results) if h.startswith(f"/leistungen/{BULKY_WASTE}/"))
    service = client.get(service_link).text
    form_link = next(
        h for h in _hrefs(service) if h.startswith(reverse("portal:submit", args=[BULKY_WASTE]))
    )
    assert _textarea(client.get(form_link).text) == TYPED


def test_write_to_us_is_a_submit_of_the_search_box(client: Client, catalogue: None) -> None:
    """No JavaScript needed: the button sends the search field to the general form."""
    for page in (
        client.get(reverse("portal:home")).text,
        client.get(reverse("portal:results"), {"q": TYPED}).text,
    ):
        assert re.search(
            r'<button[^>]*form="search-form"[^>]*formaction="/anliegen/neu/"[^>]*formmethod="get"',
            page,
        )
    generic = client.get(reverse("portal:submit_generic"), {"q": TYPED}).text
    assert _textarea(generic) == TYPED


def test_a_draft_wins_over_the_search_text(client: Client, catalogue: None) -> None:
    form = reverse("portal:submit_generic")
    client.post(form, {**base_values(text="Mein eigener Text"), "upload_only": "1"})
    assert _textarea(client.get(form, {"q": TYPED}).text) == "Mein eigener Text"


def test_changing_the_service_keeps_the_description(client: Client, catalogue: None) -> None:
    client.post(reverse("portal:submit_generic"), {"text": TYPED, "upload_only": "1"})
    page = client.get(reverse("portal:submit", args=[BULKY_WASTE])).text
    assert _textarea(page) == TYPED


def test_an_overlong_query_is_cut_to_the_search_limit(client: Client, catalogue: None) -> None:
    page = client.get(reverse("portal:submit_generic"), {"q": "x" * 5000}).text
    assert _textarea(page) == "x" * 500
