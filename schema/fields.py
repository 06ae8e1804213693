"""Pydantic field types for the extensible vocabularies (``Element.kind``, ``Relation.type``...).

A value validates against the :class:`~rcx.schema.vocabulary.Vocabulary` given as validation
context (``model_validate(data, context=vocabulary.context())``), the built-in one without
context: built-in values become their enum members, a dataset's own its ``Ext*`` value; JSON
dumps give the plain string.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, ValidationInfo
from pydantic_core import PydanticCustomError

from rcx.schema.extvalues import (
    ActivityValue,
    ApproachValue,
    ExtKind,
    ExtRelationType,
    ExtValue,
    Kind,
    RelType,
)
from rcx.schema.vocab import Activity, Approach, ElementKind, RelationType
from rcx.schema.vocabulary import BUILTIN, CONTEXT_KEY, Vocabulary


def _vocabulary(info: ValidationInfo) -> Vocabulary:
    ctx = info.context
    vocab = ctx.get(CONTEXT_KEY) if isinstance(ctx, Mapping) else None
    return vocab if isinstance(vocab, Vocabulary) else BUILTIN


def _validator(what: str, table: str, enum: type, ext: type[ExtValue] = ExtValue) -> Any:
    def validate(value: Any, info: ValidationInfo) -> Any:
        # Already a value of this vocabulary (a record built in code, or a copy): keep it.
        if isinstance(value, enum) or type(value) is ext:
            return value
        allowed = getattr(_vocabulary(info), table)
        if isinstance(value, str) and value in allowed:
            return allowed[value]
        expected = ", ".join(repr(v) for v in allowed)
        raise PydanticCustomError(
            "enum", "Input should be one of {expected}", {"expected": expected, "what": what}
        )

    return validate


def _json_str(value: Any) -> str:
    return str(value)


_AS_TEXT = PlainSerializer(_json_str, return_type=str, when_used="json")
KindField = Annotated[
    Kind,
    PlainValidator(
        _validator("element kind", "kinds", ElementKind, ExtKind), json_schema_input_type=str
    ),
    _AS_TEXT,
]
RelationTypeField = Annotated[
    RelType,
    PlainValidator(
        _validator("relation type", "relation_types", RelationType, ExtRelationType),
        json_schema_input_type=str,
    ),
    _AS_TEXT,
]
ApproachField = Annotated[
    ApproachValue,
    PlainValidator(_validator("approach", "approaches", Approach), json_schema_input_type=str),
    _AS_TEXT,
]
ActivityField = Annotated[
    ActivityValue,
    PlainValidator(_validator("activity", "activities", Activity), json_schema_input_type=str),
    _AS_TEXT,
]
