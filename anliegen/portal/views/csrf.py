"""The page for a failed CSRF check (settings.CSRF_FAILURE_VIEW), in the portal's style.

It happens when the browser sent no CSRF cookie (blocked cookies, an expired or cleared
cookie, a page left open for long). Instead of Django's bare page the visitor sees what they
sent and can send it again: this answer sets a fresh cookie, and the form below re-posts every
field to the same address. Files cannot be carried over and are named as lost."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

# Free-text fields shown as editable text areas; every other field goes along hidden.
TEXT_FIELDS = ("text", "body")


def _target(request: HttpRequest) -> str:
    # Only a path of this site: the form posts back to where the visitor was sending.
    path = request.path
    return path if path.startswith("/") and not path.startswith("//") else "/"


def failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    posted = [
        (name, value)
        for name in request.POST
        if name != "csrfmiddlewaretoken"
        for value in request.POST.getlist(name)
    ]
    return render(
        request,
        "403_csrf.html",
        {
            "action": _target(request),
            "texts": [(n, v) for n, v in posted if n in TEXT_FIELDS],
            "hidden": [(n, v) for n, v in posted if n not in TEXT_FIELDS],
            "files": [
                upload.name for name in request.FILES for upload in request.FILES.getlist(name)
            ],
        },
        status=403,
    )
