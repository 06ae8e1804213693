"""The codebook: every allowed value, kind, relation type and pattern, with its definition.

One implementation behind ``rcx vocab`` (tables), ``rcx vocab --markdown`` and
``docs/codebook.md`` (a test regenerates the file and compares), and the list of a dataset's
own additions that ``rcx info`` prints.

>>> [s.title for s in codebook()][:3]
['Categories', 'Element kinds', 'Relation types']
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from rcx.schema.definitions import definition
from rcx.schema.patterns import PATTERNS
from rcx.schema.vocab import Category, FunctionStatus, NoteKind, Scope
from rcx.schema.vocabulary import BUILTIN, Vocabulary

DOC_HEADER = (
    "# rcx codebook\n\n"
    "Every value a dataset may use, with its definition. Generated from `schema/` by\n"
    "`rcx vocab --markdown > docs/codebook.md`; do not edit by hand (a test checks that it is\n"
    "current). A dataset can add approaches, activities, element kinds (within a category),\n"
    "relation types and patterns in its `dataset.yaml` (see docs/dataset-format.md); "
    "`rcx vocab\n--data DIR` lists them with the built-in values.\n"
)


@dataclass(frozen=True)
class Section:
    """One table of the codebook: what it lists, the field that takes it, its rows."""

    title: str
    used_in: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _origin(value: Any) -> str:
    return "rcx" if isinstance(value, StrEnum) else "dataset"


def _simple(title: str, used_in: str, values: Any) -> Section:
    rows = tuple((str(v), definition(v), _origin(v)) for v in values)
    return Section(title, used_in, ("value", "definition", "from"), rows)


def _side(side: Any) -> str:
    return " | ".join(sorted(str(s) for s in side))


def _patterns(vocabulary: Vocabulary) -> Section:
    rows = [(_side(left), str(rel), _side(right), "rcx") for rel, (left, right) in PATTERNS.items()]
    rows += [(s, r, t, "dataset") for s, r, t in vocabulary.patterns]
    return Section(
        "Allowed patterns",
        "Relation (source kind, type, target kind)",
        ("source (kind or category)", "relation", "target (kind or category)", "from"),
        tuple(rows),
    )


def codebook(vocabulary: Vocabulary = BUILTIN) -> list[Section]:
    """The codebook of a vocabulary (default: the built-in one), section by section."""
    kinds = tuple(
        (str(k), k.category.value, definition(k), _origin(k)) for k in vocabulary.kinds.values()
    )
    rels = tuple(
        (
            str(t),
            "symmetric" if t.is_symmetric else "directed",
            "yes" if t.is_linkage else "no",
            definition(t),
            _origin(t),
        )
        for t in vocabulary.relation_types.values()
    )
    return [
        _simple("Categories", "derived from Element.kind", Category),
        Section(
            "Element kinds", "Element.kind", ("value", "category", "definition", "from"), kinds
        ),
        Section(
            "Relation types",
            "Relation.type",
            ("value", "direction", "linkage", "definition", "from"),
            rels,
        ),
        _patterns(vocabulary),
        _simple("Approaches", "Element.approaches", vocabulary.approaches.values()),
        _simple("Activities", "Element.activities", vocabulary.activities.values()),
        _simple("Scopes", "Element.scope", Scope),
        _simple(
            "Function statuses", "Element.prevention / protection / prosecution", FunctionStatus
        ),
        _simple("Note kinds", "notes[].kind", NoteKind),
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def to_markdown(vocabulary: Vocabulary = BUILTIN) -> str:
    """The codebook as Markdown (``docs/codebook.md`` is this for the built-in vocabulary)."""
    parts = [DOC_HEADER]
    for s in codebook(vocabulary):
        parts.append(f"\n## {s.title}\n\nUsed in: {s.used_in}.\n\n")
        parts.append("| " + " | ".join(s.columns) + " |\n")
        parts.append("|" + "---|" * len(s.columns) + "\n")
        parts += ["| " + " | ".join(_cell(c) for c in row) + " |\n" for row in s.rows]
    return "".join(parts)


def extension_rows(vocabulary: Vocabulary) -> list[dict[str, str]]:
    """What a dataset adds, one row per value or pattern (``rcx info``; JSON-ready).

    >>> extension_rows(BUILTIN)
    []
    """
    out: list[dict[str, str]] = []
    ext = vocabulary.extension
    for name in ("approaches", "activities", "kinds", "relation_types"):
        table = getattr(vocabulary, name)
        for value in getattr(ext, name):
            v = table[value]
            detail = (
                f" ({v.category.value})"
                if name == "kinds"
                else f" ({'symmetric' if v.is_symmetric else 'directed'})"
                if name == "relation_types"
                else ""
            )
            out.append(
                {
                    "vocabulary": name.replace("_", " "),
                    "value": value,
                    "definition": v.definition + detail,
                }
            )
    out += [
        {"vocabulary": "pattern", "value": f"({s})-[{r}]->({t})", "definition": ""}
        for s, r, t in vocabulary.patterns
    ]
    return out
