"""The project's one exception root and its data-facing subclasses."""

from __future__ import annotations


class RcxError(Exception):
    """Root of every error rcx raises on purpose. The CLI turns these into exit codes."""

    exit_code = 1


class DataError(RcxError):
    """A data file, record or field is wrong. The message names where and what was expected."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        record: str | None = None,
        field: str | None = None,
    ) -> None:
        self.file, self.record, self.field, self.detail = file, record, field, message
        where = [f"file {file}" if file else "", f"record {record}" if record else ""]
        where.append(f"field '{field}'" if field else "")
        prefix = ", ".join(w for w in where if w)
        super().__init__(f"{prefix}: {message}" if prefix else message)


class StoreError(RcxError):
    """A graph store (Neo4j or the embedded engine) failed or refused a request."""

    exit_code = 3
