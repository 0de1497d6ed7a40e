//! The command line, one module per area (the older areas still live in `main.rs`).

pub mod backup;
pub mod organisation;
pub mod privacy;
pub mod trajectory;
