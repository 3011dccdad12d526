//! The monthly report from the sample data: the KPI table and the volume chart against numbers
//! computed from the sample file itself, a quote pinned from the grid, sections edited, a
//! template saved, and every export (CSV, HTML, xlsx, SVG, PNG, the printed page) checked.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, Reader, Xlsx};
use fantoccini::Locator;
use koe_e2e::{App, csv_records, workspace_root};

/// The sample's records.
fn sample_records() -> Vec<BTreeMap<String, String>> {
    csv_records(&workspace_root().join("app/koe-core/data/sample_comments.csv"), encoding_rs::UTF_8)
}

/// The `data-section` ids of the report's sections, in page order.
async fn section_order(app: &App) -> Vec<String> {
    let mut ids = Vec::new();
    for section in
        app.client.find_all(Locator::Css("[data-testid='report-section']")).await.expect("sections")
    {
        ids.push(section.attr("data-section").await.expect("attr").unwrap_or_default());
    }
    ids
}

async fn wait_for_order(app: &App, check: impl Fn(&[String]) -> bool) -> Vec<String> {
    let started = std::time::Instant::now();
    loop {
        let order = section_order(app).await;
        if check(&order) {
            return order;
        }
        assert!(started.elapsed() < koe_e2e::PATIENCE, "sections stayed {order:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The width and height a PNG's header gives.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let number = |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (number(16), number(20))
}

/// Comments of the sample per month (`2026/10`), counted from the file.
fn sample_month_count(month: &str) -> usize {
    sample_records().iter().filter(|r| r.get("投稿日時").is_some_and(|d| d.starts_with(month))).count()
}

#[tokio::test]
async fn a_monthly_report_built_edited_and_exported_in_every_format() {
    let (app, _) = App::start_with_sample().await;

    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-period").await;
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    let (october, september) = (sample_month_count("2026/10"), sample_month_count("2026/09"));
    assert!(october > 0 && september > 0);
    let change = (october as f64 - september as f64) / september as f64 * 100.0;
    let expected = vec![
        "コメント数（前期比）".to_owned(),
        october.to_string(),
        september.to_string(),
        format!("{:+}", october as i64 - september as i64),
        format!("{change:+.1}%"),
    ];
    let started = std::time::Instant::now();
    loop {
        let (_, rows) = app.chart_table("kpi").await;
        if rows.first() == Some(&expected) {
            break;
        }
        assert!(started.elapsed() < koe_e2e::PATIENCE, "KPI row {:?}, expected {expected:?}", rows.first());
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("report-kpi").await;
    // ECharts is not part of the first load: the report page fetches it and draws.
    app.css("[data-chart='volume'] canvas").await;

    // The volume chart counts October by day: each day's total equals the file's.
    let mut per_day: BTreeMap<String, u64> = BTreeMap::new();
    for record in sample_records() {
        let date = &record["投稿日時"];
        if let Some(day) = date.strip_prefix("2026/10/") {
            *per_day.entry(format!("10/{}", &day[..2])).or_default() += 1;
        }
    }
    let (head, rows) = app.chart_table("volume").await;
    assert_eq!(head.first().map(String::as_str), Some("日"));
    assert_eq!(rows.len(), 31, "every day of October");
    for row in &rows {
        let total: u64 = row.last().and_then(|t| t.parse().ok()).expect("a total");
        assert_eq!(total, per_day.get(&row[0]).copied().unwrap_or(0), "day {}", row[0]);
    }

    // Pin a quote from the grid: an October comment whose text occurs once in the file.
    let records = sample_records();
    let quote = records
        .iter()
        .filter(|r| r["投稿日時"].starts_with("2026/10"))
        .map(|r| r["本文"].clone())
        .find(|text| {
            records.iter().filter(|r| r["本文"] == *text).count() == 1
                && !text.contains(['@', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        })
        .expect("a unique October comment");
    app.testid("nav-comments").await.click().await.expect("comments");
    app.testid("filter-input").await.send_keys(&quote).await.expect("search");
    app.wait_for_text("[data-testid='match-count']", "1").await;
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j\u{E007}").await;
    assert_eq!(app.testid("detail-text").await.text().await.expect("text"), quote);
    app.testid("pin-quote").await.click().await.expect("pinned");
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    app.wait_for_text("[data-testid='report-quote'] blockquote", &quote).await;

    // Commentary, a new section moved up and removed (undo brings it back), a template saved.
    let commentary = "10月は<b>パッケージ</b>の声が増えた。";
    let field = app.css("[data-section='commentary'] [data-testid='section-commentary']").await;
    field.send_keys(commentary).await.expect("typed");
    app.css("[data-section='commentary'] h3").await.click().await.expect("leave the field");
    app.testid("section-kind").await.select_by_value("distribution").await.expect("kind");
    app.choose("section-group", "トピック").await;
    app.testid("add-section").await.click().await.expect("added");
    let order = wait_for_order(&app, |o| o.last().map(String::as_str) == Some("distribution-3")).await;
    app.css("[data-section='distribution-3'] [data-testid='section-up']").await.click().await.expect("up");
    let moved = wait_for_order(&app, |o| o[o.len() - 2] == "distribution-3").await;
    assert_eq!(moved[..order.len() - 2], order[..order.len() - 2], "nothing else moved");
    app.css("[data-section='distribution-3'] [data-testid='section-remove']")
        .await
        .click()
        .await
        .expect("gone");
    wait_for_order(&app, |o| !o.iter().any(|id| id == "distribution-3")).await;
    app.testid("undo").await.click().await.expect("undo");
    wait_for_order(&app, |o| o.iter().any(|id| id == "distribution-3")).await;
    app.testid("template-name").await.send_keys("私の月報").await.expect("name");
    app.testid("save-template").await.click().await.expect("saved");
    app.wait_for_text("[data-testid='report-template'] option:last-child", "私の月報").await;

    // The period's comments as CSV: a BOM, one row per comment, no live formula, no handle.
    app.testid("export-csv").await.click().await.expect("export");
    let bytes = app.download("koe-comments-2026-10.csv").await;
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(&bytes[3..]);
    let records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a record")).collect();
    assert_eq!(records.len(), october);
    for record in &records {
        for cell in record {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "live formula or handle: {cell}");
            assert!(!cell.contains("@mogu"), "a handle was not masked: {cell}");
        }
        assert_eq!(record.get(3), Some(""), "authors are hidden by default");
    }

    // The standalone HTML report: no script, every chart as inline SVG, the quote and the
    // commentary as text.
    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2026-10.html").await).expect("UTF-8");
    assert!(!html.to_lowercase().contains("<script"), "the HTML report runs no script");
    let charts = app.client.find_all(Locator::Css("[data-testid='chart']")).await.expect("charts").len();
    assert!(charts >= 6, "the default report's charts: {charts}");
    assert_eq!(html.matches("<svg").count(), charts, "each chart drawn inline");
    assert!(html.contains("社外秘 — 2026年10月"));
    assert!(html.contains(&format!("<td>{october}</td><td>{september}</td>")), "the KPI row");
    assert!(html.contains(&quote), "the pinned quote");
    assert!(html.contains("10月は&lt;b&gt;パッケージ&lt;/b&gt;の声が増えた。"), "commentary as text");

    // The xlsx: the KPI sheet, a sheet per chart, and the comments with 0/1 tag columns.
    app.testid("export-xlsx").await.click().await.expect("export xlsx");
    let bytes = app.download("koe-report-2026-10.xlsx").await;
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("主な指標"));
    assert_eq!(names.len(), 1 + charts + 1, "{names:?}");
    let kpi = book.worksheet_range("主な指標").expect("KPI sheet");
    assert_eq!(kpi.get_value((3, 1)), Some(&Data::Float(october as f64)));
    let comments = book.worksheet_range("コメント").expect("comments sheet");
    assert_eq!(comments.height(), october + 1);
    let head: Vec<String> = (0..comments.width() as u32)
        .map(|c| comments.get_value((0, c)).map(ToString::to_string).unwrap_or_default())
        .collect();
    assert!(head.contains(&"トピック: 品質".to_owned()) && head.contains(&"対応状況".to_owned()), "{head:?}");

    // One chart as SVG and as PNG at twice its size.
    app.css("[data-section='volume'] [data-testid='export-svg']").await.click().await.expect("svg");
    let svg = String::from_utf8(app.download("koe-chart-volume-2026-10.svg").await).expect("UTF-8");
    assert!(svg.starts_with("<svg") && svg.contains("10/01"), "the volume chart by day");
    app.css("[data-section='volume'] [data-testid='export-png']").await.click().await.expect("png");
    assert_eq!(png_size(&app.download("koe-chart-volume-2026-10.png").await), (1440, 680));
    app.screenshot("report-builder").await;

    // The printed page (what print-to-PDF gives), kept for people to look at.
    let pdf = app.client.print(fantoccini::wd::PrintConfiguration::default()).await.expect("printed");
    assert!(pdf.starts_with(b"%PDF"));
    let dir = workspace_root().join("target").join("e2e");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(dir.join("report-print.pdf"), pdf).expect("pdf written");
    app.stop().await;
}
