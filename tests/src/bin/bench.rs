//! `cargo xtask bench [--quick]`: Koe's import, filter and report against the goals of the
//! performance issue, side by side with `TextDecoder` + Papa Parse (npm, pinned; injected only
//! into the benchmark's page), in headless Chromium through WebDriver. Prints one table and
//! writes it with the machine to `bench/RESULTS.md`. `--quick` (CI) uses small data and one run.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use koe_e2e::{App, workspace_root};

/// Queries typed in the filter, one keystroke at a time.
const QUERIES: [&str; 12] =
    ["パ", "パッ", "パッケ", "パッケージ", "開", "開け", "開けに", "改善", "プリン", "xyz", "ｱｲﾌｫﾝ", "ABC"];

/// A small deterministic generator, so every run reads the same file.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % below
    }
}

/// A CSV of `rows` comments: Japanese text with commas, quotes and line breaks in quoted fields.
fn generate(rows: usize) -> String {
    const PHRASES: [&str; 10] = [
        "新商品のパッケージが開けにくい",
        "プリンがとてもおいしかった、また買います",
        "値段が少し高い気がする",
        "店員さんの対応が丁寧でした",
        "賞味期限の表示が見づらい",
        "「限定味」をもっと増やしてほしい",
        "アイフォンのアプリで注文できない",
        "容器のキャップが固くて開かない",
        "配送が遅れて困りました",
        "原材料にアレルギー表示がほしい",
    ];
    const CHANNELS: [&str; 5] = ["X", "ブログ", "電話", "メール", "口コミサイト"];
    let mut random = Lcg(20_261_125);
    let mut csv = String::from("投稿日時,媒体,投稿者,本文\n");
    for row in 0..rows {
        let mut text = String::new();
        for part in 0..(2 + random.next(4)) {
            if part > 0 {
                text.push_str(["。", "、", "\n", "！"][random.next(4)]);
            }
            text.push_str(PHRASES[random.next(PHRASES.len())]);
        }
        if random.next(5) == 0 {
            text.push_str("（\"再購入\" 予定）");
        }
        let quoted = text.replace('"', "\"\"");
        let _ = writeln!(
            csv,
            "2026/{:02}/{:02} {:02}:{:02},{},user{},\"{row}: {quoted}\"",
            random.next(12) + 1,
            random.next(28) + 1,
            random.next(24),
            random.next(60),
            CHANNELS[random.next(CHANNELS.len())],
            random.next(50_000),
        );
    }
    csv
}

/// median, min, max of a sample.
fn stats(values: &[f64]) -> (f64, f64, f64) {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let median = if sorted.is_empty() { f64::NAN } else { sorted[sorted.len() / 2] };
    (median, sorted.first().copied().unwrap_or(f64::NAN), sorted.last().copied().unwrap_or(f64::NAN))
}

/// The 95th percentile.
fn p95(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted.get(((sorted.len() as f64 * 0.95).ceil() as usize).saturating_sub(1)).copied().unwrap_or(f64::NAN)
}

/// Runs Koe's bench entry point on `file` in the page: `[import, comments, report, filters…]`.
async fn koe(app: &App, file: &str) -> Vec<f64> {
    let script = r#"
        const [file, queries, done] = arguments;
        fetch(file).then((r) => r.arrayBuffer()).then((buffer) => {
            done(Array.from(window.wasmBindings.koe_bench(new Uint8Array(buffer), queries)));
        }, (error) => done([String(error)]));
    "#;
    let queries: Vec<serde_json::Value> = QUERIES.iter().map(|q| serde_json::Value::from(*q)).collect();
    let value = app
        .client
        .execute_async(script, vec![file.into(), serde_json::Value::Array(queries)])
        .await
        .expect("the bench entry point ran");
    value.as_array().into_iter().flatten().filter_map(serde_json::Value::as_f64).collect()
}

/// `TextDecoder` + Papa Parse on the same bytes in the same page, in milliseconds.
async fn papa(app: &App, file: &str, encoding: &str) -> f64 {
    let script = r#"
        const [file, encoding, done] = arguments;
        fetch(file).then((r) => r.arrayBuffer()).then((buffer) => {
            const started = performance.now();
            const text = new TextDecoder(encoding).decode(new Uint8Array(buffer));
            const parsed = Papa.parse(text, { header: true, skipEmptyLines: true });
            const elapsed = performance.now() - started;
            done(parsed.data.length > 0 ? elapsed : -1);
        }, () => done(-1));
    "#;
    let value =
        app.client.execute_async(script, vec![file.into(), encoding.into()]).await.expect("Papa Parse ran");
    value.as_f64().unwrap_or(f64::NAN)
}

/// (raw, gzip, brotli) bytes of `files` (names in `dist`).
fn sizes(dist: &Path, files: &[String]) -> (u64, u64, u64) {
    let mut sizes = (0, 0, 0);
    for name in files {
        let Ok(bytes) = std::fs::read(dist.join(name)) else { continue };
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = gzip.write_all(&bytes);
        let gzip = gzip.finish().map(|g| g.len()).unwrap_or(0);
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
            let _ = writer.write_all(&bytes);
        }
        sizes = (sizes.0 + bytes.len() as u64, sizes.1 + gzip as u64, sizes.2 + brotli.len() as u64);
    }
    sizes
}

/// The dist files the page requested so far (what the recorder saw on the app's origin).
async fn requested_files(app: &App) -> Vec<String> {
    let origin = format!("{}/", app.origin());
    let mut files: Vec<String> = app
        .requests()
        .await
        .iter()
        .filter_map(|url| url.strip_prefix(&origin))
        .map(|path| path.split(['?', '#']).next().unwrap_or_default())
        .map(|path| if path.is_empty() { "index.html".to_owned() } else { path.to_owned() })
        .filter(|path| !path.starts_with("bench-data/"))
        .collect();
    files.sort();
    files.dedup();
    files
}

fn command_line(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let browser = command_line(
        &std::env::var("KOE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
        &["--version"],
    );
    format!("{cpu}, {cores} cores; {browser}; {}", command_line("date", &["-u", "+%Y-%m-%d %H:%M UTC"]))
}

#[tokio::main]
async fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let (rows, runs) = if quick { (2_000, 1) } else { (200_000, 5) };
    let dist: PathBuf =
        std::env::var("KOE_DIST").map(PathBuf::from).unwrap_or_else(|_| workspace_root().join("dist"));
    let papa_source =
        std::fs::read_to_string(workspace_root().join(".tools/node_modules/papaparse/papaparse.min.js"))
            .expect("papaparse is installed by `cargo xtask setup`");

    // The data, next to the built app (same origin, so the page may fetch it).
    let data_dir = dist.join("bench-data");
    std::fs::create_dir_all(&data_dir).expect("data folder");
    let csv = generate(rows);
    let (cp932, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&csv);
    assert!(!unmappable, "the generated text is all in CP932");
    std::fs::write(data_dir.join("utf8.csv"), csv.as_bytes()).expect("utf8.csv");
    std::fs::write(data_dir.join("cp932.csv"), &cp932).expect("cp932.csv");
    println!("data: {rows} rows, UTF-8 {} bytes, CP932 {} bytes", csv.len(), cp932.len());

    let app = App::start_dir(dist.clone()).await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("load-sample").await;
    // Whatever loads late (service worker, idle work) is part of the first load too.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    let first_files = requested_files(&app).await;
    assert!(
        first_files.iter().any(|f| f.ends_with(".wasm")),
        "the recorder saw the app load: {first_files:?}"
    );
    app.client
        .execute(&format!("{papa_source}\n;window.Papa = Papa; return true;"), vec![])
        .await
        .expect("Papa Parse loaded");

    let (mut import_utf8, mut import_cp932, mut papa_utf8, mut papa_cp932, mut reports, mut filters) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut comments = 0.0;
    for _ in 0..runs {
        let utf8 = koe(&app, "bench-data/utf8.csv").await;
        assert!(utf8.len() >= 3, "Koe's bench entry point failed: {utf8:?}");
        comments = utf8[1];
        import_utf8.push(utf8[0]);
        reports.push(utf8[2]);
        filters.extend_from_slice(&utf8[3..]);
        import_cp932.push(koe(&app, "bench-data/cp932.csv").await[0]);
        papa_utf8.push(papa(&app, "bench-data/utf8.csv", "utf-8").await);
        papa_cp932.push(papa(&app, "bench-data/cp932.csv", "shift_jis").await);
    }
    app.stop().await;
    std::fs::remove_dir_all(&data_dir).ok();
    assert_eq!(comments as usize, rows, "every generated row became a comment");

    let mut table = String::from(
        "| work | goal | median | min | max | vs TextDecoder + Papa Parse |\n|---|---|---|---|---|---|\n",
    );
    let row = |table: &mut String, work: &str, goal: &str, values: &[f64], peer: Option<&[f64]>| {
        let (median, min, max) = stats(values);
        let ratio = peer
            .map(|p| format!("{:.2}× ({:.0} ms)", stats(p).0 / median, stats(p).0))
            .unwrap_or_else(|| "—".into());
        let _ = writeln!(table, "| {work} | {goal} | {median:.1} ms | {min:.1} ms | {max:.1} ms | {ratio} |");
    };
    row(
        &mut table,
        &format!("import {rows} rows, UTF-8, to searchable"),
        "≤ 500 ms, ≥ 2× peer",
        &import_utf8,
        Some(&papa_utf8),
    );
    row(
        &mut table,
        &format!("import {rows} rows, CP932, to searchable"),
        "≤ 500 ms, ≥ 2× peer",
        &import_cp932,
        Some(&papa_cp932),
    );
    let _ = writeln!(
        table,
        "| keystroke filter (text + tag) over {rows}, p95 of {} | ≤ 8 ms | p95 {:.2} ms | {:.2} ms | {:.2} ms | — |",
        filters.len(),
        p95(&filters),
        stats(&filters).1,
        stats(&filters).2
    );
    row(
        &mut table,
        &format!("recompute the full report model, {rows} comments (no chart drawing)"),
        "≤ 100 ms",
        &reports,
        None,
    );
    let (raw, gzip, brotli) = sizes(&dist, &first_files);
    let _ = writeln!(
        table,
        "| first load: every file the page fetched before an import ({}) | ≤ 500 KB brotli | {:.0} KB raw | {:.0} KB gzip | {:.0} KB brotli | — |",
        first_files.join(", "),
        raw as f64 / 1000.0,
        gzip as f64 / 1000.0,
        brotli as f64 / 1000.0
    );
    println!("\n{table}");
    if quick {
        println!("(quick mode: small data, one run; not written to bench/RESULTS.md)");
        return;
    }
    let results = format!(
        "# Benchmark results\n\nMachine: {}\n\nCommand: `cargo xtask bench` ({runs} runs each; times measured in the page with `performance.now()`).\n\n{table}\nNot measured yet: long tasks on the main thread during a worker import, frame times while scrolling, peak memory, 1,000,000 comments.\n",
        machine()
    );
    let out = workspace_root().join("bench");
    std::fs::create_dir_all(&out).expect("bench folder");
    // The people-written reading of the numbers (after `## Reading`) is kept across runs.
    let previous = std::fs::read_to_string(out.join("RESULTS.md")).unwrap_or_default();
    let reading = previous.find("\n## Reading").map(|at| &previous[at..]).unwrap_or_default();
    std::fs::write(out.join("RESULTS.md"), format!("{results}{reading}")).expect("RESULTS.md");
    println!("written to bench/RESULTS.md");
}
