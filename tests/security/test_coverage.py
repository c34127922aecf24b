"""Every URL pattern and API operation is in the coverage table, and the table has no
stale entries."""

from __future__ import annotations

from .routes import API_ROUTES, OPTIONAL, ROUTES, access_of, is_api, openapi_operations, walk


def test_every_url_pattern_has_an_access_class() -> None:
    missing = [
        f"{f.name or '(unnamed)'} {f.route}"
        for f in walk()
        if not is_api(f) and access_of(f) is None
    ]
    assert missing == [], "add these routes to tests/security/routes.py ROUTES"


def test_every_url_pattern_is_named() -> None:
    # The table is keyed by name; an unnamed pattern could never be listed (only namespaces
    # covered as a whole, like the admin's redirects, may have them).
    assert [f.route for f in walk() if not f.name and not f.namespace and not is_api(f)] == []


def test_no_stale_entries() -> None:
    names = {f.name for f in walk()}
    assert sorted(set(ROUTES) - names - set(OPTIONAL)) == []


def test_every_api_operation_is_listed() -> None:
    operations = openapi_operations()
    assert sorted(operations - set(API_ROUTES)) == [], "add to API_ROUTES"
    assert sorted(set(API_ROUTES) - operations) == []
