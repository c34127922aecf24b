from __future__ import annotations

from django.test import Client
from django.urls import reverse

from anliegen.catalog.models import Service
from anliegen.catalog.responsibility import lead_unit
from anliegen.portal.models import DeflectionCount

from .demo import BULKY_WASTE


def test_service_page_shows_office_and_existing_ways_first(client: Client, catalogue: None) -> None:
    service = Service.objects.get(key=BULKY_WASTE)
    responsibility = lead_unit(service)
    assert responsibility is not None
    page = client.get(reverse("portal:service", args=[BULKY_WASTE])).text
    assert responsibility.org_unit.name in page
    online = page.index("Online erledigen")
    write = page.index("Anliegen schreiben")
    assert online < write


def test_each_use_of_an_existing_way_is_counted_anonymously(
    client: Client, catalogue: None
) -> None:
    service = Service.objects.get(key=BULKY_WASTE)
    url = reverse("portal:go", args=[BULKY_WASTE, "online"])
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == service.online_service_url
    row = DeflectionCount.objects.get(service=service, channel="online")
    assert row.count == 2
    assert not client.session.keys() - {"django_language"}


def test_appointment_way_is_counted_separately(client: Client, catalogue: None) -> None:
    service = Service.objects.exclude(appointment_url="").first()
    assert service is not None
    response = client.get(reverse("portal:go", args=[service.key, "appointment"]))
    assert response["Location"] == service.appointment_url
    assert DeflectionCount.objects.get(service=service, channel="appointment").count == 1


def test_unknown_way_or_missing_url_is_404(client: Client, catalogue: None) -> None:
    assert client.get(reverse("portal:go", args=[BULKY_WASTE, "fax"])).status_code == 404
    assert client.get(reverse("portal:go", args=[BULKY_WASTE, "appointment"])).status_code == 404
    assert not DeflectionCount.objects.exists()
