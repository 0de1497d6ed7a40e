//! What Klik says about itself (Settings → About, `klik info`, the
//! installers): its version and the work of others it is made with.

/// Klik's version, one for the whole workspace (`Cargo.toml`).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Every library built into Klik's programs and the font its documents
/// embed, each with its licence; written by `cargo xtask licences`, which
/// the test command checks against `Cargo.lock`.
pub const THIRD_PARTY_LICENCES: &str = include_str!("../THIRD-PARTY-LICENSES.txt");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_licences_name_the_font_and_the_libraries_klik_is_built_on() {
        for name in [
            "Liberation Sans",
            "SIL Open Font License",
            "rusqlite ",
            "printpdf ",
            "tauri ",
        ] {
            assert!(THIRD_PARTY_LICENCES.contains(name), "{name} is not listed");
        }
        // Klik itself is not a third party.
        assert!(!THIRD_PARTY_LICENCES.contains("\nklik "));
        assert!(VERSION.split('.').count() == 3, "{VERSION}");
    }
}
