"""The demo city's data loads cleanly, is big and heterogeneous enough, and loads twice."""

from __future__ import annotations

import pytest
from django.test import Client

from anliegen.catalog.models import Responsibility, Service
from anliegen.demo.catalogue import load_catalogue
from anliegen.organization.models import OrgUnit, User


@pytest.mark.django_db
def test_demo_catalogue_loads_idempotently() -> None:
    first = load_catalogue()
    second = load_catalogue()
    assert first == second
    assert OrgUnit.objects.count() == first["org_units"] >= 35
    assert OrgUnit.objects.filter(is_external=True).count() >= 5
    assert OrgUnit.objects.filter(is_triage_desk=True).exists()
    assert Service.objects.count() >= 250
    assert Service.objects.filter(kind=Service.Kind.DEFECT).count() >= 30
    assert Service.objects.exclude(leika_key="").count() >= 50
    for service in Service.objects.all():
        service.full_clean()  # LeiKa keys, form-field schemas, URLs
        assert service.responsibilities.filter(role=Responsibility.Role.LEAD).exists(), service
    assert (
        User.objects.filter(
            username__in=["clerk.ordnung", "clerk.sozial", "lead.ordnung", "triage", "admin"]
        ).count()
        == 5
    )


@pytest.mark.django_db
def test_catalogue_page_lists_services(client: Client) -> None:
    load_catalogue()
    response = client.get("/leistungen/")
    assert response.status_code == 200
    assert "Sperrmüll" in response.content.decode()
    assert client.get("/health/").json() == {"status": "ok"}


@pytest.mark.django_db
def test_demo_city_has_a_data_protection_officer(client: Client) -> None:
    """Issue 16, point 10: the data protection pages can be tried in the demo."""
    from django.core.management import call_command

    from anliegen.demo.catalogue import DEMO_PASSWORD
    from anliegen.privacy.roles import is_dpo

    load_catalogue()
    load_catalogue()  # twice: still one group membership
    dsb = User.objects.get(username="dsb")
    assert is_dpo(dsb) and dsb.groups.count() == 1
    assert not dsb.memberships.exists()  # no office: sees no concerns in the inbox
    assert dsb.check_password(DEMO_PASSWORD)
    client.force_login(dsb)
    inbox = client.get("/arbeitsplatz/").content.decode()
    assert 'href="/arbeitsplatz/datenschutz/protokoll/"' in inbox
    assert client.get("/arbeitsplatz/datenschutz/protokoll/").status_code == 200
    assert client.get("/arbeitsplatz/datenschutz/person/").status_code == 200
    clerk = Client()
    clerk.force_login(User.objects.get(username="clerk.ordnung"))
    assert "datenschutz/protokoll" not in clerk.get("/arbeitsplatz/").content.decode()
    from io import StringIO

    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "dsb" in out.getvalue() and "Datenschutz" in out.getvalue()
