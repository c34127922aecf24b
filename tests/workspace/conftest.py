from __future__ import annotations

import pytest
from django.core.cache import cache
from django.test import Client

from anliegen.organization.models import User


@pytest.fixture(autouse=True)
def _clear_throttle() -> None:
    cache.clear()


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client
