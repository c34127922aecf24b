"""The catalogue health page for admins (``/admin/catalog/service/health/``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .health import catalogue_health
from .tasks import check_catalogue_links


def health_view(request: HttpRequest, site: AdminSite) -> HttpResponse:
    if not request.user.has_perm("catalog.view_service"):
        raise PermissionDenied
    if request.method == "POST":
        if not request.user.has_perm("catalog.change_service"):
            raise PermissionDenied
        check_catalogue_links.enqueue()
        messages.success(
            request, _("Die Linkprüfung läuft im Hintergrund; laden Sie die Seite später neu.")
        )
        return redirect("admin:catalog_service_health")
    return TemplateResponse(
        request,
        "admin/catalog/service/health.html",
        {
            **site.each_context(request),
            "title": _("Zustand des Katalogs"),
            "health": catalogue_health(),
        },
    )
