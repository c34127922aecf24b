"""Catalogue import tests: the sample files and the real DLDB file (a fixture, not shipped)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# 1.7 MB of Munich's service texts: read where it lies instead of copying it into the
# repository (its reuse terms are the city's; see /work/shared/reference-data/SOURCES.md).
DLDB_DEFAULT = Path("/work/shared/reference-data/services_de.json")


@pytest.fixture
def dldb_file() -> Path:
    path = Path(os.environ.get("ANLIEGEN_DLDB_FILE", DLDB_DEFAULT))
    if not path.is_file():
        message = (
            f"DLDB reference file {path} missing: set ANLIEGEN_DLDB_FILE to a DLDB "
            "services_de.json (e.g. it-at-m/eappointment zmsautomation/…/dldb/services_de.json)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return path
