//! The exact solver: mentees (rows) to mentors (columns with a capacity),
//! first as many mentees as possible, then the highest total score.
//!
//! It is a successive-shortest-augmenting-path algorithm of the
//! Jonker–Volgenant family on the compact mentee × mentor matrix, seen as a
//! min-cost flow: source → mentee → mentor → sink, where the mentor → sink
//! edge carries the mentor's capacity, plus one "unassigned" column of
//! unlimited capacity. Expanding every mentor into capacity slots would make
//! the matrix (and the work) as many times larger as the average capacity.
//!
//! Between those two goals sits a third: pairs marked "avoided" (mentor and
//! mentee without common time) are used only where they add a matched
//! mentee. Lexicographically: most mentees matched, then fewest avoided
//! pairs, then the highest total score. An avoided pair's cost carries a
//! penalty larger than any total of scores, and leaving a mentee unassigned
//! costs more than any total of penalties and scores.
//!
//! Costs are whole numbers, so the result is exact and the same input always
//! gives the same output: ties go to the lower index.
//!
//! Dual variables: `u` per row, `v` per column, the sink's potential is
//! kept at 0. Reduced costs `c(i, j) - u[i] - v[j]` are never negative and
//! are 0 on every assigned pair; a full column has `v ≤ 0`, an empty one
//! `v ≥ 0` and a partly filled one `v = 0`. These are the optimality
//! conditions of the flow, kept after every augmentation.

/// A score that forbids the pair.
pub const FORBIDDEN: i16 = -1;

/// The cost of an allowed pair is `100 - score`; this marks a forbidden pair.
const NO_EDGE: u8 = u8::MAX;

/// An avoided pair's stored cost is this plus `100 - score`; its real cost
/// adds the solver's penalty.
const AVOIDED: u8 = 128;

const NONE: u32 = u32::MAX;

/// Which mentor (column) each mentee (row) gets, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assignment {
    pub column_of_row: Vec<Option<usize>>,
    pub matched: usize,
    pub total_score: u64,
}

/// Solves the problem: `scores` holds `rows × columns` values, row by row,
/// each 0–100 or [`FORBIDDEN`]; `capacity` has one value per column.
pub fn solve(rows: usize, columns: usize, capacity: &[u32], scores: &[i16]) -> Assignment {
    solve_avoiding(rows, columns, capacity, scores, &[])
}

/// [`solve`] where `avoided` (empty, or one flag per pair) marks allowed
/// pairs to use only when they add a matched mentee.
pub fn solve_avoiding(
    rows: usize,
    columns: usize,
    capacity: &[u32],
    scores: &[i16],
    avoided: &[bool],
) -> Assignment {
    assert_eq!(capacity.len(), columns, "one capacity per column");
    assert_eq!(scores.len(), rows * columns, "one score per pair");
    assert!(
        avoided.is_empty() || avoided.len() == scores.len(),
        "no flags, or one per pair"
    );
    let cost: Vec<u8> = scores
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            if s < 0 {
                NO_EDGE
            } else if avoided.get(k).copied().unwrap_or(false) {
                AVOIDED + (100 - s.min(100)) as u8
            } else {
                (100 - s.min(100)) as u8
            }
        })
        .collect();
    let mut solver = Solver::new(rows, columns, capacity, cost);
    solver.run();
    solver.assignment(scores)
}

struct Solver {
    rows: usize,
    /// Real columns; index `columns` is the unassigned column.
    columns: usize,
    capacity: Vec<u32>,
    cost: Vec<u8>,
    /// The real cost of each stored cost byte: `100 - score`, plus the
    /// penalty for an avoided pair.
    value: [i64; 256],
    /// The cost of leaving a row unassigned: more than any total of real
    /// costs can save, so one more matched mentee always beats any scores.
    unassigned_cost: i64,
    u: Vec<i64>,
    v: Vec<i64>,
    column_of_row: Vec<u32>,
    members: Vec<Vec<u32>>,
    // Scratch space for the shortest path search, kept between rows.
    dist: Vec<i64>,
    pred: Vec<u32>,
    todo: Vec<u32>,
    done: Vec<u32>,
}

impl Solver {
    fn new(rows: usize, columns: usize, capacity: &[u32], cost: Vec<u8>) -> Solver {
        Solver {
            rows,
            columns,
            capacity: capacity.to_vec(),
            cost,
            value: {
                // More than any total of scores: one avoided pair fewer
                // beats any scores; more than any total of penalties and
                // scores: one more matched mentee beats everything.
                let penalty = 100 * rows as i64 + 1;
                std::array::from_fn(|c| {
                    let c = c as u8;
                    if c >= AVOIDED && c != NO_EDGE {
                        penalty + i64::from(c - AVOIDED)
                    } else {
                        i64::from(c)
                    }
                })
            },
            unassigned_cost: rows as i64 * (100 * rows as i64 + 101) + 1,
            u: vec![0; rows],
            v: vec![0; columns + 1],
            column_of_row: vec![NONE; rows],
            members: vec![Vec::new(); columns],
            dist: vec![0; columns + 1],
            pred: vec![NONE; columns + 1],
            todo: Vec::with_capacity(columns + 1),
            done: Vec::with_capacity(columns + 1),
        }
    }

    fn edge(&self, row: usize, column: usize) -> Option<i64> {
        if column == self.columns {
            return Some(self.unassigned_cost);
        }
        let c = self.cost[row * self.columns + column];
        (c != NO_EDGE).then_some(self.value[c as usize])
    }

    fn is_full(&self, column: usize) -> bool {
        column < self.columns && self.members[column].len() as u32 >= self.capacity[column]
    }

    fn run(&mut self) {
        // Greedy start: while every v is 0, a row may take its cheapest column
        // if that column has room; all conditions above still hold after it.
        let mut waiting = Vec::new();
        for row in 0..self.rows {
            let (best, best_cost) = self.cheapest(row);
            self.u[row] = best_cost;
            if best < self.columns && !self.is_full(best) {
                self.assign(row, best);
            } else {
                waiting.push(row);
            }
        }
        for row in waiting {
            self.augment(row);
        }
    }

    /// The column with the lowest reduced cost for `row`. Among equally
    /// cheap columns one with room wins, then the lowest index: with many
    /// equal scores this lets the greedy start place most rows directly.
    fn cheapest(&self, row: usize) -> (usize, i64) {
        let mut best = self.columns;
        let mut best_cost = self.unassigned_cost - self.v[self.columns];
        let mut best_has_room = true;
        let costs = &self.cost[row * self.columns..(row + 1) * self.columns];
        for (column, &c) in costs.iter().enumerate() {
            if c == NO_EDGE {
                continue;
            }
            let reduced = self.value[c as usize] - self.v[column];
            if reduced < best_cost || (reduced == best_cost && !best_has_room) {
                let has_room = !self.is_full(column);
                if reduced < best_cost || has_room {
                    best = column;
                    best_cost = reduced;
                    best_has_room = has_room;
                }
            }
        }
        (best, best_cost)
    }

    fn assign(&mut self, row: usize, column: usize) {
        self.column_of_row[row] = column as u32;
        if column < self.columns {
            self.members[column].push(row as u32);
        }
    }

    /// Adds `row` along a shortest augmenting path (Dijkstra on reduced costs).
    fn augment(&mut self, start: usize) {
        let n_columns = self.columns + 1;
        // The start row has no other edges entering it, so its potential may
        // be chosen freely: the cheapest reduced cost out of it becomes 0.
        self.u[start] = self.cheapest(start).1;
        self.todo.clear();
        self.done.clear();
        for column in 0..n_columns {
            self.todo.push(column as u32);
            self.pred[column] = start as u32;
            self.dist[column] = match self.edge(start, column) {
                Some(c) => c - self.u[start] - self.v[column],
                None => i64::MAX,
            };
        }
        // The best way found so far to the sink: through which column, at what distance.
        let mut sink = (NONE, i64::MAX);
        loop {
            // The nearest column not yet finished. Among equally near ones a
            // column with room comes first, because it ends the search at
            // once: with many equal scores this saves most of the work.
            // Further ties go to the lowest index, so results never vary.
            let mut pick = usize::MAX;
            let mut nearest = i64::MAX;
            let mut pick_has_room = false;
            for (k, &column) in self.todo.iter().enumerate() {
                let d = self.dist[column as usize];
                if d > nearest || d == i64::MAX {
                    continue;
                }
                let has_room = !self.is_full(column as usize);
                let better = d < nearest
                    || (has_room && !pick_has_room)
                    || (has_room == pick_has_room && column < self.todo[pick]);
                if better {
                    nearest = d;
                    pick = k;
                    pick_has_room = has_room;
                }
            }
            if pick == usize::MAX || nearest >= sink.1 {
                break;
            }
            let column = self.todo.swap_remove(pick) as usize;
            self.done.push(column as u32);
            if !self.is_full(column) {
                // Room here: the sink is reached through this column's edge,
                // whose reduced cost is v (0 once the column holds a row).
                let via = nearest + self.v[column];
                if via < sink.1 {
                    sink = (column as u32, via);
                }
                continue;
            }
            // Full: every row in it may move on to another column. The loop
            // runs over all columns in memory order, which is faster than
            // visiting only the unfinished ones: a finished column is never
            // improved, since its distance is at most `nearest` and reduced
            // costs are not negative.
            let m = self.columns;
            for k in 0..self.members[column].len() {
                let row = self.members[column][k] as usize;
                let base = nearest - self.u[row];
                let costs = &self.cost[row * m..(row + 1) * m];
                let value = &self.value;
                let targets = costs
                    .iter()
                    .zip(&self.v[..m])
                    .zip(self.dist[..m].iter_mut())
                    .zip(self.pred[..m].iter_mut());
                for (((&c, &v), dist), pred) in targets {
                    if c != NO_EDGE {
                        let d = base + value[c as usize] - v;
                        if d < *dist {
                            *dist = d;
                            *pred = row as u32;
                        }
                    }
                }
                let d = base + self.unassigned_cost - self.v[m];
                if d < self.dist[m] {
                    self.dist[m] = d;
                    self.pred[m] = row as u32;
                }
            }
        }
        let (end, total) = sink;
        assert!(end != NONE, "the unassigned column is always reachable");
        // Potentials: every finished node moves by its distance's shortfall,
        // which keeps all reduced costs non-negative and the path at zero.
        for &column in &self.done {
            let column = column as usize;
            let shortfall = total - self.dist[column];
            if shortfall > 0 {
                self.v[column] -= shortfall;
                if column < self.columns {
                    for &row in &self.members[column] {
                        self.u[row as usize] += shortfall;
                    }
                }
            }
        }
        self.u[start] += total;
        // Flip the path: each row on it moves to the column it reached.
        let mut column = end as usize;
        loop {
            let row = self.pred[column] as usize;
            let previous = self.column_of_row[row];
            if column < self.columns {
                self.members[column].push(row as u32);
            }
            self.column_of_row[row] = column as u32;
            if previous == NONE {
                debug_assert_eq!(row, start);
                break;
            }
            let previous = previous as usize;
            let members = &mut self.members[previous];
            let at = members
                .iter()
                .position(|&r| r as usize == row)
                .expect("a row is listed in its column");
            members.swap_remove(at);
            column = previous;
        }
    }

    fn assignment(&self, scores: &[i16]) -> Assignment {
        let mut matched = 0;
        let mut total_score = 0u64;
        let column_of_row = self
            .column_of_row
            .iter()
            .enumerate()
            .map(|(row, &column)| {
                let column = column as usize;
                (column < self.columns).then(|| {
                    let score = scores[row * self.columns + column];
                    debug_assert!(score >= 0, "a forbidden pair is never assigned");
                    matched += 1;
                    total_score += score.max(0) as u64;
                    column
                })
            })
            .collect();
        Assignment {
            column_of_row,
            matched,
            total_score,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathfinding::prelude::{Matrix, kuhn_munkres};

    /// A small deterministic random source (xorshift), so failures replay.
    struct Dice(u64);

    impl Dice {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next() % n
        }
    }

    /// `count` scores with `forbidden_percent` % forbidden pairs and the rest
    /// spread over `levels` equally spaced values from 0 to 100.
    fn random_scores(
        dice: &mut Dice,
        count: usize,
        forbidden_percent: u64,
        levels: u64,
    ) -> Vec<i16> {
        (0..count)
            .map(|_| {
                if dice.below(100) < forbidden_percent {
                    FORBIDDEN
                } else {
                    (dice.below(levels) * (100 / (levels - 1).max(1))).min(100) as i16
                }
            })
            .collect()
    }

    /// The oracle: the Hungarian algorithm on the matrix with one column per
    /// capacity slot and one "unassigned" column per row.
    /// The oracle's answer: matched rows, avoided pairs used, total score.
    fn oracle(
        rows: usize,
        columns: usize,
        capacity: &[u32],
        scores: &[i16],
        avoided: &[bool],
    ) -> (usize, usize, u64) {
        let slots: Vec<usize> = (0..columns)
            .flat_map(|c| std::iter::repeat_n(c, capacity[c] as usize))
            .collect();
        let width = slots.len() + rows;
        // Three tiers in one weight: matched, then not avoided, then score.
        let tier = 100 * rows as i64 + 1;
        let big = tier * (rows as i64 + 1);
        let forbidden = -(big * (rows as i64 + 1) * 4);
        let mut weights = Vec::with_capacity(rows * width);
        for row in 0..rows {
            for &c in &slots {
                let k = row * columns + c;
                let s = scores[k];
                let kept = if avoided.get(k).copied().unwrap_or(false) {
                    0
                } else {
                    tier
                };
                weights.push(if s < 0 {
                    forbidden
                } else {
                    big + kept + i64::from(s)
                });
            }
            weights.extend(std::iter::repeat_n(0, rows));
        }
        let matrix = Matrix::from_vec(rows, width, weights).unwrap();
        let (total, _) = kuhn_munkres(&matrix);
        let matched = (total / big) as usize;
        let kept = ((total % big) / tier) as usize;
        let score = ((total % big) % tier) as u64;
        (matched, matched - kept, score)
    }

    fn check(rows: usize, columns: usize, capacity: &[u32], scores: &[i16]) {
        check_avoiding(rows, columns, capacity, scores, &[]);
    }

    fn check_avoiding(
        rows: usize,
        columns: usize,
        capacity: &[u32],
        scores: &[i16],
        avoided: &[bool],
    ) {
        let result = solve_avoiding(rows, columns, capacity, scores, avoided);
        let used = result
            .column_of_row
            .iter()
            .enumerate()
            .filter(|(row, column)| {
                column.is_some_and(|c| avoided.get(row * columns + c).copied().unwrap_or(false))
            })
            .count();
        let mut load = vec![0u32; columns];
        let mut total = 0u64;
        for (row, column) in result.column_of_row.iter().enumerate() {
            if let Some(c) = *column {
                load[c] += 1;
                let s = scores[row * columns + c];
                assert!(s >= 0, "forbidden pair ({row}, {c}) assigned");
                total += s as u64;
            }
        }
        for c in 0..columns {
            assert!(load[c] <= capacity[c], "column {c} over capacity");
        }
        assert_eq!(total, result.total_score);
        assert_eq!(
            (result.matched, used, result.total_score),
            oracle(rows, columns, capacity, scores, avoided),
            "rows {rows}, columns {columns}, capacity {capacity:?}, scores {scores:?}, avoided {avoided:?}"
        );
    }

    #[test]
    fn avoided_pairs_are_used_only_where_they_add_a_matched_mentee() {
        let mut dice = Dice(0xA5A5_5A5A_1234_5678);
        for round in 0..3000 {
            let rows = 1 + dice.below(8) as usize;
            let columns = 1 + dice.below(5) as usize;
            let capacity: Vec<u32> = (0..columns).map(|_| dice.below(4) as u32).collect();
            let levels = [2, 3, 5, 101][round % 4];
            let forbidden_share = dice.below(40);
            let scores = random_scores(&mut dice, rows * columns, forbidden_share, levels);
            let share = dice.below(70);
            let avoided: Vec<bool> = (0..rows * columns)
                .map(|_| dice.below(100) < share)
                .collect();
            check_avoiding(rows, columns, &capacity, &scores, &avoided);
        }
        // Row 0 fits column 0 best, but that pair is avoided: column 1 it is.
        let result = solve_avoiding(1, 2, &[1, 1], &[100, 10], &[true, false]);
        assert_eq!(result.column_of_row, vec![Some(1)]);
        // With no other way to match row 0, the avoided pair is used.
        let result = solve_avoiding(1, 2, &[1, 1], &[100, FORBIDDEN], &[true, false]);
        assert_eq!(result.column_of_row, vec![Some(0)]);
    }

    #[test]
    fn agrees_with_the_hungarian_oracle_on_thousands_of_small_instances() {
        let mut dice = Dice(0x9E37_79B9_7F4A_7C15);
        for round in 0..4000 {
            let rows = 1 + dice.below(8) as usize;
            let columns = 1 + dice.below(5) as usize;
            let capacity: Vec<u32> = (0..columns).map(|_| dice.below(4) as u32).collect();
            // Few distinct values make many ties; a share of pairs is forbidden.
            let levels = [2, 3, 5, 101][round % 4];
            let forbidden_share = dice.below(60);
            let scores = random_scores(&mut dice, rows * columns, forbidden_share, levels);
            check(rows, columns, &capacity, &scores);
        }
    }

    #[test]
    fn agrees_with_the_oracle_on_larger_instances() {
        let mut dice = Dice(42);
        for _ in 0..30 {
            let rows = 20 + dice.below(30) as usize;
            let columns = 3 + dice.below(12) as usize;
            let capacity: Vec<u32> = (0..columns).map(|_| 1 + dice.below(4) as u32).collect();
            let scores = random_scores(&mut dice, rows * columns, 30, 101);
            check(rows, columns, &capacity, &scores);
        }
    }

    #[test]
    fn more_matched_mentees_beat_a_higher_total() {
        // Row 0 loves column 0 (100) and fits column 1 poorly (1); row 1 can
        // only take column 0. Matching both (1 + 50) beats row 0 alone (100).
        let scores = [100, 1, 50, FORBIDDEN];
        let result = solve(2, 2, &[1, 1], &scores);
        assert_eq!(result.column_of_row, vec![Some(1), Some(0)]);
        assert_eq!((result.matched, result.total_score), (2, 51));
    }

    #[test]
    fn capacity_is_honoured_and_the_rest_stays_unassigned() {
        let scores = [90, 80, 70];
        let result = solve(3, 1, &[2], &scores);
        assert_eq!(result.column_of_row, vec![Some(0), Some(0), None]);
        assert_eq!(result.total_score, 170);
    }

    #[test]
    fn edge_cases_have_an_answer() {
        assert_eq!(solve(0, 0, &[], &[]).matched, 0);
        assert_eq!(solve(3, 0, &[], &[]).column_of_row, vec![None; 3]);
        assert_eq!(solve(0, 2, &[1, 1], &[]).matched, 0);
        let all_forbidden = solve(2, 2, &[3, 3], &[FORBIDDEN; 4]);
        assert_eq!(all_forbidden.column_of_row, vec![None, None]);
        assert_eq!(solve(2, 2, &[0, 0], &[50; 4]).matched, 0);
    }

    #[test]
    fn ties_are_broken_the_same_way_every_time() {
        let scores = [60; 12];
        let first = solve(4, 3, &[2, 2, 2], &scores);
        for _ in 0..5 {
            assert_eq!(solve(4, 3, &[2, 2, 2], &scores), first);
        }
        assert_eq!(
            first.column_of_row,
            vec![Some(0), Some(0), Some(1), Some(1)]
        );
    }
}
