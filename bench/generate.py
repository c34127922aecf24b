"""Load synthetic tickets for the scale benchmarks: ``python bench/generate.py --tickets N``.

Migrates the database named by ``--database-url`` (or DATABASE_URL), loads the demo city's
catalogue and staff, then bulk-loads N tickets with about three messages and five timeline
events each, spread over two years. PostgreSQL gets COPY with the secondary and full-text
indexes dropped during the load and rebuilt after it; SQLite gets executemany in large
transactions and its FTS5 index is rebuilt in one statement. Reference counters and
sequences are moved past the loaded rows, so the application keeps working on the data.
Prints one JSON line with counts and timings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _setup(database_url: str | None) -> None:
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--batch", type=int, default=20_000)
    args = parser.parse_args(argv)
    _setup(args.database_url)
    from bench.gen_load import load

    started = time.monotonic()
    result: dict[str, Any] = load(
        args.tickets, days=args.days, seed=args.seed, batch=args.batch, now=datetime.now(UTC)
    )
    result["seconds_total"] = round(time.monotonic() - started, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
