//! Files from outside are hostile: a `.koe` with markup in every string field opens as text and
//! exports to HTML and SVG that run no script when opened; a `.koe` whose colour would break
//! out of an SVG attribute is refused naming the field, and the open project stays as it was.

use koe_e2e::App;
use serde_json::Value;

const SCRIPT: &str = "<script>document.title='pwned'</script>";
const IMAGE: &str = "<img src=x onerror=\"document.title='pwned'\">";

/// Runs `script` in the current page and returns its result as text.
async fn evaluate(app: &App, script: &str) -> String {
    let value = app.client.execute(script, Vec::new()).await.expect("script ran");
    value.as_str().map(str::to_owned).unwrap_or_else(|| value.to_string())
}

fn write_temp(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("koe-e2e-hostile-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).expect("written");
    path
}

#[tokio::test]
async fn hostile_project_files_run_no_script_in_the_app_or_its_exports() {
    let (app, rows) = App::start_with_sample().await;
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-export").await.click().await.expect("exported");
    let name = app.testid("project-name").await.prop("value").await.expect("name").unwrap_or_default();
    let exported = app.download(&format!("{name}.koe")).await;
    let (_, project) = koe_core::saved::read_project_file(&exported).expect("a project file");
    let json = koe_core::saved::write_project_file(&project, "x");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&json[..]), &mut text).expect("gzip");
    let clean: Value = serde_json::from_str(&text).expect("json");

    // Markup in every string a person or a file can set: names, titles, commentary, template,
    // channel, author, attribute.
    let mut hostile = clean.clone();
    let markup = format!("{SCRIPT}{IMAGE}");
    hostile["name"] = markup.clone().into();
    for group in hostile["codebook"]["groups"].as_array_mut().expect("groups") {
        group["name"] = format!("{}{markup}", group["name"].as_str().unwrap_or_default()).into();
    }
    for tag in hostile["codebook"]["tags"].as_array_mut().expect("tags") {
        tag["name"] = format!("{}{markup}", tag["name"].as_str().unwrap_or_default()).into();
    }
    for section in hostile["report"]["sections"].as_array_mut().expect("sections") {
        section["title"] = format!("{}{markup}", section["title"].as_str().unwrap_or_default()).into();
        section["commentary"] = markup.clone().into();
    }
    for comment in hostile["comments"].as_array_mut().expect("comments") {
        comment["channel"] = format!("{}{markup}", comment["channel"].as_str().unwrap_or_default()).into();
        comment["author"] = markup.clone().into();
        comment["attributes"] = serde_json::json!([["店舗", markup.clone()]]);
    }
    let path = write_temp("markup.koe", &serde_json::to_vec(&hostile).expect("json"));
    app.testid("project-file").await.send_keys(&path.to_string_lossy()).await.expect("chosen");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    let title = evaluate(&app, "return document.title").await;
    assert_ne!(title, "pwned", "no script ran in the app");
    assert_eq!(
        evaluate(&app, "return String(document.querySelectorAll('img[src=\"x\"]').length)").await,
        "0"
    );

    // The report and its exports, opened in the browser: no script runs, the markup is text.
    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October");
    app.css("[data-section='volume'] [data-chart='volume'] canvas").await;
    app.testid("export-html").await.click().await.expect("export html");
    let html = app.download("koe-report-2026-10.html").await;
    app.css("[data-section='volume'] [data-testid='export-svg']").await.click().await.expect("svg");
    let svg = app.download("koe-chart-volume-2026-10.svg").await;
    assert_ne!(evaluate(&app, "return document.title").await, "pwned");
    for (name, bytes) in [("report.html", html), ("chart.svg", svg)] {
        let path = write_temp(name, &bytes);
        app.client.goto(&format!("file://{}", path.display())).await.expect("opened");
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert_ne!(evaluate(&app, "return document.title").await, "pwned", "{name}: a script ran");
        assert_eq!(
            evaluate(&app, "return String(document.querySelectorAll('script').length)").await,
            "0",
            "{name}"
        );
        let shown = evaluate(&app, "return document.documentElement.textContent").await;
        assert!(shown.contains(SCRIPT), "{name}: the markup shows as text");
    }

    // A colour that would break out of an SVG attribute: refused, naming the field.
    app.client.goto(&app.url).await.expect("back to the app");
    app.wait_for_text("[data-testid='comment-count']", &rows).await;
    let mut bad = clean;
    bad["codebook"]["tags"][0]["colour"] =
        format!("#000\" onload=\"document.title='pwned'\"/>{SCRIPT}<rect fill=\"").into();
    let path = write_temp("colour.koe", &serde_json::to_vec(&bad).expect("json"));
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-file").await.send_keys(&path.to_string_lossy()).await.expect("chosen");
    let alert = app.css("[data-testid='project-notice'] [role='alert']").await.text().await.expect("message");
    assert!(alert.contains("codebook.tags[0].colour") && alert.contains("今のデータはそのまま"), "{alert}");
    assert_eq!(app.testid("comment-count").await.text().await.expect("count"), rows);
    app.stop().await;
}
