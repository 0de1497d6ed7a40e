//! Klik makes no network connection: no HTTP or TLS client is among the
//! dependencies of the core or the app (the `http` crate of Tauri's IPC is
//! types only). The end-to-end tests' WebDriver client is not part of the app.

use std::process::Command;

/// Crates that would let the app talk to a network.
const CLIENTS: &[&str] = &[
    "reqwest",
    "hyper",
    "hyper-util",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "h2",
    "rustls",
    "native-tls",
    "openssl",
    "tungstenite",
    "tokio-tungstenite",
    "websocket",
];

#[test]
fn no_http_or_tls_client_is_among_the_apps_dependencies() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml");
    for package in ["klik", "klik-desktop"] {
        let out = Command::new(&cargo)
            .args([
                "tree",
                "--offline",
                "--manifest-path",
                manifest,
                "-p",
                package,
            ])
            .args(["-e", "normal", "--prefix", "none"])
            .output()
            .expect("cargo runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let tree = String::from_utf8_lossy(&out.stdout);
        let names: Vec<&str> = tree
            .lines()
            .filter_map(|l| l.split_whitespace().next())
            .collect();
        assert!(
            names.contains(&"rusqlite"),
            "the tree of {package} was read: {tree}"
        );
        for client in CLIENTS {
            assert!(!names.contains(client), "{package} depends on {client}");
        }
    }
}
