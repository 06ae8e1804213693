// name: derived-relations
// description: Relations derived by rules rather than stated in the paper, with the rule and the section it rests on.
// params:
MATCH (a:Element)-[r]->(b:Element)
WHERE r.derived = true
RETURN r.rule AS rule, type(r) AS type, a.id AS source, b.id AS target, r.section AS section
ORDER BY rule, type, source, target
