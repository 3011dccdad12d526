//! Tool versions, each kept in exactly one place: wasm-bindgen in Cargo.lock, Trunk and
//! wasm-opt in Trunk.toml. This module reads them and checks they agree.

use std::path::Path;

use crate::run::Fail;

/// The versions the build needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pins {
    /// `trunk-version` in Trunk.toml.
    pub trunk: String,
    /// The `wasm-bindgen` crate version in Cargo.lock.
    pub wasm_bindgen: String,
    /// The binaryen major version from Trunk.toml's `wasm_opt = "version_N"`.
    pub binaryen: String,
}

/// Reads the pins from the workspace and checks that Trunk.toml agrees with Cargo.lock.
pub fn read(root: &Path) -> Result<Pins, Fail> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock"))
        .map_err(|e| Fail::new(format!("cannot read Cargo.lock: {e}")))?;
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml"))
        .map_err(|e| Fail::new(format!("cannot read Trunk.toml: {e}")))?;
    from_texts(&lock, &trunk_toml)
}

/// The pins from the texts of Cargo.lock and Trunk.toml.
pub fn from_texts(lock: &str, trunk_toml: &str) -> Result<Pins, Fail> {
    let lock: toml::Table = lock.parse().map_err(|e| Fail::new(format!("Cargo.lock: {e}")))?;
    let trunk: toml::Table = trunk_toml.parse().map_err(|e| Fail::new(format!("Trunk.toml: {e}")))?;
    let wasm_bindgen = lock
        .get("package")
        .and_then(|p| p.as_array())
        .into_iter()
        .flatten()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some("wasm-bindgen"))
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .ok_or_else(|| Fail::new("Cargo.lock has no wasm-bindgen package"))?
        .to_owned();
    let text = |path: &[&str]| -> Option<String> {
        let mut value = trunk.get(path[0])?;
        for key in &path[1..] {
            value = value.get(key)?;
        }
        value.as_str().map(str::to_owned)
    };
    let trunk_version =
        text(&["trunk-version"]).ok_or_else(|| Fail::new("Trunk.toml has no trunk-version"))?;
    let pinned_bindgen = text(&["tools", "wasm_bindgen"])
        .ok_or_else(|| Fail::new("Trunk.toml has no [tools] wasm_bindgen pin"))?;
    if pinned_bindgen != wasm_bindgen {
        return Err(Fail::new(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned_bindgen}\" but Cargo.lock has wasm-bindgen {wasm_bindgen}; \
             set [tools] wasm_bindgen = \"{wasm_bindgen}\" in Trunk.toml"
        )));
    }
    let binaryen = text(&["tools", "wasm_opt"])
        .and_then(|v| v.strip_prefix("version_").map(str::to_owned))
        .ok_or_else(|| Fail::new("Trunk.toml needs [tools] wasm_opt = \"version_N\""))?;
    Ok(Pins { trunk: trunk_version, wasm_bindgen, binaryen })
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCK: &str = "version = 4\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";

    fn trunk(bindgen: &str) -> String {
        format!(
            "trunk-version = \"0.21.14\"\n[tools]\nwasm_bindgen = \"{bindgen}\"\nwasm_opt = \"version_132\"\n"
        )
    }

    #[test]
    fn reads_agreeing_pins() {
        let pins = from_texts(LOCK, &trunk("0.2.130")).expect("pins");
        assert_eq!(
            pins,
            Pins { trunk: "0.21.14".into(), wasm_bindgen: "0.2.130".into(), binaryen: "132".into() }
        );
    }

    #[test]
    fn refuses_a_trunk_pin_that_disagrees_with_the_lock_file() {
        let error = from_texts(LOCK, &trunk("0.2.100")).expect_err("mismatch");
        assert!(error.to_string().contains("wasm_bindgen = \"0.2.130\""), "{error}");
    }

    #[test]
    fn the_repository_pins_agree() {
        read(&crate::run::root()).expect("Trunk.toml agrees with Cargo.lock");
    }
}
