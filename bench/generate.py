#!/usr/bin/env python3
"""Seeded generator of realistic school networks for benchmarks (issue 8).

Structure, per authority (about 160 schools each):
  - secondaries (1 in 6 schools), each with its feeder primaries (nearest by position) as an
    associated-schools cluster; every 6th cluster is grown past 8 schools;
  - mutual partnerships inside clusters (a ring plus chords, mean degree about 4 overall);
  - federations of 2-3 small primaries and multi-academy trusts of 3-20 schools;
  - a few "beacon" schools giving one-way support to 5-15 schools;
  - cross-authority links; about 3 % of schools (small remote ones first) left without any.
Staff: about 7 % of pupils per school, roles by share, some named on partnerships.
Standard library only; the same arguments always give the same bytes.

By default the file is shaped like the ones authorities export (issue 18), not only sized like
them: one record a line, school ids as real codes (Scottish SEED codes of 7 digits in
odd-numbered authorities, English URNs of 6 digits in the others), extra school keys
(denomination, local authority code, website, often null), names on about a fifth of staff,
"until": null on every open partnership, and no one-school groupings (a secondary with no
feeder is left out of the groupings; --singletons keeps them). The network itself (schools,
links, directions, weights, groupings of two or more) is the same as --lean's for the same seed:
the extras come from a second random stream. --lean writes the earlier compact file (one line,
ids S000000…, no extras), byte for byte as before.

Usage: generate.py SCHOOLS OUT.json [--seed N] [--lean] [--singletons]
       generate.py SCHOOLS -o OUT.json [--seed N]   (like every collabnet command; - is stdout)
"""
import argparse
import json
import math
import random
import sys


def generate(n, seed=1):
    rng = random.Random(seed)
    n_auth = max(1, round(n / 160))
    schools, by_auth = [], [[] for _ in range(n_auth)]
    for i in range(n):
        a = i % n_auth
        secondary = rng.random() < 1 / 6
        roll = int(rng.lognormvariate(6.6, 0.5)) if secondary else int(rng.lognormvariate(4.9, 0.8))
        cx, cy = 50 + (a % 12) * 0.45, -5 + (a // 12) * 0.6
        s = {"id": "S%06d" % i, "name": "School %d" % i, "authority": "Authority %03d" % a,
             "sector": "secondary" if secondary else "primary", "roll": roll,
             "rural": rng.random() < 0.3,
             "lat": round(cx + rng.gauss(0, 0.15), 5), "lon": round(cy + rng.gauss(0, 0.2), 5)}
        schools.append(s)
        by_auth[a].append(i)

    links = []  # (from, to, direction, grouping or None)
    groupings = []
    isolated = set(rng.sample(range(n), k=int(0.03 * n)))

    def link(u, v, direction="mutual", g=None):
        if u != v and u not in isolated and v not in isolated:
            links.append((u, v, direction, g))

    for a, members in enumerate(by_auth):
        secs = [i for i in members if schools[i]["sector"] == "secondary"] or members[:1]
        prims = [i for i in members if i not in secs]
        clusters = {s: [s] for s in secs}
        for p in prims:  # feeder primaries go to the nearest secondary
            best = min(secs, key=lambda s: (schools[s]["lat"] - schools[p]["lat"]) ** 2 +
                       (schools[s]["lon"] - schools[p]["lon"]) ** 2)
            clusters[best].append(p)
        for k, (sec, mem) in enumerate(sorted(clusters.items())):
            gid = "ASG-%d-%d" % (a, k)
            groupings.append({"id": gid, "name": "%s cluster %d" % (schools[sec]["authority"], k),
                              "kind": "cluster", "basis": "geographic",
                              "members": [schools[i]["id"] for i in mem]})
            for j in range(1, len(mem)):  # the secondary with each feeder, and a ring
                link(mem[0], mem[j], g=gid)
                if j + 1 < len(mem) and rng.random() < 0.8:
                    link(mem[j], mem[j + 1], g=gid)
                if len(mem) > 3 and rng.random() < 0.5:  # a chord across the cluster
                    link(mem[j], rng.choice(mem[1:]), g=gid)
        small = sorted(prims, key=lambda i: schools[i]["roll"])[: len(prims) // 5]
        for f in range(0, len(small) - 1, 3):
            fed = small[f:f + rng.choice([2, 3])]
            gid = "FED-%d-%d" % (a, f)
            groupings.append({"id": gid, "name": "Federation %d-%d" % (a, f), "kind": "federation",
                              "basis": "commonality", "members": [schools[i]["id"] for i in fed]})
            for x, y in zip(fed, fed[1:]):
                link(x, y, g=gid)
        if len(members) > 20:
            trust = rng.sample(members, rng.randint(3, 20))
            gid = "MAT-%d" % a
            groupings.append({"id": gid, "name": "Trust %d" % a, "kind": "trust",
                              "basis": "expertise", "members": [schools[i]["id"] for i in trust]})
            for x in trust[1:]:
                if rng.random() < 0.5:
                    link(trust[0], x, g=gid)
        if a % 5 == 0 and secs:  # a beacon school with one-way support links
            beacon = secs[0]
            for x in rng.sample(members, min(len(members), rng.randint(5, 15))):
                link(beacon, x, "one-way")
    for _ in range(n // 5):  # cross-authority networks
        link(rng.randrange(n), rng.randrange(n), rng.choice(["mutual", "mutual", "one-way"]))

    staff, staff_of = [], [[] for _ in range(n)]
    for i, s in enumerate(schools):
        count = max(2, round(s["roll"] * 0.075))
        for k in range(count):
            role = "headteacher" if k == 0 else "depute" if k == 1 else rng.choice(
                ["teacher"] * 6 + ["support"] * 3 + ["other"])
            sid = "T%07d" % len(staff)
            staff.append({"id": sid, "school": s["id"], "role": role})
            staff_of[i].append(sid)

    activities = ["sharing-practice", "sharing-facilities", "sharing-pupils", "joint-cpd",
                  "moderation", "leadership", "other"]
    partnerships = []
    for k, (u, v, direction, g) in enumerate(links):
        p = {"id": "P%07d" % k, "from": schools[u]["id"], "to": schools[v]["id"],
             "direction": direction, "activity": rng.choice(activities),
             "weight": rng.randint(1, 6), "level": rng.randint(1, 5)}
        if g:
            p["grouping"] = g
        if rng.random() < 0.4:
            p["staff"] = rng.sample(staff_of[u], 1) + rng.sample(staff_of[v], 1)
        if rng.random() < 0.1:
            p["since"] = "20%02d-09-01" % rng.randint(15, 24)
        partnerships.append(p)

    return {"format": "collabnet/1", "name": "Generated network of %d schools (seed %d)" % (n, seed),
            "as_of": "2026-06-30", "schools": schools, "staff": staff, "groupings": groupings,
            "partnerships": partnerships}


FIRST = ["Aileen", "Alasdair", "Catriona", "David", "Eilidh", "Fiona", "Graham", "Iain", "Isla",
         "James", "Kirsty", "Lorna", "Mairi", "Morag", "Neil", "Rachel", "Ruaridh", "Sarah",
         "Stuart", "Zainab", "Oluwaseun", "Priya", "Tomasz", "Siobhán", "Zoë"]
LAST = ["Anderson", "Campbell", "Fraser", "Grant", "MacDonald", "MacKenzie", "MacLeod", "Murray",
        "Ross", "Stewart", "Sutherland", "Thomson", "Wilson", "Ó Briain", "Nowak", "Patel",
        "O'Neill", "Mackay-Smith"]
DENOMINATIONS = ["non-denominational"] * 8 + ["Roman Catholic"] * 2 + [None]


def realistic(net, seed=1, singletons=False):
    """Reshapes generate()'s network as authorities' exports are (see the module notes), in place.
    Uses its own random stream, so the network's structure stays that of the lean file."""
    rng = random.Random(seed * 1000003 + 17)
    code = {}
    for i, s in enumerate(net["schools"]):
        a = int(s["authority"].split()[-1])
        code[s["id"]] = ("%07d" % (5100000 + i)) if a % 2 else ("%06d" % (100000 + i))
    for s in net["schools"]:
        a = int(s["authority"].split()[-1])
        s["id"] = code[s["id"]]
        s["denomination"] = rng.choice(DENOMINATIONS)
        s["la_code"] = "%03d" % (100 + a)
        s["website"] = None if rng.random() < 0.6 else "https://school-%s.example.org" % s["id"]
    for t in net["staff"]:
        t["school"] = code[t["school"]]
        if rng.random() < 0.21:
            t["name"] = "%s %s" % (rng.choice(FIRST), rng.choice(LAST))
    groupings = []
    for g in net["groupings"]:
        g["members"] = [code[m] for m in g["members"]]
        if len(g["members"]) >= 2 or singletons:
            groupings.append(g)
    kept = {g["id"] for g in groupings}
    net["groupings"] = groupings
    for p in net["partnerships"]:
        p["from"], p["to"] = code[p["from"]], code[p["to"]]
        if p.get("grouping") not in (None, *kept):
            del p["grouping"]  # its grouping was a secondary on its own, left out above
        p["until"] = None
    return net


def write_records(net, out):
    """The file as exports lay it out: the top-level keys one a line, each record on its own line."""
    def dump(x):
        return json.dumps(x, ensure_ascii=False, separators=(", ", ": "))
    out.write("{\n")
    keys = list(net)
    for k, key in enumerate(keys):
        value = net[key]
        end = ",\n" if k + 1 < len(keys) else "\n"
        if isinstance(value, list):
            out.write("  %s: [\n" % dump(key))
            for r, record in enumerate(value):
                out.write("    " + dump(record) + (",\n" if r + 1 < len(value) else "\n"))
            out.write("  ]" + end)
        else:
            out.write("  %s: %s%s" % (dump(key), dump(value), end))
    out.write("}\n")


def main():
    parser = argparse.ArgumentParser(
        description="Seeded generator of realistic school networks for benchmarks.")
    parser.add_argument("schools", type=int, metavar="SCHOOLS", help="number of schools")
    parser.add_argument("out", nargs="?", metavar="OUT.json", help="file to write")
    parser.add_argument("-o", "--output", metavar="OUT.json",
                        help="file to write (- for standard output), as in collabnet")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--lean", action="store_true",
                        help="the earlier compact shape: one line, ids S000000…, no extra keys")
    parser.add_argument("--singletons", action="store_true",
                        help="keep one-school groupings (a secondary with no feeder)")
    args = parser.parse_args()
    if args.out and args.output:
        parser.error("give the output once: OUT.json or -o OUT.json, not both")
    out = args.output or args.out
    if not out:
        parser.error("give the file to write: generate.py SCHOOLS -o OUT.json")
    if args.schools < 1:
        parser.error("SCHOOLS must be at least 1")
    net = generate(args.schools, args.seed)
    if not args.lean:
        realistic(net, args.seed, args.singletons)
        if out == "-":
            write_records(net, sys.stdout)
        else:
            with open(out, "w", encoding="utf-8") as f:
                write_records(net, f)
        return
    if out == "-":
        json.dump(net, sys.stdout, ensure_ascii=False, separators=(",", ":"))
        sys.stdout.write("\n")
        return
    with open(out, "w", encoding="utf-8") as f:
        json.dump(net, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
