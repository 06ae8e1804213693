"""Neo4j connection settings, and keeping their secret out of every message and log line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

_USERINFO = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*://)(?P<info>[^/?#]*)@")
_LOOSE_USERINFO = re.compile(r"(?<![\w.-])[^\s/@:'\"]+:[^\s/@'\"]+@")  # "bolt//u:p@h" too
REDACTED = "***"


@dataclass(frozen=True)
class Neo4jSettings:
    """Connection settings (the Neo4j convention: NEO4J_URI, NEO4J_USERNAME, ...).

    A URI with credentials in it (``bolt://neo4j:SECRET@host``) is split: the driver gets the
    URI without them, and they fill *username* / *password* unless those are given.

    >>> s = Neo4jSettings(uri="bolt://alice:s3cret%21@db.example:7687")
    >>> s.uri, s.username, s.password == "s3cret!", str(s)
    ('bolt://db.example:7687', 'alice', True, 'alice@bolt://db.example:7687/neo4j')
    """

    uri: str = "bolt://127.0.0.1:7687"
    username: str = "neo4j"
    password: str = field(default="", repr=False)
    database: str = "neo4j"

    def __post_init__(self) -> None:
        m = _USERINFO.match(self.uri)
        if m is None:
            return
        user, sep, secret = m.group("info").partition(":")
        object.__setattr__(self, "uri", m.group("scheme") + self.uri[m.end() :])
        if user and self.username in ("", "neo4j"):
            object.__setattr__(self, "username", unquote(user))
        if sep and not self.password:
            object.__setattr__(self, "password", unquote(secret))

    def __str__(self) -> str:  # never shows the password
        return f"{self.username}@{self.uri}/{self.database}"

    def redact(self, text: str) -> str:
        """*text* with the password (plain or %-encoded) and any URI credentials masked."""
        return redact(text, [self.password])


def redact(text: str, secrets: list[str] | tuple[str, ...] = ()) -> str:
    """Mask every secret and the credentials of any ``scheme://user:pass@`` in *text*.

    >>> redact("bolt://neo4j:hunter22@h failed; password hunter22", ["hunter22"])
    'bolt://***@h failed; password ***'
    >>> redact("invalid URI 'bolt//neo4j:hunter22@h'")
    "invalid URI 'bolt//***@h'"
    """
    text = _USERINFO.sub(lambda m: f"{m.group('scheme')}{REDACTED}@", text)
    text = _LOOSE_USERINFO.sub(f"{REDACTED}@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, REDACTED)
    return text
