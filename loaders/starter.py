"""``rcx init DIR``: a small, valid, commented starter dataset to edit into your own.

The files are templates (comments are the point, so they are not generated from records);
a test checks that what is written validates.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from rcx.schema.errors import RcxError

DATASET_YAML = """\
# dataset.yaml: what this dataset is and where its facts come from.
# Written by `rcx init`. Replace the example with your own regime complex, then run
#   rcx validate --data THIS_FOLDER
# until it prints ok. `rcx vocab` lists every allowed value with its definition.
id: my-regime-complex            # a slug: lower case, digits and hyphens
title: An example regime complex (replace me)
source: >-
  The publication (or your own research) every record cites in its provenance; give author,
  year and title, e.g. "Keohane & Victor (2011), The Regime Complex for Climate Change".
licence: CC-BY-4.0

# The statements of your source are the records of claims.yaml: every relation you assert
# names the claim it comes from (`claim:`), and the relation's section and footnotes must be
# those of its claim. A claim about a group ("NGOs of the basin") is stated once, for a class
# (an element with is_class: true), and rcx copies it to the class's members.

# Derivation rules (optional): relations rcx derives from the ones you state, each marked
# derived, with the place where the source states the general claim.
rules:
  - rule: nested-by-implementation   # an instrument that IMPLEMENTS another is NESTED_IN it
    basis: {section: "2"}
  - rule: expand-class-claims        # a class-level claim + INSTANCE_OF => member-level copies
    basis: {section: "4"}

# Values your field needs beyond the built-in vocabulary, each with a one-line definition
# (`rcx vocab` shows the built-in ones; an addition must not clash with them):
vocabulary:
  approaches:
    water: "management and protection of shared water resources"
  activities:
    research: "scientific assessment and research"
#  kinds:                            # a new element kind inside a built-in category
#    river_commission: {category: Organisation, definition: "a basin's joint commission"}
#  relation_types:                   # a new structural relation (never a linkage type)
#    FUNDS: {definition: "the source pays for the target", symmetric: false}

# Extra allowed (source kind, RELATION, target kind) patterns; kinds or categories.
patterns:
  - [igo, PARTY_TO, regional_treaty]   # e.g. a regional organisation party to a treaty

# Notes on the dataset as a whole, or on a claim the source makes (with where it makes it).
notes:
  - id: claim-fragmented
    kind: editorial
    text: >-
      The source claims that the complex is fragmented: no treaty or body sits at its
      centre (claim s3-fragmented of claims.yaml). rcx analyze tests this (no coordinating
      core).
    about: [basin-convention, basin-commission]
    provenance: {section: "3", footnotes: [2]}
"""

ELEMENTS_YAML = """\
# elements/*.yaml: the nodes of the regime complex, one record each (see docs/dataset-format.md).
# Every record needs id, name, kind and provenance (the section of the source, its footnotes).
- id: basin-convention
  name: Example Basin Convention
  aliases: [Basin Convention]
  kind: regional_treaty           # a binding treaty among the states of one region
  year_adopted: 1995
  year_in_force: 1998
  scope: regional
  approaches: [water, development]
  activities: [law_making]
  provenance: {section: "2", footnotes: [1]}

- id: basin-protocol
  name: Protocol on Water Quality to the Example Basin Convention
  kind: regional_treaty
  year_adopted: 2004
  scope: regional
  approaches: [water]
  activities: [monitoring]
  provenance: {section: "2.1", footnotes: [1]}

- id: basin-commission
  name: Example Basin Commission
  kind: igo                       # an intergovernmental organisation
  year_adopted: 1996
  approaches: [water]
  activities: [coordination, research]
  provenance: {section: "2.2"}

- id: trade-agreement
  name: Example Regional Trade Agreement
  kind: regional_treaty
  approaches: [economic]
  provenance: {section: "3"}

- id: water-guidelines
  name: Guidelines on Shared Waters
  kind: global_soft_law           # a non-binding instrument adopted at the global level
  approaches: [water]
  activities: [guidance]
  provenance: {section: "3"}

- id: river-watch
  name: River Watch (an example NGO)
  kind: ngo
  approaches: [water]
  activities: [monitoring, awareness]
  headquarters: [upstream-state]  # place ids: makes a HEADQUARTERED_IN relation, whose
  provenance: {section: "4"}      # claim is locations-4 (locations-<section>, in claims.yaml)
  notes:
    - {kind: editorial, text: "An invented example: replace it with a real actor."}

- id: basin-ngos                  # a class: a group the source speaks of as a whole
  name: NGOs of the basin
  kind: ngo                       # its members are of the same category (PrivateActor)
  is_class: true                  # no location, website, treaty reference or years
  description: The local groups that watch the river, taken together.
  provenance: {section: "4"}

- id: upstream-state
  name: Upstream State
  kind: state
  provenance: {section: "2"}

- id: downstream-state
  name: Downstream State
  kind: state
  provenance: {section: "2"}
"""

RELATIONS_YAML = """\
# relations/*.yaml: typed, sourced links. The four linkage types are fixed:
#   NESTED_IN (source inside its framework), OVERLAPS_WITH and CONFLICTS_WITH (symmetric, name
#   the 'issue'), PARALLEL_TO (an asserted ABSENCE of a link, with its 'evidence'; never an
#   edge in the analyses). Other types are structural (PARTY_TO, CREATED_BY, ...).
# `claim:` names the statement of claims.yaml the relation comes from; relations one
# statement makes share it.
- source: basin-protocol
  target: basin-convention
  type: NESTED_IN
  claim: s2-1-protocol
  provenance: {section: "2.1", footnotes: [1]}

- source: basin-convention
  target: water-guidelines
  type: OVERLAPS_WITH
  issue: equitable use of shared waters
  claim: s3-equitable-use
  provenance: {section: "3"}

- source: basin-convention
  target: trade-agreement
  type: CONFLICTS_WITH
  issue: dams and water exports
  claim: s3-dams-and-exports
  provenance: {section: "3", footnotes: [2]}

- source: trade-agreement
  target: water-guidelines
  type: PARALLEL_TO
  evidence: The source says the trade agreement never mentions the guidelines.
  claim: s3-trade-ignores-guidelines
  provenance: {section: "3"}

- source: basin-commission
  target: basin-convention
  type: CREATED_BY
  claim: s2-2-commission
  provenance: {section: "2.2"}

- source: basin-commission
  target: basin-convention
  type: PARTY_TO                  # allowed by the extra pattern in dataset.yaml
  claim: s2-2-commission
  provenance: {section: "2.2"}

- source: upstream-state
  target: basin-convention
  type: PARTY_TO
  claim: s2-parties
  provenance: {section: "2"}

- source: downstream-state
  target: basin-convention
  type: PARTY_TO
  claim: s2-parties
  provenance: {section: "2"}

- source: basin-protocol
  target: basin-convention
  type: IMPLEMENTS                # the rule nested-by-implementation would derive NESTED_IN
  claim: s2-1-protocol
  provenance: {section: "2.1"}    # here, but the data already states it, so it does not

# One statement about a group, stated once for the class; its members point at the class.
# rcx derives river-watch PARTICIPATES_IN basin-commission (expanded_from: s4-basin-ngos).
- source: basin-ngos
  target: basin-commission
  type: PARTICIPATES_IN
  claim: s4-basin-ngos
  provenance: {section: "4"}

- source: river-watch
  target: basin-ngos
  type: INSTANCE_OF               # member -> class, only where the source places it there
  claim: s4-basin-ngos
  provenance: {section: "4"}
"""

CLAIMS_YAML = """\
# claims.yaml: the statements of your source, one record each. Every asserted relation names
# one (`claim:`); its provenance.section must be the claim's section and its footnotes among
# the claim's. Write the summary in your own words.
- id: s2-parties
  section: "2"
  summary: Both riparian states are parties to the Basin Convention.
- id: s2-1-protocol
  section: "2.1"
  footnotes: [1]
  summary: The water quality protocol implements the Convention and sits inside it.
- id: s2-2-commission
  section: "2.2"
  summary: The Convention set up the Basin Commission, which is itself a party to it.
- id: s3-equitable-use
  section: "3"
  summary: The Convention and the global guidelines both deal with equitable use.
- id: s3-dams-and-exports
  section: "3"
  footnotes: [2]
  summary: The trade agreement's rules on water exports clash with the Convention's on dams.
  # contradicts: [other-claim-id]   # where the source says the opposite elsewhere; it then
  #                                  # needs a note of kind contradiction naming both passages
- id: s3-trade-ignores-guidelines
  section: "3"
  summary: The trade agreement never mentions the guidelines (an asserted absence of a link).
- id: s3-fragmented                # a claim about the whole complex (see the note in dataset.yaml)
  section: "3"
  footnotes: [2]
  summary: No treaty or body sits at the centre of the complex.
- id: s4-basin-ngos
  section: "4"
  summary: Local NGOs, River Watch among them, take part in the Commission's work.
  # expand: false                    # if the source means only some, unnamed, members
- id: locations-4                  # holds the headquarters / works_in of elements of section 4
  section: "4"
  summary: Where the actors of section 4 are based.
"""

CITATIONS_CSV = """\
footnote,cited_work,pinpoint,section
1,"Example Basin Convention (1995), text of the treaty",art. 3,2
2,"A. Author, 'Water and Trade in the Example Basin' (2010) 1 Journal of Examples 1",p. 12,3
"""

FILES = {
    "dataset.yaml": DATASET_YAML,
    "elements/elements.yaml": ELEMENTS_YAML,
    "relations/relations.yaml": RELATIONS_YAML,
    "claims.yaml": CLAIMS_YAML,
    "citations.csv": CITATIONS_CSV,
}


def write_starter(path: str | Path) -> list[Path]:
    """Write the starter dataset into *path* (created; it must not hold anything yet).

    All or nothing: the files are written to a temporary folder next to *path* first.
    """
    target = Path(path)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RcxError(
            f"{target} is not an empty folder; rcx init writes only into a new or empty one"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        for name, text in FILES.items():
            (tmp / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp / name).write_text(text, encoding="utf-8")
        if target.exists():
            target.rmdir()
        os.replace(tmp, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return [target / name for name in FILES]
