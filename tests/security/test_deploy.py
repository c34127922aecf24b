"""``manage.py check --deploy`` is clean with production settings (set as in production: by
environment variables), and the security headers are on every response."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.test import Client

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(60),
    "SITE_URL": "https://anliegen.koblenz.example",
    "ALLOWED_HOSTS": "anliegen.koblenz.example",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SECURE_SSL_REDIRECT": "true",
    "BEHIND_TLS_PROXY": "true",
}


def _check(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environ = {**os.environ, **env, "ANLIEGEN_VAR_DIR": str(tmp_path)}
    environ.pop("SECURE_COOKIES", None)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path: Path) -> None:
    result = _check(PRODUCTION, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_catches_a_missing_setting(tmp_path: Path) -> None:
    """The positive control: without HSTS the same check fails."""
    result = _check({**PRODUCTION, "SECURE_HSTS_SECONDS": "0"}, tmp_path)
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_security_headers_on_pages(db: None) -> None:
    response = Client().get("/")
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
