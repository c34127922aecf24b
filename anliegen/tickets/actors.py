"""Who performs an action: a member of staff, the citizen of the ticket, or the system."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from anliegen.organization.models import User


class ActorKind(Enum):
    STAFF = "staff"
    CITIZEN = "citizen"
    SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    kind: ActorKind
    user: User | None = None
    name: str = ""  # e.g. "email", "api:Fachverfahren OK.VORFALL", "job:escalation"
    # A system actor limited to these offices (and the units below them), e.g. an API token.
    # None means unlimited (jobs, e-mail intake); staff are limited by their memberships.
    unit_ids: frozenset[int] | None = None

    @classmethod
    def staff(cls, user: User) -> Actor:
        return cls(ActorKind.STAFF, user=user, name=user.username)

    @classmethod
    def citizen(cls) -> Actor:
        return cls(ActorKind.CITIZEN, name="citizen")

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(ActorKind.SYSTEM, name=name)

    @classmethod
    def scoped_system(cls, name: str, unit_ids: frozenset[int]) -> Actor:
        """A system client (API token) that may read and change only these offices' tickets."""
        return cls(ActorKind.SYSTEM, name=name, unit_ids=unit_ids)

    @property
    def label(self) -> str:
        return f"{self.kind.value}:{self.name}" if self.name else self.kind.value

    @property
    def user_id(self) -> int | None:
        return self.user.pk if self.user else None

    @property
    def is_staff(self) -> bool:
        return self.kind is ActorKind.STAFF

    @property
    def is_citizen(self) -> bool:
        return self.kind is ActorKind.CITIZEN

    @property
    def is_scoped_system(self) -> bool:
        return self.kind is ActorKind.SYSTEM and self.unit_ids is not None
