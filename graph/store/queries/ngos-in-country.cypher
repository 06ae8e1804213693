// name: ngos-in-country
// description: NGOs working in a place (WORKS_IN) and their known functions (prevention, protection, prosecution).
// params: place=india
MATCH (n:Element)-[:WORKS_IN]->(p:Element {id: $place})
WHERE n.kind = 'ngo'
RETURN n.id AS id, n.name AS name, n.prevention AS prevention, n.protection AS protection,
       n.prosecution AS prosecution, coalesce(n.website, '') AS website
ORDER BY id
