"""The coverage table of the security suite: every URL pattern (and, once the API exists,
every OpenAPI operation) with its access class. A view without an entry fails
test_coverage.py, so no new route escapes the checks.

At merge, add each new branch's routes here (one line per route name). API operations are
listed in API_ROUTES as "METHOD /path" exactly as in the OpenAPI spec.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


class Access(Enum):
    PUBLIC = "public"  # anyone; no personal data
    CITIZEN_TOKEN = "citizen-token"  # the citizen holding the secret tracking link
    STAFF = "staff"  # signed-in staff, need-to-know by office
    LEAD = "lead"  # leads of an office
    ADMIN = "admin"  # Django admin (is_staff / superuser)
    DPO = "dpo"  # the data protection officer (group "Datenschutz")
    SUPERUSER = "superuser"  # workspace pages for superusers only (sign-in: workspace login)
    API_KEY = "api-key"  # machine clients with an API key (Bearer or Open311 api_key)
    SIGNED = "signed"  # machine clients signing each request (HMAC), no session, no CSRF


@dataclass(frozen=True)
class Route:
    access: Access
    # URL kwargs; a value naming a world object ("ticket", "attachment", …) is filled in.
    kwargs: dict[str, Any] = field(default_factory=dict)
    # True: the URL names an object of one office; other offices must be refused.
    owned: bool = False
    # True when a GET by the rightful user must answer 200 (positive control).
    get_ok: bool = False
    # The class a POST needs when it differs from a GET's (Open311: public reads, keyed writes).
    post: Access | None = None
    # True: the view is csrf_exempt by design (machine endpoint with its own credentials);
    # test_csrf.py checks the table against the views and test_machine.py proves the refusal.
    csrf_exempt: bool = False


S, P, T = Access.STAFF, Access.PUBLIC, Access.CITIZEN_TOKEN

ROUTES: dict[str, Route] = {
    "set_language": Route(P),
    # --- staff workspace ---
    "workspace:login": Route(P),
    "workspace:logout": Route(P),
    "workspace:otp_verify": Route(S),
    "workspace:otp_setup": Route(S),
    "workspace:inbox": Route(S, get_ok=True),
    "workspace:search": Route(S),
    "workspace:save_filter": Route(S),
    "workspace:delete_filter": Route(S, {"pk": "saved_filter"}, owned=True),
    "workspace:bulk": Route(S),
    "workspace:ticket": Route(S, {"pk": "ticket"}, owned=True, get_ok=True),
    "workspace:whereabouts": Route(S, {"pk": "ticket"}, owned=True, get_ok=True),
    "workspace:reply": Route(S, {"pk": "ticket"}, owned=True),
    "workspace:draft": Route(S, {"pk": "ticket"}, owned=True),
    "workspace:action": Route(S, {"pk": "ticket", "name": "note"}, owned=True),
    "workspace:attachment": Route(S, {"pk": "attachment"}, owned=True, get_ok=True),
    "workspace:intake": Route(S, get_ok=True),
    "workspace:suggestions": Route(S),
    "workspace:textmodules": Route(S, get_ok=True),
    "workspace:textmodule_new": Route(Access.LEAD),
    "workspace:textmodule_edit": Route(Access.LEAD, {"pk": "text_module"}, owned=True, get_ok=True),
    "workspace:dpo_audit": Route(Access.DPO, get_ok=True),
    "workspace:dpo_audit_csv": Route(Access.DPO, get_ok=True),
    "workspace:dpo_person": Route(Access.DPO, get_ok=True),
    "workspace:dpo_person_export": Route(Access.DPO),
    "workspace:dpo_person_erase": Route(Access.DPO),
    # --- citizen portal ---
    "portal:home": Route(P),
    "portal:results": Route(P),
    "portal:topic": Route(P, {"key": "topic_key"}),
    "portal:catalogue": Route(P),
    "portal:service": Route(P, {"key": "service_key"}),
    "portal:go": Route(P, {"key": "service_key", "channel": "online"}),
    "portal:submit": Route(P, {"key": "service_key"}),
    "portal:submit_generic": Route(P),
    "portal:question": Route(P),
    "portal:review": Route(P),
    "portal:confirmation": Route(P),
    "portal:supported": Route(P),
    "portal:reports": Route(P, get_ok=True),
    "portal:reports_rss": Route(P, get_ok=True),
    "portal:reports_json": Route(P, get_ok=True),
    "portal:support_track": Route(T),
    "portal:support_entry": Route(T, {"token": "not-a-valid-token-but-long-enough-123456"}),
    "portal:track": Route(T),
    "portal:reply": Route(T),
    "portal:close": Route(T),
    "portal:undo_close": Route(T),
    "portal:feedback": Route(T),
    "portal:lost_link": Route(P),
    # Public, but answers only to Aktenzeichen + verifier (tests/procedures/test_sachstand.py)
    "portal:status": Route(P, get_ok=True),
    "portal:status_inquiry": Route(P),
    "portal:track_entry": Route(T, {"token": "not-a-valid-token-but-long-enough-123456"}),
    "portal:imprint": Route(P),
    "portal:privacy": Route(P),
    "portal:accessibility": Route(P),
    "portal:easy_language": Route(P),
    "portal:health": Route(P),
    # --- operations ---
    "healthz": Route(P),  # load balancer check: status per component, no data
    # --- e-mail channel: mails of every office, so superusers only ---
    "email_channel:sent": Route(Access.SUPERUSER, get_ok=True),
    "email_channel:sent_detail": Route(Access.SUPERUSER, {"pk": "outbound_mail"}),
    "email_channel:quarantine": Route(Access.SUPERUSER, get_ok=True),
    "email_channel:reprocess": Route(Access.SUPERUSER),
    "email_channel:accept": Route(Access.SUPERUSER),
    # --- reports: leads see their offices, administrators all; figures are public ---
    "reports:dashboard": Route(Access.LEAD, get_ok=True),
    "reports:export": Route(Access.LEAD, get_ok=True),
    "reports:public": Route(P),
    # --- REST API v1: the spec and its docs are public, every operation is in API_ROUTES ---
    "api-v1:openapi-json": Route(P),
    "api-v1:openapi-view": Route(P),
    "api-v1:api-root": Route(P),
    # --- Open311 GeoReport v2: public reads without contact data, writes need an api_key ---
    "open311:discovery": Route(P, {"fmt": "json"}),
    "open311:services": Route(P, {"fmt": "json"}),
    "open311:service": Route(P, {"code": "service_key", "fmt": "json"}),
    "open311:requests": Route(P, {"fmt": "json"}, post=Access.API_KEY, csrf_exempt=True),
    "open311:request": Route(P, {"request_id": "reference", "fmt": "json"}),
    # --- status bridge of departmental systems: HMAC-signed POSTs ---
    "integrations:status_update": Route(
        Access.SIGNED, {"slug": "integration_slug"}, csrf_exempt=True
    ),
}

# Routes that exist only when a deployment switches them on (single sign-on).
OPTIONAL: dict[str, Route] = {
    "oidc_authentication_init": Route(P),
    "oidc_authentication_callback": Route(P),
    "oidc_logout": Route(P),
}
ROUTES.update(OPTIONAL)

# Every route of a namespace not listed one by one (the Django admin: one line per model
# would only repeat the registry). Its login and logout pages are public.
NAMESPACES: dict[str, Access] = {"admin": Access.ADMIN}
PUBLIC_IN_NAMESPACE = {"admin:login", "admin:logout", "admin:jsi18n"}

# API operations from the OpenAPI spec ("GET /api/v1/tickets/{id}": Access.STAFF);
# test_coverage.py fails for every operation missing here. All need a Bearer API key
# (test_machine.py); writes additionally a key with the write scope.
K = Access.API_KEY
API_ROUTES: dict[str, Access] = {
    "GET /api/v1/org-units": K,
    "GET /api/v1/org-units/{key}": K,
    "GET /api/v1/routing/suggestions": K,
    "GET /api/v1/services": K,
    "GET /api/v1/services/{key}": K,
    "GET /api/v1/tickets": K,
    "GET /api/v1/tickets/{ticket_id}": K,
    "POST /api/v1/tickets": K,
    "POST /api/v1/tickets/{ticket_id}/assign": K,
    "POST /api/v1/tickets/{ticket_id}/external-references": K,
    "POST /api/v1/tickets/{ticket_id}/forward": K,
    "POST /api/v1/tickets/{ticket_id}/messages": K,
    "POST /api/v1/tickets/{ticket_id}/status": K,
}


@dataclass(frozen=True)
class Found:
    name: str
    route: str
    pattern: URLPattern
    namespace: str


def walk(patterns: Any = None, prefix: str = "", namespace: str = "") -> Iterator[Found]:
    """Every URL pattern of the project, with its namespaced name and full route."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        else:
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Found(name or "", prefix + str(entry.pattern), entry, namespace)


def is_api(found: Found) -> bool:
    """django-ninja operations: covered by API_ROUTES through the OpenAPI spec instead."""
    return ninja_api(found) is not None


def ninja_api(found: Found) -> Any:
    # ninja wraps each path in a closure over its PathView, whose operations know the API.
    for cell in getattr(found.pattern.callback, "__closure__", None) or ():
        operations = getattr(cell.cell_contents, "operations", None)
        if operations:
            return operations[0].api
    return None


def access_of(found: Found) -> Access | None:
    if found.name in ROUTES:
        return ROUTES[found.name].access
    if found.name in PUBLIC_IN_NAMESPACE:
        return Access.PUBLIC
    return NAMESPACES.get(found.namespace.split(":")[0])


def openapi_operations() -> set[str]:
    """ "METHOD /path" of every operation of every django-ninja API in the URLconf."""
    apis = {id(api): api for f in walk() if (api := ninja_api(f)) is not None}
    operations = set()
    for api in apis.values():
        for path, methods in api.get_openapi_schema()["paths"].items():
            operations |= {f"{m.upper()} {path}" for m in methods}
    return operations
