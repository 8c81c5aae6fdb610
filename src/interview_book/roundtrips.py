"""Count the network round trips a Redis client makes, instead of timing them.

A round trip is one request written to the socket followed by a wait for the replies. redis-py
writes every request through ``Connection.send_packed_command``: once per plain command, once
for a whole pipeline (however many commands it holds). ``counted(client)`` counts those calls
while its block runs, so "a pipeline saves round trips" becomes a number that does not depend on
how busy the machine is. It patches the client's connection class for the duration of the block
(every client of that class in this thread is counted) and restores it afterwards, also on error.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any


@dataclass
class RoundTrips:
    requests: int = 0  # calls of send_packed_command: one per round trip


@contextmanager
def counted(client: Any) -> Iterator[RoundTrips]:
    """Count the requests ``client`` (a redis-py or fakeredis client) sends inside the block."""
    pool = getattr(client, "connection_pool", None)
    connection_class = getattr(pool, "connection_class", None)
    if connection_class is None or not hasattr(connection_class, "send_packed_command"):
        raise TypeError(f"{client!r} is not a redis-py client with a connection pool")
    original = connection_class.__dict__.get("send_packed_command")  # None: inherited
    inherited = connection_class.send_packed_command
    tally = RoundTrips()

    def send_packed_command(self, command, *args, **kwargs):
        tally.requests += 1
        return inherited(self, command, *args, **kwargs)

    connection_class.send_packed_command = send_packed_command
    try:
        yield tally
    finally:
        if original is None:
            del connection_class.send_packed_command
        else:
            connection_class.send_packed_command = original
