from rest_framework.routers import SimpleRouter

from sources.api.views import SnapshotViewSet, SourceViewSet

router = SimpleRouter(trailing_slash=False)
router.register("sources", SourceViewSet, basename="source")
router.register("snapshots", SnapshotViewSet, basename="snapshot")

urlpatterns = router.urls
