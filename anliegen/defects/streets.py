"""The city's street list: address search for the portal form, the street section of a
house number, the nearest street to a point, and the demo city's list as data."""

from __future__ import annotations

import difflib
import json
import math
import re
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from anliegen.catalog.models import District

from .models import Street

DEMO_FILE = Path(__file__).parent / "demo" / "streets.json"
HOUSE_NUMBER = re.compile(r"^\s*(\d{1,4})\s*([a-zA-Z]?)(\s*[-/]\s*\d{1,4}[a-zA-Z]?)?\s*$")
_ABBREVIATIONS = ((re.compile(r"str\.?$"), "straße"), (re.compile(r"strasse$"), "straße"))


def normalise(name: str) -> str:
    """How two spellings of a street compare: case, spaces, "Str." and "strasse"."""
    key = " ".join(name.lower().replace("-", " ").split())
    for pattern, full in _ABBREVIATIONS:
        key = pattern.sub(full, key)
    return key


def names() -> list[str]:
    """Every street name once, for the form's list."""
    return sorted(set(Street.objects.values_list("name", flat=True)), key=normalise)


def house_number(raw: str) -> int | None:
    """The number of "12", "12a", "12-14"; None when it is no house number."""
    match = HOUSE_NUMBER.match(raw or "")
    return int(match.group(1)) if match else None


def find(name: str, number: int | None = None) -> Street | None:
    """The street (section) called ``name`` that holds house ``number``; the first section
    without a number."""
    wanted = normalise(name)
    if not wanted:
        return None
    sections = [s for s in Street.objects.select_related("district") if normalise(s.name) == wanted]
    if number is not None:
        for section in sections:
            if section.house_from <= number and (
                not section.house_to or number <= section.house_to
            ):
                return section
    return sections[0] if sections else None


def similar(name: str, limit: int = 3) -> list[str]:
    """Street names close to what was typed (same beginning, or a near spelling), for the
    error message."""
    wanted = normalise(name)
    if len(wanted) < 3:
        return []
    by_key = {normalise(n): n for n in names()}
    found = [n for key, n in by_key.items() if key.startswith(wanted[:4])]
    for key in difflib.get_close_matches(wanted, list(by_key), n=limit, cutoff=0.7):
        if by_key[key] not in found:
            found.append(by_key[key])
    return found[:limit]


def metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Distance on the sphere (haversine); exact enough at city scale."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def nearest(latitude: Decimal, longitude: Decimal, within: float = 1500) -> Street | None:
    """The street section whose centre is nearest to the point, if within ``within`` metres."""
    best: tuple[float, Street] | None = None
    for street in Street.objects.select_related("district"):
        d = metres(
            float(latitude), float(longitude), float(street.latitude), float(street.longitude)
        )
        if best is None or d < best[0]:
            best = (d, street)
    return best[1] if best and best[0] <= within else None


def known_street_in(text: str) -> str:
    """The street name that ``text`` begins with ("Löhrstraße 12, vor der Bäckerei" →
    "Löhrstraße"), or "": the rough location that may be public."""
    wanted = normalise(text)
    found = ""
    for name in names():
        key = normalise(name)
        if wanted.startswith(key) and len(key) > len(normalise(found)):
            found = name
    return found


@transaction.atomic
def load(rows: list[dict[str, object]]) -> int:
    """Create or update street sections from rows of the demo file's shape."""
    districts = {d.key: d for d in District.objects.all()}
    for row in rows:
        Street.objects.update_or_create(
            name=str(row["name"]),
            district=districts.get(str(row.get("district", ""))),
            house_from=int(str(row.get("house_from", 0))),
            defaults={
                "postal_code": str(row.get("postal_code", "")),
                "house_to": int(str(row.get("house_to", 0))),
                "latitude": Decimal(str(row["lat"])),
                "longitude": Decimal(str(row["lon"])),
            },
        )
    return len(rows)


def load_demo() -> int:
    rows: list[dict[str, object]] = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    return load(rows)
