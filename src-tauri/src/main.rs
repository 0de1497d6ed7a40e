// Keeps a console window from opening next to Klik on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    klik_desktop::run();
}
