"""Neo4j in the loop: Cypher builders, the property codec and the transactional store.

* :mod:`rcx.graph.store.cypher` — every Cypher text rcx sends to Neo4j (labels and types from the
  schema enums only, values always as parameters);
* :mod:`rcx.graph.store.neo4j.codec` — typed-graph attributes <-> Neo4j properties (round-trip exact);
* :mod:`rcx.graph.store.neo4j.store` — ``connect``, all-or-nothing ``load_graph`` and ``read_graph``.

The driver is always passed in; nothing here keeps a global connection.
"""
