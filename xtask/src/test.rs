//! `cargo xtask test`: every test layer, in the order that fails fastest.

use std::time::Instant;

use crate::run::{Fail, Tools};
use crate::{build_dist, deps_guard, setup};

/// Where the sub-path build (as GitHub Pages serves it) goes.
const SUBPATH_DIST: &str = "target/dist-subpath";

/// Runs every layer; stops at the first failure.
pub fn run_all() -> Result<(), Fail> {
    let started = Instant::now();
    let tools = setup::ensure_all(true)?;
    let mut times = Vec::new();
    let mut step = |name: &str, work: &dyn Fn() -> Result<(), Fail>| -> Result<(), Fail> {
        println!("\n=== {name} ===");
        let at = Instant::now();
        work().map_err(|e| Fail::new(format!("{name}: {e}")))?;
        times.push((name.to_owned(), at.elapsed().as_secs_f64()));
        Ok(())
    };
    step("format", &|| tools.run("cargo", &["fmt", "--all", "--check"]))?;
    step("clippy (native)", &|| {
        tools.run("cargo", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
    })?;
    step("clippy (wasm32)", &|| {
        tools.run(
            "cargo",
            &[
                "clippy",
                "--package",
                "koe-core",
                "--package",
                "koe-web",
                "--package",
                "koe-import-worker",
                "--package",
                "koe-bench",
                "--all-targets",
                "--target",
                "wasm32-unknown-unknown",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    step("koe-core has no web dependency", &deps_guard::run)?;
    step("koe-core's modules keep their layers", &crate::layers::run)?;
    step("native tests (koe-core, xtask)", &|| {
        tools.run("cargo", &["test", "--package", "koe-core", "--package", "xtask"])
    })?;
    step("wasm-bindgen tests in headless Chromium", &|| web_tests(&tools))?;
    step("release build (/)", &|| build_dist(&tools, "/", "dist"))?;
    step("release build (/koe/)", &|| build_dist(&tools, "/koe/", SUBPATH_DIST))?;
    step("end-to-end tests in headless Chromium", &|| {
        let mut e2e = tools.clone();
        e2e.env.push(("KOE_DIST".into(), crate::run::root().join("dist").to_string_lossy().into_owned()));
        e2e.env.push((
            "KOE_DIST_SUBPATH".into(),
            crate::run::root().join(SUBPATH_DIST).to_string_lossy().into_owned(),
        ));
        e2e.run("cargo", &["test", "--package", "koe-e2e", "--", "--test-threads=1"])
    })?;
    step("benchmark, quick smoke run (small data, one run)", &|| crate::bench(&tools, &["--quick"]))?;
    println!("\n=== all test layers passed ===");
    for (name, seconds) in &times {
        println!("{seconds:8.1} s  {name}");
    }
    println!("{:8.1} s  total (with set-up)", started.elapsed().as_secs_f64());
    Ok(())
}

fn web_tests(tools: &Tools) -> Result<(), Fail> {
    let mut web = tools.clone();
    web.env.push(("WASM_BINDGEN_TEST_TIMEOUT".into(), "120".into()));
    web.run("cargo", &["test", "--package", "koe-web", "--target", "wasm32-unknown-unknown"])
}
