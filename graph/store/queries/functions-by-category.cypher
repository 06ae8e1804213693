// name: functions-by-category
// description: How many elements of each category the paper says do (yes), do not (no) or may (unknown) perform each of the three Ps.
// params:
MATCH (n:Element)
WHERE n.category <> 'Place'
RETURN n.category AS category, count(n) AS elements,
       sum(CASE WHEN n.prevention = 'yes' THEN 1 ELSE 0 END) AS prevention_yes,
       sum(CASE WHEN n.protection = 'yes' THEN 1 ELSE 0 END) AS protection_yes,
       sum(CASE WHEN n.prosecution = 'yes' THEN 1 ELSE 0 END) AS prosecution_yes,
       sum(CASE WHEN n.prevention = 'unknown' AND n.protection = 'unknown'
                 AND n.prosecution = 'unknown' THEN 1 ELSE 0 END) AS all_unknown
ORDER BY category
