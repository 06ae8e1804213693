"""Connecting to Neo4j: a checked driver, errors a user can act on, a quiet driver log.

Passwords never appear in a message or a log line: errors name the user and the URI (without
credentials) only, and the driver's own log is silent unless :func:`driver_logging` asks for
it, and then passes through a filter that masks the password.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from neo4j import Driver, GraphDatabase
from neo4j.exceptions import (
    AuthError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
)

from rcx.graph.store import cypher
from rcx.graph.store.settings import Neo4jSettings, redact
from rcx.schema.errors import StoreError

MIN_MAJOR_VERSION = 5
START_HINT = "is it running? scripts/neo4j-server.sh start"
_DRIVER_LOG = logging.getLogger("neo4j")


class _Redact(logging.Filter):
    """Masks secrets (and URI credentials) in every record that passes."""

    def __init__(self, secrets: Sequence[str]) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = redact(record.getMessage(), self.secrets), None
        return True


def driver_logging(*, verbose: bool = False, secrets: Sequence[str] = ()) -> None:
    """Route the driver's log: nowhere (default), or with *verbose* to stderr, redacted.

    Without a handler of its own, Python would print the driver's warnings (e.g. "Failed to
    read from defunct connection") on stderr beside rcx's one error message.
    """
    for old in list(_DRIVER_LOG.handlers):
        if getattr(old, "_rcx", False):
            _DRIVER_LOG.removeHandler(old)
    handler: logging.Handler
    if verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("neo4j driver: %(levelname)s %(message)s"))
        handler.addFilter(_Redact(secrets))
        _DRIVER_LOG.setLevel(logging.DEBUG)
    else:
        handler = logging.NullHandler()
    setattr(handler, "_rcx", True)  # marks the handlers this function owns  # noqa: B010
    _DRIVER_LOG.addHandler(handler)


def _where(settings: Neo4jSettings) -> str:
    return f"{settings.username}@{settings.uri}"


def server_major(agent: str | None) -> int | None:
    """``5`` from ``"Neo4j/5.26.31"``; ``None`` if the agent string is not understood.

    >>> server_major("Neo4j/5.26.31"), server_major("nonsense")
    (5, None)
    """
    try:
        return int(str(agent).split("/", 1)[1].split(".", 1)[0])
    except (IndexError, ValueError):
        return None


def connect(settings: Neo4jSettings, *, timeout: float = 10.0) -> Driver:
    """A driver for *settings*, checked: reachable, login accepted, Neo4j 5+, database exists.

    The caller closes it (``with connect(s) as driver: ...``).  Raises :class:`StoreError`
    with a message that says what to do, and never contains the password.
    """
    if not any(getattr(h, "_rcx", False) for h in _DRIVER_LOG.handlers):
        driver_logging()
    try:
        driver = GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=timeout,
            connection_acquisition_timeout=timeout,
        )
    except (ConfigurationError, ValueError) as e:
        text = settings.redact(f"invalid Neo4j URI {settings.uri!r}: {e}")
        raise StoreError(text) from e
    try:
        _check_server(driver, settings)
    except BaseException:
        driver.close()
        raise
    return driver


def _check_server(driver: Driver, settings: Neo4jSettings) -> None:
    try:
        driver.verify_connectivity()
        info = driver.get_server_info()
        major = server_major(info.agent)
        if major is None or major < MIN_MAJOR_VERSION:
            raise StoreError(
                f"{settings.uri} runs {info.agent}; rcx needs Neo4j {MIN_MAJOR_VERSION}.x or newer"
            )
        driver.execute_query("RETURN 1", database_=settings.database)
    except AuthError as e:
        raise StoreError(f"Neo4j refused the username/password for {_where(settings)}") from e
    except (ServiceUnavailable, SessionExpired, OSError) as e:
        raise StoreError(f"cannot reach Neo4j at {settings.uri}; {START_HINT}") from e
    except Neo4jError as e:
        if e.code == "Neo.ClientError.Database.DatabaseNotFound":
            raise StoreError(
                f"Neo4j at {settings.uri} has no database {settings.database!r} "
                "(set --database / NEO4J_DATABASE)"
            ) from e
        message = settings.redact(str(e.message))
        raise StoreError(f"Neo4j at {settings.uri} refused the connection: {message}") from e
    except DriverError as e:
        raise StoreError(f"cannot use Neo4j at {settings.uri}: {settings.redact(str(e))}") from e


def store_error(action: str, e: Exception) -> StoreError:
    """One clear :class:`StoreError` for a driver or server error while doing *action*."""
    if isinstance(e, ServiceUnavailable | SessionExpired):
        return StoreError(f"lost the connection to Neo4j while trying to {action}: {e}")
    if isinstance(e, Neo4jError) and e.code and "MemoryPoolOutOfMemoryError" in e.code:
        return StoreError(
            f"Neo4j ran out of transaction memory trying to {action}: the whole load is one "
            "transaction; raise the server's dbms.memory.transaction.total.max (and heap). "
            f"Server said: {e.message}"
        )
    if isinstance(e, Neo4jError) and e.code and "TransactionTimedOut" in e.code:
        return StoreError(
            f"Neo4j stopped the transaction trying to {action}: it ran past its timeout "
            "(raise --timeout)"
        )
    if isinstance(e, Neo4jError):
        return StoreError(f"Neo4j refused to {action}: {e.code}: {e.message}")
    return StoreError(f"could not {action}: {e}")


_ALREADY = ("EquivalentSchemaRuleAlreadyExists", "ConstraintAlreadyExists", "IndexAlreadyExists")


def ensure_constraints(driver: Driver, *, database: str = "neo4j") -> None:
    """Create the unique ``Element.id`` and ``RcxDataset.id`` constraints unless they exist.

    Each in its own transaction.  Two loads starting together may both try to create one;
    the loser's "already exists" is success.
    """
    for query in (cypher.create_constraint(), cypher.create_dataset_constraint()):
        try:
            driver.execute_query(query, database_=database)
        except Neo4jError as e:
            if not (e.code and any(code in e.code for code in _ALREADY)):
                raise store_error("create rcx's uniqueness constraints", e) from e
        except DriverError as e:
            raise store_error("create rcx's uniqueness constraints", e) from e
