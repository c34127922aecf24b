"""Live tracking links never reach a log (issue 19, finding 8): the default console mail
backend, the plain log format and gunicorn's access log mask them."""

from __future__ import annotations

import io
import logging
import logging.config
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

from django.conf import settings as django_settings
from django.core.mail import EmailMultiAlternatives

from anliegen.ops.mail import MaskingConsoleBackend
from tests.conftest import City, submit

TOKEN = "Zq8yX3vK9mW2pL5nR7tB4cD6fG1hJ0sA"
LINK = f"https://anliegen.example/verfolgen/{TOKEN}/"
ROOT = Path(__file__).resolve().parents[2]


def test_the_console_backend_prints_mails_with_the_link_masked() -> None:
    message = EmailMultiAlternatives("Ihr Anliegen", f"Ihr Link: {LINK}", to=["a@example.org"])
    message.attach_alternative(f'<a href="{LINK}">Anliegen verfolgen</a>', "text/html")
    out = io.StringIO()
    assert MaskingConsoleBackend(stream=out).send_messages([message]) == 1
    printed = out.getvalue()
    assert TOKEN not in printed
    assert "/verfolgen/***" in printed and "Ihr Anliegen" in printed
    assert TOKEN in str(message.body)  # the message itself is left as it was


def test_the_receipt_through_the_default_backend_shows_no_token(
    city: City, settings: Any, capsys: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "anliegen.ops.mail.MaskingConsoleBackend"
    with django_capture_on_commit_callbacks(execute=True):
        created = submit(city.falschparker)
    printed = capsys.readouterr().out
    assert created.ticket.reference in printed  # the receipt was printed …
    assert "/verfolgen/***" in printed
    assert created.token not in printed  # … without its live link


def test_the_plain_log_format_masks_tokens() -> None:
    config: dict[str, Any] = dict(django_settings.LOGGING)
    formatter = logging.config.DictConfigurator(config).configure_formatter(
        dict(config["formatters"]["plain"])
    )
    record = logging.makeLogRecord({"msg": "GET /verfolgen/%s/ 302", "args": (TOKEN,)})
    line = formatter.format(record)
    assert TOKEN not in line and "/verfolgen/***/ 302" in line


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_gunicorns_access_log_masks_tokens(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "ANLIEGEN_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "anliegen.settings",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "anliegen.wsgi:application",
            "--config",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/verfolgen/{TOKEN}/", timeout=5)
                break
            except urllib.error.HTTPError:
                break  # an answer (404/503 on the empty database) is enough: it was logged
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    access = [line for line in output.splitlines() if re.search(r'"GET /verfolgen/', line)]
    assert access, output[-2000:]
    assert all(TOKEN not in line and "/verfolgen/***" in line for line in access), access
