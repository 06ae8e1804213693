"""neo4j-admin CSV export: the files ``neo4j-admin database import`` reads.

The writer lives with the Neo4j store (:mod:`rcx.graph.store.neo4j.admin_csv`), because
``rcx load --bulk`` imports through the same files; this module is its place among the exports.
"""

from __future__ import annotations

from rcx.graph.store.neo4j.admin_csv import write_neo4j_csv

__all__ = ["write_neo4j_csv"]
