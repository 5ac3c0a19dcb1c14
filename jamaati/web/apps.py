from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jamaati.web"
    label = "web"

    def ready(self) -> None:
        import jamaati.web.policies  # noqa: F401  (registers the rules)
