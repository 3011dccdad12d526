//! The import corpus through the real file input: for each file the preview chooses the
//! columns `expected.csv` names, and importing it keeps every row but proven duplicates.

use koe_e2e::{App, workspace_root};

/// (file, the header of each role in the order of `ROLE_HOOKS`, rows, duplicates).
fn expectations() -> Vec<(String, Vec<String>, String, String)> {
    let text =
        std::fs::read_to_string(workspace_root().join("tests/data/corpus/expected.csv")).expect("expected");
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<String> = line.split(',').map(str::to_owned).collect();
            (cells[0].clone(), cells[1..6].to_vec(), cells[6].clone(), cells[7].clone())
        })
        .collect()
}

/// The preview's hooks, in the order of expected.csv's role columns.
const ROLE_HOOKS: [&str; 5] = ["map-text", "map-date", "map-channel", "map-author", "map-id"];

#[tokio::test]
async fn every_corpus_file_is_mapped_right_and_keeps_its_rows() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    let mut total = 0usize;
    for (file, headers, rows, duplicates) in expectations() {
        let path = workspace_root().join("tests/data/corpus").join(&file);
        app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
        app.testid("import-preview").await;
        for (hook, header) in ROLE_HOOKS.iter().zip(&headers) {
            let select = app.testid(hook).await;
            let value = select.prop("value").await.expect("value").unwrap_or_default();
            let chosen = if value.is_empty() {
                String::new()
            } else {
                let option = app.css(&format!("[data-testid='{hook}'] option[value='{value}']")).await;
                let label = option.text().await.expect("label");
                label.split_once(": ").map(|(_, name)| name.to_owned()).unwrap_or(label)
            };
            assert_eq!(&chosen, header, "{file}: {hook}");
        }
        // The text's reason is shown beside it.
        let reason = app.css("[data-testid='map-reason'][data-field='map-text']").await;
        assert!(!reason.text().await.expect("reason").is_empty(), "{file}: a reason for the text");
        app.client
            .execute(
                "document.querySelector('[data-testid=\"import-preview\"]').scrollIntoView()",
                Vec::new(),
            )
            .await
            .expect("scrolled");
        app.screenshot(&format!("import-preview-{}", file.replace('.', "-"))).await;
        app.testid("import-confirm").await.click().await.expect("confirm");
        let summary = app.testid("import-summary").await;
        assert_eq!(summary.attr("data-rows").await.expect("attr"), Some(rows.clone()), "{file}: rows");
        assert_eq!(
            summary.attr("data-duplicates").await.expect("attr"),
            Some(duplicates),
            "{file}: duplicates"
        );
        total += rows.parse::<usize>().expect("digits");
        app.wait_for_text("[data-testid='comment-count']", &total.to_string()).await;
    }
    app.screenshot("import-corpus").await;
    app.stop().await;
}
