//! A new version never pulls the app from under an open tab: after a deploy, the page keeps
//! running the version it loaded, says a new one is ready, and reloads into it when asked;
//! then the new version works, also offline.

use std::path::{Path, PathBuf};
use std::time::Duration;

use koe_e2e::App;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("dist").filter_map(Result::ok) {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copied");
        }
    }
}

async fn version_marker(app: &App) -> bool {
    let script = "return document.querySelector(\"meta[name='koe-test-version']\") !== null";
    app.client.execute(script, Vec::new()).await.expect("script").as_bool().unwrap_or(false)
}

#[tokio::test]
async fn a_new_version_waits_for_the_reload_and_then_works_offline() {
    let dist = PathBuf::from(std::env::var("KOE_DIST").expect("KOE_DIST names the built app"));
    let served = std::env::temp_dir().join(format!("koe-e2e-update-{}", std::process::id()));
    std::fs::remove_dir_all(&served).ok();
    copy_dir(&dist, &served);
    let app = App::start_dir(served.clone()).await;
    app.client.goto(&app.url).await.expect("version 1 loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    let script =
        "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true), () => done(false));";
    assert_eq!(app.client.execute_async(script, vec![]).await.expect("ready"), serde_json::Value::Bool(true));
    // Reloaded once, the page is controlled by the worker.
    app.client.refresh().await.expect("reloaded");
    app.testid("load-sample").await;

    // Version 2 is deployed: another worker script and another page.
    let sw = std::fs::read_to_string(served.join("sw.js")).expect("sw.js");
    std::fs::write(served.join("sw.js"), sw.replace("const CACHE = 'koe-", "const CACHE = 'koe-next-"))
        .expect("sw");
    let index = std::fs::read_to_string(served.join("index.html")).expect("index");
    let marked = index.replacen("<head>", "<head><meta name=\"koe-test-version\" content=\"2\">", 1);
    std::fs::write(served.join("index.html"), marked).expect("index");

    // The open tab keeps version 1 and says a new one is ready.
    app.client.refresh().await.expect("reloaded");
    app.testid("update-banner").await;
    assert!(!version_marker(&app).await, "the page did not switch under the tab");
    app.testid("update-reload").await.click().await.expect("reload into it");
    let started = std::time::Instant::now();
    while !version_marker(&app).await {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the new version never came");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.wait_saved().await;

    // Offline, the new version opens from its cache.
    app.stop_serving();
    app.client.refresh().await.expect("reloaded without a server");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    assert!(version_marker(&app).await, "version 2 offline");
    app.stop().await;
    std::fs::remove_dir_all(&served).ok();
}
