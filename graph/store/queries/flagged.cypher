// name: flagged
// description: Elements carrying curator notes (doubtful claims, contradictions, extraction artefacts), notes as JSON.
// params:
MATCH (n:Element)
WHERE n.notes <> '[]'
RETURN n.id AS id, n.name AS name, n.kind AS kind, n.notes AS notes
ORDER BY id
