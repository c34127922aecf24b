"""A real clamd for the virus-scan tests, started with signatures of our own.

There is no internet here, so no freshclam database: the daemon loads two test signatures, an
MD5 hash signature of the EICAR test file and a body signature for ``MARKER``. bin/test installs
Debian's clamav-daemon; without it the tests that need the daemon are skipped with the reason.
"""

from __future__ import annotations

import hashlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from anliegen.core.clamav import ClamdClient

CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
MARKER = b"ANLIEGEN-VIRUS-TEST-MARKER-7f3c"
# clamd appends ".UNOFFICIAL" to the names of signatures that are not from the ClamAV project.
EICAR_NAME = "Anliegen.Test.EICAR.UNOFFICIAL"
MARKER_NAME = "Anliegen.Test.Marker.UNOFFICIAL"


@dataclass(frozen=True)
class RunningClamd:
    socket_path: str
    host: str
    port: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _write_config(folder: Path, port: int) -> Path:
    database = folder / "db"
    database.mkdir()
    digest = hashlib.md5(EICAR, usedforsecurity=False).hexdigest()  # clamd's .hdb format
    (database / "anliegen.hdb").write_text(f"{digest}:{len(EICAR)}:Anliegen.Test.EICAR\n")
    (database / "anliegen.ndb").write_text(f"Anliegen.Test.Marker:0:*:{MARKER.hex()}\n")
    config = folder / "clamd.conf"
    config.write_text(
        f"LocalSocket {folder / 'clamd.sock'}\n"
        f"TCPSocket {port}\nTCPAddr 127.0.0.1\n"
        f"DatabaseDirectory {database}\nTemporaryDirectory {folder}\n"
        f"PidFile {folder / 'clamd.pid'}\nLogFile {folder / 'clamd.log'}\n"
        "Foreground yes\n"
    )
    return config


@pytest.fixture(scope="session")
def clamd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningClamd]:
    if not Path(CLAMD).exists():
        pytest.skip("clamd not installed (bin/test installs Debian clamav-daemon as root)")
    # A short path: unix socket paths are limited to 108 bytes.
    folder = tmp_path_factory.mktemp("clamd")
    port = _free_port()
    config = _write_config(folder, port)
    process = subprocess.Popen(
        [CLAMD, "-c", str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT
    )
    running = RunningClamd(str(folder / "clamd.sock"), "127.0.0.1", port)
    client = ClamdClient(socket_path=running.socket_path, timeout=2)
    try:
        deadline = time.monotonic() + 60
        while not client.ping():
            if process.poll() is not None or time.monotonic() > deadline:
                log = (folder / "clamd.log").read_text() if (folder / "clamd.log").exists() else ""
                pytest.fail(f"clamd did not answer PING: {log[-2000:]}")
            time.sleep(0.2)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
