//! The guard that keeps koe-core's folders in layers: each top-level module may use only the
//! modules below it in [`LAYERS`], so no cycle can form between them and the folder names keep
//! telling the architecture.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::run::Fail;

/// koe-core's top-level modules from the bottom layer up (as `lib.rs` declares them).
pub const LAYERS: [&str; 9] =
    ["text", "project", "import", "query", "report", "export", "saved", "worker", "ui"];

/// A use of one top-level module by another that goes up or sideways in [`LAYERS`].
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Breach {
    /// The file that has the use.
    pub file: String,
    /// The module the file belongs to.
    pub from: String,
    /// The module it uses.
    pub to: String,
}

/// Fails when a koe-core file uses a module at its own layer's level or above.
pub fn run() -> Result<(), Fail> {
    let src = crate::run::root().join("app/koe-core/src");
    let breaches = breaches_in(&src).map_err(|e| Fail::new(format!("reading {}: {e}", src.display())))?;
    if breaches.is_empty() {
        println!("layers: koe-core's modules keep their order {}", LAYERS.join(" < "));
        return Ok(());
    }
    let list: Vec<String> =
        breaches.iter().map(|b| format!("{} ({} uses {})", b.file, b.from, b.to)).collect();
    Err(Fail::new(format!(
        "koe-core's layers are {}; these uses go up or sideways: {}",
        LAYERS.join(" < "),
        list.join("; ")
    )))
}

/// Every breach of the layer order in the source tree under `src`.
pub fn breaches_in(src: &Path) -> std::io::Result<Vec<Breach>> {
    let mut breaches = Vec::new();
    for file in rust_files(src)? {
        let relative = file.strip_prefix(src).unwrap_or(&file);
        let Some(from) = top_module(relative) else { continue };
        let Some(from_rank) = rank(&from) else { continue };
        let text = std::fs::read_to_string(&file)?;
        for to in used_modules(&text) {
            if to != from && rank(&to).is_some_and(|to_rank| to_rank >= from_rank) {
                breaches.push(Breach { file: relative.display().to_string(), from: from.clone(), to });
            }
        }
    }
    breaches.sort();
    Ok(breaches)
}

fn rank(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| *layer == module)
}

/// The top-level module a file under `src` belongs to (`report/kpi.rs` and `report.rs`: `report`).
fn top_module(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    Some(first.trim_end_matches(".rs").to_owned())
}

/// The top-level modules a file names as `crate::name`, directly or inside `use crate::{…}`.
/// Test modules count too: a test that needs a higher layer belongs with that layer.
pub fn used_modules(text: &str) -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The first names at the group's top level are modules (or root items).
            let mut depth = 0usize;
            let mut name = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 && (c.is_alphanumeric() || c == '_') {
                    name.push(c);
                } else {
                    if !name.is_empty() {
                        used.insert(std::mem::take(&mut name));
                    }
                    // Skip the path after `name::` up to the next item of the group.
                    if c == ':' {
                        name.clear();
                    }
                }
            }
            continue;
        }
        let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !name.is_empty() {
            used.insert(name);
        }
    }
    used.retain(|name| rank(name).is_some());
    used
}

fn rust_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files.extend(rust_files(&path)?);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_direct_and_grouped_uses() {
        let text = "use crate::project::codebook::Codebook;\nuse crate::{import::dates::parse, text::{lang::Lang, normalize}};\nlet x = crate::report::build();";
        let used: Vec<String> = used_modules(text).into_iter().collect();
        assert_eq!(used, ["import", "project", "report", "text"]);
    }

    #[test]
    fn a_use_up_the_layers_is_a_breach_and_koe_core_has_none() {
        let dir = std::env::temp_dir().join(format!("koe-layers-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("project")).expect("dir");
        std::fs::write(
            dir.join("project/codebook.rs"),
            "use crate::report::Thing;\nuse crate::text::lang::Lang;",
        )
        .expect("file");
        std::fs::write(dir.join("report.rs"), "use crate::project::codebook::Codebook;").expect("file");
        let found = breaches_in(&dir).expect("read");
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(
            found,
            [Breach { file: "project/codebook.rs".into(), from: "project".into(), to: "report".into() }]
        );
        let core = crate::run::root().join("app/koe-core/src");
        assert_eq!(breaches_in(&core).expect("koe-core read"), [], "koe-core keeps its layers");
    }
}
