"""JSON log lines (one object per line) for log collectors such as journald, Loki or ELK.

Secret tracking links can appear in request paths; they are masked before a line is written.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime
from typing import Any

_TOKEN_PATH = re.compile(r"(/verfolgen/)[A-Za-z0-9_-]{16,}")
# Attributes every LogRecord has; anything else was passed with ``extra=`` and is kept.
_STANDARD = set(logging.makeLogRecord({}).__dict__) | {"message", "asctime"}


def mask(text: str) -> str:
    return _TOKEN_PATH.sub(r"\1***", text)


class MaskingFormatter(logging.Formatter):
    """The plain format (the default) with tracking tokens masked, as in the JSON lines."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": mask(record.getMessage()),
            "process": record.process,
        }
        for key, value in record.__dict__.items():
            if key in _STANDARD or key.startswith("_"):
                continue
            if key == "request":  # Django passes the request object; keep the safe parts
                entry["method"] = getattr(value, "method", "")
                entry["path"] = mask(str(getattr(value, "path", "")))
                continue
            entry[key] = value if isinstance(value, int | float | bool | None) else mask(str(value))
        if record.exc_info:
            entry["exception"] = mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)
