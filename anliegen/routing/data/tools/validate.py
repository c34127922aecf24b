"""Check the routing data set against the service catalogue.

Usage: python anliegen/routing/data/tools/validate.py [--catalog PATH] [--fix-split]

Checks labelled.csv (columns text,service,split), labelled_extra.csv (same columns, train rows
only, outside the split rule so adding them never moves a test row; none may share more than
NEAR_COPY of its words with a test row) and out_of_scope.csv (column text):
every service key exists in the catalogue, split is train or test, texts are non-empty and
unique, every service with a test row also has a train row, and no out-of-scope text also
appears as a labelled text, and the split follows the fixed rule (see expected_splits);
--fix-split rewrites the split column by that rule. Exits 1 on any error.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent
CATALOG = DATA.parent.parent / "catalog" / "demo" / "services.json"
SPLITS = frozenset({"train", "test"})
NEAR_COPY = 0.4  # Jaccard overlap of word sets: an extra row above this with a test row is refused


def _word_set(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text.lower()))


def _digest(value: str) -> int:
    return int(hashlib.sha1(value.encode("utf-8"), usedforsecurity=False).hexdigest(), 16)


def expected_splits(rows: list[dict[str, str]]) -> dict[str, str]:
    """Within each service, order rows by SHA-1 of the text; rows 2, 5, 8, ... are test.

    A service with exactly two rows keeps both in train when the SHA-1 of its key is
    divisible by four, which brings the overall test share to about 35 %.
    """
    by_service: dict[str, list[str]] = {}
    for row in rows:
        by_service.setdefault(row["service"], []).append(row["text"])
    splits: dict[str, str] = {}
    for key, texts in by_service.items():
        keep_train = len(texts) == 2 and _digest(key) % 4 == 0
        for index, text in enumerate(sorted(texts, key=_digest)):
            splits[text] = "test" if index % 3 == 1 and not keep_train else "train"
    return splits


def fix_splits() -> None:
    path = DATA / "labelled.csv"
    rows = read_rows(path, ["text", "service", "split"])
    splits = expected_splits(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "service", "split"])
        writer.writeheader()
        writer.writerows({**row, "split": splits[row["text"]]} for row in rows)


def read_rows(path: Path, columns: list[str]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise SystemExit(f"{path.name}: columns {reader.fieldnames}, expected {columns}")
        return list(reader)


def _row_errors(where: str, row: dict[str, str], keys: set[str], seen: set[str]) -> list[str]:
    """Checks every labelled row gets: a text, seen once, and a service the catalogue has."""
    text = row["text"].strip()
    errors = [f"{where}: empty text"] if not text else []
    if text in seen:
        errors.append(f"{where}: duplicate text {text[:40]!r}")
    seen.add(text)
    if row["service"] not in keys:
        errors.append(f"{where}: unknown service {row['service']!r}")
    return errors


def validate(catalog: Path) -> list[str]:
    keys = {service["key"] for service in json.loads(catalog.read_text(encoding="utf-8"))}
    labelled = read_rows(DATA / "labelled.csv", ["text", "service", "split"])
    out_of_scope = read_rows(DATA / "out_of_scope.csv", ["text"])
    errors: list[str] = []
    seen: set[str] = set()
    for line, row in enumerate(labelled, start=2):
        errors += _row_errors(f"labelled.csv:{line}", row, keys, seen)
        if row["split"] not in SPLITS:
            errors.append(f"labelled.csv:{line}: split {row['split']!r}")
    splits = expected_splits(labelled)
    errors += [
        f"labelled.csv:{line}: split should be {splits[row['text']]} (run with --fix-split)"
        for line, row in enumerate(labelled, start=2)
        if row["split"] in SPLITS and row["split"] != splits[row["text"]]
    ]
    extra_path = DATA / "labelled_extra.csv"
    extra = read_rows(extra_path, ["text", "service", "split"]) if extra_path.exists() else []
    test_words = [_word_set(row["text"]) for row in labelled if row["split"] == "test"]
    for line, row in enumerate(extra, start=2):
        errors += _row_errors(f"labelled_extra.csv:{line}", row, keys, seen)
        if row["split"] != "train":
            errors.append(f"labelled_extra.csv:{line}: split must be train, not {row['split']!r}")
        mine = _word_set(row["text"].strip())
        if any(len(mine & w) / len(mine | w) > NEAR_COPY for w in test_words if mine | w):
            errors.append(f"labelled_extra.csv:{line}: too close to a test row")
    train = {row["service"] for row in labelled if row["split"] == "train"}
    test = {row["service"] for row in labelled if row["split"] == "test"}
    errors += [f"service {key!r} is in test but not in train" for key in sorted(test - train)]
    for line, row in enumerate(out_of_scope, start=2):
        text = row["text"].strip()
        if not text:
            errors.append(f"out_of_scope.csv:{line}: empty text")
        if text in seen:
            errors.append(f"out_of_scope.csv:{line}: also labelled {text[:40]!r}")
    counts = Counter(row["split"] for row in labelled)
    print(
        f"labelled: {len(labelled)} rows ({counts['train']} train, {counts['test']} test), "
        f"{len(train | test)} of {len(keys)} services, {len(test)} in test; "
        f"extra train rows: {len(extra)}; "
        f"out of scope: {len(out_of_scope)} rows"
    )
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalog", type=Path, default=CATALOG)
    parser.add_argument("--fix-split", action="store_true", help="rewrite the split column")
    args = parser.parse_args()
    if args.fix_split:
        fix_splits()
    errors = validate(args.catalog)
    for error in errors:
        print(error, file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
