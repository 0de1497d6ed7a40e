//! Opening databases: our own, old ones, newer ones, and files that are not ours.

use std::fs;

use klik::programme::{self, Listing};
use klik::store::{APPLICATION_ID, SCHEMA_VERSION, Store};
use klik::{Error, demo};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

#[test]
fn data_survives_closing_and_reopening() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    let mut store = Store::open(&path).unwrap();
    demo::populate(&mut store, super::now()).unwrap();
    let before = programme::list(&store, Listing::All).unwrap();
    drop(store);
    let store = Store::open(&path).unwrap();
    assert_eq!(programme::list(&store, Listing::All).unwrap(), before);
}

#[test]
fn a_database_from_a_newer_klik_is_refused_and_not_touched() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        // Back to a rollback journal so the file alone is the whole database.
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(
        matches!(error, Error::DatabaseTooNew { found, supported, .. } if found == SCHEMA_VERSION + 1 && supported == SCHEMA_VERSION),
        "{error:?}"
    );
    assert_eq!(error.code(), "database_too_new");
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "refusing must not write a single byte"
    );
    assert!(
        !dir.path().join("klik.sqlite-wal").exists(),
        "not even a WAL file is created"
    );
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_kept() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    let bytes = b"%PDF-1.7 a renamed report".to_vec();
    fs::write(&path, &bytes).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.code(), "not_a_klik_database", "{error:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    let texts = klik::i18n::Texts::for_language("nl");
    let message = error.message(&texts);
    assert!(
        message.contains("is geen Klik-database") && message.contains("klik.sqlite"),
        "{message}"
    );
}

#[test]
fn another_programs_sqlite_database_is_refused_and_kept() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices VALUES (1, 9.5);")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert_eq!(error.code(), "not_a_klik_database", "{error:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_truncated_database_is_reported_as_damaged_and_kept() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        demo::populate(&mut store, super::now()).unwrap();
        store
            .conn()
            .pragma_update(None, "journal_mode", "DELETE")
            .unwrap();
    }
    let full = fs::read(&path).unwrap();
    assert!(full.len() > 8192, "the demo fills several pages");
    let truncated = full[..full.len() / 2].to_vec();
    fs::write(&path, &truncated).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(
        ["database_damaged", "not_a_klik_database"].contains(&error.code()),
        "a truncated file is damaged, not silently opened: {error:?}"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        truncated,
        "the damaged file is kept as it was, for recovery"
    );
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    fs::write(&path, b"").unwrap();
    let store = Store::open(&path).unwrap();
    let id: i64 = store
        .conn()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, APPLICATION_ID);
}

#[test]
fn a_schema_v1_database_with_data_opens_and_keeps_it() {
    // The fixture is what Klik 0.1 (schema 1) writes; later schema versions
    // must upgrade it without losing a row.
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v1.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let all = programme::list(&store, Listing::All).unwrap();
    assert_eq!(all.len(), 2);
    let zoe = all
        .iter()
        .find(|p| p.draft.name.starts_with("Zoë"))
        .expect("the fixture's programme is there");
    assert_eq!(
        zoe.draft.phases[1].start.to_string(),
        "2027-02-01",
        "stored phase dates are kept, not recomputed"
    );
    assert!(all.iter().any(|p| p.archived_at.is_some()));
    assert_eq!(
        klik::organisation::get(&store).unwrap().name,
        "Stad Gent — HR"
    );
}

#[test]
fn a_folder_that_cannot_be_created_is_reported_with_its_path() {
    let dir = temp();
    let blocker = dir.path().join("file-not-folder");
    fs::write(&blocker, b"x").unwrap();
    let error = Store::open(&blocker.join("klik.sqlite")).unwrap_err();
    let message = error.message(&klik::i18n::Texts::for_language("en"));
    assert!(
        message.contains("file-not-folder"),
        "the message names where: {message}"
    );
}

#[test]
fn a_schema_v2_database_with_participants_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v2.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let programme = programme::list(&store, Listing::All).unwrap()[0].id;
    let people = klik::participant::all(&store, programme).unwrap();
    assert_eq!(people.len(), 3);
    let unal = people
        .iter()
        .find(|p| p.enrolment.first_name == "Ünal")
        .unwrap();
    assert_eq!(
        unal.enrolment.manager_email.as_deref(),
        Some("zoe.peeters@stad.gent")
    );
    assert_eq!(
        unal.enrolment.availability.to_string(),
        "wed 14:00-16:00, fri 09:00-10:30"
    );
    assert_eq!(
        unal.enrolment.learning_goal,
        "Leren leidinggeven; zonder gezag"
    );
    let counts = klik::participant::counts(&store, programme).unwrap();
    assert_eq!(
        (
            counts.mentors,
            counts.mentees,
            counts.capacity,
            counts.withdrawn
        ),
        (1, 1, 3, 1)
    );
}

#[test]
fn a_schema_v3_database_with_matches_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v3.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let programme = programme::list(&store, Listing::All).unwrap()[0].id;
    let history = klik::matching::list(&store, programme).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].dissolve_reason.as_deref(), Some("Geen klik"));
    let people = klik::participant::all(&store, programme).unwrap();
    let zoe = people
        .iter()
        .find(|p| p.enrolment.first_name == "Zoë")
        .unwrap();
    assert_eq!(zoe.enrolment.preferred_mentors, ["marie@stad.gent"]);
    let criteria = klik::matching::criteria::get(&store, programme).unwrap();
    assert_eq!(criteria.parameter(klik::matching::Criterion::Seniority), 5);
    let round = klik::matching::round(&store, programme).unwrap();
    assert_eq!(
        round.mentees.len(),
        2,
        "the dissolved match put Lies back in the pool"
    );
    assert_eq!(round.decisions.len(), 1, "the rejected pair is kept");
}

#[test]
fn a_schema_v4_database_with_agreements_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v4.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let versions = klik::agreement::versions(&store, klik::matching::MatchId(1)).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].status, klik::agreement::AgreementStatus::Signed);
    assert_eq!(versions[0].terms.goals[0].what, "Leren leidinggeven");
    assert_eq!(versions[1].terms.expectations[1], "Anderhalf uur");
    assert_eq!(
        versions[1].terms.expectations[2], "Stadhuis, zaal 2",
        "the programme's own default"
    );
}

#[test]
fn a_schema_v5_database_with_intakes_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v5.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let programme = klik::programme::ProgrammeId(1);
    let intakes = klik::intake::list(&store, programme).unwrap();
    assert_eq!(intakes.len(), 2);
    assert_eq!(intakes[0].outcome, Some(klik::intake::Outcome::Klik));
    assert_eq!((intakes[1].sequence, intakes[1].minutes), (1, 45));
    assert_eq!(
        intakes[1].start.to_string(),
        "2027-01-13 10:00:00",
        "the moved talk"
    );
    assert_eq!(
        klik::intake::settings(&store, programme).unwrap().minutes,
        45
    );
    assert_eq!(
        klik::intake::closed_days(&store, programme).unwrap().len(),
        10
    );
}

#[test]
fn a_schema_v6_database_with_a_trajectory_opens_and_keeps_it() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v6.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let pair = klik::trajectory::pair(&store, klik::matching::MatchId(1)).unwrap();
    assert_eq!(pair.meetings.len(), 2);
    assert_eq!(pair.held().count(), 1);
    assert_eq!(pair.meetings[0].next_steps, "Offerte lezen");
    assert_eq!(pair.latest_progress(1).unwrap().percent, 40);
    assert_eq!(pair.checkins.len(), 2);
    assert!(pair.klik_on.is_some());
    let programme = klik::trajectory::load(&store, klik::programme::ProgrammeId(1)).unwrap();
    assert_eq!(programme.pairs.len(), 16);
    assert_eq!(programme.workshops.len(), 1);
    assert_eq!(
        (
            programme.workshops[0].attended,
            programme.workshops[0].absent
        ),
        (1, 19)
    );
    let evaluation =
        klik::trajectory::closing::summary(&store, klik::programme::ProgrammeId(1)).unwrap();
    assert_eq!(evaluation.len(), 6);
    assert_eq!(evaluation[0].average, Some(5.0));
    assert_eq!(evaluation[4].texts, ["Meer zelfvertrouwen"]);
}

#[test]
fn a_schema_v7_database_with_a_forced_intake_and_a_coordinator_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v7.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let talks = klik::intake::history(&store, klik::matching::MatchId(2)).unwrap();
    assert_eq!(
        talks[0].exceptions,
        [
            klik::intake::Exception::Hours,
            klik::intake::Exception::Availability
        ]
    );
    assert_eq!(talks[0].start.format("%H:%M").to_string(), "07:00");
    let coordinator = klik::organisation::coordinator(&store).unwrap();
    assert_eq!(coordinator.name, "Anaïs Peeters");
}

#[test]
fn a_schema_v8_database_with_an_own_wording_and_ticks_opens_and_keeps_them() {
    let dir = temp();
    let path = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("fixtures/schema_v8.sql"))
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let programme = klik::programme::ProgrammeId(1);
    let wordings = klik::message::wordings(&store, programme).unwrap();
    let reminder = wordings
        .iter()
        .find(|w| w.kind == klik::message::Kind::Reminder)
        .unwrap();
    assert!(reminder.own);
    assert_eq!(reminder.subject, "Even bijpraten, {mentee}?");
    assert!(wordings.iter().filter(|w| w.own).count() == 1);
    let sent = klik::message::sent(&store, programme).unwrap();
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[0].pair, Some(klik::matching::MatchId(2)));
    assert_eq!(sent[1].kind, klik::message::Kind::Invitation);
}
