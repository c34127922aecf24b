"""Fixtures of the e-mail channel tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


def expected() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads((FIXTURES / "expected.json").read_text())
    return data


def eml(name: str) -> bytes:
    return (FIXTURES / f"{name}.eml").read_bytes()


@pytest.fixture(autouse=True)
def _mail_in_memory(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


from ..clamav import clamd  # noqa: E402,F401 - session fixture: a real clamd
from .servers import mail_servers  # noqa: E402,F401 - the session fixture of real servers
