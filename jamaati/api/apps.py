from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "jamaati.api"
    label = "api"

    def ready(self) -> None:
        from django.http import JsonResponse
        from django.utils.translation import gettext as _

        from jamaati.core.http import register_bad_request_answer

        register_bad_request_answer(
            "/api/",
            lambda: JsonResponse({"detail": _("The request is not valid.")}, status=400),
        )
