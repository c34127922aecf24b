"""Staff sign-in: django-axes throttling across processes, TOTP second factor."""

from __future__ import annotations

import re
from typing import Any

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from anliegen.privacy.models import AuditEvent
from tests.conftest import City

PASSWORD = "Test-Passwort-123"


def _login(client: Client, username: str, password: str = PASSWORD) -> Any:
    return client.post(reverse("workspace:login"), {"username": username, "password": password})


def _code(device: TOTPDevice, offset: int = 0) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=6) + offset:06d}"[-6:]


def test_lockout_is_stored_in_the_database_and_keeps_the_name(city: City) -> None:
    client = Client(REMOTE_ADDR="10.9.9.9")
    for _ in range(5):
        _login(client, "clerk.ordnung", "falsch")
    assert AccessAttempt.objects.filter(username="clerk.ordnung").exists()
    # Another process (a fresh client) and the right password: still refused.
    page = _login(Client(REMOTE_ADDR="10.9.9.9"), "clerk.ordnung")
    body = page.content.decode()
    assert "Zu viele fehlgeschlagene Anmeldungen" in body
    assert 'value="clerk.ordnung"' in body
    assert "_auth_user_id" not in page.client.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 6


def test_totp_step_after_password(city: City) -> None:
    device = TOTPDevice.objects.create(user=city.clerk_vollzug, name="App", confirmed=True)
    client = Client()
    response = _login(client, "clerk.vollzug")
    inbox = reverse("workspace:inbox")
    page = client.get(inbox)
    assert page.status_code == 302 and page["Location"].startswith(reverse("workspace:otp_verify"))
    assert client.get(reverse("workspace:ticket", args=[1])).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302
    wrong = client.post(reverse("workspace:otp_verify"), {"token": "000000", "next": inbox})
    if wrong.status_code != 302:  # 000000 could, once in a million, be the current code
        assert "Der Code stimmt nicht" in wrong.content.decode()
    bad_input = client.post(reverse("workspace:otp_verify"), {"token": "abc"})
    assert "sechs Ziffern" in bad_input.content.decode()
    # django-otp backs off after a wrong code (throttling); a real user waits a second.
    device.refresh_from_db()
    device.throttle_reset()
    evil = client.post(
        reverse("workspace:otp_verify"), {"token": _code(device), "next": "https://evil.example/"}
    )
    assert evil["Location"] == "/arbeitsplatz/", "no open redirect"
    assert client.get(inbox).status_code == 200
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action="auth.otp_verified").count() == 1


def test_required_by_deployment_sends_to_setup_with_qr_code(city: City, settings: Any) -> None:
    settings.OTP_REQUIRED = True
    client = Client()
    _login(client, "clerk.sozial")
    page = client.get(reverse("workspace:inbox"), follow=True)
    body = page.content.decode()
    assert page.redirect_chain[-1][0].startswith(reverse("workspace:otp_setup"))
    assert "otpauth://totp/" in body and 'src="data:image/svg+xml;base64,' in body
    secret = re.search(r"<code>([A-Z2-7]+)</code>", body)
    assert secret is not None
    device = TOTPDevice.objects.get(user=city.clerk_sozial, confirmed=False)
    done = client.post(reverse("workspace:otp_setup"), {"token": _code(device)})
    assert done.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("workspace:inbox")).status_code == 200


def test_without_requirement_staff_without_app_sign_in_with_password(city: City) -> None:
    client = Client()
    _login(client, "clerk.sozial")
    assert client.get(reverse("workspace:inbox")).status_code == 200
