from __future__ import annotations

from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Topic

from .demo import BULKY_WASTE


def test_start_page_asks_one_question(client: Client, catalogue: None) -> None:
    page = client.get(reverse("portal:home"))
    assert page.status_code == 200
    assert "Was ist Ihr Anliegen?" in page.text
    assert 'hx-get="/suche/"' in page.text
    topic = Topic.objects.filter(services__isnull=False).first()
    assert topic is not None
    assert reverse("portal:topic", args=[topic.key]) in page.text


def test_results_without_javascript_list_the_routing_suggestions(
    client: Client, catalogue: None
) -> None:
    page = client.get(reverse("portal:results"), {"q": "alte Couch abholen lassen"})
    assert page.status_code == 200
    assert "<html" in page.text
    assert reverse("portal:service", args=[BULKY_WASTE]) in page.text


def test_htmx_gets_only_the_suggestion_fragment(client: Client, catalogue: None) -> None:
    page = client.get(
        reverse("portal:results"), {"q": "Sperrmüll anmelden"}, headers={"HX-Request": "true"}
    )
    assert page.status_code == 200
    assert "<html" not in page.text
    assert reverse("portal:service", args=[BULKY_WASTE]) in page.text


def test_empty_and_overlong_queries_are_no_error(client: Client, catalogue: None) -> None:
    assert client.get(reverse("portal:results"), {"q": ""}).status_code == 200
    assert client.get(reverse("portal:results"), {"q": "x" * 5000}).status_code == 200


def test_topic_and_catalogue_pages_link_services(client: Client, catalogue: None) -> None:
    topic = Topic.objects.get(services__key=BULKY_WASTE)
    page = client.get(reverse("portal:topic", args=[topic.key]))
    assert reverse("portal:service", args=[BULKY_WASTE]) in page.text
    page = client.get(reverse("portal:catalogue"))
    assert reverse("portal:service", args=[BULKY_WASTE]) in page.text
    assert client.get(reverse("portal:topic", args=["gibt-es-nicht"])).status_code == 404


def test_pages_carry_a_strict_content_security_policy(client: Client, catalogue: None) -> None:
    policy = client.get(reverse("portal:home")).headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
