//! The end-to-end harness: serves a built `dist/` on 127.0.0.1, starts ChromeDriver and a
//! headless Chromium with a fresh profile, and gives the tests a WebDriver client.
//!
//! ```no_run
//! # async fn demo() {
//! let app = koe_e2e::App::start("KOE_DIST", "/").await;
//! app.client.goto(&app.url).await.expect("page");
//! app.stop().await;
//! # }
//! ```

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// How long a condition may take before a test gives up.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// The Chromium flags that work headless, as root, on a machine with no network.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,900",
];

/// A running app: static server, ChromeDriver, browser session.
pub struct App {
    /// The WebDriver session.
    pub client: Client,
    /// The app's URL (with the sub-path, if any).
    pub url: String,
    driver: Child,
    driver_port: u16,
    server: Arc<tiny_http::Server>,
    profile: PathBuf,
    recording: bool,
    requests: Mutex<Vec<String>>,
}

/// ChromeDriver's log endpoint, for the DevTools network events of the page's own targets.
#[derive(Debug)]
struct PerformanceLog;

impl fantoccini::wd::WebDriverCompatibleCommand for PerformanceLog {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/se/log", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(r#"{"type":"performance"}"#.to_owned()))
    }
}

/// A DevTools command run through ChromeDriver (`goog/cdp/execute`): for what a person's
/// browser does but WebDriver cannot ask for (a renderer crash, a tiny storage quota).
#[derive(Debug)]
struct DevTools {
    command: String,
    params: serde_json::Value,
}

impl fantoccini::wd::WebDriverCompatibleCommand for DevTools {
    fn endpoint(&self, base_url: &url::Url, session_id: Option<&str>) -> Result<url::Url, url::ParseError> {
        base_url.join(&format!("session/{}/goog/cdp/execute", session_id.unwrap_or_default()))
    }

    fn method_and_body(&self, _request_url: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({ "cmd": self.command, "params": self.params });
        (http::Method::POST, Some(body.to_string()))
    }
}

/// Opens a browser session on ChromeDriver at `driver_port` with the profile folder `profile`;
/// when `recording`, the page's network events are logged (see [`App::requests`]).
async fn session(driver_port: u16, profile: &Path, recording: bool) -> Client {
    let mut args: Vec<String> = CHROMIUM_FLAGS.iter().map(|f| (*f).to_owned()).collect();
    args.push(format!("--user-data-dir={}", profile.display()));
    let binary = std::env::var("KOE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let mut capabilities = serde_json::Map::new();
    let downloads = profile.join("downloads");
    std::fs::create_dir_all(&downloads).ok();
    let prefs = serde_json::json!({
        "download.default_directory": downloads.to_string_lossy(),
        "download.prompt_for_download": false,
        // "Allow this site to download multiple files", as a person answers Chromium's prompt:
        // headless Chromium cannot show it and drops the download instead. The report's
        // workbook is written in a worker and saved when it comes back, so after 「HTML」,
        // 「Excel」, 「CSV」 clicked in a row it can arrive third, and was lost (CI, 08:08).
        "profile.default_content_setting_values.automatic_downloads": 1,
    });
    capabilities.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({ "binary": binary, "args": args, "prefs": prefs }),
    );
    if recording {
        capabilities.insert("goog:loggingPrefs".into(), serde_json::json!({ "performance": "ALL" }));
    }
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{driver_port}"))
        .await
        .expect("a WebDriver session")
}

impl App {
    /// Serves the folder named by the environment variable `dist_var` under `prefix`
    /// (`/` or `/koe/`) and opens a browser session.
    pub async fn start(dist_var: &str, prefix: &str) -> App {
        App::launch(dist_var, prefix, false).await
    }

    /// The app at `/` in Japanese with the built-in sample loaded; also the sample's row count
    /// as the import summary gives it.
    pub async fn start_with_sample() -> (App, String) {
        let app = App::start("KOE_DIST", "/").await;
        app.client.goto(&app.url).await.expect("app loads");
        app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
        app.testid("load-sample").await.click().await.expect("sample");
        let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
        app.wait_for_text("[data-testid='comment-count']", &rows).await;
        (app, rows)
    }

    /// Like [`App::start`], with every request the page and its workers make recorded
    /// (DevTools network events of the page, not the browser's own services).
    pub async fn start_recording(dist_var: &str, prefix: &str) -> App {
        let app = App::launch(dist_var, prefix, true).await;
        // The browser's start page is not the app: leave it and forget what it loaded.
        app.client.goto("about:blank").await.expect("a blank page");
        app.requests().await;
        app.requests.lock().expect("the request list").clear();
        app
    }

    /// Every URL the page and its workers requested since the session started, in order.
    pub async fn requests(&self) -> Vec<String> {
        let log = self.client.issue_cmd(PerformanceLog).await.expect("the performance log");
        let mut seen = self.requests.lock().expect("the request list");
        for entry in log.as_array().into_iter().flatten() {
            let Some(message) = entry["message"].as_str() else { continue };
            let Ok(event) = serde_json::from_str::<serde_json::Value>(message) else { continue };
            let event = &event["message"];
            let url = match event["method"].as_str() {
                Some("Network.requestWillBeSent") => event["params"]["request"]["url"].as_str(),
                Some("Network.webSocketCreated") => event["params"]["url"].as_str(),
                _ => None,
            };
            seen.extend(url.map(str::to_owned));
        }
        seen.clone()
    }

    /// Stops the web server answering, as if the network were gone.
    pub fn stop_serving(&self) {
        self.server.unblock();
    }

    /// The origin the app is served from, `http://127.0.0.1:port`.
    pub fn origin(&self) -> String {
        let host = self.url.trim_start_matches("http://").split('/').next().unwrap_or_default();
        format!("http://{host}")
    }

    async fn launch(dist_var: &str, prefix: &str, recording: bool) -> App {
        let dist = std::env::var(dist_var)
            .map(PathBuf::from)
            .unwrap_or_else(|_| panic!("{dist_var} must name a built dist folder; run `cargo xtask test`"));
        App::launch_dir(dist, prefix, recording).await
    }

    /// Serves the folder `dist` at `/` and opens a browser session that records requests
    /// (for the benchmark, which sums what the first load fetched).
    pub async fn start_dir(dist: PathBuf) -> App {
        let app = App::launch_dir(dist, "/", true).await;
        app.client.goto("about:blank").await.expect("a blank page");
        app.requests().await;
        app.requests.lock().expect("the request list").clear();
        app
    }

    async fn launch_dir(dist: PathBuf, prefix: &str, recording: bool) -> App {
        assert!(dist.join("index.html").exists(), "{} has no index.html", dist.display());
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port for the app"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let serving = Arc::clone(&server);
        let prefix_owned = prefix.to_owned();
        std::thread::spawn(move || serve(&serving, &dist, &prefix_owned));

        let driver_port = free_port();
        let driver_bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let driver = Command::new(&driver_bin)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {driver_bin}: {e}"));
        wait_for_port(driver_port);

        let profile = std::env::temp_dir().join(format!("koe-e2e-{}-{port}", std::process::id()));
        let client = session(driver_port, &profile, recording).await;
        let url = format!("http://127.0.0.1:{port}{prefix}");
        App { client, url, driver, driver_port, server, profile, recording, requests: Mutex::new(Vec::new()) }
    }

    /// Quits the browser, as a person closing it would, and starts it again with the same
    /// profile (so the same stored data) on the app's page.
    pub async fn reopen(mut self) -> App {
        self.client.clone().close().await.ok();
        self.client = session(self.driver_port, &self.profile, self.recording).await;
        self.client.goto(&self.url).await.expect("app loads again");
        self
    }

    /// The browser's renderer processes (pages and their workers), found by this session's
    /// profile folder on their command lines: the benchmark reads their memory from /proc.
    pub fn renderer_pids(&self) -> Vec<u32> {
        let profile = self.profile.to_string_lossy().into_owned();
        let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| entry.file_name().to_str().and_then(|name| name.parse::<u32>().ok()))
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|line| {
                    let line = String::from_utf8_lossy(&line);
                    line.contains("--type=renderer") && line.contains(&profile)
                })
            })
            .collect()
    }

    /// Ends the session and stops everything started.
    pub async fn stop(mut self) {
        self.client.clone().close().await.ok();
        self.driver.kill().ok();
        self.driver.wait().ok();
        self.server.unblock();
        std::fs::remove_dir_all(&self.profile).ok();
    }

    /// Chooses the option `label` of the select with this `data-testid`, once the select shows
    /// it: a select's options can be drawn a task after the select (a person waits for them too).
    pub async fn choose(&self, id: &str, label: &str) {
        let option = format!("//select[@data-testid='{id}']//option[normalize-space(.)='{label}']");
        let shown = self.client.wait().at_most(PATIENCE).for_element(Locator::XPath(&option)).await;
        assert!(shown.is_ok(), "the select {id} never offered {label:?}");
        let chosen = self.testid(id).await.select_by_label(label).await;
        assert!(chosen.is_ok(), "{label:?} chosen in {id}: {chosen:?}");
    }

    /// The element with this `data-testid`, waiting for it to appear.
    pub async fn testid(&self, id: &str) -> fantoccini::elements::Element {
        self.css(&format!("[data-testid='{id}']")).await
    }

    /// The first element matching a CSS selector, waiting for it to appear. When it does not,
    /// the failure says what the page showed instead (its address, title and first words)
    /// and leaves a screenshot in `target/e2e/missing-element.png`.
    pub async fn css(&self, selector: &str) -> fantoccini::elements::Element {
        let found = self.client.wait().at_most(PATIENCE).for_element(Locator::Css(selector)).await;
        match found {
            Ok(element) => element,
            Err(error) => {
                let shown = self
                    .client
                    .execute(
                        "return `${location.href} | ${document.title} | ${(document.body?.innerText ?? '').slice(0, 600)}`;",
                        vec![],
                    )
                    .await
                    .map_or_else(|e| format!("(the page did not answer: {e})"), |v| v.to_string());
                if let Ok(png) = self.client.screenshot().await {
                    let dir = workspace_root().join("target").join("e2e");
                    std::fs::create_dir_all(&dir).ok();
                    std::fs::write(dir.join("missing-element.png"), png).ok();
                }
                panic!("no element {selector}: {error}; the page showed: {shown}")
            }
        }
    }

    /// Waits until the element's text equals `expected`.
    pub async fn wait_for_text(&self, selector: &str, expected: &str) {
        let started = Instant::now();
        let mut last = String::new();
        while started.elapsed() < PATIENCE {
            if let Ok(element) = self.client.find(Locator::Css(selector)).await {
                last = element.text().await.unwrap_or_default();
                if last == expected {
                    return;
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("{selector} reads {last:?}, expected {expected:?}");
    }

    /// On the report page, sets the period to a range of days (`2024-04-01`) through the two
    /// date fields, as a person choosing 「期間指定」 would.
    pub async fn report_range(&self, from: &str, to: &str) {
        self.testid("report-period-kind").await.select_by_value("custom").await.expect("a range");
        let script = r#"
            const field = document.querySelector(`[data-testid='${arguments[0]}']`);
            field.value = arguments[1];
            field.dispatchEvent(new Event('change', { bubbles: true }));
        "#;
        for (testid, day) in [("report-from", from), ("report-to", to)] {
            self.testid(testid).await;
            self.client
                .execute(script, vec![serde_json::Value::from(testid), serde_json::Value::from(day)])
                .await
                .expect("date set");
        }
    }

    /// The volume chart's table over all months of the data: the period set to a range of
    /// years, so the chart counts by month. Waits until the table shows months.
    pub async fn monthly_volume(&self) -> (Vec<String>, Vec<Vec<String>>) {
        self.report_range("2015-01-01", "2035-12-31").await;
        let started = Instant::now();
        loop {
            let (head, rows) = self.chart_table("volume").await;
            let by_month = rows.first().is_some_and(|r| r[0].len() == 7 && r[0].as_bytes()[4] == b'-');
            if by_month {
                return (head, rows);
            }
            assert!(
                started.elapsed() < PATIENCE,
                "the volume chart never counted by month: {:?}",
                rows.first()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// A chart's data table as (header cells, body rows of cells), waiting for its rows.
    pub async fn chart_table(&self, chart: &str) -> (Vec<String>, Vec<Vec<String>>) {
        self.css(&format!("[data-testid='chart-table'][data-chart='{chart}'] tbody tr")).await;
        let script = r#"
            const table = document.querySelector(`[data-testid='chart-table'][data-chart='${arguments[0]}']`);
            const cells = (row) => [...row.children].map((c) => c.textContent.trim());
            return { head: cells(table.tHead.rows[0]), rows: [...table.tBodies[0].rows].map(cells) };
        "#;
        let value =
            self.client.execute(script, vec![serde_json::Value::from(chart)]).await.expect("table read");
        let strings = |v: &serde_json::Value| -> Vec<String> {
            v.as_array().into_iter().flatten().map(|c| c.as_str().unwrap_or_default().to_owned()).collect()
        };
        let rows = value["rows"].as_array().into_iter().flatten().map(strings).collect();
        (strings(&value["head"]), rows)
    }

    /// Runs a DevTools command on the current page; the answer, or the error as text.
    pub async fn devtools(
        &self,
        command: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        self.client
            .issue_cmd(DevTools { command: command.to_owned(), params })
            .await
            .map_err(|e| e.to_string())
    }

    /// Waits until the header says every change is kept in the browser.
    pub async fn wait_saved(&self) {
        let started = Instant::now();
        loop {
            let status = self.testid("save-status").await;
            if status.attr("data-saved").await.expect("attr").as_deref() == Some("true") {
                return;
            }
            assert!(started.elapsed() < PATIENCE, "never saved: {:?}", status.text().await);
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the n-th (1-based) rendered grid row shows exactly the tags `expected`.
    pub async fn expect_row_tags(&self, row: usize, expected: &[&str]) {
        let selector = format!("[data-testid='comment-row']:nth-child({row}) [data-testid='tag-chip'] span");
        let started = Instant::now();
        let mut last = Vec::new();
        while started.elapsed() < PATIENCE {
            last = self.texts(&selector).await;
            if last == expected {
                return;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("row {row} has tags {last:?}, expected {expected:?}");
    }

    /// Presses keys one after another as a person would, on whatever has the focus.
    pub async fn press(&self, keys: &str) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        let mut actions = KeyActions::new("keyboard".to_owned());
        for key in keys.chars() {
            actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        }
        self.client.perform_actions(actions).await.expect("keys pressed");
    }

    /// Presses Ctrl (with Shift when asked) and a key, as for undo and redo.
    pub async fn press_ctrl(&self, key: char, shift: bool) {
        use fantoccini::actions::{InputSource, KeyAction, KeyActions};
        use fantoccini::key::Key;
        let (control, shift_key) = (char::from(Key::Control), char::from(Key::Shift));
        let mut actions = KeyActions::new("keyboard".to_owned()).then(KeyAction::Down { value: control });
        if shift {
            actions = actions.then(KeyAction::Down { value: shift_key });
        }
        actions = actions.then(KeyAction::Down { value: key }).then(KeyAction::Up { value: key });
        if shift {
            actions = actions.then(KeyAction::Up { value: shift_key });
        }
        actions = actions.then(KeyAction::Up { value: control });
        self.client.perform_actions(actions).await.expect("keys pressed");
    }

    /// The text of every element matching a selector, in page order.
    pub async fn texts(&self, selector: &str) -> Vec<String> {
        let mut texts = Vec::new();
        for element in self.client.find_all(Locator::Css(selector)).await.expect("elements") {
            texts.push(element.text().await.unwrap_or_default());
        }
        texts
    }

    /// The folder downloads land in (a test removes a file to wait for the next one of the
    /// same name).
    pub fn downloads_dir(&self) -> PathBuf {
        self.profile.join("downloads")
    }

    /// Waits for a finished download of this name and returns its bytes.
    pub async fn download(&self, name: &str) -> Vec<u8> {
        let path = self.profile.join("downloads").join(name);
        let started = Instant::now();
        while started.elapsed() < PATIENCE {
            if let Ok(bytes) = std::fs::read(&path)
                && !bytes.is_empty()
            {
                return bytes;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let seen: Vec<String> = std::fs::read_dir(self.profile.join("downloads"))
            .map(|d| d.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        panic!("no download {name}; the folder has {seen:?}");
    }

    /// Saves a screenshot under `target/e2e/`, for people to look at.
    pub async fn screenshot(&self, name: &str) {
        let png = self.client.screenshot().await.expect("a screenshot");
        let dir = workspace_root().join("target").join("e2e");
        std::fs::create_dir_all(&dir).ok();
        std::fs::write(dir.join(format!("{name}.png")), png).expect("screenshot written");
    }
}

/// The workspace root, where fixtures are read from.
pub fn workspace_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

/// The records of a CSV fixture as header → value maps, read independently of the app.
pub fn csv_records(path: &Path, encoding: &'static encoding_rs::Encoding) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).expect("fixture readable");
    let (text, _, had_errors) = encoding.decode(&bytes);
    assert!(!had_errors, "{} is not {}", path.display(), encoding.name());
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    reader
        .records()
        .map(|r| {
            let record = r.expect("record");
            headers.iter().zip(record.iter()).map(|(h, v)| (h.to_owned(), v.to_owned())).collect()
        })
        .collect()
}

/// A monthly-by-channel table as (month, channel) → count, zero cells left out; every row's
/// total must equal the sum of its cells.
pub fn monthly_from_table(head: &[String], rows: &[Vec<String>]) -> BTreeMap<(String, String), u64> {
    let channels = &head[1..head.len() - 1];
    let mut counts = BTreeMap::new();
    for row in rows {
        let total: u64 = row.last().and_then(|t| t.parse().ok()).expect("a total");
        let values: Vec<u64> = row[1..=channels.len()].iter().map(|v| v.parse().expect("a number")).collect();
        assert_eq!(values.iter().sum::<u64>(), total, "row total of {}", row[0]);
        for (channel, value) in channels.iter().zip(values) {
            if value > 0 {
                counts.insert((row[0].clone(), channel.clone()), value);
            }
        }
    }
    counts
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn wait_for_port(port: u16) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(started.elapsed() < PATIENCE, "ChromeDriver did not open port {port}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A static file server for `dist` under `prefix`, as GitHub Pages would serve it.
fn serve(server: &tiny_http::Server, dist: &Path, prefix: &str) {
    for request in server.incoming_requests() {
        let path = request.url().split(['?', '#']).next().unwrap_or("/").to_owned();
        let file = path
            .strip_prefix(prefix)
            .or_else(|| (path.clone() + "/").strip_prefix(prefix).map(|_| ""))
            .filter(|rest| !rest.split('/').any(|part| part == ".."))
            .map(|rest| if rest.is_empty() { "index.html" } else { rest })
            .map(|rest| dist.join(rest));
        let response = match file.and_then(|f| std::fs::read(&f).ok().map(|bytes| (f, bytes))) {
            Some((file, bytes)) => {
                let header = tiny_http::Header::from_bytes("Content-Type", content_type(&file))
                    .expect("a valid header");
                tiny_http::Response::from_data(bytes).with_header(header)
            }
            None => tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404),
        };
        request.respond(response).ok();
    }
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("svg") => "image/svg+xml",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    }
}
