from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "integrations"
    verbose_name = "Integrations (API tokens and webhooks)"

    def ready(self) -> None:
        from integrations import receivers

        receivers.connect()
