//! Saving under what a browser does to a page: the renderer crashing mid-save. Every completed
//! save is kept, and the project is never left damaged (bodies, state and list entry are written
//! in one IndexedDB transaction).

use std::time::Duration;

use koe_e2e::App;

#[tokio::test]
async fn a_crash_mid_save_keeps_the_last_completed_save() {
    let (app, rows) = App::start_with_sample().await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.wait_saved().await;
    // Another tag, and the renderer is killed at once, while that save may be under way.
    app.press("j3").await;
    let _ = app.devtools("Page.crash", serde_json::json!({})).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let app = app.reopen().await;
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    // The second tag is there or not, as the save completed or not; never a damaged project.
    let second = app.texts("[data-testid='comment-row']:nth-child(2) [data-testid='tag-chip'] span").await;
    assert!(second.is_empty() || second == ["ネガティブ"], "{second:?}");
    app.stop().await;
}
