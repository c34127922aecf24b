"""The architecture rules fail the build when broken: the import-linter contracts in
pyproject.toml and the query rule (querycheck.py), each proven on a copy of the code with one
forbidden module added."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from .querycheck import ROOT, check

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _copy_code(to: Path) -> Path:
    shutil.copytree(
        ROOT / "anliegen",
        to / "anliegen",
        ignore=lambda _dir, names: [
            n for n in names if not (n.endswith(".py") or "." not in n) or n == "__pycache__"
        ],
    )
    shutil.copy(ROOT / "pyproject.toml", to / "pyproject.toml")
    # The query check as a command, run from the copy.
    shutil.copytree(ROOT / "tests" / "architecture", to / "tests" / "architecture")
    (to / "tests" / "__init__.py").write_text("")
    return to / "anliegen"


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(cwd), "NO_COLOR": "1", "COLUMNS": "200"}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_code_keeps_the_import_contracts() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def code_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the code for this module's probes; each probe removes itself again."""
    root = tmp_path_factory.mktemp("code")
    _copy_code(root)
    assert _lint_imports(root).returncode == 0, "the copy keeps the contracts"
    assert check(root / "anliegen") == []
    return root


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        # The domain below imports an interface: a layer is broken.
        ("routing/_probe.py", "from anliegen.tickets import models\n", "One layer per app"),
        ("tickets/_probe.py", "import anliegen.workspace.views\n", "One layer per app"),
        # Independent apps of one layer: the audit core may not use the catalogue.
        ("privacy/_probe.py", "from anliegen.catalog import models\n", "One layer per app"),
        # A new app that sits in no layer.
        ("newapp/__init__.py", "", "One layer per app"),
        ("routing/engine/_probe.py", "import django.db\n", "routing engine is plain Python"),
    ],
)
def test_a_forbidden_import_fails_the_contract(
    code_copy: Path, module: str, source: str, broken: str
) -> None:
    probe = code_copy / "anliegen" / module
    new_dir = not probe.parent.exists()
    probe.parent.mkdir(exist_ok=True)
    probe.write_text(source)
    try:
        result = _lint_imports(code_copy)
    finally:
        shutil.rmtree(probe.parent) if new_dir else probe.unlink()
    assert result.returncode == 1, result.stdout
    assert broken in result.stdout
    assert "BROKEN" in result.stdout


def test_the_code_keeps_the_query_rule() -> None:
    assert check(ROOT / "anliegen") == []


MODELS = "from anliegen.tickets.models import"
PROBES = {
    "portal/_probe_a.py": f"{MODELS} Ticket\nTicket.objects.filter(pk=1)\n",
    "portal/_probe_b.py": f"{MODELS} Message as M\nM._default_manager.all()\n",
    "workspace/_probe_c.py": (
        "from anliegen.tickets import models as m\nm.Attachment.objects.all()\n"
    ),
    # The same query inside the domain is how access.py works.
    "tickets/_probe_d.py": f"{MODELS} Ticket\nTicket.objects.all()\n",
}


def test_a_ticket_query_outside_the_domain_fails_the_rule(code_copy: Path) -> None:
    for module, source in PROBES.items():
        (code_copy / "anliegen" / module).write_text(source)
    try:
        problems = check(code_copy / "anliegen")
        command = subprocess.run(
            [sys.executable, "-m", "tests.architecture.querycheck"],
            cwd=code_copy,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        for module in PROBES:
            (code_copy / "anliegen" / module).unlink()
    assert [p.split(": ")[0] for p in problems] == [
        "anliegen/portal/_probe_a.py:2",
        "anliegen/portal/_probe_b.py:2",
        "anliegen/workspace/_probe_c.py:2",
    ]
    assert command.returncode == 1
    assert "anliegen/workspace/_probe_c.py:2: Attachment.objects" in command.stdout


def _contract_layers() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    contracts = config["tool"]["importlinter"]["contracts"]
    layers: list[str] = next(c["layers"] for c in contracts if c["id"] == "layers")
    return layers


def test_structure_doc_shows_the_contracts_layers() -> None:
    """docs/dev/structure.md lists the same layers, and every app it lists is in one."""
    doc = (ROOT / "docs" / "dev" / "structure.md").read_text()
    block = doc.split("<!-- layers: begin -->")[1].split("<!-- layers: end -->")[0]
    documented = [line.removeprefix("- ").strip() for line in block.strip().splitlines()]
    assert documented == _contract_layers()
    apps = {a for layer in _contract_layers() for a in re.split(r"\s*[|:]\s*", layer)}
    tree = doc.split("```")[1]
    listed = set(re.findall(r"^  (\w+)/", tree, re.MULTILINE))
    assert listed - {"locale", "static", "templates"} == apps
