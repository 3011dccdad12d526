//! A newcomer's first report is never a page of zeros: with the sample loaded, the report opens
//! on the last complete month that has comments, and its volume counts them.

use chrono::Datelike;
use koe_e2e::{App, csv_records, workspace_root};

#[tokio::test]
async fn the_first_report_opens_on_the_last_month_with_comments() {
    // The month expected and its comments, computed from the sample file itself.
    let records =
        csv_records(&workspace_root().join("app/koe-core/data/sample_comments.csv"), encoding_rs::UTF_8);
    let months: std::collections::BTreeSet<String> =
        records.iter().map(|r| r["投稿日時"][..7].replace('/', "-")).collect();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("clock").as_secs();
    let today = chrono::DateTime::from_timestamp(now as i64, 0).expect("a date").date_naive();
    let current = format!("{:04}-{:02}", today.year(), today.month());
    let expected =
        months.range(..current.clone()).next_back().or(months.iter().next_back()).expect("a month").clone();
    let in_month = records.iter().filter(|r| r["投稿日時"].replace('/', "-").starts_with(&expected)).count();

    let (app, _rows) = App::start_with_sample().await;
    app.client.set_window_size(1280, 860).await.expect("a laptop screen");
    app.testid("comment-row").await;
    app.screenshot("first-use-comments").await;
    app.testid("nav-report").await.click().await.expect("report");
    let month = app.testid("report-month").await.prop("value").await.expect("value").unwrap_or_default();
    assert_eq!(month, expected, "the report opens on the last complete month with comments");
    let (_, rows) = app.chart_table("volume").await;
    let counted: usize = rows.iter().filter_map(|r| r.last()?.replace(',', "").parse::<usize>().ok()).sum();
    assert_eq!(counted, in_month, "the volume counts the month's comments");
    app.css("[data-chart='volume'] canvas").await;
    app.screenshot("first-use-report-ja").await;
    let offered: Vec<String> = app.client
        .execute("return [...document.querySelectorAll(\"[data-testid='report-month'] option\")].map((o) => o.value)", Vec::new())
        .await
        .expect("options")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    assert!(
        offered.iter().all(|m| months.contains(m) || *m == current),
        "only months with comments: {offered:?}"
    );
    app.stop().await;
}

/// Pages have addresses: the report's names its month, Back returns to the comments, and the
/// address opened in a new tab shows that report.
#[tokio::test]
async fn pages_have_addresses_back_works_and_a_report_link_opens_its_month() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("comments-page").await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-09").await.expect("September");
    let started = std::time::Instant::now();
    let mut url = String::new();
    while !url.ends_with("#/report/2026-09") {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the address never named the month: {url}");
        url = app.client.current_url().await.expect("url").to_string();
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.client.back().await.expect("back");
    app.testid("comments-page").await;
    app.client.forward().await.expect("forward");
    app.testid("report").await;

    let tab = app.client.new_window(true).await.expect("a new tab").handle;
    app.client.switch_to_window(tab).await.expect("to the tab");
    app.client.goto(&url).await.expect("the link opens");
    let started = std::time::Instant::now();
    loop {
        let month = app.testid("report-month").await.prop("value").await.expect("value").unwrap_or_default();
        if month == "2026-09" {
            break;
        }
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the report opened on {month}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.stop().await;
}

/// On a laptop screen the grid is where the eye lands: after the sample, at least a dozen
/// comment rows are in the window without scrolling.
#[tokio::test]
async fn the_grid_shows_a_dozen_rows_on_a_laptop_screen() {
    let (app, _rows) = App::start_with_sample().await;
    app.client.set_window_size(1280, 860).await.expect("a laptop screen");
    app.testid("comment-row").await;
    let started = std::time::Instant::now();
    let mut in_view = 0;
    while started.elapsed() < koe_e2e::PATIENCE {
        in_view = app
            .client
            .execute(
                "return [...document.querySelectorAll(\"[data-testid='comment-row']\")].filter((row) => {
                   const box = row.getBoundingClientRect();
                   const grid = row.closest(\"[data-testid='comment-grid']\").getBoundingClientRect();
                   return box.top >= grid.top && box.bottom <= Math.min(grid.bottom, window.innerHeight) + 1;
                 }).length;",
                Vec::new(),
            )
            .await
            .expect("rows counted")
            .as_u64()
            .unwrap_or_default();
        if in_view >= 12 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.screenshot("workbench-laptop-ja").await;
    assert!(in_view >= 12, "{in_view} comment rows in view at 1280×860");
    app.stop().await;
}

/// In English, a newcomer gets the English starter codebook and the English sample, and the
/// report of its last month counts it; switching to Japanese before doing anything gives the
/// Japanese starter.
#[tokio::test]
async fn the_english_ui_starts_with_an_english_codebook_and_sample() {
    let app = App::start("KOE_DIST", "/").await;
    app.client.set_window_size(1280, 860).await.expect("a laptop screen");
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value("en").await.expect("English");
    app.testid("nav-codebook").await.click().await.expect("codebook");
    first_group_is(&app, "Sentiment").await;
    // Nothing done yet: the starter follows the language.
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    first_group_is(&app, "感情").await;
    app.testid("lang-select").await.select_by_value("en").await.expect("English again");
    first_group_is(&app, "Sentiment").await;

    let records =
        csv_records(&workspace_root().join("app/koe-core/data/sample_comments_en.csv"), encoding_rs::UTF_8);
    app.testid("nav-comments").await.click().await.expect("comments");
    app.testid("load-sample").await.click().await.expect("sample");
    app.wait_for_text("[data-testid='comment-count']", &records.len().to_string()).await;
    let first = app.texts("[data-testid='comment-row']").await.into_iter().next().unwrap_or_default();
    assert!(first.contains(&records[0]["Comment"]), "the English sample in the grid: {first}");
    app.screenshot("first-use-comments-en").await;

    // Once comments exist the codebook stays English, whatever the language.
    app.testid("lang-select").await.select_by_value("ja").await.expect("Japanese");
    app.testid("nav-codebook").await.click().await.expect("codebook");
    first_group_is(&app, "Sentiment").await;
    app.testid("lang-select").await.select_by_value("en").await.expect("English");
    app.testid("nav-report").await.click().await.expect("report");
    let (_, rows) = app.chart_table("volume").await;
    let counted: usize = rows.iter().filter_map(|r| r.last()?.replace(',', "").parse::<usize>().ok()).sum();
    assert!(counted > 0, "the first report counts the sample's last month");
    app.css("[data-chart='volume'] canvas").await;
    app.screenshot("first-use-report-en").await;
    app.stop().await;
}

/// The report reads like its printed page: a month without comments says so in one line per
/// chart section, and 「編集」 is a toggle.
#[tokio::test]
async fn an_empty_month_says_so_in_one_line_and_editing_is_a_toggle() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-report").await.click().await.expect("report");
    let month = app.testid("report-month").await;
    let options: Vec<String> = app
        .client
        .execute("return [...document.querySelectorAll(\"[data-testid='report-month'] option\")].map((o) => o.value)", Vec::new())
        .await
        .expect("options")
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_owned))
        .collect();
    // The current month is always offered; the sample ends before it.
    let current = options.iter().max().expect("a month").clone();
    month.select_by_value(&current).await.expect("the current month");
    app.wait_for_text("[data-testid='section-empty']", "この期間のコメントはありません。").await;
    let charts =
        app.client.find_all(fantoccini::Locator::Css("[data-testid='chart']")).await.expect("charts");
    assert!(charts.is_empty(), "no empty axes: {} charts", charts.len());
    let lines = app.texts("[data-testid='section-empty']").await;
    assert!(lines.len() >= 3, "one line per chart section: {lines:?}");

    let edit = app.testid("report-edit").await;
    assert_eq!(edit.attr("aria-pressed").await.expect("attr").as_deref(), Some("false"));
    edit.click().await.expect("edit");
    assert_eq!(edit.attr("aria-pressed").await.expect("attr").as_deref(), Some("true"));
    app.css(".koe-report--editing").await;
    app.stop().await;
}

/// Waits until the codebook page's first group is named `name`.
async fn first_group_is(app: &App, name: &str) {
    let started = std::time::Instant::now();
    loop {
        let heads = app.texts("[data-testid='codebook-group'] h3").await;
        if heads.first().is_some_and(|h| h.starts_with(name)) {
            return;
        }
        assert!(started.elapsed() < koe_e2e::PATIENCE, "first group {heads:?}, expected {name}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// The header's navigation stays where it is while an edit is saved: the save status changes
/// its words (保存中… → このブラウザに保存済み) right after each edit, and if the header's other
/// parts moved with it a click meant for 「レポート」 could land on its neighbour.
#[tokio::test]
async fn the_navigation_stays_put_while_an_edit_is_saved() {
    let (app, _rows) = App::start_with_sample().await;
    for (round, (width, lang)) in [(1280, "ja"), (1280, "en"), (1140, "ja")].into_iter().enumerate() {
        app.client.set_window_size(width, 860).await.expect("a laptop screen");
        app.testid("lang-select").await.select_by_value(lang).await.expect("language");
        app.testid("comment-row").await;
        app.wait_saved().await;
        // Every change to the header, with where each navigation button then is.
        app.client
            .execute(
                "const header = document.querySelector('.koe-header');
                 const where = () => [...header.querySelectorAll('.koe-nav__item')]
                   .map((b) => { const r = b.getBoundingClientRect(); return `${r.left},${r.top},${r.width}`; })
                   .join(' ');
                 window.koeNavLog = [{ status: header.querySelector(\"[data-testid='save-status']\").textContent, at: where() }];
                 window.koeNavObserver?.disconnect();
                 window.koeNavObserver = new MutationObserver(() => window.koeNavLog.push({
                   status: header.querySelector(\"[data-testid='save-status']\")?.textContent ?? '', at: where() }));
                 window.koeNavObserver.observe(header, { subtree: true, childList: true, characterData: true });",
                Vec::new(),
            )
            .await
            .expect("observer");
        let picker = app.testid("tag-select").await;
        // A tag the first comment does not have yet: one more each round.
        let label = app
            .client
            .execute(
                "return document.querySelectorAll(\"[data-testid='tag-select'] option:not([value=''])\")[arguments[0]].textContent",
                vec![round.into()],
            )
            .await
            .expect("a tag")
            .as_str()
            .unwrap_or_default()
            .to_owned();
        picker.select_by_label(&label).await.expect("tag chosen");
        app.wait_saved().await;
        app.screenshot(&format!("header-{width}-{lang}")).await;
        let log = app.client.execute("return window.koeNavLog", Vec::new()).await.expect("log");
        let log: Vec<(String, String)> = log
            .as_array()
            .into_iter()
            .flatten()
            .map(|entry| {
                (
                    entry["status"].as_str().unwrap_or("").to_owned(),
                    entry["at"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        let statuses: std::collections::BTreeSet<&str> =
            log.iter().map(|(status, _)| status.as_str()).collect();
        assert!(statuses.len() >= 2, "{width}px {lang}: the save status never changed: {log:?}");
        assert!(
            log.iter().all(|(_, at)| *at == log[0].1),
            "{width}px {lang}: the navigation moved as the status changed: {log:?}"
        );
    }
    app.stop().await;
}
