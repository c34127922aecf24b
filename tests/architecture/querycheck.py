"""The query rule: ticket data is read and written only inside ``anliegen/tickets/``.

In the spirit of Zulip's lint rule ``dont-use-stream-objects-filter`` (tools/semgrep-py.yml):
a manager of a ticket-data model (``Ticket.objects`` …) outside the domain app bypasses the
need-to-know rules of ``tickets.access`` or the side effects of ``tickets.actions``. Every
exception is listed in ``ALLOWED`` with its reason; an entry that no longer matches anything
is reported too, so the list cannot go stale.

Run directly: ``python -m tests.architecture.querycheck`` (exit status 1 on a finding).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODELS = {"Ticket", "Message", "Attachment", "TicketEvent", "Consultation", "ExternalReference"}
MANAGERS = {"objects", "_default_manager", "_base_manager"}
MODELS_MODULE = "anliegen.tickets.models"

# path below anliegen/ → why it may use the managers itself
ALLOWED = {
    "ops/backup.py": "backup and restore check row counts and files of the whole database",
    "demo/tickets.py": "the demo seeder back-dates the rows it generated itself",
    "reports/compute.py": "nightly aggregate figures over all tickets; no row is shown",
    "reports/digest.py": "counts for the staff digest, already limited to the user's tickets",
    "channels/email/threading.py": "an inbound mail finds its ticket by reply token before "
    "anyone is signed in (a system read, like ticket_for_token)",
    "channels/email/notifications/subscriptions.py": "mail subscribers load the ticket of a "
    "committed domain event to notify its citizen or staff (no staff read)",
    "channels/email/notifications/outbox.py": "earlier Message-IDs of the same ticket for the "
    "References header of an outgoing mail",
    "integrations/webhooks.py": "the webhook payload of a committed domain event",
}


def _model_names(tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Local names bound to ticket-data models, and local names of the models module."""
    models: dict[str, str] = {}
    modules: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(MODELS_MODULE):
            for alias in node.names:
                if alias.name in MODELS:
                    models[alias.asname or alias.name] = alias.name
        elif isinstance(node, ast.ImportFrom) and node.module == "anliegen.tickets":
            modules |= {a.asname or a.name for a in node.names if a.name == "models"}
        elif isinstance(node, ast.Import):
            modules |= {a.asname for a in node.names if a.name == MODELS_MODULE and a.asname}
    return models, modules


def findings_in(source: str, filename: str) -> Iterator[str]:
    tree = ast.parse(source, filename)
    models, modules = _model_names(tree)
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr in MANAGERS):
            continue
        owner = node.value
        model = None
        if isinstance(owner, ast.Name) and owner.id in models:
            model = models[owner.id]
        elif (
            isinstance(owner, ast.Attribute)
            and owner.attr in MODELS
            and isinstance(owner.value, ast.Name)
            and owner.value.id in modules
        ):
            model = owner.attr
        if model:
            yield f"{filename}:{node.lineno}: {model}.{node.attr} outside anliegen/tickets/"


def check(package: Path) -> list[str]:
    """Every finding under ``package`` (the ``anliegen`` directory), plus stale allow-list
    entries."""
    problems: list[str] = []
    used: set[str] = set()
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package).as_posix()
        if relative.startswith("tickets/") or "/migrations/" in relative:
            continue
        source = path.read_text(encoding="utf-8")
        if not any(manager in source for manager in MANAGERS):
            continue  # most modules: no need to parse
        found = list(findings_in(source, f"anliegen/{relative}"))
        if found and relative in ALLOWED:
            used.add(relative)
        elif found:
            problems += found
    problems += [f"anliegen/{p}: allowed but no longer needed" for p in ALLOWED.keys() - used]
    return problems


def main() -> int:
    problems = check(ROOT / "anliegen")
    for problem in problems:
        print(problem)
    if problems:
        print("Read tickets through anliegen.tickets.access, write through tickets.actions.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
