from django.contrib import admin
from django.urls import include, path

from anliegen.ops.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("arbeitsplatz/", include("anliegen.workspace.urls")),
    path("", include("anliegen.portal.urls")),
]
