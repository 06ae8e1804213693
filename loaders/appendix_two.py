"""Rebuild the paper's Appendix Two (the survey of anti-trafficking NGOs) from its PDF-to-text.

The text the PDF converter produced is messy, but its mess follows a few rules, and this module
handles each by rule rather than by row:

* A row starts with its name, one line per wrapped line of the name cell.
* The three shaded role cells (prevention / protection / prosecution) come out as a *marker*: a
  line of two or more spaces. The marker can also stand at the start of the data line
  (``"   US US http://www."``) or between the name and the data on one line
  (``"Escape to Peace    US US http://www."``).
* The data cells follow in column order: headquarters, working locations, website. When a cell
  spans several lines the converter emits it as its own block (blocks are separated by blank
  lines); cells that fit on one line share a line. So one block of text before the website holds
  ``HQ WORKS...`` (the first word or known multi-word place is the HQ), and two blocks are the
  HQ cell and the working-locations cell.
* The website is split mid-word across lines (``http://www.`` / ``3strandsglo`` / ``bal.com/``).
  A line broken mid-word carries no trailing space; the last line of a cell does. So the URL is
  complete at the first fragment that ends in whitespace, and that ends the row.
* A page break shows as a line starting with exactly one space. Inside a row it continues the
  open URL; any text before the URL fragment on that line continues the name (the first column),
  e.g. ``" Trafficking) againstchild"``.
* Just before a page break the converter drops the page's hyperlink targets as whole URL lines
  (``https://en.wikipedia.org/wiki/...``, once ``http://www.swfl-humantrafficking.org/`` in the
  middle of another row's URL). A run of complete-URL lines directly followed by a page-break
  line (or the end of the text) is such an artefact and is dropped.

Nothing is corrected silently: cells keep the paper's text; what the parser had to repair is
recorded on the row (:attr:`AppendixRow.repairs`) and becomes an ``extraction`` note in the CSV.

Usage: ``python -m rcx.loaders.appendix_two PAPER.txt OUT.csv [--places places.yaml]``.
"""

from __future__ import annotations

import csv
import io
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from rcx.schema.errors import DataError

__all__ = [
    "CSV_COLUMNS",
    "AppendixParseError",
    "AppendixRow",
    "extract_from_paper",
    "load_places_lookup",
    "main",
    "parse_appendix_two",
    "rows_to_csv",
    "slugify",
    "split_places",
]

HEADING_RE = re.compile(r"^\s*VII\s+Appendix\s+Two\s*$")
HEADER_LAST_LINE = "Website"  # last line of the table's column headings

# Repair codes recorded on rows (stable strings: tests and the CSV notes rely on them).
NAME_DATA_ONE_LINE = "name-and-data-on-one-line"
PAGE_BREAK_IN_URL = "page-break-in-url"
PAGE_BREAK_IN_NAME = "page-break-in-name"
ARTEFACT_DROPPED = "hyperlink-artefact-dropped"
BLANK_IN_URL = "blank-line-in-url"


class AppendixParseError(DataError):
    """The table text does not follow the layout rules; the message names the line."""


@dataclass(frozen=True)
class AppendixRow:
    """One row of Appendix Two, its cells rejoined and whitespace-normalised, as printed.

    ``line`` is the 1-based line of the input where the row's name starts. ``repairs`` lists
    the layout artefacts the parser repaired for this row (not part of equality).
    """

    name: str
    hq: str | None
    works_in: str | None
    website: str | None
    line: int
    repairs: tuple[str, ...] = field(default=(), compare=False)


# --------------------------------------------------------------------------------------------
# Line classification
# --------------------------------------------------------------------------------------------


class LineKind(Enum):
    BLANK = "blank"  # empty, or a single space
    MARKER = "marker"  # two or more spaces only: the blank role cells
    MARKER_DATA = "marker-data"  # role-cell spaces, then the data cells on the same line
    PAGE_BREAK = "page-break"  # first line of a new page: one leading space
    ARTEFACT = "artefact"  # hyperlink targets dumped at a page end (a run, collapsed)
    TEXT = "text"


@dataclass(frozen=True)
class Line:
    number: int  # 1-based, in the caller's numbering
    kind: LineKind
    text: str  # without leading/trailing whitespace
    open_end: bool  # no trailing whitespace: the cell continues mid-word on the next line


_MARKER_RE = re.compile(r"^\s{2,}$")
_MARKER_DATA_RE = re.compile(r"^\s{2,}\S")
_PAGE_BREAK_RE = re.compile(r"^ \S")
# A complete URL on a line of its own (scheme, dotted host, a path): far wider than the table's
# website column, so never a table fragment.
_ARTEFACT_RE = re.compile(r"^https?://[^\s/]+\.[^\s/]+/\S*$")
# Name cell, a run of 3+ spaces (the blank role cells), then data cells.
_INLINE_MARKER_RE = re.compile(r"^(?P<name>\S.*?\S)\s{3,}(?P<data>\S.*)$")


def _classify(raw: str) -> LineKind:
    if raw in ("", " "):
        return LineKind.BLANK
    if _MARKER_RE.match(raw):
        return LineKind.MARKER
    if _MARKER_DATA_RE.match(raw):
        return LineKind.MARKER_DATA
    if _PAGE_BREAK_RE.match(raw):
        return LineKind.PAGE_BREAK
    return LineKind.TEXT


def _lines(text: str, line_offset: int) -> list[Line]:
    """Classify every line; collapse each run of hyperlink artefacts into one ARTEFACT line."""
    raws = text.replace("\r\n", "\n").split("\n")
    if raws and raws[-1] == "":
        raws.pop()
    out: list[Line] = []
    i = 0
    while i < len(raws):
        j = i
        while j < len(raws) and _ARTEFACT_RE.match(raws[j]):
            j += 1
        if j > i and (j == len(raws) or _classify(raws[j]) is LineKind.PAGE_BREAK):
            out.append(Line(i + 1 + line_offset, LineKind.ARTEFACT, raws[i], False))
            i = j
            continue
        raw = raws[i]
        out.append(Line(i + 1 + line_offset, _classify(raw), raw.strip(), raw == raw.rstrip()))
        i += 1
    return out


# --------------------------------------------------------------------------------------------
# Cells
# --------------------------------------------------------------------------------------------

# Multi-word places that can open a headquarters cell sharing a line with the working locations.
# Any other headquarters on such a line is its first word (every single-line HQ in the table is).
MULTIWORD_PLACES = (
    "South East Asia",
    "Eastern Europe",
    "Southern Africa",
    "New Zealand",
    "United States",
    "United Kingdom",
    "Middle East",
    "South America",
)
_CONNECTORS = frozenset({"and", "or", "&"})
_URL_START_RE = re.compile(r"^(?:https?://|www\.)|^[a-z0-9][a-z0-9.\-/?=_~%]*$")


def _is_url_start(token: str) -> bool:
    """Website cells begin with a scheme, ``www.`` or a bare lower-case domain fragment."""
    return token not in _CONNECTORS and bool(_URL_START_RE.match(token))


@dataclass
class _Part:
    text: str
    open_end: bool


def _join(parts: Sequence[_Part]) -> str:
    """Rejoin a wrapped cell: word-wrapped lines with a space, mid-word breaks without."""
    out = ""
    for k, part in enumerate(parts):
        out += part.text
        if k < len(parts) - 1 and not part.open_end:
            out += " "
    return " ".join(out.split())


def _split_hq(first_line: str) -> tuple[str, str]:
    for place in MULTIWORD_PLACES:
        if first_line == place or first_line.startswith(place + " "):
            return place, first_line[len(place) :].strip()
    hq, _, rest = first_line.partition(" ")
    return hq, rest.strip()


# --------------------------------------------------------------------------------------------
# Row builder and state machine
# --------------------------------------------------------------------------------------------


class _State(Enum):
    BETWEEN = "between rows"
    NAME = "name"
    DATA = "data"


@dataclass
class _Row:
    line: int
    name: list[_Part] = field(default_factory=list)
    blocks: list[list[_Part]] = field(default_factory=lambda: [[]])  # text before the URL
    url: list[str] = field(default_factory=list)
    url_open: bool = False
    blank_in_url: bool = False
    repairs: list[str] = field(default_factory=list)

    def repair(self, code: str) -> None:
        if code not in self.repairs:
            self.repairs.append(code)

    # -- feeding ------------------------------------------------------------------------------

    def add_name(self, text: str, open_end: bool) -> None:
        self.name.append(_Part(text, open_end))

    def block_break(self) -> None:
        if self.url_open:
            self.blank_in_url = True
        elif not self.url and self.blocks[-1]:
            self.blocks.append([])

    def add_data(self, line: Line) -> None:
        if self.url_open:
            self._continue_url(line)
            return
        tokens = line.text.split()
        if tokens and _is_url_start(tokens[-1]):
            prefix = " ".join(tokens[:-1])
            if prefix:
                self.blocks[-1].append(_Part(prefix, False))
            self.url.append(tokens[-1])
            self.url_open = line.open_end
        else:
            self.blocks[-1].append(_Part(line.text, line.open_end))

    def _continue_url(self, line: Line) -> None:
        """The last token continues the URL; text before it continues the name cell."""
        tokens = line.text.split()
        if line.kind is LineKind.PAGE_BREAK:
            self.repair(PAGE_BREAK_IN_URL)
        elif self.blank_in_url:
            self.repair(BLANK_IN_URL)
        self.blank_in_url = False
        if len(tokens) > 1:
            self.add_name(" ".join(tokens[:-1]), False)
            self.repair(PAGE_BREAK_IN_NAME)
        self.url.append(tokens[-1])
        self.url_open = line.open_end

    @property
    def complete(self) -> bool:
        return bool(self.url) and not self.url_open

    # -- result -------------------------------------------------------------------------------

    def build(self) -> AppendixRow:
        name = _join(self.name)
        if not name:
            raise AppendixParseError(f"line {self.line}: a row without a name")
        blocks = [b for b in self.blocks if b]
        if len(blocks) == 0:
            hq, works = None, None
        elif len(blocks) == 1:
            first, *rest = blocks[0]
            hq, works_first = _split_hq(" ".join(first.text.split()))
            head = [_Part(works_first, first.open_end)] if works_first else []
            works = _join([*head, *rest])
        elif len(blocks) == 2:
            hq, works = _join(blocks[0]), _join(blocks[1])
        else:
            raise AppendixParseError(
                f"line {self.line} ({name}): {len(blocks)} text blocks before the website; "
                "expected at most headquarters and working locations"
            )
        return AppendixRow(
            name=name,
            hq=hq or None,
            works_in=works or None,
            website="".join(self.url) or None,
            line=self.line,
            repairs=tuple(self.repairs),
        )


def _table_lines(lines: list[Line]) -> list[Line]:
    """Lines after the column headings, or all lines when the headings are absent."""
    for k, line in enumerate(lines):
        if line.kind is LineKind.TEXT and line.text == HEADER_LAST_LINE:
            return lines[k + 1 :]
    return lines


def _iter_rows(lines: Sequence[Line]) -> Iterator[AppendixRow]:
    state = _State.BETWEEN
    row: _Row | None = None
    for line in lines:
        if state is _State.BETWEEN:
            if line.kind in (LineKind.BLANK, LineKind.MARKER, LineKind.ARTEFACT):
                continue
            row = _Row(line.number)
            state = _State.NAME
        assert row is not None
        if line.kind is LineKind.ARTEFACT:
            row.repair(ARTEFACT_DROPPED)
            continue
        if state is _State.NAME:
            state = _name_line(row, line)
        else:
            if line.kind in (LineKind.BLANK, LineKind.MARKER):
                row.block_break()
            else:
                row.add_data(line)
        if row.complete:
            yield row.build()
            row, state = None, _State.BETWEEN
    if row is not None:
        yield row.build()


def _name_line(row: _Row, line: Line) -> _State:
    """Feed one line of the name phase; return the next state."""
    if line.kind is LineKind.BLANK:
        return _State.NAME
    if line.kind is LineKind.MARKER:
        return _State.DATA
    if line.kind is LineKind.MARKER_DATA:
        row.add_data(line)
        return _State.DATA
    inline = _INLINE_MARKER_RE.match(line.text)
    if inline:
        row.add_name(inline["name"], False)
        row.add_data(Line(line.number, LineKind.TEXT, inline["data"], line.open_end))
        row.repair(NAME_DATA_ONE_LINE)
        return _State.DATA
    row.add_name(line.text, line.open_end)
    return _State.NAME


def parse_appendix_two(text: str, *, line_offset: int = 0) -> list[AppendixRow]:
    """Rows of the Appendix Two table in ``text``, in order.

    ``text`` is the table, optionally preceded by its introduction and column headings (rows
    start after the ``Website`` heading when there is one). ``line_offset`` is added to line
    numbers, so that rows parsed from a slice can report lines of the whole paper.
    """
    return list(_iter_rows(_table_lines(_lines(text, line_offset))))


def extract_from_paper(path: str | Path) -> list[AppendixRow]:
    """Slice Appendix Two (heading ``VII Appendix Two`` to the end) out of the paper; parse it.

    Row line numbers are those of the whole paper.
    """
    from rcx.loaders.files import read_text

    lines = read_text(path).replace("\r\n", "\n").split("\n")
    for k, raw in enumerate(lines):
        if HEADING_RE.match(raw):
            return parse_appendix_two("\n".join(lines[k:]), line_offset=k)
    raise AppendixParseError(f"{path}: no 'VII Appendix Two' heading found")


# --------------------------------------------------------------------------------------------
# CSV rendering
# --------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "id",
    "kind",
    "name",
    "aliases",
    "hq_as_written",
    "works_in_as_written",
    "headquarters",
    "works_in",
    "website",
    "prevention",
    "protection",
    "prosecution",
    "roles_section",
    "roles_footnotes",
    "section",
    "footnotes",
    "note_kind",
    "note",
)
SECTION = "VII"


def slugify(name: str) -> str:
    """Lower-case ASCII slug: apostrophes dropped, other non-alphanumerics become one ``-``."""
    no_apostrophes = re.sub(r"['\u2019\u2018`]", "", name)
    ascii_name = (
        unicodedata.normalize("NFKD", no_apostrophes).encode("ascii", "ignore").decode("ascii")
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


_ACRONYM_RE = re.compile(r"\(([A-Z][A-Z0-9&\-]+)\)")


def _aliases(name: str) -> list[str]:
    """Acronyms the table gives in parentheses, e.g. ``(HAART)``."""
    return _ACRONYM_RE.findall(name)


def split_places(as_written: str, lookup: Mapping[str, str]) -> list[str]:
    """Place ids named in a cell such as ``"NZ, Australia and US"`` (longest match first).

    ``lookup`` maps names and aliases to place ids (compared case-insensitively). An unknown
    word is an error: a place must never be dropped silently.
    """
    folded = {k.casefold(): v for k, v in lookup.items()}
    longest = max((len(k.split()) for k in folded), default=1)
    words = [w for w in re.split(r"[\s,/;]+", as_written) if w and w.casefold() not in _CONNECTORS]
    ids: list[str] = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            key = " ".join(words[i : i + n]).casefold()
            if key in folded:
                if folded[key] not in ids:
                    ids.append(folded[key])
                i += n
                break
        else:
            raise ValueError(f"unknown place {words[i]!r} in {as_written!r}")
    return ids


def load_places_lookup(path: str | Path) -> dict[str, str]:
    """Names and aliases of the places in a ``places.yaml`` file, mapped to their ids."""
    from rcx.loaders.files import read_yaml

    records = read_yaml(Path(path), root=Path(path).parent) or []
    lookup: dict[str, str] = {}
    for rec in records:
        for label in [rec["name"], *rec.get("aliases", [])]:
            lookup[label] = rec["id"]
    return lookup


@dataclass(frozen=True)
class Roles:
    """Roles the paper's body states for an NGO, and where (the table's shading is lost)."""

    section: str
    footnotes: tuple[int, ...]
    prevention: str = "unknown"
    protection: str = "unknown"
    prosecution: str = "unknown"


_PROTECTION_IV_A = Roles("IV.A", (261, 262, 263), protection="yes")

# Keyed by row id. Every key must match a row of the real table (checked by the tests).
ROLES: dict[str, Roles] = {
    "a21-campaign": Roles("II.C.3(a)(i)", (115,), prevention="yes"),
    "hagar-international": Roles("II.C.3(a)(ii)", (121,), protection="yes"),
    "solid-ground-international": Roles("II.C.3(a)(ii)", (122,), protection="yes"),
    "nvader": Roles("II.C.3(a)(iii)", (124,), prosecution="yes"),
    "international-justice-mission": Roles("II.C.3(a)(iii)", (125,), prosecution="yes"),
    # III.A.2: Freedom Firm "focusses solely on prosecution and protection of victims".
    "freedom-firm": Roles("III.A.2", (221,), prevention="no", protection="yes", prosecution="yes"),
    "daughter-project": _PROTECTION_IV_A,
    "door-to-grace": _PROTECTION_IV_A,
    "destiny-rescue": _PROTECTION_IV_A,
    "freedom-place": _PROTECTION_IV_A,
    "rapha-house": _PROTECTION_IV_A,
    "she-rescue-home": _PROTECTION_IV_A,
}

# Cells that look wrong against well-established public facts. The cells stay as printed; the
# note says why they are doubtful. Keyed by row id; every key must match a row (tested).
DOUBTFUL: dict[str, str] = {
    "action-against-trafficking-and-sexual-exploitation-of-children-and-women-bihar": (
        "HQ is printed as Bangladesh, but Bihar, named in the organisation's title and its "
        "website (atsecbihar.org), is a state of India; the working location 'South East Asia' "
        "likewise does not fit Bihar, which lies in South Asia. Kept as printed."
    ),
    "chab-dai": (
        "HQ is printed as US, but Chab Dai is a coalition founded in and run from Cambodia "
        "(Phnom Penh). Kept as printed."
    ),
    "children-of-the-night": (
        "HQ and working location are printed as Canada, but Children of the Night "
        "(childrenofthenight.org) is a Los Angeles, California (US) organisation. Kept as "
        "printed."
    ),
    "end-it": (
        "HQ is printed as 'Global', which names no headquarters location. Kept as printed and "
        "mapped to the region Global."
    ),
    "fiz-advocacy-and-support-for-migrant-women-and-victims-of-trafficking": (
        "HQ is printed as Germany, but the website is on the Swiss .ch domain (fiz-info.ch): "
        "FIZ is based in Zurich, Switzerland. Kept as printed."
    ),
    "frederick-douglass-family-foundation": (
        "The website printed, http://abolishslavery.org/, is the same as that of the Abolish "
        "Slavery Coalition row; one of the two is probably a copying slip. Kept as printed."
    ),
    "freedom-place": (
        "The website printed, http://www.arrow.org/, is not Freedom Place's own domain but that "
        "of Arrow Child & Family Ministries, the Texas charity behind it. Kept as printed."
    ),
    "japan-network-against-trafficking-in-persons": (
        "A Japanese network whose website is printed on a New Zealand Blogger domain "
        "(jnatip.blogspot.co.nz): Blogger then redirected readers to their own country's "
        "domain, so this reflects where the page was read, not the organisation. Kept as "
        "printed."
    ),
    "kok": (
        "The website printed goes through a third-party host (ssl-account.com); KOK's own "
        "domain is kok-gegen-menschenhandel.de, which the printed address wraps. Kept as "
        "printed."
    ),
    "la-strada-international": (
        "HQ is printed as the region Europe rather than a state; the La Strada International "
        "secretariat is in Amsterdam, Netherlands. Kept as printed."
    ),
    "nvader": (
        "The HQ cell reads 'NZ' above 'Thailand', i.e. two headquarters; the body (II.C.3(a)(iii))"
        " only says NVADER operates in South East Asia, so which is the real headquarters is "
        "not settled here. Kept as printed and mapped to both."
    ),
    "prevent-human-trafficking-institute": (
        "The HQ cell reads 'US' above 'South East Asia' (the same text as its working-locations "
        "cell); the table does not say which is meant, so both are kept as headquarters."
    ),
    "shared-hope-international": (
        "HQ is printed as Canada, but Shared Hope International is based in Vancouver, "
        "Washington (US), perhaps confused with Vancouver, Canada. Kept as printed."
    ),
}
_DOUBTFUL_KIND: dict[str, str] = {"prevent-human-trafficking-institute": "editorial"}

_REPAIR_TEXT = {
    NAME_DATA_ONE_LINE: "the name and the data cells ran together on one line and were split at "
    "the gap left by the blank role cells",
    PAGE_BREAK_IN_NAME: "the end of the name was printed after a page break, on the line that "
    "continues the website, and was rejoined to the name",
    PAGE_BREAK_IN_URL: "the website was split by a page break and rejoined",
    ARTEFACT_DROPPED: "hyperlink lines the converter dumped at the page end, inside this row, "
    "were dropped",
    BLANK_IN_URL: "the website was split by a blank line and rejoined",
}


def _extraction_note(repairs: Sequence[str]) -> str | None:
    if not repairs:
        return None
    text = "; ".join(_REPAIR_TEXT[code] for code in repairs)
    return "PDF-to-text artefacts repaired: " + text + "."


def _row_ids(rows: Sequence[AppendixRow]) -> list[tuple[str, str | None]]:
    """(id, collision note) per row: slug of the name, later duplicates suffixed -2, -3..."""
    seen: dict[str, int] = {}
    out: list[tuple[str, str | None]] = []
    for row in rows:
        base = slugify(row.name)
        if not base:
            raise ValueError(f"line {row.line}: name {row.name!r} has no slug")
        seen[base] = seen.get(base, 0) + 1
        if seen[base] == 1:
            out.append((base, None))
        else:
            rid = f"{base}-{seen[base]}"
            out.append(
                (
                    rid,
                    f"Its name gives the same id as an earlier row ({base}); suffixed "
                    f"-{seen[base]}.",
                )
            )
    return out


def _place_cell(as_written: str | None, lookup: Mapping[str, str], row: AppendixRow) -> str:
    if not as_written:
        return ""
    try:
        return ";".join(split_places(as_written, lookup))
    except ValueError as e:
        raise ValueError(f"line {row.line} ({row.name}): {e}") from e


def _note(rid: str, row: AppendixRow, collision: str | None) -> tuple[str, str]:
    """At most one note per row: a curated doubt wins; repairs and id collisions join it."""
    parts: list[str] = []
    kind = ""
    if rid in DOUBTFUL:
        kind = _DOUBTFUL_KIND.get(rid, "doubtful")
        parts.append(DOUBTFUL[rid])
    extraction = _extraction_note(row.repairs)
    if extraction:
        kind = kind or "extraction"
        parts.append(extraction)
    if collision:
        kind = kind or "editorial"
        parts.append(collision)
    return kind, " ".join(parts)


def rows_to_csv(rows: Sequence[AppendixRow], places_lookup: Mapping[str, str]) -> str:
    """The shipped ``ngos.csv``: one Element row per table row (columns :data:`CSV_COLUMNS`)."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row, (rid, collision) in zip(rows, _row_ids(rows), strict=True):
        roles = ROLES.get(rid)
        note_kind, note = _note(rid, row, collision)
        writer.writerow(
            [
                rid,
                "ngo",
                row.name,
                ";".join(_aliases(row.name)),
                row.hq or "",
                row.works_in or "",
                _place_cell(row.hq, places_lookup, row),
                _place_cell(row.works_in, places_lookup, row),
                row.website or "",
                roles.prevention if roles else "unknown",
                roles.protection if roles else "unknown",
                roles.prosecution if roles else "unknown",
                roles.section if roles else "",
                ";".join(map(str, roles.footnotes)) if roles else "",
                SECTION,
                "",
                note_kind,
                note,
            ]
        )
    return buf.getvalue()


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------

DEFAULT_PLACES = (
    Path(__file__).resolve().parents[1]
    / "rcx_data"
    / "human_trafficking"
    / "elements"
    / "places.yaml"
)


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(
        prog="python -m rcx.loaders.appendix_two",
        description="Regenerate ngos.csv from the paper's text (Appendix Two).",
    )
    parser.add_argument("paper", type=Path, help="the paper as text")
    parser.add_argument("out", help="CSV to write, or - for standard output")
    parser.add_argument(
        "--places",
        type=Path,
        default=DEFAULT_PLACES,
        help="places.yaml mapping place names and aliases to ids",
    )
    args = parser.parse_args(argv)
    from rcx.graph.io import write_text_atomic
    from rcx.schema.errors import RcxError

    try:
        rows = extract_from_paper(args.paper)
        write_text_atomic(args.out, rows_to_csv(rows, load_places_lookup(args.places)))
    except RcxError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    print(f"{len(rows)} rows", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
