from django.conf import settings
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("arbeitsplatz/", include("anliegen.workspace.urls")),
    path("", include("anliegen.portal.urls")),
]

if settings.OIDC_RP_CLIENT_ID:
    # Before the portal's catch-all patterns.
    urlpatterns.insert(0, path("oidc/", include("mozilla_django_oidc.urls")))
