"""LDAP sign-in against a real slapd started on a free port from a temporary config.

bin/test installs slapd (Debian) when run as root; without it the test is skipped."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from anliegen.organization.models import User
from anliegen.privacy.models import AuditEvent

ldap = pytest.importorskip("ldap", reason='needs the "ldap" extra (python-ldap)')
SLAPD = Path("/usr/sbin/slapd")
PORT = 21489
SUFFIX = "dc=koblenz,dc=example"
ROOT_DN = f"cn=admin,{SUFFIX}"
ROOT_PW = "admin-secret"
CONFIG = """
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
modulepath /usr/lib/ldap
moduleload back_mdb
pidfile {tmp}/slapd.pid
database mdb
suffix "{suffix}"
rootdn "{root}"
rootpw {password}
directory {tmp}/db
"""


def _wait_for_port(port: int) -> None:
    for _ in range(100):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError("slapd did not start")


@pytest.fixture(scope="session")
def slapd() -> Iterator[str]:
    if not SLAPD.exists():
        pytest.skip("slapd is not installed (bin/test installs it as root: apt-get install slapd)")
    tmp = Path(tempfile.mkdtemp(prefix="anliegen-slapd-"))
    (tmp / "db").mkdir()
    config = tmp / "slapd.conf"
    config.write_text(CONFIG.format(tmp=tmp, suffix=SUFFIX, root=ROOT_DN, password=ROOT_PW))
    uri = f"ldap://127.0.0.1:{PORT}"
    process = subprocess.Popen(
        [str(SLAPD), "-d", "0", "-f", str(config), "-h", f"{uri}/"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for_port(PORT)
        conn = ldap.initialize(uri)
        conn.simple_bind_s(ROOT_DN, ROOT_PW)
        conn.add_s(
            SUFFIX,
            [
                ("objectClass", [b"dcObject", b"organization"]),
                ("dc", [b"koblenz"]),
                ("o", [b"Stadt Koblenz"]),
            ],
        )
        conn.add_s(
            f"ou=people,{SUFFIX}", [("objectClass", [b"organizationalUnit"]), ("ou", [b"people"])]
        )
        conn.add_s(
            f"uid=erika.ldap,ou=people,{SUFFIX}",
            [
                ("objectClass", [b"inetOrgPerson"]),
                ("uid", [b"erika.ldap"]),
                ("cn", [b"Erika Muster"]),
                ("givenName", [b"Erika"]),
                ("sn", [b"Muster"]),
                ("mail", [b"erika@koblenz.example"]),
                ("userPassword", [b"Ldap-Passwort-123"]),
            ],
        )
        conn.unbind_s()
        yield uri
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def ldap_settings(slapd: str, settings: Any) -> None:
    from django_auth_ldap.config import LDAPSearch

    settings.AUTHENTICATION_BACKENDS = [
        "axes.backends.AxesStandaloneBackend",
        "django_auth_ldap.backend.LDAPBackend",
        "django.contrib.auth.backends.ModelBackend",
    ]
    settings.AUTH_LDAP_SERVER_URI = slapd
    settings.AUTH_LDAP_BIND_DN = ROOT_DN
    settings.AUTH_LDAP_BIND_PASSWORD = ROOT_PW
    settings.AUTH_LDAP_USER_SEARCH = LDAPSearch(
        f"ou=people,{SUFFIX}", ldap.SCOPE_SUBTREE, "(uid=%(user)s)"
    )
    settings.AUTH_LDAP_USER_ATTR_MAP = {
        "first_name": "givenName",
        "last_name": "sn",
        "email": "mail",
    }


def _login(client: Client, password: str) -> Any:
    return client.post(reverse("workspace:login"), {"username": "erika.ldap", "password": password})


def test_staff_sign_in_through_ldap(db: None, ldap_settings: None) -> None:
    client = Client()
    assert _login(client, "falsch").status_code == 200
    response = _login(client, "Ldap-Passwort-123")
    assert response.status_code == 302
    user = User.objects.get(username="erika.ldap")
    assert (user.email, user.last_name) == ("erika@koblenz.example", "Muster")
    assert client.get(reverse("workspace:inbox")).status_code == 200
    assert AuditEvent.objects.filter(action="auth.login", actor_id=user.pk).exists()
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 1


def test_ldap_sign_in_is_throttled_too(db: None, ldap_settings: None) -> None:
    client = Client()
    for _ in range(5):
        _login(client, "falsch")
    page = _login(client, "Ldap-Passwort-123")
    assert "Zu viele fehlgeschlagene Anmeldungen" in page.content.decode()
    assert not User.objects.filter(username="erika.ldap").exists()
