"""Rows of synthetic tickets for the scale benchmarks: pure Python, no Django.

Each ticket gets the rows the action layer would have written (ticket, messages, timeline
events) with plausible values: popular services get more tickets (Zipf), older tickets are
further along, a small backlog of old tickets is still open. Everything is drawn from one
seeded ``random.Random`` so a run is reproducible.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from anliegen.core.refnum import format_reference

Row = dict[str, Any]
FIRST = ["Anna", "Jonas", "Fatma", "Peter", "Lena", "Mehmet", "Sabine", "Lukas", "Olga"]
FIRST += ["Thomas", "Marie", "Ahmad", "Ursula", "Felix", "Svetlana", "Klaus", "Ewa", "Tim"]
LAST = ["Schmitt", "Becker", "Yılmaz", "Wagner", "Hoffmann", "Nowak", "Klein", "Schneider"]
LAST += ["Weber", "Kowalski", "Fischer", "Meyer", "Bauer", "Richter", "Koch", "Wolf", "Braun"]
STREETS = ["Hauptstraße", "Löhrstraße", "Moselweißer Straße", "Rizzastraße", "Am Wöllershof"]
STREETS += ["Schlossstraße", "Mainzer Straße", "Trierer Straße", "Andernacher Straße"]
CHANNELS = ["web"] * 6 + ["email"] * 4 + ["phone"] * 2 + ["counter", "open311", "letter"]
REPLIES = [
    "Vielen Dank für Ihre Nachricht. Wir haben den Vorgang an die zuständige Kollegin gegeben.",
    "Wir haben Ihr Anliegen geprüft und kümmern uns in den nächsten Tagen darum.",
    "Der Schaden wurde aufgenommen und an den Bauhof weitergegeben.",
    "Bitte reichen Sie uns noch eine Kopie des Nachweises nach, dann können wir weitermachen.",
    "Ihr Antrag ist vollständig. Den Bescheid erhalten Sie per Post.",
]
NOTES = [
    "Rücksprache mit dem Bauhof: Termin nächste Woche.",
    "Vorgang im Fachverfahren angelegt.",
    "Telefonisch nachgefragt, Bürgerin nicht erreicht.",
]
FOLLOW_UPS = ["Anbei die gewünschten Angaben. Viele Grüße", "Gibt es schon etwas Neues?"]
OPEN_STATES = ["new", "assigned", "in_progress", "waiting_citizen", "waiting_external"]


@dataclass(frozen=True)
class Catalogue:
    """What the generator draws from: ids from the database, texts per service key."""

    services: Sequence[tuple[int, str, int | None, int, int, bool]]
    # (service id, key, lead unit id, first response hours, resolution days, sensitive)
    members: dict[int, list[tuple[int, str]]]  # unit id → [(user id, username)]
    district_ids: Sequence[int]
    texts: dict[str, list[str]]  # service key → concern texts
    fallback_texts: Sequence[str]


@dataclass
class Counters:
    """Next primary keys and the last reference number per year."""

    ticket: int
    message: int
    event: int
    references: dict[int, int] = field(default_factory=dict)


@dataclass
class Batch:
    tickets: list[Row] = field(default_factory=list)
    messages: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)


def creation_times(count: int, now: datetime, days: int, rng: random.Random) -> list[float]:
    """Sorted POSIX times over ``days`` up to ``now``: office hours and weekdays weigh more,
    and later months more than earlier ones (the portal grows)."""
    end = now.timestamp()
    start = end - days * 86400
    times: list[float] = []
    while len(times) < count:
        # Growth: density rises linearly by half over the span.
        t = start + (end - start) * (rng.random() ** 0.8)
        moment = datetime.fromtimestamp(t, UTC)
        weight = (0.35 if moment.weekday() >= 5 else 1.0) * (1.0 if 6 <= moment.hour < 17 else 0.3)
        if rng.random() < weight:
            times.append(t)
    times.sort()
    return times


def _ts(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def _event(
    c: Counters,
    ticket_id: int,
    kind: str,
    at: float,
    actor: tuple[int, str] | None,
    public: bool,
    **data: Any,
) -> Row:
    c.event += 1
    return {
        "id": c.event,
        "ticket_id": ticket_id,
        "kind": kind,
        "actor_id": actor[0] if actor else None,
        "actor_label": actor[1] if actor else "Bürger/in",
        "data": json.dumps(data, ensure_ascii=False),
        "is_public": public,
        "created_at": _ts(at),
    }


def _message(
    c: Counters,
    ticket_id: int,
    kind: str,
    body: str,
    at: float,
    author: tuple[int, str] | None,
    channel: str,
) -> Row:
    c.message += 1
    return {
        "id": c.message,
        "ticket_id": ticket_id,
        "kind": kind,
        "author_id": author[0] if author else None,
        "channel": channel,
        "body": body,
        "email_message_id": None,
        "created_at": _ts(at),
    }


class Generator:
    def __init__(self, catalogue: Catalogue, counters: Counters, now: datetime, seed: int) -> None:
        self.cat = catalogue
        self.c = counters
        self.now = now.timestamp()
        self.rng = random.Random(seed)
        # Zipf weights: the tenth service gets a tenth of the first one's tickets.
        order = list(range(len(catalogue.services)))
        self.rng.shuffle(order)
        self.weights = [1.0 / (rank + 1) for rank in order]

    def batches(self, times: list[float], size: int) -> Iterator[Batch]:
        for start in range(0, len(times), size):
            batch = Batch()
            for t in times[start : start + size]:
                self._ticket(batch, t)
            yield batch

    def _text(self, key: str) -> str:
        rng = self.rng
        texts = self.cat.texts.get(key) or self.cat.fallback_texts
        place = f"{rng.choice(STREETS)} {rng.randint(1, 180)}"
        return f"{rng.choice(texts)}\nOrt: {place}."

    def _ticket(self, batch: Batch, created: float) -> None:
        rng, c = self.rng, self.c
        service_id, key, unit_id, hours, days, sensitive = rng.choices(
            self.cat.services, self.weights
        )[0]
        age_days = (self.now - created) / 86400
        routed = unit_id is not None and rng.random() < 0.97
        status = self._status(age_days, routed)
        members = self.cat.members.get(unit_id or 0, [])
        staff = rng.choice(members) if members else None
        assignee = (
            staff if staff and status not in {"new", "triage"} and rng.random() < 0.85 else None
        )
        c.ticket += 1
        tid = c.ticket
        moment = _ts(created)
        number = c.references.get(moment.year, 0) + 1
        c.references[moment.year] = number
        reference = format_reference(moment.year, number)
        text = self._text(key)
        first, last = rng.choice(FIRST), rng.choice(LAST)
        channel = rng.choice(CHANNELS)
        step = min(age_days, 30.0) * 86400 / 6
        t = created
        first_reply = None
        resolved = closed = None
        msgs = [_message(c, tid, "citizen", text, t, None, channel)]
        events = [
            _event(c, tid, "created", t, None, True, channel=channel, reference=reference),
            _event(
                c,
                tid,
                "routed",
                t + 1,
                None,
                False,
                service=key if routed else None,
                org_unit=unit_id,
                method="auto" if routed else "triage",
            ),
        ]
        if assignee:
            t += rng.random() * step
            events.append(_event(c, tid, "assigned", t, staff, False, assignee=assignee[1]))
        if status not in {"new", "triage", "assigned"}:
            t += rng.random() * step
            events.append(
                _event(
                    c, tid, "status_changed", t, staff, True, old="new", new="in_progress", note=""
                )
            )
            t += rng.random() * step
            first_reply = t
            msgs.append(_message(c, tid, "public_reply", rng.choice(REPLIES), t, staff, ""))
            events.append(
                _event(c, tid, "message_added", t, staff, True, message_kind="public_reply")
            )
            if rng.random() < 0.6:
                t += rng.random() * step
                msgs.append(_message(c, tid, "internal_note", rng.choice(NOTES), t, staff, ""))
            if status == "waiting_citizen" or rng.random() < 0.45:
                t += rng.random() * step
                msgs.append(_message(c, tid, "citizen", rng.choice(FOLLOW_UPS), t, None, "web"))
            if status not in {"in_progress", "waiting_citizen", "waiting_external"}:
                t += rng.random() * step
                resolved = t
                events.append(
                    _event(
                        c,
                        tid,
                        "status_changed",
                        t,
                        staff,
                        True,
                        old="in_progress",
                        new=status,
                        note="",
                    )
                )
                if status == "closed":
                    closed = t + rng.random() * step
                    events.append(
                        _event(
                            c,
                            tid,
                            "status_changed",
                            closed,
                            staff,
                            True,
                            old="resolved",
                            new="closed",
                            note="",
                        )
                    )
        batch.messages.extend(msgs)
        batch.events.extend(events)
        batch.tickets.append(
            {
                "id": tid,
                "reference": reference,
                "token_hash": hashlib.sha256(f"bench-{reference}".encode()).hexdigest(),
                "token_nonce": "",  # a link from before derived tokens: known by its hash only
                "channel": channel,
                "status": status,
                "subject": text.splitlines()[0][:120],
                "service_id": service_id if routed else None,
                "org_unit_id": unit_id if routed else None,
                "assignee_id": assignee[0] if assignee else None,
                "priority": rng.choices([1, 2, 3, 4], [5, 80, 12, 3])[0],
                "is_sensitive": sensitive and routed,
                "contact_name": f"{first} {last}" if rng.random() < 0.85 else "",
                "contact_email": f"{first.lower()}.{tid}@example.org",
                "contact_phone": "",
                # The portal language: one in twenty writes in English.
                "contact_language": "en" if tid % 20 == 0 else "de",
                "location_text": "",
                "district_id": rng.choice(self.cat.district_ids) if self.cat.district_ids else None,
                "form_data": "{}",
                "public_status_text": "",
                "routing_confidence": round(rng.uniform(0.3, 0.99), 3),
                "created_at": moment,
                "updated_at": _ts(max(t, closed or t)),
                "first_response_due": moment + timedelta(hours=hours * 2),
                "resolution_due": moment + timedelta(days=days * 7 / 5),
                "first_responded_at": _ts(first_reply) if first_reply else None,
                "resolved_at": _ts(resolved) if resolved else None,
                "closed_at": _ts(closed) if closed else None,
            }
        )

    def _status(self, age_days: float, routed: bool) -> str:
        """Recent tickets are mostly open; of old ones a small backlog remains."""
        rng = self.rng
        if not routed:
            return "triage" if age_days < 20 or rng.random() < 0.01 else "closed"
        open_share = 0.9 if age_days < 3 else 0.45 if age_days < 30 else 0.015
        if rng.random() < open_share:
            return rng.choices(OPEN_STATES, [2, 3, 5, 2, 1])[0]
        return rng.choices(["closed", "resolved", "rejected", "duplicate"], [80, 12, 5, 3])[0]
