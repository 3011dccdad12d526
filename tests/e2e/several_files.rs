//! Several files in one go, and a column mapping remembered for the next file with the same
//! header.

use fantoccini::Locator;
use koe_e2e::{App, csv_records, workspace_root};

/// Comments in a fixture: records whose text column is not empty, counted here from the file.
fn comments_in(file: &str, text_column: &str, encoding: &'static encoding_rs::Encoding) -> usize {
    let records = csv_records(&workspace_root().join("tests/data").join(file), encoding);
    records.iter().filter(|r| !r[text_column].trim().is_empty()).count()
}

#[tokio::test]
async fn two_files_at_once_then_a_remembered_mapping() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");

    let utf8 = workspace_root().join("tests/data/voices_utf8_bom.csv");
    let cp932 = workspace_root().join("tests/data/voices_cp932.csv");
    let both = format!("{}\n{}", utf8.display(), cp932.display());
    app.testid("import-file").await.send_keys(&both).await.expect("two files chosen");
    app.testid("import-preview").await;
    app.testid("import-waiting").await;
    app.testid("import-confirm-all").await.click().await.expect("import all");
    let expected = comments_in("voices_utf8_bom.csv", "コメント", encoding_rs::UTF_8)
        + comments_in("voices_cp932.csv", "お客様の声", encoding_rs::SHIFT_JIS);
    app.wait_for_text("[data-testid='comment-count']", &expected.to_string()).await;
    let summaries =
        app.client.find_all(Locator::Css("[data-testid='import-summary']")).await.expect("summaries");
    let mut encodings = Vec::new();
    for summary in &summaries {
        encodings.push(summary.attr("data-encoding").await.expect("attr").unwrap_or_default());
    }
    assert_eq!(encodings, vec!["UTF-8", "Shift_JIS"]);

    // Choose "no channel" for this header, import, undo, and open the same file again.
    app.testid("undo").await.click().await.expect("undo");
    app.testid("undo").await.click().await.expect("undo");
    app.wait_for_text("[data-testid='comment-count']", "0").await;
    app.testid("import-file").await.send_keys(&utf8.to_string_lossy()).await.expect("file chosen");
    let channel = app.testid("map-channel").await;
    assert_eq!(channel.prop("value").await.expect("value").as_deref(), Some("1"), "guessed チャネル");
    channel.select_by_value("").await.expect("no channel");
    app.testid("import-confirm").await.click().await.expect("confirm");
    app.testid("undo").await.click().await.expect("undo");
    app.testid("import-file").await.send_keys(&utf8.to_string_lossy()).await.expect("file chosen again");
    let channel = app.testid("map-channel").await;
    assert_eq!(channel.prop("value").await.expect("value").as_deref(), Some(""), "the choice was remembered");
    app.stop().await;
}

#[tokio::test]
async fn the_same_comments_twice_are_found_as_duplicates_and_left_out() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("load-sample").await.click().await.expect("sample");
    // Import is asynchronous (it runs in a worker): the summary says when it is done.
    let first = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &first).await;
    app.testid("load-sample").await.click().await.expect("sample again");
    let summary = app.testid("import-summary").await;
    assert_eq!(summary.attr("data-duplicates").await.expect("attr"), Some(first.clone()));
    assert_eq!(summary.attr("data-rows").await.expect("attr").as_deref(), Some("0"));
    app.wait_for_text("[data-testid='comment-count']", &first).await;

    // Keeping them is the user's choice: untick "leave out" in the preview of a file.
    let utf8 = workspace_root().join("tests/data/voices_utf8_bom.csv");
    app.testid("import-file").await.send_keys(&utf8.to_string_lossy()).await.expect("file");
    app.testid("import-confirm").await.click().await.expect("confirm");
    app.testid("import-summary").await;
    let after_one: usize =
        app.testid("comment-count").await.text().await.expect("count").parse().expect("digits");
    app.testid("import-file").await.send_keys(&utf8.to_string_lossy()).await.expect("file again");
    let keep = app.testid("import-skip-duplicates").await;
    keep.click().await.expect("keep duplicates");
    app.testid("import-confirm").await.click().await.expect("confirm");
    let added = after_one - first.parse::<usize>().expect("digits");
    app.wait_for_text("[data-testid='comment-count']", &(after_one + added).to_string()).await;
    app.stop().await;
}

#[tokio::test]
async fn ctrl_z_undoes_a_tag_and_the_language_is_remembered() {
    use fantoccini::key::Key;

    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let row = app.testid("comment-row").await;
    let picker = row.find(Locator::Css("[data-testid='tag-select']")).await.expect("picker");
    picker.select_by_label("価格").await.expect("tagged");
    app.wait_for_text("[data-testid='comment-row'] [data-testid='tag-chip'] span", "価格").await;

    // Focus stays on the tag menu: Ctrl+Z there still undoes the tag, not the browser's text.
    picker.send_keys(&format!("{}z", char::from(Key::Control))).await.expect("ctrl+z");
    let started = std::time::Instant::now();
    while !app.client.find_all(Locator::Css("[data-testid='tag-chip']")).await.expect("chips").is_empty() {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "Ctrl+Z did not take the tag off");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    picker
        .send_keys(&format!("{}{}z", char::from(Key::Control), char::from(Key::Shift)))
        .await
        .expect("redo");
    app.wait_for_text("[data-testid='comment-row'] [data-testid='tag-chip'] span", "価格").await;

    app.client.refresh().await.expect("reload");
    let lang = app.testid("lang-select").await.prop("value").await.expect("value");
    assert_eq!(lang.as_deref(), Some("ja"), "the chosen language survives a reload");
    app.wait_for_text("[data-testid='nav-report']", "レポート").await;
    app.stop().await;
}
