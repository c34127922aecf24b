from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.routing.evaluation import Report, auto_route_rate, build_model, evaluate
from anliegen.routing.labelled import LABELLED, OUT_OF_SCOPE, read_labelled, read_texts
from anliegen.routing.models import RoutingPolicy
from anliegen.routing.registry import current_model


class Command(BaseCommand):
    help = (
        "Evaluate routing on a CSV with columns text,service (optional split: only 'test' rows "
        "are used). Prints top-1/top-3 overall and per office and the frequent confusions."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(LABELLED))
        parser.add_argument(
            "--model",
            choices=["history", "catalogue", "active"],
            default="history",
            help="history: catalogue + shipped train split as routed history (default); "
            "catalogue: catalogue only; active: the model in use",
        )
        parser.add_argument("--all-rows", action="store_true", help="ignore the split column")
        parser.add_argument("--confusions", type=int, default=15)

    def handle(
        self, *args: Any, file: str, model: str, all_rows: bool, confusions: int, **options: Any
    ) -> None:
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            rows = read_labelled(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not all_rows and any(r.split for r in rows):
            rows = [r for r in rows if r.split == "test"]
        engine = (
            current_model() if model == "active" else build_model(with_history=model == "history")
        )
        if engine is None:
            raise CommandError("No active routing model: run seed_demo or train first.")
        threshold = RoutingPolicy.current().auto_route_threshold
        report = evaluate(engine, rows, threshold)
        self._print(report, path, model, confusions)
        if OUT_OF_SCOPE.exists():
            rate = auto_route_rate(engine, read_texts(OUT_OF_SCOPE), threshold)
            self.stdout.write(f"\nout-of-scope texts auto-routed (should be low): {rate:.1%}")

    def _print(self, report: Report, path: Path, model: str, confusions: int) -> None:
        o = report.overall
        self.stdout.write(f"{path} · model: {model} · {o.total} texts")
        self.stdout.write(f"top-1 {o.rate(o.top1):.1%}   top-3 {o.rate(o.top3):.1%}")
        if o.total:
            self.stdout.write(
                f"auto-routed at threshold: {report.auto_routed / o.total:.1%} of texts, "
                f"of those right: {report.auto_routed_right / max(report.auto_routed, 1):.1%}"
            )
        self.stdout.write("\nper office (lead unit of the true service):")
        for office, tally in sorted(report.per_office.items(), key=lambda kv: -kv[1].total):
            self.stdout.write(
                f"  {tally.total:4d}  top-1 {tally.rate(tally.top1):6.1%}  "
                f"top-3 {tally.rate(tally.top3):6.1%}  {office}"
            )
        self.stdout.write("\nmost frequent confusions (true → suggested first):")
        for (truth, guess), count in report.confusions.most_common(confusions):
            self.stdout.write(f"  {count:3d}  {truth} → {guess}")
        if report.unknown_labels:
            self.stdout.write(f"\nlabels not in the catalogue: {dict(report.unknown_labels)}")
