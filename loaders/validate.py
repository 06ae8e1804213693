"""``rcx validate``: every problem of a dataset in one run, up to a cap.

It checks what every other command checks, because it runs the same reading (records,
``dataset.yaml`` rules and vocabulary extensions, cross-record integrity) and then builds the
graph (the derivation rules) exactly as they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rcx.loaders.build import build_graph
from rcx.loaders.dataset import Dataset, read_dataset
from rcx.loaders.problems import Problems
from rcx.schema.errors import DataError, RcxError

DEFAULT_CAP = 100


@dataclass(frozen=True)
class ValidationReport:
    """What validation found: the dataset (None if anything is wrong) and the errors."""

    dataset: Dataset | None
    errors: list[RcxError] = field(default_factory=list)
    total: int = 0  # errors found; only the first ``cap`` are kept in ``errors``

    @property
    def ok(self) -> bool:
        return self.total == 0

    @property
    def more(self) -> int:
        """How many errors were found beyond those kept."""
        return self.total - len(self.errors)


def validate_dataset(path: str | Path | None = None, *, cap: int = DEFAULT_CAP) -> ValidationReport:
    """Check a dataset folder and return every problem found (the first *cap* of them).

    Never raises :class:`DataError` for the data: each problem is in the report, naming its
    file, record and field.
    """
    problems = Problems(collect=True, cap=cap)
    ds = read_dataset(path, problems)
    if ds is not None:
        try:
            build_graph(ds)  # the derivation rules run here, as for every other command
        except DataError as e:
            problems.add(e, e.__cause__)
    ok = problems.total == 0
    return ValidationReport(ds if ok else None, problems.errors, problems.total)
