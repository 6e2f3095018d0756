"""A JSON client of a served API, with or without a cookie jar (urllib)."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from typing import Any


class Client:
    """An HTTP client of the served API; ``cookies=False`` sends none."""

    def __init__(self, port: int, *, cookies: bool = True) -> None:
        self.base = f"http://127.0.0.1:{port}"
        handlers = [urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())]
        self.opener = urllib.request.build_opener(*handlers if cookies else [])

    def call(self, method: str, path: str, body: Any = None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310 (our own server)
            self.base + path, data=data, method=method
        )
        if data is not None:
            request.add_header("Content-Type", "application/json")
        with self.opener.open(request, timeout=20) as response:
            raw = response.read()
            return response.status, json.loads(raw) if raw else None
