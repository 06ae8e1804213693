// name: claims
// description: Every claim (statement of the source) with its section and the relations it makes, class-level first; expansions are left out.
// params:
MATCH (a:Element)-[r]->(b:Element)
WHERE r.claim IS NOT NULL
RETURN r.claim AS claim, r.section AS section, type(r) AS type, a.id AS source, b.id AS target,
       r.issue AS issue, (coalesce(a.is_class, false) OR coalesce(b.is_class, false)) AS class_level,
       coalesce(r.contradiction, false) AS contradiction
ORDER BY claim, type, source, target
