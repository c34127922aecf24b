from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: health endpoint, structured logs, backup and restore."""

    name = "anliegen.ops"
    label = "ops"
