"""API keys for the fixed test city: one per office, read-only and read-write."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from anliegen.channels.api.tokens import issue_token
from tests.conftest import City


@dataclass
class Keys:
    ordnung_rw: str
    ordnung_ro: str
    tiefbau_rw: str


@pytest.fixture(autouse=True)
def _fresh_rate_limits() -> None:
    cache.clear()


@pytest.fixture
def keys(city: City) -> Keys:
    return Keys(
        ordnung_rw=issue_token("Ordnung RW", [city.ordnungsamt], can_write=True).secret,
        ordnung_ro=issue_token("Ordnung RO", [city.ordnungsamt]).secret,
        tiefbau_rw=issue_token("Tiefbau RW", [city.tiefbau], can_write=True).secret,
    )


class Api:
    """A test client speaking to /api/v1/ with one key."""

    def __init__(self, client: Client, key: str) -> None:
        self.client = client
        self.headers = {"Authorization": f"Bearer {key}"}

    def get(self, path: str, **params: Any):
        return self.client.get(f"/api/v1{path}", params, headers=self.headers)

    def post(self, path: str, body: object):
        return self.client.post(
            f"/api/v1{path}", body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def as_key(client: Client):
    return lambda key: Api(client, key)
