from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularAPIView

from workbench.api.docs import RedocView, SwaggerView

handler404 = "workbench.api.errors.page_not_found"
handler500 = "workbench.api.errors.server_error"

admin.site.site_header = "Fact-check workbench"
admin.site.site_title = "Fact-check workbench"
admin.site.index_title = "Claims, sources and verdicts"


def healthz(request):
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("", RedirectView.as_view(pattern_name="admin:index", permanent=False)),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    # The public fact-check pages, index and feeds: no login (docs/reviewing.md, "Publishing").
    path("fact-checks/", include("claims.public.urls")),
    # The integration API (docs/api.md) and its OpenAPI 3 schema.
    path("api/v1/", include(("claims.api.urls", "claims-api"))),
    path("api/v1/", include(("sources.api.urls", "sources-api"))),
    path("api/v1/", include(("integrations.api.urls", "integrations-api"))),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Swagger UI and ReDoc: local assets only (workbench/api/docs.py).
    path("api/docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("api/redoc/", RedocView.as_view(url_name="api-schema"), name="api-redoc"),
]
