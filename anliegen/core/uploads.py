"""Checking uploaded files by content, size and name, for every channel (portal, workspace,
e-mail). The browser's content type and the file extension are never trusted: the type is
decided by the first bytes of the file. Where clamd is configured, every accepted file is also
scanned for malware (core/clamav.py)."""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .clamav import ScannerUnavailable, configured_client

logger = logging.getLogger(__name__)

MAX_FILES = 5
MAX_BYTES = 10 * 1024 * 1024
MAX_NAME = 100

# content type → extension used for the sanitised name
ALLOWED_TYPES: dict[str, str] = {
    "application/pdf": "pdf",
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/heic": "heic",
    "text/plain": "txt",
}
_HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


class UploadRejected(Exception):
    """The file is refused; ``message`` says why in the user's language."""

    def __init__(self, message: str | Promise) -> None:
        super().__init__(str(message))
        self.message = message


class ScanUnavailable(UploadRejected):
    """The virus scanner could not be asked and the deployment fails closed: try again later.

    Interfaces that can keep the file (the e-mail channel keeps the raw mail) retry instead
    of dropping it; the portal shows the message and keeps everything else entered."""


@dataclass(frozen=True)
class CheckedUpload:
    filename: str
    content: bytes
    content_type: str


def sniff(content: bytes) -> str | None:
    """The content type that the bytes themselves prove, or None if not an allowed type."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content[4:8] == b"ftyp" and content[8:12] in _HEIC_BRANDS:
        return "image/heic"
    if _is_plain_text(content):
        return "text/plain"
    return None


def _is_plain_text(content: bytes) -> bool:
    if not content or b"\x00" in content:
        return False
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        return False
    # Text must not be markup a browser would run if the file were ever served inline.
    head = text[:512].lstrip().lower()
    if head.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script")):
        return False
    return all(ch.isprintable() or ch in "\r\n\t\f" for ch in text[:4096])


def sanitise_filename(name: str, content_type: str) -> str:
    """A safe display name: no path, no control characters, the extension of the real type."""
    base = PureWindowsPath(PurePosixPath(name or "").name).name
    base = unicodedata.normalize("NFC", base)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = re.sub(r"[^\w\-. ()äöüÄÖÜß]+", "_", stem).strip(" ._") or "datei"
    extension = ALLOWED_TYPES[content_type]
    return f"{stem[: MAX_NAME - len(extension) - 1]}.{extension}"


def check_upload(name: str, content: bytes) -> CheckedUpload:
    """Accept one file or raise UploadRejected with a clear message."""
    if len(content) > MAX_BYTES:
        raise UploadRejected(
            _("„%(name)s“ ist zu groß. Jede Datei darf höchstens 10 MB haben.") % {"name": name}
        )
    if not content:
        raise UploadRejected(_("„%(name)s“ ist leer.") % {"name": name})
    content_type = sniff(content)
    if content_type is None:
        raise UploadRejected(
            _(
                "„%(name)s“ hat ein nicht erlaubtes Format. Erlaubt sind PDF, JPEG, PNG, "
                "HEIC und reiner Text."
            )
            % {"name": name}
        )
    scan_for_malware(name, content)
    return CheckedUpload(sanitise_filename(name, content_type), content, content_type)


def scan_for_malware(name: str, content: bytes) -> None:
    """Raise UploadRejected if clamd finds malware; do nothing when no clamd is configured."""
    client = configured_client()
    if client is None:
        return
    try:
        result = client.scan(content)
    except ScannerUnavailable as error:
        if settings.CLAMD_FAIL_OPEN:
            logger.warning("virus scan skipped, file accepted unscanned (fail open): %s", error)
            return
        logger.error("virus scan failed, file refused (fail closed): %s", error)
        raise ScanUnavailable(
            _(
                "Die Datei „%(name)s“ konnte gerade nicht geprüft werden, bitte später "
                "erneut versuchen."
            )
            % {"name": name}
        ) from error
    if not result.clean:
        logger.warning("upload refused: clamd found %s", result.signature)
        raise UploadRejected(
            _(
                "„%(name)s“ wurde nicht angenommen: Der Virenscanner hat darin Schadsoftware "
                "gefunden (%(signature)s)."
            )
            % {"name": name, "signature": result.signature}
        )


def check_count(count: int) -> None:
    if count > MAX_FILES:
        raise UploadRejected(_("Bitte hängen Sie höchstens 5 Dateien an."))
