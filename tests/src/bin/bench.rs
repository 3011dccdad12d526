//! `cargo xtask bench [--quick]`: Koe's import, filter and report against the goals of the
//! performance issue, side by side with `TextDecoder` + Papa Parse (npm, pinned; injected only
//! into the benchmark's page), in headless Chromium through WebDriver. Prints one table and
//! writes it with the machine to `bench/RESULTS.md`. `--quick` (CI) uses small data and one run;
//! `--core` times only the work inside the page (import, filter, report), `--app` only the
//! imports through the app; both write nothing.

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

/// The benchmark's entry point built as the page is: the filter and the report run there.
const PAGE_BUILD: Build =
    Build { env: "KOE_BENCH_ENTRY", dir: "target/bench-entry", global: "koeBenchBindings" };

/// The entry point built as the import worker is: import runs there.
const WORKER_BUILD: Build = Build {
    env: "KOE_BENCH_ENTRY_WORKER",
    dir: "target/bench-entry-worker",
    global: "koeWorkerBenchBindings",
};

/// One build of the benchmark's entry point: where `cargo xtask bench` puts it, and the
/// page's global its bindings are kept in.
struct Build {
    env: &'static str,
    dir: &'static str,
    global: &'static str,
}

/// Loads a build of the benchmark's entry point (`app/koe-bench`, built by `cargo xtask bench`)
/// into the page, its wasm served from `data_dir` beside the data.
async fn load_bench_entry(app: &App, data_dir: &std::path::Path, build: &Build) {
    let entry =
        std::env::var(build.env).map(PathBuf::from).unwrap_or_else(|_| workspace_root().join(build.dir));
    let glue = std::fs::read_to_string(entry.join("koe_bench.js"))
        .expect("the bench entry point is built: run `cargo xtask bench`");
    let wasm = format!("{}.wasm", build.global);
    std::fs::copy(entry.join("koe_bench_bg.wasm"), data_dir.join(&wasm)).expect("entry wasm");
    let script = format!(
        "{glue}\n;const done = arguments[0];\n\
         wasm_bindgen({{ module_or_path: 'bench-data/{wasm}' }})\n\
         .then(() => {{ window.{global} = wasm_bindgen; done(true); }}, (e) => done(String(e)));",
        global = build.global
    );
    let loaded =
        app.client.execute_async(&script, vec![]).await.expect("the entry point's code ran in the page");
    assert_eq!(loaded, serde_json::Value::Bool(true), "the bench entry point loaded");
}

/// Runs a build of Koe's bench entry point on `file` in the page:
/// `[import, comments, first report, recomputed report, search readied, filters…]`.
async fn koe(app: &App, file: &str, build: &Build) -> Vec<f64> {
    let script = r#"
        const [file, queries, global, done] = arguments;
        fetch(file).then((r) => r.arrayBuffer()).then((buffer) => {
            done(Array.from(window[global].koe_bench(new Uint8Array(buffer), queries)));
        }, (error) => done([String(error)]));
    "#;
    let queries: Vec<serde_json::Value> = QUERIES.iter().map(|q| serde_json::Value::from(*q)).collect();
    let value = app
        .client
        .execute_async(script, vec![file.into(), serde_json::Value::Array(queries), build.global.into()])
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

/// Resident memory of a process, and its peak since the last reset, in kB (from /proc).
fn memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Resets the peak of each process to its present size (Linux: `5 > clear_refs`) and returns
/// the sizes, so the peak read later is the peak of what came after.
fn reset_peaks(pids: &[u32]) -> Vec<(u32, u64)> {
    pids.iter()
        .map(|pid| {
            let _ = std::fs::write(format!("/proc/{pid}/clear_refs"), "5");
            (*pid, memory_kb(*pid).0)
        })
        .collect()
}

/// The largest growth of any of the processes over its size at the reset, in bytes.
fn peak_growth(before: &[(u32, u64)]) -> f64 {
    before.iter().map(|(pid, rss)| memory_kb(*pid).1.saturating_sub(*rss) as f64 * 1024.0).fold(0.0, f64::max)
}

/// What one import through the app's file picker (in its worker) measured.
struct AppImport {
    /// From choosing the file to the comment count showing every row, preview included.
    elapsed: f64,
    /// Main-thread tasks over 50 ms meanwhile and in the second after (autosave).
    long_tasks: Vec<f64>,
    /// The long tasks as (start after choosing the file, duration), ms.
    timeline: Vec<(f64, f64)>,
    /// The page's own User Timing measures (`koe:…`): name, start, duration in ms.
    steps: Vec<(String, f64, f64)>,
    /// Growth of the page's renderer process at its peak, in bytes.
    peak_memory: f64,
    /// The renderer processes and their resident sizes before the import, in kB.
    before: Vec<(u32, u64)>,
}

impl AppImport {
    /// The largest growth of the renderer processes' resident size now, in bytes.
    fn held_now(&self) -> f64 {
        self.before
            .iter()
            .map(|(pid, rss)| memory_kb(*pid).0.saturating_sub(*rss) as f64 * 1024.0)
            .fold(0.0, f64::max)
    }

    /// The long tasks and the measured steps in time order, runs of one step told once
    /// (`koe:duplicate-scan ×20, 6–8 ms each`), for reading which step was long.
    fn story(&self) -> String {
        let mut events: Vec<(f64, String, f64)> =
            self.timeline.iter().map(|(at, d)| (*at, "long task".to_owned(), *d)).collect();
        events.extend(
            self.steps.iter().filter(|(_, _, d)| *d >= 1.0).map(|(name, at, d)| (*at, name.clone(), *d)),
        );
        events.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut told: Vec<(f64, String, usize, f64, f64)> = Vec::new();
        for (at, name, duration) in events {
            match told.last_mut() {
                Some(last) if last.1 == name && name != "long task" => {
                    last.2 += 1;
                    last.3 = last.3.min(duration);
                    last.4 = last.4.max(duration);
                }
                _ => told.push((at, name, 1, duration, duration)),
            }
        }
        told.iter()
            .map(|(at, name, count, low, high)| match count {
                1 => format!("at {at:.0} ms {name} {high:.0} ms"),
                _ => format!("from {at:.0} ms {name} ×{count}, {low:.0}–{high:.0} ms each"),
            })
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Imports `path` as a user does (file picker, preview, 取り込む) and measures it in the page;
/// the confirm button is pressed from the page as soon as it is enabled, so no WebDriver round
/// trip is timed. `expected` is the project's comment count afterwards.
async fn app_import(app: &App, path: &Path, expected: usize) -> Option<AppImport> {
    let setup = r#"
        const expected = String(arguments[0]);
        const input = document.querySelector("[data-testid='import-file']");
        const longTasks = [];
        const observer = new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
        });
        observer.observe({ type: 'longtask' });
        let started = null;
        input.addEventListener('change', () => { started = performance.now(); }, { capture: true, once: true });
        window.koeBenchImport = new Promise((resolve) => {
            let confirmed = false;
            const poll = () => {
                const confirm = document.querySelector("[data-testid='import-confirm']");
                if (!confirmed && confirm && !confirm.disabled) { confirmed = true; confirm.click(); }
                const count = document.querySelector("[data-testid='comment-count']");
                if (started !== null && count && count.textContent.replace(/[^0-9]/g, '') === expected) {
                    const elapsed = performance.now() - started;
                    setTimeout(() => {
                        observer.disconnect();
                        const steps = performance.getEntriesByType('measure')
                            .filter((e) => e.startTime >= started && e.name.startsWith('koe:'))
                            .map((e) => [e.name, e.startTime - started, e.duration]);
                        resolve({
                            elapsed,
                            longTasks: longTasks.filter(([at]) => at >= started).map(([at, d]) => [at - started, d]),
                            steps,
                        });
                    }, 1000);
                    return;
                }
                setTimeout(poll, 5);
            };
            poll();
        });
        return true;
    "#;
    app.client.execute(setup, vec![expected.into()]).await.expect("the import probe is set up");
    let before = reset_peaks(&app.renderer_pids());
    // A person's pointer comes to the drop zone before the file dialog opens (the page starts
    // the worker then); WebDriver's file choice moves no pointer, so the page is told. The
    // memory's baseline is taken before, so the worker's start counts in the growth.
    let hover = "document.querySelector('.koe-import__drop')?.dispatchEvent(new PointerEvent('pointerenter', { bubbles: true }));";
    app.client.execute(hover, vec![]).await.expect("pointer over the drop zone");
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    // A crashed tab or a timeout ends the wait with an error: the caller reports it.
    let result = app
        .client
        .execute_async("const done = arguments[0]; window.koeBenchImport.then(done);", vec![])
        .await
        .ok()?;
    let peak_memory = peak_growth(&before);
    let elapsed = result["elapsed"].as_f64()?;
    let pairs = |value: &serde_json::Value| -> Vec<(f64, f64)> {
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
            .collect()
    };
    let long_tasks = pairs(&result["longTasks"]);
    let steps = result["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| Some((s[0].as_str()?.to_owned(), s[1].as_f64()?, s[2].as_f64()?)))
        .collect();
    Some(AppImport {
        elapsed,
        long_tasks: long_tasks.iter().map(|(_, d)| *d).collect(),
        timeline: long_tasks,
        steps,
        peak_memory,
        before,
    })
}

/// Edits of the report's period timed in the app.
const PERIOD_EDITS: usize = 5;

/// The report page over every comment (a custom period of the generated year), then the
/// period's end moved a day at a time: each edit recomputes the report and redraws every chart.
/// Per edit, the ms from the change to the end of the last `koe:report` / `koe:chart-draw`
/// measure the page recorded, and the longest main-thread task meanwhile.
async fn report_redraws(app: &App) -> Vec<(f64, f64)> {
    let script = r#"
        const [edits, done] = arguments;
        const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
        const until = async (test) => { while (!test()) await wait(5); };
        const find = (id) => document.querySelector(`[data-testid='${id}']`);
        const set = (element, value) => {
            element.value = value;
            element.dispatchEvent(new Event('change', { bubbles: true }));
        };
        (async () => {
            find('nav-report').click();
            await until(() => find('report-period-kind'));
            set(find('report-period-kind'), 'custom');
            await until(() => find('report-to'));
            set(find('report-from'), '2026-01-01');
            set(find('report-to'), '2026-12-31');
            await until(() => document.querySelectorAll('.koe-chart canvas').length > 0);
            await wait(1500);
            const results = [];
            for (let edit = 0; edit < edits; edit++) {
                const longTasks = [];
                const observer = new PerformanceObserver((list) => {
                    for (const entry of list.getEntries()) longTasks.push(entry.duration);
                });
                observer.observe({ type: 'longtask' });
                const started = performance.now();
                set(find('report-to'), `2026-12-${String(30 - edit).padStart(2, '0')}`);
                await wait(1500);
                observer.disconnect();
                const ends = performance.getEntriesByType('measure')
                    .filter((e) => e.startTime >= started && (e.name === 'koe:report' || e.name === 'koe:chart-draw'))
                    .map((e) => e.startTime + e.duration - started);
                results.push([ends.length ? Math.max(...ends) : -1, Math.max(0, ...longTasks)]);
            }
            find('nav-comments').click();
            done(results);
        })().catch((error) => done(String(error)));
    "#;
    let value =
        app.client.execute_async(script, vec![PERIOD_EDITS.into()]).await.expect("the report was edited");
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_f64()?, pair[1].as_f64()?)))
        .filter(|(elapsed, _)| *elapsed >= 0.0)
        .collect()
}

/// Rows of the largest run.
const MILLION: usize = 1_000_000;

/// 1,000,000 comments through the app: import, then the report page. What happened, in words.
async fn million(app: &App, data_dir: &Path) -> String {
    let csv = generate(MILLION);
    let path = data_dir.join("million.csv");
    std::fs::write(&path, csv.as_bytes()).expect("million.csv");
    let megabytes = csv.len() as f64 / 1e6;
    drop(csv);
    let Some(import) = app_import(app, &path, MILLION).await else {
        return format!("{megabytes:.0} MB CSV: the import did not finish (tab crashed or over 15 min)");
    };
    let longest = import.long_tasks.iter().copied().fold(0.0, f64::max);
    let held_soon = import.held_now();
    // The import worker retires once idle (koe-web's `IDLE_RETIRE`, 20 s), giving back the
    // memory it grew.
    tokio::time::sleep(std::time::Duration::from_secs(25)).await;
    let held_later = import.held_now();
    let report = r#"
        const done = arguments[0];
        const kpi = () => document.querySelector("[data-testid='chart-table'][data-chart='kpi'] tbody td");
        // Shown: the animation frame that first paints the count, found by a MutationObserver
        // (a 5 ms poll runs only between the page's tasks, after the charts' when they queue
        // first, so it saw the count late). The poll's time is kept beside it for the record.
        let shown = -1, polled = -1;
        const observer = new MutationObserver(() => {
            if (!kpi()) return;
            observer.disconnect();
            requestAnimationFrame(() => { shown = performance.now() - started; });
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        const started = performance.now();
        document.querySelector("[data-testid='nav-report']").click();
        const poll = () => {
            const cell = kpi();
            if (!cell) { setTimeout(poll, 5); return; }
            polled = performance.now() - started;
            // Charts are drawn each in a task of its own after the page shows: when the last was.
            setTimeout(() => {
                const drawn = performance.getEntriesByType('measure')
                    .filter((e) => e.name === 'koe:chart-draw' && e.startTime >= started)
                    .map((e) => e.startTime + e.duration - started);
                const count = Number(cell.textContent.replace(/[^0-9]/g, ''));
                done([shown, count, started, Math.max(-1, ...drawn), polled]);
            }, 1500);
        };
        poll();
    "#;
    let shown = app.client.execute_async(report, vec![]).await.ok();
    if let Some(clicked) = shown.as_ref().and_then(|v| v.get(2)).and_then(|v| v.as_f64()) {
        let polled = shown.as_ref().and_then(|v| v.get(4)).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
        println!("the report's tab clicked at {clicked:.0} ms; a 5 ms poll saw its count at {polled:.0} ms");
    }
    // What the page measured while the report opened (printed, not in the table).
    let steps = r#"
        const opened = performance.getEntriesByType('measure').filter((e) => e.name.startsWith('koe:'));
        return opened.slice(-40).map((e) => `${e.name} ${e.duration.toFixed(0)} ms at ${e.startTime.toFixed(0)}`);
    "#;
    if let Ok(steps) = app.client.execute(steps, vec![]).await {
        println!("the report's opening, the page's last measures: {steps}");
    }
    let shown: Vec<f64> =
        shown.iter().filter_map(|v| v.as_array()).flatten().filter_map(|v| v.as_f64()).collect();
    let report = match shown.as_slice() {
        [ms, comments, _, charts, ..] if *charts >= 0.0 => format!(
            "report page ({comments:.0} comments in its month) shown in {ms:.0} ms (the frame that first paints its count), its last chart drawn at {charts:.0} ms"
        ),
        [ms, comments, ..] => {
            format!("report page ({comments:.0} comments in its month) shown in {ms:.0} ms")
        }
        _ => "the report page did not appear".to_owned(),
    };
    format!(
        "{megabytes:.0} MB CSV: imported in {:.1} s (longest main-thread task {longest:.0} ms, peak memory growth {:.2}× the file; held after the import {:.2}×, 25 s later with the worker retired {:.2}×); {report}",
        import.elapsed / 1000.0,
        import.peak_memory / (megabytes * 1e6),
        held_soon / (megabytes * 1e6),
        held_later / (megabytes * 1e6),
    )
}

/// Frame times (ms) while the comment grid is scrolled: 100 frames of steady scrolling, then
/// 50 jumps to far-away rows (dragging the scroll bar).
async fn scroll_frames(app: &App) -> Vec<f64> {
    // Once autosave has written the import (a second of work in slices, then the storage
    // write): the frames are the grid's, not the one-off save's.
    let saved = r#"
        const done = arguments[0];
        const started = performance.now();
        const poll = () => {
            const status = document.querySelector("[data-testid='save-status']");
            if (status && status.dataset.saved === 'true') done(true);
            else if (performance.now() - started > 30000) done(false);
            else setTimeout(poll, 20);
        };
        poll();
    "#;
    let saved = app.client.execute_async(saved, vec![]).await.ok().and_then(|v| v.as_bool());
    if saved != Some(true) {
        println!("autosave had not finished after 30 s: scrolling measured anyway");
    }
    let script = r#"
        const done = arguments[0];
        const grid = document.querySelector("[data-testid='comment-grid']");
        const frames = [];
        let last = null;
        let seed = 7;
        const step = (now) => {
            if (last !== null) frames.push(now - last);
            last = now;
            if (frames.length < 100) {
                grid.scrollTop += 400;
            } else {
                seed = (seed * 1103515245 + 12345) % 2147483648;
                grid.scrollTop = (seed / 2147483648) * grid.scrollHeight;
            }
            if (frames.length < 150) requestAnimationFrame(step); else done(frames);
        };
        requestAnimationFrame(step);
    "#;
    let value = app.client.execute_async(script, vec![]).await.expect("scrolled");
    value.as_array().into_iter().flatten().filter_map(serde_json::Value::as_f64).collect()
}

/// Takes the last import back (Ctrl+Z's button) so the next run starts from an empty project.
/// The app at its address in a fresh browser, once it shows.
async fn open_app(dist: &Path) -> App {
    let app = App::start_dir(dist.to_path_buf()).await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("load-sample").await;
    app
}

async fn undo_import(app: &App) {
    app.testid("undo").await.click().await.expect("undo");
    app.wait_for_text("[data-testid='comment-count']", "0").await;
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
    // `--core`: only the rows timed inside the page (import, filter, report), for quick turns.
    let core_only = std::env::args().any(|a| a == "--core");
    // `--app`: only the rows that import through the app (no 1,000,000 run).
    let app_only = std::env::args().any(|a| a == "--app");
    // `--million`: only the 1,000,000-comment run, with what the page measured while the report
    // opened, for quick turns on it.
    let million_only = std::env::args().any(|a| a == "--million");
    let app_only = app_only || million_only;
    // `KOE_RUNS`: more runs than the table's five, for comparing two builds on a noisy host.
    let (rows, runs) = if quick {
        (2_000, 1)
    } else {
        (200_000, std::env::var("KOE_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(5))
    };
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

    let app = open_app(&dist).await;
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
    load_bench_entry(&app, &data_dir, &PAGE_BUILD).await;
    load_bench_entry(&app, &data_dir, &WORKER_BUILD).await;

    let (mut import_utf8, mut import_cp932, mut papa_utf8, mut papa_cp932) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut first_reports, mut reports, mut filters) = (Vec::new(), Vec::new(), Vec::new());
    let mut readied = Vec::new();
    let mut comments = 0.0;
    for _ in 0..if app_only { 0 } else { runs } {
        // Import as the worker runs it; the report and the filter as the page runs them.
        let utf8 = koe(&app, "bench-data/utf8.csv", &WORKER_BUILD).await;
        assert!(utf8.len() >= 4, "Koe's bench entry point failed: {utf8:?}");
        import_utf8.push(utf8[0]);
        let utf8 = koe(&app, "bench-data/utf8.csv", &PAGE_BUILD).await;
        assert!(utf8.len() >= 5, "Koe's bench entry point failed: {utf8:?}");
        comments = utf8[1];
        first_reports.push(utf8[2]);
        reports.push(utf8[3]);
        readied.push(utf8[4]);
        filters.extend_from_slice(&utf8[5..]);
        let each: Vec<String> =
            QUERIES.iter().zip(&utf8[5..]).map(|(q, ms)| format!("{q} {ms:.1}")).collect();
        println!("filter, each query (ms): {}", each.join(", "));
        import_cp932.push(koe(&app, "bench-data/cp932.csv", &WORKER_BUILD).await[0]);
        papa_utf8.push(papa(&app, "bench-data/utf8.csv", "utf-8").await);
        papa_cp932.push(papa(&app, "bench-data/cp932.csv", "shift_jis").await);
    }
    assert!(app_only || comments as usize == rows, "every generated row became a comment");

    // The same file through the app as a user imports it: worker, main thread, memory, scrolling;
    // in a browser of its own. The page above holds what no member's page has: Papa Parse, the
    // benchmark's two entry points and the memory their runs grew. The 1,000,000-row import
    // took 3.5 s after them against 2.6 s in a page without them (2026-12-04).
    let app = if core_only {
        app
    } else {
        app.stop().await;
        open_app(&dist).await
    };
    app.client
        .update_timeouts(fantoccini::wd::TimeoutConfiguration::new(
            Some(std::time::Duration::from_secs(900)),
            None,
            None,
        ))
        .await
        .expect("long script timeout");
    let (mut app_imports, mut frames, mut story) = (Vec::new(), Vec::new(), String::new());
    let mut redraws = Vec::new();
    for run in 0..if core_only || million_only { 0 } else { runs } {
        let import = app_import(&app, &data_dir.join("utf8.csv"), rows).await.expect("the import finished");
        let long: Vec<String> =
            import.timeline.iter().map(|(at, d)| format!("{d:.0} ms at {at:.0} ms")).collect();
        println!("app import {}: {:.0} ms, long tasks: {}", run + 1, import.elapsed, long.join(", "));
        if !import.timeline.is_empty() && run + 1 != runs {
            println!("  step by step: {}", import.story());
        }
        app_imports.push(import);
        if run + 1 == runs {
            frames = scroll_frames(&app).await;
            redraws = report_redraws(&app).await;
            if let Some(last) = app_imports.last() {
                story = last.story();
                println!("last app import: {story}");
            }
        }
        undo_import(&app).await;
    }
    let million = if quick || core_only || (app_only && !million_only) {
        None
    } else {
        Some(million(&app, &data_dir).await)
    };
    if million_only {
        println!("{}", million.unwrap_or_default());
        app.stop().await;
        std::fs::remove_dir_all(&data_dir).ok();
        return;
    }
    app.stop().await;
    std::fs::remove_dir_all(&data_dir).ok();

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
        "| keystroke filter (text + tag) over {rows}, p95 of {} | ≤ 4 ms | p95 {:.2} ms | {:.2} ms | {:.2} ms | — |",
        filters.len(),
        p95(&filters),
        stats(&filters).1,
        stats(&filters).2
    );
    row(
        &mut table,
        &format!(
            "the search readied for typing when the search box gets the focus (tag filter on), {rows} comments"
        ),
        "—",
        &readied,
        None,
    );
    row(
        &mut table,
        &format!("recompute the full report model after a tag edit, {rows} comments (no chart drawing)"),
        "≤ 100 ms",
        &reports,
        None,
    );
    let redraw_stats = stats(&redraws.iter().map(|r| r.0).collect::<Vec<_>>());
    let _ = writeln!(
        table,
        "| in the app: the report's period edited, report recomputed and every chart redrawn, {rows} comments ({} edits; longest main-thread task {:.0} ms) | ≤ 100 ms | {:.1} ms | {:.1} ms | {:.1} ms | — |",
        redraws.len(),
        redraws.iter().map(|r| r.1).fold(0.0, f64::max),
        redraw_stats.0,
        redraw_stats.1,
        redraw_stats.2,
    );
    row(
        &mut table,
        &format!("the first report model of the page, {rows} comments (every text cut into words)"),
        "—",
        &first_reports,
        None,
    );
    row(
        &mut table,
        &format!("import {rows} rows through the app (file picker, worker, preview, 取り込む) to searchable"),
        "≤ 600 ms",
        &app_imports.iter().map(|i| i.elapsed).collect::<Vec<_>>(),
        None,
    );
    let longest: Vec<f64> =
        app_imports.iter().map(|i| i.long_tasks.iter().copied().fold(0.0, f64::max)).collect();
    let counts: Vec<String> = app_imports.iter().map(|i| i.long_tasks.len().to_string()).collect();
    let _ = writeln!(
        table,
        "| main thread during that import: longest task (long tasks per run: {}) | none > 50 ms | {:.0} ms | {:.0} ms | {:.0} ms | — |",
        counts.join(", "),
        stats(&longest).0,
        stats(&longest).1,
        stats(&longest).2
    );
    let peaks: Vec<f64> = app_imports.iter().map(|i| i.peak_memory / csv.len() as f64).collect();
    let _ = writeln!(
        table,
        "| peak memory growth of the page's process during that import, × file size ({:.1} MB; the first import of a fresh page {:.2}×, later ones reuse the memory it grew) | ≤ 3× | {:.2}× | {:.2}× | {:.2}× | — |",
        csv.len() as f64 / 1e6,
        peaks.first().copied().unwrap_or(f64::NAN),
        stats(&peaks).0,
        stats(&peaks).1,
        stats(&peaks).2
    );
    let _ = writeln!(
        table,
        "| scrolling the grid at {rows} (once autosave has saved the import): frame time over {} frames (p95 / longest) | no frame > 50 ms | p95 {:.1} ms | {:.1} ms | {:.1} ms | — |",
        frames.len(),
        p95(&frames),
        stats(&frames).1,
        stats(&frames).2
    );
    if let Some(million) = &million {
        let _ = writeln!(
            table,
            "| {MILLION} comments through the app, once | import ≤ 3 s, report ≤ 250 ms, no crash | {million} | | | — |"
        );
    }
    let (raw, gzip, brotli) = sizes(&dist, &first_files);
    let _ = writeln!(
        table,
        "| first load: every file the page fetched before an import ({}) | ≤ 500 KB brotli, ≤ 650 KB gzip | {:.0} KB raw | {:.0} KB gzip | {:.0} KB brotli | — |",
        first_files.join(", "),
        raw as f64 / 1000.0,
        gzip as f64 / 1000.0,
        brotli as f64 / 1000.0
    );
    println!("\n{table}");
    if quick || core_only || app_only {
        println!("(quick, core or app mode: not written to bench/RESULTS.md)");
        return;
    }
    let results = format!(
        "# Benchmark results\n\nMachine: {}\n\nCommand: `cargo xtask bench` ({runs} runs each; times measured in the page with `performance.now()`).\n\n{table}\nThe in-page import rows run the benchmark's entry point built as the import worker is (`worker` profile, opt-level 3 throughout), since import runs there; the filter and report rows, the entry point built as the page is (release profile: the domain crate at opt-level 3, the rest for size). The app-import rows drive the real page: the pointer moved over the drop zone a second before the file is chosen in the file picker (the page starts the import worker then), the file read and previewed in the worker, 取り込む pressed from the page as soon as it is enabled, until the header counts every row; long tasks from a `PerformanceObserver` until one second after (so the autosave that follows is included). The last run, step by step (User Timing measures the page records around its heavy steps): {story}. Memory is the peak resident size of the page's renderer process (Linux `/proc`, peak reset before choosing the file) minus its size before.\n",
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
