"""The NinjaAPI instance of REST API v1: spec at /api/v1/openapi.json, docs at /api/v1/docs."""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI

from . import catalog, problems, tickets
from .security import ApiKey


class AnliegenApi(NinjaAPI):
    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return problems.as_problem_media(super().get_openapi_schema(**kwargs))


api = AnliegenApi(
    title="Anliegen API",
    version="1",
    description=(
        "Tickets, catalogue, org units and routing suggestions of the citizen helpdesk. "
        "Authenticate with `Authorization: Bearer <API key>`; errors are "
        "`application/problem+json` (RFC 9457)."
    ),
    auth=ApiKey(),
    urls_namespace="api-v1",
)
problems.install(api)
api.add_router("", tickets.router)
api.add_router("", catalog.router)
