"""The code step after the password, and setting up an authenticator app."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token

from anliegen.privacy.audit import record

from ..twofactor import qr_data_uri, secret_base32, unconfirmed_device
from .common import staff


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=gettext_lazy("Code aus der Authenticator-App"),
        regex=r"^\s*\d{6}\s*$",
        error_messages={"invalid": gettext_lazy("Bitte geben Sie die sechs Ziffern ein.")},
        widget=forms.TextInput(
            {"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return target
    return "/arbeitsplatz/"


@login_required
def verify(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    form = TokenForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            record(user.username, "auth.otp_verified", actor_id=user.pk)
            return redirect(_next(request))
        record(user.username, "auth.otp_failed", actor_id=user.pk)
        error = _("Der Code stimmt nicht. Bitte nehmen Sie den aktuellen Code aus der App.")
    return render(
        request,
        "workspace/otp_verify.html",
        {"form": form, "error": error, "next": _next(request)},
        status=400 if error else 200,
    )


@login_required
def setup(request: HttpRequest) -> HttpResponse:
    user = staff(request)
    device = unconfirmed_device(user)
    form = TokenForm(request.POST or None)
    error = ""
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            device.confirmed = True
            device.save()
            otp_login(request, device)
            record(user.username, "auth.otp_setup", actor_id=user.pk)
            return redirect(_next(request))
        error = _("Der Code stimmt nicht. Bitte nehmen Sie den aktuellen Code aus der App.")
    return render(
        request,
        "workspace/otp_setup.html",
        {
            "form": form,
            "error": error,
            "next": _next(request),
            "uri": device.config_url,
            "secret": secret_base32(device),
            "qr": qr_data_uri(device.config_url),
        },
        status=400 if error else 200,
    )
