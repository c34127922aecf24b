"""Under CI=true a skipped real-component test fails the run; elsewhere it is listed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .querycheck import ROOT

CONFTEST = "from tests.components import *  # noqa: F403\n"
TESTS = """
import pytest

@pytest.fixture
def clamd():
    pytest.skip("clamd not installed")

def test_scan(clamd):
    pass

def test_plain():
    pass
"""


def _run(tmp_path: Path, ci: str) -> subprocess.CompletedProcess[str]:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_probe.py").write_text(TESTS)
    env = {**os.environ, "CI": ci, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:django", "-p", "no:cacheprovider", "-q"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_a_skipped_component_test_fails_under_ci(tmp_path: Path) -> None:
    result = _run(tmp_path, "true")
    assert result.returncode == 1, result.stdout
    assert "real-component tests SKIPPED (CI=true: the run fails)" in result.stdout
    assert "test_probe.py::test_scan: " in result.stdout
    assert "clamd not installed" in result.stdout


def test_outside_ci_the_skip_is_listed_but_passes(tmp_path: Path) -> None:
    result = _run(tmp_path, "")
    assert result.returncode == 0, result.stdout
    assert "real-component tests SKIPPED" in result.stdout
