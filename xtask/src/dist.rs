//! `cargo xtask dist`: the files an officer downloads, built on Linux into
//! `target/dist/`: the Windows installer (NSIS, per user), `klik.exe` on its
//! own, the Debian package, `THIRD-PARTY-LICENSES.txt` and `SHA256SUMS`.
//!
//! The Windows programs are cross-built with MinGW (`x86_64-pc-windows-gnu`);
//! the installer is made by `makensis` from `dist/windows/klik.nsi`; the
//! `.deb` is laid out here and packed by `dpkg-deb`, so neither needs the
//! Tauri CLI or a network.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::{BUILD_PACKAGES, Outcome, cargo, ensure_packages, licences, root, step, target_dir};

/// What cross-building and packing need beyond building the app.
const DIST_PACKAGES: &[&str] = &["gcc-mingw-w64-x86-64", "nsis"];

/// The Rust target of the Windows programs.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

/// Klik's version: the workspace's, which xtask shares.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The folder the files land in.
pub fn dist_dir() -> PathBuf {
    target_dir().join("dist")
}

pub fn setup_name() -> String {
    format!("Klik_{VERSION}_x64-setup.exe")
}

pub fn deb_name() -> String {
    format!("klik_{VERSION}_amd64.deb")
}

/// Builds every file; each step names what failed.
pub fn dist() -> Outcome {
    let started = Instant::now();
    let mut packages = BUILD_PACKAGES.to_vec();
    packages.extend_from_slice(DIST_PACKAGES);
    ensure_packages(&packages)?;
    ensure_windows_target()?;
    licences::licences(true)?;

    let out = dist_dir();
    if out.exists() {
        fs::remove_dir_all(&out).map_err(|e| format!("emptying {}: {e}", out.display()))?;
    }
    fs::create_dir_all(&out).map_err(|e| format!("creating {}: {e}", out.display()))?;

    step(
        "building Klik for Linux (release)",
        cargo().args(release_args(None)),
    )?;
    step(
        "building Klik for Windows (release, cross-built with MinGW)",
        cargo().args(release_args(Some(WINDOWS_TARGET))),
    )?;

    let licences_file = out.join("THIRD-PARTY-LICENSES.txt");
    copy(&licences::path(), &licences_file)?;
    let windows = target_dir().join(WINDOWS_TARGET).join("release");
    copy(&windows.join("klik.exe"), &out.join("klik.exe"))?;
    windows_installer(&windows, &out)?;
    debian_package(&target_dir().join("release"), &out)?;
    checksums(&out)?;
    within_size(&out.join(setup_name()))?;
    within_size(&out.join(deb_name()))?;

    eprintln!(
        "xtask: the files are in {} ({} s):",
        out.display(),
        started.elapsed().as_secs()
    );
    for entry in fs::read_dir(&out).map_err(|e| e.to_string())?.flatten() {
        let path = entry.path();
        if path.is_file() {
            let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            eprintln!(
                "    {:<32} {:>6.1} MB",
                path.file_name().unwrap_or_default().to_string_lossy(),
                size as f64 / 1_000_000.0
            );
        }
    }
    Ok(())
}

/// `cargo build` arguments for both programs in release, as shipped: the
/// window in production mode (its embedded pages through Tauri's protocol).
fn release_args(target: Option<&str>) -> Vec<String> {
    let mut args: Vec<String> = [
        "build",
        "--release",
        "--locked",
        "-p",
        "klik",
        "-p",
        "klik-desktop",
        "--bins",
        "--features",
        "klik-desktop/custom-protocol",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    if let Some(target) = target {
        args.extend(["--target".to_string(), target.to_string()]);
    }
    args
}

fn ensure_windows_target() -> Outcome {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).contains(WINDOWS_TARGET))
        .unwrap_or(false);
    if installed {
        return Ok(());
    }
    step(
        &format!("adding the Rust target {WINDOWS_TARGET}"),
        Command::new("rustup").args(["target", "add", WINDOWS_TARGET]),
    )
}

fn copy(from: &Path, to: &Path) -> Outcome {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

fn write(path: &Path, text: &str) -> Outcome {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("creating {}: {e}", parent.display()))?;
    }
    fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))
}

/// The NSIS installer: the programs, the licences and the icon staged in
/// one folder, packed by `dist/windows/klik.nsi`.
fn windows_installer(built: &Path, out: &Path) -> Outcome {
    let stage = target_dir().join("dist-stage").join("windows");
    if stage.exists() {
        fs::remove_dir_all(&stage).map_err(|e| format!("emptying {}: {e}", stage.display()))?;
    }
    fs::create_dir_all(&stage).map_err(|e| format!("creating {}: {e}", stage.display()))?;
    copy(&built.join("klik.exe"), &stage.join("klik.exe"))?;
    copy(
        &built.join("klik-desktop.exe"),
        &stage.join("klik-desktop.exe"),
    )?;
    // Built with MinGW, the window loads Microsoft's WebView2 loader from a
    // DLL beside it (webview2-com-sys puts it next to the build); without it
    // klik-desktop.exe would not start on Windows.
    copy(
        &built.join("WebView2Loader.dll"),
        &stage.join("WebView2Loader.dll"),
    )?;
    copy(&licences::path(), &stage.join("THIRD-PARTY-LICENSES.txt"))?;
    copy(&root().join("icons/icon.ico"), &stage.join("icon.ico"))?;
    step(
        "making the Windows installer (makensis)",
        Command::new("makensis")
            .args(["-V2", "-INPUTCHARSET", "UTF8"])
            .arg(format!("-DVERSION={VERSION}"))
            .arg(format!("-DSTAGE={}", stage.display()))
            .arg(format!("-DOUTFILE={}", out.join(setup_name()).display()))
            .arg(root().join("dist/windows/klik.nsi")),
    )
}

/// The Debian package: the two programs in /usr/bin, the desktop entry and
/// icons where the desktop looks for them, the licences in /usr/share/doc.
fn debian_package(built: &Path, out: &Path) -> Outcome {
    let tree = target_dir().join("dist-stage").join("deb");
    if tree.exists() {
        fs::remove_dir_all(&tree).map_err(|e| format!("emptying {}: {e}", tree.display()))?;
    }
    let bin = tree.join("usr/bin");
    fs::create_dir_all(&bin).map_err(|e| format!("creating {}: {e}", bin.display()))?;
    for program in ["klik", "klik-desktop"] {
        copy(&built.join(program), &bin.join(program))?;
    }
    let icons = root().join("icons");
    for (file, size) in [
        ("32x32.png", "32x32"),
        ("128x128.png", "128x128"),
        ("128x128@2x.png", "256x256"),
    ] {
        let to = tree.join(format!("usr/share/icons/hicolor/{size}/apps/klik.png"));
        fs::create_dir_all(to.parent().expect("has a parent")).map_err(|e| e.to_string())?;
        copy(&icons.join(file), &to)?;
    }
    let svg = tree.join("usr/share/icons/hicolor/scalable/apps/klik.svg");
    fs::create_dir_all(svg.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    copy(&icons.join("klik.svg"), &svg)?;
    write(
        &tree.join("usr/share/applications/klik.desktop"),
        "[Desktop Entry]\n\
         Type=Application\n\
         Name=Klik\n\
         GenericName=Mentoring programmes\n\
         GenericName[nl]=Mentoringprogramma's\n\
         GenericName[fr]=Programmes de mentorat\n\
         Comment=Run mentoring programmes, from match to results\n\
         Comment[nl]=Mentoringprogramma's beheren, van match tot resultaat\n\
         Comment[fr]=Gérer des programmes de mentorat, du jumelage aux résultats\n\
         Exec=klik-desktop\n\
         Icon=klik\n\
         Terminal=false\n\
         Categories=Office;\n\
         StartupWMClass=klik-desktop\n",
    )?;
    let doc = tree.join("usr/share/doc/klik");
    fs::create_dir_all(&doc).map_err(|e| format!("creating {}: {e}", doc.display()))?;
    copy(&licences::path(), &doc.join("THIRD-PARTY-LICENSES.txt"))?;
    write(
        &doc.join("copyright"),
        "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\
         Upstream-Name: Klik\n\n\
         Files: *\n\
         License: MIT\n\n\
         Files: usr/bin/*\n\
         Comment: Built with the libraries and the font listed, each with its licence, in\n \
         /usr/share/doc/klik/THIRD-PARTY-LICENSES.txt\n",
    )?;
    let installed_kb = disk_usage_kb(&tree.join("usr"))?;
    write(
        &tree.join("DEBIAN/control"),
        &format!(
            "Package: klik\n\
             Version: {VERSION}\n\
             Section: misc\n\
             Priority: optional\n\
             Architecture: amd64\n\
             Maintainer: Klik <klik@klik.invalid>\n\
             Installed-Size: {installed_kb}\n\
             Depends: libwebkit2gtk-4.1-0, libgtk-3-0, libc6\n\
             Description: Mentoring programmes, from match to results\n \
             Klik helps an HR or L&D officer run internal mentoring programmes on one\n \
             laptop, offline: participants, matching, intakes, agreements, follow-up\n \
             and PDF reports. Also the klik command line.\n"
        ),
    )?;
    step(
        "packing the Debian package (dpkg-deb)",
        Command::new("dpkg-deb")
            .args(["--root-owner-group", "-Zxz", "--build"])
            .arg(&tree)
            .arg(out.join(deb_name())),
    )
}

fn disk_usage_kb(dir: &Path) -> Result<u64, String> {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).map_err(|e| e.to_string())?.flatten() {
            let meta = entry.metadata().map_err(|e| e.to_string())?;
            if meta.is_dir() {
                stack.push(entry.path());
            } else {
                total += meta.len().div_ceil(1024);
            }
        }
    }
    Ok(total)
}

/// The most an installer may weigh: an officer downloads it over a slow
/// office connection or gets it by e-mail.
const SIZE_LIMIT: u64 = 15_000_000;

/// Refuses an installer heavier than [`SIZE_LIMIT`], so that a growing
/// dependency is noticed when it happens, not by the officer.
fn within_size(file: &Path) -> Outcome {
    let size = fs::metadata(file)
        .map_err(|e| format!("reading {}: {e}", file.display()))?
        .len();
    if size > SIZE_LIMIT {
        return Err(format!(
            "{} is {:.1} MB, more than the {:.0} MB an installer may weigh",
            file.display(),
            size as f64 / 1e6,
            SIZE_LIMIT as f64 / 1e6
        ));
    }
    Ok(())
}

/// `SHA256SUMS` in the format `sha256sum --check` reads.
fn checksums(out: &Path) -> Outcome {
    let mut names: Vec<String> = fs::read_dir(out)
        .map_err(|e| e.to_string())?
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n != "SHA256SUMS")
        .collect();
    names.sort();
    let output = Command::new("sha256sum")
        .args(&names)
        .current_dir(out)
        .output()
        .map_err(|e| format!("could not run sha256sum: {e}"))?;
    if !output.status.success() {
        return Err("sha256sum failed".into());
    }
    fs::write(out.join("SHA256SUMS"), output.stdout).map_err(|e| e.to_string())
}
