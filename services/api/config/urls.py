"""Root URLconf: everything Django serves lives under /api/."""

from django.contrib import admin
from django.urls import path

urlpatterns = [
    path("api/admin/", admin.site.urls),
]
