#!/usr/bin/env python3
"""Seeded generator of collabnet networks for the differential tests (stdlib only).

usage: gen_network.py SEED SCHOOLS OUT.json [--mean-degree D]

The shape mixes what real authority networks have and what exercises every metric: clusters of
densely linked schools, sparse links between clusters, chains and leaves (cut schools, bridges),
isolated schools, parallel records on one pair, one-way records in both directions, fractional
weights, dated records, and groupings of various sizes. School ids are written in a shuffled
order so that id order differs from file order.
"""
import json
import random
import sys


def generate(seed, n, mean_degree=4.0):
    rng = random.Random(seed)
    ids = ["S%06d" % rng.randrange(10**6) for _ in range(n)]
    ids = list(dict.fromkeys(ids))
    while len(ids) < n:
        ids.append("X%d" % len(ids))
        ids = list(dict.fromkeys(ids))
    rng.shuffle(ids)
    schools = []
    for i, sid in enumerate(ids):
        s = {"id": sid, "name": "School %d" % i}
        if rng.random() < 0.8:
            s["roll"] = rng.randrange(5, 1500)
        if rng.random() < 0.7:
            s["rural"] = rng.random() < 0.3
        schools.append(s)
    records = []
    target = int(mean_degree * n / 2)
    cluster = max(4, int(n ** 0.5))
    isolated = set(rng.sample(range(n), max(1, n // 50))) if n > 2 else set()
    active = [i for i in range(n) if i not in isolated]

    def add(a, b):
        if a == b:
            return
        r = {"from": ids[a], "to": ids[b]}
        u = rng.random()
        if u < 0.2:
            r["direction"] = "one-way"
        if rng.random() < 0.5:
            r["weight"] = rng.choice([0.5, 1, 1.5, 2, 3, 0.25])
        if rng.random() < 0.05:
            r["until"] = "2024-07-31"
        elif rng.random() < 0.05:
            r["since"] = "2025-09-01"
        records.append(r)

    # A spanning-ish backbone: a random tree over part of the schools makes bridges and cut schools.
    for k in range(1, len(active)):
        if rng.random() < 0.9:
            add(active[k], active[rng.randrange(k)])
    # Dense local clusters: schools close in `active` order link often.
    while len(records) < target:
        a = rng.randrange(len(active))
        if rng.random() < 0.85:
            b = min(len(active) - 1, max(0, a + rng.randrange(-cluster, cluster + 1)))
        else:
            b = rng.randrange(len(active))
        add(active[a], active[b])
    # A few small separate groups (pairs and triples) outside the main network.
    spare = [i for i in isolated][: len(isolated) // 2]
    for k in range(0, len(spare) - 1, 2):
        add(spare[k], spare[k + 1])
    # Parallel records on some pairs, one-way both ways on others.
    for r in rng.sample(records, max(0, len(records) // 20)):
        extra = dict(r)
        extra["activity"] = "moderation"  # a second, different activity on the same pair
        if rng.random() < 0.5:
            extra["from"], extra["to"] = r["to"], r["from"]
        records.append(extra)
    for i, r in enumerate(records):
        r["id"] = "P%d" % (i + 1)
    groupings = []
    for g in range(max(1, n // 10)):
        size = rng.choice([1, 2, 3, 5, 8, 9, 12])
        start = rng.randrange(n)
        members = [ids[(start + j) % n] for j in range(size)]
        groupings.append({"id": "G%d" % (g + 1), "members": list(dict.fromkeys(members))})
    return {"format": "collabnet/1", "name": "Generated network %d/%d" % (seed, n),
            "as_of": "2025-06-30", "schools": schools, "groupings": groupings,
            "partnerships": records}


def main():
    args = sys.argv[1:]
    mean = 4.0
    if "--mean-degree" in args:
        k = args.index("--mean-degree")
        mean = float(args[k + 1])
        del args[k:k + 2]
    seed, n, out = int(args[0]), int(args[1]), args[2]
    with open(out, "w", encoding="utf-8") as f:
        json.dump(generate(seed, n, mean), f)


if __name__ == "__main__":
    main()
