"""The product URLconf with the naive baseline mounted under /bench/."""

from django.urls import path

from benchmarks.naive import NaiveJobListApi
from config import urls as product_urls

urlpatterns = [
    path("bench/naive/jobs/", NaiveJobListApi.as_view()),
    *product_urls.urlpatterns,
]

# Keep the product's JSON error handlers, when it defines them.
for _name in ("handler400", "handler404", "handler500"):
    if hasattr(product_urls, _name):
        globals()[_name] = getattr(product_urls, _name)
