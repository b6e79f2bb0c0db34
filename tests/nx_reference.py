#!/usr/bin/env python3
"""Differential test: `collabnet analyse --format json` against NetworkX on one network.

usage: nx_reference.py COLLABNET NETWORK.json [--as-of DATE|all] [--threads N]

Every metric is recomputed here from the network file alone, independently of collabnet, and
compared to 1e-9: degree, partnerships, strength, betweenness, closeness (harmonic / (n-1)),
PageRank, components (numbering by descending size, ties by smallest id), articulation points,
bridges, density, reciprocity, isolates, gives/receives, the one-way-link / receive-only /
give-only findings, and the modularity of the reported communities. Exit 0 when all agree.
"""
import json
import subprocess
import sys

import networkx as nx
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

TOL = 1e-9


def main():
    exe, path = sys.argv[1], sys.argv[2]
    extra = sys.argv[3:]
    net = json.load(open(path, encoding="utf-8"))
    # analysis-output.md: --as-of DATE; without it the file's own as_of; --as-of all: every record.
    as_of = extra[extra.index("--as-of") + 1] if "--as-of" in extra else net.get("as_of")
    if as_of == "all":
        as_of = None
    run = subprocess.run([exe, "analyse", path, "--format", "json"] + extra,
                         capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("collabnet failed (%d): %s" % (run.returncode, run.stderr))
    out = json.loads(run.stdout)

    ids = [s["id"] for s in net["schools"]]
    recs = [p for p in net["partnerships"]
            if as_of is None or ((p.get("since") is None or p["since"] <= as_of)
                                 and (p.get("until") is None or p["until"] >= as_of))]
    G = nx.Graph()
    G.add_nodes_from(ids)
    records = {v: 0 for v in ids}
    strength = {v: 0.0 for v in ids}
    for p in recs:
        a, b, w = p["from"], p["to"], float(p.get("weight", 1))
        records[a] += 1
        records[b] += 1
        strength[a] += w
        strength[b] += w
        if G.has_edge(a, b):
            G[a][b]["weight"] += w
        else:
            G.add_edge(a, b, weight=w)
    n = len(G)
    errors = []

    def close(what, got, want):
        if want is None or got is None:
            if got != want:
                errors.append("%s: collabnet %r, reference %r" % (what, got, want))
        elif abs(got - want) > TOL:
            errors.append("%s: collabnet %r, reference %r" % (what, got, want))

    def same(what, got, want):
        if got != want:
            errors.append("%s: collabnet %r, reference %r" % (what, got, want))

    bc = nx.betweenness_centrality(G, normalized=True)
    hc = nx.harmonic_centrality(G)
    pr = _pagerank_python(G, alpha=0.85, weight="weight", tol=1e-15, max_iter=100000) if n else {}
    comps = sorted((sorted(c) for c in nx.connected_components(G)), key=lambda c: (-len(c), c[0]))
    comp_of = {v: k for k, c in enumerate(comps) for v in c}
    aps = set(nx.articulation_points(G))

    # One-way records, as analysis-output.md defines the direction findings.
    gives = {v: 0 for v in ids}
    receives = {v: 0 for v in ids}
    has_mutual = {v: False for v in ids}
    pair = {}
    for p in recs:
        a, b = p["from"], p["to"]
        key = (min(a, b), max(a, b))
        st = pair.setdefault(key, {"mutual": 0, a: 0, b: 0})
        if p.get("direction", "mutual") == "mutual":
            st["mutual"] += 1
            has_mutual[a] = has_mutual[b] = True
        else:
            st[a] += 1
            gives[a] += 1
            receives[b] += 1
    one_way_links = sorted(
        p["id"] for p in recs if p.get("direction") == "one-way"
        and pair[(min(p["from"], p["to"]), max(p["from"], p["to"]))]["mutual"] == 0
        and pair[(min(p["from"], p["to"]), max(p["from"], p["to"]))][p["to"]] == 0)
    gives_to = {v: 0 for v in ids}
    for (a, b), st in pair.items():
        gives_to[a] += st[a] > 0
        gives_to[b] += st[b] > 0
    receive_only = sorted(v for v in ids if receives[v] > 0 and gives[v] == 0 and not has_mutual[v])
    give_only = sorted(v for v in ids if gives_to[v] >= 2 and receives[v] == 0)

    nw = out["network"]
    same("schools", nw["schools"], n)
    same("partnerships", nw["partnerships"], len(recs))
    same("links", nw["links"], G.number_of_edges())
    same("component_sizes", nw["component_sizes"], [len(c) for c in comps])
    same("isolates", nw["isolates"], sorted(v for v in ids if G.degree(v) == 0))
    same("articulation_points", nw["articulation_points"], len(aps))
    same("bridges", nw["bridges"], sorted(sorted(e) for e in nx.bridges(G)))
    close("density", nw["density"], nx.density(G) if n >= 2 else 0)
    mutual = sum(1 for p in recs if p.get("direction", "mutual") == "mutual")
    close("reciprocity", nw["reciprocity"], mutual / len(recs) if recs else None)

    by_id = {s["id"]: s for s in out["schools"]}
    same("school order", [s["id"] for s in out["schools"]], sorted(ids))
    for v in ids:
        s = by_id[v]
        same(v + " degree", s["degree"], G.degree(v))
        same(v + " partnerships", s["partnerships"], records[v])
        close(v + " strength", s["strength"], strength[v])
        close(v + " betweenness", s["betweenness"], bc[v])
        close(v + " closeness", s["closeness"], hc[v] / (n - 1) if n > 1 else 0)
        close(v + " pagerank", s["pagerank"], pr[v])
        same(v + " component", s["component"], comp_of[v])
        same(v + " articulation", s["articulation"], v in aps)
        same(v + " gives", s["gives"], gives[v])
        same(v + " receives", s["receives"], receives[v])

    def subjects(kind):
        return sorted(f["subject"] for f in out["findings"] if f["kind"] == kind)
    same("one-way-link findings", subjects("one-way-link"), one_way_links)
    same("receive-only-school findings", subjects("receive-only-school"), receive_only)
    same("give-only-school findings", subjects("give-only-school"), give_only)
    same("isolated-school findings", subjects("isolated-school"), nw["isolates"])
    same("weakly-connected findings", subjects("weakly-connected-school"),
         sorted(v for v in ids if G.degree(v) == 1))
    same("cut-school findings", subjects("cut-school"), sorted(aps))
    same("bridge-link findings", subjects("bridge-link"), nw["bridges"])

    # Communities: a partition whose reported modularity NetworkX recomputes.
    parts = [set(c["members"]) for c in out["communities"]]
    covered = set().union(*parts) if parts else set()
    parts += [{v} for v in ids if v not in covered]
    if G.number_of_edges() > 0:
        close("modularity", nw["modularity"], nx.community.modularity(G, parts, weight="weight"))
    for c in out["communities"]:
        same(c["id"] + " in one component", len({comp_of[v] for v in c["members"]}), 1)

    if errors:
        print("%d differences (first 20):" % len(errors))
        print("\n".join(errors[:20]))
        sys.exit(1)
    print("ok: %d schools, %d records, every metric within %g of NetworkX" % (n, len(recs), TOL))


if __name__ == "__main__":
    main()
