#!/usr/bin/python3
"""Reads collabnet's exports back with the tools they are for, and checks them against the
network file and `collabnet analyse --format json`:

  GraphML  NetworkX read_graphml (a MultiGraph when records are parallel) and python-igraph
           Graph.Read_GraphML: node and edge counts, every school's name (hostile text
           included), metrics, a record's attributes;
  GEXF     well-formed XML (xml.etree), NetworkX read_gexf: counts, names, metrics;
  GeoJSON  json: a FeatureCollection of Points [lon, lat] for located schools and LineStrings,
           metrics as properties.

Usage: check_exports.py COLLABNET NETWORK.json OUTDIR [--as-of DATE]
Exit 0 when everything agrees; prints every disagreement otherwise.
"""
import json
import math
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import igraph
import networkx as nx
import networkx.readwrite.gexf as nx_gexf

exe, network_file, out = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
extra = sys.argv[4:]
# analysis-output.md: exports write every record unless --as-of DATE is given; the analysis they
# attach is as of that date, else the file's own as_of (--as-of all: every record).
given = extra[extra.index("--as-of") + 1] if "--as-of" in extra else None
as_of = given if given != "all" else None
out.mkdir(parents=True, exist_ok=True)
failures = []


def check(what, ok):
    if not ok:
        failures.append(what)


def close(a, b):
    return a is not None and b is not None and math.isclose(float(a), float(b), abs_tol=1e-9)


def run(*args):
    r = subprocess.run([exe, *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"collabnet {' '.join(args)} failed ({r.returncode}): {r.stderr}")
    return r


network = json.loads(network_file.read_text(encoding="utf-8"))
schools = {s["id"]: s for s in network["schools"]}


def in_xml(text):
    """What an XML export holds for `text`: characters XML 1.0 forbids become U+FFFD."""
    return "".join("\ufffd" if ord(c) < 0x20 and c not in "\t\n\r" else c for c in text)


def active(p, date=None):
    date = as_of if date is None else date
    return date is None or ((p.get("since") is None or p["since"] <= date) and
                            (p.get("until") is None or p["until"] >= date))


analysis_as_of = as_of if given else network.get("as_of")
records = [p for p in network.get("partnerships", []) if active(p)]


def edge_attr(e, key):
    """An igraph edge's attribute, None when absent or empty."""
    try:
        return e[key] or None
    except KeyError:
        return None
pairs = {tuple(sorted((p["from"], p["to"]))) for p in records}
analysis = json.loads(run("analyse", str(network_file), "--format", "json", *extra).stdout)
figures = {s["id"]: s for s in analysis["schools"]}
stem = network_file.stem
paths = {}
for fmt in ("graphml", "gexf", "geojson"):
    paths[fmt] = out / f"{stem}.{fmt}"
    paths[fmt].unlink(missing_ok=True)
    run("export", str(network_file), "--to", fmt, "-o", str(paths[fmt]), *extra)

# GraphML with NetworkX.
g = nx.read_graphml(paths["graphml"])
parallel = len(pairs) < len(records)
check(f"NetworkX: MultiGraph expected (parallel records: {parallel}), got {type(g).__name__}",
      g.is_multigraph() == parallel and not g.is_directed())
check(f"NetworkX GraphML: {g.number_of_nodes()} nodes, expected {len(schools)}",
      g.number_of_nodes() == len(schools))
check(f"NetworkX GraphML: {g.number_of_edges()} edges, expected {len(records)}",
      g.number_of_edges() == len(records))
for sid, s in schools.items():
    node = g.nodes[sid]
    check(f"NetworkX GraphML: name of {sid!r}", node.get("name") == in_xml(s["name"]))
    for metric in ("degree", "partnerships", "betweenness", "closeness", "pagerank"):
        check(f"NetworkX GraphML: {metric} of {sid!r}", close(node.get(metric),
                                                              figures[sid][metric]))
if g.is_multigraph():
    by_id = {k: d for _, _, k, d in g.edges(keys=True, data=True)}
    for p in records:
        if "id" in p:
            d = by_id.get(p["id"])
            check(f"NetworkX GraphML: edge {p['id']}", d is not None and
                  d["direction"] == p.get("direction", "mutual") and d["from"] == p["from"] and
                  close(d["weight"], p.get("weight", 1)))
# The metrics NetworkX computes from the export itself (its edges active on the analysis date)
# agree with collabnet's.
simple = nx.Graph()
simple.add_nodes_from(g.nodes)
for u, v, d in g.edges(data=True):
    if given == "all" or active({"since": d.get("since") or None, "until": d.get("until") or None},
                                analysis_as_of):
        simple.add_edge(u, v)
bc = nx.betweenness_centrality(simple, normalized=True)
for sid in schools:
    check(f"NetworkX betweenness of the exported graph, {sid!r}",
          close(bc[sid], figures[sid]["betweenness"]))

# GraphML with igraph.
h = igraph.Graph.Read_GraphML(str(paths["graphml"]))
check(f"igraph: {h.vcount()} vertices, expected {len(schools)}", h.vcount() == len(schools))
check(f"igraph: {h.ecount()} edges, expected {len(records)}", h.ecount() == len(records))
check("igraph: undirected", not h.is_directed())
for v in h.vs:
    # igraph 0.10's GraphML reader (libxml2 SAX without entity substitution) hands back "&amp;"
    # inside XML attributes (the node id) as "&#38;"; <data> values (names) come back exact.
    sid = v["id"].replace("&#38;", "&")
    check(f"igraph: vertex {sid!r} known", sid in schools)
    if sid in schools:
        check(f"igraph: name of {sid!r}", v["name"] == in_xml(schools[sid]["name"]))
        check(f"igraph: pagerank of {sid!r}", close(v["pagerank"], figures[sid]["pagerank"]))
        partners = {e.target if e.source == v.index else e.source for e in h.es[h.incident(v)]
                    if given == "all" or active({"since": edge_attr(e, "since"),
                                                 "until": edge_attr(e, "until")}, analysis_as_of)}
        check(f"igraph: degree of {sid!r}", len(partners) == figures[sid]["degree"])

# GEXF: well-formed, then NetworkX (2.8 knows the 1.1/1.2 namespaces only: register 1.3, whose
# elements NetworkX reads the same way).
root = ET.parse(paths["gexf"]).getroot()
check(f"GEXF root {root.tag}", root.tag == "{http://gexf.net/1.3}gexf" and
      root.get("version") == "1.3")
nx_gexf.GEXF.versions.setdefault("1.3", {
    "NS_GEXF": "http://gexf.net/1.3",
    "NS_VIZ": "http://gexf.net/1.3/viz",
    "NS_XSI": "http://www.w3.org/2001/XMLSchema-instance",
    "SCHEMALOCATION": "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    "VERSION": "1.3",
})
x = nx.read_gexf(paths["gexf"], version="1.3")
check(f"NetworkX GEXF: {x.number_of_nodes()} nodes", x.number_of_nodes() == len(schools))
check(f"NetworkX GEXF: {x.number_of_edges()} edges", x.number_of_edges() == len(records))
for sid, s in schools.items():
    node = x.nodes[sid]
    check(f"NetworkX GEXF: label of {sid!r}", node.get("label") == in_xml(s["name"]))
    check(f"NetworkX GEXF: betweenness of {sid!r}",
          close(node.get("betweenness"), figures[sid]["betweenness"]))

# GeoJSON.
geo = json.loads(paths["geojson"].read_text(encoding="utf-8"))
check("GeoJSON: a FeatureCollection", geo.get("type") == "FeatureCollection")
located = {sid for sid, s in schools.items() if "lat" in s}
points = [f for f in geo["features"] if f["geometry"]["type"] == "Point"]
lines = [f for f in geo["features"] if f["geometry"]["type"] == "LineString"]
check(f"GeoJSON: {len(points)} points, expected {len(located)}", len(points) == len(located))
for f in points:
    sid = f["properties"]["id"]
    s = schools[sid]
    check(f"GeoJSON: [lon, lat] of {sid!r}", f["geometry"]["coordinates"] == [s["lon"], s["lat"]])
    check(f"GeoJSON: name of {sid!r}", f["properties"]["name"] == s["name"])
    check(f"GeoJSON: closeness of {sid!r}",
          close(f["properties"]["closeness"], figures[sid]["closeness"]))
located_pairs = {p for p in pairs if p[0] in located and p[1] in located}
check(f"GeoJSON: {len(lines)} lines, expected {len(located_pairs)}",
      len(lines) == len(located_pairs))
check("GeoJSON: line records add up",
      sum(f["properties"]["records"] for f in lines) ==
      sum(1 for p in records if p["from"] in located and p["to"] in located))

for f in failures:
    print("FAIL:", f)
print(f"{stem}: {'ok' if not failures else str(len(failures)) + ' failures'} "
      f"({len(schools)} schools, {len(records)} records{', as of ' + as_of if as_of else ''})")
sys.exit(1 if failures else 0)
