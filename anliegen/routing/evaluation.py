"""Measuring the routing engine on labelled texts: service and office figures (engine.metrics),
per office, confusions."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .engine import Example, RoutingModel, train
from .engine.metrics import Outcome, Summary, rank_offices, summarize
from .labelled import Labelled, realistic_dev_examples, shipped_train_rows
from .training import lead_offices, place_names, service_docs


@dataclass
class Tally:
    total: int = 0
    top1: int = 0
    top3: int = 0

    def add(self, rank: int | None) -> None:
        self.total += 1
        self.top1 += rank == 0
        self.top3 += rank is not None and rank < 3

    def rate(self, hits: int) -> float:
        return hits / self.total if self.total else 0.0


@dataclass
class Report:
    overall: Tally = field(default_factory=Tally)
    # per true office: is the right office first / among the first three offices
    per_office: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    confusions: Counter[tuple[str, str]] = field(default_factory=Counter)
    unknown_labels: Counter[str] = field(default_factory=Counter)
    auto_routed: int = 0
    auto_routed_right: int = 0
    unknown_offices: Counter[str] = field(default_factory=Counter)
    outcomes: list[Outcome] = field(default_factory=list)

    def summary(self, threshold: float) -> Summary:
        return summarize(self.outcomes, threshold)


def shipped_training_examples() -> list[Example]:
    """The shipped train rows, standing in for a city's routed history."""
    return [Example(row.text, row.service) for row in shipped_train_rows()]


def build_model(*, with_history: bool) -> RoutingModel:
    return train(
        service_docs(),
        shipped_training_examples() if with_history else [],
        places=place_names(),
        calibration=realistic_dev_examples(),
    )


def office_of_service() -> dict[str, str]:
    return lead_offices()


RANKED = 10  # suggestions asked for per text: enough for three distinct offices


def evaluate(model: RoutingModel, rows: list[Labelled], threshold: float) -> Report:
    known = set(model.keys)
    offices = office_of_service()
    known_offices = set(offices.values())
    report = Report()
    for row in rows:
        if row.service and row.service not in known:
            report.unknown_labels[row.service] += 1
            continue
        office = row.office or offices.get(row.service, "")
        if row.office and row.office not in known_offices:
            report.unknown_offices[row.office] += 1
            continue
        ranked = model.rank(row.text, limit=RANKED)
        keys = tuple(r.service_key for r in ranked)
        outcome = Outcome(
            service=row.service or None,
            office=office or None,
            services=keys,
            offices=rank_offices(keys, offices),
            confidence=ranked[0].confidence if ranked else 0.0,
        )
        report.outcomes.append(outcome)
        if office:
            ranked_offices = outcome.offices[:3]
            report.per_office[office].add(
                ranked_offices.index(office) if office in ranked_offices else None
            )
        if row.service:
            rank = keys[:3].index(row.service) if row.service in keys[:3] else None
            report.overall.add(rank)
            if rank != 0 and keys:
                report.confusions[(row.service, keys[0])] += 1
        if ranked and ranked[0].confidence >= threshold:
            report.auto_routed += 1
            report.auto_routed_right += bool(outcome.hit("service" if row.service else "office"))
    return report


def auto_route_rate(model: RoutingModel, texts: list[str], threshold: float) -> float:
    routed = 0
    for text in texts:
        ranked = model.rank(text, limit=1)
        routed += bool(ranked and ranked[0].confidence >= threshold)
    return routed / len(texts) if texts else 0.0
