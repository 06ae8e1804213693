"""The engine object: a private FalkorDB server for the lifetime of an :class:`EmbeddedFalkor`."""

from __future__ import annotations

import os
import shutil
import subprocess
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from falkordb import FalkorDB
from falkordb.graph import Graph

from rcx.graph.store import cypher
from rcx.graph.store.embedded.errors import EmbeddedFalkorError
from rcx.graph.store.embedded.process import (
    LOG_FILE,
    SOCKET_FILE,
    FalkorBinaries,
    death_signal_preexec,
    find_binaries,
    make_tmpdir,
    server_command,
    shutdown,
    wait_until_ready,
)
from rcx.graph.store.embedded.run import execute


class EmbeddedFalkor:
    """A private FalkorDB server for the lifetime of this object.

    The server is started by the constructor; use it as a context manager or
    call :meth:`close`::

        with EmbeddedFalkor() as engine:
            g = engine.graph("rcx")
            load_property_graph(g, nodes, rels)
            columns, rows = run_query(g, "MATCH (n) RETURN count(n)")
    """

    def __init__(
        self,
        *,
        startup_timeout: float = 15.0,
        module_args: Sequence[str] = (),
        die_with_parent: bool = True,
        binaries: FalkorBinaries | None = None,
    ) -> None:
        """Start ``redis-server`` with the FalkorDB module and wait for PING.

        Args:
            startup_timeout: seconds to wait for the server to answer.
            module_args: FalkorDB module options, e.g. ``["THREAD_COUNT", "2"]``.
            die_with_parent: on Linux, have the kernel SIGKILL the server when
                the thread that started it exits (see :mod:`rcx.graph.store.embedded`).
            binaries: explicit paths; default :func:`~.find_binaries`.

        Raises:
            EmbeddedFalkorError: if the server cannot be started.
        """
        bins = binaries or find_binaries()
        self._tmpdir = make_tmpdir()
        self._client: list[Any] = []  # holds the FalkorDB client once connected
        log = open(self._tmpdir / LOG_FILE, "wb")  # noqa: SIM115 - handed to the child
        preexec = death_signal_preexec(os.getpid()) if die_with_parent else None
        try:
            self._proc: subprocess.Popen[bytes] = subprocess.Popen(
                server_command(bins, self._tmpdir, module_args),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self._tmpdir,
                start_new_session=True,  # Ctrl-C reaches Python only; it cleans up
                preexec_fn=preexec,
            )
        except OSError as e:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            raise EmbeddedFalkorError(f"cannot start {bins.redis_server}: {e.strerror}") from e
        finally:
            log.close()
        self._finalizer = weakref.finalize(
            self, shutdown, self._proc, self._tmpdir, self._client, os.getpid()
        )
        try:
            wait_until_ready(self._proc, self.socket_path, self._tmpdir / LOG_FILE, startup_timeout)
            self._client.append(FalkorDB(unix_socket_path=str(self.socket_path)))
        except BaseException:
            self._finalizer()
            raise

    @property
    def pid(self) -> int:
        """Process id of the ``redis-server`` child."""
        return self._proc.pid

    @property
    def socket_path(self) -> Path:
        """The unix socket the server listens on."""
        return self._tmpdir / SOCKET_FILE

    @property
    def tmpdir(self) -> Path:
        """The private directory (socket and log); removed on close."""
        return self._tmpdir

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` (or the finalizer) has run."""
        return not self._finalizer.alive

    @property
    def db(self) -> Any:
        """The connected ``falkordb.FalkorDB`` client."""
        if self.closed or not self._client:
            raise EmbeddedFalkorError("the embedded FalkorDB engine is closed")
        return self._client[0]

    def graph(self, name: str) -> Graph:
        """Return the FalkorDB graph called *name*, creating it empty if missing.

        FalkorDB refuses read-only queries on a graph that was never written
        ("empty key"); a write-mode ``RETURN 0`` creates it, so reads on a new
        graph return no rows as they would on Neo4j.
        """
        if not isinstance(name, str) or not name:
            raise EmbeddedFalkorError("graph name must be a non-empty string")
        graph = self.db.select_graph(name)
        execute(graph, cypher.falkor_touch(), None, read_only=False)
        return graph

    def memory_rss_bytes(self) -> int | None:
        """Resident memory of the server process (Linux ``/proc``), if known."""
        try:
            for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            return None
        return None

    def close(self) -> None:
        """Stop the server and remove its directory; safe to call repeatedly."""
        self._finalizer()

    def __enter__(self) -> EmbeddedFalkor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "closed" if self.closed else f"pid={self.pid}"
        return f"<EmbeddedFalkor {state} socket={self.socket_path}>"
