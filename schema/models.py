"""Strict pydantic v2 records: elements, relations, their provenance, citations, dataset notes."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from rcx.schema.vocab import (
    Activity,
    Approach,
    Category,
    ElementKind,
    FunctionStatus,
    NoteKind,
    RelationType,
    Scope,
)

SLUG = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# C0/C1 controls (incl. ESC, which drives terminal escape sequences) and bidi overrides.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _clean_text(value: str) -> str:
    """Reject control characters and blank strings; keep everything else verbatim.

    Hostile text (``<script>``, quotes) is *allowed* here: it is data. Every output escapes it.
    """
    if _CONTROL.search(value):
        raise ValueError("contains a control character")
    if not value.strip():
        raise ValueError("is blank")
    return value


Text = Annotated[str, Field(max_length=4000), AfterValidator(_clean_text)]
Name = Annotated[str, Field(max_length=400), AfterValidator(_clean_text)]
Slug = Annotated[str, Field(pattern=SLUG, max_length=120)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Provenance(Strict):
    """Where the source says it: a section such as ``III.A.2`` and the footnotes cited there.

    A record produced by a rule rather than stated in the source has ``derived=True`` and the
    rule's name.
    """

    section: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9.()\- ]+$")]
    footnotes: list[Annotated[int, Field(ge=1)]] = []
    derived: bool = False
    rule: Slug | None = None

    @model_validator(mode="after")
    def _rule_iff_derived(self) -> Self:
        if self.derived != (self.rule is not None):
            raise ValueError("'rule' is required when derived is true, and only then")
        return self


class Note(Strict):
    kind: NoteKind
    text: Text


class Figure(Strict):
    """A number the source states about an element (e.g. 192 states parties)."""

    label: Name
    value: float
    unit: Name | None = None


class Element(Strict):
    """A node of the regime complex: an instrument, organisation, actor, regime, term or place."""

    id: Slug
    name: Name
    kind: ElementKind
    aliases: list[Name] = []
    description: Text | None = None
    year_adopted: Annotated[int, Field(ge=1000, le=2100)] | None = None
    year_in_force: Annotated[int, Field(ge=1000, le=2100)] | None = None
    scope: Scope | None = None
    region: Name | None = None
    approaches: list[Approach] = []
    activities: list[Activity] = []
    prevention: FunctionStatus = FunctionStatus.UNKNOWN
    protection: FunctionStatus = FunctionStatus.UNKNOWN
    prosecution: FunctionStatus = FunctionStatus.UNKNOWN
    roles_source: Provenance | None = None
    headquarters: list[Slug] = []
    works_in: list[Slug] = []
    hq_as_written: Name | None = None
    works_in_as_written: Name | None = None
    website: Annotated[str, Field(max_length=400, pattern=r"^\S+$")] | None = None
    iso3166: Annotated[str, Field(pattern=r"^[A-Z]{2}$")] | None = None
    treaty_ref: Name | None = None
    wikidata: Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$")] | None = None
    figures: list[Figure] = []
    provenance: Provenance
    notes: list[Note] = []

    @property
    def category(self) -> Category:
        return self.kind.category

    @model_validator(mode="after")
    def _roles_are_sourced(self) -> Self:
        known = any(
            getattr(self, f) is not FunctionStatus.UNKNOWN
            for f in ("prevention", "protection", "prosecution")
        )
        if known and self.roles_source is None:
            raise ValueError(
                "a role is yes/no but 'roles_source' does not say where the source says so"
            )
        return self

    @model_validator(mode="after")
    def _years_ordered(self) -> Self:
        if self.year_adopted and self.year_in_force and self.year_in_force < self.year_adopted:
            raise ValueError("year_in_force is earlier than year_adopted")
        if len(set(self.aliases)) != len(self.aliases):
            raise ValueError("aliases repeat")
        return self


class Relation(Strict):
    """A typed, sourced link between two elements.

    ``OVERLAPS_WITH`` and ``CONFLICTS_WITH`` name the ``issue``; ``PARALLEL_TO`` is an asserted
    *absence* of linkage and carries its ``evidence``.
    """

    source: Slug
    target: Slug
    type: RelationType
    issue: Name | None = None
    evidence: Text | None = None
    description: Text | None = None
    provenance: Provenance
    notes: list[Note] = []

    @property
    def key(self) -> str:
        """Stable identity: endpoints, type and issue (symmetric types are order-free)."""
        a, b = self.source, self.target
        if self.type.is_symmetric and b < a:
            a, b = b, a
        return f"{a}|{self.type.value}|{b}|{self.issue or ''}"

    @property
    def derived(self) -> bool:
        return self.provenance.derived

    @model_validator(mode="after")
    def _typed_payload(self) -> Self:
        if self.source == self.target:
            raise ValueError("source and target are the same element")
        needs_issue = {RelationType.OVERLAPS_WITH, RelationType.CONFLICTS_WITH}
        if self.type in needs_issue and not self.issue:
            raise ValueError(f"{self.type.value} needs an 'issue'")
        if self.type is RelationType.PARALLEL_TO and not self.evidence:
            raise ValueError("PARALLEL_TO needs 'evidence' (why the source says there is no link)")
        return self


class Citation(Strict):
    """A footnote of the source whose text survives: number to cited work."""

    footnote: Annotated[int, Field(ge=1)]
    cited_work: Text
    pinpoint: Name | None = None
    section: Annotated[str, Field(max_length=60)] | None = None


class DatasetNote(Strict):
    """A note about the dataset as a whole, or about a claim of the source."""

    id: Slug
    kind: NoteKind
    text: Text
    about: list[Slug] = []
    provenance: Provenance | None = None


class RuleSpec(Strict):
    """A derivation rule the dataset asks for (see ``loaders/derive.py`` for the rules).

    ``basis`` says where the source states the general claim the rule applies.
    """

    rule: Slug
    basis: Provenance
    element: Slug | None = None
    kinds: list[ElementKind] = []
    description: Text | None = None


# --- What the source claims, as data (issue 11): claims tested, stated figures, functions ---
# Read by graph/report/: a dataset that declares none of these gets the general report only.

ClaimTestName = Literal["is-regime-complex", "no-coordinating-core", "fragmentation-type"]
StatedCheck = Literal[
    "population-count", "domestic-share", "provides-over-receives", "provider-share",
    "receives-relative", "top-place", "cross-border-origin", "region-provider-share",
    "role-ranking", "fewer-than", "below-median", "variety",
]
SectionRef = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9.()\-, ]+$")]
Param = str | int | float | bool | list[str] | dict[str, str | list[str]]


class ClaimTest(Strict):
    """A claim of the source and the rcx test that checks it (``claims_tested:``)."""

    id: Slug
    statement: Text
    section: SectionRef | None = None
    test: ClaimTestName
    params: dict[str, float] = {}


class SurveySpec(Strict):
    """A population the source surveys (``survey:``): elements of ``kind`` from ``section``."""

    label: Name
    kind: ElementKind
    section: SectionRef
    stated_size: Annotated[int, Field(ge=0)] | None = None
    unlinked: bool = False  # the source lists them without linking them


class StatedFigure(Strict):
    """A figure or finding the source states, and the general check that recomputes it."""

    id: Slug
    statement: Text
    section: SectionRef | None = None
    footnotes: list[Annotated[int, Field(ge=1)]] = []
    value: int | float | None = None  # None: a qualitative finding
    unit: Literal["count", "percent", "finding"] = "finding"
    check: StatedCheck
    params: dict[str, Param] = {}


class TimelineSpec(Strict):
    """The year the source says things changed (``timeline:``), and its words for it."""

    pivot: Annotated[int, Field(ge=1000, le=3000)]
    label: Name | None = None


class DatasetMeta(Strict):
    """``dataset.yaml``: what the dataset is and where it comes from."""

    id: Slug
    title: Name
    source: Text
    description: Text | None = None
    licence: Name | None = None
    rules: list[RuleSpec] = []
    notes: list[DatasetNote] = []
    # issue 11: the source's claims, figures, weaknesses and functions as data
    claims_tested: list[ClaimTest] = []
    functions: dict[Slug, Text] = {}
    survey: SurveySpec | None = None
    stated_figures: list[StatedFigure] = []
    stated_weaknesses: list[StatedFigure] = []
    timeline: TimelineSpec | None = None
