"""Consistent hashing: a joining node takes about 1/n of the keys, all of them for itself, while
modulo placement reshuffles almost everything; virtual nodes even out the load."""
import os
import subprocess
import sys

import pytest

from interview_book import hashring

KEYS = [f"user:{number}" for number in range(20_000)]
FOUR = ["cache-a", "cache-b", "cache-c", "cache-d"]


def test_a_fifth_node_moves_a_fifth_of_the_keys_on_a_ring_and_most_of_them_with_modulo():
    ring = hashring.HashRing(FOUR)
    before = {key: ring.owner(key) for key in KEYS}
    ring.add("cache-e")
    moved = [key for key in KEYS if ring.owner(key) != before[key]]
    assert 0.12 < len(moved) / len(KEYS) < 0.28
    assert {ring.owner(key) for key in moved} == {"cache-e"}  # keys only move to the new node
    modulo = hashring.moved_share(KEYS, hashring.modulo_owner(FOUR), hashring.modulo_owner(FOUR + ["cache-e"]))
    assert modulo > 0.75  # 4/5 expected


def test_a_leaving_node_gives_away_only_its_own_keys():
    ring = hashring.HashRing(FOUR)
    before = {key: ring.owner(key) for key in KEYS}
    ring.remove("cache-b")
    changed = {key for key in KEYS if ring.owner(key) != before[key]}
    assert changed == {key for key, node in before.items() if node == "cache-b"}


def test_virtual_nodes_even_out_the_load():
    def imbalance(virtual_nodes):
        spread = hashring.load_spread(KEYS, hashring.HashRing(FOUR, virtual_nodes).owner)
        return max(spread.values()) / min(spread.values())

    assert imbalance(200) < 1.35 < imbalance(1)


def test_positions_are_stable_across_processes_and_an_empty_ring_says_so():
    script = "from interview_book import hashring; print(hashring.position('user:1'), hash('user:1'))"
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout.split() for seed in ("1", "2")]
    assert runs[0][0] == runs[1][0] == str(hashring.position("user:1"))
    assert runs[0][1] != runs[1][1]  # the built-in hash() of a str changes with the seed
    with pytest.raises(LookupError):
        hashring.HashRing([]).owner("user:1")
