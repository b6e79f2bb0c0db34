#!/usr/bin/env python3
"""Differential test: `collabnet suggest` against NetworkX on one network (suggestions-output.md).

usage: nx_suggest_reference.py COLLABNET NETWORK.json WORKDIR [--plan K] [collabnet flags...]

Recomputed here from the network file alone, independently of collabnet:
  - feasibility of every suggestion and plan link: both schools located, great-circle distance
    (haversine, R = 6371.0088 km) within max_km, same sector or one all-through (unless
    --any-sector), not partners already on the analysis date, not the school itself; at-risk
    schools without a location get no suggestion;
  - closeness_before and every closeness_after (harmonic closeness / (n - 1), NetworkX
    harmonic_centrality on the graph with the school's first k suggested links added) and each
    gain, to 1e-9;
  - the first pick of every school equals brute force over all its feasible candidates, and a
    school gets min(per_school, feasible candidates) suggestions;
  - the plan: the at-risk count (at most one partner, or on the strictly smaller side of a bridge)
    before and after every step on the graph with the links added, and the lower bound;
  - --write-network: `collabnet analyse` of the written network gives the closeness promised for
    the last suggestion of a --for school, and the at-risk count the plan promised.
Exit 0 when everything agrees.
"""
import json
import math
import os
import subprocess
import sys

import networkx as nx

TOL = 1e-9
R = 6371.0088


def km(a, b):
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlat = p2 - p1
    dlon = math.radians(b["lon"] - a["lon"])
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def graph_of(net, as_of):
    G = nx.Graph()
    G.add_nodes_from(s["id"] for s in net["schools"])
    for p in net["partnerships"]:
        if as_of is None or ((p.get("since") is None or p["since"] <= as_of) and
                             (p.get("until") is None or p["until"] >= as_of)):
            G.add_edge(p["from"], p["to"])
    return G


def closeness(G, v):
    n = len(G)
    return nx.harmonic_centrality(G, nbunch=[v])[v] / (n - 1) if n > 1 else 0.0


def at_risk(G):
    risky = {v for v in G if G.degree(v) <= 1}
    for a, b in nx.bridges(G):
        H = G.copy()
        H.remove_edge(a, b)
        sa, sb = nx.node_connected_component(H, a), nx.node_connected_component(H, b)
        if len(sa) < len(sb):
            risky |= sa
        elif len(sb) < len(sa):
            risky |= sb
    return risky


def run(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (p.returncode, " ".join(cmd), p.stderr))
    return p.stdout


def main():
    exe, path, work = sys.argv[1], sys.argv[2], sys.argv[3]
    extra = sys.argv[4:]
    os.makedirs(work, exist_ok=True)
    net = json.load(open(path, encoding="utf-8"))
    as_of = extra[extra.index("--as-of") + 1] if "--as-of" in extra else net.get("as_of")
    if as_of == "all":
        as_of = None
    written = os.path.join(work, "with-links.json")
    out = json.loads(run([exe, "suggest", path, "--format", "json", "--write-network", written]
                         + extra))
    st = out["settings"]
    max_km, per_school, any_sector = st["max_km"], st["per_school"], st["any_sector"]
    schools = {s["id"]: s for s in net["schools"]}
    G = graph_of(net, as_of)
    errors = []

    def close(what, got, want):
        if abs(got - want) > TOL:
            errors.append("%s: collabnet %r, reference %r" % (what, got, want))

    def located(s):
        return "lat" in s and "lon" in s

    def feasible(v, u):
        a, b = schools[v], schools[u]
        if u == v or G.has_edge(v, u) or not located(a) or not located(b):
            return False
        if not any_sector:
            sa, sb = a.get("sector", ""), b.get("sector", "")
            if not ("all-through" in (sa, sb) or (sa and sa == sb)):
                return False
        return km(a, b) <= max_km

    checked = 0
    for e in out["schools"]:
        v = e["id"]
        close("%s closeness_before" % v, e["closeness_before"], closeness(G, v))
        cands = [u for u in schools if feasible(v, u)]
        if not located(schools[v]) and e["suggestions"]:
            errors.append("%s has no location but got suggestions" % v)
        want = min(per_school, len(cands))
        if len(e["suggestions"]) != want:
            errors.append("%s: %d suggestions, %d expected" % (v, len(e["suggestions"]), want))
        H = G.copy()
        prev = closeness(G, v)
        for k, sg in enumerate(e["suggestions"]):
            u = sg["partner"]
            if not feasible(v, u):
                errors.append("%s: infeasible suggestion %s" % (v, u))
                continue
            close("%s-%s km" % (v, u), sg["km"], km(schools[v], schools[u]))
            H.add_edge(v, u)
            after = closeness(H, v)
            close("%s-%s closeness_after" % (v, u), sg["closeness_after"], after)
            close("%s-%s gain" % (v, u), sg["gain"], after - prev)
            prev = after
        if cands and e["suggestions"] and len(cands) <= 400:
            # Brute force: every feasible candidate's closeness with the one link added.
            base = closeness(G, v)
            best = max(_with(G, v, u) for u in cands)
            close("%s first pick (brute force)" % v, e["suggestions"][0]["gain"], best - base)
        checked += 1

    if "plan" in out:
        H = G.copy()
        risk0 = at_risk(H)
        if out["plan_at_risk"] != len(risk0):
            errors.append("plan_at_risk %d, reference %d" % (out["plan_at_risk"], len(risk0)))
        for k, step in enumerate(out["plan"]):
            a, b = step["link"]
            if not feasible(a, b) and not feasible(b, a):
                errors.append("plan step %d: infeasible link %s-%s" % (k + 1, a, b))
            before = len(at_risk(H))
            H.add_edge(a, b)
            after = len(at_risk(H))
            if (step["at_risk_before"], step["at_risk_after"]) != (before, after):
                errors.append("plan step %d: at risk %d -> %d, reference %d -> %d" % (
                    k + 1, step["at_risk_before"], step["at_risk_after"], before, after))
        if out["plan_lower_bound"] > len(out["plan"]) + len(at_risk(H)) and not at_risk(H):
            errors.append("lower bound %d above a plan that clears everything in %d links" % (
                out["plan_lower_bound"], len(out["plan"])))
        # The written network, analysed by collabnet itself, must show what the plan promised.
        a_out = json.loads(run([exe, "analyse", written, "--format", "json"] +
                               (["--as-of", as_of] if as_of else [])))
        W = nx.Graph()
        W.add_nodes_from(s["id"] for s in a_out["schools"])
        Wnet = json.load(open(written, encoding="utf-8"))
        proposed = [p for p in Wnet["partnerships"] if p.get("proposed") is True]
        if len(proposed) != len(out["plan"]):
            errors.append("written network: %d proposed links, plan has %d" % (
                len(proposed), len(out["plan"])))
        W = graph_of(Wnet, as_of)
        promised = out["plan"][-1]["at_risk_after"] if out["plan"] else out["plan_at_risk"]
        degree_low = sum(1 for s in a_out["schools"] if s["degree"] <= 1)
        if len(at_risk(W)) != promised or degree_low != sum(1 for v in W if W.degree(v) <= 1):
            errors.append("written network: at risk %d, the plan promised %d" % (
                len(at_risk(W)), promised))
    elif "--for" in extra and out["schools"] and out["schools"][0]["suggestions"]:
        # The promise is per school: write the network with the first school's links alone.
        e = out["schools"][0]
        rest, k = [], 0
        while k < len(extra):
            if extra[k] == "--for":
                k += 2
            else:
                rest.append(extra[k])
                k += 1
        written = os.path.join(work, "one-school.json")
        run([exe, "suggest", path, "--for", e["id"], "--write-network", written, "--format",
             "json"] + rest)
        a_out = json.loads(run([exe, "analyse", written, "--format", "json"] +
                               (["--as-of", as_of] if as_of else [])))
        got = next(s["closeness"] for s in a_out["schools"] if s["id"] == e["id"])
        close("written network: closeness of %s" % e["id"], got,
              e["suggestions"][-1]["closeness_after"])

    for line in errors[:50]:
        print(line)
    if errors:
        sys.exit("%d disagreements (of %d schools checked)" % (len(errors), checked))
    print("ok: %d schools, %d plan steps agree with NetworkX" % (checked, len(out.get("plan", []))))


def _with(G, v, u):
    """v's closeness with the link v-u added (G is left as it was)."""
    G.add_edge(v, u)
    c = closeness(G, v)
    G.remove_edge(v, u)
    return c


if __name__ == "__main__":
    main()
