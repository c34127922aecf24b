"""GeoReport v2 output: the same rows as JSON or XML, and the spec's error format."""

from __future__ import annotations

import json
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

from django.http import HttpResponse

from anliegen.core.text import xml_safe

XML = "text/xml; charset=utf-8"
JSON = "application/json"


def _add(parent: Element, key: str, value: Any) -> None:
    if isinstance(value, list):
        # <formats><format>…</format></formats>, <attributes><attribute>…: singular children.
        holder = SubElement(parent, key)
        child = {"attributes": "attribute", "values": "value"}.get(key, key.rstrip("s"))
        for item in value:
            _add(holder, child, item)
        return
    node = SubElement(parent, key)
    if isinstance(value, dict):
        for k, v in value.items():
            _add(node, k, v)
    elif isinstance(value, bool):
        node.text = "true" if value else "false"
    elif value is not None:
        node.text = str(value)


def _safe(value: Any) -> Any:
    """Rows without the characters XML cannot carry, in both formats, so that one stray
    control character in one ticket cannot make the whole feed unreadable."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {k: _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


def respond(fmt: str, root: str, item: str, rows: Any, status: int = 200) -> HttpResponse:
    """``rows`` is a list of dicts (rendered as ``<root><item>…``) or one dict (``<root>…``)."""
    rows = _safe(rows)
    if fmt == "json":
        return HttpResponse(json.dumps(rows, ensure_ascii=False), JSON, status=status)
    top = Element(root)
    if isinstance(rows, dict):
        for key, value in rows.items():
            _add(top, key, value)
    else:
        for row in rows:
            _add(top, item, row)
    body = tostring(top, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, XML, status=status)


def error(fmt: str, status: int, description: str) -> HttpResponse:
    rows = [{"code": status, "description": description}]
    return respond(fmt, "errors", "error", rows, status=status)
