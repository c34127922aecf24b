"""Sign-in. Throttling is django-axes (database-backed, so it holds across processes): after
repeated failures for a name or from an address, the form says to wait."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

THROTTLED = _("Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten.")


def single_sign_on_url() -> str:
    """Where the OpenID Connect sign-in starts, or "" when this deployment has none."""
    if not settings.OIDC_RP_CLIENT_ID:
        return ""
    try:
        return reverse("oidc_authentication_init")
    except NoReverseMatch:  # client id set after the URLconf was loaded (never in production)
        return ""


def locked_out(
    request: HttpRequest, response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The axes lock-out answer: the sign-in page again, with the wait message and the name."""
    # Unbound: show the wait message, not "wrong password" as well; keep the name typed.
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")})
    context = {"form": form, "throttled": THROTTLED, "sso_url": single_sign_on_url()}
    return render(request, "workspace/login.html", context, status=200)


class LoginView(auth_views.LoginView):
    template_name = "workspace/login.html"
    redirect_authenticated_user = True
    next_page = "workspace:inbox"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), "sso_url": single_sign_on_url()}


login = LoginView.as_view()
logout = auth_views.LogoutView.as_view(next_page="workspace:login")
