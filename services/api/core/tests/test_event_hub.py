"""core.events.hub: numbering, replay from Last-Event-ID, bounded queues, cap."""

import asyncio

import pytest
from prometheus_client import REGISTRY

from core.events.hub import RESYNC, EventHub, TooManyStreamsError


def drain(stream) -> list[tuple[int, str]]:
    async def take() -> list[tuple[int, str]]:
        found = []
        while (event := await stream.next_event(0.01)) is not None:
            found.append((event.seq, event.name))
        return found

    return asyncio.run(take())


def test_event_hub_numbers_events_and_fans_out() -> None:
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=2)
    one, two = hub.open(last_event_id=None), hub.open(last_event_id=None)

    hub.publish("job", b"{}")
    hub.publish("deleted", b"{}")

    assert drain(one) == drain(two) == [(1, "job"), (2, "deleted")]
    assert hub.last_event_id == f"{hub.boot}-2"


def test_event_hub_replays_what_a_known_id_missed() -> None:
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=1)
    for _ in range(5):
        hub.publish("job", b"{}")

    assert drain(hub.open(last_event_id=hub.event_id(3))) == [(4, "job"), (5, "job")]


@pytest.mark.parametrize("last_seq", [0, 6])
def test_event_hub_resyncs_beyond_the_buffer(last_seq) -> None:
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=1)
    for _ in range(5):
        hub.publish("job", b"{}")

    assert drain(hub.open(last_event_id=hub.event_id(last_seq))) == [(5, RESYNC)]


def test_event_hub_resyncs_an_id_of_another_process() -> None:
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=1)
    hub.publish("job", b"{}")
    other = EventHub(buffer_size=4, queue_size=4, max_streams=1)

    assert drain(hub.open(last_event_id=other.event_id(1))) == [(1, RESYNC)]


def test_event_hub_slow_stream_gets_one_resync_not_a_longer_queue() -> None:
    hub = EventHub(buffer_size=100, queue_size=3, max_streams=1)
    stream = hub.open(last_event_id=None)

    for _ in range(10):
        hub.publish("job", b"{}")

    assert drain(stream) == [(10, RESYNC)]


def test_event_hub_caps_open_streams() -> None:
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=1)
    stream = hub.open(last_event_id=None)

    with pytest.raises(TooManyStreamsError):
        hub.open(last_event_id=None)
    hub.close(stream)
    hub.open(last_event_id=None)


def test_event_hub_counts_open_streams_in_the_metrics() -> None:
    def gauge(name: str) -> float:
        return REGISTRY.get_sample_value(name) or 0.0

    before = gauge("sse_streams_open")
    hub = EventHub(buffer_size=4, queue_size=4, max_streams=3)
    assert gauge("sse_streams_max") == 3
    first, second = hub.open(last_event_id=None), hub.open(last_event_id=None)
    assert gauge("sse_streams_open") == before + 2
    hub.close(first)
    hub.close(first)  # closing twice counts once
    assert gauge("sse_streams_open") == before + 1
    hub.close(second)
    assert gauge("sse_streams_open") == before
