#!/usr/bin/env python3
"""Exam reports for bench/bench_results.sh, and a second, naive item analysis to compare with.

  results_reports.py gen DIR LEARNERS QUESTIONS SEED   writes DIR/learner-NNNN.json, reports in
      the format `qkv exam --report FILE.json` writes (qkv-exam-report/1): one exam, questions of
      the types single (4 options), multi (4 options, partial credit), true_false and short,
      answered by learners of varied ability (a logistic model), about 5% left unanswered.
  results_reports.py analyse DIR...                    prints {question id: [facility, sd,
      discrimination]} as JSON, computed with the textbook formulas (statistics module), for
      comparison with `qkv results --json`.
"""
import json
import math
import os
import random
import statistics
import sys


def gen(out_dir, learners, questions, seed):
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    types = ["single", "multi", "true_false", "short"]
    items = []
    for i in range(questions):
        t = types[i % 4]
        n_opts = {"single": 4, "multi": 4, "true_false": 2, "short": 0}[t]
        right = {0} if t in ("single", "true_false") else ({0, 1} if t == "multi" else set())
        items.append({"id": f"bench/q{i + 1:03d}", "type": t, "difficulty": rng.uniform(-2, 2),
                      "concept": f"c{i % 7}", "n": n_opts, "right": right})
    for l in range(learners):
        ability = rng.gauss(0, 1)
        qs, score = [], 0.0
        by_concept = {}
        for num, it in enumerate(items, 1):
            p = 1 / (1 + math.exp(-(ability - it["difficulty"])))
            answered = rng.random() > 0.05
            options, points = [], 0.0
            if answered:
                good = rng.random() < p
                if it["type"] in ("single", "true_false"):
                    pick = 0 if good else rng.randrange(1, it["n"])
                    chosen = {pick}
                    points = 1.0 if good else 0.0
                elif it["type"] == "multi":
                    chosen = {0, 1} if good else set(rng.sample(range(4), rng.randint(1, 2)))
                    hits = len(chosen & it["right"]) - len(chosen - it["right"])
                    points = max(0.0, hits / 2)
                else:
                    chosen = set()
                    points = 1.0 if good else 0.0
            else:
                chosen = set()
            if it["n"]:
                options = [{"text": f"option {k + 1}", "correct": k in it["right"],
                            "chosen": k in chosen} for k in range(it["n"])]
            score += points
            c = by_concept.setdefault(it["concept"], {"name": "Concept " + it["concept"],
                                                      "questions": 0, "correct": 0,
                                                      "points": 0.0})
            c["questions"] += 1
            c["points"] += points
            c["correct"] += points == 1.0
            qs.append({"number": num, "id": it["id"], "type": it["type"],
                       "concepts": [it["concept"]], "difficulty": 2, "answered": answered,
                       "given": "a" if answered else None, "correct": points == 1.0,
                       "points": points, "detail": "", "flagged": False, "answer": "a",
                       "correct_answer": ["a"], "options": options, "feedback": [],
                       "explanation": "Because."})
        for c in by_concept.values():
            c["percent"] = 100 * c["points"] / c["questions"]
        doc = {"format": "qkv-exam-report/1", "packs": {"bench": "1.0"}, "score": score,
               "total": questions, "percent": 100 * score / questions,
               "passed": 100 * score / questions >= 50, "pass_mark": 50, "seconds_used": 600.0,
               "time_limit_seconds": 3600, "seed": l, "exam": "bench/final",
               "title": "Bench final", "started_at": "2026-03-01T09:00:00Z",
               "ended": "submitted", "answered": sum(q["answered"] for q in qs),
               "correct": sum(q["correct"] for q in qs), "flagged": [],
               "by_concept": by_concept, "questions": qs}
        with open(os.path.join(out_dir, f"learner-{l:04d}.json"), "w") as f:
            json.dump(doc, f, indent=2)


def analyse(paths):
    per_item = {}
    for p in paths:
        with open(p) as f:
            doc = json.load(f)
        for q in doc["questions"]:
            per_item.setdefault(q["id"], []).append((q["points"], doc["score"] - q["points"]))
    out = {}
    for qid, pairs in per_item.items():
        xs = [x for x, _ in pairs]
        rs = [r for _, r in pairs]
        try:
            disc = statistics.correlation(xs, rs)
        except statistics.StatisticsError:
            disc = None
        out[qid] = [statistics.mean(xs), statistics.stdev(xs), disc]
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]))
    elif sys.argv[1] == "analyse":
        analyse(sys.argv[2:])
    else:
        sys.exit(__doc__)
