"""Root URLconf: everything Django serves lives under ``/api/``, but ``/metrics``.

Paths keep their trailing slash and ``APPEND_SLASH`` is off, so a path
without it answers a JSON 404 instead of a redirect that would drop a
POST or PATCH body.
"""

from django.contrib import admin
from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from core.metrics import metrics_view
from core.views import HealthApi, not_found

urlpatterns = [
    path("api/jobs/", include("jobs.urls")),
    path("api/health/", HealthApi.as_view(), name="health"),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="docs"),
    path("api/admin/", admin.site.urls),
    # Outside /api/: the public nginx proxies only /api/, so only the
    # internal network (Prometheus) reaches it.
    path("metrics", metrics_view, name="metrics"),
    # Last: any other path answers the JSON 404, in debug mode too.
    re_path(r"^", not_found),
]

handler400 = "core.views.bad_request"
handler403 = "core.views.permission_denied"
handler404 = "core.views.not_found"
handler500 = "core.views.server_error"
