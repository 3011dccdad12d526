//! Saving under what a browser does to a page: the renderer crashing mid-save, and a storage
//! quota too small for the next save. Every completed save is kept; a failed one says so and
//! offers the project file.

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
    app.client.goto(&app.url).await.expect("the app opens again");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    // The second tag is there or not, as the save completed or not; never a damaged project.
    let second = app.texts("[data-testid='comment-row']:nth-child(2) [data-testid='tag-chip'] span").await;
    assert!(second.is_empty() || second == ["ネガティブ"], "{second:?}");
    app.stop().await;
}

#[tokio::test]
async fn a_full_quota_says_saving_failed_offers_the_file_and_keeps_what_was_saved() {
    let (app, rows) = App::start_with_sample().await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.wait_saved().await;

    let origin = app.origin();
    app.devtools("Storage.overrideQuotaForOrigin", serde_json::json!({ "origin": origin, "quotaSize": 1 }))
        .await
        .expect("a tiny quota");
    // The next tag's save no longer fits.
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j3").await;
    let failed = app.css("[data-testid='save-status'][data-saved='false'][role='alert']").await;
    let message = failed.text().await.expect("message");
    assert!(message.contains("プロジェクトファイル"), "{message}");
    app.testid("save-failed-export").await.click().await.expect("the way out");
    let file = app.download("マイプロジェクト.koe").await;
    let (_, exported) = koe_core::saved::read_project_file(&file).expect("a project file");
    assert_eq!(exported.comments().len().to_string(), rows, "the file holds the work not saved");

    // With the quota back, a reload finds what was saved before it ran out.
    app.devtools("Storage.overrideQuotaForOrigin", serde_json::json!({ "origin": origin }))
        .await
        .expect("quota back");
    app.client.refresh().await.expect("reloaded");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.stop().await;
}
