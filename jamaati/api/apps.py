from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jamaati.api"
    label = "api"
