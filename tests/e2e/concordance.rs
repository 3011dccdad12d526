//! The frequent terms lead to their contexts: a word of the terms section opens a concordance
//! (KWIC) of the period's comments that contain it, sortable by the text left or right of the
//! word, and a row opens its comment.

use koe_e2e::{App, csv_records, workspace_root};

#[tokio::test]
async fn a_frequent_word_opens_its_concordance_and_a_row_opens_the_comment() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    let term = app.testid("term").await;
    let word = term.attr("data-term").await.expect("attr").expect("a word");
    term.click().await.expect("the word");

    // Expected from the sample file itself: October's comments whose text has the word.
    let records =
        csv_records(&workspace_root().join("app/koe-core/data/sample_comments.csv"), encoding_rs::UTF_8);
    let october: Vec<&String> = records
        .iter()
        .filter(|r| r["投稿日時"].starts_with("2026/10"))
        .map(|r| &r["本文"])
        .filter(|text| text.contains(word.as_str()))
        .collect();
    assert!(!october.is_empty(), "the word {word} is in October's comments");
    app.css(&format!("[data-testid='kwic'][data-term='{word}']")).await;
    let started = std::time::Instant::now();
    let mut rows = Vec::new();
    while rows.len() != october.len() && started.elapsed() < koe_e2e::PATIENCE {
        rows = app.texts("[data-testid='kwic-row'] .koe-kwic__hit").await;
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(rows.len(), october.len(), "one row per October comment with {word}");
    assert!(rows.iter().all(|hit| *hit == word), "the word itself in the middle: {rows:?}");
    app.client
        .execute("document.querySelector(\"[data-testid='kwic']\").scrollIntoView();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("kwic-ja").await;

    // By the right context: the rows' right sides in order.
    app.testid("kwic-sort").await.select_by_value("right").await.expect("right");
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let rights = app.texts("[data-testid='kwic-row'] .koe-kwic__right").await;
    let mut sorted = rights.clone();
    sorted.sort();
    assert_eq!(rights, sorted, "sorted by what follows the word");

    // A row opens its comment in the comment list.
    let row = app.testid("kwic-row").await;
    row.click().await.expect("a row");
    app.testid("comments-page").await;
    let text = app.testid("detail-text").await.text().await.expect("text");
    assert!(text.contains(word.as_str()) && october.iter().any(|t| **t == text), "opened: {text}");
    app.stop().await;
}
