"""What-if scenarios: add hypothetical elements and relations, re-label elements, compare metrics.

A scenario is a YAML file (strict: unknown fields are errors) that describes changes to the
typed graph. Everything a scenario adds is marked ``derived`` with the rule
``scenario-<id>``, so it can never pass for the source's data; every re-labelled element gets a
``scenario_relabels`` attribute saying which field changed, from what, to what.

.. code-block:: yaml

    id: more-corporate-participation          # slug
    title: More corporate participation
    description: ...
    basis: {section: IV.C, footnotes: [309]}  # where the source recommends it
    add_elements:                             # applied in order; later entries see earlier ones
      - id: hypothetical-corporation-{n}      # {n}: 1..count; {each}: the for_each element's id
        name: Hypothetical corporation {n}    # {each_name}: its name
        kind: corporation
        count: 10                             # or for_each: <selector> (one per selected element)
        approaches: [corporate_responsibility]
        activities: [supply_chain]
        prevention: yes                       # any Element field but id/provenance/notes
        links:                                # relations of each new element
          - {type: MEMBER_OF, to: {ids: [global-business-coalition-against-trafficking]}}
          - {type: OVERLAPS_WITH, issue: prevention, to: {kinds: [ngo], function: prevention}}
    add_relations:                            # every source x every target
      - {type: IMPLEMENTS, source: {kinds: [state]}, target: {ids: [trafficking-protocol]}}
    relabel:
      - select: {kinds: [national_law]}
        prosecution: yes
        add_activities: [investigation]

A *selector* picks elements of the graph as it stands when the entry is applied: ``ids`` (exact
ids or shell patterns such as ``hypothetical-corporation-*``; ``{each}`` inside ``links``),
``kinds``, ``categories``, ``function`` (only elements whose role is ``yes``), ``related``
(``{type, target}``: elements with such an outgoing relation), ``limit`` (the first N by id).
All given criteria must hold. Selected ids are sorted, so application is deterministic.

Every new relation must fit the allowed patterns (:mod:`rcx.schema.patterns`). A derived
``PARALLEL_TO`` between two elements the scenario links is dropped (a derived relation never
contradicts another); an asserted one is kept and reported as contradicted.

Errors raise :class:`schema.DataError` naming the file, the record (``add_elements #2``) and the
field.
"""

from __future__ import annotations

import fnmatch
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, Self, cast

import networkx as nx
from pydantic import BeforeValidator, Field, ValidationError, model_validator

from rcx.graph.analysis.layers import LayerSpec, linkage_graph
from rcx.graph.analysis.metrics import headline_metrics
from rcx.loaders.build import element_attrs, relation_attrs
from rcx.loaders.files import read_yaml
from rcx.schema.errors import DataError
from rcx.schema.models import SLUG, Element, Name, Provenance, Relation, Strict, Text
from rcx.schema.patterns import describe_pattern, pattern_allows
from rcx.schema.vocab import (
    LINKAGE_TYPES,
    Activity,
    Approach,
    Category,
    ElementKind,
    FunctionStatus,
    RelationType,
    Scope,
)
from rcx.schema.vocabulary import of_graph

EACH = "{each}"
_PARAM_KEYS = frozenset({"seed", "max_exact", "path_sources"})
_SLUG_TEMPLATE = r"^(?:[a-z0-9\-]|\{n\}|\{each\})+$"


def _yes_no(value: Any) -> Any:
    """YAML 1.1 reads bare yes/no as booleans; read them back as yes/no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


Role = Annotated[FunctionStatus, BeforeValidator(_yes_no)]
IdPattern = Annotated[str, Field(pattern=r"^(?:[a-z0-9*?\-\[\]]+|\{each\})$", max_length=120)]


class Related(Strict):
    """Elements with an outgoing relation of ``type`` to ``target``."""

    type: RelationType
    target: Annotated[str, Field(pattern=SLUG)]


class Selector(Strict):
    """Which elements (see the module docstring). At least one criterion besides ``limit``."""

    ids: list[IdPattern] = Field(default_factory=list)
    kinds: list[ElementKind] = Field(default_factory=list)
    categories: list[Category] = Field(default_factory=list)
    function: Literal["prevention", "protection", "prosecution"] | None = None
    related: Related | None = None
    limit: Annotated[int, Field(ge=1)] | None = None

    @model_validator(mode="after")
    def _some_criterion(self) -> Self:
        if not (self.ids or self.kinds or self.categories or self.function or self.related):
            raise ValueError("a selector needs ids, kinds, categories, function or related")
        return self


class Link(Strict):
    """A relation between each new element and the selected elements."""

    type: RelationType
    to: Selector
    direction: Literal["out", "in"] = "out"
    issue: Name | None = None
    evidence: Text | None = None
    description: Text | None = None


class NewElements(Strict):
    """A template for hypothetical elements: ``count`` copies, or one per ``for_each`` element."""

    id: Annotated[str, Field(pattern=_SLUG_TEMPLATE, max_length=120)]
    name: Name
    kind: ElementKind
    count: Annotated[int, Field(ge=1, le=1000)] = 1
    for_each: Selector | None = None
    description: Text | None = None
    year_adopted: Annotated[int, Field(ge=1000, le=2100)] | None = None
    year_in_force: Annotated[int, Field(ge=1000, le=2100)] | None = None
    scope: Scope | None = None
    region: Name | None = None
    approaches: list[Approach] = Field(default_factory=list)
    activities: list[Activity] = Field(default_factory=list)
    prevention: Role = FunctionStatus.UNKNOWN
    protection: Role = FunctionStatus.UNKNOWN
    prosecution: Role = FunctionStatus.UNKNOWN
    headquarters: list[IdPattern] = Field(default_factory=list)
    works_in: list[IdPattern] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)

    @model_validator(mode="after")
    def _ids_unique(self) -> Self:
        if self.count > 1 and "{n}" not in self.id:
            raise ValueError("with count > 1 the id must contain {n}")
        if self.for_each is not None and EACH not in self.id:
            raise ValueError("with for_each the id must contain {each}")
        return self


class NewRelation(Strict):
    """Relations from every selected source to every selected target."""

    type: RelationType
    source: Selector
    target: Selector
    issue: Name | None = None
    evidence: Text | None = None
    description: Text | None = None


class Relabel(Strict):
    """New role statuses and extra activities/approaches for the selected elements."""

    select: Selector
    prevention: Role | None = None
    protection: Role | None = None
    prosecution: Role | None = None
    add_activities: list[Activity] = Field(default_factory=list)
    add_approaches: list[Approach] = Field(default_factory=list)


class Basis(Strict):
    section: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[A-Za-z0-9.()\- ]+$")]
    footnotes: list[Annotated[int, Field(ge=1)]] = Field(default_factory=list)


class Scenario(Strict):
    """A what-if scenario file (see the module docstring)."""

    id: Annotated[str, Field(pattern=SLUG, max_length=100)]
    title: Name
    description: Text | None = None
    basis: Basis
    add_elements: list[NewElements] = Field(default_factory=list)
    add_relations: list[NewRelation] = Field(default_factory=list)
    relabel: list[Relabel] = Field(default_factory=list)

    @property
    def rule(self) -> str:
        return f"scenario-{self.id}"

    def provenance(self) -> Provenance:
        return Provenance(
            section=self.basis.section, footnotes=self.basis.footnotes, derived=True, rule=self.rule
        )


@dataclass(frozen=True)
class ScenarioResult:
    """Headline metrics before and after applying a scenario, and what it changed."""

    scenario: str
    title: str
    source: str
    changes: dict[str, Any]
    before: dict[str, Any]
    after: dict[str, Any]
    delta: dict[str, float | None]
    params: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "scenario": self.scenario,
            "title": self.title,
            "source": self.source,
            "changes": dict(self.changes),
            "before": dict(self.before),
            "after": dict(self.after),
            "delta": dict(self.delta),
            "params": dict(self.params),
        }


# --------------------------------------------------------------------------------------------
# Loading
# --------------------------------------------------------------------------------------------


def builtin_scenarios_dir() -> Path:
    return Path(str(resources.files("rcx.data") / "scenarios"))


def builtin_scenarios() -> list[str]:
    """Names of the scenarios shipped with rcx."""
    d = builtin_scenarios_dir()
    return sorted(p.stem for p in d.glob("*.yaml")) if d.is_dir() else []


def scenario_rows() -> list[tuple[str, str, str, str]]:
    """The built-in scenarios as ``(name, title, basis, what it adds)`` rows (for listing).

    >>> [row[0] for row in scenario_rows()]
    ['more-corporate-participation', 'stronger-enforcement']
    """
    rows = []
    for name in builtin_scenarios():
        s, _ = load_scenario(name)
        fns = ", ".join(str(n) for n in s.basis.footnotes)
        basis = s.basis.section + (f", fn {fns}" if fns else "")
        adds = (
            f"{len(s.add_elements)} element templates, {len(s.add_relations)} relation "
            f"templates, {len(s.relabel)} relabelings"
        )
        rows.append((name, s.title, basis, adds))
    return rows


def scenario_path(name_or_file: str | Path) -> Path:
    """A scenario file: an existing path, else a built-in scenario name."""
    p = Path(name_or_file)
    if p.is_file():
        return p
    builtin = builtin_scenarios_dir() / f"{name_or_file}.yaml"
    if str(name_or_file) and "/" not in str(name_or_file) and builtin.is_file():
        return builtin
    raise DataError(
        f"no scenario file or built-in scenario {str(name_or_file)!r}; built-in: "
        f"{', '.join(builtin_scenarios()) or 'none'}",
        file=str(name_or_file),
    )


def load_scenario(name_or_file: str | Path) -> tuple[Scenario, str]:
    """Read and validate a scenario; returns it with the file it came from."""
    path = scenario_path(name_or_file)
    label = str(path)
    doc = read_yaml(path, root=path.parent)
    if not isinstance(doc, dict):
        raise DataError(f"expected a mapping, found {type(doc).__name__}", file=label)
    try:
        return Scenario.model_validate(doc), label
    except ValidationError as e:
        raise _data_error(e, label) from e


def _data_error(
    e: ValidationError, file: str, prefix: str = "", default_field: str | None = None
) -> DataError:
    """The first pydantic error as a DataError: ``add_elements #2`` as record, the rest as field.

    List positions are 1-based, in the record and in the field (``links.1.to``).
    """
    err = e.errors()[0]
    loc = list(err["loc"])
    record = prefix or "top"
    if not prefix and len(loc) > 1 and isinstance(loc[0], str) and isinstance(loc[1], int):
        record = f"{loc[0]} #{loc[1] + 1}"
        loc = loc[2:]
    fld = ".".join(str(x + 1) if isinstance(x, int) else str(x) for x in loc) or default_field
    return DataError(err["msg"], file=file, record=record, field=fld)


# --------------------------------------------------------------------------------------------
# Applying
# --------------------------------------------------------------------------------------------


def select(g: nx.MultiDiGraph, sel: Selector, *, each: str | None = None) -> list[str]:
    """Ids of the elements ``sel`` picks in ``g`` (sorted; ``limit`` keeps the first N)."""
    out = []
    patterns = [each if p == EACH else p for p in sel.ids]
    for n, d in sorted(g.nodes(data=True)):
        if patterns and not any(p is not None and fnmatch.fnmatchcase(n, p) for p in patterns):
            continue
        if sel.kinds and d.get("kind") not in {k.value for k in sel.kinds}:
            continue
        if sel.categories and d.get("category") not in {c.value for c in sel.categories}:
            continue
        if sel.function and d.get(sel.function) != FunctionStatus.YES.value:
            continue
        if sel.related and not any(
            v == sel.related.target and e.get("type") == sel.related.type.value
            for _, v, e in g.out_edges(n, data=True)
        ):
            continue
        out.append(n)
    return out[: sel.limit] if sel.limit else out


def _need(ids: list[str], what: str, file: str, record: str, fld: str) -> list[str]:
    if not ids:
        raise DataError(
            f"{what} selects no element of the graph", file=file, record=record, field=fld
        )
    return ids


class _Applier:
    def __init__(self, g: nx.MultiDiGraph, sc: Scenario, file: str) -> None:
        self.g, self.sc, self.file = g, sc, file
        self.prov = sc.provenance()
        self.added_elements: list[str] = []
        self.added_relations: list[str] = []
        self.relabelled: list[str] = []
        self.dropped_parallel: list[str] = []
        self.contradicted_parallel: list[str] = []

    def run(self) -> None:
        for i, tpl in enumerate(self.sc.add_elements, start=1):
            self._elements(tpl, f"add_elements #{i} ({tpl.id})")
        for i, rel in enumerate(self.sc.add_relations, start=1):
            record = f"add_relations #{i} ({rel.type.value})"
            sources = _need(select(self.g, rel.source), "source", self.file, record, "source")
            targets = _need(select(self.g, rel.target), "target", self.file, record, "target")
            for s in sources:
                for t in targets:
                    if s != t:
                        self._relation(s, t, rel, record, "type")
        for i, rl in enumerate(self.sc.relabel, start=1):
            record = f"relabel #{i}"
            for n in _need(select(self.g, rl.select), "select", self.file, record, "select"):
                self._relabel(n, rl)

    def _elements(self, tpl: NewElements, record: str) -> None:
        eaches: list[str | None] = [None]
        if tpl.for_each is not None:
            eaches = list(
                _need(select(self.g, tpl.for_each), "for_each", self.file, record, "for_each")
            )
        for each in eaches:
            for k in range(1, tpl.count + 1):
                self._element(tpl, record, each, k)

    def _fill(self, text: str, each: str | None, k: int) -> str:
        out = text.replace("{n}", str(k))
        if each is not None:
            out = out.replace(EACH, each).replace(
                "{each_name}", str(self.g.nodes[each].get("name", each))
            )
        return out

    def _element(self, tpl: NewElements, record: str, each: str | None, k: int) -> None:
        data = tpl.model_dump(
            mode="json", exclude={"count", "for_each", "links"}, exclude_none=True
        )
        data["id"] = self._fill(tpl.id, each, k)
        data["name"] = self._fill(tpl.name, each, k)
        for fld in ("headquarters", "works_in"):
            data[fld] = [self._fill(p, each, k) for p in data.get(fld, [])]
        data["provenance"] = self.prov.model_dump(mode="json")
        if any(
            data.get(f, "unknown") != "unknown" for f in ("prevention", "protection", "prosecution")
        ):
            data["roles_source"] = data["provenance"]
        try:
            el = Element.model_validate(data)
        except ValidationError as e:
            raise _data_error(e, self.file, record) from e
        if el.id in self.g:
            raise DataError(
                f"element {el.id!r} already exists", file=self.file, record=record, field="id"
            )
        attrs = element_attrs(el)
        attrs["scenario"] = self.sc.id
        self.g.add_node(el.id, **attrs)
        self.added_elements.append(el.id)
        for fld, rtype in (
            ("headquarters", RelationType.HEADQUARTERED_IN),
            ("works_in", RelationType.WORKS_IN),
        ):
            for p in getattr(el, fld):
                self._check_exists(p, record, fld)
                self._add(el.id, p, rtype, None, None, None, record, fld)
        for j, link in enumerate(tpl.links, start=1):
            fld = f"links.{j}.to"
            for t in _need(
                select(self.g, link.to, each=each), f"links #{j}", self.file, record, fld
            ):
                if t != el.id:
                    s, o = (el.id, t) if link.direction == "out" else (t, el.id)
                    self._relation(s, o, link, record, f"links.{j}.type")

    def _check_exists(self, n: str, record: str, fld: str) -> None:
        if n not in self.g:
            raise DataError(f"unknown element id {n!r}", file=self.file, record=record, field=fld)

    def _relation(self, s: str, t: str, spec: Link | NewRelation, record: str, fld: str) -> None:
        self._add(s, t, spec.type, spec.issue, spec.evidence, spec.description, record, fld)

    def _add(
        self,
        s: str,
        t: str,
        rtype: RelationType,
        issue: str | None,
        evidence: str | None,
        description: str | None,
        record: str,
        fld: str,
    ) -> None:
        vocab = of_graph(self.g.graph)  # the dataset's own kinds and patterns count too
        ks, kt = (vocab.kind(str(self.g.nodes[x].get("kind"))) for x in (s, t))
        if not pattern_allows(ks, rtype, kt, vocab):
            raise DataError(
                f"{s} ({ks.value}) -[{rtype.value}]-> {t} ({kt.value}) is not an "
                f"allowed pattern; allowed: {describe_pattern(rtype, vocab)}",
                file=self.file,
                record=record,
                field=fld,
            )
        try:
            rel = Relation(
                source=s,
                target=t,
                type=rtype,
                issue=issue,
                evidence=evidence,
                description=description,
                provenance=self.prov,
            )
        except ValidationError as e:
            raise _data_error(e, self.file, record, default_field=fld) from e
        existing = {k for _, _, k in self.g.edges(s, keys=True)} | {
            k for _, _, k in self.g.in_edges(s, keys=True)
        }
        if rel.key in existing:
            return
        if rtype in LINKAGE_TYPES and rtype is not RelationType.PARALLEL_TO:
            self._resolve_parallel(s, t)
        self.g.add_edge(s, t, rel.key)
        self.g.edges[s, t, rel.key].update(relation_attrs(rel))
        self.added_relations.append(rel.key)

    def _resolve_parallel(self, a: str, b: str) -> None:
        for u, v in ((a, b), (b, a)):
            if not self.g.has_node(u):
                continue
            edges = cast("dict[str, dict[str, Any]]", self.g.get_edge_data(u, v, default={}))
            for k, d in list(edges.items()):
                if d.get("type") != RelationType.PARALLEL_TO.value:
                    continue
                if d.get("derived"):
                    self.g.remove_edge(u, v, key=k)
                    self.dropped_parallel.append(k)
                elif k not in self.contradicted_parallel:
                    self.contradicted_parallel.append(k)

    def _relabel(self, n: str, rl: Relabel) -> None:
        d = self.g.nodes[n]
        log = list(d.get("scenario_relabels", []))
        before = len(log)
        for f in ("prevention", "protection", "prosecution"):
            new = getattr(rl, f)
            if new is not None and d.get(f, "unknown") != new.value:
                log.append(
                    {
                        "scenario": self.sc.id,
                        "field": f,
                        "old": d.get(f, "unknown"),
                        "new": new.value,
                    }
                )
                d[f] = new.value
                if "roles_source" not in d:
                    d["roles_source"] = self.prov.model_dump(mode="json")
        for attr, extra in (("activities", rl.add_activities), ("approaches", rl.add_approaches)):
            have = list(d.get(attr, []))
            new_vals = [x.value for x in extra if x.value not in have]
            if new_vals:
                log.append(
                    {"scenario": self.sc.id, "field": attr, "old": have, "new": have + new_vals}
                )
                d[attr] = have + new_vals
        if len(log) > before:
            d["scenario_relabels"] = log
            if n not in self.relabelled:
                self.relabelled.append(n)

    def changes(self) -> dict[str, Any]:
        return {
            "rule": self.sc.rule,
            "added_elements": len(self.added_elements),
            "added_relations": len(self.added_relations),
            "relabelled_elements": len(self.relabelled),
            "dropped_derived_parallel": len(self.dropped_parallel),
            "contradicted_asserted_parallel": len(self.contradicted_parallel),
            "added_element_ids": list(self.added_elements),
            "relabelled_ids": list(self.relabelled),
            "contradicted_parallel_keys": list(self.contradicted_parallel),
        }


def apply_scenario(
    g: nx.MultiDiGraph, scenario: Scenario | str | Path, *, source: str | None = None
) -> nx.MultiDiGraph:
    """A copy of ``g`` with the scenario applied; ``g`` is not modified.

    ``scenario`` may be a :class:`Scenario`, a file path or a built-in scenario name. The copy's
    ``graph["scenarios"]`` lists the scenarios applied, each with its changes.
    """
    if isinstance(scenario, Scenario):
        sc, file = scenario, source or f"scenario {scenario.id}"
    else:
        sc, file = load_scenario(scenario)
    h = g.copy()
    for n in h.nodes:  # own the mutable attributes we may touch
        d = h.nodes[n]
        for attr in ("activities", "approaches", "scenario_relabels"):
            if attr in d:
                d[attr] = list(d[attr])
    app = _Applier(h, sc, file)
    app.run()
    h.graph["scenarios"] = [
        *g.graph.get("scenarios", []),
        {"id": sc.id, "file": file, **app.changes()},
    ]
    return h


def _delta(before: dict[str, Any], after: dict[str, Any]) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for k, b in before.items():
        a = after.get(k)
        if (
            k in _PARAM_KEYS
            or isinstance(b, bool)
            or not isinstance(b, int | float)
            or not isinstance(a, int | float)
        ):
            continue
        out[k] = None if (math.isnan(a) or math.isnan(b)) else round(a - b, 6)
    return out


def _without_rule_derived(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of ``g`` without the relations derived by the loader's rules (scenario ones stay)."""
    h = g.copy()
    h.remove_edges_from(
        [
            (u, v, k)
            for u, v, k, d in g.edges(keys=True, data=True)
            if d.get("derived")
            and not str(d.get("provenance", {}).get("rule", "")).startswith("scenario-")
        ]
    )
    return h


def compare(
    g: nx.MultiDiGraph,
    scenario: Scenario | str | Path,
    *,
    spec: LayerSpec | None = None,
    seed: int = 0,
    before: dict[str, Any] | None = None,
) -> ScenarioResult:
    """Headline metrics of the linkage graph before and after the scenario, and the deltas.

    ``before`` may be passed when the caller already computed the metrics of ``g`` under
    ``spec`` and ``seed``. A scenario's own relations always count, also when ``spec`` leaves
    out derived relations (those of the loader's rules).
    """
    spec = spec or LayerSpec.linkages()
    if isinstance(scenario, Scenario):
        sc, file = scenario, f"scenario {scenario.id}"
    else:
        sc, file = load_scenario(scenario)
    h = apply_scenario(g, sc, source=file)
    eff = spec
    if not spec.include_derived:  # leave out the loader's derived relations, not the scenario's
        g, h = _without_rule_derived(g), _without_rule_derived(h)
        eff = LayerSpec(spec.name, spec.relation_types, True, spec.include_places)
    if before is None:
        before = headline_metrics(linkage_graph(g, eff), seed=seed)
    after = headline_metrics(linkage_graph(h, eff), seed=seed)
    changes = {k: v for k, v in h.graph["scenarios"][-1].items() if k not in ("id", "file")}
    return ScenarioResult(
        sc.id,
        sc.title,
        file,
        changes,
        dict(before),
        after,
        _delta(before, after),
        {
            "function": "rcx.graph.analysis.scenarios.compare",
            "spec": spec.as_dict(),
            "seed": seed,
            "basis": sc.basis.model_dump(),
        },
    )


def compare_all(
    g: nx.MultiDiGraph, scenarios: Iterable[Scenario | str | Path], **kw: Any
) -> list[ScenarioResult]:
    """:func:`compare` for each scenario, in order (each against the unchanged ``g``)."""
    return [compare(g, s, **kw) for s in scenarios]
