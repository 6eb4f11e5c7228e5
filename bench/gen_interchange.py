#!/usr/bin/env python3
"""Generates inputs for bench/bench_interchange.sh (never committed):
  --gift N FILE     a GIFT file of N questions (single, multi, true/false, short, numeric,
                    matching in turn, a $CATEGORY every 50)
  --xml N FILE      a Moodle XML file of N questions of the same kinds
  --reports R Q DIR R exam reports of Q questions each (as `qkv exam --report` writes them)
"""
import argparse
import json
import os
import random


def gift(n, path):
    out = []
    for i in range(n):
        if i % 50 == 0:
            out.append(f"$CATEGORY: $course$/top/Bench/Concept {i // 50}\n")
        k = i % 6
        t = f"::q{i}::Question {i}: which of these is right about attention step {i}?"
        if k == 0:
            out.append(t + " {\n  =the right one#Yes.\n  ~a wrong one#No.\n  ~another#No.\n"
                       "  ####Because it is.\n}\n")
        elif k == 1:
            out.append(t + " {\n  ~%50%first#Yes.\n  ~%50%second#Yes.\n  ~%-100%third#No.\n}\n")
        elif k == 2:
            out.append(t + " {TRUE#No.#Yes.####Because.}\n")
        elif k == 3:
            out.append(t + " {=softmax =soft max}\n")
        elif k == 4:
            out.append(t + " {#3.5:0.01}\n")
        else:
            out.append(t + " {\n  =query -> asks\n  =key -> answers\n  =value -> is mixed\n}\n")
    with open(path, "w") as f:
        f.write("\n".join(out))


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml(n, path):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n']
    for i in range(n):
        if i % 50 == 0:
            out.append(f'<question type="category"><category><text>$course$/top/Bench/Concept '
                       f'{i // 50}</text></category></question>\n')
        k = i % 6
        head = (f'<name><text>q{i}</text></name><questiontext format="html"><text><![CDATA['
                f'<p>Question {i}: which of these is <b>right</b> about step {i}?</p>]]></text>'
                f'</questiontext><generalfeedback format="html"><text>Because.</text>'
                f'</generalfeedback><idnumber>q{i}</idnumber>')
        def ans(frac, text, fb=""):
            return (f'<answer fraction="{frac}" format="html"><text>{esc(text)}</text>'
                    f'<feedback format="html"><text>{esc(fb)}</text></feedback></answer>')
        if k == 0:
            body = ("<single>true</single>" + ans(100, "the right one", "Yes.") +
                    ans(0, "a wrong one", "No.") + ans(0, "another", "No."))
            t = "multichoice"
        elif k == 1:
            body = ("<single>false</single>" + ans(50, "first") + ans(50, "second") +
                    ans(-100, "third"))
            t = "multichoice"
        elif k == 2:
            body = ans(100, "true", "Yes.") + ans(0, "false", "No.")
            t = "truefalse"
        elif k == 3:
            body = ans(100, "softmax") + ans(100, "soft max")
            t = "shortanswer"
        elif k == 4:
            body = '<answer fraction="100"><text>3.5</text><tolerance>0.01</tolerance></answer>'
            t = "numerical"
        else:
            body = "".join(f'<subquestion format="html"><text>{l}</text><answer><text>{r}</text>'
                           f'</answer></subquestion>'
                           for l, r in [("query", "asks"), ("key", "answers"), ("value", "is mixed")])
            t = "matching"
        out.append(f'<question type="{t}">{head}{body}<tags><tag><text>bench</text></tag></tags>'
                   f'</question>\n')
    out.append("</quiz>\n")
    with open(path, "w") as f:
        f.write("".join(out))


def reports(r, q, directory):
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(7)
    for learner in range(r):
        ability = rng.random()
        questions = []
        score = 0.0
        for i in range(q):
            right = rng.random() < 0.3 + 0.6 * ability
            chosen = 0 if right else rng.choice([1, 2, 3])
            points = 1.0 if right else 0.0
            score += points
            questions.append({
                "number": i + 1, "id": f"bench/q{i}", "type": "single",
                "concepts": [f"c{i % 5}"], "difficulty": 2, "answered": True,
                "given": "abcd"[chosen], "correct": right, "points": points, "detail": "",
                "flagged": False, "answer": "a", "correct_answer": ["a) right"], "feedback": [],
                "explanation": "",
                "options": [{"text": t, "correct": j == 0}
                            for j, t in enumerate(["right", "wrong 1", "wrong 2", "wrong 3"])],
                "chosen": [chosen]})
        doc = {"score": score, "total": q, "percent": 100 * score / q, "passed": score >= 0.7 * q,
               "pass_mark": 70, "seconds_used": 600, "time_limit_seconds": None, "seed": learner,
               "exam": "bench/final", "title": "Final", "started_at": "2026-03-01T09:00:00Z",
               "ended": "submitted", "answered": q, "correct": int(score), "flagged": [],
               "by_concept": {}, "packs": [{"id": "bench", "version": "1.0.0"}],
               "questions": questions}
        with open(os.path.join(directory, f"learner{learner:04d}.json"), "w") as f:
            json.dump(doc, f)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--gift", nargs=2)
    p.add_argument("--xml", nargs=2)
    p.add_argument("--reports", nargs=3)
    a = p.parse_args()
    if a.gift:
        gift(int(a.gift[0]), a.gift[1])
    if a.xml:
        xml(int(a.xml[0]), a.xml[1])
    if a.reports:
        reports(int(a.reports[0]), int(a.reports[1]), a.reports[2])


if __name__ == "__main__":
    main()
