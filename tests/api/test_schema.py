"""Schemathesis against the published OpenAPI spec: no 5xx, every response as documented.

Deterministic (derandomized Hypothesis, fixed example budget) and in-process through WSGI.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from anliegen.channels.api.tokens import issue_token
from tests.conftest import City, submit


@pytest.fixture(autouse=True)
def _keep_connection() -> Iterator[None]:
    # Like Django's test client: keep the test's database connection open across requests.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_key(city: City) -> str:
    # Some real tickets so that ids in paths sometimes exist.
    submit(city.falschparker)
    submit(city.laterne)
    return issue_token(
        "Fuzz", [city.ordnungsamt], can_write=True, rate_limit_per_minute=100_000
    ).secret


# The spec endpoint needs no database, so the schema can be loaded at collection time.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_spec(case: Any, fuzz_key: str) -> None:
    # Schema-valid bodies may still name a service or colleague that does not exist, which
    # is rightly a 422; every other check (negative data, status codes, content types,
    # response schemas, no 5xx) stays on.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {fuzz_key}"},
        excluded_checks=[positive_data_acceptance],
    )
