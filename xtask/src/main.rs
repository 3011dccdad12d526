//! `cargo xtask`: the project's own set-up, build, serve and test commands.
//!
//! ```text
//! cargo xtask serve   # install what is missing, build, serve on http://127.0.0.1:8080/
//! cargo xtask test    # install what is missing, run every test layer
//! cargo xtask dist    # release build into dist/
//! ```
//! A fresh Debian machine needs only rustup and Node; everything else comes from the
//! package registries (crates.io, npm, Debian), never from GitHub or a CDN.

mod csp;
mod deps_guard;
mod layers;
mod pins;
mod run;
mod service_worker;
mod setup;
mod single_file;
mod test;

use std::path::PathBuf;
use std::process::ExitCode;

use run::{Fail, Tools};

const USAGE: &str =
    "usage: cargo xtask <serve | test | dist | setup | csp | bench | offline | deps-guard | layers>
  serve        install what is missing, build and serve the app on 127.0.0.1:8080
  test         install what is missing and run every test layer
  dist         release build into dist/ (add --public-url /koe/ for a sub-path)
  setup        only install what is missing (add --browser for Chromium)
  csp [FILE]   fill the Content-Security-Policy of a built index.html (Trunk hook)
  bench [--quick | --core | --app]  release build, then import / filter / report timed in
               headless Chromium against TextDecoder + Papa Parse; writes bench/RESULTS.md
               (not with --quick, --core: only the in-page rows, --app: only the app's imports)
  offline [DIR]  make the single file DIR/koe.html and the service worker DIR/sw.js
               from a built dist folder (default dist/; `dist` does this itself)
  deps-guard   fail when koe-core depends on a web crate
  layers       fail when a koe-core module uses one at or above its layer";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test::run_all(),
        Some("dist") => dist(&args[1..]),
        Some("setup") => setup::ensure_all(args.iter().any(|a| a == "--browser")).map(|_| ()),
        Some("csp") => csp::run(args.get(1).map(PathBuf::from)),
        Some("bench") => setup::ensure_all(true).and_then(|tools| {
            build_dist(&tools, "/", "dist")?;
            let modes = ["--quick", "--core", "--app"];
            let passed: Vec<&str> = modes.into_iter().filter(|mode| args.iter().any(|a| a == mode)).collect();
            bench(&tools, &passed)
        }),
        Some("offline") => {
            offline_files(&args.get(1).map_or_else(|| run::root().join("dist"), PathBuf::from))
        }
        Some("deps-guard") => deps_guard::run(),
        Some("layers") => layers::run(),
        _ => Err(Fail::new(USAGE)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(fail) => {
            eprintln!("\nxtask: {fail}");
            ExitCode::FAILURE
        }
    }
}

fn serve() -> Result<(), Fail> {
    let tools = setup::ensure_all(false)?;
    println!("\nKoe: http://127.0.0.1:8080/  (Ctrl+C to stop)\n");
    tools.run(
        "trunk",
        &["serve", "--release", "--offline", "--no-autoreload", "--address", "127.0.0.1", "--port", "8080"],
    )
}

fn dist(args: &[String]) -> Result<(), Fail> {
    let tools = setup::ensure_all(false)?;
    let public_url = args.windows(2).find(|w| w[0] == "--public-url").map(|w| w[1].as_str());
    build_dist(&tools, public_url.unwrap_or("/"), "dist")
}

/// Runs the benchmark driver (the `bench` program of the E2E crate) on the built `dist/`.
/// `modes` are the driver's own flags (`--quick`, `--core`, `--app`), passed on.
pub(crate) fn bench(tools: &Tools, modes: &[&str]) -> Result<(), Fail> {
    let (page_entry, worker_entry) = bench_entries(tools, modes.contains(&"--quick"))?;
    let mut bench = tools.clone();
    bench.env.push(("KOE_DIST".into(), run::root().join("dist").to_string_lossy().into_owned()));
    bench.env.push(("KOE_BENCH_ENTRY".into(), page_entry.to_string_lossy().into_owned()));
    bench.env.push(("KOE_BENCH_ENTRY_WORKER".into(), worker_entry.to_string_lossy().into_owned()));
    let mut args = vec!["run", "--package", "koe-e2e", "--bin", "bench", "--"];
    args.extend_from_slice(modes);
    bench.run("cargo", &args)
}

/// The benchmark's entry point (`app/koe-bench`) built for the browser twice, with its JS
/// glue: as the page is (release profile, `wasm-opt -Oz` as Trunk runs it) into
/// `target/bench-entry`, for the filter and the report, which run on the page; and as the
/// import worker is (`worker` profile, `wasm-opt -O2`) into `target/bench-entry-worker`, for
/// the import, which runs in the worker. Never in `dist`. The quick run (CI's smoke test of
/// the driver, whose figures nobody reads) uses the page's build for both: building the entry
/// point's dependencies a second time took CI three minutes.
fn bench_entries(tools: &Tools, quick: bool) -> Result<(std::path::PathBuf, std::path::PathBuf), Fail> {
    let page = bench_entry(tools, "release", &["-Oz"], "bench-entry")?;
    if quick {
        return Ok((page.clone(), page));
    }
    let worker = bench_entry(tools, "worker", &["-O2", WORKER_INLINING], "bench-entry-worker")?;
    Ok((page, worker))
}

/// wasm-opt's limit on folding a function into its only caller, as `index.html` gives the import
/// worker (`data-wasm-opt-params`): without it, wasm-opt folded the worker's import path into two
/// functions of 355 and 322 KB, which the browser's optimising compiler took a second and some
/// 106 MB each to compile during the first import.
const WORKER_INLINING: &str = "--one-caller-inline-max-function-size=1000";

fn bench_entry(
    tools: &Tools,
    profile: &str,
    optimise: &[&str],
    out: &str,
) -> Result<std::path::PathBuf, Fail> {
    tools.run(
        "cargo",
        &["build", "--profile", profile, "--target", "wasm32-unknown-unknown", "--package", "koe-bench"],
    )?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| run::root().join("target"), Into::into);
    let wasm = target.join(format!("wasm32-unknown-unknown/{profile}/koe_bench.wasm"));
    let out = target.join(out);
    let (wasm, out_text) = (wasm.to_string_lossy().into_owned(), out.to_string_lossy().into_owned());
    tools
        .run("wasm-bindgen", &["--target", "no-modules", "--no-typescript", "--out-dir", &out_text, &wasm])?;
    let bound = out.join("koe_bench_bg.wasm").to_string_lossy().into_owned();
    let output = format!("--output={bound}");
    let mut args = vec![output.as_str()];
    args.extend_from_slice(optimise);
    args.push(&bound);
    tools.run("wasm-opt", &args)?;
    Ok(out)
}

/// A release build with Trunk, offline, into `dist_dir`, plus the offline single file and the
/// service worker (written after the single file, which it leaves out).
pub(crate) fn build_dist(tools: &Tools, public_url: &str, dist_dir: &str) -> Result<(), Fail> {
    tools
        .run("trunk", &["build", "--release", "--offline", "--public-url", public_url, "--dist", dist_dir])?;
    offline_files(&run::root().join(dist_dir))
}

/// The offline single file, then the service worker (which leaves the single file out).
fn offline_files(dist: &std::path::Path) -> Result<(), Fail> {
    single_file::build(dist)?;
    service_worker::build(dist)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The benchmark's worker entry is optimised as the app's worker is: the same inlining limit
    /// stands on the worker's link in `index.html`, which Trunk reads.
    #[test]
    fn the_worker_link_and_the_bench_entry_share_the_inlining_limit() {
        let index = std::fs::read_to_string(run::root().join("index.html")).expect("index.html");
        let worker_link = index
            .lines()
            .find(|line| line.contains("data-bin=\"koe-import-worker\""))
            .expect("the worker's link in index.html");
        assert!(
            worker_link.contains(&format!("data-wasm-opt-params=\"{WORKER_INLINING}\"")),
            "the worker's link lacks {WORKER_INLINING}: {worker_link}"
        );
    }
}
