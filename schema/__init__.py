"""rcx's typed records: the closed vocabularies, the strict models and the allowed patterns."""

from rcx.schema.errors import DataError, RcxError, StoreError
from rcx.schema.models import (
    Citation,
    DatasetMeta,
    DatasetNote,
    Element,
    Figure,
    Note,
    Provenance,
    Relation,
)
from rcx.schema.patterns import PATTERNS, describe_pattern, pattern_allows
from rcx.schema.vocab import (
    FUNCTIONS,
    LINKAGE_TYPES,
    PLACE_TYPES,
    Activity,
    Approach,
    Category,
    ElementKind,
    FunctionStatus,
    NoteKind,
    RelationType,
    Scope,
)

__all__ = [
    "FUNCTIONS",
    "LINKAGE_TYPES",
    "PATTERNS",
    "PLACE_TYPES",
    "Activity",
    "Approach",
    "Category",
    "Citation",
    "DataError",
    "DatasetMeta",
    "DatasetNote",
    "Element",
    "ElementKind",
    "Figure",
    "FunctionStatus",
    "Note",
    "NoteKind",
    "Provenance",
    "RcxError",
    "Relation",
    "RelationType",
    "Scope",
    "StoreError",
    "describe_pattern",
    "pattern_allows",
]
