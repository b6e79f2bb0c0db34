#!/usr/bin/env python3
"""Builds the demo network graphs/northern-alliance.json from the imported real schools.

The schools are real (Scottish Government, School roll and locations 2023, imported with
`collabnet import scotland`). Everything this script adds -- partnerships, groupings and staff --
is ILLUSTRATIVE: invented, seeded and deterministic, shaped like what councils describe, but not
the real clusters (those are held by the councils and are not public).

Usage: python3 graphs/make_demo.py IMPORTED_SCHOOLS.json OUTPUT.json [EARLIER.json]
With EARLIER.json, also writes the same network a year earlier (ILLUSTRATIVE too: some links
not yet made, some since lost, two groups still within 8 schools), for `collabnet compare`.
Both files carry ILLUSTRATIVE Northern Alliance Collaboration Framework ratings (assessments)
of a few groupings over four waves.
Python 3 standard library only. The same input always gives the same output (seed below).
"""

import json
import math
import random
import sys

SEED = 20240630
AS_OF = "2024-06-30"
NAME = (
    "Northern Alliance schools with ILLUSTRATIVE partnerships, groupings and staff "
    "(schools, rolls and locations: Scottish Government, School roll and locations 2023; "
    "partnerships, groupings and staff invented for demonstration). "
    "Contains public sector information licensed under the Open Government Licence v3.0."
)
ISLANDS = {"Shetland Islands", "Orkney Islands", "Na h-Eileanan an Iar"}
MAX_CLUSTER = 8          # most associated schools groups stay within NFER's 2-8
BIG_CLUSTERS = 5         # ... but a few are larger, as in real rural ASGs
ISOLATED = 7             # small island schools left with no partnership at all
STAFF_PER_PUPIL = 0.07
ACTIVITIES = ["sharing-practice", "joint-cpd", "moderation", "sharing-facilities",
              "sharing-pupils", "leadership"]


def km(a, b):
    """Great-circle distance in km between two schools."""
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def main(src, dst, earlier=None):
    rng = random.Random(SEED)
    net = json.load(open(src, encoding="utf-8"))
    schools = net["schools"]
    by_id = {s["id"]: s for s in schools}

    # Small island schools left isolated (no grouping, no partnership).
    small_island = sorted((s for s in schools
                           if s["authority"] in ISLANDS and s.get("roll", 99) <= 20
                           and s["sector"] == "primary"), key=lambda s: s["id"])
    isolated = {s["id"] for s in rng.sample(small_island, ISOLATED)}

    secondaries = [s for s in schools if s["sector"] in ("secondary", "all-through")
                   and "roll" in s]
    primaries = [s for s in schools if s["sector"] == "primary" and s["id"] not in isolated]

    # Feeder primaries: each primary to its nearest secondary in the same authority.
    feeders = {s["id"]: [] for s in secondaries}
    for p in primaries:
        same = [s for s in secondaries if s["authority"] == p["authority"]]
        if not same:
            continue
        best = min(same, key=lambda s: (km(p, s), s["id"]))
        feeders[best["id"]].append(p)
    for sid in feeders:
        feeders[sid].sort(key=lambda p: (km(p, by_id[sid]), p["id"]))
    # A few of the largest feeder groups keep every primary (more than 8 schools); the others
    # keep the nearest 7 primaries, the rest working with the cluster informally.
    largest = sorted(feeders, key=lambda sid: (-len(feeders[sid]), sid))
    big = set(largest[:BIG_CLUSTERS])

    groupings, partnerships = [], []

    def link(a, b, grouping=None, direction="mutual", activity=None, weight=None):
        p = {"id": "P%04d" % (len(partnerships) + 1), "from": a, "to": b,
             "direction": direction,
             "activity": activity or rng.choice(ACTIVITIES),
             "weight": weight or rng.randint(1, 6),
             "level": rng.randint(1, 5)}
        if grouping:
            p["grouping"] = grouping
        r = rng.random()
        if r < 0.45:
            start = rng.randint(2016, 2023)
            p["since"] = "%d-%02d-%02d" % (start, rng.choice([8, 9, 10]), rng.randint(1, 28))
            if r < 0.08 and start < 2023:                       # some ended before as_of
                p["until"] = "%d-06-30" % rng.randint(start + 1, 2024)
            elif r < 0.12:                                      # some planned to end
                p["until"] = "2025-06-30"
        partnerships.append(p)
        return p

    for sid in sorted(feeders, key=lambda i: by_id[i]["name"]):
        sec = by_id[sid]
        members = feeders[sid] if sid in big else feeders[sid][:MAX_CLUSTER - 1]
        if not members:
            continue
        gid = "ASG-" + sid
        groupings.append({"id": gid, "name": sec["name"] + " Associated Schools Group",
                          "kind": "cluster", "basis": "geographic",
                          "members": [sid] + [p["id"] for p in members]})
        for p in members:
            if rng.random() < 0.85:      # some members are dormant in the group
                link(p["id"], sid, gid, activity=rng.choice(["moderation", "sharing-practice",
                                                             "joint-cpd"]))
        for a, b in zip(members, members[1:]):
            if rng.random() < 0.35:
                link(a["id"], b["id"], gid)
        for p in feeders[sid][MAX_CLUSTER - 1:] if sid not in big else []:
            if rng.random() < 0.5:
                link(p["id"], sid)       # informal, outside the declared group

    # Cross-authority networks (the Northern Alliance's regional work).
    themes = [("NET-GAELIC", "Gaelic Medium Education network", "expertise"),
              ("NET-STEM", "Rural STEM innovation network", "innovation"),
              ("NET-DYW", "Developing the Young Workforce network", "expertise"),
              ("NET-OUTDOOR", "Outdoor learning network", "innovation")]
    authorities = sorted({s["authority"] for s in schools})
    connected = sorted({p["from"] for p in partnerships} | {p["to"] for p in partnerships})
    for gid, name, basis in themes:
        picked = []
        for la in rng.sample(authorities, rng.randint(4, 6)):
            pool = [i for i in connected if by_id[i]["authority"] == la]
            picked += rng.sample(pool, min(len(pool), rng.randint(1, 2)))
        groupings.append({"id": gid, "name": name + " (illustrative)", "kind": "network",
                          "basis": basis, "members": picked})
        for a, b in zip(picked, picked[1:]):
            link(a, b, gid, activity="joint-cpd")
        if len(picked) > 3:
            link(picked[-1], picked[0], gid, activity="sharing-practice")

    # Beacon schools giving one-way support to small schools nearby.
    beacons = sorted((s for s in schools if s["id"] in connected and "roll" in s),
                     key=lambda s: (-s["roll"], s["id"]))
    chosen = [next(s for s in beacons if s["authority"] == la)
              for la in ("Highland", "Aberdeenshire", "Argyll and Bute")]
    chosen.append(next(s for s in beacons if s["sector"] == "primary"
                       and s["authority"] == "Moray"))
    for beacon in chosen:
        small = sorted((s for s in schools if s.get("roll", 999) < 60 and s["id"] not in isolated
                        and s["id"] != beacon["id"] and s["authority"] == beacon["authority"]),
                       key=lambda s: (km(s, beacon), s["id"]))
        for s in small[:rng.randint(3, 5)]:
            link(beacon["id"], s["id"], direction="one-way", activity="leadership")

    # Schools still without a partner (group members left dormant, special schools) mostly work
    # with their nearest connected school; the rest stay isolated, as some really are.
    linked = {p["from"] for p in partnerships} | {p["to"] for p in partnerships}
    for s in schools:
        if s["id"] in linked or s["id"] in isolated or rng.random() < 0.15:
            continue
        near = min((t for t in schools if t["id"] in linked and t["authority"] == s["authority"]),
                   key=lambda t: (km(s, t), t["id"]))
        link(s["id"], near["id"])

    # Staff: about 7% of the roll, at least one (the headteacher); no names (personal data).
    staff, by_school = [], {}
    for s in schools:
        n = max(1, round(s.get("roll", 20) * STAFF_PER_PUPIL))
        roles = ["headteacher"] + ["depute"] * min(2, n // 8)
        while len(roles) < n:
            roles.append("teacher" if rng.random() < 0.75 else "support")
        by_school[s["id"]] = []
        for role in roles:
            sid = "ST%05d" % (len(staff) + 1)
            staff.append({"id": sid, "school": s["id"], "role": role})
            by_school[s["id"]].append(sid)
    for p in partnerships:
        if rng.random() < 0.4:
            p["staff"] = [rng.choice(by_school[p["from"]]), rng.choice(by_school[p["to"]])]

    net["name"] = NAME
    net["as_of"] = AS_OF
    net["staff"] = staff
    net["groupings"] = groupings
    net["partnerships"] = partnerships
    earlier_ratings, current_ratings = assessments(net)
    net["assessments"] = current_ratings
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(net, f, ensure_ascii=False, indent=1)
        f.write("\n")
    if earlier:
        write_earlier_wave(net, earlier_ratings, earlier)


# ---- Added for depth of collaboration and change over time (issue 13). Own seeds, so that the
# ---- partnerships, groupings and staff above are exactly what they were before.

INDICATORS = ["common-goals", "systemness", "building-relationships", "developing-trust",
              "collective-purpose", "leadership", "support-for-innovation", "connections",
              "collaborative-processes", "sharing-information"]
WAVES_EARLIER = ["2022-09-30", "2022-12-31", "2023-03-31", "2023-06-30"]
WAVES_CURRENT = ["2023-09-30", "2023-12-31", "2024-03-31", "2024-06-30"]
EARLIER_AS_OF = "2023-06-30"


def assessments(net):
    """ILLUSTRATIVE framework ratings: four groupings (two regional networks, the first two
    associated schools groups by id) on the 10 indicators over the waves of two school years.
    Most indicators creep up, a few stall or fall back: what a tracking template shows."""
    rng = random.Random(SEED + 13)
    ids = sorted(g["id"] for g in net["groupings"])
    chosen = ([i for i in ids if i.startswith("ASG-")][:2] + ["NET-GAELIC", "NET-STEM"])
    earlier, current = [], []
    for gid in chosen:
        for ind in INDICATORS:
            level = rng.randint(1, 3)
            series = []
            for _ in WAVES_EARLIER + WAVES_CURRENT:
                r = rng.random()
                if r < 0.22:
                    level = min(5, level + 1)
                elif r < 0.32:
                    level = max(1, level - 1)
                series.append(level)
            for date, lv in zip(WAVES_EARLIER, series[:4]):
                earlier.append({"subject": gid, "subject_kind": "grouping", "date": date,
                                "indicator": ind, "level": lv})
            for date, lv in zip(WAVES_CURRENT, series[4:]):
                current.append({"subject": gid, "subject_kind": "grouping", "date": date,
                                "indicator": ind, "level": lv})
    return earlier, current


def write_earlier_wave(net, ratings, dst):
    """The demo network a year earlier (as_of 2023-06-30), ILLUSTRATIVE: partnerships that began
    after that date, and about 3% of the others, were not yet made; some links of that year have
    since been lost (two of them the only links of island schools now isolated); the largest
    associated schools group held 8 schools; four schools with one partner today had none."""
    rng = random.Random(SEED + 2023)
    by_id = {s["id"]: s for s in net["schools"]}
    parts = [p for p in net["partnerships"] if p.get("since", "0") <= EARLIER_AS_OF]
    parts = [p for p in parts if rng.random() >= 0.03]
    degree = {}
    for p in net["partnerships"]:
        for s in (p["from"], p["to"]):
            degree[s] = degree.get(s, 0) + 1
    # Four schools with a single partnership record today had none a year earlier.
    singles = sorted(s for s, d in degree.items() if d == 1)
    newly = set(rng.sample(singles, min(4, len(singles))))
    parts = [p for p in parts if p["from"] not in newly and p["to"] not in newly]
    # Links of that year since lost: island schools isolated today, and a few more.
    linked = {p["from"] for p in net["partnerships"]} | {p["to"] for p in net["partnerships"]}
    alone = sorted(s["id"] for s in net["schools"] if s["id"] not in linked and "lat" in s)
    lost = []
    for sid in rng.sample(alone, min(2, len(alone))) + rng.sample(sorted(linked), 12):
        s = by_id[sid]
        near = min((t for t in net["schools"] if t["id"] != sid and "lat" in t
                    and t["authority"] == s["authority"]),
                   key=lambda t: (km(s, t), t["id"]))
        lost.append({"id": "L%04d" % (len(lost) + 1), "from": sid, "to": near["id"],
                     "direction": "mutual", "activity": rng.choice(ACTIVITIES),
                     "weight": rng.randint(1, 4), "level": rng.randint(1, 3)})
    groupings = json.loads(json.dumps(net["groupings"]))
    largest = max(groupings, key=lambda g: (len(g["members"]), g["id"]))
    largest["members"] = largest["members"][:MAX_CLUSTER]
    kept = set(largest["members"])
    parts = [p for p in parts
             if p.get("grouping") != largest["id"] or (p["from"] in kept and p["to"] in kept)]
    earlier = dict(net)
    earlier["name"] = "A year earlier: " + NAME
    earlier["as_of"] = EARLIER_AS_OF
    earlier["groupings"] = groupings
    earlier["partnerships"] = parts + lost
    earlier["assessments"] = ratings
    with open(dst, "w", encoding="utf-8") as f:
        json.dump(earlier, f, ensure_ascii=False, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) == 4 else None)
