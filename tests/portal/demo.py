"""A slice of the demo catalogue for portal and browser tests, and a routing model trained on
it once per test session (the full catalogue takes ~45 s to train, the slice ~2 s)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import anliegen.demo.catalogue as demo
from anliegen.routing.engine import RoutingModel, ServiceDoc, train

BULKY_WASTE = "sperrmuell-abholung"


def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(
        (demo.DATA_DIR / "services.json").read_text(encoding="utf-8")
    )
    return rows


def service_rows() -> list[dict[str, Any]]:
    """The bulky-waste topic, the first 30 services, and examples of every kind of page:
    an appointment link, a defect report, each typed form field."""
    rows = _rows()
    bulky_topic = next(r["topic"] for r in rows if r["key"] == BULKY_WASTE)
    chosen = [r for r in rows if r.get("topic") == bulky_topic] + rows[:30]
    chosen.append(next(r for r in rows if r.get("appointment_url")))
    chosen.append(next(r for r in rows if r["kind"] == "defect"))
    for kind in ("text", "textarea", "number", "date", "choice", "boolean"):
        chosen.extend(
            [r for r in rows if any(f["type"] == kind for f in r.get("form_fields", []))][:1]
        )
    unique: dict[str, dict[str, Any]] = {r["key"]: r for r in chosen}
    return list(unique.values())


def train_slice() -> RoutingModel:
    docs = [
        ServiceDoc(
            key=r["key"],
            name=r["name"],
            citizen_name=r.get("citizen_name", ""),
            description=r.get("description", ""),
            synonyms=tuple(r.get("synonyms", [])),
            topic=r.get("topic", ""),
        )
        for r in service_rows()
    ]
    return train(docs)


def load_slice(monkeypatch: pytest.MonkeyPatch, settings: Any, model: RoutingModel) -> None:
    """Load org chart, districts, staff and the service slice; route with ``model``."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    read = demo._read
    rows = service_rows()
    monkeypatch.setattr(demo, "_read", lambda name: rows if name == "services.json" else read(name))
    demo.load_catalogue()
    monkeypatch.setattr("anliegen.routing.api.current_model", lambda: model)
