#!/usr/bin/env python3
"""bench/generate.py's default file (shaped like real exports) is its --lean network reshaped:
collabnet must read every record of it (nulls, extra keys, named staff, SEED and URN ids) and
find the same figures for every school, matched by position in the schools array.
usage: check_realistic.py COLLABNET SOURCE_DIR WORK_DIR"""
import json
import os
import subprocess
import sys

exe, src, work = sys.argv[1:4]
os.makedirs(work, exist_ok=True)
gen = os.path.join(src, "bench", "generate.py")
real, lean = os.path.join(work, "real.json"), os.path.join(work, "lean.json")
subprocess.run([sys.executable, gen, "400", "-o", real, "--seed", "3"], check=True)
subprocess.run([sys.executable, gen, "400", "-o", lean, "--seed", "3", "--lean"], check=True)

with open(real, encoding="utf-8") as f:
    text = f.read()
net = json.loads(text)
# The shape: one record a line, the extras present, no one-school grouping.
assert text.count("\n") > len(net["schools"]) + len(net["staff"]) + len(net["partnerships"])
assert all(p["until"] is None for p in net["partnerships"])
assert all("denomination" in s and "website" in s for s in net["schools"])
named = sum(1 for t in net["staff"] if "name" in t) / len(net["staff"])
assert 0.17 < named < 0.25, named
assert all(len(s["id"]) in (6, 7) and s["id"].isdigit() for s in net["schools"])
assert min(len(g["members"]) for g in net["groupings"]) >= 2

# Nothing lost or warned about: check succeeds with no warning on stderr.
r = subprocess.run([exe, "check", real], capture_output=True, text=True)
assert r.returncode == 0 and r.stderr == "", (r.returncode, r.stderr)
assert "warnings      0" in r.stdout, r.stdout

figures = {}
for tag, path in (("real", real), ("lean", lean)):
    out = os.path.join(work, tag + "-analysis.json")
    subprocess.run([exe, "analyse", path, "--format", "json", "-o", out], check=True,
                   stderr=subprocess.DEVNULL)
    with open(out, encoding="utf-8") as f:
        by_id = {s["id"]: s for s in json.load(f)["schools"]}
    with open(path, encoding="utf-8") as f:
        order = [s["id"] for s in json.load(f)["schools"]]
    figures[tag] = [by_id[i] for i in order]

keys = ["degree", "partnerships", "strength", "betweenness", "closeness", "gives", "receives",
        "articulation"]
bad = [(i, k, a[k], b[k]) for i, (a, b) in enumerate(zip(figures["real"], figures["lean"]))
       for k in keys if (abs(a[k] - b[k]) > 1e-9 if isinstance(a[k], float) else a[k] != b[k])]
bad += [(i, "staff", a["staff"]["on_file"], b["staff"]["on_file"])
        for i, (a, b) in enumerate(zip(figures["real"], figures["lean"]))
        if a["staff"]["on_file"] != b["staff"]["on_file"]]
assert not bad, bad[:10]
print("realistic file: %d schools, %d staff (%.0f %% named), figures equal to the lean file's"
      % (len(net["schools"]), len(net["staff"]), 100 * named))
