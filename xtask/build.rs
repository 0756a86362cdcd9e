//! Links `xtask` as a position-dependent executable on Linux (GNU): the dynamic loader then has
//! about 160 relocations to apply at start instead of about 16,000, and the command starts
//! 0.45-0.75 ms sooner (`xtask --version`, median of 300: 1.82 -> 1.37 ms and 2.00 -> 1.25 ms;
//! page faults 271 -> 193). `cargo xtask bench` times many short runs of this command against
//! floors measured inside one process, so its start counts. `xtask` is this repository's tool,
//! never installed; the installed `twilio-codegen` is linked the platform's default way.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
