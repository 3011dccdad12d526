//! The monthly report from the sample data: the KPI table against numbers computed from the
//! sample file itself, the period's comments exported as CSV (masked), and the printed page.

use koe_e2e::{App, csv_records, workspace_root};

/// Comments of the sample per month (`2026/10`), counted from the file.
fn sample_month_count(month: &str) -> usize {
    let path = workspace_root().join("app/koe-core/data/sample_comments.csv");
    csv_records(&path, encoding_rs::UTF_8)
        .iter()
        .filter(|r| r.get("投稿日時").is_some_and(|d| d.starts_with(month)))
        .count()
}

#[tokio::test]
async fn a_monthly_report_its_kpis_a_masked_csv_and_the_printed_page() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;

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

    // The standalone HTML report: no script, charts as inline SVG, the period in its header.
    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2026-10.html").await).expect("UTF-8");
    assert!(!html.to_lowercase().contains("<script"), "the HTML report runs no script");
    assert_eq!(html.matches("<svg").count(), 2, "both charts drawn inline");
    assert!(html.contains("社外秘 — 2026年10月"));
    assert!(html.contains(&format!("<td>{october}</td><td>{september}</td>")), "the KPI row");

    // The printed page (what print-to-PDF gives), kept for people to look at.
    let pdf = app.client.print(fantoccini::wd::PrintConfiguration::default()).await.expect("printed");
    assert!(pdf.starts_with(b"%PDF"));
    let dir = workspace_root().join("target").join("e2e");
    std::fs::create_dir_all(&dir).ok();
    std::fs::write(dir.join("report-print.pdf"), pdf).expect("pdf written");
    app.stop().await;
}
