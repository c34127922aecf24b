"""The service page: what it is, who is responsible, and the existing ways first."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from anliegen.catalog.models import Service
from anliegen.catalog.responsibility import lead_unit
from anliegen.integrations.links import LinkContext, UrlTemplateAppointments, online_service_url

from ..models import DeflectionCount, count_deflection
from ..status_path import status_path

MAX_QUERY = 500  # the search field's limit (forms.SearchForm)


def typed_query(request: HttpRequest) -> str:
    return request.GET.get("q", "").strip()[:MAX_QUERY]


def active_service(key: str) -> Service:
    return get_object_or_404(Service.objects.select_related("topic"), key=key, is_active=True)


def detail(request: HttpRequest, key: str) -> HttpResponse:
    service = active_service(key)
    responsibility = lead_unit(service)
    query = typed_query(request)
    return render(
        request,
        "portal/service.html",
        {
            "service": service,
            "office": responsibility.org_unit if responsibility else None,
            # What the citizen searched for goes on into the form (submit.form).
            "query": query,
            # A status question ("Wo steht mein Bauantrag?") is offered /sachstand/ first,
            # not "Online erledigen", which would file a new application.
            "status_path": status_path(query),
        },
    )


def go(request: HttpRequest, key: str, channel: str) -> HttpResponse:
    """Count one use of an existing way (anonymously), then send the citizen there.

    A plain link (GET) so that it works without JavaScript and opens like any other link;
    the count holds no personal data, so a repeated or prefetched request costs nothing."""
    service = active_service(key)
    # Link templates may carry the service and language for the target system.
    context = LinkContext(lang=get_language() or "de")
    targets = {
        DeflectionCount.Channel.ONLINE: online_service_url(service, context),
        DeflectionCount.Channel.APPOINTMENT: UrlTemplateAppointments().booking_url(
            service, context
        ),
    }
    if channel not in DeflectionCount.Channel.values:
        raise Http404
    chosen = DeflectionCount.Channel(channel)
    target = targets[chosen]
    if not target:
        raise Http404
    count_deflection(service, chosen)
    return HttpResponseRedirect(target)
