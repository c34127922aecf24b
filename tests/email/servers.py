"""Real mail servers for the integration tests: Debian's dovecot (IMAP, IMAPS + LMTP) in a
temporary directory on free unprivileged ports, and an aiosmtpd SMTP relay in front of dovecot's
LMTP that stands in for the city's mail server (the one SMTP hop the tests control). The IMAPS
listener's certificate is signed by a test CA made at start-up (``MailServers.ca_file``)."""

from __future__ import annotations

import os
import pwd
import shutil
import smtplib
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from ipaddress import IPv4Address
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _free_ports(count: int) -> list[int]:
    # Chosen per test process: xdist workers and parallel checkouts each run their own servers.
    sockets = [socket.socket() for _ in range(count)]
    try:
        for probe in sockets:
            probe.bind(("127.0.0.1", 0))
        return [probe.getsockname()[1] for probe in sockets]
    finally:
        for probe in sockets:
            probe.close()


IMAP_PORT, IMAPS_PORT, LMTP_PORT, SMTP_PORT = _free_ports(4)
PASSWORD = "Test-Passwort-123"
USERS = ("helpdesk", "erika")


@dataclass(frozen=True)
class MailServers:
    imap_port: int
    smtp_port: int
    root: Path
    imaps_port: int = IMAPS_PORT
    ca_file: Path = Path()


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def make_certificates(folder: Path, host: str = "127.0.0.1") -> tuple[Path, Path, Path]:
    """A throw-away CA and a server certificate for ``host`` it signed: (ca, cert, key)."""
    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(_name("Anliegen Test-CA"))
        .issuer_name(_name("Anliegen Test-CA"))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(host))
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(hours=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(IPv4Address(host))]), critical=False
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), False
        )
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return paths


# Every dovecot program the configuration below starts, by the Debian package that ships it:
# the `dovecot` binary alone (dovecot-core) cannot serve the IMAP or LMTP listeners.
_COMPONENTS = {
    "dovecot-core": ("dovecot",),
    "dovecot-imapd": ("imap", "imap-login"),
    "dovecot-lmtpd": ("lmtp",),
}
_LIBEXEC_DIRS = (Path("/usr/lib/dovecot"), Path("/usr/libexec/dovecot"))


def missing_dovecot_packages() -> list[str]:
    """The Debian packages of the components configured below that are not installed."""
    missing: list[str] = []
    for package, programs in _COMPONENTS.items():
        for program in programs:
            if program == "dovecot":
                found = shutil.which("dovecot") is not None
            else:
                found = any((folder / program).is_file() for folder in _LIBEXEC_DIRS)
            if not found:
                missing.append(package)
                break
    return missing


def _install_dovecot() -> None:
    missing = missing_dovecot_packages()
    if not missing:
        return
    if os.geteuid() != 0:
        pytest.skip(
            f"dovecot components missing ({', '.join(missing)}) and the tests do not run as "
            "root to install them"
        )
    subprocess.run(["apt-get", "update", "-qq"], check=False, capture_output=True)
    done = subprocess.run(
        ["apt-get", "install", "-y", "-qq", *missing],
        capture_output=True,
        env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
    )
    still = missing_dovecot_packages()
    if done.returncode != 0 or still:
        pytest.skip(
            f"dovecot components could not be installed ({', '.join(still or missing)}): "
            + done.stderr.decode()[-300:]
        )


def _config(root: Path, uid: int, gid: int) -> str:
    return f"""
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
ssl = yes
ssl_cert = <{root}/tls/server.pem
ssl_key = <{root}/tls/server.key
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_username_format = %Ln
recipient_delimiter = +
mail_location = maildir:{root}/mail/%n
first_valid_uid = {uid}
mail_uid = {uid}
mail_gid = {gid}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%n
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {IMAP_PORT}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {IMAPS_PORT}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {LMTP_PORT}
  }}
}}
"""


def _wait_for(port: int, process: subprocess.Popen[bytes] | None = None) -> None:
    # Generous: on a busy two-core machine dovecot can take many seconds to open its ports.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        if process is not None and process.poll() is not None:
            errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"dovecot exited ({process.returncode}): {errors[-800:]}")
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on {port}")


class Relay:
    """Takes SMTP and hands every mail to dovecot over LMTP, like the city's mail server."""

    async def handle_DATA(  # noqa: N802 - the hook name aiosmtpd calls
        self, server: SMTP, session: Session, envelope: Envelope
    ) -> str:
        data = envelope.original_content or b""
        with smtplib.LMTP("127.0.0.1", LMTP_PORT) as lmtp:
            lmtp.sendmail(envelope.mail_from or "", envelope.rcpt_tos, data)
        return "250 2.0.0 OK"


@pytest.fixture(scope="session")
def mail_servers() -> Iterator[MailServers]:
    _install_dovecot()
    # Not pytest's tmp_path: that is private to root (0700) and dovecot's auth process runs
    # as the dovecot user, which must read the users file.
    root = Path(tempfile.mkdtemp(prefix="anliegen-dovecot-"))
    root.chmod(0o755)
    try:
        account = pwd.getpwnam("dovecot")
        uid, gid = account.pw_uid, account.pw_gid
    except KeyError:
        uid, gid = os.getuid(), os.getgid()
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    if os.geteuid() == 0:
        os.chown(root / "mail", uid, gid)
    ca_file, _cert, _key = make_certificates(root / "tls")
    (root / "users").write_text("".join(f"{u}:{{PLAIN}}{PASSWORD}\n" for u in USERS))
    (root / "dovecot.conf").write_text(_config(root, uid, gid))
    process = subprocess.Popen(
        ["dovecot", "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    relay = Controller(Relay(), hostname="127.0.0.1", port=SMTP_PORT)
    try:
        _wait_for(IMAP_PORT, process)
        _wait_for(IMAPS_PORT, process)
        _wait_for(LMTP_PORT, process)
        relay.start()
        yield MailServers(IMAP_PORT, SMTP_PORT, root, IMAPS_PORT, ca_file)
    finally:
        relay.stop(no_assert=True)  # it never started when dovecot did not come up
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(root, ignore_errors=True)


def send_smtp(raw: bytes, sender: str, recipients: list[str]) -> None:
    with smtplib.SMTP("127.0.0.1", SMTP_PORT) as smtp:
        smtp.sendmail(sender, recipients, raw)


def imap_messages(user: str) -> list[bytes]:
    import imaplib

    client = imaplib.IMAP4("127.0.0.1", IMAP_PORT)
    try:
        client.login(user, PASSWORD)
        client.select("INBOX", readonly=True)
        _typ, data = client.uid("SEARCH", "ALL")
        found: list[bytes] = []
        for uid in (data[0] or b"").split():
            _typ, parts = client.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
            found.extend(p[1] for p in parts if isinstance(p, tuple))
        return found
    finally:
        client.logout()


def empty_mailbox(user: str, root: Path) -> None:
    """Remove the user's maildir so that each test starts with an empty inbox."""
    target = root / "mail" / user
    if target.exists():
        shutil.rmtree(target)


def settings_for_smtp(settings: Any) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", SMTP_PORT
    settings.EMAIL_USE_TLS = False
