"""The engine's public value types."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ServiceDoc:
    """One catalogue entry, as far as routing needs it."""

    key: str
    name: str
    citizen_name: str
    description: str
    synonyms: tuple[str, ...]
    topic: str = ""
    office: str = ""  # key of the lead unit; services of one office compete as one


@dataclass(frozen=True)
class Example:
    """A labelled text from routed history or a staff correction (weight > 1 counts more)."""

    text: str
    service_key: str
    weight: float = 1.0


@dataclass(frozen=True)
class Evidence:
    kind: str  # "term" | "synonym" | "example"
    text: str  # the matched word/synonym or the similar past text (shortened)


@dataclass(frozen=True)
class Scored:
    service_key: str
    confidence: float  # 0..1, calibrated probability that this service is the right one
    evidence: tuple[Evidence, ...]
