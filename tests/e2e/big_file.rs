//! A 50 MB CSV: the page keeps drawing while the worker reads it, the user can stop it with
//! nothing changed, and reading it again and confirming adds every row as one undoable step.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use koe_e2e::{App, PATIENCE};

/// Rows of the generated file; with the text below, about 50 MB.
const ROWS: usize = 200_000;

/// Writes the big file once per test run and returns its path.
fn big_csv() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("koe-e2e-big-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big_voices.csv");
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).expect("file"));
    writeln!(file, "投稿日時,媒体,投稿者,本文").expect("header");
    let filler =
        "新商品のパッケージが開けにくいという声が多く寄せられています。改善をご検討ください。".repeat(2);
    for row in 0..ROWS {
        let channel = ["X", "ブログ", "電話", "メール"][row % 4];
        writeln!(
            file,
            "2026-{:02}-{:02} 10:{:02},{channel},user{row},\"{row}番目: {filler}\"",
            row % 6 + 5,
            row % 28 + 1,
            row % 60
        )
        .expect("row");
    }
    file.flush().expect("flush");
    drop(file);
    let size = std::fs::metadata(&path).expect("metadata").len();
    assert!(size > 45_000_000, "the fixture is as big as the issue asks: {size} bytes");
    path
}

async fn count(app: &App) -> String {
    app.testid("comment-count").await.text().await.expect("count")
}

/// Reads the progress bar's value until two different values below 100% were seen: proof that
/// the page drew the bar while the file was being read, instead of freezing until the end.
async fn watch_progress(app: &App) -> Vec<u32> {
    let mut seen: Vec<u32> = Vec::new();
    let started = Instant::now();
    while started.elapsed() < PATIENCE && seen.len() < 2 {
        if let Ok(bar) = app.client.find(fantoccini::Locator::Css("[data-testid='import-progress']")).await
            && let Ok(Some(value)) = bar.attr("data-per-mille").await
            && let Ok(value) = value.parse::<u32>()
            && value < 1000
            && !seen.contains(&value)
        {
            seen.push(value);
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    seen
}

/// Records, from before the app starts, each `data-reason` the read-only banner shows.
const RECORD_BANNER_REASONS: &str = r#"
window.__koeBannerReasons = [];
new MutationObserver(() => {
  for (const banner of document.querySelectorAll("[data-testid='read-only-banner']")) {
    const reason = banner.getAttribute("data-reason");
    if (reason && !window.__koeBannerReasons.includes(reason)) window.__koeBannerReasons.push(reason);
  }
}).observe(document, { subtree: true, childList: true, attributes: true });
"#;

#[tokio::test]
async fn a_50_mb_file_shows_progress_can_be_stopped_and_then_imported() {
    let path = big_csv();
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let before = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &before).await;

    // Stop it half-way: nothing is added, the project is as it was.
    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    let seen = watch_progress(&app).await;
    assert!(seen.len() >= 2, "the progress bar moved while reading: {seen:?}");
    // Stopped at once: a screenshot first could let the reading end before the click.
    app.testid("import-abort").await.click().await.expect("stop");
    app.wait_for_text(
        "[data-testid='import-notice']",
        "big_voices.csv の取り込みを中止しました。プロジェクトは変わっていません。",
    )
    .await;
    app.screenshot("import-stopped").await;
    assert_eq!(count(&app).await, before);
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid='import-preview']")).await.is_err());

    // Again, to the end: every row arrives, and one undo takes them all away.
    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen again");
    let preview = app.testid("import-preview").await;
    assert!(preview.text().await.expect("text").contains("200,000"), "the preview counts all rows");
    let confirm = app.testid("import-confirm").await;
    let started = Instant::now();
    while confirm.prop("disabled").await.expect("prop").as_deref() == Some("true")
        && started.elapsed() < PATIENCE
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    confirm.click().await.expect("confirm");
    let summary = app.testid("import-summary").await;
    assert_eq!(summary.attr("data-rows").await.expect("attr"), Some(ROWS.to_string()));
    assert_eq!(summary.attr("data-problems").await.expect("attr").as_deref(), Some("0"));
    let total = before.parse::<usize>().expect("digits") + ROWS;
    app.wait_for_text("[data-testid='comment-count']", &total.to_string()).await;
    // The grid holds only the rows in view, however many comments there are.
    app.wait_for_text("[data-testid='match-count']", &total.to_string()).await;
    let rendered =
        app.client.find_all(fantoccini::Locator::Css("[data-testid='comment-row']")).await.expect("rows");
    assert!(rendered.len() < 40, "{} rows in the page for {total} comments", rendered.len());
    app.testid("undo").await.click().await.expect("undo");
    app.wait_for_text("[data-testid='comment-count']", &before).await;

    // Redone and saved, then the page reloaded: while the 200,000 comments are restored the
    // page says so and nothing can change them; then they are all there.
    app.testid("redo").await.click().await.expect("redo");
    app.wait_for_text("[data-testid='comment-count']", &total.to_string()).await;
    app.wait_saved().await;
    // Polling can miss a fast restore, so a script installed before the reload notes every
    // reason the read-only banner gave, from the page's first moment.
    app.devtools("Page.enable", serde_json::json!({})).await.expect("page domain");
    app.devtools(
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({ "source": RECORD_BANNER_REASONS }),
    )
    .await
    .expect("observer installed");
    app.client.refresh().await.expect("reloaded");
    let started = std::time::Instant::now();
    while count(&app).await != total.to_string() {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the restore never finished");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let reasons = app
        .client
        .execute("return (window.__koeBannerReasons || []).join(',');", vec![])
        .await
        .expect("reasons read");
    let saw_restoring = reasons.as_str().unwrap_or_default().split(',').any(|r| r == "Restoring");
    assert!(saw_restoring, "the page said it was restoring (banner reasons seen: {reasons})");
    app.stop().await;
}
