"""Sign-in. Throttling is django-axes (database-backed, so it holds across processes): after
repeated failures for a name or from an address, the form says to wait."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

THROTTLED = _("Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten.")


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The axes lock-out answer: the sign-in page again, with the wait message and the name."""
    # Unbound: show the wait message, not "wrong password" as well; keep the name typed.
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    return render(
        request, "workspace/login.html", {"form": form, "throttled": THROTTLED}, status=200
    )


login = auth_views.LoginView.as_view(
    template_name="workspace/login.html",
    redirect_authenticated_user=True,
    next_page="workspace:inbox",
)
logout = auth_views.LogoutView.as_view(next_page="workspace:login")
