//! A crate's module graph: files found from the crate root by following `mod` declarations, every
//! path resolved to the file that defines what it names, and the cycles in it.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};

use super::lex::tokens;
use super::scan::{Binding, ModPath, Scan, Use, scan};

/// The file-level graph: file module -> (file module it depends on -> the first path that says so).
pub struct Graph {
    pub edges: BTreeMap<String, BTreeMap<String, String>>,
}

struct Crate {
    /// Logical module -> the file module that holds it (itself for a file, its file for inline ones).
    file_of: BTreeMap<ModPath, ModPath>,
    uses: BTreeMap<ModPath, Vec<Use>>,
    definitions: BTreeMap<ModPath, BTreeSet<String>>,
    /// Exported macro name -> the file module that defines it.
    macros: BTreeMap<String, ModPath>,
    scans: Vec<(ModPath, Scan)>,
}

/// Deep enough for any chain of re-exports; stops a `use` cycle from recursing forever.
const MAX_HOPS: usize = 16;

pub fn build(root_file: &Path) -> Graph {
    let krate = load(root_file);
    let mut edges: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (file, scan) in &krate.scans {
        edges.entry(display(file)).or_default();
        let named = scan
            .uses
            .iter()
            .map(|u| (u.at.clone(), u.path.clone()))
            .chain(scan.paths.iter().cloned());
        for (at, path) in named {
            let Some(absolute) = krate.absolute(&at, &path, 0) else {
                continue;
            };
            let target = krate.target_file(&absolute, 0);
            if counts_as_edge(file, &target) {
                edges
                    .entry(display(file))
                    .or_default()
                    .entry(display(&target))
                    .or_insert_with(|| path.join("::"));
            }
        }
    }
    Graph { edges }
}

/// A file naming itself is no edge, and neither is a parent naming its own descendants: a parent
/// module is the façade of its children (it declares, re-exports and dispatches to them). A child
/// naming its parent (`super::Problem`, defined there) is a real edge. Paths that reach an item
/// through a re-export count as edges to the file that defines the item.
fn counts_as_edge(from: &ModPath, to: &ModPath) -> bool {
    from != to && !(to.len() > from.len() && to.starts_with(from))
}

pub fn display(module: &ModPath) -> String {
    if module.is_empty() {
        "crate".to_string()
    } else {
        module.join("::")
    }
}

fn load(root_file: &Path) -> Crate {
    let src = root_file.parent().expect("the crate root lies in a folder");
    let mut krate = Crate {
        file_of: BTreeMap::new(),
        uses: BTreeMap::new(),
        definitions: BTreeMap::new(),
        macros: BTreeMap::new(),
        scans: Vec::new(),
    };
    let mut pending: VecDeque<(ModPath, PathBuf)> =
        VecDeque::from([(Vec::new(), root_file.to_path_buf())]);
    while let Some((module, file)) = pending.pop_front() {
        let source = std::fs::read_to_string(&file)
            .unwrap_or_else(|e| panic!("reading {}: {e}", file.display()));
        let found = scan(&tokens(&source), &module);
        krate.file_of.insert(module.clone(), module.clone());
        for inline in &found.inline_modules {
            krate.file_of.insert(inline.clone(), module.clone());
        }
        for (parent, child) in &found.file_children {
            let mut path = parent.clone();
            path.push(child.clone());
            pending.push_back((path.clone(), child_file(src, &path)));
        }
        for u in &found.uses {
            krate.uses.entry(u.at.clone()).or_default().push(u.clone());
        }
        for (at, name) in &found.definitions {
            krate
                .definitions
                .entry(at.clone())
                .or_default()
                .insert(name.clone());
        }
        for name in &found.macros {
            krate.macros.insert(name.clone(), module.clone());
        }
        krate.scans.push((module, found));
    }
    krate
}

/// `a::b` lives in `a/b.rs` or `a/b/mod.rs` under the crate root's folder.
fn child_file(src: &Path, module: &ModPath) -> PathBuf {
    let mut dir = src.to_path_buf();
    for part in &module[..module.len() - 1] {
        dir.push(part);
    }
    let name = &module[module.len() - 1];
    let flat = dir.join(format!("{name}.rs"));
    if flat.exists() {
        flat
    } else {
        dir.join(name).join("mod.rs")
    }
}

impl Crate {
    /// The path as seen from the crate root, or `None` when it leaves the crate (std, a
    /// dependency) or names a local item.
    fn absolute(&self, at: &ModPath, path: &[String], hops: usize) -> Option<Vec<String>> {
        let (first, rest) = path.split_first()?;
        if hops > MAX_HOPS {
            return None;
        }
        let mut base: Vec<String> = match first.as_str() {
            "crate" => Vec::new(),
            "self" => at.clone(),
            "super" => parent(at),
            _ => {
                if let Some(bound) = self.binding(at, first) {
                    let mut resolved = self.absolute(at, &bound.path, hops + 1)?;
                    resolved.extend(rest.iter().cloned());
                    return Some(resolved);
                }
                let mut child = at.clone();
                child.push(first.clone());
                if !self.file_of.contains_key(&child) {
                    return None;
                }
                child
            }
        };
        let mut rest = rest;
        while let Some((next, tail)) = rest.split_first()
            && next == "super"
        {
            base = parent(&base);
            rest = tail;
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn binding(&self, at: &ModPath, name: &str) -> Option<&Use> {
        self.uses
            .get(at)?
            .iter()
            .find(|u| u.binding == Binding::Name(name.to_string()))
    }

    /// The file that defines what the absolute path names, following re-exports.
    fn target_file(&self, path: &[String], hops: usize) -> ModPath {
        let split = (0..=path.len())
            .rev()
            .find(|n| self.file_of.contains_key(&path[..*n]))
            .unwrap_or(0);
        let module = path[..split].to_vec();
        let here = self.file_of[&module].clone();
        let Some(item) = path.get(split) else {
            return here;
        };
        if hops > MAX_HOPS || self.defines(&module, item) {
            return here;
        }
        let rest = &path[split + 1..];
        if let Some(bound) = self.binding(&module, item)
            && let Some(mut target) = self.absolute(&module, &bound.path, hops + 1)
        {
            target.extend(rest.iter().cloned());
            return self.target_file(&target, hops + 1);
        }
        for glob in self.globs(&module) {
            if let Some(source) = self.absolute(&module, &glob.path, hops + 1)
                && self.file_of.contains_key(&source)
                && (self.defines(&source, item) || self.binding(&source, item).is_some())
            {
                let mut target = source;
                target.push(item.clone());
                target.extend(rest.iter().cloned());
                return self.target_file(&target, hops + 1);
            }
        }
        if module.is_empty()
            && let Some(file) = self.macros.get(item)
        {
            return file.clone();
        }
        here
    }

    fn defines(&self, module: &ModPath, item: &str) -> bool {
        self.definitions
            .get(module)
            .is_some_and(|names| names.contains(item))
    }

    fn globs(&self, module: &ModPath) -> impl Iterator<Item = &Use> {
        self.uses
            .get(module)
            .into_iter()
            .flatten()
            .filter(|u| u.binding == Binding::Glob)
    }
}

fn parent(module: &ModPath) -> ModPath {
    module[..module.len().saturating_sub(1)].to_vec()
}

impl Graph {
    /// Every cycle, one per strongly connected component of more than one file, each shown as
    /// `a -> b -> a` followed by the path behind every edge of the component.
    pub fn cycles(&self) -> Vec<String> {
        components(&self.edges)
            .into_iter()
            .filter(|c| c.len() > 1)
            .map(|component| self.describe(&component))
            .collect()
    }

    fn describe(&self, component: &BTreeSet<String>) -> String {
        let start = component.first().expect("a component has a file");
        let mut text = format!(
            "cycle: {}\n",
            self.shortest_cycle(start, component).join(" -> ")
        );
        text.push_str(&format!(
            "  its component: {{{}}}\n",
            component.iter().cloned().collect::<Vec<_>>().join(", ")
        ));
        for from in component {
            for (to, evidence) in &self.edges[from] {
                if component.contains(to) {
                    text.push_str(&format!("  {from} -> {to}   ({evidence})\n"));
                }
            }
        }
        text
    }

    /// Breadth-first from `start` back to itself, inside the component.
    fn shortest_cycle(&self, start: &String, component: &BTreeSet<String>) -> Vec<String> {
        let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for next in self.edges[node].keys().filter(|n| component.contains(*n)) {
                if next == start {
                    let mut cycle = vec![start.clone()];
                    let mut at = node;
                    while at != start {
                        cycle.push(at.clone());
                        at = came_from[at];
                    }
                    cycle.push(start.clone());
                    cycle.reverse();
                    return cycle;
                }
                if !came_from.contains_key(next) {
                    came_from.insert(next, node);
                    queue.push_back(next);
                }
            }
        }
        vec![start.clone()]
    }
}

/// Tarjan's strongly connected components.
fn components(edges: &BTreeMap<String, BTreeMap<String, String>>) -> Vec<BTreeSet<String>> {
    struct Walk<'a> {
        edges: &'a BTreeMap<String, BTreeMap<String, String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<BTreeSet<String>>,
    }
    impl<'a> Walk<'a> {
        fn visit(&mut self, node: &'a str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            self.on_stack.insert(node);
            let edges = self.edges;
            for next in edges.get(node).into_iter().flat_map(|m| m.keys()) {
                let next = next.as_str();
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.on_stack.contains(next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = BTreeSet::new();
                while let Some(top) = self.stack.pop() {
                    self.on_stack.remove(top);
                    component.insert(top.to_string());
                    if top == node {
                        break;
                    }
                }
                self.found.push(component);
            }
        }
    }
    let mut walk = Walk {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in edges.keys() {
        if !walk.index.contains_key(node.as_str()) {
            walk.visit(node);
        }
    }
    walk.found
}
