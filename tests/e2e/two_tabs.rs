//! One project, one editing tab: a second tab on the same project is read-only until it takes
//! over; the first then turns read-only; no tag of either is lost.

use std::time::Duration;

use koe_e2e::App;

async fn banner_reason(app: &App, expected: &str) {
    let started = std::time::Instant::now();
    loop {
        let banner = app.testid("read-only-banner").await;
        if banner.attr("data-reason").await.expect("attr").as_deref() == Some(expected) {
            return;
        }
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the banner never said {expected}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_second_tab_is_read_only_until_it_takes_over_and_no_tag_is_lost() {
    let (app, rows) = App::start_with_sample().await;
    let tab_a = app.client.window().await.expect("tab A");
    // Tab A tags the first comment.
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j1").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.wait_saved().await;

    // Tab B opens the same project: read-only, a key does nothing.
    let tab_b = app.client.new_window(true).await.expect("tab B").handle;
    app.client.switch_to_window(tab_b.clone()).await.expect("to B");
    app.client.goto(&app.url).await.expect("app loads");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    banner_reason(&app, "OtherTab").await;
    app.screenshot("read-only-tab").await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("jj3").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    app.expect_row_tags(2, &[]).await;

    // Tab B takes over and tags the second comment; it sees tab A's tag.
    app.testid("take-over").await.click().await.expect("take over");
    let started = std::time::Instant::now();
    while !app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid='read-only-banner']"))
        .await
        .expect("find")
        .is_empty()
    {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "tab B never became editable");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.expect_row_tags(1, &["ポジティブ"]).await;
    // The cursor is where B left it (the second row) before taking over.
    app.press("3").await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
    app.wait_saved().await;

    // Tab A heard it: read-only now.
    app.client.switch_to_window(tab_a).await.expect("to A");
    banner_reason(&app, "TakenOver").await;

    // A third tab shows both tags.
    let tab_c = app.client.new_window(true).await.expect("tab C").handle;
    app.client.switch_to_window(tab_c).await.expect("to C");
    app.client.goto(&app.url).await.expect("app loads");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
    app.stop().await;
}

/// Deleting all data while another tab has Koe open: that tab lets go, the deletion finishes,
/// and nothing comes back in either tab.
#[tokio::test]
async fn delete_all_with_a_second_tab_open_finishes_and_nothing_comes_back() {
    let (app, rows) = App::start_with_sample().await;
    let tab_a = app.client.window().await.expect("tab A");
    app.wait_saved().await;
    let tab_b = app.client.new_window(true).await.expect("tab B").handle;
    app.client.switch_to_window(tab_b.clone()).await.expect("to B");
    app.client.goto(&app.url).await.expect("app loads");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;

    app.client.switch_to_window(tab_a).await.expect("to A");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("wipe").await.click().await.expect("wipe");
    app.testid("wipe-confirm").await.click().await.expect("confirmed");
    app.wait_for_text("[data-testid='comment-count']", "0").await;

    app.client.switch_to_window(tab_b).await.expect("to B");
    app.client.refresh().await.expect("reloaded");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-list").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), "0");
    assert!(app.texts("[data-testid='project-row-name']").await.is_empty(), "nothing came back");
    app.stop().await;
}
