//! Installing what a fresh machine lacks; a tool already present at the right version is
//! left alone.

use std::path::Path;

use crate::pins::{self, Pins};
use crate::run::{Fail, Tools, root, tools_dir};

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// npm packages the tests read (never loaded by the app), pinned.
const TEST_NPM_PACKAGES: [&str; 3] = ["csv-spectrum@2.0.0", "axe-core@4.10.3", "papaparse@5.5.3"];
const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Makes sure every tool is installed; with `browser`, Chromium and ChromeDriver too.
pub fn ensure_all(browser: bool) -> Result<Tools, Fail> {
    let pins = pins::read(&root())?;
    let mut tools = Tools::default();
    ensure_wasm_target(&tools)?;
    ensure_trunk(&tools, &pins)?;
    ensure_wasm_bindgen(&tools, &pins)?;
    ensure_wasm_opt(&tools, &pins)?;
    if browser {
        ensure_test_packages(&tools)?;
        ensure_browser(&tools)?;
        tools.env.push(("CHROMEDRIVER".into(), CHROMEDRIVER.into()));
        tools.env.push(("KOE_CHROMIUM".into(), CHROMIUM.into()));
    }
    Ok(tools)
}

fn ensure_wasm_target(tools: &Tools) -> Result<(), Fail> {
    let installed = tools.output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    tools.run("rustup", &["target", "add", WASM_TARGET]).map_err(|_| {
        Fail::new(format!("could not add the {WASM_TARGET} target; run `rustup target add {WASM_TARGET}`"))
    })
}

fn has_version(tools: &Tools, program: &str, expected: &str) -> bool {
    tools.output(program, &["--version"]).is_some_and(|v| v.split_whitespace().any(|word| word == expected))
}

fn ensure_trunk(tools: &Tools, pins: &Pins) -> Result<(), Fail> {
    if has_version(tools, "trunk", &pins.trunk) {
        return Ok(());
    }
    println!("Installing Trunk {} (a few minutes, once)…", pins.trunk);
    tools.run("cargo", &["install", "trunk", "--version", &pins.trunk, "--locked"])
}

fn ensure_wasm_bindgen(tools: &Tools, pins: &Pins) -> Result<(), Fail> {
    let runner_present = tools.output("wasm-bindgen-test-runner", &["--version"]).is_some();
    if has_version(tools, "wasm-bindgen", &pins.wasm_bindgen) && runner_present {
        return Ok(());
    }
    println!("Installing wasm-bindgen-cli {} (a few minutes, once)…", pins.wasm_bindgen);
    // Not `--locked`: wasm-bindgen-cli's own lock file names a dependency version the
    // registry here does not serve (see shared/toolchain.md); its semver ranges resolve fine.
    tools.run("cargo", &["install", "wasm-bindgen-cli", "--version", &pins.wasm_bindgen])
}

fn ensure_wasm_opt(tools: &Tools, pins: &Pins) -> Result<(), Fail> {
    let wasm_opt = tools_dir().join("node_modules").join(".bin").join("wasm-opt");
    let wasm_opt = wasm_opt.to_string_lossy();
    if has_version(tools, &wasm_opt, &pins.binaryen) {
        return Ok(());
    }
    npm_install(tools, &[&format!("binaryen@{}", pins.binaryen)])
}

/// Test data from the npm registry, installed beside wasm-opt in `.tools/`.
fn ensure_test_packages(tools: &Tools) -> Result<(), Fail> {
    let modules = tools_dir().join("node_modules");
    let missing: Vec<&str> = TEST_NPM_PACKAGES
        .iter()
        .filter(|spec| {
            let (name, version) = spec.rsplit_once('@').unwrap_or((spec, ""));
            let manifest =
                std::fs::read_to_string(modules.join(name).join("package.json")).unwrap_or_default();
            !manifest.contains(&format!("\"version\": \"{version}\""))
        })
        .copied()
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    npm_install(tools, &missing)
}

fn npm_install(tools: &Tools, packages: &[&str]) -> Result<(), Fail> {
    if tools.output("npm", &["--version"]).is_none() {
        return Err(Fail::new(
            "npm is missing: install Node.js 20 or newer (it brings npm), then run this again",
        ));
    }
    let prefix = tools_dir();
    std::fs::create_dir_all(&prefix)
        .map_err(|e| Fail::new(format!("cannot create {}: {e}", prefix.display())))?;
    let prefix = prefix.to_string_lossy();
    let mut args = vec!["install", "--prefix", &prefix, "--no-audit", "--no-fund"];
    args.extend_from_slice(packages);
    tools.run("npm", &args)
}

/// A Japanese font, so the screenshots the tests leave show Japanese instead of boxes.
const CJK_FONT: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

fn ensure_browser(tools: &Tools) -> Result<(), Fail> {
    if Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists() && Path::new(CJK_FONT).exists() {
        return Ok(());
    }
    const HINT: &str = "Koe's browser tests need Debian's Chromium, ChromeDriver and a Japanese font:\n    \
                        sudo apt-get update && sudo apt-get install -y chromium chromium-driver fonts-noto-cjk";
    let is_root = tools.output("id", &["-u"]).as_deref() == Some("0");
    let sudo = !is_root && tools.output("sudo", &["-n", "true"]).is_some();
    if !is_root && !sudo {
        return Err(Fail::new(format!(
            "{HINT}\n(no root and no password-less sudo here, so it was not done)"
        )));
    }
    let (program, prefix): (&str, &[&str]) = if is_root { ("apt-get", &[]) } else { ("sudo", &["apt-get"]) };
    fn with<'a>(prefix: &[&'a str], args: &[&'a str]) -> Vec<&'a str> {
        [prefix, args].concat()
    }
    let mut update = tools.command(program, &with(prefix, &["update", "-q"]));
    update.env("DEBIAN_FRONTEND", "noninteractive");
    crate::run::run_command(update, "apt-get update").map_err(|e| Fail::new(format!("{e}\n{HINT}")))?;
    let mut install = tools.command(
        program,
        &with(prefix, &["install", "-y", "-q", "chromium", "chromium-driver", "fonts-noto-cjk"]),
    );
    install.env("DEBIAN_FRONTEND", "noninteractive");
    crate::run::run_command(install, "apt-get install chromium chromium-driver fonts-noto-cjk")
        .map_err(|e| Fail::new(format!("{e}\n{HINT}")))
}
