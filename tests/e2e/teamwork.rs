//! Two members code the same comments in separate browsers, one merges the other's project
//! file, reads their agreement, and settles a disagreement; a blind coder does not see the
//! other's tags.

use std::time::{Duration, Instant};

use koe_e2e::{App, PATIENCE};

/// A member's session: the sample, the keyword rules, the first three comments' sentiment set
/// by `key`, a coder name and a project name; the project file it exports.
async fn code(coder: &str, key: char) -> (App, Vec<u8>) {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-codebook").await.click().await.expect("codebook");
    let apply = app.testid("apply-rules").await;
    let started = Instant::now();
    while apply.prop("disabled").await.expect("prop").as_deref() == Some("true")
        && started.elapsed() < PATIENCE
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    apply.click().await.expect("rules applied");
    app.testid("nav-comments").await.click().await.expect("comments");
    app.css("#koe-comments-heading").await.click().await.expect("the grid's page");
    app.press(&format!("{key}j{key}j{key}")).await;
    app.expect_row_tags(2, &[if key == '1' { "ポジティブ" } else { "ニュートラル" }]).await;
    app.testid("nav-projects").await.click().await.expect("projects");
    let name = app.testid("coder-name").await;
    name.send_keys(&format!("{coder}\n")).await.expect("coder named");
    let project = app.testid("project-name").await;
    project.clear().await.expect("cleared");
    project.send_keys(&format!("{coder}の声\n")).await.expect("named");
    app.css("[data-testid='privacy'] h2").await.click().await.expect("leave the field");
    app.wait_for_text("[data-testid='project-row-name']", &format!("{coder}の声")).await;
    app.testid("project-export").await.click().await.expect("exported");
    let bytes = app.download(&format!("{coder}の声.koe")).await;
    (app, bytes)
}

#[tokio::test]
async fn two_coders_merge_read_their_agreement_and_settle_a_disagreement() {
    let (other, theirs) = code("佐藤", '2').await;
    other.stop().await;
    let (app, ours) = code("田中", '1').await;
    let path = std::env::temp_dir().join(format!("koe-e2e-merge-{}.koe", std::process::id()));
    std::fs::write(&path, &theirs).expect("file");
    app.testid("project-merge").await.send_keys(&path.to_string_lossy()).await.expect("chosen");
    let preview = app.testid("merge-preview").await;
    assert_eq!(
        preview.attr("data-matched").await.expect("attr").as_deref(),
        Some("324"),
        "every comment found"
    );
    assert_eq!(preview.attr("data-added").await.expect("attr").as_deref(), Some("0"), "none added twice");
    let coder = app.testid("merge-coder").await.prop("value").await.expect("value");
    assert_eq!(coder.as_deref(), Some("佐藤"), "the file's coder name");
    app.testid("merge-confirm").await.click().await.expect("merged");
    app.wait_for_text("[data-testid='comment-count']", "324").await;

    // The agreement, against the same computation from the two files.
    let (_, mut expected) = koe_core::saved::read_project_file(&ours).expect("ours");
    let (_, other_project) = koe_core::saved::read_project_file(&theirs).expect("theirs");
    let plan = koe_core::project::merge::plan_merge(&expected, &other_project, "佐藤");
    expected.apply(plan.command).expect("merged natively");
    let groups = koe_core::query::agreement::agreement(&expected, "佐藤");
    let sentiment = groups.iter().find(|g| g.name == "感情").expect("感情");
    let differ = sentiment.disagreements.len();
    assert!(differ >= 2, "the comments the keys coded differently: {differ}");
    let row = app.css("[data-testid='agreement'][data-coder='佐藤'] [data-group='感情']").await;
    let kappa = row.attr("data-kappa").await.expect("attr").unwrap_or_default();
    assert_eq!(kappa, format!("{:.3}", sentiment.kappa.expect("defined")));
    assert!(kappa.parse::<f64>().expect("a number") < 1.0);
    let listed =
        app.texts("[data-testid='disagreements'][data-group='感情'] [data-testid='disagreement']").await;
    assert_eq!(listed.len(), differ, "every disagreement listed");
    app.screenshot("agreement").await;

    // Settled the other coder's way: one disagreement fewer, and undo brings it back.
    app.css("[data-testid='disagreements'][data-group='感情'] [data-testid='disagreement-adopt']")
        .await
        .click()
        .await
        .expect("adopted");
    let count = || async {
        app.texts("[data-testid='disagreements'][data-group='感情'] [data-testid='disagreement']").await.len()
    };
    let started = Instant::now();
    while count().await != differ - 1 && started.elapsed() < PATIENCE {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count().await, differ - 1);
    app.testid("undo").await.click().await.expect("undo");
    let started = Instant::now();
    while count().await != differ && started.elapsed() < PATIENCE {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(count().await, differ);

    // The comment shows the other coder's tags, unless coding blind.
    app.css("[data-testid='disagreements'][data-group='感情'] [data-testid='disagreement-open']")
        .await
        .click()
        .await
        .expect("opened");
    let others = app.testid("detail-other-coders").await.text().await.expect("text");
    assert!(others.contains("佐藤") && others.contains("ニュートラル"), "{others}");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("blind-coding").await.click().await.expect("blind");
    app.css("[data-testid='disagreements'][data-group='感情'] [data-testid='disagreement-open']")
        .await
        .click()
        .await
        .expect("opened again");
    app.testid("comment-detail").await;
    let hidden = app
        .client
        .find_all(fantoccini::Locator::Css("[data-testid='detail-other-coders']"))
        .await
        .expect("query");
    assert!(hidden.is_empty(), "blind: no other coder's tags");
    app.stop().await;
}

/// Counts only: the file is shown whole before saving and holds no comment, author or id; the
/// comparison report opens such files and sets each company's shares against the median.
#[tokio::test]
async fn companies_compare_counts_without_sharing_a_comment() {
    let (app, _rows) = App::start_with_sample().await;
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    let records = koe_e2e::csv_records(
        &koe_e2e::workspace_root().join("app/koe-core/data/sample_comments.csv"),
        encoding_rs::UTF_8,
    );
    let october: Vec<_> = records.iter().filter(|r| r["投稿日時"].starts_with("2026/10")).collect();

    let mut files = Vec::new();
    for company in ["A社", "B社"] {
        let label = app.testid("aggregate-label").await;
        label.clear().await.expect("cleared");
        label.send_keys(&format!("{company}\n")).await.expect("labelled");
        app.css("[data-testid='comparison'] h2").await.click().await.expect("leave the field");
        if files.is_empty() {
            app.testid("aggregate-export").await.click().await.expect("preview");
        }
        let wanted = format!("\"label\": \"{company}\"");
        let started = Instant::now();
        let mut preview = String::new();
        while !preview.contains(&wanted) && started.elapsed() < PATIENCE {
            preview = app.testid("aggregate-preview").await.text().await.expect("text");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert!(preview.contains(&wanted), "the preview names the company: {preview}");
        for record in &october {
            assert!(!preview.contains(record["本文"].as_str()), "no comment text in the file");
            assert!(record["投稿者"].is_empty() || !preview.contains(record["投稿者"].as_str()), "no author");
        }
        app.testid("aggregate-save").await.click().await.expect("saved");
        let bytes = app.download("koe-counts-2026-10.json").await;
        let read = koe_core::export::aggregate::read_aggregate(&bytes).expect("a counts file");
        assert_eq!(read.comments as usize, october.len());
        assert_eq!(String::from_utf8(bytes.clone()).expect("text"), preview, "the file is what was shown");
        let path = std::env::temp_dir().join(format!("koe-e2e-{company}-{}.json", std::process::id()));
        std::fs::write(&path, &bytes).expect("file");
        std::fs::remove_file(app_downloads(&app).join("koe-counts-2026-10.json")).ok();
        files.push(path);
    }
    let paths: Vec<String> = files.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    app.testid("comparison-files").await.send_keys(&paths.join("\n")).await.expect("opened");
    // Sentiment is the first group: its chart, each company's count and share, median, range.
    let (head, rows) = app.chart_table("comparison-1").await;
    assert_eq!(head.len(), 1 + 3 * 2 + 2, "the open project, two files, median and range: {head:?}");
    assert_eq!(&head[head.len() - 2..], ["中央値", "範囲"]);
    assert!(rows.iter().all(|r| r[r.len() - 2].ends_with('%')), "{rows:?}");
    app.chart_table("comparison-months").await;

    // Printed and exported like every chart: one SVG per chart, one sheet per chart.
    let charts = app.texts("[data-testid='chart']").await.len();
    app.testid("export-html").await.click().await.expect("export html");
    let html = String::from_utf8(app.download("koe-report-2026-10.html").await).expect("UTF-8");
    assert_eq!(html.matches("<svg").count(), charts, "the comparison's charts too");
    assert!(html.contains("data-section=\"comparison\""));
    app.testid("export-xlsx").await.click().await.expect("export xlsx");
    let bytes = app.download("koe-report-2026-10.xlsx").await;
    let book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).expect("xlsx");
    assert_eq!(calamine::Reader::sheet_names(&book).len(), 1 + charts + 1);
    app.client
        .execute("document.querySelector(\"[data-testid='comparison']\").scrollIntoView();", Vec::new())
        .await
        .expect("scrolled");
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("comparison").await;
    app.stop().await;
}

fn app_downloads(app: &App) -> std::path::PathBuf {
    app.downloads_dir()
}

/// Files that are not what they claim: a clear message naming the file, and nothing the
/// member had is lost.
#[tokio::test]
async fn a_bad_project_or_counts_file_is_refused_and_nothing_is_lost() {
    let (app, rows) = App::start_with_sample().await;
    let picture = koe_e2e::workspace_root().join("public/favicon.svg");
    let bad = std::env::temp_dir().join(format!("koe-e2e-picture-{}.koe", std::process::id()));
    std::fs::write(&bad, std::fs::read(picture).expect("an image")).expect("file");
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-merge").await.send_keys(&bad.to_string_lossy()).await.expect("chosen");
    let notice = app.css("[data-testid='merge-notice'] [role='alert']").await.text().await.expect("text");
    assert!(notice.contains(&bad.file_name().expect("name").to_string_lossy().into_owned()), "{notice}");
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), rows, "nothing lost");

    let hostile = std::env::temp_dir().join(format!("koe-e2e-counts-{}.json", std::process::id()));
    std::fs::write(
        &hostile,
        r#"{"format":"koe-aggregate","version":1,"label":"<img src=x onerror=alert(1)>","from":"=1+1","to":"x","comments":1,"groups":[],"channels":[{"name":"X","count":99}],"months":[]}"#,
    )
    .expect("file");
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("comparison-files").await.send_keys(&hostile.to_string_lossy()).await.expect("chosen");
    let alert = app.css("[data-testid='comparison'] [role='alert']").await.text().await.expect("text");
    assert!(alert.contains("koe-e2e-counts") && alert.contains("count"), "{alert}");
    let charts =
        app.client.find_all(fantoccini::Locator::Css("[data-testid='comparison-chart']")).await.expect("q");
    assert!(charts.is_empty(), "a refused file adds nothing");
    app.screenshot("comparison-refused").await;
    app.stop().await;
}
