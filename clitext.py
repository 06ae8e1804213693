"""How the CLI shows results and errors: plain, inert text (never markup) and query output.

This is presentation for a terminal or a file a person opens, so it lives beside ``cli.py``
rather than in a store or in the report: the stores return plain values (``QueryResult``),
the CLI decides how they look.  Every piece of user data passes through :func:`inert` before
it reaches a terminal: control characters, escape sequences and bidi overrides are shown as
``\\uXXXX`` and Rich markup is never interpreted (tables get :class:`rich.text.Text` cells).
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

# C0 and C1 controls (ESC starts terminal escape sequences), bidi embeddings, overrides and
# isolates (U+202A-U+202E, U+2066-U+2069), and the invisible bidi marks.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
_CSV_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]"
)
# A spreadsheet evaluates a cell starting with one of these as a formula (OWASP's list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert(text: str, *, keep_newlines: bool = False) -> str:
    r"""``text`` with every character that could drive a terminal shown as ``\uXXXX``.

    >>> inert("Land\x1b[2J\u202eevil")
    'Land\\u001b[2J\\u202eevil'
    """
    if keep_newlines:
        return "\n".join(inert(line) for line in text.split("\n"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def _json_text(value: Any, **kw: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, **kw)
    return _escape_json(text)


def _escape_json(text: str) -> str:
    # json.dumps already escapes C0 controls; C1 and bidi characters are valid JSON text
    return _UNSAFE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def render_value(value: Any) -> str:
    """One value as deterministic text: ``null`` -> empty, lists/maps as sorted-key JSON.

    >>> render_value(None), render_value([1, "a"]), render_value("x")
    ('', '[1, "a"]', 'x')
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return _json_text(value)


def format_json(result: Any) -> str:
    """Rows as a JSON list of objects (columns in query order, nested keys sorted)."""
    records = [
        {col: json.loads(_json_text(v)) for col, v in zip(result.columns, row, strict=True)}
        for row in result.rows
    ]
    return _escape_json(json.dumps(records, ensure_ascii=False, indent=2)) + "\n"


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet will show as text: a leading ``' `` before a formula trigger.

    >>> spreadsheet_safe("=HYPERLINK(1)"), spreadsheet_safe("-1"), spreadsheet_safe("ok")
    ("'=HYPERLINK(1)", "'-1", 'ok')
    """
    return "'" + cell if cell.startswith(_FORMULA_START) else cell


def format_csv(result: Any, *, formulas: bool = False) -> str:
    """Rows as CSV, a header line first.

    Text cells starting with ``= + - @`` (or a tab or carriage return) get a leading ``'`` so a
    spreadsheet shows them instead of evaluating them; ``formulas=True`` keeps them verbatim.
    Numbers are never changed.  Control and bidi characters other than tab and line feed are
    written as ``\\uXXXX`` (as in a table), so the CSV cannot drive the terminal it is shown in.
    """
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")

    def cell(value: Any) -> str:
        text = _CSV_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", render_value(value))
        return text if formulas or not isinstance(value, str) else spreadsheet_safe(text)

    writer.writerow([cell(c) for c in result.columns])
    writer.writerows([cell(v) for v in row] for row in result.rows)
    return buf.getvalue()


def format_table(result: Any, *, title: str | None = None) -> Any:
    """A ``rich`` table; cells are plain text (never markup), controls escaped."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(inert(title)) if title else None, title_justify="left")
    for col in result.columns:
        table.add_column(Text(inert(col)))
    for row in result.rows:
        table.add_row(*(Text(inert(render_value(v))) for v in row))
    return table


def count_table(title: str, what: str, counts: dict[str, int]) -> Any:
    """A two-column table (name, count) of plain-text cells."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left")
    table.add_column(what)
    table.add_column("count", justify="right")
    for key, n in counts.items():
        table.add_row(Text(inert(str(key))), str(n))
    return table
