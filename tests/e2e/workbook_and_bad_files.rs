//! Files as members bring them besides CSV: an Excel workbook with a title above its header,
//! and a picture renamed to `.csv`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use koe_e2e::{App, monthly_from_table, workspace_root};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// (year, month, day, channel, text) — the rows of the generated workbook.
const ROWS: [(u16, u8, u8, &str, &str); 5] = [
    (2026, 9, 3, "電話", "プリンの容器が固くて開けにくい"),
    (2026, 9, 18, "X", "新しい豆乳、おいしかった！"),
    (2026, 9, 30, "電話", "賞味期限の表示が読みにくい"),
    (2026, 10, 1, "メール", "配送が予定より遅れた"),
    (2026, 10, 12, "X", "食パンのもちもち感が最高"),
];

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("koe-e2e-files-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A workbook with a cover sheet, then a sheet with a title, a blank row and the table.
fn write_workbook(path: &PathBuf) {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let cover = book.add_worksheet();
    cover.set_name("表紙").expect("name");
    cover.write_string(0, 0, "お客様の声 2026年度上期").expect("cell");
    let sheet = book.add_worksheet();
    sheet.set_name("声一覧").expect("name");
    sheet.write_string(0, 0, "お客様の声 一覧（社外秘）").expect("cell");
    for (column, header) in ["受付日", "媒体", "本文"].iter().enumerate() {
        sheet.write_string(2, column as u16, *header).expect("header");
    }
    for (index, (year, month, day, channel, text)) in ROWS.iter().enumerate() {
        let row = 3 + index as u32;
        let date = ExcelDateTime::from_ymd(*year, *month, *day).expect("date");
        sheet.write_datetime_with_format(row, 0, &date, &date_format).expect("date cell");
        sheet.write_string(row, 1, *channel).expect("channel");
        sheet.write_string(row, 2, *text).expect("text");
    }
    book.save(path).expect("workbook saved");
}

#[tokio::test]
async fn an_xlsx_with_a_title_row_imports_and_reports() {
    let dir = temp_dir("xlsx");
    let path = dir.join("お客様の声.xlsx");
    write_workbook(&path);

    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    let sheet = app.testid("import-sheet").await.prop("value").await.expect("sheet");
    assert_eq!(sheet.as_deref(), Some("1"), "the sheet with the table is chosen, not the cover");
    app.testid("import-confirm").await.click().await.expect("confirm");
    let summary = app.testid("import-summary").await;
    assert_eq!(summary.attr("data-rows").await.expect("attr"), Some(ROWS.len().to_string()));
    assert_eq!(summary.attr("data-problems").await.expect("attr").as_deref(), Some("0"));

    app.testid("nav-report").await.click().await.expect("report");
    let (head, rows) = app.monthly_volume().await;
    let mut expected: BTreeMap<(String, String), u64> = BTreeMap::new();
    for (year, month, _, channel, _) in ROWS {
        *expected.entry((format!("{year:04}-{month:02}"), channel.to_owned())).or_insert(0) += 1;
    }
    let shown = monthly_from_table(&head, &rows);
    assert_eq!(shown, expected);
    app.stop().await;
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test]
async fn a_picture_renamed_to_csv_gets_a_clear_message_and_changes_nothing() {
    let dir = temp_dir("png");
    let path = dir.join("comments.csv");
    std::fs::copy(workspace_root().join("tests/data/not-a-table.png"), &path).expect("copied");

    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    // Import runs in a worker: its summary says when the sample is in.
    let before = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    assert_ne!(before, "0");
    app.wait_for_text("[data-testid='comment-count']", &before).await;

    app.testid("import-file").await.send_keys(&path.to_string_lossy()).await.expect("file chosen");
    let alert = app.css("[data-testid='import-notice'] [role='alert']").await;
    let message = alert.text().await.expect("message");
    assert!(message.starts_with("comments.csv: PNG 画像で、テキストファイルではありません"), "{message}");
    app.wait_for_text("[data-testid='comment-count']", &before).await;
    app.stop().await;
    std::fs::remove_dir_all(dir).ok();
}
