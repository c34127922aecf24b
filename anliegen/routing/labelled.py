"""The shipped labelled texts (no Django needed, so benchmarks can read them too)."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .engine import Example, ServiceDoc

DATA_DIR = Path(__file__).resolve().parent / "data"
LABELLED = DATA_DIR / "labelled.csv"
# More train rows, kept apart so that labelled.csv's split rule (and so its test rows) stays fixed.
LABELLED_EXTRA = DATA_DIR / "labelled_extra.csv"
OUT_OF_SCOPE = DATA_DIR / "out_of_scope.csv"


@dataclass(frozen=True)
class Labelled:
    text: str
    service: str  # "" when the row is labelled with an office only
    split: str = ""
    office: str = ""  # org unit key of the responsible office, "" when not given


def read_labelled(path: Path) -> list[Labelled]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = set(reader.fieldnames or [])
        if "text" not in columns or not columns & {"service", "office"}:
            raise ValueError(f"{path}: needs a column text and a column service and/or office")
        return [
            Labelled(
                row["text"],
                (row.get("service") or "").strip(),
                (row.get("split") or "").strip(),
                (row.get("office") or "").strip(),
            )
            for row in reader
            if (row.get("text") or "").strip()
        ]


def shipped_train_rows() -> list[Labelled]:
    """The train split of labelled.csv plus the extra train rows: a city's routed history."""
    rows = [r for r in read_labelled(LABELLED) if r.split == "train"] if LABELLED.exists() else []
    if LABELLED_EXTRA.exists():
        rows += [r for r in read_labelled(LABELLED_EXTRA) if r.split == "train"]
    return rows


REALISTIC = DATA_DIR / "realistic.csv"


def realistic_dev_examples() -> list[Example]:
    """The realistic set's dev rows: calibration texts (never training texts) of the model."""
    if not REALISTIC.exists():
        return []
    return [Example(r.text, r.service) for r in read_labelled(REALISTIC) if r.split == "dev"]


def read_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle) if row["text"].strip()]


DEMO_CATALOGUE = Path(__file__).resolve().parent.parent / "catalog" / "demo" / "services.json"


def service_doc(row: dict[str, Any]) -> ServiceDoc:
    """A catalogue row as JSON (demo file, imports) turned into what the engine trains on."""
    return ServiceDoc(
        key=row["key"],
        name=row["name"],
        citizen_name=row.get("citizen_name") or "",
        description=row.get("description") or "",
        synonyms=tuple(row.get("synonyms", [])),
        topic=row.get("topic") or "",
        office=next(
            (r["org_unit"] for r in row.get("responsibilities", []) if r.get("role") == "lead"),
            "",
        ),
    )


DEMO_DISTRICTS = DEMO_CATALOGUE.parent / "districts.json"


def demo_place_names() -> list[str]:
    """District names of the demo city (what ``training.place_names`` reads from the database)."""
    rows: list[dict[str, Any]] = json.loads(DEMO_DISTRICTS.read_text(encoding="utf-8"))
    return sorted(str(row["name"]) for row in rows)


def demo_catalogue_docs() -> list[ServiceDoc]:
    rows: list[dict[str, Any]] = json.loads(DEMO_CATALOGUE.read_text(encoding="utf-8"))
    return [service_doc(row) for row in rows]
