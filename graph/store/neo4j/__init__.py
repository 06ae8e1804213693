"""Neo4j in the loop: the property codec and the transactional store.

* :mod:`.codec` — typed-graph attributes <-> Neo4j properties (round-trip exact; the
  embedded engine uses it too);
* :mod:`.connect` — a checked driver, clear errors, a quiet and redacted driver log;
* :mod:`.load` — the all-or-nothing, pipelined ``load_graph``; :mod:`.bulk` — the
  ``neo4j-admin database import`` path for a first load into an empty local database;
* :mod:`.read` — ``read_graph``; :mod:`.run` — one query with a timeout and a row cap;
* :mod:`.store` — :class:`~.store.Neo4jStore`, all of it behind the store interface.

The driver is always passed in; nothing here keeps a global connection.
"""
