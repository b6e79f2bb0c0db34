#!/usr/bin/python3
"""The peers' side of bench/run: the same work done with python-igraph, NetworkX and Python.

usage: peers.py MODE NETWORK.json [OUT]
  igraph    betweenness() + harmonic_centrality() on the collapsed simple undirected graph
  networkx  betweenness_centrality() + harmonic_centrality() on the same graph
  load      json.load + the NetworkX graph build with every record's fields, staff indexed and
            every id resolved (what `collabnet check` is compared with)
  parse     json.load alone
  graph     json.load + an igraph graph of the partnerships (schools as vertices by id, one
            directed edge a partnership record): issue 18's yardstick for `collabnet check`
  dot       writes the collapsed graph as Graphviz DOT to OUT (for `sfdp -Tsvg`)

Prints one JSON object of timings in seconds (load, each metric, total of the metrics) on stdout.
Run through Debian's /usr/bin/python3 (python3-igraph, python3-networkx). Peak RSS is measured
from outside (bench/run wraps this in /usr/bin/time).
"""
import json
import sys
import time


def collapsed_pairs(net):
    """Distinct linked pairs (direction ignored, parallel records collapsed), as DESIGN.md's
    "Metric semantics" define the graph every centrality runs on."""
    index = {s["id"]: i for i, s in enumerate(net["schools"])}
    pairs = set()
    for p in net["partnerships"]:
        a, b = index[p["from"]], index[p["to"]]
        pairs.add((min(a, b), max(a, b)))
    return index, sorted(pairs)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    t0 = time.perf_counter()
    with open(path, encoding="utf-8") as f:
        net = json.load(f)
    out = {}
    if mode == "parse":
        out["load"] = time.perf_counter() - t0
    elif mode == "load":
        # What `collabnet check` does, in Python: the network as a NetworkX multigraph with every
        # record's fields, staff indexed by id, and every id reference resolved.
        import networkx as nx
        G = nx.MultiDiGraph(name=net.get("name"))
        for s in net["schools"]:
            G.add_node(s["id"], **s)
        staff = {}
        for t in net.get("staff", []):
            if t["school"] not in G:
                raise SystemExit("unknown school " + t["school"])
            staff[t["id"]] = t
        groupings = {}
        for g in net.get("groupings", []):
            groupings[g["id"]] = [G.nodes[m] for m in g["members"]]
        for p in net["partnerships"]:
            if p["from"] not in G or p["to"] not in G:
                raise SystemExit("unknown school in " + p.get("id", "?"))
            people = [staff[i] for i in p.get("staff", [])]
            G.add_edge(p["from"], p["to"], key=p.get("id"), staff=people,
                       **{k: v for k, v in p.items() if k != "staff"})
        out["load"] = time.perf_counter() - t0
        out["nodes"], out["edges"] = G.number_of_nodes(), G.number_of_edges()
    elif mode == "graph":
        import igraph
        index = {s["id"]: i for i, s in enumerate(net["schools"])}
        g = igraph.Graph(n=len(index), edges=[(index[p["from"]], index[p["to"]])
                                              for p in net["partnerships"]], directed=True)
        out["load"] = time.perf_counter() - t0
        out["nodes"], out["edges"] = g.vcount(), g.ecount()
    elif mode == "igraph":
        import igraph
        index, pairs = collapsed_pairs(net)
        g = igraph.Graph(n=len(index), edges=pairs, directed=False)
        out["load"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        g.betweenness(directed=False)
        t2 = time.perf_counter()
        g.harmonic_centrality()
        t3 = time.perf_counter()
        out["betweenness"], out["harmonic"], out["metrics"] = t2 - t1, t3 - t2, t3 - t1
    elif mode == "networkx":
        import networkx as nx
        index, pairs = collapsed_pairs(net)
        G = nx.Graph()
        G.add_nodes_from(range(len(index)))
        G.add_edges_from(pairs)
        out["load"] = time.perf_counter() - t0
        t1 = time.perf_counter()
        nx.betweenness_centrality(G, normalized=True)
        t2 = time.perf_counter()
        nx.harmonic_centrality(G)
        t3 = time.perf_counter()
        out["betweenness"], out["harmonic"], out["metrics"] = t2 - t1, t3 - t2, t3 - t1
    elif mode == "dot":
        ids = [s["id"] for s in net["schools"]]
        _, pairs = collapsed_pairs(net)
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write("graph schools {\n  node [shape=point];\n")
            for i in ids:
                f.write('  "%s";\n' % i)
            for a, b in pairs:
                f.write('  "%s" -- "%s";\n' % (ids[a], ids[b]))
            f.write("}\n")
        out["load"] = time.perf_counter() - t0
    else:
        sys.exit("unknown mode " + mode)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
