//! The walking skeleton, as a user does it: sample data, a CSV of their own, a tag, the
//! report — with the report's numbers checked against counts computed from the files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use fantoccini::Locator;
use koe_e2e::{App, csv_records, monthly_from_table, workspace_root};

const XSS_TEXT: &str = "<img src=x onerror=alert(1)>";
/// How the Japanese UI names a comment without a channel.
const UNKNOWN_CHANNEL_JA: &str = "（不明）";

/// One CSV file and the headers of its text, date and channel columns.
struct Fixture {
    path: PathBuf,
    encoding: &'static encoding_rs::Encoding,
    text: &'static str,
    date: &'static str,
    channel: &'static str,
}

fn sample() -> Fixture {
    Fixture {
        path: workspace_root().join("app/koe-core/data/sample_comments.csv"),
        encoding: encoding_rs::UTF_8,
        text: "本文",
        date: "投稿日時",
        channel: "媒体",
    }
}

/// What Japanese Excel writes as 「CSV」: CP932 bytes, 和暦 among the dates.
fn voices_cp932() -> Fixture {
    Fixture {
        path: workspace_root().join("tests/data/voices_cp932.csv"),
        encoding: encoding_rs::SHIFT_JIS,
        text: "お客様の声",
        date: "受付日",
        channel: "受付経路",
    }
}

fn voices() -> Fixture {
    Fixture {
        path: workspace_root().join("tests/data/voices_utf8_bom.csv"),
        encoding: encoding_rs::UTF_8,
        text: "コメント",
        date: "日付",
        channel: "チャネル",
    }
}

/// The records of a fixture as header → value maps, read independently of the app.
fn records(fixture: &Fixture) -> Vec<BTreeMap<String, String>> {
    csv_records(&fixture.path, fixture.encoding)
}

/// Comments the app should add: records with a non-empty text.
fn comment_count(fixture: &Fixture) -> usize {
    records(fixture).iter().filter(|r| !r[fixture.text].trim().is_empty()).count()
}

/// `YYYY-MM` of a date written as `2026/05/02 20:52`, `2026-07-02` or `令和8年10月3日`, if the
/// day exists.
fn month_of(date: &str) -> Option<String> {
    let numbers: Vec<u32> =
        date.split(|c: char| !c.is_ascii_digit()).filter_map(|p| p.parse().ok()).take(3).collect();
    let [year, month, day] = numbers[..] else {
        return None;
    };
    let year = if date.starts_with("令和") { year + 2018 } else { year };
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    Some(format!("{year:04}-{month:02}"))
}

/// (month, channel) → comments, over several fixtures; zero cells are left out.
fn expected_monthly(fixtures: &[Fixture]) -> BTreeMap<(String, String), u64> {
    let mut counts = BTreeMap::new();
    for fixture in fixtures {
        for record in records(fixture) {
            if record[fixture.text].trim().is_empty() {
                continue;
            }
            let Some(month) = month_of(&record[fixture.date]) else {
                continue;
            };
            let channel = record[fixture.channel].trim();
            let channel = if channel.is_empty() { UNKNOWN_CHANNEL_JA } else { channel };
            *counts.entry((month, channel.to_owned())).or_insert(0) += 1;
        }
    }
    counts
}

async fn upload(app: &App, file: &Path) {
    let input = app.testid("import-file").await;
    input.send_keys(&file.to_string_lossy()).await.expect("file chosen");
}

#[tokio::test]
async fn import_tag_and_report_match_the_files() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");

    // The sample data set, one click away.
    app.testid("load-sample").await.click().await.expect("sample");
    let sample_count = comment_count(&sample());
    app.wait_for_text("[data-testid='comment-count']", &sample_count.to_string()).await;

    // A bad file gets a clear message and nothing is lost.
    upload(&app, &workspace_root().join("tests/data/not-a-table.png")).await;
    let notice = app.css("[data-testid='import-notice'] [role='alert']").await;
    let message = notice.text().await.expect("message");
    assert!(
        message.contains("not-a-table.png") && message.contains("テキストファイルではありません"),
        "{message}"
    );
    app.wait_for_text("[data-testid='comment-count']", &sample_count.to_string()).await;

    // The user's own CSV through the file picker, previewed, then confirmed.
    upload(&app, &voices().path).await;
    app.testid("import-preview").await;
    app.testid("import-confirm").await.click().await.expect("confirm");
    let total = sample_count + comment_count(&voices());
    app.wait_for_text("[data-testid='comment-count']", &total.to_string()).await;
    let problems = app.testid("import-problems").await.text().await.expect("problems");
    assert!(
        problems.contains("voices_utf8_bom.csv: 13行目 1列目") && problems.contains("2026-02-30"),
        "{problems}"
    );
    assert!(problems.contains("voices_utf8_bom.csv: 14行目 3列目"), "{problems}");

    // The channel filter offers every channel of both files (worked out after the import, in a
    // task of its own), and choosing one keeps that channel's comments.
    let mut channels: Vec<String> = [sample(), voices()]
        .iter()
        .flat_map(|f| records(f).into_iter().filter_map(|r| r.get(f.channel).map(|c| c.trim().to_owned())))
        .filter(|c| !c.is_empty())
        .collect();
    channels.sort();
    channels.dedup();
    let offered = || async {
        let script = "return [...document.querySelectorAll(\"[data-testid='filter-channel'] option\")].slice(1).map((o) => o.value);";
        let value = app.client.execute(script, vec![]).await.expect("options");
        value
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let mut shown = offered().await;
    for _ in 0..50 {
        if shown == channels {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        shown = offered().await;
    }
    assert_eq!(shown, channels, "the channel filter lists both files' channels");
    let chosen = &channels[0];
    let expected = [sample(), voices()]
        .iter()
        .flat_map(|f| {
            records(f)
                .into_iter()
                .filter(|r| r.get(f.channel).map(|c| c.trim()) == Some(chosen.as_str()))
                .filter(|r| r.get(f.text).is_some_and(|t| !t.trim().is_empty()))
                .collect::<Vec<_>>()
        })
        .count();
    app.testid("filter-channel").await.select_by_value(chosen).await.expect("channel chosen");
    app.wait_for_text("[data-testid='match-count']", &expected.to_string()).await;
    app.testid("filter-channel").await.select_by_value("").await.expect("all channels");
    app.wait_for_text("[data-testid='match-count']", &total.to_string()).await;

    // Customer text is shown as text, never as HTML: search finds it, and it reads as written.
    app.testid("filter-input").await.send_keys("onerror").await.expect("search");
    app.wait_for_text("[data-testid='match-count']", "1").await;
    let shown = app.testid("comment-text").await.text().await.expect("text");
    assert_eq!(shown, XSS_TEXT, "the <img> comment is not shown as its characters");
    app.testid("filter-clear").await.click().await.expect("clear");
    app.wait_for_text("[data-testid='match-count']", &total.to_string()).await;
    let images = app.client.find_all(Locator::Css("main img")).await.expect("query");
    assert!(images.is_empty(), "customer text became an <img>");

    // Tag the first comment.
    let first_row = app.testid("comment-row").await;
    let picker = first_row.find(Locator::Css("[data-testid='tag-select']")).await.expect("picker");
    picker.select_by_label("品質").await.expect("tag chosen");
    app.wait_for_text("[data-testid='comment-row'] [data-testid='tag-chip'] span", "品質").await;

    // The report's numbers equal the counts computed from the two files.
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report").await;
    let (head, rows) = app.monthly_volume().await;
    assert_eq!(head.first().map(String::as_str), Some("月"));
    assert_eq!(monthly_from_table(&head, &rows), expected_monthly(&[sample(), voices()]));
    // The topic breakdown (the default report's second breakdown): one comment is 品質.
    let (topic_head, tag_rows) = app.chart_table("distribution-2").await;
    assert_eq!(topic_head[..3], ["タグ", "件数", "割合"]);
    let quality = tag_rows.iter().find(|row| row[0] == "品質").expect("a 品質 row");
    assert_eq!(quality[1], "1");
    let tagged: u64 = tag_rows.iter().map(|row| row[1].parse::<u64>().expect("a number")).sum();
    assert_eq!(tagged, 1);

    // ECharts really drew the charts.
    app.css("[data-chart='volume'] canvas").await;
    app.css("[data-chart='distribution-2'] canvas").await;
    tokio::time::sleep(std::time::Duration::from_millis(800)).await;
    app.screenshot("report-ja").await;
    app.stop().await;
}

#[tokio::test]
async fn runs_under_a_sub_path_as_github_pages_serves_it() {
    let app = App::start("KOE_DIST_SUBPATH", "/koe/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("load-sample").await.click().await.expect("sample");
    app.wait_for_text("[data-testid='comment-count']", &comment_count(&sample()).to_string()).await;
    app.testid("nav-report").await.click().await.expect("report");
    let (_, rows) = app.monthly_volume().await;
    let total: u64 = rows.iter().filter_map(|r| r.last()?.parse::<u64>().ok()).sum();
    assert_eq!(usize::try_from(total).expect("fits"), comment_count(&sample()));
    app.css("[data-chart='volume'] canvas").await;
    app.stop().await;
}

#[tokio::test]
async fn a_cp932_csv_from_excel_keeps_every_character() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    let fixture = voices_cp932();
    upload(&app, &fixture.path).await;
    let encoding = app.testid("import-encoding").await.prop("value").await.expect("value");
    assert_eq!(encoding.as_deref(), Some("Shift_JIS"));
    app.screenshot("import-preview-cp932").await;
    app.testid("import-confirm").await.click().await.expect("confirm");

    let summary = app.testid("import-summary").await;
    let expected_rows = comment_count(&fixture);
    assert_eq!(summary.attr("data-rows").await.expect("attr"), Some(expected_rows.to_string()));
    assert_eq!(summary.attr("data-encoding").await.expect("attr").as_deref(), Some("Shift_JIS"));
    assert_eq!(summary.attr("data-delimiter").await.expect("attr").as_deref(), Some(","));
    assert_eq!(summary.attr("data-problems").await.expect("attr").as_deref(), Some("0"));
    app.wait_for_text("[data-testid='comment-count']", &expected_rows.to_string()).await;

    let mut shown = Vec::new();
    for text in app.client.find_all(Locator::Css("[data-testid='comment-text']")).await.expect("texts") {
        shown.push(text.text().await.expect("text"));
    }
    let first = &records(&fixture)[0][fixture.text];
    assert!(first.contains("①") && first.contains("㈱") && first.contains("髙"));
    assert!(shown.contains(first), "{first:?} not among {shown:?}");

    app.testid("nav-report").await.click().await.expect("report");
    let (head, rows) = app.monthly_volume().await;
    assert_eq!(monthly_from_table(&head, &rows), expected_monthly(&[fixture]));
    app.stop().await;
}
