"""Pages never show bidi overrides or control characters as they are (issue 19, finding 9).

New text is clean already (the actions normalise it, anliegen/core/text.py); rows written
before that, imported or migrated may still hold them. Neutralising the finished HTML page
covers every template and field at once, staff pages and the citizen's tracking page alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# The characters of anliegen.core.text.displayable as UTF-8 bytes, so that a clean page (all
# of them, nearly always) costs one scan and no decoding: C0 controls but tab, newline and
# carriage return, DEL, C1 controls (U+0080–U+009F), bidi embeddings/overrides
# (U+202A–U+202E) and isolates (U+2066–U+2069), U+FFFE/U+FFFF.
_NOT_SHOWN = re.compile(
    rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]"
    rb"|\xe2\x81[\xa6-\xa9]|\xef\xbf[\xbe\xbf]"
)


def neutralised(content: bytes) -> bytes:
    """UTF-8 ``content`` without the characters a page must not show."""
    return _NOT_SHOWN.sub(b"", content)


class DisplayNeutralisingMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            response.streaming
            or not response.get("Content-Type", "").startswith("text/html")
            or response.has_header("Content-Disposition")
            or (response.charset or "utf-8").lower().replace("_", "-") != "utf-8"
        ):
            return response
        content = response.content
        cleaned = neutralised(content)
        if cleaned != content:
            response.content = cleaned
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(cleaned))
        return response
