"""gunicorn's access log with tracking tokens masked: the link in the citizen's mail carries
the token in the path once (portal/views/track.py), and that request is logged like any
other. Used by deploy/gunicorn.conf.py and bin/start (``--logger-class``)."""

from __future__ import annotations

from typing import Any

from gunicorn.glogging import Logger

from .logs import mask


class MaskingLogger(Logger):
    def atoms(self, resp: Any, req: Any, environ: Any, request_time: Any) -> dict[str, Any]:
        atoms: dict[str, Any] = super().atoms(resp, req, environ, request_time)
        for key, value in atoms.items():
            if isinstance(value, str) and "/verfolgen/" in value:
                atoms[key] = mask(value)
        return atoms
