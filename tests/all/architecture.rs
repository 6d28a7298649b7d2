//! The rules of ARCHITECTURE.md that a machine can check: which layer may name which, and no
//! import cycles between sibling files. Reads the source tree; test code inside `src/` (a
//! file's `#[cfg(test)]` part and `src/gui/tests/`) is left out, since tests may open the file
//! with rusqlite on purpose.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each source file's module path (`["services", "requests", "workflow"]`) and its code, without
/// comments and without its test part.
fn sources() -> BTreeMap<Vec<String>, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut out = BTreeMap::new();
    for path in files {
        let rel = path.strip_prefix(&root).expect("under src");
        if rel.starts_with("gui/tests") || rel == Path::new("main.rs") || rel == Path::new("lib.rs")
        {
            continue;
        }
        let mut module: Vec<String> = rel
            .with_extension("")
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        let text = std::fs::read_to_string(&path).expect("read a source file");
        out.insert(module, code_of(&text));
    }
    out
}

fn collect(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            collect(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The code of a file without `//` comments and without what follows its first `#[cfg(test)]`
/// (the convention here: tests come last).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]").next().unwrap_or("");
    text.lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The words each layer must not name.
const FORBIDDEN: &[(&str, &[&str])] = &[
    (
        "crypto",
        &[
            "crate::store",
            "crate::domain",
            "crate::services",
            "crate::gui",
            "crate::cli",
            "rusqlite",
            "egui",
        ],
    ),
    (
        "store",
        &["crate::services", "crate::gui", "crate::cli", "egui"],
    ),
    (
        "domain",
        &[
            "rusqlite",
            "egui",
            "crate::store",
            "crate::services",
            "crate::gui",
            "crate::cli",
        ],
    ),
    (
        "services",
        &["rusqlite", "egui", "crate::gui", "crate::cli"],
    ),
    ("demo", &["rusqlite", "egui", "crate::gui", "crate::cli"]),
    ("cli", &["rusqlite", "crate::store", "crate::gui"]),
    ("gui", &["rusqlite", "crate::store", "crate::cli"]),
];

/// Named on purpose: the command line's entry opens the window when no command is given.
const ALLOWED: &[(&str, &str)] = &[("cli", "crate::gui::run(")];

#[test]
fn each_layer_names_only_the_layers_below_it() {
    let mut found = Vec::new();
    for (module, code) in sources() {
        let mut code = code;
        for (file, call) in ALLOWED {
            if module.join("/") == *file {
                code = code.replace(call, "");
            }
        }
        for (layer, words) in FORBIDDEN {
            if module.first().map(String::as_str) != Some(layer) {
                continue;
            }
            for word in *words {
                if code.contains(word) {
                    found.push(format!("src/{} names `{word}`", module.join("/")));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "layer rule broken (see ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
}

/// The sibling modules each module refers to (through `super::x` or a `crate::` path that
/// passes through a sibling).
fn sibling_edges(
    sources: &BTreeMap<Vec<String>, String>,
) -> BTreeMap<Vec<String>, Vec<Vec<String>>> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut edges = BTreeMap::new();
    for (module, code) in sources {
        let Some((_, parent)) = module.split_last() else {
            continue;
        };
        let mut refs = BTreeSet::new();
        for (i, _) in code.match_indices("super::") {
            let before = &code[..i];
            if before.ends_with("super::") {
                continue;
            }
            let rest = &code[i + "super::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or("");
                for name in inner.split([',', ' ', '\n']).map(word) {
                    refs.insert(name);
                }
            } else {
                refs.insert(word(rest));
            }
        }
        let prefix = format!("crate::{}::", parent.join("::"));
        let prefix = if parent.is_empty() {
            "crate::".to_owned()
        } else {
            prefix
        };
        for (i, _) in code.match_indices(&prefix) {
            refs.insert(word(&code[i + prefix.len()..]));
        }
        let siblings: Vec<Vec<String>> = refs
            .into_iter()
            .filter(|name| !name.is_empty())
            .map(|name| {
                let mut m = parent.to_vec();
                m.push(name);
                m
            })
            .filter(|m| m != module && sources.contains_key(m))
            .collect();
        edges.insert(module.clone(), siblings);
    }
    edges
}

/// The groups of modules that import each other in a ring (strongly connected components of
/// more than one module), each as sorted `a::b` names.
fn cycles(edges: &BTreeMap<Vec<String>, Vec<Vec<String>>>) -> BTreeSet<Vec<String>> {
    // Tarjan's algorithm, iterative enough for a source tree of a few hundred files.
    struct State<'a> {
        edges: &'a BTreeMap<Vec<String>, Vec<Vec<String>>>,
        index: BTreeMap<&'a [String], usize>,
        low: BTreeMap<&'a [String], usize>,
        stack: Vec<&'a [String]>,
        on_stack: BTreeSet<&'a [String]>,
        next: usize,
        found: BTreeSet<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a [String]) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).map(Vec::as_slice).unwrap_or(&[]) {
            let w = w.as_slice();
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut ring = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                ring.push(w.join("::"));
                if w == v {
                    break;
                }
            }
            if ring.len() > 1 {
                ring.sort();
                s.found.insert(ring);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: BTreeSet::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_slice()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn sibling_files_do_not_import_each_other_in_a_ring() {
    let found = cycles(&sibling_edges(&sources()));
    assert!(
        found.is_empty(),
        "sibling files import each other in a ring; move what they share into its own file or make the parent a folder:\n{found:#?}"
    );
}

#[test]
fn the_cycle_finder_finds_a_ring_and_only_a_ring() {
    let m = |s: &str| s.split("::").map(str::to_owned).collect::<Vec<_>>();
    let mut sources = BTreeMap::new();
    sources.insert(m("a::x"), "use super::y::Thing;".to_owned());
    sources.insert(m("a::y"), "use crate::a::z::Other;".to_owned());
    sources.insert(m("a::z"), "use super::{x, w};".to_owned());
    sources.insert(m("a::w"), "use super::super::b::Far;".to_owned());
    sources.insert(m("b"), String::new());
    let found = cycles(&sibling_edges(&sources));
    assert_eq!(
        found,
        BTreeSet::from([vec![
            "a::x".to_owned(),
            "a::y".to_owned(),
            "a::z".to_owned()
        ]])
    );
}
