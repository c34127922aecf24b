"""Catalogue import benchmark: a second city's DLDB file into an empty database, including
the routing retraining the import schedules (issue 20: < 30 s together).

Run: .venv/bin/python bench/catalogue_import.py [FILE]   (prints JSON)
Default FILE: /work/shared/reference-data/services_de.json (Munich, 287 services) or
$ANLIEGEN_DLDB_FILE. Works in a throw-away test database (SQLite by default, PostgreSQL with
DATABASE_URL); the org chart is the team-written tests/catalogue/data/dldb_city_org_units.csv.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anliegen.settings")
os.environ["TASK_BACKEND"] = "immediate"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

DEFAULT = Path(os.environ.get("ANLIEGEN_DLDB_FILE", "/work/shared/reference-data/services_de.json"))
ORG_CHART = ROOT / "tests/catalogue/data/dldb_city_org_units.csv"


def _timed(*args: str) -> float:
    started = time.perf_counter()
    call_command(*args, stdout=io.StringIO())
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    args = parser.parse_args()
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        from anliegen.catalog.models import Service
        from anliegen.routing.models import RoutingModelVersion

        org_units = _timed("import_org_units", str(ORG_CHART), "--format", "csv")
        # TASK_BACKEND=immediate: the retraining the import schedules runs inside this call.
        catalogue = _timed("import_catalogue", args.file, "--format", "dldb", "--full")
        version = RoutingModelVersion.objects.get(is_active=True)
        print(
            json.dumps(
                {
                    "file": args.file,
                    "services": Service.objects.filter(is_active=True).count(),
                    "database": connection.vendor,
                    "import_org_units_s": round(org_units, 2),
                    "import_catalogue_with_retraining_s": round(catalogue, 2),
                    "retraining_s": round(version.training_seconds, 2),
                    "total_s": round(org_units + catalogue, 2),
                    "model_services": version.service_count,
                    "python": platform.python_version(),
                },
                indent=2,
            )
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
