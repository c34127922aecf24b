from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "anliegen.demo"
    label = "demo"
    verbose_name = "Demo city"
