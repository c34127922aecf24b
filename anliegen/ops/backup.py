"""Backup and restore of the database and the uploaded files, with a check that finds every
ticket again.

A backup is a folder: ``database.dump`` (PostgreSQL custom format, ``pg_dump -Fc``) or
``database.sqlite3`` (SQLite online backup), ``media.tar.gz`` (uploads, when they live on the
file system), ``references.txt.gz`` (every reference number that existed when the backup
began) and ``manifest.json``, written last: a folder without it is incomplete.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection

from anliegen.tickets.models import Attachment, Ticket

MANIFEST = "manifest.json"
REFERENCES = "references.txt.gz"


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    created_at: str
    database: str
    tickets: int
    attachments: int
    media: bool


@dataclass(frozen=True)
class Verification:
    expected: int
    found: int
    missing: list[str]
    media_missing: list[str]

    @property
    def ok(self) -> bool:
        return not self.missing and not self.media_missing


def _pg_args() -> tuple[list[str], dict[str, str]]:
    db: Any = settings.DATABASES["default"]
    args = ["-d", str(db["NAME"])]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _run(command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip()[-2000:]}")


def _media_root() -> Path | None:
    """The upload folder, if uploads live on this machine's file system."""
    if isinstance(default_storage, FileSystemStorage):
        return Path(settings.MEDIA_ROOT)
    return None  # object storage: versioned and backed up by the storage itself


def create(target: Path) -> Path:
    """Write a backup folder below ``target``; returns its path."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    folder = target / f"anliegen-{stamp}"
    folder.mkdir(parents=True)
    # Listed before the dump starts: every one of them must be in it.
    references = list(Ticket.objects.order_by("pk").values_list("reference", flat=True))
    attachments = Attachment.objects.count()
    with gzip.open(folder / REFERENCES, "wt", encoding="utf-8") as handle:
        handle.writelines(f"{r}\n" for r in references)
    if connection.vendor == "postgresql":
        args, env = _pg_args()
        _run(
            [
                "pg_dump",
                "-Fc",
                "--no-owner",
                "--no-acl",
                "-f",
                str(folder / "database.dump"),
                *args,
            ],
            env,
        )
    elif connection.vendor == "sqlite":
        source = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        copy = sqlite3.connect(str(folder / "database.sqlite3"))
        with copy:
            source.backup(copy)
        copy.close()
        source.close()
    else:
        raise BackupError(f"no backup for {connection.vendor}")
    media = _media_root()
    if media is not None:
        with tarfile.open(folder / "media.tar.gz", "w:gz") as archive:
            if media.exists():
                archive.add(media, arcname="media")
    manifest = Manifest(stamp, connection.vendor, len(references), attachments, media is not None)
    (folder / MANIFEST).write_text(json.dumps(asdict(manifest), indent=1))
    return folder


def read_manifest(folder: Path) -> Manifest:
    path = folder / MANIFEST
    if not path.exists():
        raise BackupError(f"{folder} has no {MANIFEST}: the backup is incomplete")
    data: dict[str, Any] = json.loads(path.read_text())
    return Manifest(**data)


def restore(folder: Path, *, replace: bool = False) -> Manifest:
    """Load a backup into the configured (fresh) database and upload folder."""
    manifest = read_manifest(folder)
    if manifest.database != connection.vendor:
        raise BackupError(f"backup is for {manifest.database}, database is {connection.vendor}")
    if not replace and _has_tickets():
        raise BackupError("the target database already holds tickets; use --replace")
    if connection.vendor == "postgresql":
        connection.close()
        args, env = _pg_args()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-acl",
                "--clean",
                "--if-exists",
                "--single-transaction",
                *args,
                str(folder / "database.dump"),
            ],
            env,
        )
    else:
        connection.close()
        target = sqlite3.connect(str(settings.DATABASES["default"]["NAME"]))
        source = sqlite3.connect(str(folder / "database.sqlite3"))
        with target:
            source.backup(target)
        source.close()
        target.close()
    media = _media_root()
    if manifest.media and media is not None:
        _restore_media(folder / "media.tar.gz", media)
    return manifest


def _restore_media(archive_path: Path, media: Path) -> None:
    staging = media.parent / f".{media.name}-restore"
    shutil.rmtree(staging, ignore_errors=True)
    with tarfile.open(archive_path, "r:gz") as archive:
        archive.extractall(staging, filter="data")
    media.mkdir(parents=True, exist_ok=True)
    restored = staging / "media"
    if restored.exists():
        shutil.copytree(restored, media, dirs_exist_ok=True)
    shutil.rmtree(staging, ignore_errors=True)


def _has_tickets() -> bool:
    try:
        return Ticket.objects.exists()
    except Exception:  # no tables yet: a fresh database
        connection.close()
        return False


def verify(folder: Path) -> Verification:
    """Every reference of the backup is in the database; every attachment file is there."""
    with gzip.open(folder / REFERENCES, "rt", encoding="utf-8") as handle:
        expected = [line.strip() for line in handle if line.strip()]
    present = set(Ticket.objects.values_list("reference", flat=True).iterator(chunk_size=50_000))
    missing = [r for r in expected if r not in present]
    media_missing: list[str] = []
    if _media_root() is not None:
        for name in Attachment.objects.values_list("file", flat=True).iterator():
            if name and not default_storage.exists(name):
                media_missing.append(name)
    return Verification(
        len(expected), len(expected) - len(missing), missing[:20], media_missing[:20]
    )
