from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "mitplan.api"
    label = "api"
    verbose_name = "Open data API"
