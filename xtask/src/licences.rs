//! `THIRD-PARTY-LICENSES.txt`: every crate built into Klik's programs (on
//! every platform), with its licence and where its source lives, the font the
//! documents embed, and the text of each licence once. The file is committed:
//! the app shows it under Settings → About and every package ships it.
//! `cargo xtask licences` writes it; the test command checks it is current.

use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use crate::{Outcome, cargo, root};

/// The file, at the root of the workspace.
pub fn path() -> PathBuf {
    root().join("THIRD-PARTY-LICENSES.txt")
}

/// One crate as `cargo tree` names it.
struct Crate {
    name: String,
    version: String,
    licence: String,
    repository: String,
}

/// Writes the file (`check == false`) or fails when it is not what would be written.
pub fn licences(check: bool) -> Outcome {
    let text = render()?;
    let file = path();
    if check {
        let current = fs::read_to_string(&file).unwrap_or_default();
        if current != text {
            return Err(format!(
                "{} is out of date with Cargo.lock: run `cargo xtask licences` and commit it",
                file.display()
            ));
        }
        eprintln!("xtask: {} is up to date", file.display());
        return Ok(());
    }
    fs::write(&file, text).map_err(|e| format!("writing {}: {e}", file.display()))?;
    eprintln!("xtask: wrote {}", file.display());
    Ok(())
}

/// The crates the shipped programs (`klik`, `klik-desktop`) are built from,
/// on any platform, without development-only ones.
fn crates() -> Result<Vec<Crate>, String> {
    // The licence texts are read from the crates' unpacked sources: fetch
    // them all (for every platform), so the file is the same on any machine.
    let fetched = cargo()
        .args(["fetch", "--locked"])
        .status()
        .map_err(|e| format!("could not run cargo fetch: {e}"))?;
    if !fetched.success() {
        return Err(format!("cargo fetch failed ({fetched})"));
    }
    let output = cargo()
        .args([
            "tree",
            "--locked",
            "-e",
            "normal,build",
            "--target",
            "all",
            "-p",
            "klik",
            "-p",
            "klik-desktop",
            "--prefix",
            "none",
            "-f",
            "{p}|{l}|{r}",
        ])
        .output()
        .map_err(|e| format!("could not run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "cargo tree failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut seen = BTreeSet::new();
    let mut crates = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let line = line.trim_end_matches(" (*)").trim();
        let mut parts = line.splitn(3, '|');
        let (Some(package), Some(licence), Some(repository)) =
            (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        // Our own crates are named with their path: they are Klik, not third parties.
        if package.contains(" (") {
            continue;
        }
        let Some((name, version)) = package.split_once(" v") else {
            continue;
        };
        if !seen.insert((name.to_string(), version.to_string())) {
            continue;
        }
        crates.push(Crate {
            name: name.to_string(),
            version: version.to_string(),
            licence: if licence.is_empty() {
                "see its source".to_string()
            } else {
                licence.to_string()
            },
            repository: repository.trim().to_string(),
        });
    }
    crates.sort_by(|a, b| a.name.cmp(&b.name).then(a.version.cmp(&b.version)));
    if crates.is_empty() {
        return Err("cargo tree named no crates".into());
    }
    Ok(crates)
}

/// Where cargo unpacked a crate from crates.io, if it did.
fn source_dir(name: &str, version: &str) -> Option<PathBuf> {
    let home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
    fs::read_dir(home.join("registry").join("src"))
        .ok()?
        .flatten()
        .map(|index| index.path().join(format!("{name}-{version}")))
        .find(|dir| dir.is_dir())
}

/// Names a licence text by what it says, for the licences a crate's source carries.
fn kind(text: &str) -> Option<&'static str> {
    // The most particular wording first: the Unicode licence, for one,
    // also says "Permission is hereby granted, free of charge".
    let kinds = [
        ("UNICODE LICENSE V3", "Unicode-3.0"),
        ("Apache License", "Apache-2.0"),
        ("Mozilla Public License Version 2.0", "MPL-2.0"),
        ("Boost Software License", "BSL-1.0"),
        ("This is free and unencumbered software", "Unlicense"),
        ("CC0 1.0 Universal", "CC0-1.0"),
        ("This software is provided 'as-is'", "Zlib"),
        (
            "Permission to use, copy, modify, and/or distribute",
            "ISC or 0BSD",
        ),
        ("Redistribution and use in source and binary forms", "BSD"),
        ("Permission is hereby granted, free of charge", "MIT"),
    ];
    kinds
        .iter()
        .find(|(words, _)| text.contains(words))
        .map(|(_, kind)| *kind)
}

/// One text of each kind of licence found in the crates' sources, with the
/// crate it was taken from.
fn licence_texts(crates: &[Crate]) -> BTreeMap<&'static str, (String, String)> {
    let mut texts = BTreeMap::new();
    for c in crates {
        let Some(dir) = source_dir(&c.name, &c.version) else {
            continue;
        };
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p
                    .file_name()
                    .map(|n| n.to_string_lossy().to_uppercase())
                    .unwrap_or_default();
                p.is_file()
                    && (name.starts_with("LICENSE")
                        || name.starts_with("LICENCE")
                        || name.starts_with("COPYING")
                        || name.starts_with("UNLICENSE"))
            })
            .collect();
        files.sort();
        for file in files {
            let Ok(text) = fs::read_to_string(&file) else {
                continue;
            };
            if let Some(kind) = kind(&text) {
                texts
                    .entry(kind)
                    .or_insert_with(|| (format!("{} {}", c.name, c.version), text));
            }
        }
    }
    texts
}

fn render() -> Result<String, String> {
    let crates = crates()?;
    let font = fs::read_to_string(root().join("src/document/fonts/LICENSE.txt"))
        .map_err(|e| format!("reading the font's licence: {e}"))?;
    let mut out = String::new();
    out.push_str(
        "Klik is made with the work of others. This file lists every library built\n\
         into Klik's programs (klik-desktop and the klik command line, on every\n\
         platform) and the font its documents embed, each with its licence; the\n\
         text of each kind of licence follows once at the end. Each library's own\n\
         copyright notices are in its source, at the address given.\n\n\
         On Windows, Klik also ships WebView2Loader.dll, Microsoft's loader of the\n\
         Edge WebView2 Runtime from the WebView2 SDK, as the webview2-com-sys crate\n\
         provides it; it is Microsoft's, under the WebView2 SDK's licence.\n\n",
    );
    out.push_str("== The font ==\n\n");
    out.push_str(font.trim_end());
    out.push_str("\n\n");
    out.push_str(&format!("== Libraries ({}) ==\n\n", crates.len()));
    for c in &crates {
        out.push_str(&format!(
            "{} {}\n    Licence: {}\n",
            c.name, c.version, c.licence
        ));
        if !c.repository.is_empty() {
            out.push_str(&format!("    Source: {}\n", c.repository));
        }
    }
    for (kind, (from, text)) in licence_texts(&crates) {
        out.push_str(&format!("\n== Licence text: {kind} (as in {from}) ==\n\n"));
        out.push_str(text.trim_end());
        out.push('\n');
    }
    Ok(out)
}
