"""Sign-in with a throttle: after repeated failures for a name or address, wait."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_FAILURES = 5
WINDOW_SECONDS = 15 * 60


def _keys(request: Any, username: str) -> list[str]:
    address = request.META.get("REMOTE_ADDR", "") if request else ""
    return [f"login-fail:user:{username.strip().lower()}", f"login-fail:ip:{address}"]


class ThrottledLoginForm(AuthenticationForm):
    """Counts failures per user name and per address in the cache; both are checked, so
    neither guessing one account from many places nor many accounts from one place works."""

    def clean(self) -> dict[str, Any]:
        keys = _keys(self.request, self.data.get("username", ""))
        if any(cache.get(key, 0) >= MAX_FAILURES for key in keys):
            raise ValidationError(
                _("Zu viele fehlgeschlagene Anmeldungen. Bitte versuchen Sie es in 15 Minuten."),
                code="throttled",
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            for key in keys:
                cache.set(key, cache.get(key, 0) + 1, WINDOW_SECONDS)
            raise
        cache.delete(keys[0])
        return cleaned


login = auth_views.LoginView.as_view(
    template_name="workspace/login.html",
    authentication_form=ThrottledLoginForm,
    redirect_authenticated_user=True,
    next_page="workspace:inbox",
)
logout = auth_views.LogoutView.as_view(next_page="workspace:login")
