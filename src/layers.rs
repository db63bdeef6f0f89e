//! The import map, enforced: every module of `src/` has its layer, a file may
//! import only from layers below its own (or from its own module), and no
//! files import each other in a circle. README's "Layout" section draws the
//! same map.
//!
//! Imports are read from the source text: every `crate::`, `super::` and
//! `self::` path outside comments, strings and the test module at the end of
//! a file. A module declaring and re-exporting its children (`mod.rs`, or
//! `config.rs` for `config/`) is not an import; a child's use of its parent
//! is, and a name a parent re-exports counts as the child file that defines it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// From the top down: a module may import only from the layers after its own.
const LAYERS: &[&[&str]] = &[
    &["cli"],
    &["backup", "wxr"],
    &["startup"],
    &["routes"],
    &["auth"],
    &["state"],
    &["media_intake", "metrics", "publisher"],
    &["hygiene", "image_work", "mail", "media_cache", "page_cache"],
    &["error"],
    &["respond"],
    &["templates"],
    &["i18n"],
    &["config"],
    &["diagnose", "files", "telemetry"],
    &["db"],
    &["domain"],
];

/// A module path below the crate root: `["routes", "admin", "posts"]`.
type ModPath = Vec<String>;

/// One source file of the tree, as the checks need it.
struct File {
    /// Where it is, for messages (`src/routes/admin/posts.rs`).
    name: String,
    module: ModPath,
    /// Its code without comments, strings and test module.
    code: String,
}

/// A file's module path: `src/a/b.rs` and `src/a/b/mod.rs` are both `a::b`.
fn module_of(relative: &str) -> Option<ModPath> {
    let stem = relative.strip_suffix(".rs")?;
    let mut parts: ModPath = stem.split('/').map(str::to_owned).collect();
    if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
        parts.pop();
    }
    Some(parts)
}

/// Whether the text before ends in a name (so an `r` there starts no raw
/// string), a byte string's `b` aside.
fn ends_a_name(before: &[char]) -> bool {
    let name = |c: &char| c.is_alphanumeric() || *c == '_';
    match before {
        [.., c, 'b'] => name(c),
        [.., c] => name(c),
        [] => false,
    }
}

/// The text up to its test module (`#[cfg(test)]`, which comes last), with
/// comments, string and character literals blanked out.
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let next = chars.get(i + 1).copied();
        let skipped = match chars[i] {
            '/' if next == Some('/') => Some(line_comment(&chars, i)),
            '/' if next == Some('*') => Some(block_comment(&chars, i)),
            'r' if matches!(next, Some('"' | '#')) && !ends_a_name(&chars[..i]) => {
                raw_string(&chars, i)
            }
            '"' => Some(string(&chars, i)),
            '\'' => char_literal(&chars, i),
            _ => None,
        };
        match skipped {
            Some(end) => {
                code.push(' ');
                i = end;
            }
            None => {
                code.push(chars[i]);
                i += 1;
            }
        }
    }
    code
}

/// Where a `//` comment starting at `i` ends (its line break stays).
fn line_comment(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && chars[i] != '\n' {
        i += 1;
    }
    i
}

/// Where a `/* … */` comment (nested ones too) starting at `i` ends.
fn block_comment(chars: &[char], mut i: usize) -> usize {
    let mut depth = 0;
    while i < chars.len() {
        let after = chars.get(i + 1).copied();
        if chars[i] == '/' && after == Some('*') {
            depth += 1;
            i += 2;
        } else if chars[i] == '*' && after == Some('/') {
            depth -= 1;
            i += 2;
            if depth == 0 {
                break;
            }
        } else {
            i += 1;
        }
    }
    i
}

/// Where a raw string `r#"…"#` starting at `i` ends; `None` when it is not
/// one (a raw name such as `r#type`).
fn raw_string(chars: &[char], i: usize) -> Option<usize> {
    let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
    if chars.get(i + 1 + hashes) != Some(&'"') {
        return None;
    }
    let closing: String = std::iter::once('"')
        .chain(std::iter::repeat_n('#', hashes))
        .collect();
    let body_start = i + 2 + hashes;
    let body: String = chars[body_start..].iter().collect();
    let len = body.find(&closing).map_or(body.len(), |n| {
        body[..n].chars().count() + closing.chars().count()
    });
    Some(body_start + len)
}

/// Where a string literal starting at `i` ends.
fn string(chars: &[char], mut i: usize) -> usize {
    i += 1;
    while i < chars.len() && chars[i] != '"' {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    i + 1
}

/// Where a character literal starting at `i` ends; `None` for a lifetime.
fn char_literal(chars: &[char], i: usize) -> Option<usize> {
    if chars.get(i + 1) == Some(&'\\') {
        let mut end = i + 3;
        while end < chars.len() && chars[end] != '\'' {
            end += 1;
        }
        Some(end + 1)
    } else if chars.get(i + 2) == Some(&'\'') {
        Some(i + 3)
    } else {
        None
    }
}

/// The code as tokens: names, `::`, and single characters (`{ } , * ;` …).
fn tokens(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            out.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push("::".to_owned());
            i += 2;
        } else {
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
            i += 1;
        }
    }
    out
}

/// The paths of a use tree (or of an expression path) starting at token `at`,
/// after `prefix::`; returns where the tree ends.
fn use_tree(tokens: &[String], mut at: usize, prefix: &[String], out: &mut Vec<ModPath>) -> usize {
    match tokens.get(at).map(String::as_str) {
        Some("{") => {
            at += 1;
            loop {
                match tokens.get(at).map(String::as_str) {
                    Some("}") | None => return at + 1,
                    Some(",") => at += 1,
                    _ => {
                        let end = use_tree(tokens, at, prefix, out);
                        // Skip what follows a path in a group (`as name`).
                        at = end.max(at + 1);
                        while !matches!(tokens.get(at).map(String::as_str), Some("," | "}") | None)
                        {
                            at += 1;
                        }
                    }
                }
            }
        }
        Some("*") => {
            out.push(prefix.to_vec());
            at + 1
        }
        Some(name) if name.chars().all(|c| c.is_alphanumeric() || c == '_') => {
            let mut path = prefix.to_vec();
            path.push(name.to_owned());
            if tokens.get(at + 1).map(String::as_str) == Some("::") {
                use_tree(tokens, at + 2, &path, out)
            } else {
                out.push(path);
                at + 1
            }
        }
        _ => at,
    }
}

/// Where a path starting with `head` starts, in a file of module `module`.
fn base_of(head: &str, module: &[String]) -> Option<ModPath> {
    match head {
        "crate" => Some(ModPath::new()),
        "super" => Some(module[..module.len().saturating_sub(1)].to_vec()),
        "self" => Some(module.to_vec()),
        _ => None,
    }
}

/// `a::b::super::c` is `a::c`.
fn without_supers(path: &[String]) -> ModPath {
    let mut out = ModPath::new();
    for segment in path {
        match segment.as_str() {
            "super" => {
                out.pop();
            }
            "self" => {}
            _ => out.push(segment.clone()),
        }
    }
    out
}

/// Every path in `code` that starts at `crate`, `super` or `self`, made
/// absolute for a file of module `module`.
fn paths_in(code: &str, module: &[String]) -> Vec<ModPath> {
    let tokens = tokens(code);
    let mut found = Vec::new();
    let mut i = 0;
    while i + 1 < tokens.len() {
        let preceded_by_path = i > 0 && tokens[i - 1] == "::";
        let base = base_of(&tokens[i], module).filter(|_| !preceded_by_path);
        if let Some(base) = base.filter(|_| tokens[i + 1] == "::") {
            let mut paths = Vec::new();
            i = use_tree(&tokens, i + 2, &base, &mut paths).max(i + 1);
            found.extend(paths.iter().map(|p| without_supers(p)));
        } else {
            i += 1;
        }
    }
    found
}

/// The tree's files, findable by module path.
struct Tree {
    files: Vec<File>,
    by_module: BTreeMap<ModPath, usize>,
}

impl Tree {
    /// The tree of `sources` (path from the crate's folder, text); `lib.rs`
    /// (the module list) and `main.rs` (the binary) are not in the map.
    fn new(sources: &[(String, String)]) -> Self {
        let files: Vec<File> = sources
            .iter()
            .filter_map(|(name, text)| {
                let module = module_of(name.strip_prefix("src/")?)?;
                let code = code_of(text);
                Some(File {
                    name: name.clone(),
                    module,
                    code,
                })
            })
            .filter(|f| !f.module.is_empty() && f.module != ["main"])
            .collect();
        let by_module = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.module.clone(), i))
            .collect();
        Self { files, by_module }
    }

    /// The names a module file re-exports (`pub use x::Y;`), with where they point.
    fn reexports(&self, file: usize) -> BTreeMap<String, ModPath> {
        let f = &self.files[file];
        let tokens = tokens(&f.code);
        let mut out = BTreeMap::new();
        for (i, token) in tokens.iter().enumerate() {
            let public = match i {
                0 => false,
                _ if tokens[i - 1] == "pub" => true,
                _ => tokens[i - 1] == ")" && i >= 4 && tokens[i - 4] == "pub",
            };
            if token != "use" || !public {
                continue;
            }
            let head = tokens.get(i + 1).and_then(|h| base_of(h, &f.module));
            let (base, start) = match head {
                Some(base) => (base, i + 3),
                None => (f.module.clone(), i + 1),
            };
            let mut paths = Vec::new();
            use_tree(&tokens, start, &base, &mut paths);
            for path in paths.iter().map(|p| without_supers(p)) {
                if let Some(name) = path.last() {
                    out.insert(name.clone(), path.clone());
                }
            }
        }
        out
    }

    /// The file a path leads into: its longest module prefix, through re-exports.
    fn resolve(&self, path: &[String], depth: usize) -> Option<usize> {
        let (len, file) = (0..=path.len())
            .rev()
            .find_map(|n| self.by_module.get(&path[..n]).map(|&f| (n, f)))?;
        if depth < 8
            && let Some(name) = path.get(len)
            && let Some(target) = self.reexports(file).get(name)
        {
            let mut followed = target.clone();
            followed.extend(path[len + 1..].iter().cloned());
            return self.resolve(&followed, depth + 1).or(Some(file));
        }
        Some(file)
    }

    /// Each file's imports of other files; a module's own children are
    /// declarations, not imports.
    fn imports(&self) -> Vec<BTreeSet<usize>> {
        self.files
            .iter()
            .map(|f| {
                paths_in(&f.code, &f.module)
                    .iter()
                    .filter_map(|p| self.resolve(p, 0))
                    .filter(|&target| !self.files[target].module.starts_with(&f.module))
                    .collect()
            })
            .collect()
    }
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

/// Imports that run back up (or sideways) the layers, and modules with no layer.
fn upward(tree: &Tree, imports: &[BTreeSet<usize>]) -> Vec<String> {
    let mut problems = Vec::new();
    for (from, targets) in imports.iter().enumerate() {
        let file = &tree.files[from];
        let top = &file.module[0];
        let Some(own) = layer_of(top) else {
            problems.push(format!("{}: the module `{top}` has no layer", file.name));
            continue;
        };
        for &to in targets {
            let other = &tree.files[to].module[0];
            if other != top && layer_of(other).is_none_or(|layer| layer <= own) {
                problems.push(format!(
                    "{} imports {}: `{top}` may not import `{other}`",
                    file.name, tree.files[to].name
                ));
            }
        }
    }
    problems
}

/// Tarjan's strongly connected components, for `circles`.
struct Walk<'a> {
    imports: &'a [BTreeSet<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    stack: Vec<usize>,
    on_stack: Vec<bool>,
    next: usize,
    found: Vec<Vec<usize>>,
}

impl Walk<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &t in self.imports[v].iter() {
            match self.index[t] {
                None => {
                    self.visit(t);
                    self.low[v] = self.low[v].min(self.low[t]);
                }
                Some(i) if self.on_stack[t] => self.low[v] = self.low[v].min(i),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut group = Vec::new();
            while let Some(t) = self.stack.pop() {
                self.on_stack[t] = false;
                group.push(t);
                if t == v {
                    break;
                }
            }
            if group.len() > 1 {
                self.found.push(group);
            }
        }
    }
}

/// Groups of files that import each other, round in a circle.
fn circles(tree: &Tree, imports: &[BTreeSet<usize>]) -> Vec<Vec<String>> {
    let n = imports.len();
    let mut walk = Walk {
        imports,
        index: vec![None; n],
        low: vec![0; n],
        stack: Vec::new(),
        on_stack: vec![false; n],
        next: 0,
        found: Vec::new(),
    };
    for v in 0..n {
        if walk.index[v].is_none() {
            walk.visit(v);
        }
    }
    walk.found
        .into_iter()
        .map(|group| {
            let mut names: Vec<String> =
                group.iter().map(|&f| tree.files[f].name.clone()).collect();
            names.sort();
            names
        })
        .collect()
}

fn check(sources: &[(String, String)]) -> (Vec<String>, Vec<Vec<String>>) {
    let tree = Tree::new(sources);
    let imports = tree.imports();
    (upward(&tree, &imports), circles(&tree, &imports))
}

fn sources(dir: &Path, root: &Path, found: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, root, found);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let name = path.strip_prefix(root).unwrap().display().to_string();
            found.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
}

#[test]
fn imports_run_down_the_layers_and_never_in_a_circle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    sources(&root.join("src"), root, &mut found);
    // This file is compiled for tests only and has no place in the map.
    found.retain(|(name, _)| name != "src/layers.rs");
    assert!(found.len() > 50, "{}", found.len());
    let (upward, circles) = check(&found);
    assert!(upward.is_empty(), "imports that run back up: {upward:#?}");
    assert!(
        circles.is_empty(),
        "files that import each other: {circles:#?}"
    );
}

fn tree(files: &[(&str, &str)]) -> Vec<(String, String)> {
    files
        .iter()
        .map(|(name, text)| ((*name).to_owned(), (*text).to_owned()))
        .collect()
}

#[test]
fn an_import_from_a_higher_layer_is_found_in_any_form() {
    for import in [
        "use crate::routes::x::thing;",
        "use crate::{domain::y, routes::x};",
        "fn f() { crate::routes::x::thing() }",
        "use crate::routes::{\n    x::{self, thing as other},\n};",
        "use super::routes::x;",
    ] {
        let files = tree(&[
            ("src/config.rs", import),
            ("src/routes/mod.rs", "pub mod x;"),
            ("src/routes/x.rs", "pub fn thing() {}"),
            ("src/domain/y.rs", ""),
        ]);
        let (upward, _) = check(&files);
        assert_eq!(upward.len(), 1, "{import}: {upward:?}");
        assert!(
            upward[0].contains("`config` may not import `routes`"),
            "{upward:?}"
        );
    }
}

#[test]
fn comments_strings_and_tests_do_not_count_but_a_module_without_a_layer_does() {
    let files = tree(&[
        (
            "src/config.rs",
            "// crate::routes::x\n/// see `crate::routes`\nconst A: &str = \"crate::routes::x\";\n\
             const B: &str = r#\"crate::routes\"#;\nconst C: char = '\\'';\n\
             #[cfg(test)]\nmod tests { use crate::routes::x; }",
        ),
        ("src/routes/x.rs", ""),
        ("src/attic.rs", "use crate::domain::y;"),
        ("src/domain/y.rs", ""),
    ]);
    let (upward, circles) = check(&files);
    assert_eq!(upward, ["src/attic.rs: the module `attic` has no layer"]);
    assert!(circles.is_empty());
}

#[test]
fn files_importing_each_other_are_found_also_through_a_parents_reexport() {
    let files = tree(&[
        (
            "src/auth/mod.rs",
            "pub mod a;\npub mod b;\npub use b::Thing;",
        ),
        ("src/auth/a.rs", "use super::Thing;\npub fn helper() {}"),
        (
            "src/auth/b.rs",
            "pub struct Thing;\nfn f() { super::a::helper() }",
        ),
        ("src/auth/c.rs", "use super::a::helper;"),
    ]);
    let (upward, circles) = check(&files);
    assert!(upward.is_empty(), "{upward:?}");
    assert_eq!(circles, [vec!["src/auth/a.rs", "src/auth/b.rs"]]);
}

#[test]
fn a_parent_declaring_its_children_is_no_circle() {
    let files = tree(&[
        (
            "src/db/mod.rs",
            "pub mod posts;\npub fn begin() {}\nfn f() { self::posts::g() }",
        ),
        ("src/db/posts.rs", "pub fn g() { super::begin() }"),
    ]);
    assert_eq!(check(&files), (Vec::new(), Vec::new()));
}
