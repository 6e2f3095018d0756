"""ops/nginx/*.conf: gixy, `nginx -t`, and the routing on a real nginx.

The routing tests start the web image's nginx configuration in front of a
stub API and a fake build, with only the compose-only names swapped for local
ones (the `api` upstream, the web root, the listen port).
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from conftest import REPO

NGINX_DIR = REPO / "ops/nginx"
# nginx forwards the client's Host header ($http_host, with its port) on
# purpose: Django builds the absolute `next` links from it and checks it
# against ALLOWED_HOSTS, so gixy's advice ($host) would drop the port.
GIXY_SKIPS = "host_spoofing"

Response = tuple[int, dict[str, str], bytes]


class StubApi(BaseHTTPRequestHandler):
    """Answers every request with JSON describing what it received."""

    def do_GET(self) -> None:  # http.server's naming
        body = json.dumps(
            {
                "path": self.path,
                "host": self.headers.get("Host"),
                "forwarded_proto": self.headers.get("X-Forwarded-Proto"),
                "forwarded_for": self.headers.get("X-Forwarded-For"),
                "forwarded_ssl": self.headers.get("X-Forwarded-Ssl"),
                "padding": "x" * (4096 if "big" in self.path else 0),
            }
        ).encode()
        self.send_response(404 if self.path.rstrip("/").endswith("missing") else 200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def mime_types(nginx_bin: str, tmp: Path) -> str:
    """The nginx installation's mime.types, or a minimal one in TMP."""
    out = subprocess.run([nginx_bin, "-V"], capture_output=True, text=True).stderr
    found = re.search(r"--conf-path=(\S+)", out)
    for candidate in ("/etc/nginx/mime.types", found and Path(found[1]).parent / "mime.types"):
        if candidate and Path(candidate).is_file():
            return str(candidate)
    path = tmp / "mime.types"
    path.write_text("types { text/html html; application/javascript js; application/json json; }\n")
    return str(path)


def render(nginx_bin: str, tmp: Path, default_conf: str) -> Path:
    """Write nginx.conf into TMP with its includes pointing at TMP's files."""
    (tmp / "default.conf").write_text(default_conf)
    main = (NGINX_DIR / "nginx.conf").read_text()
    main = main.replace("/tmp/", f"{tmp}/")
    main = main.replace("include /etc/nginx/conf.d/*.conf;", f"include {tmp}/default.conf;")
    main = main.replace("include /etc/nginx/mime.types;", f"include {mime_types(nginx_bin, tmp)};")
    conf = tmp / "nginx.conf"
    conf.write_text(main)
    return conf


def test_gixy_finds_nothing(nginx_bin: str, tmp_path: Path) -> None:
    conf = render(nginx_bin, tmp_path, (NGINX_DIR / "default.conf").read_text())
    gixy = Path(sys.executable).parent / "gixy"
    result = subprocess.run(
        [str(gixy), "--skips", GIXY_SKIPS, str(conf)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def start_nginx(nginx_bin: str, tmp: Path, api_port: int) -> tuple[subprocess.Popen, int]:
    """Serve ops/nginx in front of 127.0.0.1:API_PORT; return it and its port."""
    web_port = free_port()
    html = tmp / "html"
    (html / "assets").mkdir(parents=True)
    (html / "index.html").write_text("<!doctype html><title>app shell</title>\n")
    (html / "assets/app-abc123.js").write_text("console.log('bundle');\n" * 200)
    default = (NGINX_DIR / "default.conf").read_text()
    default = default.replace("server api:8000", f"server 127.0.0.1:{api_port}")
    default = re.sub(r"listen\s+8080\s*;", f"listen 127.0.0.1:{web_port};", default)
    default = default.replace("root /usr/share/nginx/html;", f"root {html};")
    conf = render(nginx_bin, tmp, default)
    if os.geteuid() == 0:  # workers drop to `nobody` under a root master
        for path in [tmp, *tmp.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    base = [nginx_bin, "-p", str(tmp), "-c", str(conf), "-e", "stderr"]
    check = subprocess.run([*base, "-t"], capture_output=True, text=True)
    assert check.returncode == 0, f"nginx -t: {check.stderr}"
    server = subprocess.Popen([*base, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", web_port), timeout=0.2).close()
            return server, web_port
        except OSError:
            time.sleep(0.1)
    server.kill()
    pytest.fail("nginx did not start listening")


def get_from(port: int) -> Callable[..., Response]:
    def get(path: str, headers: dict[str, str] | None = None) -> Response:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", path, headers=headers or {})
        resp = conn.getresponse()
        result = (resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        conn.close()
        return result

    return get


def serve(nginx_bin: str, api_port: int) -> Iterator[Callable[..., Response]]:
    # Not pytest's tmp_path: its parents are private to root, and the workers
    # of a root master run as `nobody`.
    with tempfile.TemporaryDirectory(prefix="nginx-test-") as tmp:
        server, port = start_nginx(nginx_bin, Path(tmp), api_port)
        try:
            yield get_from(port)
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def get(nginx_bin: str) -> Iterator[Callable[..., Response]]:
    """GET through nginx in front of the stub API."""
    stub = ThreadingHTTPServer(("127.0.0.1", 0), StubApi)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    try:
        yield from serve(nginx_bin, stub.server_address[1])
    finally:
        stub.shutdown()
        stub.server_close()


def test_root_serves_the_app_shell_revalidated(get: Callable[..., Response]) -> None:
    status, headers, body = get("/")
    assert (status, b"app shell" in body) == (200, True)
    assert headers.get("cache-control") == "no-cache"


def test_client_routes_fall_back_to_the_app_shell(get: Callable[..., Response]) -> None:
    status, _, body = get("/jobs/42")
    assert (status, b"app shell" in body) == (200, True)


@pytest.mark.parametrize("path", ["/api", "/api/", "/api/unknown/thing", "/api/nope"])
def test_api_paths_reach_the_api_never_the_shell(get: Callable[..., Response], path: str) -> None:
    _, headers, body = get(path)
    assert headers.get("content-type", "").startswith("application/json")
    assert b"app shell" not in body


def test_path_query_host_and_forwarding_headers_reach_django(get: Callable[..., Response]) -> None:
    _, _, body = get("/api/jobs/?page_size=2", {"Host": "dashboard.example:8443"})
    seen = json.loads(body)
    assert seen["path"] == "/api/jobs/?page_size=2"
    assert seen["host"] == "dashboard.example:8443"
    assert seen["forwarded_proto"] == "http"
    assert seen["forwarded_for"]


def test_scheme_of_a_tls_proxy_in_front_is_kept(get: Callable[..., Response]) -> None:
    _, _, body = get("/api/jobs/", {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "off"})
    seen = json.loads(body)
    assert seen["forwarded_proto"] == "https"
    assert seen["forwarded_ssl"] is None  # gunicorn rejects conflicting ones


def test_api_json_is_gzipped(get: Callable[..., Response]) -> None:
    _, headers, body = get("/api/big/", {"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"
    assert json.loads(gzip.decompress(body))["path"] == "/api/big/"


def test_assets_are_immutable_and_gzipped(get: Callable[..., Response]) -> None:
    status, headers, _ = get("/assets/app-abc123.js", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers.get("cache-control") == "public, max-age=31536000, immutable"
    assert headers.get("content-encoding") == "gzip"


def test_missing_asset_is_404_not_the_shell(get: Callable[..., Response]) -> None:
    status, _, body = get("/assets/missing-123.js")
    assert (status, b"app shell" in body) == (404, False)


def test_healthz_answers(get: Callable[..., Response]) -> None:
    assert get("/healthz")[0] == 200


@pytest.mark.parametrize("path", ["/metrics", "/metrics/"])
def test_prometheus_endpoint_is_not_proxied(get: Callable[..., Response], path: str) -> None:
    _, _, body = get(path)  # the SPA answers, not the API
    assert b"app shell" in body
    assert b'"path"' not in body


def test_api_down_is_a_json_503(nginx_bin: str) -> None:
    for get_down in serve(nginx_bin, free_port()):
        status, headers, _ = get_down("/api/health/")
        assert status == 503
        assert headers.get("content-type", "").startswith("application/json")
