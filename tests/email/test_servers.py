"""The mail-server fixture checks every dovecot component it configures, not only the binary."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import servers


def test_all_configured_components_are_found_here() -> None:
    # This machine has dovecot-imapd and dovecot-lmtpd: the fixture must see both.
    assert servers.missing_dovecot_packages() == []


def test_a_missing_lmtp_server_is_reported_by_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for program in ("imap", "imap-login"):
        (tmp_path / program).write_text("")
    monkeypatch.setattr(servers, "_LIBEXEC_DIRS", (tmp_path,))
    assert servers.missing_dovecot_packages() == ["dovecot-lmtpd"]


def test_a_missing_imap_server_is_reported_by_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lmtp").write_text("")
    monkeypatch.setattr(servers, "_LIBEXEC_DIRS", (tmp_path,))
    assert servers.missing_dovecot_packages() == ["dovecot-imapd"]
