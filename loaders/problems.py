"""Collecting what is wrong with a dataset: raise at the first problem, or gather them all."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from rcx.loaders.files import RawRecord
from rcx.schema.errors import DataError, RcxError

M = TypeVar("M", bound=BaseModel)


class Problems:
    """Where reading puts what is wrong: raise at the first (loading) or collect (validate).

    Collecting keeps the first ``cap`` errors and counts the rest.
    """

    def __init__(self, *, collect: bool = False, cap: int = 100) -> None:
        self.collect, self.cap = collect, cap
        self.errors: list[RcxError] = []
        self.total = 0
        # A file or folder that could not be read: its records are missing, so cross-record
        # checks would only report their absence again.
        self.unreadable = False

    def add(self, error: RcxError, cause: BaseException | None = None) -> None:
        if not isinstance(error, DataError):
            self.unreadable = True
        if not self.collect:
            raise error from cause
        self.total += 1
        if len(self.errors) < self.cap:
            self.errors.append(error)


def validate_record(
    model: type[M], raw: RawRecord, problems: Problems, context: dict[str, Any] | None = None
) -> M | None:
    """The record as *model*, or None after putting each of its field errors into *problems*.

    When *problems* raises, the first error says how many more the record has.
    """
    try:
        return model.model_validate(raw.data, context=context)
    except ValidationError as e:
        errors = e.errors()
        for i, err in enumerate(errors):
            loc = ".".join(str(p) for p in err["loc"]) or None
            got = "" if err["type"] == "missing" else f" (got {_short(err.get('input'))})"
            more = f" [+{len(errors) - 1} more]" if not problems.collect and len(errors) > 1 else ""
            problems.add(
                DataError(f"{err['msg']}{got}{more}", file=raw.file, record=raw.label, field=loc), e
            )
            if i == 0 and not problems.collect:
                break
        return None


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
