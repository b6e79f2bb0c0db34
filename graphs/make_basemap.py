#!/usr/bin/env python3
"""Makes the demo's basemap: Scotland's council areas around the Northern Alliance, simplified.

Reads data/scotland_council_areas_2013.geojson (32 areas, WGS84, 3.3 MB), keeps the areas whose
bounding box meets the Northern Alliance's (the eight councils and the neighbours a map of them
shows, so that land is not drawn as sea), simplifies each ring with Douglas-Peucker to TOLERANCE
degrees (about 250 m: far under a point on any page the demo's map is printed on), drops rings
that simplify to fewer than 4 points (islets smaller than the tolerance), rounds to 4 decimals
and writes a FeatureCollection with the source's attribution. Standard library only; the same
input gives the same bytes.
Usage: python3 graphs/make_basemap.py data/scotland_council_areas_2013.geojson graphs/northern-alliance-areas.geojson
"""
import json
import sys

NORTHERN_ALLIANCE = {"Aberdeen City", "Aberdeenshire", "Argyll and Bute", "Highland", "Moray",
                     "Eilean Siar", "Orkney Islands", "Shetland Islands"}
TOLERANCE = 0.0025


def simplify(points, tol):
    """Douglas-Peucker on a closed ring (first == last), iterative."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        ax, ay = points[a]
        bx, by = points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, best_i = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            if norm == 0:
                d = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            else:
                d = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            if d > best:
                best, best_i = d, i
        if best_i >= 0 and best > tol:
            keep[best_i] = True
            stack.append((a, best_i))
            stack.append((best_i, b))
    return [p for p, k in zip(points, keep) if k]


def rings_of(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def bbox(polys):
    xs = [x for poly in polys for ring in poly for x, _ in ring]
    ys = [y for poly in polys for ring in poly for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


def main(src, dst):
    with open(src, encoding="utf-8") as f:
        data = json.load(f)
    na = [f for f in data["features"] if f["properties"]["name"] in NORTHERN_ALLIANCE]
    assert len(na) == 8, [f["properties"]["name"] for f in na]
    x0, y0, x1, y1 = bbox([p for f in na for p in rings_of(f["geometry"])])
    out = []
    for f in data["features"]:
        polys = rings_of(f["geometry"])
        fx0, fy0, fx1, fy1 = bbox(polys)
        if fx1 < x0 or fx0 > x1 or fy1 < y0 or fy0 > y1:
            continue
        new_polys = []
        for poly in polys:
            rings = []
            for ring in poly:
                s = simplify([tuple(p) for p in ring], TOLERANCE)
                if len(s) >= 4:
                    rings.append([[round(x, 4), round(y, 4)] for x, y in s])
            if rings and len(rings[0]) >= 4:
                new_polys.append(rings)
        if not new_polys:
            continue
        props = dict(f["properties"])
        props["northern_alliance"] = props["name"] in NORTHERN_ALLIANCE
        out.append({"type": "Feature", "properties": props,
                    "geometry": {"type": "MultiPolygon", "coordinates": new_polys}})
    result = {"type": "FeatureCollection",
              "name": "Scotland's council areas around the Northern Alliance (simplified)",
              "attribution": data["attribution"], "features": out}
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
