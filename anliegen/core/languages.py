"""A citizen's language: one of the site's languages, or "" for the site default."""

from __future__ import annotations

from django.conf import settings


def supported_language(header: str | None) -> str:
    """The best site language in a language tag or list ("en-GB", "fr, en;q=0.8"), else ""."""
    offered = {code for code, _name in settings.LANGUAGES}
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")):
        tag, _sep, params = item.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        primary = tag.strip().split("-")[0].split("_")[0].lower()
        if primary in offered and weight > 0:
            ranked.append((-weight, position, primary))
    return min(ranked)[2] if ranked else ""
