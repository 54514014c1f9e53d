//! Link settings for the `eid-onboard` binary.
//!
//! Starting the wizard is mostly the dynamic loader's work: the binary holds about 22 000
//! relative relocations (vtables, panic locations, string tables), and the loader reads each one
//! and writes the address it names. Packed relative relocations (DT_RELR) describe the same
//! addresses in a bitmap of a few kilobytes, which the loader walks in a fraction of the time,
//! and the binary stays position-independent (ASLR is kept). The first frame of
//! `eid-onboard edit NAME` is about 0.5 ms sooner (benches/first-frame.py).
//!
//! The loader must understand DT_RELR: glibc 2.36 or newer. The setting is used only when the
//! binary is built for the machine that builds it and that machine's glibc is new enough, so a
//! build on an older system still runs there.

use std::env;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if packed_relocations_supported() {
        println!("cargo::rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

fn packed_relocations_supported() -> bool {
    let target = env::var("TARGET").unwrap_or_default();
    let host = env::var("HOST").unwrap_or_default();
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let libc = env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if target != host || os != "linux" || libc != "gnu" {
        return false;
    }
    glibc_version().is_some_and(|version| version >= (2, 36))
}

/// The build machine's glibc, from `getconf GNU_LIBC_VERSION` ("glibc 2.36").
fn glibc_version() -> Option<(u32, u32)> {
    let output = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    if !output.status.success() {
        return None;
    }
    let text = String::from_utf8(output.stdout).ok()?;
    let version = text.trim().strip_prefix("glibc ")?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts
        .next()?
        .trim_end_matches(|c: char| !c.is_ascii_digit());
    Some((major, minor.parse().ok()?))
}
