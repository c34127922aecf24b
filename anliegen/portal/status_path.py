"""Status inquiry first: a text that asks where a running procedure stands ("Wo steht mein
Bauantrag? Aktenzeichen 63-2026-0123") is offered /sachstand/ before any service page, whose
"Online erledigen" would start a new application instead."""

from __future__ import annotations

from dataclasses import dataclass

from anliegen.procedures.references import find_in_text
from anliegen.routing.engine.intent import STATUS
from anliegen.routing.intent import recognise_intent


@dataclass(frozen=True)
class StatusPath:
    reference: str  # the Aktenzeichen found in the text, or ""


def status_path(query: str) -> StatusPath | None:
    if not query.strip():
        return None
    found = find_in_text(query)
    if found is not None:
        return StatusPath(found.reference)
    if recognise_intent(query).intent == STATUS:
        return StatusPath("")
    return None
