"""Where keys live when data is split across nodes: modulo placement and a consistent-hash ring.

``modulo_owner`` is ``hash(key) % len(nodes)``; ``HashRing`` places each node at many points
("virtual nodes") on a ring of 2**64 positions and gives a key to the first node point clockwise
from the key's own position. ``moved_share`` counts the keys whose owner changes when the node
list changes, which is the quantity that decides how much a cache loses, or a database copies,
when a node joins or leaves.
"""
from __future__ import annotations

import bisect
import hashlib
from typing import Callable, Iterable, Sequence


def position(text: str) -> int:
    """A stable 64-bit position (Python's own hash() is salted per process)."""
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def modulo_owner(nodes: Sequence[str]) -> Callable[[str], str]:
    return lambda key: nodes[position(key) % len(nodes)]


class HashRing:
    def __init__(self, nodes: Iterable[str], virtual_nodes: int = 100):
        self.virtual_nodes = virtual_nodes
        self._points: list[int] = []
        self._owners: list[str] = []
        for node in nodes:
            self.add(node)

    def add(self, node: str) -> None:
        for replica in range(self.virtual_nodes):
            point = position(f"{node}#{replica}")
            index = bisect.bisect(self._points, point)
            self._points.insert(index, point)
            self._owners.insert(index, node)

    def remove(self, node: str) -> None:
        kept = [(p, o) for p, o in zip(self._points, self._owners) if o != node]
        self._points = [p for p, _ in kept]
        self._owners = [o for _, o in kept]

    def owner(self, key: str) -> str:
        if not self._points:
            raise LookupError("the ring has no nodes")
        index = bisect.bisect(self._points, position(key)) % len(self._points)
        return self._owners[index]


def moved_share(keys: Sequence[str], before: Callable[[str], str], after: Callable[[str], str]) -> float:
    """The fraction of keys whose owner differs between two placements."""
    return sum(before(key) != after(key) for key in keys) / len(keys)


def load_spread(keys: Sequence[str], owner: Callable[[str], str]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for key in keys:
        node = owner(key)
        counts[node] = counts.get(node, 0) + 1
    return counts
