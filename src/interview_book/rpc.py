"""gRPC for the demos: compile a ``.proto`` at run time and serve it on a free loopback port.

``compile_proto(text, name)`` runs grpcio-tools' bundled ``protoc`` on the text in a temporary
directory and imports the two generated modules (messages, and client stub plus server base),
so a notebook can show its whole ``.proto`` and use it without a build step.
``serve(register, servicer)`` runs a gRPC server on 127.0.0.1 in this process and yields its
address; it stops when the ``with`` block ends. ``channel(address)`` is the client side.

Importing this module before ``grpc`` keeps gRPC's C core to errors only: at its default level it
writes routine events to the notebook's stderr, such as a GOAWAY when a server stops.
"""
from __future__ import annotations

import importlib
import os
import sys
import tempfile
from concurrent import futures
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Callable, Iterator

os.environ.setdefault("GRPC_VERBOSITY", "ERROR")   # read once, when grpc is first imported


def compile_proto(text: str, name: str) -> tuple[ModuleType, ModuleType]:
    """(``<name>_pb2``, ``<name>_pb2_grpc``) generated from the ``.proto`` source ``text``."""
    with tempfile.TemporaryDirectory(prefix="book-proto-") as directory:
        return _compile_in(Path(directory), text, name)


def _compile_in(output: Path, text: str, name: str) -> tuple[ModuleType, ModuleType]:
    import grpc_tools
    from grpc_tools import protoc

    (output / f"{name}.proto").write_text(text)
    bundled = Path(grpc_tools.__file__).parent / "_proto"      # google/protobuf/*.proto
    with _stderr_to(output / "protoc.log"):                    # protoc writes its errors to fd 2
        status = protoc.main(["protoc", f"-I{output}", f"-I{bundled}", f"--python_out={output}",
                              f"--grpc_python_out={output}", str(output / f"{name}.proto")])
    if status != 0:
        errors = (output / "protoc.log").read_text().replace(f"{output}/", "").strip()
        raise ValueError(f"protoc could not compile {name}.proto: {errors or f'exit status {status}'}")
    sys.path.insert(0, str(output))
    try:
        for module in (f"{name}_pb2", f"{name}_pb2_grpc"):
            sys.modules.pop(module, None)                         # a recompiled text replaces the old one
        return importlib.import_module(f"{name}_pb2"), importlib.import_module(f"{name}_pb2_grpc")
    finally:
        sys.path.remove(str(output))


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Send what C code writes to file descriptor 2 into ``path`` while the block runs."""
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(path, "wb") as log:
            os.dup2(log.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def channel(address: str):
    """A plaintext channel to ``host:port`` (loopback demos only; real services use TLS)."""
    import grpc

    return grpc.insecure_channel(address)


@contextmanager
def serve(register: Callable, servicer, workers: int = 4) -> Iterator[str]:
    """Serve ``servicer`` (registered with the generated ``add_..._to_server``); yields ``host:port``."""
    import grpc

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=workers))
    register(servicer, server)
    port = server.add_insecure_port("127.0.0.1:0")               # loopback only; 0 picks a free port
    server.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        server.stop(grace=None).wait()
