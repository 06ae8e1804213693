"""The embedded engine's errors: all :class:`~rcx.schema.errors.StoreError` (exit code 3)."""

from __future__ import annotations

from rcx.schema.errors import StoreError


class EmbeddedFalkorError(StoreError):
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


class EmbeddedTimeoutError(EmbeddedQueryError):
    """A query ran longer than its timeout and was stopped."""


class PropertyValueError(StoreError):
    """A property value cannot be stored identically by FalkorDB and Neo4j."""
