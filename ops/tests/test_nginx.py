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


def start_nginx(
    nginx_bin: str,
    tmp: Path,
    api_port: int,
    edit: Callable[[str], str] = str,
    events_port: int | None = None,
) -> tuple[subprocess.Popen, int]:
    """Serve ops/nginx (its default.conf through EDIT) in front of 127.0.0.1:API_PORT
    (and EVENTS_PORT, else API_PORT, for the events service); return it and its port."""
    web_port = free_port()
    html = tmp / "html"
    (html / "assets").mkdir(parents=True)
    (html / "index.html").write_text("<!doctype html><title>app shell</title>\n")
    (html / "assets/app-abc123.js").write_text("console.log('bundle');\n" * 200)
    default = edit((NGINX_DIR / "default.conf").read_text())
    default = default.replace("server api:8000", f"server 127.0.0.1:{api_port}")
    default = default.replace("server events:8001", f"server 127.0.0.1:{events_port or api_port}")
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

    get.port = port  # type: ignore[attr-defined]  # for raw requests
    return get


def send_raw(port: int, raw: bytes) -> Response:
    """Write RAW on a fresh connection; read the answer to the end."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(raw)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines)}
    return int(status_line.split()[1]), headers, body


def serve(
    nginx_bin: str, api_port: int, edit: Callable[[str], str] = str
) -> Iterator[Callable[..., Response]]:
    # Not pytest's tmp_path: its parents are private to root, and the workers
    # of a root master run as `nobody`.
    with tempfile.TemporaryDirectory(prefix="nginx-test-") as tmp:
        server, port = start_nginx(nginx_bin, Path(tmp), api_port, edit)
        try:
            yield get_from(port)
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="module")
def stub_port() -> Iterator[int]:
    """The port of the stub API."""
    stub = ThreadingHTTPServer(("127.0.0.1", 0), StubApi)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    try:
        yield stub.server_address[1]
    finally:
        stub.shutdown()
        stub.server_close()


@pytest.fixture(scope="module")
def get(nginx_bin: str, stub_port: int) -> Iterator[Callable[..., Response]]:
    """GET through nginx in front of the stub API."""
    yield from serve(nginx_bin, stub_port)


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


def test_a_clients_own_forwarded_proto_is_replaced(get: Callable[..., Response]) -> None:
    # Issue 17, point 14: it would turn the API's `next` links into https.
    _, _, body = get("/api/jobs/", {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "on"})
    seen = json.loads(body)
    assert seen["forwarded_proto"] == "http"
    assert seen["forwarded_ssl"] is None  # gunicorn rejects conflicting ones


def trust_localhost(conf: str) -> str:
    """default.conf with 127.0.0.1 as a trusted proxy in front (its `geo` block)."""
    edited = conf.replace("    default 0;\n}", "    default 0;\n    127.0.0.1 1;\n}", 1)
    assert edited != conf, "no `default 0;` line in the geo block"
    return edited


def test_scheme_of_a_trusted_tls_proxy_in_front_is_kept(nginx_bin: str, stub_port: int) -> None:
    for get_behind in serve(nginx_bin, stub_port, trust_localhost):
        _, _, body = get_behind("/api/jobs/", {"X-Forwarded-Proto": "https"})
        assert json.loads(body)["forwarded_proto"] == "https"
        _, _, body = get_behind("/api/jobs/", {"X-Forwarded-Proto": "gopher"})
        assert json.loads(body)["forwarded_proto"] == "http"


LONG_URL = b"GET /api/jobs/?search=" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
BIG_HEADER = b"GET /api/jobs/ HTTP/1.1\r\nHost: x\r\nX-Big: " + b"b" * 9000 + b"\r\n\r\n"
BAD_LENGTH = b"POST /api/jobs/ HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}"
BAD_LINE = b"GET /api/jobs/ HTTP/1.1 extra\r\nHost: x\r\n\r\n"


@pytest.mark.parametrize(
    ("raw", "status", "detail"),
    [
        (LONG_URL, 414, "URI Too Long"),
        (BIG_HEADER, 431, "Request Header Fields Too Large"),
        (BAD_LENGTH, 400, "Bad request"),
        (BAD_LINE, 400, "Bad request"),
    ],
)
def test_nginx_refusals_are_json(
    get: Callable[..., Response], raw: bytes, status: int, detail: str
) -> None:
    # Issue 17, point 5: never nginx's HTML error page.
    got, headers, body = send_raw(get.port, raw)  # type: ignore[attr-defined]
    assert got == status
    assert headers.get("content-type") == "application/json"
    assert json.loads(body)["detail"].startswith(detail)


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
