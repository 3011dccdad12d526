//! The survey dimensions, the co-occurrence network and the summary through the real UI: a
//! survey file's categorical columns become report dimensions whose counts match the file, a
//! network of the sample's words draws and exports, and the report opens with sentences that
//! the member can rewrite for one period.

use std::collections::BTreeMap;

use koe_e2e::{App, csv_records, workspace_root};

/// Reads the data table of the chart whose id starts with `prefix`, waiting for its rows.
async fn table_starting(app: &App, prefix: &str) -> (String, Vec<String>, Vec<Vec<String>>) {
    let table = app.css(&format!("[data-testid='chart-table'][data-chart^='{prefix}']")).await;
    let id = table.attr("data-chart").await.expect("attr").expect("an id");
    let (head, rows) = app.chart_table(&id).await;
    (id, head, rows)
}

#[tokio::test]
async fn a_surveys_categorical_columns_are_report_dimensions_with_counts_from_the_file() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    let path = workspace_root().join("tests/data/corpus/survey_cp932.csv");
    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    app.testid("import-preview").await;
    app.testid("import-confirm").await.click().await.expect("confirm");
    app.wait_for_text("[data-testid='comment-count']", "106").await;

    let records = csv_records(&path, encoding_rs::SHIFT_JIS);
    let mut by_answer: BTreeMap<String, u64> = BTreeMap::new();
    let mut crossed: BTreeMap<(String, String), u64> = BTreeMap::new();
    for record in &records {
        *by_answer.entry(record["お客様の声の収集"].clone()).or_default() += 1;
        *crossed.entry((record["業種"].clone(), record["お客様の声の収集"].clone())).or_default() += 1;
    }

    app.testid("nav-report").await.click().await.expect("report");
    app.report_range("2011-01-01", "2011-12-31").await;
    app.testid("section-kind").await.select_by_value("attribute").await.expect("kind");
    app.testid("section-attribute").await.select_by_value("お客様の声の収集").await.expect("attribute");
    app.testid("add-section").await.click().await.expect("added");
    let (_, head, rows) = table_starting(&app, "attribute").await;
    assert_eq!(head[0], "お客様の声の収集");
    let shown: BTreeMap<String, u64> =
        rows.iter().map(|r| (r[0].clone(), r[1].parse().expect("a count"))).collect();
    assert_eq!(shown, by_answer, "each answer counted as in the file");
    assert!(rows.iter().all(|r| r[2].ends_with('%')), "shares next to counts: {rows:?}");

    app.testid("section-kind").await.select_by_value("crosstab").await.expect("kind");
    app.testid("section-rows").await.select_by_value("attribute:業種").await.expect("rows");
    app.testid("section-columns").await.select_by_value("attribute:お客様の声の収集").await.expect("columns");
    app.testid("add-section").await.click().await.expect("added");
    app.css("[data-testid='chart'][data-chart^='crosstab']").await;
    let cells = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='chart-table'][data-chart^='crosstab'] td[data-row]\")].map((c) => [c.dataset.row, c.dataset.column, c.textContent.trim()]);",
            Vec::new(),
        )
        .await
        .expect("cells");
    let cells: BTreeMap<(String, String), u64> = cells
        .as_array()
        .into_iter()
        .flatten()
        .map(|c| {
            let text = |i: usize| c[i].as_str().unwrap_or_default().to_owned();
            ((text(0), text(1)), text(2).parse().expect("a count"))
        })
        .filter(|(_, n)| *n > 0)
        .collect();
    assert_eq!(cells, crossed, "every count cell names its two values and counts as the file does");
    app.client
        .execute("document.querySelector(\"[data-section^='crosstab']\").scrollIntoView();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot("report-crosstab").await;

    // Both sections print and export like the others: a chart each in the HTML report.
    let charts = app.texts("[data-testid='chart']").await.len();
    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2011-01-01_2011-12-31.html").await).expect("UTF-8");
    assert_eq!(html.matches("<svg").count(), charts, "one SVG per chart");
    assert!(html.contains("data-section=\"crosstab"));
    app.stop().await;
}

#[tokio::test]
async fn the_cooccurrence_network_draws_its_strongest_links_and_the_slider_keeps_fewer() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    app.testid("section-kind").await.select_by_value("cooccurrence").await.expect("kind");
    app.testid("add-section").await.click().await.expect("added");
    app.css("[data-testid='chart'][data-chart='cooccurrence'] canvas, [data-testid='chart'][data-chart='cooccurrence'] svg")
        .await;
    let (_, head, rows) = table_starting(&app, "cooccurrence").await;
    assert_eq!(head, ["言葉1", "言葉2", "両方を含むコメント", "Jaccard 係数"]);
    assert!(!rows.is_empty(), "October's words occur together");
    let jaccards: Vec<f64> = rows.iter().map(|r| r[3].parse().expect("a coefficient")).collect();
    assert!(jaccards.iter().all(|j| *j > 0.0 && *j <= 1.0), "{jaccards:?}");
    assert!(jaccards.windows(2).all(|w| w[0] >= w[1]), "strongest first: {jaccards:?}");
    assert!(rows.iter().all(|r| r[2].parse::<u64>().expect("count") >= 2), "pairs seen twice or more");
    app.client
        .execute("document.querySelector(\"[data-section='cooccurrence']\").scrollIntoView();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.screenshot("report-network").await;

    // The slider keeps only the strongest few.
    app.client
        .execute(
            "const s = document.querySelector(\"[data-testid='network-edges']\"); s.value = '3'; s.dispatchEvent(new Event('input', {bubbles: true})); s.dispatchEvent(new Event('change', {bubbles: true}));",
            Vec::new(),
        )
        .await
        .expect("slider moved");
    let started = std::time::Instant::now();
    let mut fewer = rows.clone();
    while fewer.len() > 3 && started.elapsed() < koe_e2e::PATIENCE {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        fewer = table_starting(&app, "cooccurrence").await.2;
    }
    assert_eq!(fewer.len(), 3.min(rows.len()));
    assert_eq!(fewer[..], rows[..fewer.len()], "the same strongest links");

    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2026-10.html").await).expect("UTF-8");
    let section = &html[html.find("data-section=\"cooccurrence").expect("the network section")..];
    let section = &section[..section.find("</section>").expect("its end")];
    assert!(section.contains("<svg") && section.matches("<circle").count() >= 2, "drawn as a network");
    app.stop().await;
}

#[tokio::test]
async fn the_report_opens_with_a_summary_that_can_be_rewritten_for_one_period() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    let summary = app.testid("report-summary").await;
    let sentences = app.texts("[data-testid='summary-sentence']").await;
    assert!((3..=6).contains(&sentences.len()), "3 to 6 sentences: {sentences:?}");
    let records =
        csv_records(&workspace_root().join("app/koe-core/data/sample_comments.csv"), encoding_rs::UTF_8);
    let october = records.iter().filter(|r| r["投稿日時"].starts_with("2026/10")).count();
    let september = records.iter().filter(|r| r["投稿日時"].starts_with("2026/09")).count();
    assert!(
        sentences[0].contains(&format!("{october} 件")) && sentences[0].contains(&format!("{september} 件")),
        "the volume against the previous month: {}",
        sentences[0]
    );
    // Each sentence's link leads to a section of this report.
    let sources = app
        .client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='summary-source']\")].map((a) => !!document.querySelector(`[data-testid='report-section'][data-section='${a.dataset.section}']`));",
            Vec::new(),
        )
        .await
        .expect("links");
    let sources = sources.as_array().cloned().unwrap_or_default();
    assert!(!sources.is_empty() && sources.iter().all(|s| s.as_bool() == Some(true)), "{sources:?}");
    app.screenshot("report-summary").await;

    // Rewritten for October: one undoable step that stays with October.
    let _ = summary;
    app.testid("summary-edit").await.click().await.expect("edit");
    let text = app.testid("summary-text").await;
    text.clear().await.expect("cleared");
    text.send_keys("10月はプリンの声が中心でした。").await.expect("typed");
    app.testid("summary-save").await.click().await.expect("saved");
    app.wait_for_text("[data-testid='report-summary'] .koe-summary__text", "10月はプリンの声が中心でした。")
        .await;
    app.testid("report-month").await.select_by_value("2026-09").await.expect("September");
    app.css("[data-testid='report-summary'][data-rewritten='false']").await;
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October again");
    app.css("[data-testid='report-summary'][data-rewritten='true']").await;
    app.testid("undo").await.click().await.expect("undo");
    app.css("[data-testid='report-summary'][data-rewritten='false']").await;
    app.stop().await;
}
