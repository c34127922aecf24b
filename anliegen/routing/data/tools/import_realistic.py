"""Copy the realistic development set into the repository: validate, deduplicate, split.

Usage: python anliegen/routing/data/tools/import_realistic.py SOURCE_DIR

SOURCE_DIR holds the writers' batches: defect_NN.csv and general_NN.csv (German) and
english_NN.csv, each with the columns text,service,office,intent,style. The German batches
become realistic.csv, the English ones english.csv, both with an added split column.

- every service key must exist in the demo catalogue; the office column is set to the lead
  unit of the service in the catalogue (a writer's differing office is counted and reported);
- texts are deduplicated after folding case and white space, and a text that is also a row of
  labelled.csv or labelled_extra.csv (routed history in every evaluation) is dropped;
- split: ``dev`` when the first 8 hex digits of the SHA-1 of the text, as a number, modulo 10
  are below 7, else ``holdout`` (about 70 / 30, independent of file order and batches).

Exits 1 when a service key is unknown.
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
CATALOG = DATA.parent.parent / "catalog" / "demo" / "services.json"
COLUMNS = ["text", "service", "office", "intent", "style", "split"]
DEV_SHARE = 7  # of 10


def split_of(text: str) -> str:
    digest = hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()
    return "dev" if int(digest[:8], 16) % 10 < DEV_SHARE else "holdout"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def lead_offices() -> dict[str, str]:
    rows = json.loads(CATALOG.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for row in rows:
        leads = [r["org_unit"] for r in row.get("responsibilities", []) if r["role"] == "lead"]
        out[row["key"]] = leads[0] if leads else ""
    return out


def _known_texts() -> set[str]:
    known: set[str] = set()
    for name in ("labelled.csv", "labelled_extra.csv"):
        with (DATA / name).open(encoding="utf-8", newline="") as handle:
            known |= {_key(r["text"]) for r in csv.DictReader(handle)}
    return known


def collect(source: Path, patterns: tuple[str, ...]) -> tuple[list[dict[str, str]], Counter[str]]:
    offices = lead_offices()
    known = _known_texts()
    seen: set[str] = set()
    notes: Counter[str] = Counter()
    rows: list[dict[str, str]] = []
    files = sorted(f for p in patterns for f in source.glob(p))
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row.get("text") or "").strip()
                service = (row.get("service") or "").strip()
                if not text:
                    notes["empty text"] += 1
                    continue
                if service not in offices:
                    notes[f"unknown service {service!r} in {path.name}"] += 1
                    continue
                if _key(text) in seen:
                    notes["duplicate"] += 1
                    continue
                if _key(text) in known:
                    notes["also in labelled.csv / labelled_extra.csv"] += 1
                    continue
                seen.add(_key(text))
                if row.get("office", "").strip() != offices[service]:
                    notes["office set to the service's lead unit"] += 1
                rows.append(
                    {
                        "text": text,
                        "service": service,
                        "office": offices[service],
                        "intent": (row.get("intent") or "").strip(),
                        "style": (row.get("style") or "").strip(),
                        "split": split_of(text),
                    }
                )
    notes[f"files: {len(files)}"] += 1
    return rows, notes


def write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    source = Path(sys.argv[1])
    failed = False
    for name, patterns in (
        ("realistic.csv", ("defect_*.csv", "general_*.csv")),
        ("english.csv", ("english_*.csv",)),
    ):
        rows, notes = collect(source, patterns)
        write(DATA / name, rows)
        splits = Counter(r["split"] for r in rows)
        services = len({r["service"] for r in rows})
        print(f"{name}: {len(rows)} rows, {dict(splits)}, {services} services")
        for note, count in sorted(notes.items()):
            print(f"  {count:4d}  {note}")
            failed |= note.startswith("unknown service")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
