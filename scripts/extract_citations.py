#!/usr/bin/env python3
"""Extract the footnote → cited-work table from the text extraction of the regime-complex paper.

Usage::

    python scripts/extract_citations.py PAPER OUT.csv

Writes ``OUT.csv`` with the columns ``footnote,cited_work,pinpoint,section``: one row for every
footnote whose text survived the PDF-to-text extraction, in ascending footnote order.

How the source looks (and what this script relies on)
-----------------------------------------------------
* Each page's footnotes follow a separator line that the extraction turned into a run of spaces
  (the PDF's rule of underscores). A footnote starts with its number and (usually) two spaces;
  a long footnote is broken over several lines with blank lines between; a footnote may even
  run over to the next page's footnote block (n 61). The block ends at the first line of the
  next page's body, which the extraction indents by one space, or at a bare page number.
* Bare URL lines (``http://www.nvader.org/``) after a block are link annotations of the PDF,
  not text, and are dropped.
* The footnote text of many pages was lost (no separator line survives there). One orphan
  footnote line (n 128) survives without its separator; it is picked up by its shape: a line
  of only ``NNN   text`` whose number continues the footnote sequence.
* In the body, a footnote marker is a number glued to the preceding word or punctuation
  (``history.1``, ``issue27.``, ``trafficking.130Corporations``); once (n 16) the marker is
  set off by a space after a colon. Markers are found in order, each after the previous one.
* Headings are short lines: ``II  Regime ...`` (Part), ``A Defining ...``, ``1 Law``,
  ``(a) Hard law``, ``(i) Global law``. Each must be the next one expected at its level, which
  keeps ordinary sentences (``A regime complex is ...``) from being taken for headings.

Short forms are resolved the New Zealand Law Style Guide way: ``At 915.`` and ``Art 5.`` refer
to the work of the immediately preceding footnote; ``Above n 58.`` and ``Title, above n 7, at
915.`` refer to footnote 7's work. The pinpoint goes to its own column. A footnote citing
several works (n 14, n 35) gives them joined by ``; ``. Where the footnote referred to lost its
text, the short form is kept and marked "(full reference lost in extraction)".

The output is deterministic: same input, same bytes. Where the automatic parse is wrong, fix it
in ``CORRECTIONS`` below (never by editing the CSV).
"""

from __future__ import annotations

import csv
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

MAX_FOOTNOTE = 329
LOST = "(full reference lost in extraction)"

# --------------------------------------------------------------------------------------------
# Corrections table: footnote number -> fields that replace the automatic result.
# Each entry must say why. Keys: "cited_work", "pinpoint", "section" (a value of None clears
# the pinpoint). Hand-checked against the source text; see the module docstring for the rules.
# --------------------------------------------------------------------------------------------
CORRECTIONS: dict[int, dict[str, str | None]] = {
    # "See Appendix Two." (nn 111, 114, 123, 126) is a cross-reference to the paper's own NGO
    # survey, not a bibliographic work: name it as such rather than leave the bare signal.
    **{
        n: {"cited_work": "Appendix Two of this paper (survey of anti-trafficking NGOs)"}
        for n in (111, 114, 123, 126)
    },
    # n 99 prints "Commentary, above n 63, 3." without "at"; the pinpoint is page 3 of the
    # Commentary (as in n 63 and n 69), so write it the way every other page pinpoint is written.
    99: {"pinpoint": "at 3"},
}

# --------------------------------------------------------------------------------------------
# Reading the footnote blocks
# --------------------------------------------------------------------------------------------

SEPARATOR = re.compile(r"^ {40,}$")
BARE_URL = re.compile(r"^\s*https?://[^\s<>]+\s*$")
PAGE_NUMBER = re.compile(r"^\d{1,3}\s*$")
PAGE_BODY_START = re.compile(r"^ \S")
FOOTNOTE_START = re.compile(r"^(\d{1,3})\s+(\S.*)$")
ORPHAN_FOOTNOTE = re.compile(r"^ ?(\d{1,3}) {3,}(\S.*)$")


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def read_footnotes(lines: list[str]) -> tuple[dict[int, str], set[int]]:
    """Return (footnote number -> text, line indexes that belong to footnote blocks)."""
    raw: dict[int, list[str]] = {}
    used: set[int] = set()
    current: int | None = None
    last = 0
    in_block = False
    for i, line in enumerate(lines):
        if SEPARATOR.match(line):
            in_block = True
            used.add(i)
            continue
        if not in_block:
            orphan = ORPHAN_FOOTNOTE.match(line)
            if orphan and last < int(orphan.group(1)) <= MAX_FOOTNOTE:
                current = last = int(orphan.group(1))
                raw[current] = [orphan.group(2)]
                used.add(i)
            continue
        if not line.strip() or BARE_URL.match(line):
            used.add(i)
            continue
        if PAGE_NUMBER.match(line) or PAGE_BODY_START.match(line):
            in_block = False
            continue
        used.add(i)
        start = FOOTNOTE_START.match(line)
        if start and last < int(start.group(1)) <= MAX_FOOTNOTE:
            current = last = int(start.group(1))
            raw[current] = [start.group(2)]
        elif current is not None:
            raw[current].append(line)  # continuation, possibly from the previous page's block
        else:
            raise ValueError(f"line {i + 1}: footnote text before any footnote: {line!r}")
    return {n: _norm(" ".join(parts)) for n, parts in raw.items()}, used


# --------------------------------------------------------------------------------------------
# Sections and markers in the body text
# --------------------------------------------------------------------------------------------

PARTS = ["I", "II", "III", "IV", "V", "VI", "VII"]
LOWER_ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
HEADING_MAX_LEN = 75


@dataclass
class Heading:
    part: str = ""
    letter: str = ""
    number: str = ""
    sub: str = ""
    subsub: str = ""

    def code(self) -> str:
        code = self.part
        if self.letter:
            code += f".{self.letter}"
        if self.number:
            code += f".{self.number}"
        if self.sub:
            code += f"({self.sub})"
        if self.subsub:
            code += f"({self.subsub})"
        return code


def _next(seq: list[str], cur: str) -> str:
    return seq[seq.index(cur) + 1] if cur else seq[0]


def _heading_step(text: str, h: Heading) -> Heading | None:
    """If ``text`` is the next expected heading at some level, return the new heading state."""
    if len(text) > HEADING_MAX_LEN or text.endswith("."):
        return None
    m = re.match(r"^([IVX]+)\s+[A-Z][a-z]", text)
    if m and h.part != PARTS[-1] and m.group(1) == _next(PARTS, h.part):
        return Heading(part=m.group(1))
    if not h.part:
        return None
    m = re.match(r"^([A-Z])\s+[A-Z][a-z]", text)
    letters = [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    if m and m.group(1) == _next(letters, h.letter):
        return Heading(part=h.part, letter=m.group(1))
    m = re.match(r"^(\d)\s+[A-Z][a-z]", text)
    digits = [str(d) for d in range(1, 10)]
    if m and h.letter and m.group(1) == _next(digits, h.number):
        return Heading(part=h.part, letter=h.letter, number=m.group(1))
    m = re.match(r"^\(([ivx]+)\)\s+[A-Z]", text)
    if m and h.sub and m.group(1) == _next(LOWER_ROMAN, h.subsub):
        return Heading(h.part, h.letter, h.number, h.sub, m.group(1))
    m = re.match(r"^\(([a-z])\)\s+[A-Z]", text)
    lower = [chr(c) for c in range(ord("a"), ord("z") + 1)]
    if m and h.number and m.group(1) == _next(lower, h.sub):
        return Heading(h.part, h.letter, h.number, m.group(1))
    return None


def _marker_patterns(n: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    tail = r"(?![\d%]|[.,]\d)"
    strict = re.compile(rf"(?<=[^\s\d(\[/$]){n}{tail}")
    # set off by one space after a colon or other punctuation ("as: 16")
    loose = re.compile(rf"(?<=[:;.,”’)] ){n}{tail}")
    return strict, loose


def locate_markers(lines: list[str], skip: set[int]) -> dict[int, str]:
    """Return footnote number -> section code of its marker in the body text."""
    body: list[str] = []
    sections: list[tuple[int, str]] = []  # (offset in body, section code from there on)
    heading = Heading()
    offset = 0
    for i, line in enumerate(lines):
        if i in skip:
            continue
        new = _heading_step(_norm(line), heading)
        if new is not None:
            heading = new
            sections.append((offset, heading.code()))
            if heading.part == PARTS[-1]:  # Appendix Two: a table, no markers
                break
        body.append(line)
        offset += len(line) + 1
    text = "\n".join(body)

    found: dict[int, str] = {}
    pos = 0
    for n in range(1, MAX_FOOTNOTE + 1):
        strict, loose = _marker_patterns(n)
        hits = [m for p in (strict, loose) if (m := p.search(text, pos))]
        if not hits:
            continue
        m = min(hits, key=lambda m: m.start())
        pos = m.end()
        code = ""
        for start, c in sections:
            if start <= m.start():
                code = c
        found[n] = code
    return found


# --------------------------------------------------------------------------------------------
# Parsing and resolving the references
# --------------------------------------------------------------------------------------------


@dataclass
class Work:
    text: str  # the full reference (or the kept short form, when the target is lost)
    lost: bool = False


@dataclass
class Cite:
    work: Work
    pinpoint: str | None = None
    label: str | None = None  # short title or author, to label pinpoints of multi-work notes


@dataclass
class Footnote:
    number: int
    cites: list[Cite] = field(default_factory=list)


SIGNAL = re.compile(r"^(?:See also|See|Compare|Cf)\s+")
AT = re.compile(r"^At\s+(.+?)\.?$")
ART = re.compile(r"^(Arts?)\s+(.+?)\.?$")
ABOVE = re.compile(r"^Above n\s*(\d+)\.?$")
SHORT = re.compile(r"^(.+?),?\s+above n\s*(\d+)(?:,\s*(.+?))?\.?$")
FULL_PINPOINT = re.compile(r"^(.*?),?\s+(at\s+\[?\d+\]?(?:[-–]\d+)?|(?:arts?|s|ss|cl|para)\s+\S+)$")


def _split_works(text: str) -> list[str]:
    """Split a footnote on top-level '; ' (outside brackets and quotation marks)."""
    parts: list[str] = []
    buf: list[str] = []
    depth, quoted = 0, False
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch in "“”":
            quoted = ch == "“"
        if ch == ";" and depth == 0 and not quoted:
            parts.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf).strip())
    return [p for p in parts if p]


def _at_pinpoint(x: str) -> str:
    return x if x.startswith("[") else f"at {x}"


def _pick(target: Footnote, label: str | None, n: int, ref: int) -> Cite:
    if len(target.cites) == 1 or label is None:
        if len(target.cites) != 1:
            raise ValueError(f"n {n}: ambiguous reference to multi-work n {ref}")
        return target.cites[0]
    key = re.sub(r"^[“”\"']+", "", label).split()[0]
    matches = [c for c in target.cites if key in c.work.text]
    if len(matches) != 1:
        raise ValueError(f"n {n}: cannot tell which work of n {ref} '{label}' means")
    return matches[0]


def resolve(texts: dict[int, str]) -> dict[int, Footnote]:
    done: dict[int, Footnote] = {}
    for n in sorted(texts):
        note = Footnote(n)
        for part in _split_works(texts[n]):
            part = SIGNAL.sub("", part)
            note.cites.append(_resolve_part(n, part, done))
        done[n] = note
    return done


def _resolve_part(n: int, part: str, done: dict[int, Footnote]) -> Cite:
    if m := AT.match(part):
        prev = done.get(n - 1)
        if prev is None:
            kept = f"At {m.group(1)} [refers to n {n - 1}] {LOST}"
            return Cite(Work(kept, lost=True), _at_pinpoint(m.group(1)))
        return Cite(_pick(prev, None, n, n - 1).work, _at_pinpoint(m.group(1)))
    if m := ART.match(part):
        prev = done.get(n - 1)
        pin = f"{m.group(1).lower()} {m.group(2)}"
        if prev is None:
            return Cite(Work(f"{part} [refers to n {n - 1}] {LOST}", lost=True), pin)
        return Cite(_pick(prev, None, n, n - 1).work, pin)
    if m := ABOVE.match(part):
        ref = int(m.group(1))
        if ref not in done:
            return Cite(Work(f"Above n {ref} {LOST}", lost=True))
        return Cite(_pick(done[ref], None, n, ref).work)
    if m := SHORT.match(part):
        label, ref, pin = m.group(1).strip(), int(m.group(2)), m.group(3)
        if ref not in done:
            return Cite(Work(f"{label}, above n {ref} {LOST}", lost=True), pin, label)
        return Cite(_pick(done[ref], label, n, ref).work, pin, label)
    text = part.rstrip().removesuffix(".").rstrip()
    if m := FULL_PINPOINT.match(text):
        text = m.group(1).rstrip(" ,")
        return Cite(Work(text), m.group(2), " ".join(text.split()[:3]))
    return Cite(Work(text), None, " ".join(text.split()[:3]))


def _row(note: Footnote, section: str) -> dict[str, str]:
    works: list[str] = []
    for c in note.cites:
        if c.work.text not in works:
            works.append(c.work.text)
    pins = [c for c in note.cites if c.pinpoint]
    if len(note.cites) == 1:
        pinpoint = pins[0].pinpoint if pins else ""
    else:  # label each pinpoint with the work it belongs to
        pinpoint = "; ".join(f"{c.label} {c.pinpoint}" for c in pins)
    return {
        "footnote": str(note.number),
        "cited_work": "; ".join(works),
        "pinpoint": pinpoint or "",
        "section": section,
    }


def extract(paper: Path) -> list[dict[str, str]]:
    lines = paper.read_text(encoding="utf-8").splitlines()
    texts, used = read_footnotes(lines)
    notes = resolve(texts)
    sections = locate_markers(lines, used)
    rows = []
    for n, note in sorted(notes.items()):
        if n not in sections:
            raise ValueError(f"n {n}: marker not found in the body text")
        row = _row(note, sections[n])
        for key, value in CORRECTIONS.get(n, {}).items():
            row[key] = value or ""
        rows.append(row)
    unknown = set(CORRECTIONS) - set(notes)
    if unknown:
        raise ValueError(f"corrections for footnotes without text: {sorted(unknown)}")
    return rows


FIELDS = ["footnote", "cited_work", "pinpoint", "section"]


def write_csv(rows: list[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=FIELDS, quoting=csv.QUOTE_MINIMAL, lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print("usage: extract_citations.py PAPER OUT.csv", file=sys.stderr)
        return 2
    rows = extract(Path(argv[1]))
    write_csv(rows, Path(argv[2]))
    print(f"{len(rows)} footnotes with surviving text written to {argv[2]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
