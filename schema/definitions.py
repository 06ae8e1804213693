"""One-line definitions of every built-in vocabulary value (``rcx vocab``, docs/codebook.md).

A test checks that every enum member has one, so a new value cannot ship undefined.
"""

from __future__ import annotations

from enum import StrEnum

from rcx.schema.extvalues import ExtValue
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

C, K, R, A, V = Category, ElementKind, RelationType, Approach, Activity

DEFINITIONS: dict[StrEnum, str] = {
    C.HARD_LAW: "binding law: treaties, peremptory norms, national statutes",
    C.SOFT_LAW: "non-binding instruments: declarations, guidelines, action plans, policies",
    C.ORGANISATION: "intergovernmental organisations, their organs, governmental bodies",
    C.MECHANISM: "bodies and tools that monitor, fund, collect or report",
    C.PRIVATE_ACTOR: "non-state actors: NGOs, companies, business coalitions, sports bodies",
    C.INITIATIVE: "programmes and campaigns, public or private",
    C.REGIME: "a regime: a cluster of rules and bodies around one issue or lens",
    C.LANGUAGE: "terms, definitions and concepts the instruments use",
    C.EVENT: "events, phenomena and situations that elements address",
    C.PLACE: "states and regions",
    K.GLOBAL_TREATY: "a binding multilateral treaty open to all states",
    K.REGIONAL_TREATY: "a binding treaty among the states of one region",
    K.PEREMPTORY_NORM: "a norm of general international law no state may derogate from",
    K.NATIONAL_LAW: "a statute or other binding law of one state",
    K.GLOBAL_SOFT_LAW: "a non-binding instrument adopted at the global level",
    K.REGIONAL_SOFT_LAW: "a non-binding instrument adopted within one region",
    K.BILATERAL_SOFT_LAW: "a non-binding arrangement between two states or bodies",
    K.TREATY_SOFT_PROVISION: "a hortatory (non-binding) provision inside a treaty",
    K.NATIONAL_POLICY: "a non-binding policy, plan or strategy of one state",
    K.IGO: "an intergovernmental organisation",
    K.IGO_ORGAN: "an organ, agency or office of an intergovernmental organisation",
    K.GOVERNMENTAL_BODY: "a body of one state's government",
    K.RAPPORTEUR: "a special rapporteur or similar individual mandate",
    K.TRUST_FUND: "a fund that finances work in the field",
    K.DATABASE: "a database or other systematic collection of data",
    K.REPORT_SERIES: "a recurring report",
    K.TREATY_BODY: "a body set up by a treaty to monitor or implement it",
    K.TASK_FORCE: "a working group, task force or coordination group",
    K.NGO: "a non-governmental, not-for-profit organisation",
    K.CORPORATION: "a company",
    K.PRIVATE_ACTOR: (
        "a private actor of no single kind: used for classes such as "
        '"private actors, commercial and not-for-profit"'
    ),
    K.BUSINESS_COALITION: "an association or coalition of companies",
    K.SPORTS_BODY: "a sports federation or event organiser",
    K.INITIATIVE: "a programme or campaign",
    K.CORPORATE_POLICY: "a company's or coalition's own code, policy or standard",
    K.REGIME: "a regime of the complex (a cluster around one issue or lens)",
    K.TERM: "a term the instruments use",
    K.DEFINITION: "a definition an instrument gives",
    K.CONCEPT: "a concept the field uses",
    K.EVENT: "an event, phenomenon or situation",
    K.STATE: "a state",
    K.REGION: "a region or group of states",
    R.NESTED_IN: "linkage: the source sits inside the target (its parent instrument or body)",
    R.OVERLAPS_WITH: "linkage (symmetric): both govern the same issue (named by 'issue')",
    R.PARALLEL_TO: "linkage (symmetric): an asserted absence of a link; never an edge",
    R.CONFLICTS_WITH: "linkage (symmetric): the two pull in opposite ways on the 'issue'",
    R.CREATED_BY: "the source was created by the target",
    R.ADMINISTERED_BY: "the source is run or hosted by the target",
    R.SUPPLEMENTS: "the source instrument supplements the target instrument",
    R.PARTY_TO: "the source is a party to the target instrument",
    R.MEMBER_OF: "the source is a member of the target",
    R.IMPLEMENTS: "the source implements the target instrument",
    R.REFERENCES: "the source refers to the target",
    R.PART_OF: "the source is a part or component of the target",
    R.PART_OF_REGIME: "the source belongs to the target regime",
    R.WORKS_IN: "the source works in the target place",
    R.HEADQUARTERED_IN: "the source has its headquarters in the target place",
    R.USES_TERM: "the source uses the target term or concept",
    R.DEFINES: "the source defines the target term",
    R.PROMOTES: "the source promotes or advocates the target",
    R.PARTICIPATES_IN: "the source takes part in the target",
    R.ADDRESSES: "the source addresses the target event or place",
    R.MONITORS: "the source monitors the target place or instrument",
    R.INSTANCE_OF: (
        "the source is a member of the target class (a group the source speaks of as a whole)"
    ),
    R.REPORTS_TO: "the source (a mandate or body) reports to the target organ",
    Scope.GLOBAL: "open to, or covering, all states",
    Scope.REGIONAL: "one region",
    Scope.BILATERAL: "two states or bodies",
    Scope.NATIONAL: "one state",
    Scope.LOCAL: "part of one state",
    A.CRIMINAL_JUSTICE: "crime, policing, prosecution and punishment",
    A.HUMAN_RIGHTS: "the rights of persons",
    A.LABOUR: "work and workers' rights",
    A.MIGRATION: "movement of persons across borders",
    A.REFUGEE: "refugees and asylum",
    A.GENDER: "gender equality and women's rights",
    A.CHILD_RIGHTS: "the rights of children",
    A.ECONOMIC: "markets, trade and economic interests",
    A.DEVELOPMENT: "economic and social development",
    A.SPORT: "sport and sporting events",
    A.SECURITY: "state and international security",
    A.CORPORATE_RESPONSIBILITY: "companies' responsibility for their conduct and supply chains",
    FunctionStatus.YES: "the element performs the function (the source says so)",
    FunctionStatus.NO: "the element does not perform the function (the source says so)",
    FunctionStatus.UNKNOWN: "the source does not say (never read as no)",
    V.AWARENESS: "raising public awareness",
    V.EDUCATION: "education",
    V.TRAINING: "training professionals",
    V.LOBBYING: "lobbying and advocacy",
    V.LAW_MAKING: "making or drafting law",
    V.GUIDANCE: "issuing guidance or model laws",
    V.DATA_COLLECTION: "collecting data",
    V.MONITORING: "monitoring compliance or conditions",
    V.REPORTING: "publishing reports",
    V.FUNDING: "funding others' work",
    V.RESCUE: "rescuing persons",
    V.SHELTER: "providing shelter",
    V.REHABILITATION: "rehabilitation of persons",
    V.REINTEGRATION: "reintegration of persons into society",
    V.REPATRIATION: "returning persons to their country",
    V.INVESTIGATION: "investigating cases",
    V.PROSECUTION_SUPPORT: "supporting prosecutions",
    V.CRIMINALISATION: "making conduct a crime",
    V.BORDER_CONTROL: "controlling borders",
    V.DEMAND_REDUCTION: "reducing demand",
    V.SUPPLY_CHAIN: "scrutiny of supply chains",
    V.EMPLOYMENT: "providing employment or livelihoods",
    V.HOTLINE: "running a hotline",
    V.COORDINATION: "coordinating other actors",
    V.POVERTY_REDUCTION: "reducing poverty",
    NoteKind.DOUBTFUL: "the source's claim looks wrong against public facts or the data",
    NoteKind.CONTRADICTION: "the source says otherwise elsewhere",
    NoteKind.EXTRACTION: "an artefact of converting the source to text",
    NoteKind.EDITORIAL: "a choice made while curating",
}
del C, K, R, A, V


def definition(value: StrEnum | ExtValue) -> str:
    """A value's one-line definition: a built-in member's, or a dataset's own (``.definition``).

    >>> definition(ElementKind.IGO)
    'an intergovernmental organisation'
    """
    if isinstance(value, StrEnum):
        return DEFINITIONS[value]
    return value.definition
