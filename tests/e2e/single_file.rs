//! The offline single file `dist/koe.html`, opened from disk: it imports a CSV and builds a
//! report with no network request at all.

use koe_e2e::{App, workspace_root};

#[tokio::test]
async fn the_single_file_works_from_disk_with_no_request() {
    let app = App::start_recording("KOE_DIST", "/").await;
    let dist = std::env::var("KOE_DIST").expect("KOE_DIST");
    let file = std::path::Path::new(&dist).join("koe.html");
    assert!(file.exists(), "the build made no koe.html");
    let url = format!("file://{}", file.canonicalize().expect("a path").display());
    app.client.goto(&url).await.expect("the file opens");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");

    let csv = workspace_root().join("tests/data/voices_utf8_bom.csv");
    app.testid("import-file").await.send_keys(&csv.to_string_lossy()).await.expect("chosen");
    app.testid("import-preview").await;
    app.testid("import-confirm").await.click().await.expect("confirmed");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;

    app.testid("nav-report").await.click().await.expect("report");
    let (_, table) = app.monthly_volume().await;
    let total: usize = table.iter().filter_map(|r| r.last()?.parse::<usize>().ok()).sum();
    assert!(total > 0 && total <= rows.parse::<usize>().expect("a number"), "{total} of {rows}");
    app.css("[data-chart='volume'] canvas").await;
    app.screenshot("single-file-report").await;

    let requests = app.requests().await;
    let network: Vec<&String> = requests
        .iter()
        .filter(|r| **r != url && !r.starts_with("data:") && !r.starts_with("blob:"))
        .collect();
    assert!(network.is_empty(), "requests from the single file: {network:?}");
    assert!(requests.contains(&url), "the recorder saw the file itself: {requests:?}");
    app.stop().await;
}
