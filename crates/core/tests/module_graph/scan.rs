//! One file's tokens to the facts the module graph is built from: the modules it declares, what
//! its `use` declarations bind, the items it defines and every path it names. Test-only code
//! (`#[cfg(test)]` items) is skipped: a test may reach anywhere without making a cycle.

use super::lex::Token;

/// A logical module path below the crate root, e.g. `["validate", "oidc"]`.
pub type ModPath = Vec<String>;

#[derive(Debug, Default)]
pub struct Scan {
    /// `mod name;` in module `.0`: a child in its own file.
    pub file_children: Vec<(ModPath, String)>,
    /// `mod name { … }`: a module inside this file.
    pub inline_modules: Vec<ModPath>,
    pub uses: Vec<Use>,
    /// Paths named outside `use` declarations, e.g. `crate::validate::normalize(…)`.
    pub paths: Vec<(ModPath, Vec<String>)>,
    /// Items defined (struct, enum, fn, const, …) per module.
    pub definitions: Vec<(ModPath, String)>,
    /// `macro_rules! name`: exported macros live at the crate root.
    pub macros: Vec<String>,
}

/// One leaf of a `use` tree: in module `at`, `binding` names `path`.
#[derive(Clone, Debug)]
pub struct Use {
    pub at: ModPath,
    pub path: Vec<String>,
    pub binding: Binding,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Binding {
    Name(String),
    Glob,
}

const ITEM_KEYWORDS: &[&str] = &[
    "struct", "enum", "fn", "trait", "type", "const", "static", "union",
];

pub fn scan(tokens: &[Token], module: &ModPath) -> Scan {
    let mut scan = Scan::default();
    let mut inline: Vec<(ModPath, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let at = inline.last().map_or(module, |(path, _)| path).clone();
        match &tokens[i] {
            Token::Punct('#') => {
                let (end, is_cfg_test) = attribute(tokens, i);
                i = if is_cfg_test {
                    skip_item(tokens, end)
                } else {
                    end
                };
                continue;
            }
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth = depth.saturating_sub(1);
                while inline.last().is_some_and(|(_, open)| *open > depth) {
                    inline.pop();
                }
            }
            Token::Ident(word) if word == "mod" => {
                if let (Some(Token::Ident(name)), Some(after)) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                {
                    let mut child = at.clone();
                    child.push(name.clone());
                    if *after == Token::Punct(';') {
                        scan.file_children.push((at.clone(), name.clone()));
                    } else if *after == Token::Punct('{') {
                        depth += 1;
                        inline.push((child.clone(), depth));
                        scan.inline_modules.push(child);
                        i += 3;
                        continue;
                    }
                    i += 2;
                    continue;
                }
            }
            Token::Ident(word) if word == "use" => {
                let mut leaves = Vec::new();
                i = use_tree(tokens, i + 1, Vec::new(), &mut leaves);
                scan.uses
                    .extend(leaves.into_iter().map(|(path, binding)| Use {
                        at: at.clone(),
                        path,
                        binding,
                    }));
                continue;
            }
            Token::Ident(word) if ITEM_KEYWORDS.contains(&word.as_str()) => {
                if let Some(Token::Ident(name)) = tokens.get(i + 1) {
                    scan.definitions.push((at.clone(), name.clone()));
                }
            }
            Token::Ident(word) if word == "macro_rules" => {
                if let Some(Token::Ident(name)) = tokens.get(i + 2) {
                    scan.macros.push(name.clone());
                }
            }
            Token::Ident(first)
                if tokens.get(i + 1) == Some(&Token::PathSep)
                    && (i == 0 || tokens[i - 1] != Token::PathSep) =>
            {
                let (path, end) = path_from(tokens, i, first);
                scan.paths.push((at, path));
                i = end;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    scan
}

/// `#[…]` or `#![…]` at `start`: the index after it, and whether it is `cfg(test)`.
fn attribute(tokens: &[Token], start: usize) -> (usize, bool) {
    let mut i = start + 1;
    if tokens.get(i) == Some(&Token::Punct('!')) {
        i += 1;
    }
    if tokens.get(i) != Some(&Token::Punct('[')) {
        return (start + 1, false);
    }
    let open = i;
    let mut depth = 0;
    while i < tokens.len() {
        match tokens[i] {
            Token::Punct('[') => depth += 1,
            Token::Punct(']') => {
                depth -= 1;
                if depth == 0 {
                    break;
                }
            }
            _ => {}
        }
        i += 1;
    }
    let inner = &tokens[open + 1..i.min(tokens.len())];
    let cfg_test = [
        Token::Ident("cfg".into()),
        Token::Punct('('),
        Token::Ident("test".into()),
        Token::Punct(')'),
    ];
    (i + 1, inner == cfg_test)
}

/// Skips the item starting at `start` (its attributes, then up to its `;` or its closing brace).
fn skip_item(tokens: &[Token], start: usize) -> usize {
    let mut i = start;
    while tokens.get(i) == Some(&Token::Punct('#')) {
        i = attribute(tokens, i).0;
    }
    let mut depth = 0;
    while i < tokens.len() {
        match tokens[i] {
            Token::Punct(';') if depth == 0 => return i + 1,
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    i
}

/// `a::b::c` from `start` (stops before `::<`, `::{`, `::*`).
fn path_from(tokens: &[Token], start: usize, first: &str) -> (Vec<String>, usize) {
    let mut path = vec![first.to_string()];
    let mut i = start + 1;
    while tokens.get(i) == Some(&Token::PathSep) {
        match tokens.get(i + 1) {
            Some(Token::Ident(next)) => {
                path.push(next.clone());
                i += 2;
            }
            _ => break,
        }
    }
    (path, i)
}

/// One use tree from `start` under `prefix`; pushes its leaves and returns the index after it
/// (after the `;` at the top level).
fn use_tree(
    tokens: &[Token],
    start: usize,
    prefix: Vec<String>,
    leaves: &mut Vec<(Vec<String>, Binding)>,
) -> usize {
    let mut path = prefix;
    let mut i = start;
    if tokens.get(i) == Some(&Token::PathSep) {
        i += 1;
    }
    loop {
        match tokens.get(i) {
            Some(Token::Ident(segment)) => {
                path.push(segment.clone());
                i += 1;
            }
            Some(Token::Punct('*')) => {
                leaves.push((path.clone(), Binding::Glob));
                i += 1;
                break;
            }
            Some(Token::Punct('{')) => {
                i += 1;
                while tokens.get(i).is_some_and(|t| *t != Token::Punct('}')) {
                    i = use_tree(tokens, i, path.clone(), leaves);
                    if tokens.get(i) == Some(&Token::Punct(',')) {
                        i += 1;
                    }
                }
                i += 1;
                return finish(tokens, i);
            }
            _ => break,
        }
        if tokens.get(i) == Some(&Token::PathSep) {
            i += 1;
            continue;
        }
        break;
    }
    if let Some(Token::Ident(word)) = tokens.get(i)
        && word == "as"
    {
        if let Some(Token::Ident(alias)) = tokens.get(i + 1) {
            i += 2;
            leaves.push((path, Binding::Name(alias.clone())));
        }
        return finish(tokens, i);
    }
    if let Some(last) = path.last().cloned()
        && !leaves
            .last()
            .is_some_and(|(p, b)| *b == Binding::Glob && *p == path)
    {
        // `use a::{self}` binds `a`.
        if last == "self" {
            path.pop();
            let name = path.last().cloned().unwrap_or_default();
            leaves.push((path, Binding::Name(name)));
        } else {
            leaves.push((path, Binding::Name(last)));
        }
    }
    finish(tokens, i)
}

/// After a (sub)tree: consumes the `;` that ends the declaration, if it is next.
fn finish(tokens: &[Token], i: usize) -> usize {
    if tokens.get(i) == Some(&Token::Punct(';')) {
        i + 1
    } else {
        i
    }
}
