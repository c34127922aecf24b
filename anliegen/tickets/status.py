"""Ticket status: the internal lifecycle, its transition table and the public mapping."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    NEW = "new", _("Neu")
    TRIAGE = "triage", _("Vorsortierung")
    ASSIGNED = "assigned", _("Zugewiesen")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    WAITING_CITIZEN = "waiting_citizen", _("Wartet auf Bürger/in")
    WAITING_EXTERNAL = "waiting_external", _("Wartet auf Dritte")
    RESOLVED = "resolved", _("Erledigt")
    CLOSED = "closed", _("Abgeschlossen")
    DUPLICATE = "duplicate", _("Duplikat")
    REJECTED = "rejected", _("Abgelehnt")


S = Status
_WORKING = {S.IN_PROGRESS, S.WAITING_CITIZEN, S.WAITING_EXTERNAL, S.RESOLVED}
_END = {S.DUPLICATE, S.REJECTED}

# Which status may follow which. Reopening (closed/resolved/duplicate/rejected → in progress)
# is explicit so that a finished concern only comes back on purpose.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.NEW: frozenset({S.TRIAGE, S.ASSIGNED, *_WORKING, *_END}),
    S.TRIAGE: frozenset({S.NEW, S.ASSIGNED, *_WORKING, *_END}),
    S.ASSIGNED: frozenset({S.NEW, S.TRIAGE, *_WORKING, *_END}),
    S.IN_PROGRESS: frozenset(
        {S.ASSIGNED, S.WAITING_CITIZEN, S.WAITING_EXTERNAL, S.RESOLVED, *_END}
    ),
    S.WAITING_CITIZEN: frozenset({S.IN_PROGRESS, S.RESOLVED, S.CLOSED}),
    S.WAITING_EXTERNAL: frozenset({S.IN_PROGRESS, S.RESOLVED}),
    S.RESOLVED: frozenset({S.CLOSED, S.IN_PROGRESS}),
    S.CLOSED: frozenset({S.IN_PROGRESS}),
    S.DUPLICATE: frozenset({S.IN_PROGRESS}),
    S.REJECTED: frozenset({S.IN_PROGRESS}),
}

OPEN_STATUSES = frozenset(
    {S.NEW, S.TRIAGE, S.ASSIGNED, S.IN_PROGRESS, S.WAITING_CITIZEN, S.WAITING_EXTERNAL}
)
FINISHED_STATUSES = frozenset({S.RESOLVED, S.CLOSED, S.DUPLICATE, S.REJECTED})
# Reaching these stops the resolution clock.
RESOLVING_STATUSES = frozenset({S.RESOLVED, S.CLOSED, S.DUPLICATE, S.REJECTED})


def can_transition(current: str, target: str) -> bool:
    return Status(target) in TRANSITIONS[Status(current)]


class PublicStatus(models.TextChoices):
    RECEIVED = "received", _("Eingegangen")
    IN_PROGRESS = "in_progress", _("In Bearbeitung")
    QUESTION = "question", _("Rückfrage an Sie")
    DONE = "done", _("Erledigt")
    CLOSED = "closed", _("Abgeschlossen")


PUBLIC_STATUS: dict[Status, PublicStatus] = {
    S.NEW: PublicStatus.RECEIVED,
    S.TRIAGE: PublicStatus.RECEIVED,
    S.ASSIGNED: PublicStatus.RECEIVED,
    S.IN_PROGRESS: PublicStatus.IN_PROGRESS,
    S.WAITING_CITIZEN: PublicStatus.QUESTION,
    S.WAITING_EXTERNAL: PublicStatus.IN_PROGRESS,
    S.RESOLVED: PublicStatus.DONE,
    S.CLOSED: PublicStatus.CLOSED,
    S.DUPLICATE: PublicStatus.CLOSED,
    S.REJECTED: PublicStatus.CLOSED,
}


def public_status(status: str) -> PublicStatus:
    return PUBLIC_STATUS[Status(status)]


def public_status_label(status: str) -> Promise:
    return public_status(status).label


def open311_status(status: str) -> str:
    return "open" if Status(status) in OPEN_STATUSES else "closed"
