from django.urls import path
from rest_framework.routers import SimpleRouter

from claims.api.views import ArticleViewSet, ClaimReviewFeedView, ClaimViewSet, VerdictViewSet

router = SimpleRouter(trailing_slash=False)
router.register("articles", ArticleViewSet, basename="article")
router.register("claims", ClaimViewSet, basename="claim")
router.register("verdicts", VerdictViewSet, basename="verdict")

urlpatterns = [
    path("claimreview", ClaimReviewFeedView.as_view(), name="claimreview-feed"),
    *router.urls,
]
