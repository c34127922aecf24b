"""Reader for the DLDB service format (Berlin's and Munich's service portals, ZMS).

A DLDB export is ``{"meta": {...}, "data": [service, ...]}``. What is taken from a service:
``id`` → external id and key ``dldb-<id>``; ``name``; ``description`` and ``fees`` (HTML,
sanitised); ``meta.keywords`` → synonyms; ``leika`` (one or more keys); ``locations[].location``
→ responsible offices, matched against the org units' external id; ``appointment.link`` with
``{serviceId}`` filled → appointment booking when a location allows booking; a link whose name
says "online" or "Antrag" → online service. ``authorities[].name`` and ``meta.lastupdate``
make the attribution.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext as _

from ..actions import ResponsibilityData, ServiceData
from ..models import Service
from . import leika
from .records import ALL_FIELDS, Catalogue, FormatError, ImportedService, KnownKeys, Problem
from .text import plain, sanitise

# DLDB has no topic and no kind: an admin's choice of those survives a re-import.
FIELDS = ALL_FIELDS - {"topic", "kind"}
ONLINE_LINK = re.compile(r"online|antrag", re.IGNORECASE)


def _keywords(meta: dict[str, Any]) -> tuple[str, ...]:
    raw = meta.get("keywords") or ""
    words = [w.strip() for w in str(raw).split(",")]
    return tuple(dict.fromkeys(w for w in words if w))


def _appointment_url(entry: dict[str, Any]) -> str:
    link = str((entry.get("appointment") or {}).get("link") or "")
    bookable = any(
        (loc.get("appointment") or {}).get("allowed") for loc in entry.get("locations") or []
    )
    if not link or not bookable:
        return ""
    return link.replace("{serviceId}", str(entry["id"]))


def _online_url(entry: dict[str, Any]) -> str:
    for link in entry.get("links") or []:
        if ONLINE_LINK.search(str(link.get("name") or "")) and link.get("link"):
            return str(link["link"])
    return ""


def _source(entry: dict[str, Any], updated: str) -> str:
    if entry.get("source"):  # written by Anliegen's own DLDB export
        return str(entry["source"])
    authorities = [a.get("name") for a in entry.get("authorities") or [] if a.get("name")]
    who = ", ".join(dict.fromkeys(str(a) for a in authorities)) or "DLDB"
    return _("%(who)s, Dienstleistungsdatenbank (DLDB), Stand %(date)s") % {
        "who": who,
        "date": updated[:10] or "?",
    }


def _service(entry: dict[str, Any], updated: str, known: KnownKeys) -> ImportedService:
    service_id = str(entry["id"]).strip()
    key, external_id = known.resolve(service_id, f"dldb-{service_id}")
    keys = leika.split_keys(str(entry.get("leika") or ""))
    description = str(entry.get("description") or "")
    fees = str(entry.get("fees") or "")
    rich = sanitise(description)
    if plain(fees):
        rich = (rich + "\n<h3>" + _("Gebühren") + "</h3>\n").lstrip() + sanitise(fees)
    locations = [str(loc.get("location")) for loc in entry.get("locations") or []]
    name = " ".join(str(entry.get("name") or "").split())
    return ImportedService(
        data=ServiceData(
            key=key,
            name=name,
            citizen_name=name,
            description=plain(rich),
            description_html=rich,
            source=_source(entry, updated),
            external_id=external_id,
            synonyms=_keywords(entry.get("meta") or {}),
            leika_key=keys[0] if keys else "",
            online_service_url=_online_url(entry),
            appointment_url=_appointment_url(entry),
        ),
        responsibilities=tuple(
            ResponsibilityData(org_unit=loc) for loc in dict.fromkeys(locations) if loc
        ),
        where=f"DLDB {service_id}",
        extra_leika_keys=tuple(keys[1:]),
    )


def read(content: bytes) -> Catalogue:
    try:
        document = json.loads(content.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FormatError(_("Die Datei ist kein gültiges JSON: %(e)s") % {"e": exc}) from exc
    entries = document.get("data") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise FormatError(_("Eine DLDB-Datei enthält eine Liste „data“ mit Leistungen."))
    meta = document.get("meta", {}) if isinstance(document, dict) else {}
    updated = str(meta.get("generated") or "")
    catalogue = Catalogue(source="dldb", fields=FIELDS)
    known = KnownKeys(list(Service.objects.values_list("key", "external_id")))
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("name"):
            catalogue.problems.append(
                Problem(f"#{number}", _("Eintrag ohne „id“ oder „name“ – keine DLDB-Leistung."))
            )
            continue
        item = _service(entry, updated, known)
        catalogue.services.append(item)
    return catalogue
