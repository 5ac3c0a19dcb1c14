from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jamaati.core"
    label = "core"
    verbose_name = "Jamaati kernel"

    def ready(self) -> None:
        # Imported for their effects: the calendar's rules register with the policy registry,
        # and the legal clocks follow holiday changes.
        import jamaati.core.calendar.policies
        import jamaati.core.deadlines.receivers  # noqa: F401
