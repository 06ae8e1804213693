"""Network analyses of a regime complex: is it held together by loose linkages, or by a core?

One topic per module; import the module you need (nothing is imported eagerly here)::

    layers        which relations count as edges (LayerSpec), the element graph, parallel pairs
    metrics       headline numbers of a linkage graph (density, fragmentation, centralization ...)
    core          the paper's literal core test, k-cores, Borgatti–Everett core–periphery, rich club
    nullmodel     degree-preserving null models: z-scores and empirical p-values for any statistic
    fragmentation components, Borgatti fragmentation, conflict/parallel shares, robustness
    clusters      Louvain / Leiden communities, their stability, consensus and composition
    typology      Biermann et al. (2009) synergistic / cooperative / conflictive, as a rule table
    hierarchy     nesting depth, flow hierarchy, functional overlap, duplication

Conventions (networkx-like): functions take the graph first and options as keywords, return
plain values or frozen dataclasses with ``as_dict()``; anything random takes ``seed=``; every
result records the parameters that produced it (a ``params`` field or key).

Two graphs appear: the *typed* graph ``g`` (the loaders' ``nx.MultiDiGraph``: one edge per
relation, with ``type``/``issue``/``derived``) and the *linkage graph* ``G`` (an undirected simple
``nx.Graph`` over elements, built by :func:`rcx.graph.analysis.layers.linkage_graph`).
``PARALLEL_TO`` is an asserted *absence* of linkage and is never an edge of ``G``.
"""
