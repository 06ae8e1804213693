// name: paths-between
// description: Simple paths (no element twice) between two elements of up to max_hops (at most 4) relations, in either direction, leaving out PARALLEL_TO (an absence of linkage).
// params: source=trafficking-protocol target=ilo max_hops=3
MATCH p = (a:Element {id: $source})-[:NESTED_IN|OVERLAPS_WITH|CONFLICTS_WITH|CREATED_BY|ADMINISTERED_BY|SUPPLEMENTS|PARTY_TO|MEMBER_OF|IMPLEMENTS|REFERENCES|PART_OF|PART_OF_REGIME|WORKS_IN|HEADQUARTERED_IN|USES_TERM|DEFINES|PROMOTES|PARTICIPATES_IN|ADDRESSES|MONITORS*1..4]-(b:Element {id: $target})
WHERE length(p) <= $max_hops
  AND all(i IN range(0, length(p) - 1)
          WHERE none(j IN range(i + 1, length(p)) WHERE nodes(p)[i] = nodes(p)[j]))
WITH p, reduce(s = a.id, i IN range(0, length(p) - 1) |
       s + CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN ' -[' ELSE ' <-[' END
         + type(relationships(p)[i])
         + CASE WHEN startNode(relationships(p)[i]) = nodes(p)[i] THEN ']-> ' ELSE ']- ' END
         + nodes(p)[i + 1].id) AS path
RETURN length(p) AS hops, path
ORDER BY hops, path
