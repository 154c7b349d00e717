//! Link options of the `vanban` binary (not of the library or the tests).
//!
//! On Linux with glibc the binary is linked as a fixed-address executable
//! (`-no-pie`). As a position-independent executable, the dynamic loader
//! applies about 110 000 relocations at every start and copies the ~2 MB of
//! typst's tables they touch (`.data.rel.ro`) page by page: 1.8 ms and 500
//! page faults of a 1.5 ms `vanban --version`, a few per cent of a whole
//! report. Shared libraries, the heap and the stacks are still placed at
//! random; only the binary's own image is not (as with Go's binaries).
//! `RELR` relocations (`-z pack-relative-relocs`) were measured too: they
//! shrink the table but still copy the pages, and saved nothing.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
