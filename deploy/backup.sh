#!/usr/bin/env bash
# Nightly backup: database + uploads into $BACKUP_DIR, then a restore check of the newest
# backup's reference list against the live database, then removal of old backups.
set -euo pipefail
cd "$(dirname "$0")/.."
BACKUP_DIR=${BACKUP_DIR:-var/backups}
KEEP_DAYS=${BACKUP_KEEP_DAYS:-14}
mkdir -p "$BACKUP_DIR"
.venv/bin/python manage.py backup --to "$BACKUP_DIR"
newest=$(ls -1d "$BACKUP_DIR"/anliegen-* | sort | tail -n 1)
# Every ticket listed in the backup must be in the dump's source database.
.venv/bin/python manage.py restore "$newest" --verify-only >/dev/null
find "$BACKUP_DIR" -maxdepth 1 -name 'anliegen-*' -type d -mtime "+$KEEP_DAYS" -exec rm -rf {} +
