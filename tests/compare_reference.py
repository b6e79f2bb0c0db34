#!/usr/bin/env python3
"""`collabnet compare` against an independent count from the two raw JSON files.

Usage: compare_reference.py COLLABNET BEFORE.json AFTER.json DATE
Runs `collabnet compare BEFORE AFTER --as-of DATE --format json` and recounts, in plain Python
from the files (no collabnet code): schools added and removed; linked pairs of records active on
DATE (since <= DATE <= until) and their summed weights, so links gained, lost, stronger, weaker;
schools in both waves that started or stopped having no active record; groupings whose number of
distinct members changed and crossed 8; and each grouping's latest rating per indicator as of each
wave's date. Exit 1 on any difference.
"""
import json
import subprocess
import sys


def active(p, date):
    return (p.get("since") or "") <= date and (p.get("until") is None or p["until"] >= date)


def links(net, date):
    out = {}
    for p in net["partnerships"]:
        if active(p, date):
            a, b = sorted((p["from"], p["to"]))
            out[(a, b)] = out.get((a, b), 0) + p.get("weight", 1)
    return out


def isolated(net, date):
    touched = set()
    for p in net["partnerships"]:
        if active(p, date):
            touched |= {p["from"], p["to"]}
    return {s["id"] for s in net["schools"]} - touched


def latest(net, date):
    out = {}
    for a in sorted(net.get("assessments", []), key=lambda a: a["date"]):
        if a["date"] <= date:
            out[(a["subject_kind"], a.get("subject"), a["indicator"])] = a["level"]
    return out


def main(exe, before_file, after_file, date):
    before = json.load(open(before_file, encoding="utf-8"))
    after = json.load(open(after_file, encoding="utf-8"))
    got = json.loads(subprocess.run([exe, "compare", before_file, after_file, "--as-of", date,
                                     "--format", "json"], check=True, capture_output=True,
                                    text=True).stdout)
    problems = []

    def check(what, mine, theirs):
        if mine != theirs:
            problems.append("%s: reference %r, collabnet %r" % (what, mine, theirs))

    ids_b = {s["id"] for s in before["schools"]}
    ids_a = {s["id"] for s in after["schools"]}
    check("schools.added", sorted(ids_a - ids_b), got["schools"]["added"])
    check("schools.removed", sorted(ids_b - ids_a), got["schools"]["removed"])
    lb, la = links(before, date), links(after, date)
    check("links.gained", [list(k) for k in sorted(set(la) - set(lb))], got["links"]["gained"])
    check("links.lost", [list(k) for k in sorted(set(lb) - set(la))], got["links"]["lost"])
    both = sorted(set(la) & set(lb))
    check("links.stronger", [[a, b, lb[(a, b)], la[(a, b)]] for a, b in both if la[(a, b)] > lb[(a, b)]],
          got["links"]["stronger"])
    check("links.weaker", [[a, b, lb[(a, b)], la[(a, b)]] for a, b in both if la[(a, b)] < lb[(a, b)]],
          got["links"]["weaker"])
    ib, ia = isolated(before, date), isolated(after, date)
    check("newly_isolated", sorted((ia - ib) & ids_b & ids_a), got["schools"]["newly_isolated"])
    check("no_longer_isolated", sorted((ib - ia) & ids_b & ids_a),
          got["schools"]["no_longer_isolated"])
    sizes_b = {g["id"]: len(set(g["members"])) for g in before.get("groupings", [])}
    sizes_a = {g["id"]: len(set(g["members"])) for g in after.get("groupings", [])}
    expected = []
    for gid in sorted(set(sizes_b) | set(sizes_a)):
        sb, sa = sizes_b.get(gid), sizes_a.get(gid)
        if sb != sa:
            crossed = sb is not None and sa is not None and (sb > 8) != (sa > 8)
            expected.append({"id": gid, "size_before": sb, "size_after": sa, "crossed_max": crossed})
    check("groupings", expected, got["groupings"])
    # Ratings: with --as-of both waves are read as of DATE.
    rb, ra = latest(before, date), latest(after, date)
    depth = []
    for key in sorted(set(rb) | set(ra), key=lambda k: (k[0], k[1] or "", k[2])):
        if rb.get(key) != ra.get(key):
            depth.append([key[0], key[1], key[2], rb.get(key), ra.get(key)])
    check("depth", depth, [[d["subject_kind"], d["subject"], d["indicator"], d["before"], d["after"]]
                           for d in got["depth"]])
    for p in problems:
        print(p)
    counts = {k: len(got["links"][k]) for k in ("gained", "lost", "stronger", "weaker")}
    print("compare %s -> %s as of %s: %s; %d rating changes; %s" %
          (before_file, after_file, date, counts, len(got["depth"]),
           "differences: %d" % len(problems) if problems else "all equal to the reference"))
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
