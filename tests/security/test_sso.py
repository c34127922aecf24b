"""Optional single sign-on: switched on by environment variables only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROBE = (
    "import django; django.setup(); from django.conf import settings; from django.urls import "
    "reverse; print(reverse('oidc_authentication_init')); print(settings.AUTHENTICATION_BACKENDS)"
)


def _run(env: dict[str, str], code: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        **env,
        "ANLIEGEN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "anliegen.settings",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_oidc_routes_and_backend_come_with_the_client_id(tmp_path: Path) -> None:
    result = _run(
        {
            "OIDC_RP_CLIENT_ID": "anliegen",
            "OIDC_RP_CLIENT_SECRET": "s",
            "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
        },
        PROBE,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "/oidc/authenticate/" in result.stdout
    assert "OIDCAuthenticationBackend" in result.stdout
    # Axes still guards every backend, also single sign-on.
    assert result.stdout.index("AxesStandaloneBackend") < result.stdout.index("OIDC")


def test_ldap_backend_configured_by_env(tmp_path: Path) -> None:
    pytest.importorskip("django_auth_ldap", reason='needs the "ldap" extra (python-ldap)')
    code = "import django; django.setup(); from django.conf import settings; " + (
        "print(settings.AUTHENTICATION_BACKENDS, settings.AUTH_LDAP_USER_SEARCH.base_dn)"
    )
    result = _run(
        {"LDAP_SERVER_URI": "ldap://127.0.0.1:21489", "LDAP_USER_BASE": "ou=staff,dc=koblenz"},
        code,
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "LDAPBackend" in result.stdout and "ou=staff,dc=koblenz" in result.stdout
