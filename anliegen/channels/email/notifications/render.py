"""Subject, text and HTML of a notification from templates, in the site language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from .outbox import Rendered


def render(name: str, context: dict[str, Any], language: str | None = None) -> Rendered:
    """Templates email_channel/mail/<name>.subject.txt, .txt and .html."""
    base = {"city": settings.CITY_NAME, "site_url": settings.SITE_URL, **context}
    with translation.override(language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"email_channel/mail/{name}.subject.txt", base)
        text = render_to_string(f"email_channel/mail/{name}.txt", base)
        html = render_to_string(f"email_channel/mail/{name}.html", base)
    return Rendered(" ".join(subject.split()), text.strip() + "\n", html)


def portal_url(name: str, *args: str) -> str:
    return settings.SITE_URL + reverse(f"portal:{name}", args=args)


def workspace_url(ticket_id: int) -> str:
    return settings.SITE_URL + reverse("workspace:ticket", args=[ticket_id])
