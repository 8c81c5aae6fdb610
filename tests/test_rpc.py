"""gRPC helpers: a .proto compiled at run time serves real calls on loopback, deadlines included."""
import os
import subprocess
import sys
import time

import grpc
import pytest

from interview_book import rpc

PROTO = """
syntax = "proto3";
package demo;
message Ping { string text = 1; double delay_seconds = 2; }
service Echo { rpc Say (Ping) returns (Ping); }
"""


@pytest.fixture(scope="module")
def generated():
    return rpc.compile_proto(PROTO, "echo_demo")


def echo_servicer(messages, services):
    class Echo(services.EchoServicer):
        def Say(self, request, context):
            time.sleep(request.delay_seconds)
            return messages.Ping(text=request.text.upper())

    return Echo()


def test_a_compiled_service_answers_on_loopback_and_stops(generated):
    messages, services = generated
    with rpc.serve(services.add_EchoServicer_to_server, echo_servicer(messages, services)) as address:
        assert address.startswith("127.0.0.1:")
        with grpc.insecure_channel(address) as channel:
            assert services.EchoStub(channel).Say(messages.Ping(text="hi"), timeout=10).text == "HI"
    with grpc.insecure_channel(address) as channel, pytest.raises(grpc.RpcError) as stopped:
        services.EchoStub(channel).Say(messages.Ping(text="hi"), timeout=2)
    assert stopped.value.code() in (grpc.StatusCode.UNAVAILABLE, grpc.StatusCode.DEADLINE_EXCEEDED)


def test_a_deadline_ends_a_slow_call(generated):
    messages, services = generated
    with rpc.serve(services.add_EchoServicer_to_server, echo_servicer(messages, services)) as address:
        with grpc.insecure_channel(address) as channel, pytest.raises(grpc.RpcError) as late:
            services.EchoStub(channel).Say(messages.Ping(text="hi", delay_seconds=2), timeout=0.2)
    assert late.value.code() == grpc.StatusCode.DEADLINE_EXCEEDED


def test_a_broken_proto_is_reported_with_protocs_own_message(capfd):
    with pytest.raises(ValueError, match="could not compile broken.proto: broken.proto:1:"):
        rpc.compile_proto("syntax = 'proto3'; message {", "broken")
    reserved = "syntax = 'proto3'; message Event { reserved 3; int64 points = 3; }"
    with pytest.raises(ValueError, match='Field "points" uses reserved number 3'):
        rpc.compile_proto(reserved, "reuses_reserved")
    assert capfd.readouterr().err == ""          # the errors went into the exception, not to stderr


def test_stopping_a_server_writes_nothing_to_stderr():
    """gRPC's C core logs a GOAWAY at its default level; a notebook's stderr must stay clean."""
    script = ("from interview_book import rpc\n"
              f"messages, services = rpc.compile_proto({PROTO!r}, 'quiet_demo')\n"
              "class Echo(services.EchoServicer):\n"
              "    def Say(self, request, context):\n"
              "        return messages.Ping(text=request.text)\n"
              "for _ in range(3):\n"
              "    with rpc.serve(services.add_EchoServicer_to_server, Echo()) as address:\n"
              "        channel = rpc.channel(address)\n"
              "        services.EchoStub(channel).Say(messages.Ping(text='hi'), timeout=10)\n"
              "    channel.close()\n")
    environment = {key: value for key, value in os.environ.items() if key != "GRPC_VERBOSITY"}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=environment)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
