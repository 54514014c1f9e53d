//! No import cycles between the modules of a crate.
//!
//! A module is a file (`a.rs` and `a/mod.rs` are module `a`; a `mod x { … }` inside a file belongs
//! to that file). The test starts at the crate root, follows `mod` declarations to every file and
//! reads the paths each file names: `use` trees (`use crate::a::{b, c::D}`) and paths in code
//! (`crate::a::f()`, `super::X`, `self::x::Y`, and `name::…` where `name` was brought in by a
//! `use` or is a child module). Comments, strings and `#[cfg(test)]` items are not read.
//!
//! Each path becomes an edge to the file that defines what it names: `crate::validate::oidc::READS`
//! points at `validate/oidc.rs`, `crate::validate::Problem` at `validate/mod.rs` where it is
//! defined, and `crate::form::FieldKind` at `form/spec.rs` because `form/mod.rs` only re-exports
//! it. A parent's edges to its own descendants (its `mod` declarations, re-exports and dispatch to
//! them) are ignored: the parent is their façade. A child's edge to its parent counts, and so does
//! `super::X` when `X` is defined in the parent: the child depends on it like on any other module.
//!
//! On failure the test prints each cycle with the path behind every edge of it.

mod graph;
mod lex;
mod scan;

use std::path::Path;

fn assert_acyclic(root_file: &Path) {
    let cycles = graph::build(root_file).cycles();
    assert!(
        cycles.is_empty(),
        "module cycles in the crate at {}:\n{}",
        root_file.display(),
        cycles.join("\n")
    );
}

fn workspace_file(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

#[test]
fn the_core_has_no_module_cycles() {
    assert_acyclic(&workspace_file("src/lib.rs"));
}

#[test]
fn the_front_ends_have_no_module_cycles() {
    assert_acyclic(&workspace_file("../../src/lib.rs"));
}

#[test]
fn the_binary_has_no_module_cycles() {
    assert_acyclic(&workspace_file("../../src/main.rs"));
}

/// The scanner must see the edges it is there to see: a cycle written into a throwaway crate is
/// found, with the paths that make it.
#[test]
fn a_cycle_is_found_and_shown() {
    let dir = std::env::temp_dir().join(format!("module-graph-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("b")).unwrap();
    let files = [
        ("lib.rs", "mod a;\nmod b;\n"),
        (
            "a.rs",
            "use crate::b::{self, Thing};\n// crate::c::not_a_path\npub struct Other;\n",
        ),
        (
            "b/mod.rs",
            "mod inner;\npub use inner::*;\nfn f() -> &'static str { \"crate::a\" }\n",
        ),
        (
            "b/inner.rs",
            "pub struct Thing(super::super::a::Other);\n#[cfg(test)]\nmod tests { use crate::a; }\n",
        ),
    ];
    for (path, text) in files {
        std::fs::write(dir.join(path), text).unwrap();
    }
    let graph = graph::build(&dir.join("lib.rs"));
    let cycles = graph.cycles();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(
        cycles[0].starts_with("cycle: a -> b::inner -> a\n"),
        "{}",
        cycles[0]
    );
    assert!(
        cycles[0].contains("a -> b::inner   (crate::b::Thing)"),
        "{}",
        cycles[0]
    );
    assert!(
        cycles[0].contains("b::inner -> a   (super::super::a::Other)"),
        "{}",
        cycles[0]
    );
    assert!(!graph.edges["a"].contains_key("b::inner::c"));
}
