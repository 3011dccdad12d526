//! Analysis beyond counts: a word of the terms section opens a concordance (KWIC) of the
//! period's comments that contain it, and the risers section marks which changes are
//! significant.

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

/// With the keyword rules applied, a risers section marks each row with its tag and whether its
/// change is significant, names the test under the table, and the HTML report stars the same
/// rows.
#[tokio::test]
async fn the_risers_section_marks_significant_changes_and_names_the_test() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-codebook").await.click().await.expect("codebook");
    let apply = app.testid("apply-rules").await;
    let started = std::time::Instant::now();
    while apply.prop("disabled").await.expect("prop").as_deref() == Some("true")
        && started.elapsed() < koe_e2e::PATIENCE
    {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    apply.click().await.expect("rules applied");
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    app.testid("section-kind").await.select_by_value("risers").await.expect("kind");
    app.choose("section-group", "トピック").await;
    app.testid("add-section").await.click().await.expect("added");
    let selector = "[data-testid='chart-table'][data-chart^='risers'] tbody tr";
    app.css(selector).await;
    let marks = app
        .client
        .execute(
            &format!(
                "return [...document.querySelectorAll(\"{selector}\")].map((r) => [r.dataset.tag, r.dataset.significant, r.cells[0].textContent.trim()]);"
            ),
            Vec::new(),
        )
        .await
        .expect("rows")
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(!marks.is_empty(), "some topic grew from September to October");
    let mut significant = 0;
    for mark in &marks {
        let (tag, flag, category) =
            (mark[0].as_str().unwrap_or(""), mark[1].as_str().unwrap_or(""), mark[2].as_str().unwrap_or(""));
        assert!(!tag.is_empty() && category.starts_with(tag), "row {category} names its tag {tag}");
        assert!(flag == "true" || flag == "false", "row {category}: data-significant={flag}");
        significant += usize::from(flag == "true");
    }
    let note = app.texts("[data-section^='risers'] .koe-note").await.join(" ");
    assert!(note.contains("フィッシャー") && note.contains("z 検定"), "the test is named: {note}");

    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2026-10.html").await).expect("UTF-8");
    let section = &html[html.find("data-section=\"risers").expect("the risers section")..];
    let section = &section[..section.find("</section>").expect("its end")];
    assert_eq!(section.matches(" ★</th>").count(), significant, "the same rows starred");
    app.client
        .execute("document.querySelector(\"[data-section^='risers']\").scrollIntoView();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("risers-significance").await;
    app.stop().await;
}

/// The grid's search shown as a concordance: one row per matching comment, and the rows coded
/// in one pass, by the tag menu for all of them and by a tag's key for one.
#[tokio::test]
async fn the_grid_search_opens_a_concordance_whose_rows_can_be_tagged_in_one_pass() {
    let (app, _rows) = App::start_with_sample().await;
    let word = "プリン";
    let records =
        csv_records(&workspace_root().join("app/koe-core/data/sample_comments.csv"), encoding_rs::UTF_8);
    let with_word = records.iter().filter(|r| r["本文"].contains(word)).count();
    assert!(with_word > 3, "the sample speaks of {word}");
    app.testid("filter-input").await.send_keys(word).await.expect("typed");
    app.wait_for_text("[data-testid='match-count']", &with_word.to_string()).await;
    app.testid("filter-kwic").await.click().await.expect("KWIC");
    app.css(&format!("[data-testid='kwic'][data-term='{word}']")).await;
    let hits = app.texts("[data-testid='kwic-row'] .koe-kwic__hit").await;
    assert_eq!(hits.len(), with_word, "one row per comment the search finds");

    // Every row tagged 品質 at once: one step.
    app.testid("kwic-check-all").await.click().await.expect("all chosen");
    app.choose("kwic-tag", "トピック › 品質").await;
    app.testid("kwic-add-tag").await.click().await.expect("tagged");
    let started = std::time::Instant::now();
    let mut tags = app.texts("[data-testid='kwic-row-tags']").await;
    while !tags.iter().all(|t| t.contains("品質")) && started.elapsed() < koe_e2e::PATIENCE {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        tags = app.texts("[data-testid='kwic-row-tags']").await;
    }
    assert!(tags.iter().all(|t| t.contains("品質")), "{tags:?}");
    assert_eq!(tags.len(), with_word);

    // A tag's key on a row, with nothing chosen, tags that row only.
    app.testid("kwic-check-all").await.click().await.expect("none chosen");
    app.client
        .execute("document.querySelector(\"[data-testid='kwic-row']\").focus();", Vec::new())
        .await
        .expect("focused");
    app.press("3").await;
    let started = std::time::Instant::now();
    let mut first = app.texts("[data-testid='kwic-row-tags']").await;
    while !first[0].contains("ネガティブ") && started.elapsed() < koe_e2e::PATIENCE {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        first = app.texts("[data-testid='kwic-row-tags']").await;
    }
    assert!(first[0].contains("ネガティブ"), "{first:?}");
    assert_eq!(first.iter().filter(|t| t.contains("ネガティブ")).count(), 1, "that row only: {first:?}");
    app.screenshot("kwic-grid").await;

    // Both edits are steps of the history.
    app.testid("undo").await.click().await.expect("undo");
    app.testid("undo").await.click().await.expect("undo");
    let started = std::time::Instant::now();
    let mut tags = app.texts("[data-testid='kwic-row-tags']").await;
    while tags.iter().any(|t| t.contains("品質")) && started.elapsed() < koe_e2e::PATIENCE {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        tags = app.texts("[data-testid='kwic-row-tags']").await;
    }
    assert!(!tags.iter().any(|t| t.contains("品質") || t.contains("ネガティブ")), "{tags:?}");
    app.stop().await;
}
