"""A minimal Server-Sent Events client for the served tests (stdlib only)."""

from __future__ import annotations

import http.client
import json
import time
from dataclasses import dataclass, field


@dataclass
class Frame:
    """One frame: its fields (``event``, ``id``, ``data``, ``retry``) or a comment."""

    fields: dict[str, str] = field(default_factory=dict)
    comment: str | None = None

    @property
    def event(self) -> str | None:
        return self.fields.get("event")

    @property
    def json(self) -> dict:
        return json.loads(self.fields["data"])


class SseClient:
    """``GET path`` on 127.0.0.1:port, read frame by frame."""

    def __init__(self, port: int, *, last_event_id: str | None = None) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        headers = {"Accept": "text/event-stream"}
        if last_event_id is not None:
            headers["Last-Event-ID"] = last_event_id
        self.conn.request("GET", "/api/jobs/events/", headers=headers)
        self.response = self.conn.getresponse()
        self.status = self.response.status
        self.headers = {k.lower(): v for k, v in self.response.getheaders()}
        self._buffer = b""
        self.last_id: str | None = None

    def body(self) -> bytes:
        """The whole body of a non-stream answer."""
        return self.response.read()

    def frame(self, timeout_s: float = 10.0) -> Frame:
        """The next frame; raises TimeoutError after ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        while b"\n\n" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no frame")
            chunk = self.response.read1(65536)
            if not chunk:
                raise EOFError("stream closed")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\n\n", 1)
        found = Frame()
        for line in raw.decode().split("\n"):
            if line.startswith(":"):
                found.comment = line[1:].strip()
            else:
                name, _, value = line.partition(":")
                found.fields[name] = value.removeprefix(" ")
        if "id" in found.fields:
            self.last_id = found.fields["id"]
        return found

    def event(self, name: str, /, timeout_s: float = 10.0, **data: object) -> Frame:
        """The next ``name`` event whose data has ``data``'s items (others skipped)."""
        deadline = time.monotonic() + timeout_s
        skipped = []
        while True:
            try:
                found = self.frame(max(0.0, deadline - time.monotonic()))
            except TimeoutError:
                raise TimeoutError(f"no {name} {data}; skipped {skipped}") from None
            if found.event == name and data.items() <= found.json.items():
                return found
            skipped.append(found.fields or found.comment)

    def close(self) -> None:
        self.conn.close()
