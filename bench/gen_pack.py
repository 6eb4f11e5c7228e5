#!/usr/bin/env python3
"""Writes a valid qkv pack with many questions, for benchmarks (bench/bench_pack_validate.sh).

The questions are synthetic but shaped like real ones: every type, feedback on every option,
explanations, hints, sources and tags, at about the length authors write. The output is
deterministic for a given --questions and --seed.

    bench/gen_pack.py --questions 10000 --out /tmp/big.json
    bench/gen_pack.py --questions 10000 --out /tmp/bigdir --directory
    bench/gen_pack.py --questions 10000 --out /tmp/line.json --one-line
    bench/gen_pack.py --questions 100000 --out /tmp/manydir --directory --file-per-question
"""
import argparse
import json
import os
import random

WORDS = ("query key value score softmax weight attention token head mask scale matrix row column "
         "vector projection output cache context sequence position embedding layer dot product "
         "relevance content label decoder encoder").split()


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def question(rng, i, concepts):
    qtype = ("single", "multi", "true_false", "matching", "ordering", "short", "numeric")[i % 7]
    main = concepts[i % len(concepts)]
    q = {"id": f"q{i:05d}", "type": qtype,
         "concepts": [main] + ([concepts[(i * 7) % len(concepts)]] if i % 3 == 0 and concepts[(i * 7) % len(concepts)] != main else []),
         "difficulty": 1 + i % 3, "prompt": sentence(rng, 18) + "\n" + sentence(rng, 8),
         "explanation": sentence(rng, 30), "hints": [sentence(rng, 8)],
         "source": "seed 000_0cb9d63866209508", "tags": ["scenario"] if i % 5 == 0 else []}
    if qtype in ("single", "multi"):
        right = i % 4
        q["options"] = [{"text": f"option {k}: " + sentence(rng, 6), "correct": k == right or (qtype == "multi" and k == (right + 1) % 4),
                         "feedback": sentence(rng, 12)} for k in range(4)]
    elif qtype == "true_false":
        q.update(answer=i % 2 == 0, feedback_true=sentence(rng, 10), feedback_false=sentence(rng, 10))
    elif qtype == "matching":
        q["pairs"] = [{"left": f"left {k} " + sentence(rng, 3), "right": f"right {k} " + sentence(rng, 4)} for k in range(4)]
        q["distractors"] = ["distractor " + sentence(rng, 4)]
    elif qtype == "ordering":
        q["items"] = [f"step {k}: " + sentence(rng, 5) for k in range(5)]
    elif qtype == "short":
        q["accept"] = ["softmax", "soft max"]
    else:
        q.update(answer=round(rng.uniform(-5, 5), 3), tolerance=0.01, tolerance_kind="absolute")
        if i % 2:
            q["calc"] = {"input": {"q": "1 0; 0 1", "k": "1 2; 3 4", "v": "1 1; 0 2"},
                         "step": "scores", "row": 0, "col": 1}
            q["answer"] = 3.0  # scores[0][1] = (1, 0)·(3, 4): the loader recomputes it
    return q


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--questions", type=int, default=10000)
    ap.add_argument("--concepts", type=int, default=20)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True, help="a .json file, or a directory with --directory")
    ap.add_argument("--directory", action="store_true", help="write pack.json + questions/*.json")
    ap.add_argument("--file-per-question", action="store_true",
                    help="with --directory: questions/<id>.json for each question, not one file per concept")
    ap.add_argument("--one-line", action="store_true", help="no indentation (as json.dump writes by default)")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    concepts = [f"concept-{k:02d}" for k in range(args.concepts)]
    meta = {"format": "qkv-pack/1", "id": "bench", "title": "Generated benchmark pack", "version": "1.0.0",
            "authors": ["bench/gen_pack.py"], "license": "CC0-1.0", "description": "Synthetic questions.",
            "concepts": [{"id": c, "name": f"Concept {k}", "summary": sentence(rng, 15), "note": sentence(rng, 60),
                          "prerequisites": [concepts[k - 1]] if k else []} for k, c in enumerate(concepts)]}
    questions = [question(rng, i, concepts) for i in range(args.questions)]
    if not args.directory:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump(dict(meta, questions=questions), f, indent=None if args.one_line else 1, ensure_ascii=False)
        return
    os.makedirs(os.path.join(args.out, "questions"), exist_ok=True)
    with open(os.path.join(args.out, "pack.json"), "w", encoding="utf-8") as f:
        json.dump(meta, f, indent=1)
    if args.file_per_question:
        for q in questions:
            with open(os.path.join(args.out, "questions", q["id"] + ".json"), "w", encoding="utf-8") as f:
                json.dump({"questions": [q]}, f, indent=1)
        return
    for c in concepts:
        mine = [q for q in questions if q["concepts"][0] == c]
        with open(os.path.join(args.out, "questions", c + ".json"), "w", encoding="utf-8") as f:
            json.dump({"questions": mine}, f, indent=1)


if __name__ == "__main__":
    main()
