"""Finding the service: one question, live suggestions, topics, A–Z."""

from __future__ import annotations

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render

from anliegen.catalog.models import Service, Topic
from anliegen.catalog.queries import topics_with_services
from anliegen.routing.api import Suggestion, suggest

from ..forms import SearchForm
from ..status_path import status_path

RESULTS = 6


def _suggestions(form: SearchForm) -> tuple[str, list[Suggestion]]:
    if not form.is_valid():
        return "", []
    query = form.cleaned_data["q"].strip()
    return query, suggest(query, limit=RESULTS) if query else []


def home(request: HttpRequest) -> HttpResponse:
    topics = Topic.objects.filter(services__is_active=True).distinct()
    return render(request, "portal/home.html", {"form": SearchForm(), "topics": topics})


def results(request: HttpRequest) -> HttpResponse:
    """Works as a plain GET form; htmx asks for the list fragment only while typing."""
    form = SearchForm(request.GET)
    query, suggestions = _suggestions(form)
    context = {
        "form": form,
        "query": query,
        "suggestions": suggestions,
        "status_path": status_path(query),
    }
    if request.headers.get("HX-Request"):
        return render(request, "portal/_suggestions.html", context)
    return render(request, "portal/results.html", context)


def topic(request: HttpRequest, key: str) -> HttpResponse:
    chosen = get_object_or_404(Topic, key=key)
    services = Service.objects.filter(topic=chosen, is_active=True).order_by("citizen_name", "name")
    return render(request, "portal/topic.html", {"topic": chosen, "services": services})


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/catalogue.html", {"topics": topics_with_services()})


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
