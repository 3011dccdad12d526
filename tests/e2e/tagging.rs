//! The tagging workbench as a member uses it: keyboard-only tagging, filter + select all
//! matching + bulk tag, and a shared codebook CSV whose rules are applied and undone.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use koe_e2e::{App, PATIENCE, csv_records, workspace_root};

/// The sample's texts, read from the file itself.
fn sample_texts() -> Vec<String> {
    let path = workspace_root().join("app/koe-core/data/sample_comments.csv");
    csv_records(&path, encoding_rs::UTF_8).into_iter().filter_map(|r| r.get("本文").cloned()).collect()
}

async fn count(app: &App, testid: &str) -> usize {
    app.testid(testid).await.text().await.expect("text").parse().expect("digits only")
}

async fn wait_for_count(app: &App, testid: &str, expected: usize) {
    app.wait_for_text(&format!("[data-testid='{testid}']"), &expected.to_string()).await;
}

#[tokio::test]
async fn keyboard_only_tagging_of_several_comments() {
    let (app, _) = App::start_with_sample().await;
    // Focus the page, not the sample button (Enter would press it).
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    // j moves to the first comment; a tag's key toggles it (starter keys: 1 ポジティブ, 3 ネガティブ,
    // b パッケージ), on the current comment.
    app.press("j1j3jb").await;
    app.expect_row_tags(1, &["ポジティブ"]).await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
    app.expect_row_tags(3, &["パッケージ"]).await;

    // k goes back; the same key takes the tag off again; Ctrl+Z puts it back, Ctrl+Shift+Z not.
    app.press("k3").await;
    app.expect_row_tags(2, &[]).await;
    app.press_ctrl('z', false).await;
    app.expect_row_tags(2, &["ネガティブ"]).await;
    app.press_ctrl('z', true).await;
    app.expect_row_tags(2, &[]).await;

    // Enter opens the current comment; Escape closes; ? shows the keys; / goes to the search.
    app.press("\u{E007}").await;
    let second_text = app.css("[data-testid='comment-row']:nth-child(2) [data-testid='comment-text']").await;
    let detail = app.testid("detail-text").await;
    assert_eq!(detail.text().await.expect("text"), second_text.text().await.expect("text"));
    // It needs an answer: the "waiting for a response" filter finds exactly it.
    app.testid("response-needed").await.click().await.expect("needs a response");
    app.testid("filter-waiting").await.click().await.expect("waiting only");
    app.wait_for_text("[data-testid='match-count']", "1").await;
    app.testid("filter-waiting").await.click().await.expect("all again");
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("\u{E00C}?").await;
    app.testid("shortcut-sheet").await;
    app.screenshot("shortcut-sheet").await;
    app.press("\u{E00C}/").await;
    let focused = app.client.active_element().await.expect("focus");
    assert_eq!(focused.attr("data-testid").await.expect("attr").as_deref(), Some("filter-input"));
    assert!(app.client.find(fantoccini::Locator::Css("[data-testid='comment-detail']")).await.is_err());
    app.stop().await;
}

#[tokio::test]
async fn filter_select_all_matching_and_tag_them_in_one_step() {
    let (app, _) = App::start_with_sample().await;
    // Half-width ﾌﾟﾘﾝ finds プリン: search runs on the normalised text.
    let expected = sample_texts().iter().filter(|t| t.contains("プリン")).count();
    assert!(expected > 10, "the sample has プリン comments: {expected}");
    app.testid("filter-input").await.send_keys("ﾌﾟﾘﾝ").await.expect("typed");
    wait_for_count(&app, "match-count", expected).await;
    app.testid("select-all-matching").await.click().await.expect("select all");
    assert_eq!(count(&app, "selection-count").await, expected);
    app.choose("bulk-tag", "トピック: 品質").await;
    app.testid("bulk-add").await.click().await.expect("bulk add");
    app.screenshot("workbench-bulk").await;

    // Every matching comment now has the tag, and only they: filter by the tag instead.
    app.testid("filter-clear").await.click().await.expect("clear");
    app.choose("filter-with-tag", "トピック: 品質").await;
    wait_for_count(&app, "match-count", expected).await;
    app.testid("filter-input").await.send_keys("ﾌﾟﾘﾝ").await.expect("typed");
    wait_for_count(&app, "match-count", expected).await;

    // One undo takes the whole bulk edit back.
    app.testid("undo").await.click().await.expect("undo");
    wait_for_count(&app, "match-count", 0).await;
    app.stop().await;
}

/// Every tag's use count on the codebook page, by tag name.
async fn tag_uses(app: &App) -> BTreeMap<String, String> {
    let script = r#"
        const rows = [...document.querySelectorAll("[data-testid='codebook-tag']")];
        return rows.map((row) => [row.querySelector("[data-testid='tag-name']").value,
                                  row.querySelector("[data-testid='tag-uses']").textContent]);
    "#;
    let value = app.client.execute(script, vec![]).await.expect("read");
    value
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|pair| Some((pair[0].as_str()?.to_owned(), pair[1].as_str()?.to_owned())))
        .collect()
}

#[tokio::test]
async fn a_shared_codebook_csv_then_rules_then_undo_restores_the_counts() {
    let (app, _) = App::start_with_sample().await;
    // Some tagging by hand first, so "the counts before" are not all zero.
    app.testid("filter-input").await.send_keys("豆乳").await.expect("typed");
    app.testid("select-all-matching").await.click().await.expect("select all");
    app.choose("bulk-tag", "感情: ネガティブ").await;
    app.testid("bulk-add").await.click().await.expect("bulk add");

    app.testid("nav-codebook").await.click().await.expect("codebook page");
    let dir = std::env::temp_dir().join(format!("koe-e2e-codebook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("study_group_codebook.csv");
    // 価格 already exists in トピック: the third row conflicts and must be reported, not applied.
    let csv = "group,tag,parent,colour,shortcut,keywords\r\n\
               商品,プリン,,#8e24aa,,プリン|ぷりん\r\n\
               商品,豆乳,,#43a047,,豆乳|-豆乳以外\r\n\
               商品,価格,,#000000,,値段\r\n";
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice(csv.as_bytes());
    std::fs::write(&file, bytes).expect("codebook written");
    app.testid("codebook-file").await.send_keys(&file.to_string_lossy()).await.expect("file chosen");
    let summary = app.testid("codebook-summary").await;
    assert_eq!(summary.attr("data-added").await.expect("attr").as_deref(), Some("2"));
    assert_eq!(summary.attr("data-conflicts").await.expect("attr").as_deref(), Some("1"));
    let conflict = app.css("[data-testid='codebook-conflicts'] li").await;
    assert_eq!(conflict.attr("data-line").await.expect("attr").as_deref(), Some("4"));

    let before = tag_uses(&app).await;
    assert_eq!(before.get("プリン").map(String::as_str), Some("0"));
    let preview = app.testid("rules-preview").await;
    let changes: usize =
        preview.attr("data-changes").await.expect("attr").expect("changes").parse().expect("n");
    assert!(changes > 0, "the preview says how many comments change");
    app.screenshot("codebook-rules").await;
    app.testid("apply-rules").await.click().await.expect("apply rules");
    let pudding = sample_texts().iter().filter(|t| t.contains("プリン") || t.contains("ぷりん")).count();
    let started = Instant::now();
    while tag_uses(&app).await.get("プリン").map(String::as_str) != Some(&pudding.to_string()) {
        assert!(started.elapsed() < PATIENCE, "プリン should be on {pudding} comments");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_ne!(tag_uses(&app).await, before);

    app.testid("undo").await.click().await.expect("undo");
    let started = Instant::now();
    while tag_uses(&app).await != before {
        assert!(started.elapsed() < PATIENCE, "undo restores the exact counts: {:?}", tag_uses(&app).await);
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.stop().await;
}
