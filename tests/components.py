"""Real-component tests (browser, clamd, LDAP, Redis/RQ, dovecot) must not skip silently.

Each such test is marked by the fixture that starts its component (``real_component`` plus
the component's own marker); under ``CI=true`` a skip of one of them fails the whole run,
because CI is where every component is installed (bin/test installs them). The hooks are
imported into tests/conftest.py.
"""

from __future__ import annotations

import os

import pytest

# fixture that starts the component → marker
COMPONENT_FIXTURES = {
    "clamd": "clamd",
    "slapd": "ldap",
    "rq_backend": "redis",
    "mail_servers": "dovecot",
}
COMPONENT_MARKERS = {"browser", *COMPONENT_FIXTURES.values()}
# Modules that skip as a whole when their component's Python package is missing.
COMPONENT_MODULES = {"tests/security/test_ldap.py": "ldap", "tests/jobs/test_rq.py": "redis"}

_skipped: list[str] = []


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        names = {m.name for m in item.iter_markers()}
        for fixture, marker in COMPONENT_FIXTURES.items():
            if fixture in getattr(item, "fixturenames", ()):
                item.add_marker(marker)
                names.add(marker)
        if names & COMPONENT_MARKERS:
            item.add_marker("real_component")


def _note(report: pytest.TestReport | pytest.CollectReport, what: str) -> None:
    reason = report.longrepr[-1] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    _skipped.append(f"{what}: {reason}")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    # Runs on the controller for xdist workers' reports too; markers arrive as keywords.
    if report.skipped and "real_component" in report.keywords:
        _note(report, report.nodeid)


def pytest_collectreport(report: pytest.CollectReport) -> None:
    if report.skipped and report.nodeid in COMPONENT_MODULES:
        _note(report, report.nodeid)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if os.environ.get("CI", "").lower() != "true" or not _skipped:
        return
    if hasattr(session.config, "workerinput"):
        return  # an xdist worker: the controller decides
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not _skipped:
        return
    failing = os.environ.get("CI", "").lower() == "true"
    title = "real-component tests SKIPPED" + (" (CI=true: the run fails)" if failing else "")
    terminalreporter.section(title, sep="=", red=failing, yellow=not failing)
    for line in _skipped:
        terminalreporter.line(line)
    terminalreporter.line(
        "Install the missing component (bin/test does as root) so that these tests run."
    )
