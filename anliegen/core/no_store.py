"""Pages with personal data are never kept by a browser cache or a proxy (issue 19, finding 11).

A citizen's tracking page, the form they typed into, the review and confirmation, staff and
admin pages and the APIs answer ``Cache-Control: private, no-store``; so does any page seen by
a signed-in user (its header names them). Public catalogue pages keep whatever they set.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponseBase
from django.utils.cache import patch_cache_control

PERSONAL_PREFIXES = (
    "/verfolgen/",
    "/anliegen/",
    "/sachstand/",
    "/arbeitsplatz/",
    "/berichte/",
    "/admin/",
    "/api/",
    "/integrations/",
    "/oidc/",
)
FORM_SUFFIX = "/anliegen/"  # /leistungen/<key>/anliegen/: the form re-shows what was typed


def carries_personal_data(request: HttpRequest) -> bool:
    path = request.path
    if path.startswith(PERSONAL_PREFIXES) or path.endswith(FORM_SUFFIX):
        return True
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


class NoStoreMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if carries_personal_data(request):
            current = response.get("Cache-Control", "")
            if "no-store" in current:  # never_cache and the like said it already
                return response
            if "max-age" in current:
                del response["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response
