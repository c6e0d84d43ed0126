from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Claims and verdicts"

    def ready(self) -> None:
        from claims.tasks import on_snapshot_finished, on_snapshot_text_ready
        from sources.events import snapshot_finished, snapshot_text_ready

        snapshot_finished.connect(on_snapshot_finished, dispatch_uid="claims.evidence")
        snapshot_text_ready.connect(on_snapshot_text_ready, dispatch_uid="claims.evidence.text")
