//! Saving under what a browser does to a page: the renderer crashing mid-save, and storage that
//! is full. Every completed save is kept, the project is never left damaged (bodies, state and
//! list entry are written in one IndexedDB transaction), and a failed save says so and offers
//! the project file.

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

/// Storage that is full (a DevTools quota override, which holds for storage the origin opens
/// after it): the header says saving failed and offers the project file, which holds the work.
#[tokio::test]
async fn full_storage_says_saving_failed_and_offers_the_project_file() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.devtools(
        "Storage.overrideQuotaForOrigin",
        serde_json::json!({ "origin": app.origin(), "quotaSize": 1 }),
    )
    .await
    .expect("a tiny quota");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    let failed = app.css("[data-testid='save-status'][data-saved='false'][role='alert']").await;
    let message = failed.text().await.expect("message");
    assert!(message.contains("プロジェクトファイル"), "{message}");
    app.testid("save-failed-export").await.click().await.expect("the way out");
    app.testid("nav-projects").await.click().await.expect("projects");
    let name = app.testid("project-name").await.prop("value").await.expect("name").unwrap_or_default();
    let file = app.download(&format!("{name}.koe")).await;
    let (_, exported) = koe_core::saved::read_project_file(&file).expect("a project file");
    assert_eq!(exported.comments().len().to_string(), rows, "the file holds every comment");
    assert_eq!(exported.comments().iter().filter(|c| !c.tags().is_empty()).count(), 1, "and the tag");
    app.stop().await;
}
