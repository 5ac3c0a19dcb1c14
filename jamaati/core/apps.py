from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jamaati.core"
    label = "core"
    verbose_name = "Jamaati kernel"
