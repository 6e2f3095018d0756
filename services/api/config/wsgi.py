"""WSGI entry point: ``gunicorn -c gunicorn.conf.py config.wsgi``.

Django's application behind ``core.wsgi.RequestGuard``, which settles the
requests Django would fail on before it builds its request object.
"""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

django_application = get_wsgi_application()

from core.wsgi import RequestGuard  # noqa: E402 (needs the settings loaded)

application = RequestGuard(
    django_application, max_body_bytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE
)
