"""anliegen.core.uploads: type by content, size, names."""

from __future__ import annotations

import pytest

from anliegen.core.uploads import MAX_BYTES, UploadRejected, check_upload, sanitise_filename

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32
HEIC = b"\x00\x00\x00\x18ftypheic" + b"\x00" * 32


@pytest.mark.parametrize(
    ("name", "content", "content_type", "filename"),
    [
        ("scan.PDF", b"%PDF-1.7\n", "application/pdf", "scan.pdf"),
        ("foto.jpeg", JPEG, "image/jpeg", "foto.jpg"),
        ("IMG_0001.HEIC", HEIC, "image/heic", "IMG_0001.heic"),
        ("notiz", "Grüße aus Koblenz\n".encode(), "text/plain", "notiz.txt"),
        ("foto.pdf", JPEG, "image/jpeg", "foto.jpg"),  # the content decides the extension
    ],
)
def test_accepted_by_content(name: str, content: bytes, content_type: str, filename: str) -> None:
    checked = check_upload(name, content)
    assert (checked.content_type, checked.filename) == (content_type, filename)


@pytest.mark.parametrize(
    "content",
    [
        b"MZ\x90\x00\x03\x00",  # Windows executable
        b"PK\x03\x04" + b"\x00" * 20,  # zip / office document
        b"<!DOCTYPE html><script>alert(1)</script>",
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"\xff\xfe\x00\x00binary",
        b"",
    ],
)
def test_refused_by_content(content: bytes) -> None:
    with pytest.raises(UploadRejected):
        check_upload("harmlos.pdf", content)


def test_too_large() -> None:
    with pytest.raises(UploadRejected, match="zu groß"):
        check_upload("gross.pdf", b"%PDF-" + b"0" * MAX_BYTES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd.txt"),
        ("C:\\Users\\x\\Brief an die Stadt.txt", "Brief an die Stadt.txt"),
        ("\x00\x1f.txt", "datei.txt"),
        ("a" * 300 + ".txt", "a" * 96 + ".txt"),
        ("Straße ä.txt", "Straße ä.txt"),
    ],
)
def test_names_are_sanitised(name: str, expected: str) -> None:
    assert sanitise_filename(name, "text/plain") == expected
