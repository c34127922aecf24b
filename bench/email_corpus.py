"""E-mail corpus benchmark: field agreement with the expected values, and throughput.

Run: .venv/bin/python bench/email_corpus.py [--dir DIR]   (prints JSON)
DIR holds *.eml files and an expected.json in the format of tests/email/fixtures/realworld/
(written by tests/email/make_realworld.py; default). Each mail is parsed (sender, name,
subject, body excerpts, attachment count and names) and ingested into a throw-away test
database (SQLite by default, PostgreSQL with DATABASE_URL) for the state: processed, machine,
auto_reply, bounce …
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
os.environ["TASK_BACKEND"] = "immediate"
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

FIELDS = (
    "state",
    "sender",
    "sender_name",
    "subject",
    "body",
    "attachment_count",
    "attachment_names",
)


def _agreement(case: dict[str, Any], mail: Any, state: str) -> dict[str, bool]:
    """Which expected fields this mail gets right (fields the case does not state are skipped)."""
    found: dict[str, bool] = {"state": state == case["state"]}
    for field in ("sender", "sender_name", "subject"):
        if field in case:
            found[field] = getattr(mail, field) == case[field]
    if case["state"] == "processed":
        found["body"] = all(text in mail.new_text for text in case.get("contains", [])) and all(
            text not in mail.new_text for text in case.get("absent", [])
        )
        names = sorted(a.filename for a in mail.attachments)
        found["attachment_count"] = len(names) == len(case.get("files", []))
        found["attachment_names"] = names == sorted(case.get("files", []))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dir", type=Path, default=ROOT / "tests/email/fixtures/realworld")
    args = parser.parse_args()
    cases: dict[str, dict[str, Any]] = json.loads((args.dir / "expected.json").read_text())
    raws = {name: (args.dir / f"{name}.eml").read_bytes() for name in sorted(cases)}
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from anliegen.channels.email.ingest import ingest_message
        from anliegen.channels.email.parsing import parse_mail

        started = time.perf_counter()
        parsed = {name: parse_mail(raw) for name, raw in raws.items()}
        parse_seconds = time.perf_counter() - started
        started = time.perf_counter()
        states = {name: str(ingest_message(raw).state) for name, raw in raws.items()}
        ingest_seconds = time.perf_counter() - started
        totals = {field: [0, 0] for field in FIELDS}
        misses: dict[str, list[str]] = {}
        for name, case in cases.items():
            for field, ok in _agreement(case, parsed[name], states[name]).items():
                totals[field][0] += ok
                totals[field][1] += 1
                if not ok:
                    misses.setdefault(field, []).append(name)
        print(
            json.dumps(
                {
                    "benchmark": "email_corpus",
                    "corpus": str(
                        args.dir.relative_to(ROOT) if args.dir.is_relative_to(ROOT) else args.dir
                    ),
                    "database": connection.vendor,
                    "python": platform.python_version(),
                    "mails": len(raws),
                    "agreement": {f: f"{ok}/{n}" for f, (ok, n) in totals.items() if n},
                    "misses": misses,
                    "parse_per_second": round(len(raws) / parse_seconds, 1),
                    "ingest_per_second": round(len(raws) / ingest_seconds, 1),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
