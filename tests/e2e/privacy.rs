//! Nothing leaves the browser: every request the page makes, from page load through import,
//! tagging, the report and every export, goes to the page's own origin. Requests are read from
//! the browser's DevTools network events for the page (ChromeDriver's performance log), which
//! leave out Chromium's own background services.

use koe_e2e::App;

/// The requests that went anywhere but `origin` (`data:` and `blob:` URLs stay in the page).
fn foreign(requests: &[String], origin: &str) -> Vec<String> {
    requests
        .iter()
        .filter(|r| {
            !r.starts_with(&format!("{origin}/")) && !r.starts_with("data:") && !r.starts_with("blob:")
        })
        .cloned()
        .collect()
}

#[tokio::test]
async fn no_request_leaves_the_page_origin() {
    let app = App::start_recording("KOE_DIST", "/").await;
    let origin = app.origin();

    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1j3").await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October");
    app.css("[data-chart='volume'] canvas").await;
    for export in ["export-html", "export-xlsx", "export-csv"] {
        app.testid(export).await.click().await.expect("export");
    }
    app.download("koe-report-2026-10.xlsx").await;
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-export").await.click().await.expect("project file");

    let requests = app.requests().await;
    assert!(
        requests.iter().any(|r| r.ends_with("_bg.wasm")),
        "the app's own requests were seen: {requests:?}"
    );
    assert_eq!(foreign(&requests, &origin), Vec::<String>::new(), "requests beyond {origin}");

    // The recorder does see a request to another origin, so the check above can fail.
    // (A fetch would not do: the page's Content-Security-Policy stops it before the network.)
    app.client.goto("http://example.invalid/probe").await.ok();
    let probe = app.requests().await;
    assert!(
        foreign(&probe, &origin).iter().any(|r| r.contains("example.invalid")),
        "the recorder missed it: {probe:?}"
    );
    app.stop().await;
}

#[tokio::test]
async fn after_one_visit_the_hosted_app_opens_offline() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    // The service worker has cached the app once it controls the page.
    let script =
        "const done = arguments[0]; navigator.serviceWorker.ready.then(() => done(true), () => done(false));";
    let ready = app.client.execute_async(script, vec![]).await.expect("ready");
    assert_eq!(ready, serde_json::Value::Bool(true), "the service worker is active");

    app.stop_serving();
    app.client.refresh().await.expect("reloaded without a server");
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.testid("nav-report").await.click().await.expect("report");
    app.css("[data-chart='volume'] canvas").await;
    app.stop().await;
}
