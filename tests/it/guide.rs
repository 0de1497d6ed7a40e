//! The guide of a first use through the command line, its twin in the
//! window: the first steps of a new database follow the data (a step done
//! elsewhere is done, a skipped one done later counts as done), the
//! programme step cannot be skipped, and the demo's tour walks its five
//! stops, the last on the closed programme, then ends.

use serde_json::Value;

use crate::cli::{klik, klik_ok};

fn guide(db: &std::path::Path, args: &[&str]) -> Value {
    let mut all = vec!["--json", "guide"];
    all.extend_from_slice(args);
    klik_ok(db, &all)
}

fn states(guide: &Value) -> Vec<String> {
    guide["steps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            format!(
                "{}={}",
                s["key"].as_str().unwrap(),
                s["state"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn the_first_steps_follow_the_data_from_an_empty_database_to_confirmed_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let start = guide(&db, &[]);
    assert_eq!(start["kind"], "first_steps");
    assert_eq!(start["current"], "organisation");
    assert_eq!(start["programme"], Value::Null);

    let skipped = guide(&db, &["skip", "organisation"]);
    assert_eq!(skipped["current"], "programme");
    let refused = klik(&db, &["guide", "skip", "programme"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("cannot be skipped"),
        "{refused:?}"
    );
    let unknown = klik(&db, &["guide", "skip", "lunch"]);
    assert_eq!(unknown.status.code(), Some(1));

    let programme = klik_ok(
        &db,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "Leren van elkaar",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    )["id"]
        .to_string();
    let now = guide(&db, &[]);
    assert_eq!(now["current"], "participants");
    assert_eq!(now["programme"].to_string(), programme);

    let people = dir.path().join("people.csv");
    std::fs::write(
        &people,
        "role;first name;last name;email;topics\n\
         mentor;Marie;Dubois;marie@devries.be;onderhandelen\n\
         mentee;Zoë;Peeters;zoe@devries.be;onderhandelen\n",
    )
    .unwrap();
    klik_ok(
        &db,
        &[
            "participants",
            "import",
            people.to_str().unwrap(),
            "--programme",
            &programme,
        ],
    );
    assert_eq!(
        states(&guide(&db, &[])),
        [
            "organisation=skipped",
            "programme=done",
            "participants=done",
            "proposal=current",
            "confirm=later"
        ]
    );
    // Naming the organisation later makes the skipped step done.
    klik_ok(&db, &["organisation", "--name", "Stad Gent"]);
    assert_eq!(states(&guide(&db, &[]))[0], "organisation=done");

    klik_ok(&db, &["match", "confirm", "--programme", &programme]);
    let over = guide(&db, &[]);
    assert_eq!(over["kind"], Value::Null, "every step is done: {over}");
    assert_eq!(over["steps"], Value::Array(vec![]));
    // A second programme, still empty, does not bring the guide back: the
    // organisation has taken each step once.
    klik_ok(
        &db,
        &[
            "programme",
            "create",
            "--name",
            "Tweede ronde",
            "--start",
            "04-01-2028",
            "--end",
            "17-12-2028",
        ],
    );
    assert_eq!(guide(&db, &[])["kind"], Value::Null);
}

#[test]
fn the_demo_tour_walks_five_stops_and_ends() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite");
    let demo = klik_ok(&db, &["--json", "demo"]);
    let ids: Vec<i64> = demo["programmes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_i64().unwrap())
        .collect();
    let tour = guide(&db, &[]);
    assert_eq!(tour["kind"], "tour");
    assert_eq!(tour["current"], "programmes");
    assert_eq!(tour["programme"], ids[0], "the running programme");
    let back = guide(&db, &["back"]);
    assert_eq!(
        back["current"], "programmes",
        "there is nothing before the first stop"
    );
    for stop in ["checklist", "participants", "matching", "results"] {
        assert_eq!(guide(&db, &["next"])["current"], stop);
    }
    assert_eq!(
        guide(&db, &[])["programme"],
        *ids.last().unwrap(),
        "the results are the closed programme's"
    );
    let ended = guide(&db, &["next"]);
    assert_eq!(ended["kind"], Value::Null);
    assert_eq!(
        guide(&db, &["next"])["kind"],
        Value::Null,
        "an ended tour stays ended"
    );
}
