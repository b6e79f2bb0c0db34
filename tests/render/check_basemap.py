#!/usr/bin/env python3
"""The map as a reader sees it: schools drawn on the land they stand on.

Draws the demo's geo view over the shipped basemap as SVG, then checks what is on the page:
- the basemap is drawn (land polygons in the theme's land colour) beneath every school;
- its attribution (the CC BY line the GeoJSON carries) is printed under the title;
- the schools fall on land in the drawing as often as they do on the ground: each school's
  lat/lon is tested against the GeoJSON's own polygons (an independent point-in-polygon on the
  raw coordinates, no projection), and each drawn school's centre against the drawn land. A
  projection that is off (lat/lon swapped, the wrong scale or origin) puts schools in the sea.
Usage: check_basemap.py COLLABNET NETWORK BASEMAP OUT_DIR
"""
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

LAND = "#f3f0e8"  # the default theme's land colour (viz/default.json, basemap.land)
SEA = "#e2edf5"
NS = "{http://www.w3.org/2000/svg}"


def inside(x, y, ring):
    """Even-odd ray casting."""
    hit = False
    n = len(ring)
    for i in range(n):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % n]
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def on_land_geo(lon, lat, polygons):
    for poly in polygons:
        if inside(lon, lat, poly[0]) and not any(inside(lon, lat, h) for h in poly[1:]):
            return True
    return False


def distance_to_ring(px, py, ring):
    best = float("inf")
    for i in range(len(ring)):
        x1, y1 = ring[i]
        x2, y2 = ring[(i + 1) % len(ring)]
        dx, dy = x2 - x1, y2 - y1
        length = dx * dx + dy * dy
        t = 0 if length == 0 else max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / length))
        best = min(best, ((px - x1 - t * dx) ** 2 + (py - y1 - t * dy) ** 2) ** 0.5)
    return best


def points(attr):
    return [tuple(map(float, p.split(","))) for p in attr.split()]


def main(exe, network, basemap, out):
    svg_path = f"{out}/basemap-geo.svg"
    subprocess.run([exe, "render", network, "--view", "geo", "--basemap", basemap, "-o", svg_path],
                   check=True)
    svg = open(svg_path, encoding="utf-8").read()
    root = ET.fromstring(svg)
    graph = root.find(f"{NS}g")
    children = list(graph)

    # Land and sea polygons come before the first school.
    first_node = next(i for i, c in enumerate(children) if c.get("class") == "node")
    land, sea = [], []
    for c in children[:first_node]:
        if c.tag == f"{NS}polygon" and c.get("fill") == LAND:
            land.append(points(c.get("points")))
        elif c.tag == f"{NS}polygon" and c.get("fill") == SEA:
            sea.append(points(c.get("points")))
    assert len(land) > 100, f"expected the coast of hundreds of islands, got {len(land)} land polygons"
    assert not any(c.tag == f"{NS}polygon" and c.get("fill") == LAND for c in children[first_node:]), \
        "land drawn over the schools"

    text = " ".join("".join(t.itertext()) for t in root.iter(f"{NS}text"))
    data = json.load(open(basemap, encoding="utf-8"))
    assert "Martin Chorley, CC BY 4.0" in data["attribution"]
    assert "Martin Chorley, CC BY 4.0" in text and "Ordnance Survey" in text, \
        "the basemap's attribution is not printed on the map"

    polygons = []
    for f in data["features"]:
        g = f["geometry"]
        polygons += [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    net = json.load(open(network, encoding="utf-8"))
    located = [s for s in net["schools"] if s.get("lat") is not None and s.get("lon") is not None]
    on_ground = sum(on_land_geo(s["lon"], s["lat"], polygons) for s in located)

    # Each school's mark: a node group whose title is its DOT name (s<index>) and whose shape's
    # centre is the school's place (ellipse: cx, cy; polygons: the mean of the points).
    drawn = 0
    on_page = 0
    for g in graph.iter(f"{NS}g"):
        if g.get("class") != "node":
            continue
        title = g.find(f"{NS}title").text
        if not re.fullmatch(r"s\d+", title):
            continue
        # The shape may sit inside the link that carries its tooltip: look at every descendant.
        shape = next(g.iter(f"{NS}ellipse"), None)
        if shape is not None:
            x, y = float(shape.get("cx")), float(shape.get("cy"))
        else:
            pts = points(next(g.iter(f"{NS}polygon")).get("points"))
            x = sum(p[0] for p in pts) / len(pts)
            y = sum(p[1] for p in pts) / len(pts)
        drawn += 1
        if any(inside(x, y, r) for r in land) and not any(inside(x, y, r) for r in sea[1:]):
            on_page += 1
        else:
            # Off the land only by the nudge that parts crowded schools (at most 0.35 in =
            # 25.2 pt, src/render/geo.cpp) and the half-point simplification of the coast.
            gap = min(distance_to_ring(x, y, r) for r in land)
            assert gap <= 25.2 + 1.5, f"school {title} drawn {gap:.1f} pt out to sea"
    assert drawn == len(located), (drawn, len(located))
    # Schools are nudged apart by up to 0.35 in and coasts simplified to half a point, so crowded
    # coastal schools (Aberdeen's, Stornoway's) may stand just off the coast on the page; a wrong
    # projection would put most of them far out to sea.
    print(f"basemap: {len(land)} land polygons; {on_ground}/{len(located)} schools on land on the "
          f"ground, {on_page}/{drawn} on the page")
    assert on_ground >= 0.9 * len(located), "the basemap does not cover the demo's schools"
    assert on_page >= 0.8 * on_ground, "schools drawn off the land they stand on"


if __name__ == "__main__":
    main(*sys.argv[1:])
