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
