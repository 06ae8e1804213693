// name: overlaps-on
// description: Everything overlapping (OVERLAPS_WITH) on an issue whose text contains the given word.
// params: issue=prosecution
MATCH (a:Element)-[r:OVERLAPS_WITH]->(b:Element)
WHERE toLower(r.issue) CONTAINS toLower($issue)
RETURN r.issue AS issue, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.derived AS derived, r.section AS section, r.footnotes AS footnotes
ORDER BY issue, source, target
