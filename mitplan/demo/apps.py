from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "mitplan.demo"
    label = "demo"
    verbose_name = "Demo content"
