// name: parallel-pairs
// description: Pairs the paper says run in parallel (PARALLEL_TO: an asserted absence of linkage), with the evidence.
// params:
MATCH (a:Element)-[r:PARALLEL_TO]->(b:Element)
RETURN a.id AS source, a.name AS source_name, b.id AS target, b.name AS target_name,
       r.derived AS derived, coalesce(r.rule, '') AS rule, r.evidence AS evidence,
       r.section AS section
ORDER BY source, target
