//! The offline single file `dist/koe.html`, opened from disk: it imports a CSV, builds a
//! report and exports a workbook and a project file with no network request at all.

use calamine::{Reader, Xlsx};
use koe_e2e::{App, workspace_root};

#[tokio::test]
async fn the_single_file_works_from_disk_with_no_request() {
    let app = App::start_recording("KOE_DIST", "/").await;
    let dist = std::env::var("KOE_DIST").expect("KOE_DIST");
    let file = std::path::Path::new(&dist).join("koe.html");
    assert!(file.exists(), "the build made no koe.html");
    let url = format!("file://{}", file.canonicalize().expect("a path").display());
    app.client.goto(&url).await.expect("the file opens");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");

    let csv = workspace_root().join("tests/data/voices_utf8_bom.csv");
    app.testid("import-file").await.send_keys(&csv.to_string_lossy()).await.expect("chosen");
    app.testid("import-preview").await;
    app.testid("import-confirm").await.click().await.expect("confirmed");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;

    app.testid("nav-report").await.click().await.expect("report");
    let (_, table) = app.monthly_volume().await;
    let total: usize = table.iter().filter_map(|r| r.last()?.parse::<usize>().ok()).sum();
    assert!(total > 0 && total <= rows.parse::<usize>().expect("a number"), "{total} of {rows}");
    app.css("[data-chart='volume'] canvas").await;
    app.screenshot("single-file-report").await;

    // The workbook is written by the worker the single file starts as a Blob.
    app.testid("export-xlsx").await.click().await.expect("export xlsx");
    let bytes = workbook_downloaded(&app).await;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).expect("an xlsx");
    let names = book.sheet_names();
    assert_eq!(names.first().map(String::as_str), Some("主な指標"), "{names:?}");
    let comments = book.worksheet_range("コメント").expect("comments sheet");
    assert!(comments.height() > 1, "the month's comments are in the workbook");

    // The project file is written by the same Blob worker: working offline, the work can
    // still be taken along.
    app.testid("nav-projects").await.click().await.expect("projects");
    let name = app.testid("project-name").await;
    name.clear().await.expect("cleared");
    name.send_keys("持ち出し\n").await.expect("named");
    app.css("[data-testid='privacy'] h2").await.click().await.expect("leave the field");
    app.wait_for_text("[data-testid='project-row-name']", "持ち出し").await;
    app.testid("project-export").await.click().await.expect("exported");
    let exported = app.download("持ち出し.koe").await;
    let (file_name, project) = koe_core::saved::read_project_file(&exported).expect("a project file");
    assert_eq!((file_name.as_str(), project.comments().len().to_string()), ("持ち出し", rows.clone()));

    let requests = app.requests().await;
    let network: Vec<&String> = requests
        .iter()
        .filter(|r| **r != url && !r.starts_with("data:") && !r.starts_with("blob:"))
        .collect();
    assert!(network.is_empty(), "requests from the single file: {network:?}");
    assert!(requests.contains(&url), "the recorder saw the file itself: {requests:?}");
    app.stop().await;
}

/// The single file runs import in its Blob worker: a workbook whose used range reaches XFD1048576 and
/// a hostile project file are refused there too, with their messages, and nothing changes.
#[tokio::test]
async fn the_single_file_refuses_absurd_and_hostile_files_with_a_message() {
    let app = App::start("KOE_DIST", "/").await;
    let dist = std::env::var("KOE_DIST").expect("KOE_DIST");
    let file = std::path::Path::new(&dist).join("koe.html");
    let url = format!("file://{}", file.canonicalize().expect("a path").display());
    app.client.goto(&url).await.expect("the file opens");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("load-sample").await.click().await.expect("sample");
    let rows = app.testid("import-summary").await.attr("data-rows").await.expect("attr").expect("rows");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;

    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "本文").expect("header");
    sheet.write_string(1, 0, "声").expect("comment");
    sheet.write_string(1_048_575, 16_383, "遠いセル").expect("far cell");
    let huge = std::env::temp_dir().join(format!("koe-e2e-huge-{}.xlsx", std::process::id()));
    std::fs::write(&huge, book.save_to_buffer().expect("written")).expect("file");
    app.testid("import-file").await.send_keys(&huge.to_string_lossy()).await.expect("chosen");
    let notice = app.css("[data-testid='import-notice'] [role='alert']").await.text().await.expect("message");
    assert!(notice.contains("16384列") && notice.contains("大きすぎて"), "{notice}");
    app.screenshot("single-file-refused-workbook").await;
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), rows);

    let hostile = std::env::temp_dir().join(format!("koe-e2e-hostile-{}.koe", std::process::id()));
    let project = r##"{"format":"koe-project","version":3,"name":"x","comments":[],
        "codebook":{"groups":[{"id":1,"name":"g","multiple":true}],
        "tags":[{"id":2,"group":1,"name":"t","colour":"#000\" onload=\"alert(1)","parent":null,"shortcut":null,
        "rule":{"any_of":[],"all_of":[],"none_of":[],"regex":null}}]},
        "report":{"sections":[],"quotes":[],"synonyms":"","stop_words":""},"templates":[],"next_id":0}"##;
    std::fs::write(&hostile, project).expect("file");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-file").await.send_keys(&hostile.to_string_lossy()).await.expect("chosen");
    let alert = app.css("[data-testid='project-notice'] [role='alert']").await.text().await.expect("message");
    assert!(alert.contains("codebook.tags[0].colour"), "{alert}");
    app.screenshot("single-file-refused-project").await;
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), rows);
    std::fs::remove_file(huge).ok();
    std::fs::remove_file(hostile).ok();
    app.stop().await;
}

/// The first non-empty `.xlsx` in the downloads folder, waited for.
async fn workbook_downloaded(app: &App) -> Vec<u8> {
    for _ in 0..200 {
        let found = std::fs::read_dir(app.downloads_dir())
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|e| e == "xlsx"));
        if let Some(bytes) = found.and_then(|path| std::fs::read(path).ok()).filter(|b| !b.is_empty()) {
            return bytes;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no workbook was downloaded");
}
