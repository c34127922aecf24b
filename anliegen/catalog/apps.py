from datetime import timedelta

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "anliegen.catalog"
    label = "catalog"
    verbose_name = _("Leistungskatalog")

    def ready(self) -> None:
        from anliegen.jobs.registry import register_periodic

        from .tasks import check_catalogue_links

        register_periodic("catalog.check_links", check_catalogue_links, every=timedelta(days=7))
