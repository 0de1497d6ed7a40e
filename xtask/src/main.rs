//! `cargo xtask run | test`: the two commands of the README; `fuzz`, `dist`
//! and `licences` beside them.
//!
//! `run` installs what building the app needs (on Debian/Ubuntu), prepares a
//! throwaway demo database and starts the app on it. `test` installs what
//! the tests need (Xvfb, WebKitWebDriver, tauri-driver), checks formatting
//! and lints, runs the unit and integration tests, then the end-to-end tests
//! in a real window under Xvfb. `dist` builds the installers (`dist.rs`).
//! Only the standard library is used here so that this runs before anything
//! else builds.

use std::env;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

mod dist;
mod licences;
mod tryout;

/// Debian packages needed to build and run the desktop app.
pub(crate) const BUILD_PACKAGES: &[&str] =
    &["build-essential", "pkg-config", "libwebkit2gtk-4.1-dev"];
/// Debian packages the tests need: a virtual display, WebKit's WebDriver,
/// the PDF tools the tests check documents with, and an iCalendar parser
/// that reads the calendar files back.
pub(crate) const TEST_PACKAGES: &[&str] = &[
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "poppler-utils",
    "qpdf",
    "python3-icalendar",
    // An officer opens exported CSV files in a spreadsheet program: the
    // formula-injection test opens them in LibreOffice.
    "libreoffice-calc-nogui",
];

/// Variables that make a test skip part of its work; the README's test
/// command clears them so that a green run means everything ran, unless
/// `--allow-skips` is given.
const SKIPPING_VARIABLES: &[&str] = &["KLIK_SKIP_DISK_TESTS"];

pub(crate) type Outcome = Result<(), String>;

fn main() -> ExitCode {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run(),
        Some("test") => test(&args[1..]),
        Some("fuzz") => fuzz(),
        // `dist --try` also tries what it built, as `test --dist` does after the suite.
        Some("dist") => dist::dist().and_then(|()| {
            if args.iter().any(|a| a == "--try") {
                tryout::all()
            } else {
                Ok(())
            }
        }),
        // `try` tries what the last `dist` made, without building again.
        Some("try") => tryout::all(),
        Some("licences") => licences::licences(args.iter().any(|a| a == "--check")),
        _ => {
            eprintln!(
                "usage: cargo xtask run | test [--no-e2e | --e2e-only] [--allow-skips] [--dist] | fuzz | dist [--try] | try | licences [--check]"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives inside the workspace")
        .to_path_buf()
}

pub(crate) fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

pub(crate) fn cargo() -> Command {
    let mut command = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    command.current_dir(root());
    if !ALLOW_SKIPS.load(std::sync::atomic::Ordering::Relaxed) {
        for variable in SKIPPING_VARIABLES {
            command.env_remove(variable);
        }
    }
    command
}

/// Whether `--allow-skips` was given.
static ALLOW_SKIPS: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Runs a command to completion; a non-zero exit is an error naming the step.
pub(crate) fn step(what: &str, command: &mut Command) -> Outcome {
    eprintln!("xtask: {what}");
    let status = command
        .status()
        .map_err(|e| format!("{what}: could not start: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{what} failed ({status})"))
    }
}

fn run() -> Outcome {
    ensure_packages(BUILD_PACKAGES)?;
    step(
        "building Klik",
        cargo().args(["build", "-p", "klik", "-p", "klik-desktop", "--bins"]),
    )?;
    let bin = target_dir().join("debug");
    let data = target_dir().join("demo-data");
    step(
        "preparing a fresh demo database",
        Command::new(bin.join("klik"))
            .args(["demo", "--reset"])
            .env("KLIK_DATA_DIR", &data),
    )?;
    if env::var_os("DISPLAY").is_none() && env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(
            "no display: run this in a desktop session (DISPLAY or WAYLAND_DISPLAY must be set)"
                .into(),
        );
    }
    eprintln!(
        "xtask: starting Klik on the demo (data in {})",
        data.display()
    );
    step(
        "running Klik",
        Command::new(bin.join("klik-desktop")).env("KLIK_DATA_DIR", &data),
    )
}

fn test(args: &[String]) -> Outcome {
    // Flags for developers iterating on one layer; CI runs everything.
    let e2e = !args.iter().any(|a| a == "--no-e2e");
    let only_e2e = args.iter().any(|a| a == "--e2e-only");
    if args.iter().any(|a| a == "--allow-skips") {
        ALLOW_SKIPS.store(true, std::sync::atomic::Ordering::Relaxed);
    } else {
        for variable in SKIPPING_VARIABLES {
            if env::var_os(variable).is_some() {
                eprintln!("xtask: {variable} is cleared (give --allow-skips to keep it)");
            }
        }
    }
    ensure_packages(BUILD_PACKAGES)?;
    if e2e {
        ensure_packages(TEST_PACKAGES)?;
        ensure_tauri_driver()?;
    }
    if !only_e2e {
        step(
            "checking formatting",
            cargo().args(["fmt", "--all", "--", "--check"]),
        )?;
        step(
            "linting (clippy, warnings are errors)",
            cargo().args([
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ]),
        )?;
        licences::licences(true)?;
        step(
            "unit and integration tests",
            cargo().args(["test", "--workspace", "--exclude", "klik-e2e"]),
        )?;
        // The fuzz targets' properties run as quick tests above
        // (tests/it/properties.rs); the long cargo-fuzz runs are
        // `cargo xtask fuzz`, which CI runs when time allows.
    }
    if e2e {
        step(
            "building the app for end-to-end tests",
            cargo().args(["build", "-p", "klik", "-p", "klik-desktop", "--bins"]),
        )?;
        let bin = target_dir().join("debug");
        end_to_end(
            &bin.join("klik-desktop"),
            &bin.join("klik"),
            env::var("KLIK_E2E_ONLY").ok().as_deref(),
        )?;
    }
    if args.iter().any(|a| a == "--dist") {
        dist::dist()?;
        tryout::all()?;
    }
    Ok(())
}

/// The fuzz targets in `fuzz/` (cargo-fuzz, libFuzzer): the participant
/// importer on any bytes, the availability parser and the date parser on any
/// text.
const FUZZ_TARGETS: &[&str] = &["spreadsheet", "availability", "date"];

/// Runs every fuzz target for a short, bounded time (`KLIK_FUZZ_SECONDS`,
/// 60 by default): a crash or a broken property fails the step, and libFuzzer
/// leaves the input in `fuzz/artifacts/`. cargo-fuzz needs nightly-only
/// compiler flags; `RUSTC_BOOTSTRAP=1` lets the one stable toolchain accept
/// them. No sanitizer is needed: the code under test is safe Rust, so the
/// interesting failures are panics and the targets' own assertions.
fn fuzz() -> Outcome {
    let seconds = env::var("KLIK_FUZZ_SECONDS").unwrap_or_else(|_| "60".to_string());
    if !Command::new("cargo")
        .args(["fuzz", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
    {
        step(
            "installing cargo-fuzz",
            cargo().args(["install", "cargo-fuzz", "--locked", "--version", "^0.13"]),
        )?;
    }
    for target in FUZZ_TARGETS {
        step(
            &format!("fuzzing {target} for {seconds} s"),
            cargo()
                .current_dir(root().join("fuzz"))
                .env("RUSTC_BOOTSTRAP", "1")
                .args(["fuzz", "run", "--sanitizer", "none", target, "--"])
                .arg(format!("-max_total_time={seconds}")),
        )?;
    }
    Ok(())
}

/// Starts Xvfb and tauri-driver, runs the end-to-end tests (or the one test
/// file named) on the given programs, and always stops both.
pub(crate) fn end_to_end(app: &Path, cli: &Path, only: Option<&str>) -> Outcome {
    let display = free_display().ok_or("no free X display number between :90 and :140")?;
    let mut xvfb = Background::start(
        "Xvfb",
        Command::new("Xvfb")
            .args([
                &format!(":{display}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )?;
    let socket = PathBuf::from(format!("/tmp/.X11-unix/X{display}"));
    wait_for(|| socket.exists(), Duration::from_secs(10))
        .ok_or("Xvfb did not start within 10 s")?;

    let port = free_port()?;
    let native_port = free_port()?;
    let driver = tauri_driver_path().ok_or("tauri-driver is not installed")?;
    let mut driver = Background::start(
        "tauri-driver",
        Command::new(driver)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("DISPLAY", format!(":{display}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )?;
    let address = format!("127.0.0.1:{port}");
    wait_for(
        || std::net::TcpStream::connect(&address).is_ok(),
        Duration::from_secs(20),
    )
    .ok_or("tauri-driver did not listen within 20 s")?;

    let out = target_dir().join("e2e");
    let result = step(
        &format!("end-to-end tests in a real window ({})", app.display()),
        cargo()
            .args(["test", "-p", "klik-e2e"])
            // `KLIK_E2E_ONLY=trajectory` runs one test file, for a quick loop while working.
            .args(only.map(|t| vec!["--test", t]).unwrap_or_default())
            .args(["--", "--test-threads=1"])
            .env("KLIK_E2E_DRIVER", format!("http://{address}"))
            .env("KLIK_E2E_APP", app)
            .env("KLIK_E2E_CLI", cli)
            .env("KLIK_E2E_OUT", &out)
            .env("DISPLAY", format!(":{display}")),
    );
    driver.stop();
    xvfb.stop();
    if result.is_ok() {
        eprintln!("xtask: screenshots are in {}", out.display());
    }
    result
}

/// A helper process that is stopped gently (SIGTERM) and waited for, so that
/// tauri-driver can take WebKitWebDriver down with it instead of orphaning it.
struct Background {
    name: &'static str,
    child: Option<Child>,
}

impl Background {
    fn start(name: &'static str, command: &mut Command) -> Result<Background, String> {
        let child = command
            .spawn()
            .map_err(|e| format!("could not start {name}: {e}"))?;
        Ok(Background {
            name,
            child: Some(child),
        })
    }

    fn stop(&mut self) {
        let Some(mut child) = self.child.take() else {
            return;
        };
        let _ = Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            sleep(Duration::from_millis(100));
        }
        eprintln!("xtask: {} did not stop on SIGTERM; killing it", self.name);
        let _ = child.kill();
        let _ = child.wait();
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.stop();
    }
}

fn wait_for(mut ready: impl FnMut() -> bool, limit: Duration) -> Option<()> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if ready() {
            return Some(());
        }
        sleep(Duration::from_millis(100));
    }
    None
}

fn free_display() -> Option<u32> {
    (90..140).find(|n| {
        !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            && !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
    })
}

fn free_port() -> Result<u16, String> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free local port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free local port: {e}"))
}

/// `apt-get` with `args`, through sudo when not root.
pub(crate) fn apt(args: &[&str]) -> Command {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let mut command = if root {
        Command::new("apt-get")
    } else {
        let mut sudo = Command::new("sudo");
        sudo.arg("apt-get");
        sudo
    };
    command.args(args).env("DEBIAN_FRONTEND", "noninteractive");
    command
}

/// Installs missing Debian packages with apt-get (through sudo when not root).
/// On other systems it only says what is needed.
pub(crate) fn ensure_packages(packages: &[&str]) -> Outcome {
    if !Path::new("/usr/bin/dpkg-query").exists() {
        eprintln!(
            "xtask: not a Debian/Ubuntu system; make sure these (or their equivalents) are installed: {}",
            packages.join(" ")
        );
        return Ok(());
    }
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            let output = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", package])
                .stderr(Stdio::null())
                .output();
            !matches!(output, Ok(o) if String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    step("updating the package lists", &mut apt(&["update", "-qq"]))?;
    let mut install = vec!["install", "-y", "-qq"];
    install.extend(missing.iter().copied());
    step(
        &format!("installing {}", missing.join(" ")),
        &mut apt(&install),
    )
}

fn tauri_driver_path() -> Option<PathBuf> {
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))?;
    let candidate = cargo_home.join("bin").join("tauri-driver");
    if candidate.exists() {
        return Some(candidate);
    }
    env::var_os("PATH").and_then(|paths| {
        env::split_paths(&paths)
            .map(|p| p.join("tauri-driver"))
            .find(|p| p.exists())
    })
}

pub(crate) fn ensure_tauri_driver() -> Outcome {
    if tauri_driver_path().is_some() {
        return Ok(());
    }
    // Version 3 is an alpha at the time of writing; Klik is a Tauri 2 app.
    step(
        "installing tauri-driver",
        cargo().args(["install", "tauri-driver", "--locked", "--version", "^2"]),
    )
}
