from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verdicts"

    def ready(self) -> None:
        from claims.tasks import on_snapshot_finished
        from sources.events import snapshot_finished

        snapshot_finished.connect(on_snapshot_finished, dispatch_uid="claims.evidence")
