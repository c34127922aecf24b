"""A small client for clamd, the ClamAV daemon, speaking its INSTREAM protocol.

Written here rather than taken from PyPI: the ``clamd`` package has had no release since 2020,
and the part of the protocol we need (PING and INSTREAM over a unix or TCP socket) is a few
dozen lines. Protocol: https://docs.clamav.net/manual/Usage/Scanning.html#clamd (commands with
a ``z`` prefix are terminated by NUL, and so are their replies).
"""

from __future__ import annotations

import socket
import struct
from dataclasses import dataclass

from django.conf import settings

# clamd refuses streams above its StreamMaxLength (default 25 MB); chunks stay well below.
CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """clamd could not be asked or could not give a verdict (down, timeout, error reply)."""


@dataclass(frozen=True)
class ScanResult:
    clean: bool
    signature: str = ""  # the name clamd reports for a finding


@dataclass(frozen=True)
class ClamdClient:
    """One clamd endpoint: a unix socket path, or host and port."""

    socket_path: str = ""
    host: str = ""
    port: int = 3310
    timeout: float = 30.0

    def ping(self) -> bool:
        try:
            return self._command(b"zPING\0") == "PONG"
        except ScannerUnavailable:
            return False

    def scan(self, content: bytes) -> ScanResult:
        """Send ``content`` to clamd and return its verdict, or raise ScannerUnavailable."""
        stream = [b"zINSTREAM\0"]
        for start in range(0, len(content), CHUNK):
            chunk = content[start : start + CHUNK]
            stream.append(struct.pack(">I", len(chunk)) + chunk)
        stream.append(struct.pack(">I", 0))
        return parse_reply(self._command(*stream))

    def _connect(self) -> socket.socket:
        if self.socket_path:
            conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            conn.settimeout(self.timeout)
            conn.connect(self.socket_path)
            return conn
        return socket.create_connection((self.host, self.port), timeout=self.timeout)

    def _command(self, *parts: bytes) -> str:
        try:
            with self._connect() as conn:
                for part in parts:
                    conn.sendall(part)
                reply = b""
                while not reply.endswith(b"\0"):
                    received = conn.recv(4096)
                    if not received:
                        break
                    reply += received
        except OSError as error:  # refused, missing socket, timeout, reset
            raise ScannerUnavailable(f"clamd at {self.address}: {error}") from error
        return reply.rstrip(b"\0").decode("utf-8", "replace").strip()

    @property
    def address(self) -> str:
        return self.socket_path or f"{self.host}:{self.port}"


def parse_reply(reply: str) -> ScanResult:
    """``stream: OK`` / ``stream: <Name> FOUND``; anything else (``… ERROR``) is no verdict."""
    verdict = reply.split(":", 1)[1].strip() if reply.startswith("stream:") else ""
    if verdict == "OK":
        return ScanResult(clean=True)
    if verdict.endswith(" FOUND"):
        return ScanResult(clean=False, signature=verdict.removesuffix(" FOUND").strip())
    raise ScannerUnavailable(f"clamd gave no verdict: {reply or '(empty reply)'}")


def configured_client() -> ClamdClient | None:
    """The clamd of this deployment (CLAMD_SOCKET, or CLAMD_HOST and CLAMD_PORT), or None."""
    if settings.CLAMD_SOCKET:
        return ClamdClient(socket_path=settings.CLAMD_SOCKET, timeout=settings.CLAMD_TIMEOUT)
    if settings.CLAMD_HOST:
        return ClamdClient(
            host=settings.CLAMD_HOST, port=settings.CLAMD_PORT, timeout=settings.CLAMD_TIMEOUT
        )
    return None
