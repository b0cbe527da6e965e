//! Two start-up savings for the `llmcost` binary, which mostly runs one short
//! command: a lower-cased copy of the bundled catalog, so that finding a model
//! in it is a plain substring search, and link flags that spare the dynamic
//! loader most of its work.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=catalog.json");
    println!("cargo:rerun-if-changed=build.rs");
    // Same bytes at the same offsets, ASCII letters in lower case: a match
    // of a lower-cased name in it is a case-insensitive match in the catalog.
    let catalog = std::fs::read("catalog.json").expect("catalog.json is readable");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(
        Path::new(&out).join("catalog.folded.json"),
        catalog.to_ascii_lowercase(),
    )
    .expect("OUT_DIR is writable");
    // A position-dependent executable has no relocations to apply at start,
    // and lazy binding resolves only the library functions a run calls.
    // Binaries only: the Python module is a shared library and needs neither.
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
        println!("cargo:rustc-link-arg-bins=-Wl,-z,lazy");
    }
}
