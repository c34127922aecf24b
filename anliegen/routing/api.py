"""The one entry point every interface uses: free text → ranked services → offices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from anliegen.catalog.models import District, Responsibility, Service
from anliegen.catalog.responsibility import responsibilities_for
from anliegen.core.memo import remembered
from anliegen.organization.models import OrgUnit

from .engine import Evidence
from .models import RoutingPolicy
from .registry import current_model

# "Meinen Sie …?" (issue 23, point 6): when routing is unsure and the first suggestions are
# close, the citizen is asked instead of a guess. A suggestion joins the short list when its
# calibrated confidence is at least ASK_RATIO of the first one's and at least ASK_FLOOR; the
# question is asked when there are two or three of them (one alone is not "close", more than
# three is no longer a short question), and together they are probably right (their
# confidences sum to at least ASK_COVER): three unlikely services are no help to anyone.
ASK_LIMIT = 3
ASK_RATIO = 0.25
ASK_FLOOR = 0.05
ASK_COVER = 0.5


@dataclass(frozen=True)
class Suggestion:
    service: Service
    confidence: float
    evidence: tuple[Evidence, ...]
    responsibilities: tuple[Responsibility, ...]  # leads first, district-aware

    @property
    def lead_unit(self) -> OrgUnit | None:
        for responsibility in self.responsibilities:
            if responsibility.role == Responsibility.Role.LEAD:
                return responsibility.org_unit
        return None

    @property
    def org_units(self) -> list[OrgUnit]:
        return [r.org_unit for r in self.responsibilities]

    def explanation(self) -> str:
        """A short German sentence on why, for staff and for the routing event."""
        words = [e.text for e in self.evidence if e.kind in {"term", "synonym"}][:4]
        examples = [e.text for e in self.evidence if e.kind == "example"][:1]
        parts = []
        if words:
            parts.append(_("passende Begriffe: %(words)s") % {"words": ", ".join(words)})
        if examples:
            parts.append(_("ähnlich wie: „%(text)s“") % {"text": examples[0]})
        return "; ".join(parts) or _("allgemeine Textähnlichkeit")


@dataclass(frozen=True)
class RoutingDecision:
    suggestions: list[Suggestion]
    auto: bool
    threshold: float
    model_version: str

    @property
    def top(self) -> Suggestion | None:
        return self.suggestions[0] if self.suggestions else None

    @property
    def reason(self) -> str:
        if self.top is None:
            return _("Kein Zuordnungsmodell oder keine passende Leistung gefunden.")
        verdict = _("automatisch zugeordnet") if self.auto else _("unsicher, zur Vorsortierung")
        return _("%(verdict)s (Sicherheit %(pct)d %%, Schwelle %(thr)d %%): %(why)s") % {
            "verdict": verdict,
            "pct": round(self.top.confidence * 100),
            "thr": round(self.threshold * 100),
            "why": self.top.explanation(),
        }

    @property
    def shortlist(self) -> list[Suggestion]:
        """The two or three close suggestions to ask the citizen about, or [] (see ASK_RATIO).

        Never when the decision is automatic, nor when the first suggestion is a sensitive
        service (it goes straight to that office so that no triage desk reads it)."""
        top = self.top
        if top is None or self.auto or top.service.is_sensitive or top.confidence < ASK_FLOOR:
            return []
        floor = max(ASK_FLOOR, ASK_RATIO * top.confidence)
        close = [s for s in self.suggestions if s.confidence >= floor][:ASK_LIMIT]
        if len(close) < 2 or sum(s.confidence for s in close) < ASK_COVER:
            return []
        return close

    def as_data(self) -> list[dict[str, Any]]:
        return [
            {
                "service": s.service.key,
                "confidence": round(s.confidence, 4),
                "org_unit": s.lead_unit.key if s.lead_unit else None,
                "evidence": [[e.kind, e.text] for e in s.evidence[:5]],
            }
            for s in self.suggestions
        ]


def suggest(text: str, *, district: District | None = None, limit: int = 5) -> list[Suggestion]:
    """Ranked services for ``text`` with their responsible offices and the reasons."""
    model = current_model()
    if model is None or not text.strip():
        return []
    ranked = model.rank(text, limit=limit)
    services = Service.objects.filter(key__in=[r.service_key for r in ranked], is_active=True)
    by_key = {s.key: s for s in services}
    found = [by_key[r.service_key] for r in ranked if r.service_key in by_key]
    responsibilities = responsibilities_for(found, district)
    return [
        Suggestion(
            service=by_key[r.service_key],
            confidence=r.confidence,
            evidence=r.evidence,
            responsibilities=responsibilities[by_key[r.service_key].pk],
        )
        for r in ranked
        if r.service_key in by_key
    ]


def decide(text: str, *, district: District | None = None) -> RoutingDecision:
    """Suggestions plus the policy's verdict: route automatically or send to triage."""
    policy = remembered("routing_policy", RoutingPolicy.current)
    suggestions = suggest(text, district=district, limit=policy.suggestions_shown)
    model = current_model()
    top = suggestions[0] if suggestions else None
    auto = bool(top and top.confidence >= policy.auto_route_threshold and top.lead_unit)
    return RoutingDecision(
        suggestions=suggestions,
        auto=auto,
        threshold=policy.auto_route_threshold,
        model_version=model.version if model else "",
    )
