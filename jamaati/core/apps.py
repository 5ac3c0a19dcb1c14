from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jamaati.core"
    label = "core"
    verbose_name = "Jamaati kernel"

    def ready(self) -> None:
        import jamaati.core.calendar.policies  # noqa: F401  (registers the rules)
        import jamaati.core.deadlines.receivers  # noqa: F401  (clocks follow holiday changes)
