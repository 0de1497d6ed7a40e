//! `cargo xtask test --dist`: the files `cargo xtask dist` made, tried as
//! their users would. The Debian package is installed with apt-get and the
//! installed app is driven through a short end-to-end journey, then removed
//! (the user's data stays). Under Wine, the Windows command line imports a
//! Windows-1252 file from a `C:\` path, proposes matches and prints
//! agreements; the installer runs silently, then its uninstaller (the data
//! stays unless asked). The window itself needs WebView2, which Wine lacks:
//! it is not started there.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Instant;

use crate::dist::{VERSION, deb_name, dist_dir, setup_name};
use crate::{
    Outcome, TEST_PACKAGES, apt, end_to_end, ensure_packages, ensure_tauri_driver, root, step,
    target_dir,
};

/// Debian's Wine (8.0 on Debian 12) runs the Windows programs.
const WINE_PACKAGES: &[&str] = &["wine64", "gcc-mingw-w64-x86-64"];

pub fn all() -> Outcome {
    ensure_packages(TEST_PACKAGES)?;
    ensure_packages(WINE_PACKAGES)?;
    ensure_tauri_driver()?;
    timed("the Debian package", debian_package)?;
    let prefix = timed("a fresh Wine prefix", wine_prefix)?;
    timed("the Windows command line under Wine", || {
        windows_command_line(&prefix)
    })?;
    timed("the Windows installer under Wine", || {
        windows_installer(&prefix)
    })?;
    Ok(())
}

fn timed<T>(what: &str, run: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    let started = Instant::now();
    eprintln!("xtask: trying {what}");
    let result = run().map_err(|e| format!("{what}: {e}"));
    eprintln!(
        "xtask: {what}: {} in {} s",
        if result.is_ok() { "ok" } else { "failed" },
        started.elapsed().as_secs()
    );
    result
}

fn check(condition: bool, what: impl FnOnce() -> String) -> Outcome {
    if condition { Ok(()) } else { Err(what()) }
}

fn output(command: &mut Command) -> Result<Output, String> {
    command
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start {command:?}: {e}"))
}

/// Installs the `.deb`, runs the short journey on the installed app, removes
/// the package and checks the data folder is still there.
fn debian_package() -> Outcome {
    let deb = dist_dir().join(deb_name());
    // apt-get wants a path that does not look like a package name.
    step(
        "installing the Debian package with apt-get",
        &mut apt(&["install", "-y", "-qq", &deb.display().to_string()]),
    )?;
    let installed = Path::new("/usr/bin/klik-desktop");
    check(installed.exists(), || {
        "/usr/bin/klik-desktop is not installed".into()
    })?;
    check(
        Path::new("/usr/share/applications/klik.desktop").exists()
            && Path::new("/usr/share/icons/hicolor/128x128/apps/klik.png").exists()
            && Path::new("/usr/share/doc/klik/THIRD-PARTY-LICENSES.txt").exists(),
        || "the desktop entry, icon or licences are missing".into(),
    )?;

    // The installed command line on its default data folder, in a home of its own.
    let home = target_dir().join("dist-tryout").join("home");
    let _ = fs::remove_dir_all(&home);
    fs::create_dir_all(&home).map_err(|e| e.to_string())?;
    let info = output(
        Command::new("/usr/bin/klik")
            .args(["--json", "info"])
            .env("HOME", &home)
            .env_remove("XDG_DATA_HOME")
            .env_remove("KLIK_DATA_DIR"),
    )?;
    // The JSON is printed pretty: compare it without its spaces.
    let text: String = String::from_utf8_lossy(&info.stdout)
        .split_whitespace()
        .collect();
    check(
        info.status.success() && text.contains(&format!("\"version\":\"{VERSION}\"")),
        || format!("the installed klik info said: {text}"),
    )?;
    let data = home.join(".local/share/be.klik.desktop");
    check(data.join("klik.sqlite").exists(), || {
        format!("no database in {}", data.display())
    })?;

    let journey = end_to_end(installed, Path::new("/usr/bin/klik"), Some("installed"));
    step(
        "removing the Debian package with apt-get",
        &mut apt(&["remove", "-y", "-qq", "klik"]),
    )?;
    journey?;
    check(!installed.exists(), || {
        "apt-get remove left /usr/bin/klik-desktop".into()
    })?;
    check(data.join("klik.sqlite").exists(), || {
        "removing the package removed the user's data".into()
    })?;
    let e2e_data = target_dir().join("e2e/data/installed/demo/klik-demo.sqlite");
    check(e2e_data.exists(), || {
        format!("the journey's data is gone: {}", e2e_data.display())
    })
}

/// A fresh Wine prefix with the test-only stand-in for bcryptprimitives.dll
/// (see `dist/windows/bcryptprimitives.c`): Wine 8.0 lacks it, Windows 10 and
/// 11 have it. It goes into the prefix, never into a package.
fn wine_prefix() -> Result<PathBuf, String> {
    let prefix = target_dir().join("dist-tryout").join("wine");
    let _ = fs::remove_dir_all(&prefix);
    fs::create_dir_all(&prefix).map_err(|e| e.to_string())?;
    step(
        "making a Wine prefix",
        wine(&prefix).args(["wineboot", "-i"]),
    )?;
    wait_for_wine(&prefix)?;
    let dll = prefix.join("drive_c/windows/system32/bcryptprimitives.dll");
    step(
        "building the test-only bcryptprimitives.dll stand-in",
        Command::new("x86_64-w64-mingw32-gcc")
            .args(["-shared", "-O2", "-s", "-o"])
            .arg(&dll)
            .arg(root().join("dist/windows/bcryptprimitives.c"))
            .arg("-ladvapi32"),
    )?;
    Ok(prefix)
}

/// Waits until every Windows process of the prefix has ended.
fn wait_for_wine(prefix: &Path) -> Outcome {
    step(
        "waiting for Wine",
        Command::new("wineserver")
            .arg("-w")
            .env("WINEPREFIX", prefix),
    )
}

fn wine(prefix: &Path) -> Command {
    let mut command = Command::new("wine");
    command
        .env("WINEPREFIX", prefix)
        .env("WINEDEBUG", "-all")
        // No Mono, no Gecko, and no winemenubuilder: Wine starts it in the
        // background whenever a shortcut is made, to write Linux menu entries
        // the tryout does not look at.
        .env("WINEDLLOVERRIDES", "mscoree,mshtml=;winemenubuilder.exe=d")
        .env_remove("DISPLAY")
        .env_remove("KLIK_DATA_DIR");
    command
}

/// The Windows user's profile folder inside the prefix.
fn wine_profile(prefix: &Path) -> Result<PathBuf, String> {
    let users = prefix.join("drive_c/users");
    fs::read_dir(&users)
        .map_err(|e| format!("{}: {e}", users.display()))?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.file_name().is_some_and(|n| n != "Public") && p.is_dir())
        .ok_or_else(|| format!("no user profile in {}", users.display()))
}

/// Runs `klik.exe` under Wine; fails with what it said when it fails.
/// `klik.exe` says one line on stderr whenever it exits with 1, so an exit
/// with 1 and no word at all is Wine failing to start it (seen once on a
/// loaded CI machine): that run is repeated once with Wine's own error
/// messages on, so that a second failure says why.
fn klik_exe(prefix: &Path, exe: &str, args: &[&str]) -> Result<String, String> {
    let mut result = output(wine(prefix).arg(exe).args(args))?;
    if result.status.code() == Some(1) && result.stdout.is_empty() && result.stderr.is_empty() {
        eprintln!(
            "xtask: klik.exe {} exited without a word; waiting for Wine and trying again",
            args.join(" ")
        );
        wait_for_wine(prefix)?;
        result = output(wine(prefix).env("WINEDEBUG", "err+all").arg(exe).args(args))?;
    }
    let stdout = String::from_utf8_lossy(&result.stdout).into_owned();
    check(result.status.success(), || {
        format!(
            "klik.exe {} failed ({}): {}{}",
            args.join(" "),
            result.status,
            stdout,
            String::from_utf8_lossy(&result.stderr)
        )
    })?;
    Ok(stdout)
}

/// A JSON number after `"key":` in `text`, the first one.
fn number_after(text: &str, key: &str) -> Option<i64> {
    let at = text.find(&format!("\"{key}\":"))? + key.len() + 3;
    let digits: String = text[at..]
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    digits.parse().ok()
}

fn windows_command_line(prefix: &Path) -> Outcome {
    let drive = prefix.join("drive_c");
    let folder = drive.join("Klik test");
    fs::create_dir_all(&folder).map_err(|e| e.to_string())?;
    fs::copy(dist_dir().join("klik.exe"), folder.join("klik.exe")).map_err(|e| e.to_string())?;
    let exe = r"C:\Klik test\klik.exe";

    // A participants file as Excel on Windows saves it: Windows-1252, CRLF.
    let csv = folder.join("deelnemers.csv");
    let converted = output(
        Command::new("iconv")
            // Letters Windows-1252 lacks (a Turkish dotless i) become their
            // nearest Latin letter; Ö, ü, é and ë stay, in one byte each.
            .args(["-f", "UTF-8", "-t", "WINDOWS-1252//TRANSLIT"])
            .arg(root().join("tests/it/fixtures/deelnemers-demo.csv")),
    )?;
    check(converted.status.success(), || "iconv failed".into())?;
    check(!converted.stdout.is_ascii(), || {
        "the file has no accented letters to test".into()
    })?;
    fs::write(&csv, &converted.stdout).map_err(|e| e.to_string())?;

    klik_exe(prefix, exe, &["demo"])?;
    let created = klik_exe(
        prefix,
        exe,
        &[
            "--json",
            "programme",
            "create",
            "--name",
            "Groeien 2027",
            "--start",
            "04-01-2027",
            "--end",
            "17-12-2027",
        ],
    )?;
    let programme = number_after(&created, "id")
        .ok_or_else(|| format!("no programme id in {created}"))?
        .to_string();
    let imported = klik_exe(
        prefix,
        exe,
        &[
            "--json",
            "participants",
            "import",
            r"C:\Klik test\deelnemers.csv",
            "--programme",
            &programme,
        ],
    )?;
    let listed = klik_exe(
        prefix,
        exe,
        &["--json", "participants", "list", "--programme", &programme],
    )?;
    check(listed.contains("Öztürk"), || {
        format!("the Windows-1252 name Öztürk did not come through: {imported}")
    })?;
    let proposal = klik_exe(
        prefix,
        exe,
        &["--json", "match", "propose", "--programme", &programme],
    )?;
    check(proposal.contains("\"score\""), || {
        format!("no scored pairs proposed: {proposal}")
    })?;

    // The proposal confirmed, every agreement of the programme printed to a C:\ path.
    klik_exe(
        prefix,
        exe,
        &["--json", "match", "confirm", "--programme", &programme],
    )?;
    klik_exe(
        prefix,
        exe,
        &[
            "agreement",
            "pdf",
            "--programme",
            &programme,
            "--out",
            r"C:\Klik test\a.pdf",
        ],
    )?;
    let pdf = folder.join("a.pdf");
    step(
        "qpdf --check on the agreements",
        Command::new("qpdf").arg("--check").arg(&pdf),
    )?;
    let text = output(Command::new("pdftotext").arg(&pdf).arg("-"))?;
    let text = String::from_utf8_lossy(&text.stdout);
    check(
        text.contains("Mentoringovereenkomst") && text.contains("Groeien 2027"),
        || {
            format!(
                "the agreements' text is not right: {}",
                &text[..text.len().min(400)]
            )
        },
    )?;

    let data = wine_profile(prefix)?.join("AppData/Roaming/be.klik.desktop");
    check(
        data.join("klik.sqlite").exists() && data.join("demo/klik-demo.sqlite").exists(),
        || format!("the data folder is not {}", data.display()),
    )?;

    // The data moved to another folder with a Windows path, followed there,
    // and moved back, which leaves the first folder as it was for the
    // installer's tryout.
    fs::create_dir_all(drive.join("Klik data")).map_err(|e| e.to_string())?;
    let moved = klik_exe(
        prefix,
        exe,
        &["--json", "move-data", "--to", r"C:\Klik data"],
    )?;
    check(moved.contains(r#""to": "C:\\Klik data""#), || {
        format!("the data did not move to C:\\Klik data as written: {moved}")
    })?;
    let info = klik_exe(prefix, exe, &["--json", "info"])?;
    check(info.contains(r"C:\\Klik data\\klik.sqlite"), || {
        format!("klik info does not follow the move: {info}")
    })?;
    check(
        drive.join("Klik data/demo/klik-demo.sqlite").exists()
            && !data.join("klik.sqlite").exists()
            && data.join("data-folder.txt").exists(),
        || "the first folder was not emptied, or holds no pointer".into(),
    )?;
    let appdata = r"C:\users\".to_string()
        + &wine_profile(prefix)?
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
        + r"\AppData\Roaming\be.klik.desktop";
    klik_exe(prefix, exe, &["move-data", "--to", &appdata])?;
    check(
        data.join("klik.sqlite").exists() && !data.join("data-folder.txt").exists(),
        || format!("the data did not come back to {}", data.display()),
    )?;
    let listed_again = klik_exe(
        prefix,
        exe,
        &["--json", "participants", "list", "--programme", &programme],
    )?;
    check(listed_again.contains("Öztürk"), || {
        "the participants did not come back with the data".into()
    })
}

fn windows_installer(prefix: &Path) -> Outcome {
    let setup = dist_dir().join(setup_name());
    step(
        "running the installer silently under Wine (/S)",
        wine(prefix).arg(&setup).arg("/S"),
    )?;
    wait_for_wine(prefix)?;
    let profile = wine_profile(prefix)?;
    let installed = profile.join("AppData/Local/Programs/Klik");
    for file in [
        "klik.exe",
        "klik-desktop.exe",
        "WebView2Loader.dll",
        "THIRD-PARTY-LICENSES.txt",
        "uninstall.exe",
    ] {
        check(installed.join(file).exists(), || {
            format!("{} is not installed", installed.join(file).display())
        })?;
    }
    let menu = profile.join("AppData/Roaming/Microsoft/Windows/Start Menu/Programs");
    check(
        fs::read_dir(&menu)
            .map(|entries| {
                entries
                    .flatten()
                    .any(|e| e.file_name().to_string_lossy().starts_with("Klik"))
            })
            .unwrap_or(false),
        || format!("no Start-menu entry in {}", menu.display()),
    )?;
    let windows_dir = r"C:\users\{user}\AppData\Local\Programs\Klik".replace(
        "{user}",
        &profile.file_name().unwrap_or_default().to_string_lossy(),
    );
    klik_exe(prefix, &format!(r"{windows_dir}\klik.exe"), &["info"])?;

    // The uninstaller copies itself away and returns at once; the Wine
    // server is waited for until the copy has finished.
    let uninstall = |extra: &[&str]| -> Outcome {
        step(
            &format!(
                "running the uninstaller silently under Wine {}",
                extra.join(" ")
            ),
            wine(prefix)
                .arg(installed.join("uninstall.exe"))
                .arg("/S")
                .args(extra),
        )?;
        wait_for_wine(prefix)
    };
    uninstall(&[])?;
    for file in [
        "klik.exe",
        "klik-desktop.exe",
        "WebView2Loader.dll",
        "uninstall.exe",
    ] {
        check(!installed.join(file).exists(), || {
            format!("the uninstaller left {file}")
        })?;
    }
    let data = profile.join("AppData/Roaming/be.klik.desktop");
    check(data.join("klik.sqlite").exists(), || {
        "the uninstaller removed the user's data".into()
    })?;
    // Asked to (the box ticked, or /REMOVEDATA when silent), it removes the data too.
    step("installing again", wine(prefix).arg(&setup).arg("/S"))?;
    wait_for_wine(prefix)?;
    uninstall(&["/REMOVEDATA"])?;
    check(!data.exists(), || "/REMOVEDATA left the user's data".into())
}
