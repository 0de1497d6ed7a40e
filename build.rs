//! Embeds every translation catalogue found in `src/i18n/locales/`, and on
//! Windows gives `klik.exe` Klik's icon and a version resource.
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
    windows_resource();
}

/// Explorer shows a program's icon and, under Properties → Details, its
/// version and name from a resource compiled into the executable. For the
/// GNU target (the cross-build on Linux), MinGW's `windres` compiles it; a
/// build with Microsoft's tools goes without (the installer still names the
/// version).
fn windows_resource() {
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let abi = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os != "windows" || abi != "gnu" {
        return;
    }
    let version = env::var("CARGO_PKG_VERSION").expect("cargo sets the version");
    let numbers: Vec<u32> = version
        .split(['.', '-'])
        .take(3)
        .map(|n| n.parse().unwrap_or(0))
        .collect();
    let (major, minor, patch) = (numbers[0], numbers[1], numbers[2]);
    let icon = fs::canonicalize("icons/icon.ico").expect("icons/icon.ico exists");
    println!("cargo:rerun-if-changed=icons/icon.ico");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf();
    let script = out.join("klik.rc");
    let rc = format!(
        r#"1 ICON "{icon}"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904b0"
    BEGIN
      VALUE "CompanyName", "Klik"
      VALUE "FileDescription", "Klik command line"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "klik"
      VALUE "OriginalFilename", "klik.exe"
      VALUE "ProductName", "Klik"
      VALUE "ProductVersion", "{version}"
      VALUE "LegalCopyright", "MIT licence"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
"#,
        icon = icon.display().to_string().replace('\\', "/"),
    );
    fs::write(&script, rc).expect("OUT_DIR is writable");
    let object = out.join("klik-resource.o");
    let windres = env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let status = std::process::Command::new(&windres)
        .arg(&script)
        .args(["-O", "coff", "-o"])
        .arg(&object)
        .status()
        .unwrap_or_else(|e| panic!("{windres} (from gcc-mingw-w64-x86-64) could not start: {e}"));
    assert!(status.success(), "{windres} failed on {}", script.display());
    // An object named on the link line is always kept, unlike one in a library.
    println!("cargo:rustc-link-arg-bins={}", object.display());
}
