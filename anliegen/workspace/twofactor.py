"""Two-factor sign-in for staff (TOTP through django-otp).

After the password, someone with an authenticator app must enter a code before any workspace
or admin page opens. With ``OTP_REQUIRED`` (per deployment), staff without an app are sent to
set one up first.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_totp.models import TOTPDevice

from anliegen.privacy.roles import ROLE_FLAGS

PROTECTED = ("/arbeitsplatz/", "/admin/")


def _exempt() -> set[str]:
    return {
        reverse(name)
        for name in (
            "workspace:login",
            "workspace:logout",
            "workspace:otp_verify",
            "workspace:otp_setup",
            "admin:login",
            "admin:logout",
        )
    }


def has_device(user: object) -> bool:
    known = getattr(user, ROLE_FLAGS["device"], None)
    if known is not None:  # read with the user by the sign-in backend
        return bool(known)
    return any(True for _ in devices_for_user(user, confirmed=True))


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and request.path.startswith(PROTECTED)
            and request.path not in _exempt()
            and not user.is_verified()  # type: ignore[attr-defined]
        ):
            query = "?" + urlencode({"next": request.get_full_path()})
            if has_device(user):
                return redirect(reverse("workspace:otp_verify") + query)
            if settings.OTP_REQUIRED:
                return redirect(reverse("workspace:otp_setup") + query)
        return self.get_response(request)


def unconfirmed_device(user: object) -> TOTPDevice:
    """The user's device being set up (one per user, created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator", confirmed=False)
    return device


def qr_data_uri(uri: str) -> str:
    """The otpauth URI as an SVG QR code in a data: URI (allowed by the CSP's img-src)."""
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage).to_string()
    return "data:image/svg+xml;base64," + base64.b64encode(svg).decode()


def secret_base32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")
