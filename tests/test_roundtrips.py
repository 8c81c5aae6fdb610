"""Round trips counted on a Redis client (fakeredis: same redis-py connection code, no server)."""
import fakeredis
import pytest

from interview_book import roundtrips


@pytest.fixture
def client():
    return fakeredis.FakeRedis(decode_responses=True)


def test_each_plain_command_is_one_round_trip(client):
    client.ping()
    with roundtrips.counted(client) as tally:
        for n in range(5):
            client.set(f"k{n}", n)
    assert tally.requests == 5


def test_a_pipeline_is_one_round_trip_however_many_commands(client):
    client.ping()
    with roundtrips.counted(client) as tally:
        with client.pipeline(transaction=False) as pipe:
            for n in range(500):
                pipe.set(f"k{n}", n)
            pipe.execute()
    assert tally.requests == 1
    assert client.get("k499") == "499"


def test_the_connection_class_is_restored_even_after_an_error(client):
    connection_class = client.connection_pool.connection_class
    before = connection_class.send_packed_command
    with pytest.raises(RuntimeError):
        with roundtrips.counted(client):
            raise RuntimeError("boom")
    assert connection_class.send_packed_command is before
    with roundtrips.counted(client) as tally:
        pass
    client.ping()
    assert tally.requests == 0  # counting stopped with the block


def test_something_that_is_not_a_client_is_refused():
    with pytest.raises(TypeError, match="not a redis-py client"):
        with roundtrips.counted(object()):
            pass
