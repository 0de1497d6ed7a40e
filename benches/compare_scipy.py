#!/usr/bin/env python3
"""Klik's matching solver side by side with SciPy's linear_sum_assignment.

For each generated instance, SciPy solves the slot-expanded matrix (one
column per place a mentor has, plus one "unassigned" column per mentee)
and Klik's solver the compact mentee × mentor matrix. The script checks
that both find the same number of matched mentees and the same total
score, and prints the time of each and their ratio.

    pip install numpy scipy
    python3 benches/compare_scipy.py            # builds the example in release mode
"""

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy.optimize import linear_sum_assignment

ROOT = Path(__file__).resolve().parent.parent
INSTANCES = [
    # (mentees, mentors, capacity, share of forbidden pairs, distinct score levels)
    (200, 60, 3, 0.0, 101),
    (2000, 500, 4, 0.0, 101),
    (2000, 500, 4, 0.4, 11),
]


def scipy_solve(scores, capacity):
    rows, _ = scores.shape
    slots = np.repeat(np.arange(len(capacity)), capacity)
    big = 100 * rows + 1
    expanded = np.where(scores[:, slots] < 0, -big * (rows + 1) * 4, big + scores[:, slots]).astype(np.int64)
    weights = np.hstack([expanded, np.zeros((rows, rows), dtype=np.int64)])
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        r, c = linear_sum_assignment(weights, maximize=True)
        best = min(best, (time.perf_counter() - started) * 1000)
    total = int(weights[r, c].sum())
    return total // big, total % big, best


def main():
    subprocess.run(
        ["cargo", "build", "--release", "--quiet", "--example", "solve_matrix"],
        cwd=ROOT, check=True,
    )
    binary = ROOT / "target" / "release" / "examples" / "solve_matrix"
    rng = np.random.default_rng(2026)
    failed = False
    for mentees, mentors, cap, forbidden, levels in INSTANCES:
        step = 100 // (levels - 1)
        scores = rng.integers(0, levels, size=(mentees, mentors)) * step
        scores[rng.random((mentees, mentors)) < forbidden] = -1
        capacity = np.full(mentors, cap)
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(f"{mentees} {mentors}\n")
            f.write(" ".join(map(str, capacity)) + "\n")
            np.savetxt(f, scores, fmt="%d")
            path = f.name
        klik = json.loads(subprocess.run([binary, path], capture_output=True, text=True, check=True).stdout)
        matched, total, scipy_ms = scipy_solve(scores, capacity)
        same = (matched, total) == (klik["matched"], klik["total_score"])
        failed |= not same
        print(
            f"{mentees:>5} x {mentors:<4} cap {cap}, {forbidden:.0%} forbidden: "
            f"matched {klik['matched']} / {matched}, total {klik['total_score']} / {total} "
            f"{'equal' if same else 'DIFFERENT'}; Klik {klik['millis']:.1f} ms, SciPy {scipy_ms:.1f} ms, "
            f"{scipy_ms / max(klik['millis'], 0.01):.1f}x faster"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
