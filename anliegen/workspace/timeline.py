"""The ticket page's timeline in plain German sentences (issue 16, point 5).

Events store keys ("waffen-abgabe", "abt-32-sicherheit", a username) so that the history stays
true when a name changes; a clerk needs the names. ``sentences`` turns each event into one
sentence, with the office names from the org tree the page has already read and the service
and staff names in at most one query each, only when the timeline mentions them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from anliegen.catalog.models import Service
from anliegen.organization.models import User
from anliegen.organization.units import units
from anliegen.tickets.models import Channel, EventKind, Priority
from anliegen.tickets.queries import Entry
from anliegen.tickets.status import Status

STEP_TEXT = {
    "assignee": gettext_lazy("Frist-Erinnerung an die Bearbeitung verschickt."),
    "lead": gettext_lazy("Frist-Erinnerung an die Leitung der Stelle verschickt."),
    "overdue": gettext_lazy("Frist überschritten: Leitung und Bearbeitung benachrichtigt."),
}


class Names:
    """Display names for the keys that events store."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        data = [e.data for e in entries if e.event is not None]
        service_keys = {str(k) for d in data for k in _service_keys(d) if k}
        usernames = {str(d["assignee"]) for d in data if d.get("assignee")}
        self.services: dict[str, str] = {}
        self.people: dict[str, str] = {}
        # Services and staff in one query (a UNION): the ticket page stays within 12 queries.
        found: list[QuerySet[Any, tuple[str, str, str]]] = []
        if service_keys:
            found.append(
                Service.objects.filter(key__in=service_keys)
                .annotate(of=Value("s"), label=F("name"))
                .order_by()
                .values_list("of", "key", "label")
            )
        if usernames:
            found.append(
                User.objects.filter(username__in=usernames)
                .annotate(of=Value("u"), label=Concat("first_name", Value(" "), "last_name"))
                .order_by()
                .values_list("of", "username", "label")
            )
        if found:
            rows = found[0].union(*found[1:], all=True) if len(found) > 1 else found[0]
            for of, key, label in rows:
                target = self.services if of == "s" else self.people
                target[key] = label.strip() or key
        self.offices = {u.key: u.name for u in units().values()}

    def service(self, key: Any) -> str:
        return self.services.get(str(key), str(key)) if key else _("keine Leistung")

    def office(self, key: Any) -> str:
        return self.offices.get(str(key), str(key)) if key else _("keine Stelle")

    def person(self, username: Any) -> str:
        return self.people.get(str(username), str(username))


def _service_keys(data: dict[str, Any]) -> list[Any]:
    previous = data.get("previous") or {}
    return [data.get("service"), previous.get("service") if isinstance(previous, dict) else None]


def _label(choices: Any, value: Any) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return str(value)


def _percent(value: Any) -> str:
    try:
        return f"{round(float(value) * 100)} %"
    except (TypeError, ValueError):
        return ""


def _created(d: dict[str, Any], n: Names) -> str:
    return _("Eingegangen über „%(channel)s“ als %(reference)s.") % {
        "channel": _label(Channel, d.get("channel")),
        "reference": d.get("reference", ""),
    }


def _routed(d: dict[str, Any], n: Names) -> str:
    where = {"service": n.service(d.get("service")), "office": n.office(d.get("org_unit"))}
    method = d.get("method")
    if method == "manual":
        text = _("Weitergeleitet an %(office)s, Leistung „%(service)s“.") % where
        previous = d.get("previous") or {}
        if previous.get("org_unit") and previous.get("org_unit") != d.get("org_unit"):
            text += " " + _("Vorher: %(office)s.") % {"office": n.office(previous["org_unit"])}
    elif method == "auto":
        text = _("Automatisch zugeordnet: „%(service)s“, zuständig %(office)s.") % where
    elif method == "triage":
        text = _("Zur Sichtung, weil die Zuordnung nicht sicher genug war.")
        if d.get("service"):
            text += " " + _("Bester Vorschlag: „%(service)s“.") % where
    else:
        text = _("Leistung „%(service)s“ gewählt, zuständig %(office)s.") % where
    if method in ("auto", "triage") and d.get("confidence") is not None:
        text += " " + _("Sicherheit %(percent)s.") % {"percent": _percent(d["confidence"])}
    if d.get("reason") and method == "manual":
        text += " " + _("Grund: %(reason)s") % {"reason": d["reason"]}
    return text


def _assigned(d: dict[str, Any], n: Names) -> str:
    if not d.get("assignee"):
        return _("Zuweisung aufgehoben.")
    return _("Zugewiesen an %(person)s.") % {"person": n.person(d["assignee"])}


def _status(d: dict[str, Any], n: Names) -> str:
    text = _("Status von „%(old)s“ auf „%(new)s“ gesetzt.") % {
        "old": _label(Status, d.get("old")),
        "new": _label(Status, d.get("new")),
    }
    if d.get("note"):
        text += " " + _("Bemerkung: %(note)s") % {"note": d["note"]}
    return text


def _consult_requested(d: dict[str, Any], n: Names) -> str:
    return _("%(office)s um Beteiligung gebeten.") % {"office": n.office(d.get("org_unit"))}


def _consult_answered(d: dict[str, Any], n: Names) -> str:
    return _("%(office)s hat die Beteiligung beantwortet.") % {
        "office": n.office(d.get("org_unit"))
    }


def _merged(d: dict[str, Any], n: Names) -> str:
    if d.get("into"):
        return _("Als Duplikat mit %(reference)s zusammengeführt.") % {"reference": d["into"]}
    return _("%(reference)s wurde als Duplikat hierher zusammengeführt.") % {
        "reference": d.get("merged", "")
    }


def _priority(d: dict[str, Any], n: Names) -> str:
    return _("Priorität von „%(old)s“ auf „%(new)s“ geändert.") % {
        "old": _label(Priority, d.get("old")),
        "new": _label(Priority, d.get("new")),
    }


def _external_reference(d: dict[str, Any], n: Names) -> str:
    return _("Aktenzeichen %(reference)s (%(system)s) verknüpft.") % {
        "reference": d.get("reference", ""),
        "system": d.get("system", ""),
    }


def _external_status(d: dict[str, Any], n: Names) -> str:
    text = _("Neuer Stand aus %(system)s (%(reference)s).") % {
        "system": d.get("system", ""),
        "reference": d.get("reference", ""),
    }
    if d.get("old") != d.get("new") and d.get("new"):
        text += " " + _("Status jetzt „%(new)s“.") % {"new": _label(Status, d["new"])}
    if d.get("text"):
        text += " " + _("Text für Bürger/in: %(text)s") % {"text": d["text"]}
    return text


def _tags(d: dict[str, Any], n: Names) -> str:
    new = ", ".join(str(t) for t in d.get("new") or [])
    if not new:
        return _("Schlagwörter entfernt.")
    return _("Schlagwörter jetzt: %(tags)s.") % {"tags": new}


def _escalated(d: dict[str, Any], n: Names) -> str:
    step = STEP_TEXT.get(str(d.get("step")))
    return str(step) if step else _("Frist-Erinnerung verschickt.")


def _token(d: dict[str, Any], n: Names) -> str:
    return _("Neuer Link zur Vorgangsverfolgung erstellt; der alte gilt nicht mehr.")


def _effort(d: dict[str, Any], n: Names) -> str:
    minutes = int(d.get("minutes") or 0)
    text = ngettext(
        "Aufwand erfasst: %(minutes)s Minute", "Aufwand erfasst: %(minutes)s Minuten", minutes
    ) % {"minutes": minutes}
    return f"{text} – {d['note']}" if d.get("note") else text


SENTENCES: dict[str, Callable[[dict[str, Any], Names], str]] = {
    EventKind.CREATED: _created,
    EventKind.ROUTED: _routed,
    EventKind.ASSIGNED: _assigned,
    EventKind.STATUS_CHANGED: _status,
    EventKind.CONSULTATION_REQUESTED: _consult_requested,
    EventKind.CONSULTATION_ANSWERED: _consult_answered,
    EventKind.MERGED: _merged,
    EventKind.PRIORITY_CHANGED: _priority,
    EventKind.EXTERNAL_REFERENCE: _external_reference,
    EventKind.EXTERNAL_STATUS: _external_status,
    EventKind.TAGS_CHANGED: _tags,
    EventKind.ESCALATED: _escalated,
    EventKind.TOKEN_REISSUED: _token,
    EventKind.EFFORT_RECORDED: _effort,
}


def sentences(entries: list[Entry]) -> dict[int, str]:
    """One sentence per event, by event id (messages speak for themselves)."""
    names = Names(entries)
    result: dict[int, str] = {}
    for entry in entries:
        if entry.event is None:
            continue
        describe = SENTENCES.get(entry.kind)
        result[entry.event.pk] = describe(entry.data, names) if describe else ""
    return result
