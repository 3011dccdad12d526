//! The guard that keeps koe-core free of web crates, so the domain stays testable natively.

use crate::run::{Fail, Tools};

/// Crates that belong to the browser layer, never to koe-core.
const WEB_CRATES: &[&str] = &["leptos", "web-sys", "wasm-bindgen", "gloo", "js-sys", "charming"];

/// Fails when koe-core's normal dependency tree names a web crate.
pub fn run() -> Result<(), Fail> {
    let tree = Tools::default()
        .output(
            "cargo",
            &["tree", "--package", "koe-core", "--edges", "normal", "--prefix", "none", "--format", "{p}"],
        )
        .ok_or_else(|| Fail::new("`cargo tree -p koe-core` failed"))?;
    let offenders = web_crates_in(&tree);
    if offenders.is_empty() {
        println!("deps-guard: koe-core has no web crate among {} dependencies", tree.lines().count());
        Ok(())
    } else {
        Err(Fail::new(format!(
            "koe-core must not depend on web crates, but its tree has: {}",
            offenders.join(", ")
        )))
    }
}

/// The web crates named in a `cargo tree --format {p}` listing.
fn web_crates_in(tree: &str) -> Vec<String> {
    let mut found: Vec<String> = tree
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| WEB_CRATES.iter().any(|web| name == web || name.starts_with(&format!("{web}-"))))
        .map(str::to_owned)
        .collect();
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_web_crates_and_ignores_the_rest() {
        let tree = "koe-core v0.1.0\ncsv v1.3.1\nleptos v0.8.23\ngloo-file v0.3.0\nwasm-bindgen v0.2.130\nchrono v0.4\n";
        assert_eq!(web_crates_in(tree), vec!["gloo-file", "leptos", "wasm-bindgen"]);
        assert!(web_crates_in("koe-core v0.1.0\ncsv v1.3.1\n").is_empty());
    }
}
