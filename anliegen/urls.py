from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from anliegen.ops.health import healthz

# A database that stays locked or away answers 503 in the portal's style, never 500.
handler500 = "anliegen.ops.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("arbeitsplatz/", include("anliegen.workspace.urls")),
    path("arbeitsplatz/mail/", include("anliegen.channels.email.urls")),
    path("api/v1/", include("anliegen.channels.api.urls")),
    path("open311/v2/", include("anliegen.channels.open311.urls")),
    path("integrations/", include("anliegen.integrations.urls")),
    path("berichte/", include("anliegen.reports.urls")),
    path("", include("anliegen.portal.urls")),
]

if settings.OIDC_RP_CLIENT_ID:
    # Before the portal's catch-all patterns.
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
