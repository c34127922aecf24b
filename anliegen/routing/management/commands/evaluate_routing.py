from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from anliegen.routing.engine.metrics import report_lines
from anliegen.routing.evaluation import Report, auto_route_rate, build_model, evaluate
from anliegen.routing.labelled import LABELLED, OUT_OF_SCOPE, read_labelled, read_texts
from anliegen.routing.models import RoutingPolicy
from anliegen.routing.registry import current_model


class Command(BaseCommand):
    help = (
        "Evaluate routing on a CSV with a column text and a column service and/or office "
        "(org unit key); with a split column only the rows of --split (default: test) are used. "
        "Prints office- and service-level top-1/top-3, the auto-routed share and its precision, "
        "precision/coverage at several thresholds, a reliability table with the expected "
        "calibration error, figures per office and the frequent confusions."
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
        parser.add_argument(
            "--split", default="test", help="rows of this split only (default: test)"
        )
        parser.add_argument(
            "--threshold",
            type=float,
            default=None,
            help="auto-routing threshold (default: the routing policy's)",
        )
        parser.add_argument("--confusions", type=int, default=15)

    def handle(
        self,
        *args: Any,
        file: str,
        model: str,
        all_rows: bool,
        split: str,
        threshold: float | None,
        confusions: int,
        **options: Any,
    ) -> None:
        path = Path(file)
        if not path.exists():
            raise CommandError(f"{path} does not exist")
        try:
            rows = read_labelled(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        splits = {r.split for r in rows if r.split}
        if not all_rows and splits:
            if split not in splits:
                raise CommandError(
                    f"{path} has no rows of split {split!r}; splits: {', '.join(sorted(splits))} "
                    "(or --all-rows)"
                )
            rows = [r for r in rows if r.split == split]
        engine = (
            current_model() if model == "active" else build_model(with_history=model == "history")
        )
        if engine is None:
            raise CommandError("No active routing model: run seed_demo or train first.")
        if threshold is None:
            threshold = RoutingPolicy.current().auto_route_threshold
        report = evaluate(engine, rows, threshold)
        self._print(report, path, model, threshold, confusions)
        if OUT_OF_SCOPE.exists():
            rate = auto_route_rate(engine, read_texts(OUT_OF_SCOPE), threshold)
            self.stdout.write(f"\nout-of-scope texts auto-routed (should be low): {rate:.1%}")

    def _print(
        self, report: Report, path: Path, model: str, threshold: float, confusions: int
    ) -> None:
        self.stdout.write(f"{path} · model: {model}")
        for line in report_lines(report.summary(threshold)):
            self.stdout.write(line)
        self.stdout.write("\nper office (right office first / among the first three offices):")
        for office, tally in sorted(report.per_office.items(), key=lambda kv: -kv[1].total):
            self.stdout.write(
                f"  {tally.total:4d}  top-1 {tally.rate(tally.top1):6.1%}  "
                f"top-3 {tally.rate(tally.top3):6.1%}  {office}"
            )
        if report.confusions:
            self.stdout.write("\nmost frequent confusions (true → suggested first):")
            for (truth, guess), count in report.confusions.most_common(confusions):
                self.stdout.write(f"  {count:3d}  {truth} → {guess}")
        if report.unknown_labels:
            self.stdout.write(f"\nlabels not in the catalogue: {dict(report.unknown_labels)}")
        if report.unknown_offices:
            self.stdout.write(f"\noffices not in the catalogue: {dict(report.unknown_offices)}")
