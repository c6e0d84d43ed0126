"""``/fact-checks/``: the public index, one page per published fact-check, the feeds."""

from django.urls import path

from claims.public import views
from claims.public.feeds import FactCheckFeed

app_name = "public"

urlpatterns = [
    path("", views.index, name="index"),
    path("feed.atom", FactCheckFeed(), name="feed"),
    path("claimreview.jsonld", views.claimreview_datafeed, name="claimreview"),
    path("<int:pk>/", views.fact_check, name="fact-check-short"),
    path("<int:pk>-<slug:slug>/", views.fact_check, name="fact-check"),
    path(
        "<int:pk>-<slug:slug>/archive/<int:snapshot_id>/<str:kind>",
        views.archived_copy,
        name="archived-copy",
    ),
]
