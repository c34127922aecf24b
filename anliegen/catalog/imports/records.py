"""The format-neutral catalogue that every reader produces."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from ..actions import OrgUnitData, ResponsibilityData, ServiceData

ALL_FIELDS = frozenset(
    [f for f in ServiceData.__dataclass_fields__ if f != "key"] + ["responsibilities"]
)


class Severity(StrEnum):
    ERROR = "error"  # the import cannot be applied
    WARNING = "warning"  # applied, but someone should look


@dataclass(frozen=True)
class Problem:
    where: str  # row number or service key, as the person knows the source
    message: str
    severity: Severity = Severity.ERROR


@dataclass(frozen=True)
class ImportedService:
    data: ServiceData
    # Offices are references as the source names them (key, external id or KGSt number);
    # validation resolves them to org unit keys.
    responsibilities: tuple[ResponsibilityData, ...]
    where: str = ""
    extra_leika_keys: tuple[str, ...] = ()


@dataclass
class Catalogue:
    services: list[ImportedService] = field(default_factory=list)
    org_units: list[OrgUnitData] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: str = ""
    # The fields this format carries. A re-import updates only these, so that a DLDB file
    # does not wipe the topic or kind an admin set; new services get defaults for the rest.
    fields: frozenset[str] = ALL_FIELDS

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == Severity.ERROR]


class FormatError(ValueError):
    """The file cannot be read as the format asked for; the message is for the person."""


class KnownKeys:
    """Keys of existing rows by the id a source gives them, so that a re-import (or the
    import of Anliegen's own export) updates rows instead of adding look-alikes.

    ``pairs`` are (key, external id) of the existing rows."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.by_external = {external: key for key, external in pairs if external}
        self.external_of = dict(pairs)

    def resolve(self, source_id: str, new_key: str) -> tuple[str, str]:
        """(key, external id) for the row a source calls ``source_id``."""
        if source_id in self.by_external:
            return self.by_external[source_id], source_id
        if source_id in self.external_of:
            return source_id, self.external_of[source_id]
        return new_key, source_id
