//! Work is never lost: autosave to the browser's storage, restore after a reload and after the
//! browser is closed, the project file round trip, a bad project file, and several projects.

use std::time::Duration;

use koe_core::saved::read_project_file;
use koe_e2e::{App, workspace_root};

/// Deletes the listed project of this name, confirming as a person does.
async fn delete_listed(app: &App, name: &str) {
    let names = app.texts("[data-testid='project-row-name']").await;
    let row = names.iter().position(|n| n == name).unwrap_or_else(|| panic!("{name} is not listed")) + 1;
    app.css(&format!("[data-testid='project-row']:nth-child({row}) [data-testid='project-delete']"))
        .await
        .click()
        .await
        .expect("delete");
    app.testid("project-delete-confirm").await.click().await.expect("confirmed");
}

async fn tag_first_rows(app: &App) {
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1j3").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
}

#[tokio::test]
async fn tags_survive_a_reload_and_closing_the_browser() {
    let (app, rows) = App::start_with_sample().await;
    tag_first_rows(&app).await;
    app.wait_saved().await;
    app.client.refresh().await.expect("reloaded");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.expect_row_tags(2, &["ネガティブ"]).await;

    // Another tag, then the browser is closed one second later without waiting for anything.
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("jjjb").await;
    app.expect_row_tags(3, &["パッケージ"]).await;
    tokio::time::sleep(Duration::from_secs(1)).await;
    let app = app.reopen().await;
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.expect_row_tags(3, &["パッケージ"]).await;
    app.stop().await;
}

#[tokio::test]
async fn a_project_file_round_trip_and_a_bad_file_change_nothing() {
    let (app, rows) = App::start_with_sample().await;
    tag_first_rows(&app).await;
    app.testid("nav-projects").await.click().await.expect("projects");
    let name = app.testid("project-name").await;
    name.clear().await.expect("cleared");
    name.send_keys("10月の声\n").await.expect("named");
    app.css("[data-testid='privacy'] h2").await.click().await.expect("leave the field");
    app.wait_for_text("[data-testid='project-row-name']", "10月の声").await;
    app.testid("project-export").await.click().await.expect("exported");
    let exported = app.download("10月の声.koe").await;
    let (file_name, project) = read_project_file(&exported).expect("a project file");
    assert_eq!(file_name, "10月の声");
    assert_eq!(project.comments().len().to_string(), rows);

    // A new, empty project; then the exported file opened into Koe as a project of its own.
    app.testid("new-project-name").await.send_keys("空").await.expect("name");
    app.testid("new-project").await.click().await.expect("created");
    app.wait_for_text("[data-testid='comment-count']", "0").await;
    let path = std::env::temp_dir().join(format!("koe-e2e-roundtrip-{}.koe", std::process::id()));
    std::fs::write(&path, &exported).expect("file");
    app.testid("project-file").await.send_keys(&path.to_string_lossy()).await.expect("chosen");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    let notice = app.testid("project-notice").await.text().await.expect("notice");
    assert!(notice.contains("10月の声"), "{notice}");

    // Exported again, the file holds exactly the same project, field by field.
    app.testid("project-export").await.click().await.expect("exported again");
    let again = app.download("10月の声.koe").await;
    let (_, reread) = read_project_file(&again).expect("a project file");
    assert_eq!(reread.comments(), project.comments());
    assert_eq!(reread.codebook(), project.codebook());
    assert_eq!(reread.report(), project.report());
    assert_eq!(reread.templates(), project.templates());
    assert_eq!(reread.next_id(), project.next_id());

    // A picture renamed .koe: a clear message, and the open project is untouched.
    let picture = workspace_root().join("public/favicon.svg");
    let bad = std::env::temp_dir().join(format!("koe-e2e-bad-{}.koe", std::process::id()));
    std::fs::write(&bad, std::fs::read(picture).expect("an image")).expect("file");
    app.testid("project-file").await.send_keys(&bad.to_string_lossy()).await.expect("chosen");
    app.wait_for_text(
        "[data-testid='project-notice'] [role='alert']",
        &format!("koe-e2e-bad-{}.koe: Koe のプロジェクトファイル（.koe）ではありません。コメントの CSV や Excel は「コメント」画面から取り込んでください。今のデータはそのままです。", std::process::id()),
    )
    .await;
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), rows);

    // Three projects are listed; the empty one is deleted after a confirmation.
    let started = std::time::Instant::now();
    while app.texts("[data-testid='project-row-name']").await.len() < 3 {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the list never showed three projects");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    delete_listed(&app, "空").await;
    let started = std::time::Instant::now();
    while app.texts("[data-testid='project-row-name']").await.iter().any(|n| n == "空") {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the empty project is still listed");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        app.testid("comment-count").await.text().await.expect("count"),
        rows,
        "the open project stays"
    );
    app.screenshot("projects-ja").await;

    // Delete all data on this device: after the confirmation the page starts empty, and a
    // reload finds nothing stored. Another app of the same origin (a GitHub Pages user site
    // serves many) keeps its setting and its cache.
    let other = "localStorage.setItem('other-app.setting', 'kept'); \
                 const done = arguments[0]; caches.open('other-app-cache').then(() => done(true), () => done(false));";
    app.client.execute_async(other, Vec::new()).await.expect("another app's data");
    app.testid("wipe").await.click().await.expect("wipe");
    app.testid("wipe-confirm").await.click().await.expect("confirmed");
    app.wait_for_text("[data-testid='comment-count']", "0").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.client.refresh().await.expect("reloaded");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-list").await;
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), "0");
    assert!(app.texts("[data-testid='project-row-name']").await.is_empty(), "no project is left");
    let kept = "const done = arguments[0]; caches.has('other-app-cache').then((has) => \
                done(localStorage.getItem('other-app.setting') === 'kept' && has));";
    let kept = app.client.execute_async(kept, Vec::new()).await.expect("checked");
    assert_eq!(kept, serde_json::Value::Bool(true), "another app's setting and cache are kept");
    std::fs::remove_file(path).ok();
    std::fs::remove_file(bad).ok();
    app.stop().await;
}

/// Deleting the project that is open deletes it for good: after a reload it is not back.
#[tokio::test]
async fn the_deleted_open_project_stays_deleted_after_a_reload() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-projects").await.click().await.expect("projects");
    let name = app.testid("project-name").await;
    name.clear().await.expect("cleared");
    name.send_keys("消すプロジェクト\n").await.expect("named");
    app.css("[data-testid='privacy'] h2").await.click().await.expect("leave the field");
    app.wait_for_text("[data-testid='project-row-name']", "消すプロジェクト").await;
    delete_listed(&app, "消すプロジェクト").await;
    app.wait_for_text("[data-testid='comment-count']", "0").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.client.refresh().await.expect("reloaded");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-list").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let names = app.texts("[data-testid='project-row-name']").await;
    assert!(!names.iter().any(|n| n == "消すプロジェクト"), "the deleted project came back: {names:?}");
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), "0");
    app.stop().await;
}
