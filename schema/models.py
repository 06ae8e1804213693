"""Strict pydantic v2 records: elements, relations, their provenance, citations, dataset notes."""

from __future__ import annotations

import re
from typing import Annotated, Literal, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, FiniteFloat, model_validator

from rcx.schema.fields import ActivityField, ApproachField, KindField, RelationTypeField
from rcx.schema.vocab import (
    Category,
    FunctionStatus,
    NoteKind,
    RelationType,
    Scope,
)
from rcx.schema.vocabulary import VocabularyExtension

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
    value: FiniteFloat  # NaN and infinities would make the JSON exports invalid
    unit: Name | None = None


# Identifier fields: they must hold the value a user can look up. Where the source prints
# another value, the record keeps the printed one in ``as_printed`` (with a doubtful note).
IDENTIFIER_FIELDS = ("treaty_ref", "iso3166", "wikidata", "year_adopted", "year_in_force")
# Fields that describe one concrete thing and make no sense on a class of actors.
_NOT_FOR_CLASSES = (
    "headquarters",
    "works_in",
    "hq_as_written",
    "works_in_as_written",
    "website",
    "iso3166",
    "treaty_ref",
    "year_adopted",
    "year_in_force",
)


class PrintedValue(Strict):
    """The source's own value for an identifier field, where it differs from the correct one."""

    field: Literal["treaty_ref", "iso3166", "wikidata", "year_adopted", "year_in_force"]
    value: Name


class Element(Strict):
    """A node of the regime complex: an instrument, organisation, actor, regime, term or place.

    ``is_class`` marks a *class* of elements the source speaks of as a whole ("NGOs", "the
    resulting national statutes"); members point at it with ``INSTANCE_OF``.
    """

    id: Slug
    name: Name
    kind: KindField
    is_class: bool = False
    aliases: list[Name] = []
    description: Text | None = None
    year_adopted: Annotated[int, Field(ge=1000, le=2100)] | None = None
    year_in_force: Annotated[int, Field(ge=1000, le=2100)] | None = None
    scope: Scope | None = None
    region: Name | None = None
    approaches: list[ApproachField] = []
    activities: list[ActivityField] = []
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
    as_printed: list[PrintedValue] = []
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

    @model_validator(mode="after")
    def _printed_values_flagged(self) -> Self:
        fields = [p.field for p in self.as_printed]
        if len(set(fields)) != len(fields):
            raise ValueError("as_printed names a field twice")
        for p in self.as_printed:
            if str(getattr(self, p.field)) == p.value:
                raise ValueError(
                    f"as_printed {p.field}: the printed value equals the field's "
                    "value; keep as_printed only where the source differs"
                )
        if self.as_printed and not any(n.kind is NoteKind.DOUBTFUL for n in self.notes):
            raise ValueError(
                "as_printed needs a doubtful note saying why the printed value is wrong"
            )
        return self

    @model_validator(mode="after")
    def _class_fields(self) -> Self:
        if self.is_class:
            used = [f for f in _NOT_FOR_CLASSES if getattr(self, f) not in (None, [])]
            if used:
                raise ValueError(f"a class (is_class: true) cannot have {', '.join(used)}")
        return self


class Relation(Strict):
    """A typed, sourced link between two elements.

    ``OVERLAPS_WITH`` and ``CONFLICTS_WITH`` name the ``issue``; ``PARALLEL_TO`` is an asserted
    *absence* of linkage and carries its ``evidence``. An asserted relation names the ``claim``
    (statement of the source) it belongs to; a derived one never does. A member-level relation
    derived from a class-level claim carries ``expanded_from`` (that claim's id).
    """

    source: Slug
    target: Slug
    type: RelationTypeField
    issue: Name | None = None
    evidence: Text | None = None
    description: Text | None = None
    claim: Slug | None = None
    expanded_from: Slug | None = None
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

    @model_validator(mode="after")
    def _claim_only_if_asserted(self) -> Self:
        # That every asserted relation of a dataset names its claim is checked by the loader
        # (loaders/integrity.py): relations made by code (scenarios, benchmarks) have none.
        if self.provenance.derived and self.claim is not None:
            raise ValueError(
                "a derived relation has no 'claim' (it is not a statement of "
                "the source); name the claim it comes from in 'expanded_from'"
            )
        if not self.provenance.derived and self.expanded_from is not None:
            raise ValueError(
                "'expanded_from' is only for derived relations "
                "(provenance.derived: true with a rule)"
            )
        return self


class Claim(Strict):
    """One statement of the source: every asserted relation it makes names its ``id``.

    ``contradicts`` lists claims the source contradicts with this one; the contradiction note
    names both passages. ``expand: false`` keeps a class-level claim from being copied to the
    class's members (where the source means only some, unnamed, members).
    """

    id: Slug
    section: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9.()\- ]+$")]
    footnotes: list[Annotated[int, Field(ge=1)]] = []
    summary: Text | None = None
    contradicts: list[Slug] = []
    expand: bool = True
    notes: list[Note] = []

    @model_validator(mode="after")
    def _contradiction_noted(self) -> Self:
        if self.contradicts and not any(n.kind is NoteKind.CONTRADICTION for n in self.notes):
            raise ValueError("'contradicts' needs a contradiction note naming both passages")
        if self.id in self.contradicts:
            raise ValueError("a claim cannot contradict itself")
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
    description: Text | None = None


# --- What the source claims, as data (issue 11): claims tested, stated figures, functions ---
# Read by graph/report/: a dataset that declares none of these gets the general report only.

ClaimTestName = Literal["is-regime-complex", "no-coordinating-core", "fragmentation-type"]
StatedCheck = Literal[
    "population-count",
    "domestic-share",
    "provides-over-receives",
    "provider-share",
    "receives-relative",
    "top-place",
    "cross-border-origin",
    "region-provider-share",
    "role-ranking",
    "fewer-than",
    "below-median",
    "variety",
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
    kind: KindField
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
    # What the dataset adds to the built-in vocabulary (see schema/vocabulary.py).
    vocabulary: VocabularyExtension = VocabularyExtension()
    patterns: list[tuple[str, str, str]] = []
    # issue 11: the source's claims, figures, weaknesses and functions as data
    claims_tested: list[ClaimTest] = []
    functions: dict[Slug, Text] = {}
    survey: SurveySpec | None = None
    stated_figures: list[StatedFigure] = []
    stated_weaknesses: list[StatedFigure] = []
    timeline: TimelineSpec | None = None
