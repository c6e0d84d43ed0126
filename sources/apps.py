from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Sources and archive"

    def ready(self) -> None:
        from sources import checks  # noqa: F401 - registers the system checks
