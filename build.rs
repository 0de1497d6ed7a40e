//! Embeds every translation catalogue found in `src/i18n/locales/`.
//!
//! Adding a language is adding a file there: this script lists the folder at
//! build time, so no code has to name the new language.

use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new("src/i18n/locales");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .expect("src/i18n/locales must exist")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// Every catalogue shipped with Klik: (language code, file text).\npub(crate) const EMBEDDED: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let code = path
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("catalogue file names are language codes");
        let absolute = fs::canonicalize(path).expect("catalogue path resolves");
        out.push_str(&format!(
            "    ({code:?}, include_str!({:?})),\n",
            absolute.display().to_string()
        ));
    }
    out.push_str("];\n");
    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("catalogues.rs");
    fs::write(target, out).expect("OUT_DIR is writable");
}
