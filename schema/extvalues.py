"""Vocabulary values a dataset adds: plain ``str`` values with the enum members' attributes.

Code reading records needs no branch for them: ``.value``, ``.category`` and ``.label`` (kinds),
``.is_symmetric`` and ``.is_linkage`` (relation types) work as on the built-in enum members.

>>> ExtKind("assessment_body", "assesses science", Category.MECHANISM).label
'AssessmentBody'
"""

from __future__ import annotations

from typing import Any

from rcx.schema.vocab import Activity, Approach, Category, ElementKind, RelationType, kind_label


class ExtValue(str):
    """A vocabulary value a dataset adds: a plain ``str`` with the enum members' attributes."""

    definition: str

    def __new__(cls, value: str, definition: str) -> ExtValue:
        self = super().__new__(cls, value)
        self.definition = definition
        return self

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.definition))

    @property
    def value(self) -> str:
        return str(self)


class ExtKind(ExtValue):
    """An element kind a dataset adds, inside a built-in category."""

    category: Category

    def __new__(cls, value: str, definition: str, category: Category = Category.REGIME) -> ExtKind:
        self = str.__new__(cls, value)
        self.definition, self.category = definition, category
        return self

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.definition, self.category))

    @property
    def label(self) -> str:
        """The kind as a Neo4j label (PascalCase), made as for built-in kinds."""
        return kind_label(str(self))


class ExtRelationType(ExtValue):
    """A structural relation type a dataset adds, directed or symmetric; never a linkage."""

    symmetric: bool

    def __new__(cls, value: str, definition: str, symmetric: bool = False) -> ExtRelationType:
        self = str.__new__(cls, value)
        self.definition, self.symmetric = definition, symmetric
        return self

    def __reduce__(self) -> Any:
        return (type(self), (str(self), self.definition, self.symmetric))

    @property
    def is_symmetric(self) -> bool:
        return self.symmetric

    @property
    def is_linkage(self) -> bool:
        """The four linkage types are fixed: a dataset's relation type is never one."""
        return False


Kind = ElementKind | ExtKind
RelType = RelationType | ExtRelationType
ApproachValue = Approach | ExtValue
ActivityValue = Activity | ExtValue
