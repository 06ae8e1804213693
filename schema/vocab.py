"""Closed vocabularies: element kinds and their categories, relation types, attributes.

Neo4j labels and relationship types are only ever taken from these enums, never from data.
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Broad element families; each becomes a Neo4j label next to ``Element`` and the kind."""

    HARD_LAW = "HardLaw"
    SOFT_LAW = "SoftLaw"
    ORGANISATION = "Organisation"
    MECHANISM = "Mechanism"
    PRIVATE_ACTOR = "PrivateActor"
    INITIATIVE = "Initiative"
    REGIME = "Regime"
    LANGUAGE = "Language"
    EVENT = "Event"
    PLACE = "Place"


class ElementKind(StrEnum):
    """What an element is: law, organisations, private actors, regimes, language, places."""

    GLOBAL_TREATY = "global_treaty"
    REGIONAL_TREATY = "regional_treaty"
    PEREMPTORY_NORM = "peremptory_norm"
    NATIONAL_LAW = "national_law"
    GLOBAL_SOFT_LAW = "global_soft_law"
    REGIONAL_SOFT_LAW = "regional_soft_law"
    BILATERAL_SOFT_LAW = "bilateral_soft_law"
    TREATY_SOFT_PROVISION = "treaty_soft_provision"
    NATIONAL_POLICY = "national_policy"
    IGO = "igo"
    IGO_ORGAN = "igo_organ"
    GOVERNMENTAL_BODY = "governmental_body"
    RAPPORTEUR = "rapporteur"
    TRUST_FUND = "trust_fund"
    DATABASE = "database"
    REPORT_SERIES = "report_series"
    TREATY_BODY = "treaty_body"
    TASK_FORCE = "task_force"
    NGO = "ngo"
    CORPORATION = "corporation"
    BUSINESS_COALITION = "business_coalition"
    SPORTS_BODY = "sports_body"
    PRIVATE_ACTOR = "private_actor"
    INITIATIVE = "initiative"
    CORPORATE_POLICY = "corporate_policy"
    REGIME = "regime"
    TERM = "term"
    DEFINITION = "definition"
    CONCEPT = "concept"
    EVENT = "event"
    STATE = "state"
    REGION = "region"

    @property
    def category(self) -> Category:
        return KIND_CATEGORY[self]

    @property
    def label(self) -> str:
        """The kind as a Neo4j label (PascalCase)."""
        return "".join(part.capitalize() for part in self.value.split("_")).replace("Igo", "IGO")


K, C = ElementKind, Category
KIND_CATEGORY: dict[ElementKind, Category] = {
    K.GLOBAL_TREATY: C.HARD_LAW,
    K.REGIONAL_TREATY: C.HARD_LAW,
    K.PEREMPTORY_NORM: C.HARD_LAW,
    K.NATIONAL_LAW: C.HARD_LAW,
    K.GLOBAL_SOFT_LAW: C.SOFT_LAW,
    K.REGIONAL_SOFT_LAW: C.SOFT_LAW,
    K.BILATERAL_SOFT_LAW: C.SOFT_LAW,
    K.TREATY_SOFT_PROVISION: C.SOFT_LAW,
    K.NATIONAL_POLICY: C.SOFT_LAW,
    K.IGO: C.ORGANISATION,
    K.IGO_ORGAN: C.ORGANISATION,
    K.GOVERNMENTAL_BODY: C.ORGANISATION,
    K.RAPPORTEUR: C.MECHANISM,
    K.TRUST_FUND: C.MECHANISM,
    K.DATABASE: C.MECHANISM,
    K.REPORT_SERIES: C.MECHANISM,
    K.TREATY_BODY: C.MECHANISM,
    K.TASK_FORCE: C.MECHANISM,
    K.NGO: C.PRIVATE_ACTOR,
    K.CORPORATION: C.PRIVATE_ACTOR,
    K.BUSINESS_COALITION: C.PRIVATE_ACTOR,
    K.SPORTS_BODY: C.PRIVATE_ACTOR,
    K.PRIVATE_ACTOR: C.PRIVATE_ACTOR,
    K.INITIATIVE: C.INITIATIVE,
    K.CORPORATE_POLICY: C.INITIATIVE,
    K.REGIME: C.REGIME,
    K.TERM: C.LANGUAGE,
    K.DEFINITION: C.LANGUAGE,
    K.CONCEPT: C.LANGUAGE,
    K.EVENT: C.EVENT,
    K.STATE: C.PLACE,
    K.REGION: C.PLACE,
}
del K, C


class RelationType(StrEnum):
    """Part III's four linkage types, then the structural relations Part II states."""

    NESTED_IN = "NESTED_IN"
    OVERLAPS_WITH = "OVERLAPS_WITH"
    PARALLEL_TO = "PARALLEL_TO"
    CONFLICTS_WITH = "CONFLICTS_WITH"
    CREATED_BY = "CREATED_BY"
    ADMINISTERED_BY = "ADMINISTERED_BY"
    SUPPLEMENTS = "SUPPLEMENTS"
    PARTY_TO = "PARTY_TO"
    MEMBER_OF = "MEMBER_OF"
    IMPLEMENTS = "IMPLEMENTS"
    REFERENCES = "REFERENCES"
    PART_OF = "PART_OF"
    PART_OF_REGIME = "PART_OF_REGIME"
    WORKS_IN = "WORKS_IN"
    HEADQUARTERED_IN = "HEADQUARTERED_IN"
    USES_TERM = "USES_TERM"
    DEFINES = "DEFINES"
    PROMOTES = "PROMOTES"
    PARTICIPATES_IN = "PARTICIPATES_IN"
    ADDRESSES = "ADDRESSES"
    MONITORS = "MONITORS"
    INSTANCE_OF = "INSTANCE_OF"
    REPORTS_TO = "REPORTS_TO"

    @property
    def is_linkage(self) -> bool:
        """One of Part III's linkage types (nested, overlapping, parallel, conflicting)."""
        return self in LINKAGE_TYPES

    @property
    def is_symmetric(self) -> bool:
        return self in SYMMETRIC_TYPES


LINKAGE_TYPES = frozenset(
    {
        RelationType.NESTED_IN,
        RelationType.OVERLAPS_WITH,
        RelationType.PARALLEL_TO,
        RelationType.CONFLICTS_WITH,
    }
)
SYMMETRIC_TYPES = frozenset(
    {RelationType.OVERLAPS_WITH, RelationType.PARALLEL_TO, RelationType.CONFLICTS_WITH}
)
# Relations that tie an element to a place: real facts, but they say where, not how elements link.
PLACE_TYPES = frozenset({RelationType.WORKS_IN, RelationType.HEADQUARTERED_IN})


class Scope(StrEnum):
    GLOBAL = "global"
    REGIONAL = "regional"
    BILATERAL = "bilateral"
    NATIONAL = "national"
    LOCAL = "local"


class Approach(StrEnum):
    """The lens an element brings to trafficking (Part II.C and III.A.4)."""

    CRIMINAL_JUSTICE = "criminal_justice"
    HUMAN_RIGHTS = "human_rights"
    LABOUR = "labour"
    MIGRATION = "migration"
    REFUGEE = "refugee"
    GENDER = "gender"
    CHILD_RIGHTS = "child_rights"
    ECONOMIC = "economic"
    DEVELOPMENT = "development"
    SPORT = "sport"
    SECURITY = "security"
    CORPORATE_RESPONSIBILITY = "corporate_responsibility"


class FunctionStatus(StrEnum):
    """Whether an element performs one of the three Ps. *unknown* is not *no*."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


FUNCTIONS = ("prevention", "protection", "prosecution")


class Activity(StrEnum):
    """What an element concretely does (used for duplication and gap analyses)."""

    AWARENESS = "awareness"
    EDUCATION = "education"
    TRAINING = "training"
    LOBBYING = "lobbying"
    LAW_MAKING = "law_making"
    GUIDANCE = "guidance"
    DATA_COLLECTION = "data_collection"
    MONITORING = "monitoring"
    REPORTING = "reporting"
    FUNDING = "funding"
    RESCUE = "rescue"
    SHELTER = "shelter"
    REHABILITATION = "rehabilitation"
    REINTEGRATION = "reintegration"
    REPATRIATION = "repatriation"
    INVESTIGATION = "investigation"
    PROSECUTION_SUPPORT = "prosecution_support"
    CRIMINALISATION = "criminalisation"
    BORDER_CONTROL = "border_control"
    DEMAND_REDUCTION = "demand_reduction"
    SUPPLY_CHAIN = "supply_chain"
    EMPLOYMENT = "employment"
    HOTLINE = "hotline"
    COORDINATION = "coordination"
    POVERTY_REDUCTION = "poverty_reduction"


class NoteKind(StrEnum):
    """Why a note is attached to a record."""

    DOUBTFUL = "doubtful"  # the paper's claim looks wrong against public facts or our data
    CONTRADICTION = "contradiction"  # the paper says otherwise elsewhere
    EXTRACTION = "extraction"  # an artefact of the PDF-to-text conversion
    EDITORIAL = "editorial"  # a choice made while curating (e.g. how a name was split)


# Relations that only say which class an element belongs to: membership, not a linkage.
MEMBERSHIP_TYPES = frozenset({RelationType.INSTANCE_OF})
