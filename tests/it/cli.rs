//! The `klik` command line: exit codes, messages and JSON, as scripts see them.

use std::path::Path;
use std::process::{Command, Output};

/// The arguments that create the programme most command-line tests start from.
pub const CREATE_PROGRAMME: &[&str] = &[
    "programme",
    "create",
    "--name",
    "Groeien",
    "--start",
    "04-01-2027",
    "--end",
    "17-12-2027",
];

/// The `klik` binary, in English, on the tests' fixed day.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_klik"));
    command
        .env("KLIK_NOW", "2026-11-28T10:00:00")
        .env("LANG", "en_GB.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    command
}

/// Runs the `klik` binary on a database, in English, on the tests' fixed day.
pub fn klik(db: &Path, args: &[&str]) -> Output {
    command()
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the klik binary runs")
}

/// Runs `klik`, fails the test when it fails, and gives its JSON output
/// (null when it printed none).
pub fn klik_ok(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = klik(db, args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null)
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn create_list_show_edit_and_archive_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let created = klik(
        &db,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "Zoë's ‘klik’ — €",
            "--start",
            "04-01-2027",
            "--end",
            "2027-12-17",
            "--phase",
            "matching=01-02-2027..28-02-2027",
        ],
    );
    assert!(created.status.success(), "{}", stderr(&created));
    let json: serde_json::Value = serde_json::from_str(&stdout(&created)).unwrap();
    assert_eq!(json["name"], "Zoë's ‘klik’ — €");
    assert_eq!(json["phases"][1]["phase"], "matching");
    assert_eq!(json["phases"][1]["start"], "2027-02-01");
    assert_eq!(
        json["cadence_weeks"], 4,
        "the default cadence is every 4 weeks"
    );
    let id = json["id"].as_i64().unwrap().to_string();

    let edited = klik(
        &db,
        &[
            "--json",
            "programme",
            "edit",
            &id,
            "--cadence-weeks",
            "2",
            "--language",
            "en",
        ],
    );
    assert!(edited.status.success(), "{}", stderr(&edited));
    let json: serde_json::Value = serde_json::from_str(&stdout(&edited)).unwrap();
    assert_eq!(
        (
            json["cadence_weeks"].as_i64(),
            json["document_language"].as_str()
        ),
        (Some(2), Some("en"))
    );
    assert_eq!(
        json["phases"][1]["start"], "2027-02-01",
        "editing other fields keeps typed phases"
    );

    let archived = klik(&db, &["programme", "archive", &id]);
    assert!(archived.status.success());
    let listed = klik(&db, &["--json", "programme", "list"]);
    assert_eq!(
        stdout(&listed).trim(),
        "[]",
        "archived programmes leave the current list"
    );
    let all = klik(&db, &["--json", "programme", "list", "--all"]);
    let json: serde_json::Value = serde_json::from_str(&stdout(&all)).unwrap();
    assert_eq!(json[0]["archived"], true);

    let shown = klik(&db, &["programme", "show", &id]);
    assert!(stdout(&shown).contains("Zoë's ‘klik’ — €"));
    assert!(
        stdout(&shown).contains("01/02/2027 – 28/02/2027"),
        "{}",
        stdout(&shown)
    );
}

#[test]
fn a_user_error_exits_1_with_one_line_naming_every_problem() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let output = klik(
        &db,
        &[
            "programme",
            "create",
            "--name",
            "",
            "--start",
            "01-09-2027",
            "--end",
            "01-08-2027",
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "klik: Name: Enter a name for the programme.; End date: The end date must come after the start date.\n"
    );
    let json = klik(&db, &["--json", "--lang", "nl", "programme", "show", "7"]);
    assert_eq!(json.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_str(stderr(&json).trim()).unwrap();
    assert_eq!(error["code"], "not_found");
    assert_eq!(
        error["message"],
        "Het programma met nummer 7 bestaat niet (meer)."
    );
}

#[test]
fn a_usage_error_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = klik(
        &dir.path().join("klik.sqlite"),
        &["programme", "create", "--name", "X"],
    );
    assert_eq!(
        output.status.code(),
        Some(2),
        "missing --start and --end is a usage error"
    );
    let phase = klik(
        &dir.path().join("klik.sqlite"),
        &[
            "programme",
            "create",
            "--name",
            "X",
            "--start",
            "01-09-2027",
            "--end",
            "01-06-2028",
            "--phase",
            "lunch=1..2",
        ],
    );
    assert_eq!(phase.status.code(), Some(2));
    // Klik's own usage messages follow --lang (clap's may stay English).
    let dutch = klik(
        &dir.path().join("klik.sqlite"),
        &[
            "--lang",
            "nl",
            "programme",
            "create",
            "--name",
            "X",
            "--start",
            "01-09-2027",
            "--end",
            "01-06-2028",
            "--phase",
            "lunch=1..2",
        ],
    );
    assert_eq!(dutch.status.code(), Some(2));
    assert!(
        stderr(&dutch).starts_with("klik: --phase lunch=1..2: schrijf SOORT=BEGIN..EINDE"),
        "{}",
        stderr(&dutch)
    );
}

#[test]
fn a_newer_database_is_refused_with_a_one_line_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "application_id", klik::store::APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let output = klik(&db, &["programme", "list"]);
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output);
    assert!(
        message.contains("newer version of Klik") && message.lines().count() == 1,
        "{message}"
    );
}

#[test]
fn demo_goes_into_its_own_database_and_the_app_is_told_to_open_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_klik"))
        .args(["--json", "demo"])
        .env("KLIK_DATA_DIR", dir.path())
        .env("KLIK_NOW", "2026-11-28T10:00:00")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let json: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(json["programmes"].as_array().unwrap().len(), 4);
    let demo = dir.path().join("demo").join("klik-demo.sqlite");
    assert_eq!(json["database"], demo.display().to_string());
    let real = klik(
        &dir.path().join("klik.sqlite"),
        &["--json", "programme", "list", "--all"],
    );
    assert_eq!(
        stdout(&real).trim(),
        "[]",
        "the user's own database gets no demo programmes"
    );
    let store = klik::Store::open(&dir.path().join("klik.sqlite")).unwrap();
    assert_eq!(
        klik::organisation::start_choice(&store).unwrap(),
        Some(klik::organisation::StartChoice::Demo),
        "the app opens on the demo next time"
    );
}

#[test]
fn participants_import_export_and_list_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let created = klik(
        &db,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "Mentoring 2027",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    );
    let id =
        serde_json::from_str::<serde_json::Value>(&stdout(&created)).unwrap()["id"].to_string();
    let sample = format!(
        "{}/tests/it/fixtures/deelnemers-demo.csv",
        env!("CARGO_MANIFEST_DIR")
    );

    let dry = klik(
        &db,
        &[
            "--json",
            "participants",
            "import",
            &sample,
            "--programme",
            &id,
            "--dry-run",
        ],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    let json: serde_json::Value = serde_json::from_str(&stdout(&dry)).unwrap();
    assert_eq!(
        (json["imported"].as_bool(), json["added"].as_i64()),
        (Some(false), Some(55))
    );
    let listed = klik(&db, &["--json", "participants", "list", "--programme", &id]);
    assert_eq!(stdout(&listed).trim(), "[]", "a dry run writes nothing");

    let done = klik(
        &db,
        &["participants", "import", &sample, "--programme", &id],
    );
    assert!(done.status.success(), "{}", stderr(&done));
    assert_eq!(
        stdout(&done).trim(),
        "Added 55, updated 0, unchanged 0, skipped 0."
    );

    let found = klik(
        &db,
        &[
            "--json",
            "participants",
            "list",
            "--programme",
            &id,
            "--search",
            "Öztürk",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&stdout(&found)).unwrap();
    assert_eq!(json[0]["email"], "arne.ozturk@devries-logistiek.be");
    assert_eq!(json[0]["availability"], "mon 08:00-11:00, tue 15:00-18:00");

    for name in ["export.xlsx", "export.csv"] {
        let out = dir.path().join(name);
        let exported = klik(
            &db,
            &[
                "--lang",
                "nl",
                "participants",
                "export",
                "--programme",
                &id,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(exported.status.success(), "{}", stderr(&exported));
        let again = klik(
            &db,
            &[
                "--json",
                "participants",
                "import",
                out.to_str().unwrap(),
                "--programme",
                &id,
                "--dry-run",
            ],
        );
        let json: serde_json::Value = serde_json::from_str(&stdout(&again)).unwrap();
        assert_eq!(json["unchanged"], 55, "{name} round-trips");
    }
}

#[test]
fn a_blocked_import_prints_every_problem_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let created = klik(
        &db,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "X",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    );
    let id =
        serde_json::from_str::<serde_json::Value>(&stdout(&created)).unwrap()["id"].to_string();
    let file = dir.path().join("broken.csv");
    std::fs::write(&file, "role,first name,last name,email,capacity\nmentor,Mia,Maes,mia@x.be,99\nmentee,Lore,Smet,lore@x.be,\n").unwrap();
    let output = klik(
        &db,
        &[
            "participants",
            "import",
            file.to_str().unwrap(),
            "--programme",
            &id,
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stdout(&output),
        "row 2, column capacity: “99” must be a whole number from 1 to 20.\nWould add 1, update 0, leave 0 unchanged, skip 1.\n"
    );
    assert_eq!(
        stderr(&output),
        "klik: File: 1 row has a problem. Fix it, or choose to import only the valid rows.\n"
    );
    let valid = klik(
        &db,
        &[
            "--json",
            "participants",
            "import",
            file.to_str().unwrap(),
            "--programme",
            &id,
            "--only-valid",
        ],
    );
    assert!(valid.status.success());
    let json: serde_json::Value = serde_json::from_str(&stdout(&valid)).unwrap();
    assert_eq!(
        (json["added"].as_i64(), json["skipped"].as_i64()),
        (Some(1), Some(1))
    );

    let not_a_file = klik(
        &db,
        &[
            "participants",
            "import",
            "/nonexistent/file.csv",
            "--programme",
            &id,
        ],
    );
    assert_eq!(not_a_file.status.code(), Some(1));
    assert!(stderr(&not_a_file).contains("/nonexistent/file.csv"));
}

#[test]
fn an_unknown_email_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    klik_ok(&db, &["info"]);
    for command in ["export", "erase"] {
        let mut args = vec!["person", command, "--email", "niemand@example.be"];
        if command == "export" {
            args.extend(["--out", "/tmp/never-written.json"]);
        }
        let output = klik(&db, &args);
        assert_eq!(output.status.code(), Some(1));
        assert_eq!(
            stderr(&output),
            "klik: No one with the e-mail niemand@example.be is known to Klik.\n"
        );
    }
}

#[test]
fn a_reader_that_stops_early_ends_klik_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    klik_ok(&db, &["demo"]);
    // `klik … | head -c 1`: the pipe closes after the first byte.
    let mut child = Command::new(env!("CARGO_BIN_EXE_klik"))
        .args([
            "--db",
            db.to_str().unwrap(),
            "participants",
            "list",
            "--programme",
            "1",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut one = [0u8; 1];
    std::io::Read::read_exact(&mut stdout, &mut one).unwrap();
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    assert_eq!(stderr(&output), "", "no panic message");
    assert!(output.status.success());
}

#[test]
fn an_import_into_a_second_programme_says_whom_it_also_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let create = |name: &str| {
        klik_ok(
            &db,
            &[
                "--json",
                "programme",
                "create",
                "--name",
                name,
                "--start",
                "04-01-2027",
                "--end",
                "17-12-2027",
            ],
        )["id"]
            .as_i64()
            .unwrap()
            .to_string()
    };
    let first = create("Mentoring 2026");
    let second = create("Starters 2027");
    let full = dir.path().join("full.csv");
    std::fs::write(
        &full,
        "rol;voornaam;achternaam;e-mail;telefoon;functie\r\nmentor;Hanne;Janssens;hanne@example.be;+32 470 11 22 33;Controller\r\n",
    )
    .unwrap();
    klik_ok(
        &db,
        &[
            "participants",
            "import",
            full.to_str().unwrap(),
            "--programme",
            &first,
        ],
    );
    let fewer = dir.path().join("fewer.csv");
    std::fs::write(
        &fewer,
        "rol;voornaam;achternaam;e-mail;functie\r\nmentor;Hanne;Janssens;hanne@example.be;Head of finance\r\n",
    )
    .unwrap();
    let json = klik_ok(
        &db,
        &[
            "--json",
            "participants",
            "import",
            fewer.to_str().unwrap(),
            "--programme",
            &second,
        ],
    );
    assert_eq!(json["added"], 0);
    assert_eq!(json["updated"], 1);
    // Like the window, the command line backs up after an import.
    let backups: Vec<_> = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(backups, ["klik-2026-11-28.sqlite"], "{backups:?}");
    assert_eq!(json["also_changes"][0]["name"], "Hanne Janssens");
    assert_eq!(json["also_changes"][0]["programmes"][0], "Mentoring 2026");
    let listed = klik_ok(
        &db,
        &["--json", "participants", "list", "--programme", &first],
    );
    let text = listed.to_string();
    assert!(text.contains("+32 470 11 22 33"), "the phone stays: {text}");
    assert!(
        text.contains("Head of finance"),
        "the job title is the person's: {text}"
    );
}

#[test]
fn the_cli_refuses_a_klik_before_any_talk_and_takes_one_held_on_a_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    klik_ok(&db, &["demo"]);
    klik_ok(&db, &["match", "confirm", "--programme", "1"]);
    let pairs = klik_ok(&db, &["--json", "match", "list", "--programme", "1"]);
    let first = pairs[0]["id"].as_i64().unwrap().to_string();
    let refused = klik(
        &db,
        &["intake", "outcome", "--match", &first, "--klik", "yes"],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("has had no intake talk yet"),
        "{}",
        stderr(&refused)
    );
    let recorded = klik_ok(
        &db,
        &[
            "--json",
            "intake",
            "outcome",
            "--match",
            &first,
            "--klik",
            "yes",
            "--held",
            "28-11-2026",
            "--held-time",
            "09:00",
        ],
    );
    assert_eq!(recorded["status"], "active");
    // The participants' list says who stands where in a pair.
    let listed = klik_ok(&db, &["--json", "participants", "list", "--programme", "1"]);
    let mentee = pairs[0]["mentee"].as_str().unwrap();
    let row = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["email"] == mentee)
        .unwrap();
    assert_eq!(row["pair"], "active", "{row}");
}

#[test]
fn every_command_refuses_the_same_bad_output_paths_and_makes_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    klik_ok(&db, &["demo"]);
    let missing = dir.path().join("gone").join("out");
    let folder = dir.path().to_str().unwrap().to_string();
    let cases: [(&[&str], &str); 4] = [
        (&["participants", "template", "--out"], "xlsx"),
        (&["report", "programme", "--programme", "1", "--out"], "pdf"),
        (
            &["participants", "export", "--programme", "1", "--out"],
            "csv",
        ),
        (&["match", "scores", "--programme", "1", "--out"], "csv"),
    ];
    for (command, extension) in cases {
        let run = |out: &str| {
            let mut args: Vec<&str> = command.to_vec();
            args.push(out);
            let output = klik(&db, &args);
            assert_eq!(output.status.code(), Some(1), "{args:?}");
            stderr(&output)
        };
        let nowhere = format!("{}.{extension}", missing.display());
        assert!(
            run(&nowhere).contains("does not exist; Klik writes"),
            "{command:?}"
        );
        assert!(run(&folder).contains("is a folder"), "{command:?}");
        let docx = dir.path().join("a.docx");
        assert!(
            run(docx.to_str().unwrap()).contains("the file name must end in"),
            "{command:?}"
        );
        assert!(!docx.exists());
    }
    assert!(!dir.path().join("gone").exists(), "no folder was made");
    let ics = klik(
        &db,
        &[
            "intake",
            "export-ics",
            "--programme",
            "1",
            "--out",
            missing.to_str().unwrap(),
        ],
    );
    assert_eq!(ics.status.code(), Some(1));
    assert!(
        stderr(&ics).contains("is not an existing folder"),
        "{}",
        stderr(&ics)
    );
    assert!(!dir.path().join("gone").exists(), "no folder was made");
}

#[test]
fn the_organisation_and_its_coordinator_are_set_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("klik.sqlite");
    let shown = klik_ok(
        &db,
        &[
            "--json",
            "organisation",
            "--name",
            "De Vries Logistiek",
            "--coordinator",
            "Anaïs Peeters",
            "--organiser-email",
            "anais.peeters@devries.be",
        ],
    );
    assert_eq!(shown["name"], "De Vries Logistiek");
    assert_eq!(shown["coordinator"], "Anaïs Peeters");
    assert_eq!(shown["organiser_email"], "anais.peeters@devries.be");
    let refused = klik(&db, &["organisation", "--organiser-email", "geen adres"]);
    assert_eq!(refused.status.code(), Some(1));
    let again = klik_ok(&db, &["--json", "organisation"]);
    assert_eq!(
        again["organiser_email"], "anais.peeters@devries.be",
        "refused: unchanged"
    );
    // A programme without its own organiser invites in the coordinator's name.
    let created = klik_ok(
        &db,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "Groeien",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    );
    let store = klik::Store::open(&db).unwrap();
    let settings = klik::intake::settings(
        &store,
        klik::programme::ProgrammeId(created["id"].as_i64().unwrap()),
    )
    .unwrap();
    assert_eq!(settings.organiser_name, "Anaïs Peeters");
    assert_eq!(settings.organiser_email, "anais.peeters@devries.be");
}
