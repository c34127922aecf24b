from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from anliegen.catalog.queries import topics_with_services


def home(request: HttpRequest) -> HttpResponse:
    return redirect("portal:catalogue")


def catalogue(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/catalogue.html", {"topics": topics_with_services()})


def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: the app answers and reaches its database."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
