//! Solves one matching matrix from a file with Klik's solver, for
//! `benches/compare_scipy.py`. Input: a line `rows columns`, a line of
//! capacities, then `rows` lines of scores (0–100, -1 for forbidden).
//! Output: one JSON line with matched, total_score and the solve time in ms.

use std::time::Instant;

use klik::matching::solver;

fn main() {
    let path = std::env::args().nth(1).expect("usage: solve_matrix FILE");
    let text = std::fs::read_to_string(&path).expect("the matrix file is readable");
    let mut numbers = text
        .split_ascii_whitespace()
        .map(|n| n.parse::<i64>().expect("numbers only"));
    let rows = numbers.next().expect("rows") as usize;
    let columns = numbers.next().expect("columns") as usize;
    let capacity: Vec<u32> = (0..columns)
        .map(|_| numbers.next().expect("capacity") as u32)
        .collect();
    let scores: Vec<i16> = (0..rows * columns)
        .map(|_| numbers.next().expect("score") as i16)
        .collect();
    // The best of a few runs, like a benchmark: the first run warms the caches.
    let mut best = f64::MAX;
    let mut result = None;
    for _ in 0..5 {
        let started = Instant::now();
        let solved = solver::solve(rows, columns, &capacity, &scores);
        best = best.min(started.elapsed().as_secs_f64() * 1000.0);
        result = Some(solved);
    }
    let result = result.expect("solved at least once");
    println!(
        "{{\"matched\": {}, \"total_score\": {}, \"millis\": {:.2}}}",
        result.matched, result.total_score, best
    );
}
