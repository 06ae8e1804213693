// name: functions-by-category
// description: How many elements of each category the paper says do (yes), do not (no) or may (unknown) perform each of the three Ps.
// params:
// count(CASE ... THEN 1 END), not sum(CASE ... THEN 1 ELSE 0 END): FalkorDB's sum() is a float
MATCH (n:Element)
WHERE n.category <> 'Place'
RETURN n.category AS category, count(n) AS elements,
       count(CASE WHEN n.prevention = 'yes' THEN 1 END) AS prevention_yes,
       count(CASE WHEN n.protection = 'yes' THEN 1 END) AS protection_yes,
       count(CASE WHEN n.prosecution = 'yes' THEN 1 END) AS prosecution_yes,
       count(CASE WHEN n.prevention = 'unknown' AND n.protection = 'unknown'
                  AND n.prosecution = 'unknown' THEN 1 END) AS all_unknown
ORDER BY category
