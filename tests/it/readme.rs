//! The README documents the JSON of every `klik` command; scripts are
//! written against it. This test runs each command on the demo and checks
//! that the keys it prints are exactly the keys the README lists, nested
//! objects included, so that neither the structs nor the README can drift.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::cli::{klik, klik_ok};

/// The keys of a documented JSON object, each with the keys of its nested
/// object (or of the objects in its array) when the README lists them.
#[derive(Debug, Default)]
struct Shape {
    keys: BTreeMap<String, Option<Shape>>,
}

/// Reads the object or array that starts at `anchor` in the README: keys
/// are the quoted words directly inside an object that follow `{` or `,`
/// (values follow `:`); `{…}` or `{PART: text}` leave a key's shape open.
fn documented(readme: &str, anchor: &str) -> Shape {
    let start = readme
        .find(anchor)
        .unwrap_or_else(|| panic!("the README no longer holds {anchor:?}"));
    let text: Vec<char> = readme[start..].chars().collect();
    let mut at = text
        .iter()
        .position(|c| *c == '{' || *c == '[')
        .expect("JSON after the anchor");
    let shape = container(&text, &mut at);
    assert!(!shape.keys.is_empty(), "no keys at {anchor:?}");
    shape
}

/// Parses one `{…}` or `[…]` at `text[*at]`; an array gives the shape of
/// its first object.
fn container(text: &[char], at: &mut usize) -> Shape {
    let open = text[*at];
    *at += 1;
    let mut shape = Shape::default();
    let mut first_object: Option<Shape> = None;
    let mut last_key: Option<String> = None;
    let mut previous = open;
    while *at < text.len() {
        let c = text[*at];
        match c {
            '"' => {
                let end = text[*at + 1..]
                    .iter()
                    .position(|&q| q == '"')
                    .expect("a closed string")
                    + *at
                    + 1;
                let word: String = text[*at + 1..end].iter().collect();
                *at = end + 1;
                if open == '{' && (previous == '{' || previous == ',') {
                    shape.keys.insert(word.clone(), None);
                    last_key = Some(word);
                }
                previous = '"';
                continue;
            }
            '{' | '[' => {
                let inner = container(text, at);
                if open == '{' && previous == ':' {
                    if let Some(key) = &last_key
                        && !inner.keys.is_empty()
                    {
                        shape.keys.insert(key.clone(), Some(inner));
                    }
                } else if open == '[' && first_object.is_none() && !inner.keys.is_empty() {
                    first_object = Some(inner);
                }
                previous = '}';
                continue;
            }
            '}' | ']' => {
                *at += 1;
                return if open == '[' {
                    first_object.unwrap_or_default()
                } else {
                    shape
                };
            }
            c if c.is_whitespace() => {}
            c => previous = c,
        }
        *at += 1;
    }
    panic!("the README's JSON is not closed");
}

/// Checks `actual` against `shape`, naming the path where they differ.
fn check(path: &str, shape: &Shape, actual: &Value) {
    let object = match actual {
        Value::Array(items) => {
            assert!(!items.is_empty(), "{path}: an empty array checks nothing");
            for item in items {
                check(path, shape, item);
            }
            return;
        }
        Value::Object(object) => object,
        other => panic!("{path}: expected an object, got {other}"),
    };
    let printed: Vec<&String> = object.keys().collect();
    let listed: Vec<&String> = shape.keys.keys().collect();
    let mut printed_sorted = printed.clone();
    printed_sorted.sort();
    assert_eq!(
        printed_sorted, listed,
        "{path}: the keys klik prints (left) are not the keys the README lists (right)"
    );
    for (key, inner) in &shape.keys {
        if let Some(inner) = inner {
            match &object[key] {
                Value::Null => {}
                Value::Array(items) if items.is_empty() => {}
                value => check(&format!("{path}.{key}"), inner, value),
            }
        }
    }
}

/// Runs `klik` with the clock at `now`, for the steps that need a talk or
/// a meeting in the past.
fn klik_at(db: &Path, now: &str, args: &[&str]) -> Value {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_klik"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env("KLIK_NOW", now)
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("the klik binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
}

#[test]
fn the_readme_lists_exactly_the_keys_of_every_json_klik_prints() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let file = |name: &str| dir.path().join(name).display().to_string();
    let mut checked = 0;
    let mut expect = |anchor: &str, json: &Value| {
        check(anchor, &documented(&readme, anchor), json);
        checked += 1;
    };

    expect(
        r#"`demo --json` prints `{"database""#,
        &klik_ok(&db, &["--json", "demo"]),
    );
    expect(
        r#"`info --json` prints `{"version", "database""#,
        &klik_ok(&db, &["--json", "info"]),
    );
    expect(
        r#"`organisation --json` prints `{"name""#,
        &klik_ok(&db, &["--json", "organisation"]),
    );
    expect(
        r#"`guide --json` prints `{"kind""#,
        &klik_ok(&db, &["--json", "guide"]),
    );
    let programmes = klik_ok(&db, &["--json", "programme", "list", "--all"]);
    expect("{\n  \"id\": 1,", &programmes);
    // The demo's running programme: it has participants and no pairs yet,
    // so the test walks it from proposal to klik.
    let p = programmes
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"].as_str().unwrap().starts_with("Mentoring"))
        .expect("the demo has a running programme")["id"]
        .to_string();
    let p = p.as_str();

    let participants = klik_ok(&db, &["--json", "participants", "list", "--programme", p]);
    expect(r#"`{"id", "role""#, &participants);
    let export = file("participants.csv");
    expect(
        r#"`participants export --json` prints `{"file""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "participants",
                "export",
                "--programme",
                p,
                "--out",
                &export,
            ],
        ),
    );
    expect(
        r#"`{"imported": bool"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "participants",
                "import",
                &export,
                "--programme",
                p,
                "--dry-run",
            ],
        ),
    );

    expect(
        r#"`match propose --json`: `{"matched""#,
        &klik_ok(&db, &["--json", "match", "propose", "--programme", p]),
    );
    expect(
        r#"`match scores --json` prints `{"file""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "match",
                "scores",
                "--programme",
                p,
                "--out",
                &file("scores.csv"),
            ],
        ),
    );
    expect(
        r#"`match criteria --json`: `[{"criterion""#,
        &klik_ok(&db, &["--json", "match", "criteria", "--programme", p]),
    );
    expect(
        r#"`match confirm --json`: `{"confirmed""#,
        &klik_ok(&db, &["--json", "match", "confirm", "--programme", p]),
    );
    let matches = klik_ok(&db, &["--json", "match", "list", "--programme", p]);
    expect(r#"[{"id": n, "mentee""#, &matches);
    let ids: Vec<String> = matches
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].to_string())
        .collect();
    assert!(ids.len() >= 2, "the demo proposes at least two pairs");
    expect(
        r#"`match dissolve --json`: `{"id""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "match",
                "dissolve",
                "--match",
                &ids[1],
                "--reason",
                "Andere keuze",
            ],
        ),
    );
    let active = ids[0].as_str();
    let later = "2026-12-10T10:00:00";
    expect(
        r#"`{"match", "intake", "outcome""#,
        &klik_at(
            &db,
            later,
            &[
                "--json",
                "intake",
                "outcome",
                "--match",
                active,
                "--klik",
                "yes",
                "--held",
                "02-12-2026",
            ],
        ),
    );
    klik_at(
        &db,
        later,
        &[
            "agreement",
            "edit",
            "--match",
            active,
            "--goal",
            "Feedback geven|Wekelijks feedback|31-05-2027|Een gesprek plannen",
        ],
    );

    expect(
        r#"`{"match", "version""#,
        &klik_ok(&db, &["--json", "agreement", "show", "--match", active]),
    );
    expect(
        r#"`pdf --json` prints `{"file""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "agreement",
                "pdf",
                "--match",
                active,
                "--out",
                &file("a.pdf"),
            ],
        ),
    );

    let intakes = klik_ok(&db, &["--json", "intake", "list", "--programme", p]);
    expect(r#"print intakes as `{"id""#, &intakes);
    expect(
        r#"`{"saved", "planned""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "intake",
                "plan",
                "--programme",
                p,
                "--from",
                "30-11-2026",
                "--to",
                "31-12-2026",
                "--dry-run",
            ],
        ),
    );
    expect(
        r#"`{"events", "files"}`"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "intake",
                "export-ics",
                "--programme",
                p,
                "--out",
                &dir.path().display().to_string(),
            ],
        ),
    );
    expect(
        r#"`intake holidays --json` prints `[{"day""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "intake",
                "holidays",
                "--programme",
                p,
                "--country",
                "be",
                "--year",
                "2027",
            ],
        ),
    );

    expect(
        r#"`meeting add --json` and `meeting list --json` print `{"id""#,
        &klik_at(
            &db,
            later,
            &[
                "--json",
                "meeting",
                "add",
                "--match",
                active,
                "--date",
                "09-12-2026",
                "--minutes",
                "60",
                "--topics",
                "Feedback",
            ],
        ),
    );
    expect(
        r#"`{"match", "goal""#,
        &klik_at(
            &db,
            later,
            &[
                "--json",
                "progress",
                "add",
                "--match",
                active,
                "--goal",
                "1",
                "--state",
                "in_progress",
                "--percent",
                "40",
            ],
        ),
    );
    expect(
        r#"an array of `{"match", "moment""#,
        &klik_at(
            &db,
            later,
            &[
                "--json",
                "checkin",
                "add",
                "--match",
                active,
                "--moment",
                "halfway",
                "--mentor-score",
                "4",
                "--mentor-fit",
                "good",
            ],
        ),
    );
    expect(
        r#"`message draft` writes an RFC 5322"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "message",
                "draft",
                "--programme",
                p,
                "--kind",
                "agreement",
                "--match",
                active,
                "--out",
                &file("a.eml"),
            ],
        ),
    );
    expect(
        r#"`message list`, `sent` and `wording` print"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "message",
                "sent",
                "--programme",
                p,
                "--kind",
                "announcement",
                "--match",
                active,
            ],
        ),
    );
    expect(
        r#"`checklist --json` prints `{"programme""#,
        &klik_at(
            &db,
            "2026-12-20T10:00:00",
            &["--json", "checklist", "--programme", p],
        ),
    );
    expect(
        r#"`attention --json` prints `[{"match""#,
        &klik_at(
            &db,
            "2026-12-20T10:00:00",
            &["--json", "attention", "--programme", p],
        ),
    );
    expect(
        r#"`{"file", "pages", "warnings", "anonymous"}`"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "report",
                "programme",
                "--programme",
                p,
                "--out",
                &file("r.pdf"),
            ],
        ),
    );
    expect(
        r#"`{"file", "kpis": {"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "report",
                "kpis",
                "--programme",
                p,
                "--out",
                &file("k.csv"),
            ],
        ),
    );

    let workshop = klik_ok(
        &db,
        &[
            "--json",
            "workshop",
            "add",
            "--programme",
            p,
            "--title",
            "Feedback geven",
            "--date",
            "15-01-2027",
            "--time",
            "13:00",
            "--audience",
            "all",
        ],
    );
    expect(r#"`workshop list --json` print `{"id""#, &workshop);
    expect(
        r#"`workshop ics --json` prints `{"file""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "workshop",
                "ics",
                "--workshop",
                &workshop["id"].to_string(),
                "--out",
                &file("w.ics"),
            ],
        ),
    );
    expect(
        r#"`evaluation questions --json` prints `[{"position""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "evaluation",
                "questions",
                "--programme",
                p,
                "--default",
            ],
        ),
    );
    let email = participants[0]["email"].as_str().unwrap().to_string();
    expect(
        r#"`evaluation answer --json` prints `[{"position""#,
        &klik_ok(
            &db,
            &[
                "--json",
                "evaluation",
                "answer",
                "--programme",
                p,
                "--participant",
                &email,
                "--answer",
                "1=4",
            ],
        ),
    );

    let backup = file("copy.sqlite");
    expect(
        r#"`{"file", "schema_version", "programmes", "people"}`"#,
        &klik_ok(&db, &["--json", "backup", "--out", &backup]),
    );
    expect(r#"`{"ok": true"#, &klik_ok(&db, &["--json", "check"]));
    expect(
        r#"`{"restored": bool"#,
        &klik_ok(&db, &["--json", "restore", &backup, "--yes"]),
    );
    expect(
        r#"`{"file", "pages", "warnings", "person"}`"#,
        &klik_ok(
            &db,
            &[
                "--json",
                "person",
                "export",
                "--email",
                &email,
                "--out",
                &file("p.pdf"),
            ],
        ),
    );
    expect(
        r#"`{"erased": bool"#,
        &klik_ok(
            &db,
            &["--json", "person", "erase", "--email", &email, "--yes"],
        ),
    );
    expect(
        r#"`{"months", "erased"}`"#,
        &klik_ok(&db, &["--json", "retention"]),
    );

    // move-data works on a data folder, not on --db.
    let data = dir.path().join("data");
    crate::relocation::ok(&data, &["programme", "list"]);
    std::fs::create_dir(dir.path().join("elsewhere")).unwrap();
    expect(
        r#"`{"from", "to", "left_behind"}`"#,
        &crate::relocation::ok(&data, &["move-data", "--to", &file("elsewhere")]),
    );

    let refused = klik(&db, &["--json", "match", "list", "--programme", "999"]);
    assert_eq!(refused.status.code(), Some(1));
    let line: Value = serde_json::from_slice(&refused.stderr).unwrap();
    expect(r#"one JSON line `{"code""#, &line);
    assert_eq!(checked, 42, "every documented JSON was checked");
}
