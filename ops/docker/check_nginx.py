"""Check ops/nginx/*.conf with a real nginx, no Docker needed.

Usage: python check_nginx.py REPO_ROOT   (run by ops/scripts/check-docker-static.sh)

1. `nginx -t` on a copy of nginx.conf + default.conf in which the compose-only
   names are swapped for local ones (the `api` upstream host only resolves
   inside compose; the web root and the listen port move to a temp dir and a
   free port).
2. Starts that nginx in front of a stub API and a fake `dist/`, and checks the
   routing contract: SPA fallback, /api and unknown /api/... reach the API and
   never answer the SPA's HTML, the Host header passes through, cache headers,
   gzip, and a JSON 503 when the API is down.
Exits 1 with one line per failed expectation.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FAILURES: list[str] = []


def expect(condition: bool, message: str) -> None:
    if condition:
        print(f"  ok   {message}")
    else:
        FAILURES.append(message)
        print(f"  FAIL {message}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StubApi(BaseHTTPRequestHandler):
    """Answers every request with JSON describing what it received."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
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


def mime_types_path() -> str:
    if Path("/etc/nginx/mime.types").is_file():
        return "/etc/nginx/mime.types"
    out = subprocess.run(["nginx", "-V"], capture_output=True, text=True, check=False).stderr
    m = re.search(r"--conf-path=(\S+)", out)
    if m and (Path(m.group(1)).parent / "mime.types").is_file():
        return str(Path(m.group(1)).parent / "mime.types")
    return ""


def prepare(repo: Path, tmp: Path, web_port: int, api_port: int) -> Path:
    html = tmp / "html"
    (html / "assets").mkdir(parents=True)
    (html / "index.html").write_text("<!doctype html><title>app shell</title>\n")
    (html / "assets" / "app-abc123.js").write_text("console.log('bundle');\n" * 200)

    default = (repo / "ops/nginx/default.conf").read_text(encoding="utf-8")
    default = default.replace("server api:8000", f"server 127.0.0.1:{api_port}")
    default = re.sub(r"listen\s+8080\s*;", f"listen 127.0.0.1:{web_port};", default)
    default = default.replace("root /usr/share/nginx/html;", f"root {html};")
    (tmp / "default.conf").write_text(default)

    main = (repo / "ops/nginx/nginx.conf").read_text(encoding="utf-8")
    main = main.replace("/tmp/", f"{tmp}/")
    main = main.replace("include /etc/nginx/conf.d/*.conf;", f"include {tmp}/default.conf;")
    mime = mime_types_path()
    if mime:
        main = main.replace("include /etc/nginx/mime.types;", f"include {mime};")
    else:
        (tmp / "mime.types").write_text(
            "types { text/html html; application/javascript js; text/css css; application/json json; }\n"
        )
        main = main.replace("include /etc/nginx/mime.types;", f"include {tmp}/mime.types;")
    if os.geteuid() == 0:
        # Workers drop to `nobody` when the master runs as root.
        for path in [tmp, *tmp.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    conf = tmp / "nginx.conf"
    conf.write_text(main)
    return conf


def request(port: int, path: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    resp = conn.getresponse()
    body = resp.read()
    result = (resp.status, {k.lower(): v for k, v in resp.getheaders()}, body)
    conn.close()
    return result


def main(repo: Path) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="nginx-check-"))
    web_port, api_port = free_port(), free_port()
    conf = prepare(repo, tmp, web_port, api_port)
    base = ["nginx", "-p", str(tmp), "-c", str(conf)]
    probe = subprocess.run(["nginx", "-h"], capture_output=True, text=True, check=False)
    if "-e filename" in probe.stderr + probe.stdout:
        base += ["-e", "stderr"]

    test = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
    expect(test.returncode == 0, "nginx -t accepts ops/nginx/nginx.conf + default.conf")
    if test.returncode != 0:
        print(test.stderr)
        shutil.rmtree(tmp, ignore_errors=True)
        return 1

    stub = ThreadingHTTPServer(("127.0.0.1", api_port), StubApi)
    threading.Thread(target=stub.serve_forever, daemon=True).start()
    log = (tmp / "nginx.log").open("w")
    server = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=log)
    try:
        for _ in range(50):
            try:
                socket.create_connection(("127.0.0.1", web_port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)

        status, headers, body = request(web_port, "/")
        expect(status == 200 and b"app shell" in body, "/ serves index.html")
        expect(headers.get("cache-control") == "no-cache", "index.html is sent with Cache-Control: no-cache")

        status, _, body = request(web_port, "/jobs/42")
        expect(status == 200 and b"app shell" in body, "/jobs/42 falls back to index.html (SPA)")

        for path in ("/api", "/api/", "/api/unknown/thing", "/api/nope"):
            status, headers, body = request(web_port, path)
            ctype = headers.get("content-type", "")
            expect(
                ctype.startswith("application/json") and b"app shell" not in body,
                f"{path} is answered by the API (JSON), never the SPA's HTML",
            )

        status, _, body = request(
            web_port, "/api/jobs/?page_size=2", {"Host": "dashboard.example:8443"}
        )
        seen = json.loads(body)
        expect(seen["path"] == "/api/jobs/?page_size=2", "the /api/ path and query reach Django unchanged")
        expect(seen["host"] == "dashboard.example:8443", "the client's Host header reaches Django")
        expect(seen["forwarded_proto"] == "http", "X-Forwarded-Proto is set")
        expect(bool(seen["forwarded_for"]), "X-Forwarded-For is set")
        _, _, body = request(web_port, "/api/jobs/", {"X-Forwarded-Proto": "https", "X-Forwarded-Ssl": "off"})
        seen = json.loads(body)
        expect(seen["forwarded_proto"] == "https", "X-Forwarded-Proto from a TLS proxy in front is kept")
        expect(seen["forwarded_ssl"] is None, "conflicting X-Forwarded-Ssl is dropped")

        status, headers, body = request(web_port, "/api/big/", {"Accept-Encoding": "gzip"})
        expect(headers.get("content-encoding") == "gzip", "API JSON is gzip-compressed")
        if headers.get("content-encoding") == "gzip":
            expect(json.loads(gzip.decompress(body))["path"] == "/api/big/", "gzip body decodes")

        status, headers, _ = request(web_port, "/assets/app-abc123.js", {"Accept-Encoding": "gzip"})
        expect(status == 200, "/assets/ files are served")
        expect(
            headers.get("cache-control") == "public, max-age=31536000, immutable",
            "/assets/ files are cached for a year, immutable",
        )
        expect(headers.get("content-encoding") == "gzip", "JS is gzip-compressed")

        status, headers, body = request(web_port, "/assets/missing-123.js")
        expect(status == 404 and b"app shell" not in body, "a missing asset is a 404, not index.html")

        status, _, _ = request(web_port, "/healthz")
        expect(status == 200, "/healthz answers 200")

        stub.shutdown()
        stub.server_close()
        status, headers, body = request(web_port, "/api/health/")
        expect(
            status == 503 and headers.get("content-type", "").startswith("application/json"),
            "API down: /api/ answers a JSON 503, not nginx's HTML 502",
        )
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
        if FAILURES:
            print((tmp / "nginx.log").read_text()[-2000:])
        shutil.rmtree(tmp, ignore_errors=True)

    if FAILURES:
        print(f"{len(FAILURES)} nginx expectation(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
