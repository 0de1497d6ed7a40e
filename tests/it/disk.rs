//! A full disk and a read-only disk, for real: a small tmpfs mounted in a
//! private mount namespace (`unshare`), so nothing outside the test sees it
//! and it is gone when the test ends, whatever happens. The klik command
//! line does the writing, as a user's session would.
//!
//! The mount needs root or user namespaces; where neither is available, set
//! `KLIK_SKIP_DISK_TESTS=1` and the test says it was skipped (CI has both).

use std::path::Path;
use std::process::Command;

/// What one scenario left behind: the files written in `out`.
struct Run {
    out: tempfile::TempDir,
}

impl Run {
    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.out.path().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .trim()
            .to_string()
    }

    /// The step failed with exit code 1 and the error `code`, its Dutch
    /// message starting with `words[0]` and holding the other words.
    fn refused(&self, step: &str, code: &str, words: &[&str]) {
        assert_eq!(self.read(&format!("{step}.rc")), "1", "{step} fails");
        let error = self.json(&format!("{step}.err"));
        assert_eq!(error["code"], code, "{step}: {error}");
        let message = error["message"].as_str().unwrap();
        assert!(message.starts_with(words[0]), "{step}: {message}");
        assert!(
            words.iter().all(|w| message.contains(w)),
            "{step}: {message}"
        );
    }

    fn json(&self, name: &str) -> serde_json::Value {
        let text = self.read(name);
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
    }
}

/// Runs `script` with bash in a new mount namespace, with `$M` a tmpfs of
/// `size`, `$OUT` a folder outside it, and `k` the klik command line on
/// `$M/klik.sqlite` in Dutch with JSON output, which already holds programme
/// 1 with 28 people.
fn on_small_disk(size: &str, script: &str) -> Option<Run> {
    if std::env::var_os("KLIK_SKIP_DISK_TESTS").is_some() {
        eprintln!("disk tests skipped: KLIK_SKIP_DISK_TESTS is set");
        return None;
    }
    let out = tempfile::tempdir().unwrap();
    let mount = tempfile::tempdir().unwrap();
    let fixtures = format!("{}/tests/it/fixtures", env!("CARGO_MANIFEST_DIR"));
    let prelude = format!(
        r#"set -u
mount -t tmpfs -o size={size},mode=0777 klik-test "$M" || exit 90
k() {{ "$KLIK" --json --lang nl --db "$M/klik.sqlite" "$@"; }}
# A programme with the 28 people of the small sample, saved before anything goes wrong.
k programme create --name Groeien --start 04-01-2027 --end 17-12-2027 > /dev/null || exit 91
k participants import "$FIXTURES/participants-small-en.csv" --programme 1 > /dev/null || exit 92
"#
    );
    let output = Command::new("unshare")
        .args(["--mount", "--map-root-user", "--propagation", "private"])
        .args(["bash", "-c", &format!("{prelude}{script}")])
        .env("KLIK", env!("CARGO_BIN_EXE_klik"))
        .env("KLIK_NOW", "2026-11-28T10:00:00")
        .env("M", mount.path())
        .env("OUT", out.path())
        .env("FIXTURES", &fixtures)
        .output()
        .expect("unshare (util-linux) runs");
    assert!(
        output.status.success(),
        "the scenario failed ({}); set KLIK_SKIP_DISK_TESTS=1 where mounts are not allowed.\n{}\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        std::fs::read_dir(mount.path()).unwrap().next().is_none(),
        "nothing was written outside the small disk"
    );
    Some(Run { out })
}

fn participants(list: &serde_json::Value) -> usize {
    list.as_array()
        .or_else(|| list["participants"].as_array())
        .map(Vec::len)
        .unwrap_or_else(|| panic!("a list of participants: {list}"))
}

#[test]
fn a_full_disk_refuses_with_a_clear_message_and_loses_nothing() {
    let Some(run) = on_small_disk(
        "1536k",
        r#"
k participants list --programme 1 > "$OUT/before.json" || exit 93
k report programme --programme 1 --out "$M/report.pdf" > /dev/null || exit 94
k backup --out "$M/copy.sqlite" > /dev/null || exit 95
sha256sum "$M/report.pdf" "$M/copy.sqlite" > "$OUT/sums-before"
# Fill the disk to the last byte.
dd if=/dev/zero of="$M/filler" bs=4k 2> /dev/null
df -k "$M" | tail -1 > "$OUT/df"
k participants import "$FIXTURES/deelnemers-demo.csv" --programme 1 2> "$OUT/import.err"; echo $? > "$OUT/import.rc"
k report programme --programme 1 --out "$M/report.pdf" 2> "$OUT/report.err"; echo $? > "$OUT/report.rc"
k backup --out "$M/copy.sqlite" 2> "$OUT/backup.err"; echo $? > "$OUT/backup.rc"
sha256sum "$M/report.pdf" "$M/copy.sqlite" > "$OUT/sums-after"
ls -A "$M" > "$OUT/files"
# Space again: everything saved before the disk filled up is there.
rm "$M/filler"
k participants list --programme 1 > "$OUT/after.json" || exit 96
k check > "$OUT/check.json" || exit 97
k participants import "$FIXTURES/deelnemers-demo.csv" --programme 1 > "$OUT/retry.json" || exit 98
"#,
    ) else {
        return;
    };
    eprintln!("the full disk: {}", run.read("df"));
    let before = participants(&run.json("before.json"));
    assert_eq!(before, 28);
    for step in ["import", "report", "backup"] {
        run.refused(step, "disk_full", &["De schijf met ", "is vol"]);
    }
    assert_eq!(
        run.read("sums-before"),
        run.read("sums-after"),
        "the earlier report and backup are kept whole"
    );
    let files = run.read("files");
    let mut names: Vec<&str> = files.lines().collect();
    names.sort();
    assert!(
        names.iter().all(|n| !n.contains("partial")),
        "no half-written file is left: {names:?}"
    );
    assert_eq!(participants(&run.json("after.json")), before);
    assert_eq!(
        run.json("check.json")["ok"],
        true,
        "{}",
        run.read("check.json")
    );
    assert!(
        run.json("retry.json")["added"].as_u64().unwrap() > 0,
        "{}",
        run.read("retry.json")
    );
}

#[test]
fn a_read_only_disk_refuses_with_a_clear_message_and_loses_nothing() {
    let Some(run) = on_small_disk(
        "4m",
        r#"
mount -o remount,ro "$M" || exit 93
k participants import "$FIXTURES/deelnemers-demo.csv" --programme 1 2> "$OUT/import.err"; echo $? > "$OUT/import.rc"
k report programme --programme 1 --out "$M/report.pdf" 2> "$OUT/report.err"; echo $? > "$OUT/report.rc"
mount -o remount,rw "$M" || exit 94
k participants list --programme 1 > "$OUT/after.json" || exit 95
k check > "$OUT/check.json" || exit 96
"#,
    ) else {
        return;
    };
    for step in ["import", "report"] {
        run.refused(
            step,
            "read_only",
            &["Klik kan niet schrijven in ", "alleen-lezen"],
        );
    }
    assert_eq!(participants(&run.json("after.json")), 28);
    assert_eq!(
        run.json("check.json")["ok"],
        true,
        "{}",
        run.read("check.json")
    );
}

#[test]
fn a_move_to_a_disk_too_small_refuses_and_loses_nothing() {
    // The officer's data lies on the big disk; the folder chosen is the
    // small one, which takes the database but not a large printed document.
    let Some(run) = on_small_disk(
        "2m",
        r#"
# The prelude's database and its automatic backup: the small disk starts empty.
rm -rf "$M"/klik.sqlite* "$M"/backups
D="$OUT/data"
kd() { KLIK_DATA_DIR="$D" "$KLIK" --json --lang nl "$@"; }
kd programme create --name Groeien --start 04-01-2027 --end 17-12-2027 > /dev/null || exit 93
kd participants import "$FIXTURES/participants-small-en.csv" --programme 1 > /dev/null || exit 94
mkdir -p "$D/documents" && head -c 3000000 /dev/urandom > "$D/documents/groot.pdf"
kd check > /dev/null || exit 95
sums() { (cd "$D" && find . -type f | LC_ALL=C sort | xargs sha256sum); }
sums > "$OUT/sums-before"
kd move-data --to "$M" 2> "$OUT/move.err"; echo $? > "$OUT/move.rc"
sums > "$OUT/sums-after"
ls -A "$M" > "$OUT/files"; echo end >> "$OUT/files"
kd participants list --programme 1 > "$OUT/after.json" || exit 96
kd info > "$OUT/info.json" || exit 97
"#,
    ) else {
        return;
    };
    run.refused("move", "disk_full", &["De schijf met ", "is vol"]);
    assert_eq!(
        run.read("sums-before"),
        run.read("sums-after"),
        "the old place is as it was, with no pointer"
    );
    assert_eq!(run.read("files"), "end", "the half copy is cleared away");
    assert_eq!(participants(&run.json("after.json")), 28);
    let database = run.json("info.json")["database"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(database.ends_with("data/klik.sqlite"), "{database}");
}

#[test]
fn an_old_file_a_move_cannot_remove_is_named_and_removed_later() {
    // A printed document in the old folder cannot be removed (here a
    // read-only mount; on Windows, a PDF open in a viewer): the move names
    // it, every erasure names it until it can go, and then it goes.
    let Some(run) = on_small_disk(
        "4m",
        r#"
D="$M/data"
mkdir -p "$D/documents" "$OUT/nieuw"
kd() { KLIK_DATA_DIR="$D" "$KLIK" --json --lang nl "$@"; }
kd programme create --name Groeien --start 04-01-2027 --end 17-12-2027 > /dev/null || exit 93
kd participants import "$FIXTURES/participants-small-en.csv" --programme 1 > /dev/null || exit 94
echo "rapport" > "$D/documents/rapport.pdf"
mount --bind "$D/documents" "$D/documents" && mount -o remount,bind,ro "$D/documents" || exit 95
kd move-data --to "$OUT/nieuw" > "$OUT/move.json" || exit 96
kd person erase --email celine.verhaegen@northwind-care.example --yes > "$OUT/erase.json" 2> /dev/null || exit 97
umount "$D/documents" || exit 98
kd person erase --email elif.janssens@northwind-care.example --yes > "$OUT/erase-again.json" 2> /dev/null || exit 99
ls -A "$D" "$D/documents" > "$OUT/old"
ls -A "$OUT/nieuw" > "$OUT/new"
"#,
    ) else {
        return;
    };
    let left = |name: &str| -> Vec<String> {
        let json = run.json(name);
        let key = if name == "move.json" {
            "left_behind"
        } else {
            "still_holding"
        };
        json[key]
            .as_array()
            .unwrap_or_else(|| panic!("{name}: {json}"))
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    let moved = left("move.json");
    assert_eq!(moved.len(), 1, "{moved:?}");
    assert!(
        moved[0].ends_with("data/documents/rapport.pdf"),
        "{moved:?}"
    );
    assert_eq!(left("erase.json"), moved, "the erasure names the old file");
    assert_eq!(left("erase-again.json"), Vec::<String>::new());
    let old = run.read("old");
    assert!(
        !old.contains("rapport.pdf"),
        "removed once it could be: {old}"
    );
    assert!(!run.read("new").contains("left-behind"), "the list is done");
}

#[test]
fn the_scenarios_run_on_a_disk_of_their_own() {
    // A guard for the guard: the mount really is private and really small.
    let Some(run) = on_small_disk("2m", r#"df -k "$M" | tail -1 > "$OUT/df""#) else {
        return;
    };
    let df = run.read("df");
    assert!(df.starts_with("klik-test"), "{df}");
    let total: u64 = df.split_whitespace().nth(1).unwrap().parse().unwrap();
    assert_eq!(total, 2048, "{df}");
    assert!(
        !Path::new("/proc/mounts").exists() || {
            let mounts = std::fs::read_to_string("/proc/mounts").unwrap();
            !mounts.contains("klik-test")
        }
    );
}

#[test]
fn a_read_only_database_file_is_read_but_never_written() {
    use std::os::unix::fs::PermissionsExt;
    // File permissions do not bind root, so as root the command line runs as
    // `nobody` (setpriv, util-linux), as an office laptop's user would.
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
    let db = dir.path().join("klik.sqlite");
    let fixture = |name: &str| format!("{}/tests/it/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    let klik = |args: &[&str]| {
        let mut command = if root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(env!("CARGO_BIN_EXE_klik"));
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_klik"))
        };
        command
            .args(["--json", "--lang", "nl", "--db"])
            .arg(&db)
            .args(args)
            .env("KLIK_NOW", "2026-11-28T10:00:00")
            .output()
            .expect("klik runs")
    };
    for args in [
        super::cli::CREATE_PROGRAMME.to_vec(),
        vec![
            "participants",
            "import",
            &fixture("participants-small-en.csv"),
            "--programme",
            "1",
        ],
    ] {
        assert!(klik(&args).status.success(), "{args:?}");
    }
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();

    let refused = klik(&[
        "participants",
        "import",
        &fixture("deelnemers-demo.csv"),
        "--programme",
        "1",
    ]);
    assert_eq!(refused.status.code(), Some(1));
    let error: serde_json::Value = serde_json::from_slice(&refused.stderr).unwrap();
    assert_eq!(error["code"], "read_only", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains("klik.sqlite")
            && message.contains("Controleer of het bestand en de map niet alleen-lezen zijn"),
        "{message}"
    );
    // Reading still works, and everything saved before is there.
    let listed = klik(&["participants", "list", "--programme", "1"]);
    assert!(listed.status.success());
    let people: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(participants(&people), 28);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(klik(&["check"]).status.success());
}
