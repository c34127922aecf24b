"""HTML from outside: sanitised with nh3 for display, flattened to text for the ticket."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

_ALLOWED_TAGS = {
    "a", "b", "blockquote", "br", "code", "div", "em", "h1", "h2", "h3", "h4", "hr", "i",
    "li", "ol", "p", "pre", "span", "strong", "table", "tbody", "td", "th", "thead", "tr",
    "u", "ul",
}  # fmt: skip
_BLOCK = {
    "address", "blockquote", "br", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "li",
    "p", "pre", "table", "tr",
}  # fmt: skip
_SKIP = {"head", "script", "style", "title"}


def sanitise(html: str) -> str:
    """Safe HTML: no scripts, styles, remote images or event handlers; links open nothing."""
    return nh3.clean(
        html,
        tags=_ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._quote_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag == "blockquote":
            self._quote_depth += 1
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")
        elif tag == "td":
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "blockquote":
            self._quote_depth = max(0, self._quote_depth - 1)
            self.parts.append("\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        text = re.sub(r"[ \t\r\n\xa0]+", " ", data)
        if self._quote_depth and text.strip():
            text = "\n".join("> " * self._quote_depth + line for line in text.split("\n"))
        self.parts.append(text)


def to_text(html: str) -> str:
    """A readable text version: block elements become lines, blockquotes become '>' quotes."""
    extractor = _TextExtractor()
    extractor.feed(html)
    extractor.close()
    lines = [line.strip() for line in "".join(extractor.parts).splitlines()]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
