// name: multi-bound-states
// description: States bound by several instruments (at least min_instruments PARTY_TO), one row per instrument.
// params: min_instruments=2
MATCH (s:Element)-[:PARTY_TO]->(i:Element)
WHERE s.kind = 'state'
WITH s, i, size([(s)-[:PARTY_TO]->(:Element) | 1]) AS bound
WHERE bound >= $min_instruments
RETURN s.id AS state, s.name AS state_name, bound AS instruments, i.id AS instrument,
       i.name AS instrument_name
ORDER BY instruments DESC, state, instrument
