#!/usr/bin/env python3
"""Fills a qkv progress database with a large history, for bench/bench_progress.sh.

    gen_progress_db.py --db PATH [--cards 100000] [--reviews 1000000] [--seed 1]

The database must exist already with qkv's schema (bench_progress.sh lets qkv create it, so the
schema is always the binary's own). Cards: every question of the built-in bank (ids read from
content/packs/core/questions), then synthetic cards of packs "bench-0", "bench-1", ... up to
--cards. Reviews: --reviews rows spread over the last 365 days, over random cards, each with a
plausible state after it; a fifth of them on mature cards. About a tenth of the built-in bank's
cards are due now, so `qkv review` has work to do.
"""
import argparse
import glob
import json
import os
import random
import sqlite3
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def core_ids():
    ids = []
    for f in sorted(glob.glob(os.path.join(root, "content/packs/core/questions/*.json"))):
        d = json.load(open(f, encoding="utf-8"))
        qs = d["questions"] if isinstance(d, dict) else d
        ids += [q["id"] for q in qs]
    return ids


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--cards", type=int, default=100_000)
    ap.add_argument("--reviews", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    now_ms = int(time.time() * 1000)
    day = 86_400_000

    keys = [("core", q) for q in core_ids()]
    i = 0
    while len(keys) < a.cards:
        keys.append(("bench-%d" % (i // 1000), "q%06d" % i))
        i += 1
    keys = keys[: a.cards]

    db = sqlite3.connect(a.db)
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version not in (1, 2):  # 2 adds an index only: the tables are version 1's
        raise SystemExit("gen_progress_db: %s has schema version %d; this generator writes "
                         "versions 1 and 2" % (a.db, version))
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = OFF")
    cur = db.cursor()
    cur.execute("BEGIN")
    cur.execute("INSERT INTO sessions(mode, started_ms, ended_ms, command) VALUES('review', ?, ?, 'bench')",
                (now_ms - 365 * day, now_ms - 365 * day + 60_000))
    session = cur.lastrowid

    def review_rows():
        for n in range(a.reviews):
            pack, q = keys[rnd.randrange(len(keys))]
            t = now_ms - rnd.randrange(365 * day)
            mature = rnd.random() < 0.2
            last_ivl = rnd.uniform(21, 200) if mature else rnd.uniform(0, 20)
            right = rnd.random() < 0.85
            correct = "yes" if right else "no"
            stab = rnd.uniform(0.5, 300)
            ivl = max(1.0, stab)
            yield (t, pack, q, "0123456789abcdef", "review", "b", correct, 1.0 if right else 0.0,
                   0, 3 if right else 1, rnd.uniform(2, 30), session, 2, None, stab,
                   rnd.uniform(1, 10), int(t + ivl * day), rnd.randint(1, 30), rnd.randint(0, 9),
                   ivl, last_ivl)

    cur.executemany(
        "INSERT INTO reviews(time_ms, pack, question, content_hash, mode, given, correct, points, "
        "hinted, rating, seconds, session_id, state, step, stability, difficulty, due_ms, reps, "
        "lapses, interval_days, last_interval_days) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        review_rows())

    def card_rows():
        for pack, q in keys:
            due = now_ms + rnd.randrange(-3 * day, 60 * day)
            stab = rnd.uniform(0.5, 300)
            yield (pack, q, 2, None, stab, rnd.uniform(1, 10), due, due - int(stab * day),
                   rnd.randint(1, 30), rnd.randint(0, 9), "0123456789abcdef")

    cur.executemany(
        "INSERT INTO cards(pack, question, state, step, stability, difficulty, due_ms, "
        "last_review_ms, reps, lapses, content_hash) VALUES(?,?,?,?,?,?,?,?,?,?,?)", card_rows())
    db.commit()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print("gen_progress_db: %d cards, %d reviews in %s" % (len(keys), a.reviews, a.db))


if __name__ == "__main__":
    main()
