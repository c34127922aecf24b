from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "anliegen.core"
    label = "core"
    verbose_name = "Core"
