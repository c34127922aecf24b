"""HTTP endpoint of the status bridge (machine to machine: no session, no CSRF)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import signing
from .bridge import Inbound, receive
from .models import StatusIntegration

MAX_BODY = 64 * 1024


@csrf_exempt
@require_POST
def status_update(request: HttpRequest, slug: str) -> HttpResponse:
    integration = StatusIntegration.objects.filter(slug=slug, is_active=True).first()
    if integration is None:
        return JsonResponse({"error": "unknown integration"}, status=404)
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": "payload too large"}, status=413)
    result = receive(
        integration,
        Inbound(
            body=request.body,
            timestamp=request.headers.get(signing.TIMESTAMP_HEADER, ""),
            signature=request.headers.get(signing.SIGNATURE_HEADER, ""),
            delivery_id=request.headers.get(signing.DELIVERY_HEADER, ""),
        ),
    )
    return JsonResponse(
        {"outcome": result.outcome.value, "detail": result.detail}, status=result.http_status
    )
