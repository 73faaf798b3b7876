//! DESIGN.md's module table against the code: the same public modules as
//! `src/lib.rs`, each module's "uses" cell the dhr-core modules its non-test
//! code names (`crate::<module>`), and no circle among them.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Edges of a circle that is being removed, each of which must still exist
/// (empty since issue 12 moved the Home Office vocabulary into `case`; kept
/// for the next refactoring that needs a step through a circle).
const KNOWN_CIRCLE_EDGES: &[(&str, &str)] = &[];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// `pub mod NAME;` of lib.rs.
fn public_modules() -> BTreeSet<String> {
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| l.trim().strip_prefix("pub mod "))
        .map(|m| m.trim_end_matches(';').trim().to_string())
        .collect()
}

/// DESIGN.md's table: module -> its "uses" cell.
fn design_table() -> Graph {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../DESIGN.md");
    let text = std::fs::read_to_string(path).unwrap();
    let section = text
        .split("## The modules of dhr-core")
        .nth(1)
        .unwrap()
        .split("\n## ")
        .next()
        .unwrap();
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            assert_eq!(cells.len(), 3, "a row of three cells: {l}");
            let names = |cell: &str| -> BTreeSet<String> {
                cell.split(',')
                    .map(|n| n.trim().trim_matches('`').to_string())
                    .filter(|n| !n.is_empty())
                    .collect()
            };
            (cells[0].trim_matches('`').to_string(), names(cells[2]))
        })
        .collect()
}

/// The `.rs` files of a module: `src/m.rs` and everything under `src/m/`.
fn files(module: &str) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).into_iter().flatten() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut out = Vec::new();
    let file = src().join(format!("{module}.rs"));
    if file.exists() {
        out.push(file);
    }
    walk(&src().join(module), &mut out);
    out
}

/// The modules a module's non-test code names as `crate::m` or in
/// `crate::{m, ...}` (comments and `#[cfg(test)] mod tests` left out).
fn uses(module: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for f in files(module) {
        let text = std::fs::read_to_string(&f).unwrap();
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        let code = code.split("#[cfg(test)]\n#[allow").next().unwrap();
        for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for (i, _) in line.match_indices("crate::") {
                let rest = &line[i + "crate::".len()..];
                let names: Vec<&str> = match rest.strip_prefix('{') {
                    Some(group) => group.split('}').next().unwrap().split(',').collect(),
                    None => vec![rest],
                };
                for n in names {
                    let n: String = n
                        .trim()
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    if modules.contains(&n) && n != module {
                        out.insert(n);
                    }
                }
            }
        }
    }
    out
}

fn graph() -> Graph {
    let modules = public_modules();
    modules
        .iter()
        .map(|m| (m.clone(), uses(m, &modules)))
        .collect()
}

#[test]
fn design_lists_the_public_modules_of_lib_rs() {
    let listed: BTreeSet<String> = design_table().into_keys().collect();
    assert_eq!(
        listed,
        public_modules(),
        "DESIGN.md's module table and the `pub mod`s of dhr-core/src/lib.rs differ"
    );
}

#[test]
fn design_says_what_each_module_uses() {
    let table = design_table();
    for (module, used) in graph() {
        let row: Vec<String> = used.iter().map(|u| format!("`{u}`")).collect();
        assert_eq!(
            table.get(&module),
            Some(&used),
            "DESIGN.md: the row of `{module}` should say it uses: {}",
            row.join(", ")
        );
    }
}

#[test]
fn the_modules_use_each_other_without_a_circle() {
    let mut g = graph();
    for (from, to) in KNOWN_CIRCLE_EDGES {
        let edges = g.get_mut(*from).unwrap();
        assert!(
            edges.remove(*to),
            "{from} no longer uses {to}: delete it from KNOWN_CIRCLE_EDGES"
        );
    }
    // Kahn's algorithm: repeatedly take a module none of the rest uses.
    let mut left = g.clone();
    while !left.is_empty() {
        let free: Vec<String> = left
            .iter()
            .filter(|(_, used)| used.iter().all(|u| !left.contains_key(u)))
            .map(|(m, _)| m.clone())
            .collect();
        assert!(!free.is_empty(), "a circle among: {left:?}");
        for m in free {
            left.remove(&m);
        }
    }
}

#[test]
fn the_check_finds_uses() {
    // The reader is only as good as what it finds: known edges of today's code.
    let g = graph();
    assert!(g["rules"].contains("events"));
    assert!(g["lifecycle"].contains("deadlines"));
    assert!(!g["rules"].contains("lifecycle"));
    assert!(!g["deadlines"].contains("lifecycle"));
}
