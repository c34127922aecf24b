from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path

from .admin_health import health_view
from .admin_import import import_view
from .models import District, Responsibility, Service, Topic


class ResponsibilityInline(admin.TabularInline[Responsibility, Service]):
    model = Responsibility
    autocomplete_fields = ["org_unit", "districts"]
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin[Service]):
    list_display = ["name", "leika_key", "topic", "kind", "sensitivity", "is_active"]
    list_filter = ["kind", "topic", "sensitivity", "retention_class", "is_active"]
    search_fields = ["name", "citizen_name", "leika_key", "key", "synonyms"]
    list_select_related = ["topic"]
    prepopulated_fields = {"key": ["name"]}
    inlines = [ResponsibilityInline]
    change_list_template = "admin/catalog/service/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        def importing(request: HttpRequest) -> HttpResponse:
            return import_view(request, self.admin_site)

        def health(request: HttpRequest) -> HttpResponse:
            return health_view(request, self.admin_site)

        wrap = self.admin_site.admin_view
        own = [
            path("import/", wrap(importing), name="catalog_service_import"),
            path("health/", wrap(health), name="catalog_service_health"),
        ]
        return own + super().get_urls()


@admin.register(Responsibility)
class ResponsibilityAdmin(admin.ModelAdmin[Responsibility]):
    list_display = ["service", "org_unit", "role", "valid_from", "valid_until"]
    list_filter = ["role"]
    search_fields = ["service__name", "org_unit__name"]
    autocomplete_fields = ["service", "org_unit", "districts"]
    list_select_related = ["service", "org_unit"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin[District]):
    list_display = ["name", "key"]
    search_fields = ["name", "key"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin[Topic]):
    list_display = ["name", "position"]
    search_fields = ["name"]
