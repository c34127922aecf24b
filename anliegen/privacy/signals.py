"""Sign-ins and failed sign-ins go into the audit log (Django's auth signals).

Auth signals are the framework's only hook for sign-ins (every backend: password, LDAP,
OIDC), so this is the one place the project uses signals.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .audit import record


def _address(request: HttpRequest | None) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


def signed_in(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    record(user.get_username(), "auth.login", actor_id=user.pk, address=_address(request))


def sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django already masks the password in ``credentials``; only the name is kept.
    username = str(credentials.get("username", ""))[:150]
    record(username, "auth.login_failed", address=_address(request))


def signed_out(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(user.get_username(), "auth.logout", actor_id=user.pk, address=_address(request))
