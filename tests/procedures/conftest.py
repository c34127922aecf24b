from __future__ import annotations

import pytest

from anliegen.catalog.models import Service
from anliegen.integrations.models import StatusIntegration
from anliegen.organization.models import OrgUnit
from anliegen.procedures.models import ReferenceFormat
from tests.conftest import City

SECRET = "geheimer-schluessel-bauamt"


@pytest.fixture
def bauamt(city: City) -> OrgUnit:
    return OrgUnit.objects.create(key="bauaufsicht", name="Bauaufsichtsamt", kgst_number="63")


@pytest.fixture
def bauantrag(bauamt: OrgUnit) -> Service:
    return Service.objects.create(key="bauantrag", name="Bauantrag", citizen_name="Bauantrag")


@pytest.fixture
def formats(bauamt: OrgUnit, bauantrag: Service, city: City) -> list[ReferenceFormat]:
    return [
        ReferenceFormat.objects.create(
            system="PROBAUG",
            name="Bauantrag",
            pattern=r"63-\d{4}-\d{4}",
            example="63-2026-0123",
            org_unit=bauamt,
            service=bauantrag,
        ),
        ReferenceFormat.objects.create(
            system="WOHNGELD",
            name="Wohngeld",
            pattern=r"WG-\d{6}",
            example="WG-004711",
            org_unit=city.sozialamt,
            service=city.wohngeld,
        ),
    ]


@pytest.fixture
def bridge(db: None) -> StatusIntegration:
    return StatusIntegration.objects.create(
        name="Bauaufsicht (ProBauG)", slug="probaug", system="PROBAUG", secret=SECRET
    )


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """The per-address tries of /sachstand/ live in the cache; locmem caches of one process
    share their store, so an earlier test's tries must not count for this one."""
    from django.core.cache import cache

    cache.clear()
