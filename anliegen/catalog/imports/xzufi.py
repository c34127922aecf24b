"""The XZuFi 2.x subset Anliegen reads and writes (elements and codes: docs/admin/xzufi.md).

Elements are matched by local name under any ``http://xoev.de/schemata/xzufi/2_*``
namespace, so 2.1 and 2.2 exports of the Länder's editorial systems read alike:

- ``leistung``: ``id``, ``referenzLeiKa/code``, ``modulText`` (``leikaTextmodul/code`` +
  ``inhalt``), ``begriffImKontext/begriff``;
- ``organisationseinheit``: ``id``, ``name/name``, ``kurzbezeichnung``,
  ``uebergeordneteOrganisationseinheitID``;
- ``onlinedienst``: ``id``, ``bezeichnung``, ``link/link``;
- ``zustaendigkeitTransferObjekt``: ``uebergeordnetesObjektID`` (an Organisationseinheit or an
  Onlinedienst), ``zustaendigkeit/leistungID``, ``zustaendigkeit/rolle/code``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable

from django.utils.text import slugify
from django.utils.translation import gettext as _

from anliegen.organization.models import OrgUnit

from ..actions import OrgUnitData, ResponsibilityData, ServiceData
from ..models import Service
from . import leika
from .records import (
    ALL_FIELDS,
    Catalogue,
    FormatError,
    ImportedService,
    KnownKeys,
    Problem,
    Severity,
)
from .text import plain, sanitise

NS = "http://xoev.de/schemata/xzufi/2_2_0"
NS_PREFIX = "http://xoev.de/schemata/xzufi/"
# Code list urn:de:fim:leika:textmodul (the codes this subset reads and writes).
TEXT_NAME = "02"  # Leistungsbezeichnung
TEXT_CITIZEN_NAME = "03"  # Leistungsbezeichnung II (the citizen-friendly name)
TEXT_FULL = "04"  # Volltext
TEXT_FEES = "07"  # Kosten
LEIKA_LIST = "urn:de:fim:leika:leistung"
TEXT_LIST = "urn:de:fim:leika:textmodul"
ROLE_LIST = "urn:de:xzufi:codeliste:zustaendigkeitsrolle"
ROLE_LEAD = "01"  # zuständige Stelle; any other role code imports as "beteiligt"
# Not in this subset: appointment links, topic, kind, districts/streets, the source line.
FIELDS = ALL_FIELDS - {"appointment_url", "topic", "kind", "source"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [c for c in node if _local(c.tag) == name]


def _child(node: ET.Element, *path: str) -> ET.Element | None:
    current: ET.Element | None = node
    for name in path:
        if current is None:
            return None
        found = _children(current, name)
        current = found[0] if found else None
    return current


def _text(node: ET.Element | None, *path: str) -> str:
    found = _child(node, *path) if node is not None and path else node
    return (found.text or "").strip() if found is not None else ""


def _all(root: ET.Element, name: str) -> Iterable[ET.Element]:
    return (e for e in root.iter() if _local(e.tag) == name)


def _german(nodes: list[ET.Element]) -> str:
    """Texts come once per language (``languageCode``); German first, else the first one."""
    for node in nodes:
        if (node.get("languageCode") or "de").lower().startswith("de"):
            return (node.text or "").strip()
    return (nodes[0].text or "").strip() if nodes else ""


def _modules(leistung: ET.Element) -> dict[str, str]:
    texts: dict[str, str] = {}
    for module in _children(leistung, "modulText"):
        code = _text(module, "leikaTextmodul", "code")
        if code:
            texts[code] = _german(_children(module, "inhalt"))
    return texts


def _service(leistung: ET.Element, known: KnownKeys) -> tuple[str, ServiceData, tuple[str, ...]]:
    source_id = _text(leistung, "id")
    key, external_id = known.resolve(source_id, f"xzufi-{slugify(source_id)}"[:100])
    texts = _modules(leistung)
    keys = [
        k
        for ref in _children(leistung, "referenzLeiKa")
        for k in leika.split_keys(_text(ref, "code"))
    ]
    synonyms = tuple(
        dict.fromkeys(
            _text(b, "begriff")
            for b in _children(leistung, "begriffImKontext")
            if _text(b, "begriff")
        )
    )
    rich = sanitise(texts.get(TEXT_FULL, ""))
    if plain(texts.get(TEXT_FEES, "")):
        rich = (rich + "\n<h3>" + _("Gebühren") + "</h3>\n").lstrip() + sanitise(texts[TEXT_FEES])
    name = plain(texts.get(TEXT_NAME, "")) or plain(texts.get(TEXT_CITIZEN_NAME, ""))
    data = ServiceData(
        key=key,
        name=name,
        citizen_name=plain(texts.get(TEXT_CITIZEN_NAME, "")) or name,
        description=plain(rich),
        description_html=rich,
        source=_("XZuFi-Redaktionssystem"),
        external_id=external_id,
        synonyms=synonyms,
        leika_key=keys[0] if keys else "",
    )
    return source_id, data, tuple(keys[1:])


def _org_unit(node: ET.Element, known: KnownKeys) -> OrgUnitData:
    source_id = _text(node, "id")
    key, external_id = known.resolve(source_id, f"xzufi-{slugify(source_id)}"[:80])
    name = _german(_children(_child(node, "name") or node, "name")) or _text(node, "name")
    return OrgUnitData(
        key=key,
        name=name,
        short_name=_text(node, "kurzbezeichnung")[:60],
        external_id=external_id,
        kind=OrgUnit.Kind.AMT,
        parent=_text(node, "uebergeordneteOrganisationseinheitID"),
    )


def _kept(unit: OrgUnit | None) -> dict[str, str]:
    if unit is None:
        return {}
    names = ("kgst_number", "kind", "email", "phone", "address")
    return {name: getattr(unit, name) for name in names}


def read(content: bytes) -> Catalogue:
    try:
        root = ET.fromstring(content)  # noqa: S314 - see the import
    except ET.ParseError as exc:
        raise FormatError(_("Die Datei ist kein gültiges XML: %(e)s") % {"e": exc}) from exc
    if not any(e.tag.startswith("{" + NS_PREFIX) for e in root.iter()):
        raise FormatError(
            _("Die Datei enthält keine XZuFi-Elemente (Namensraum %(ns)s…).") % {"ns": NS_PREFIX}
        )
    catalogue = Catalogue(source="xzufi", fields=FIELDS)
    known_units = KnownKeys(list(OrgUnit.objects.values_list("key", "external_id")))
    nodes = [n for n in _all(root, "organisationseinheit") if _text(n, "id")]
    units = [_org_unit(n, known_units) for n in nodes]
    by_source_id = {_text(n, "id"): u.key for n, u in zip(nodes, units, strict=True)}
    # XZuFi carries no KGSt number, kind or contact details in this subset: an existing
    # unit keeps its own.
    existing = {u.key: u for u in OrgUnit.objects.filter(key__in=[u.key for u in units])}
    catalogue.org_units = [
        OrgUnitData(
            **{
                **u.__dict__,
                "parent": by_source_id.get(u.parent, u.parent),
                **_kept(existing.get(u.key)),
            }
        )
        for u in units
    ]
    known = KnownKeys(list(Service.objects.values_list("key", "external_id")))
    online: dict[str, str] = {}
    for node in _all(root, "onlinedienst"):
        links = [_text(link, "link") for link in _children(node, "link") if _text(link, "link")]
        if _text(node, "id") and links:
            online[_text(node, "id")] = links[0]
    responsibilities: dict[str, list[ResponsibilityData]] = defaultdict(list)
    online_of: dict[str, str] = {}
    for transfer in _all(root, "zustaendigkeitTransferObjekt"):
        owner = _text(transfer, "uebergeordnetesObjektID")
        for zustaendigkeit in _children(transfer, "zustaendigkeit"):
            service_id = _text(zustaendigkeit, "leistungID")
            role = _text(zustaendigkeit, "rolle", "code")
            if owner in online:
                online_of.setdefault(service_id, online[owner])
            elif service_id and owner:
                responsibilities[service_id].append(
                    ResponsibilityData(
                        org_unit=owner, role="lead" if role in {"", ROLE_LEAD} else "contributor"
                    )
                )
    for number, node in enumerate(_all(root, "leistung"), start=1):
        if not _text(node, "id"):
            catalogue.problems.append(Problem(f"Leistung #{number}", _("Leistung ohne „id“.")))
            continue
        source_id, data, extra = _service(node, known)
        if source_id in online_of:
            data = ServiceData(**{**data.__dict__, "online_service_url": online_of[source_id]})
        if not data.name:
            catalogue.problems.append(
                Problem(source_id, _("Leistung ohne Leistungsbezeichnung (Textmodul 02)."))
            )
        catalogue.services.append(
            ImportedService(
                data, tuple(responsibilities[source_id]), f"Leistung {source_id}", extra
            )
        )
    if not catalogue.services and not catalogue.org_units:
        catalogue.problems.append(
            Problem(
                "–", _("Keine Leistung und keine Organisationseinheit gefunden."), Severity.WARNING
            )
        )
    return catalogue
