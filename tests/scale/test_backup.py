"""A backup restored into a fresh database (and upload folder) holds every ticket and file.

Runs the real tools: pg_dump/pg_restore on PostgreSQL, SQLite's online backup otherwise, each
command in its own process as an operator would run it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command

from anliegen.tickets.actions import AttachmentInput
from anliegen.tickets.models import Attachment, Ticket
from tests.conftest import City, submit

ROOT = Path(__file__).resolve().parents[2]
RESTORE_DB = "anliegen_scale_restore"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def _fresh_database_url(tmp_path: Path) -> str:
    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    admin = psycopg.connect(
        host=db["HOST"],
        port=db["PORT"] or 5432,
        user=db["USER"],
        dbname="postgres",
        password=db.get("PASSWORD") or None,
        autocommit=True,
    )
    with admin:
        admin.execute(f"DROP DATABASE IF EXISTS {RESTORE_DB}")
        admin.execute(f"CREATE DATABASE {RESTORE_DB}")
    return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT'] or 5432}/{RESTORE_DB}"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _references(database_url: str) -> set[str]:
    if database_url.startswith("sqlite"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///")) as db:
            return {row[0] for row in db.execute("SELECT reference FROM tickets_ticket")}
    with psycopg.connect(database_url.replace("postgres://", "postgresql://")) as db:
        return {row[0] for row in db.execute("SELECT reference FROM tickets_ticket")}


@pytest.mark.django_db(transaction=True)
def test_restore_into_fresh_database_finds_every_ticket(
    city: City, tmp_path: Path, settings: Any
) -> None:
    upload = AttachmentInput("foto.png", PNG, "image/png")
    for index in range(12):
        submit(
            city.laterne, f"Laterne {index} ist dunkel.", attachments=(upload,) if index < 2 else ()
        )
    expected = set(Ticket.objects.values_list("reference", flat=True))
    stored = Attachment.objects.first()
    assert stored is not None

    call_command("backup", to=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    url = _fresh_database_url(tmp_path)
    media = tmp_path / "restored-media"

    done = _manage("restore", str(folder), DATABASE_URL=url, MEDIA_ROOT=str(media))
    assert done.returncode == 0, done.stderr
    assert '"missing": []' in done.stdout
    assert _references(url) == expected
    assert (media / str(stored.file.name)).read_bytes() == PNG

    # A second restore over a database with tickets is refused unless asked for.
    again = _manage("restore", str(folder), DATABASE_URL=url, MEDIA_ROOT=str(media))
    assert again.returncode != 0
    assert "--replace" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_incomplete_backup_is_refused(city: City, tmp_path: Path) -> None:
    submit(city.laterne)
    call_command("backup", to=str(tmp_path / "backups"))
    (folder,) = (tmp_path / "backups").iterdir()
    (folder / "manifest.json").unlink()
    done = _manage("restore", str(folder), DATABASE_URL=_fresh_database_url(tmp_path))
    assert done.returncode != 0
    assert "incomplete" in done.stderr
