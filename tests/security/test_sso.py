"""Optional single sign-on: switched on by environment variables only."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

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


SSO_BUTTON = "Mit Single Sign-on anmelden"
# The sign-in page of a deployment with OIDC configured, and where its button leads. Static
# files are not collected and the sessions table does not exist in the probe's empty var dir.
SIGN_IN_PROBE = """
import re
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
client = Client()
page = client.get("/arbeitsplatz/anmelden/?next=/arbeitsplatz/").content.decode()
link = re.search(r'<a [^>]*href="([^"]+)"[^>]*><span[^>]*>([^<]+)</span>', page)
print(link.group(1) if link else "no link", "|", link.group(2) if link else "")
print(client.get(link.group(1))["Location"] if link else "")
"""


def test_sign_in_page_offers_single_sign_on_when_configured(tmp_path: Path) -> None:
    env = {
        "OIDC_RP_CLIENT_ID": "anliegen",
        "OIDC_RP_CLIENT_SECRET": "s",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": "https://idp.example/auth",
    }
    result = _run(env, SIGN_IN_PROBE, tmp_path)
    assert result.returncode == 0, result.stderr
    button, redirect = result.stdout.splitlines()[-2:]
    assert button == f"/oidc/authenticate/?next=/arbeitsplatz/ | {SSO_BUTTON}"
    # The button starts the OIDC flow: a redirect to the identity provider with our client id.
    assert redirect.startswith("https://idp.example/auth?")
    assert "client_id=anliegen" in redirect


def test_sign_in_page_has_no_single_sign_on_without_oidc(client: Client) -> None:
    assert not settings.OIDC_RP_CLIENT_ID
    page = client.get(reverse("workspace:login"))
    assert page.status_code == 200
    assert SSO_BUTTON not in page.text and "/oidc/" not in page.text


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
