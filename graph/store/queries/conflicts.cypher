// name: conflicts
// description: Every conflicting linkage (CONFLICTS_WITH) with its issue and where the paper says so.
// params:
MATCH (a:Element)-[r:CONFLICTS_WITH]->(b:Element)
RETURN r.issue AS issue, a.id AS source, a.name AS source_name, b.id AS target,
       b.name AS target_name, r.derived AS derived, r.section AS section, r.footnotes AS footnotes
ORDER BY issue, source, target
