from django.apps import AppConfig


class WorkflowTestAppConfig(AppConfig):
    name = "tests.workflow_app"
    label = "workflow_testapp"
    verbose_name = "Workflow engine test app"

    def ready(self) -> None:
        import tests.workflow_app.policies  # noqa: F401  (registers the rules)
