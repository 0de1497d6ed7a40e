//! Crash safety: a write-heavy workload of the `klik` command line (create
//! a programme, import 20 people, confirm the matching, log meetings) is
//! killed with SIGKILL at random moments, again and again. After every kill
//! the database opens, `PRAGMA integrity_check` is ok, and every action is
//! either fully there or fully absent. `KLIK_CRASH_RUNS` sets the number of
//! runs (100 by default; 500 for the closing note's figure). The first run
//! goes all the way and measures the workload; the others are killed at a
//! random moment up to twice that long.

use std::path::Path;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use klik::Store;

/// A small deterministic random source (xorshift), so a failing run replays.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn spawn(db: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_klik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KLIK_NOW", "2027-03-01T10:00:00")
        .env("LANG", "en_GB.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("the klik binary runs")
}

/// Runs the commands one after the other until `budget` is spent; the
/// command running then is killed with SIGKILL. True when one was killed.
fn run_until_killed(db: &Path, steps: &[Vec<String>], mut budget: Duration) -> bool {
    for step in steps {
        let args: Vec<&str> = step.iter().map(String::as_str).collect();
        let started = Instant::now();
        let mut child = spawn(db, &args);
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if started.elapsed() >= budget {
                child.kill().unwrap();
                child.wait().unwrap();
                return true;
            }
            std::thread::sleep(Duration::from_micros(300));
        }
        budget = budget.saturating_sub(started.elapsed());
    }
    false
}

/// Every action of the workload is all there or not there at all.
fn check(db: &Path, run: usize) -> (usize, usize) {
    let store =
        Store::open(db).unwrap_or_else(|e| panic!("run {run}: the database does not open: {e}"));
    store.check().unwrap_or_else(|e| panic!("run {run}: {e}"));
    let conn = store.conn();
    let per_programme: Vec<(i64, i64, i64, i64)> = conn
        .prepare(
            "SELECT p.id, (SELECT count(*) FROM phase WHERE programme_id = p.id),
                    (SELECT count(*) FROM participant WHERE programme_id = p.id),
                    (SELECT count(*) FROM match_pair WHERE programme_id = p.id)
             FROM programme p",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut complete = 0;
    for (id, phases, people, matches) in &per_programme {
        assert_eq!(*phases, 5, "run {run}: programme {id} has all its phases");
        assert!(
            [0, 20].contains(people),
            "run {run}: programme {id} has {people} participants: an import is all or nothing"
        );
        assert!(
            [0, 10].contains(matches),
            "run {run}: programme {id} has {matches} matches: a confirmation is all or nothing"
        );
        if *matches == 10 {
            complete += 1;
        }
    }
    (per_programme.len(), complete)
}

#[test]
fn killed_at_random_moments_the_database_stays_whole_and_every_action_atomic() {
    let runs: usize = std::env::var("KLIK_CRASH_RUNS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    drop(Store::open(&db).unwrap());
    let mut random = Random(0x9E37_79B9_7F4A_7C15);
    let (mut killed, mut meetings_logged) = (0, 0);
    // Run 0 goes all the way and measures how long the workload takes;
    // the others are killed at a random moment within that time.
    let mut full = Duration::from_secs(60);
    for run in 0..=runs {
        // Ten mentors with room for one and ten mentees, new people every run.
        let mut csv = String::from("role;first name;last name;email;capacity;topics\n");
        for k in 0..10 {
            csv.push_str(&format!(
                "mentor;Marie{k};Dubois;m{run}x{k}@devries.be;1;onderhandelen\n"
            ));
            csv.push_str(&format!(
                "mentee;Zoë{k};Peeters;z{run}x{k}@devries.be;;onderhandelen\n"
            ));
        }
        let file = dir.path().join(format!("people-{run}.csv"));
        std::fs::write(&file, csv).unwrap();
        let (before, _) = check(&db, run);
        let id = (before + 1).to_string();
        let step = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
        let steps = vec![
            step(&[
                "programme",
                "create",
                "--name",
                &format!("Run {run}"),
                "--start",
                "01-01-2027",
                "--end",
                "31-12-2027",
            ]),
            step(&[
                "participants",
                "import",
                file.to_str().unwrap(),
                "--programme",
                &id,
            ]),
            step(&["match", "confirm", "--programme", &id]),
        ];
        let started = Instant::now();
        let budget = if run == 0 {
            full
        } else {
            // Up to twice the measured time: the workload slows down as the
            // database grows, and some runs should get all the way.
            Duration::from_micros(random.below(2 * full.as_micros() as u64 + 1))
        };
        if run_until_killed(&db, &steps, budget) {
            killed += 1;
        } else if run == 0 {
            full = started.elapsed();
        }
        let (programmes, complete) = check(&db, run);
        assert!(
            programmes <= before + 1,
            "run {run}: at most one programme was added"
        );
        // Meetings on the first complete programme: each one is there or not.
        if complete > 0 && run % 5 == 0 {
            let count = |db: &Path| -> i64 {
                Store::open(db)
                    .unwrap()
                    .conn()
                    .query_row("SELECT count(*) FROM meeting", [], |r| r.get(0))
                    .unwrap()
            };
            let meetings_before = count(&db);
            let logged = !run_until_killed(
                &db,
                &[
                    step(&[
                        "intake",
                        "outcome",
                        "--match",
                        "1",
                        "--klik",
                        "yes",
                        "--held",
                        "01-03-2027",
                        "--held-time",
                        "09:00",
                    ]),
                    step(&[
                        "meeting",
                        "add",
                        "--match",
                        "1",
                        "--date",
                        "01-03-2027",
                        "--minutes",
                        "60",
                    ]),
                ],
                Duration::from_micros(random.below(full.as_micros() as u64 + 1)),
            );
            let after = count(&db);
            assert!(
                after - meetings_before <= 1,
                "run {run}: one meeting at most"
            );
            if logged {
                meetings_logged += 1;
            }
            check(&db, run);
        }
    }
    // How far the killed workloads had come: imports and matchings that made it.
    let store = Store::open(&db).unwrap();
    let (imported, confirmed): (i64, i64) = store
        .conn()
        .query_row(
            "SELECT (SELECT count(DISTINCT programme_id) FROM participant),
                    (SELECT count(DISTINCT programme_id) FROM match_pair)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    // Every table the workload writes, counted: each must have been reached.
    let tables = [
        "programme",
        "phase",
        "person",
        "participant",
        "topic",
        "participant_topic",
        "match_pair",
        "intake",
        "meeting",
    ];
    let counts: Vec<(&str, i64)> = tables
        .iter()
        .map(|table| {
            let n = store
                .conn()
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap();
            (*table, n)
        })
        .collect();
    eprintln!(
        "crash harness: {runs} runs of a {} ms workload, {killed} killed mid-way; \
         {imported} imports and {confirmed} matchings made it whole, the others left nothing; \
         {meetings_logged} meeting steps completed; rows: {counts:?}; every check clean",
        full.as_millis()
    );
    // A harness whose workload never gets anywhere proves nothing: enough
    // of the actions must have completed, and every table been written.
    assert!(
        imported * 8 >= runs as i64 && confirmed * 8 >= runs as i64,
        "too few actions completed: {imported} imports, {confirmed} matchings in {runs} runs"
    );
    assert!(meetings_logged >= 1, "no meeting step ever completed");
    for (table, n) in &counts {
        assert!(*n > 0, "the workload never wrote {table}");
    }
    // With kills up to twice the measured time, about half the runs are
    // killed mid-way; a quarter is the floor that shows the kills are real
    // without failing on a slow or fast machine.
    assert!(
        killed * 4 >= runs,
        "runs must really be killed mid-way ({killed} of {runs})"
    );
}
