"""Rich text from a source: sanitised HTML to show, plain text to search and route on."""

from __future__ import annotations

import html
import re

import nh3

# The source's structure survives; scripts, styles, forms and attributes other than links go.
TAGS = {"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "a", "h3", "h4", "h5", "span"}
ATTRIBUTES = {"a": {"href"}}
INVISIBLE = re.compile("[\u200b\u200c\u200d\ufeff]")
SPACE = re.compile(r"[ \t\r\f\v]+")
BLANK_LINES = re.compile(r"\n\s*\n+")


def sanitise(raw: str) -> str:
    cleaned = nh3.clean(
        INVISIBLE.sub("", raw or ""),
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return cleaned.strip()


def plain(raw: str) -> str:
    """Text content with paragraphs kept as blank lines (for routing and the plain view)."""
    marked = re.sub(r"(?i)<\s*(br|/p|/li|/h\d)\s*/?>", "\n", raw or "")
    text = html.unescape(nh3.clean(marked, tags=set()))
    text = SPACE.sub(" ", INVISIBLE.sub("", text.replace("\xa0", " ")))
    lines = [line.strip() for line in text.split("\n")]
    return BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
