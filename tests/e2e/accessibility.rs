//! axe-core (npm registry package, loaded only here) on every view, in Japanese and English:
//! no serious or critical violation.

use koe_e2e::{App, workspace_root};

/// axe-core's script, installed by `cargo xtask setup` into `.tools/`.
fn axe_source() -> String {
    let path = workspace_root().join(".tools/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e}; run `cargo xtask setup`", path.display()))
}

/// The serious and critical violations axe finds on the page as it is now.
async fn violations(app: &App, axe: &str) -> Vec<String> {
    app.client.execute(&format!("{axe}\n;return true;"), vec![]).await.expect("axe loaded");
    let script = r#"
        const done = arguments[0];
        axe.run(document, { resultTypes: ['violations'] }).then((result) => done(
            result.violations
                .filter((v) => v.impact === 'serious' || v.impact === 'critical')
                .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
        ), (error) => done([`axe failed: ${error}`]));
    "#;
    let found = app.client.execute_async(script, vec![]).await.expect("axe ran");
    found.as_array().into_iter().flatten().filter_map(|v| v.as_str().map(str::to_owned)).collect()
}

async fn check_every_view(lang: &str) {
    let app = App::start("KOE_DIST", "/").await;
    app.client.goto(&app.url).await.expect("app loads");
    app.testid("lang-select").await.select_by_value(lang).await.expect("language");
    let axe = axe_source();
    let mut found = Vec::new();
    let mut check = |view: &str, list: Vec<String>| {
        found.extend(list.into_iter().map(|v| format!("[{lang} {view}] {v}")))
    };
    app.testid("welcome").await;
    app.screenshot(&format!("welcome-{lang}")).await;
    check("welcome", violations(&app, &axe).await);
    let csv = workspace_root().join("tests/data/voices_utf8_bom.csv");
    app.testid("import-file").await.send_keys(&csv.to_string_lossy()).await.expect("chosen");
    app.testid("import-preview").await;
    check("import preview", violations(&app, &axe).await);
    app.testid("import-confirm").await.click().await.expect("confirmed");
    app.testid("import-summary").await;
    let before = app.testid("comment-count").await.text().await.expect("count");
    app.testid("load-sample").await.click().await.expect("sample");
    let started = std::time::Instant::now();
    while app.testid("comment-count").await.text().await.expect("count") == before {
        assert!(started.elapsed() < koe_e2e::PATIENCE, "the sample never arrived");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    app.testid("comment-grid").await;
    app.screenshot(&format!("grid-{lang}")).await;
    check("comments", violations(&app, &axe).await);
    app.css("#koe-comments-heading").await.click().await.expect("focus the page");
    app.press("j\u{E007}").await;
    app.testid("comment-detail").await;
    check("comment detail", violations(&app, &axe).await);
    app.press("?").await;
    app.testid("shortcut-sheet").await;
    check("shortcut sheet", violations(&app, &axe).await);
    app.press("\u{E00C}").await;
    app.testid("nav-codebook").await.click().await.expect("codebook");
    app.testid("codebook-page").await;
    check("codebook", violations(&app, &axe).await);
    app.testid("nav-report").await.click().await.expect("report");
    app.css("[data-chart='volume'] canvas").await;
    app.screenshot(&format!("report-{lang}")).await;
    check("report", violations(&app, &axe).await);
    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-list").await;
    check("projects", violations(&app, &axe).await);
    app.testid("nav-help").await.click().await.expect("help");
    app.testid("help-page").await;
    check("help", violations(&app, &axe).await);
    app.stop().await;
    assert!(found.is_empty(), "{} violations:\n{}", found.len(), found.join("\n"));
}

#[tokio::test]
async fn every_view_in_japanese_passes_axe() {
    check_every_view("ja").await;
}

#[tokio::test]
async fn every_view_in_english_passes_axe() {
    check_every_view("en").await;
}

/// The views that need more than a page load: the analysis sections, both concordances, the
/// counts preview, the merge preview and the agreement view.
#[tokio::test]
async fn the_analysis_and_teamwork_views_pass_axe() {
    let (app, _rows) = App::start_with_sample().await;
    let axe = axe_source();
    let mut found = Vec::new();
    let mut check =
        |view: &str, list: Vec<String>| found.extend(list.into_iter().map(|v| format!("[{view}] {v}")));

    app.testid("filter-input").await.send_keys("プリン").await.expect("typed");
    app.testid("filter-kwic").await.click().await.expect("KWIC");
    app.testid("kwic-row").await;
    check("grid concordance", violations(&app, &axe).await);

    app.testid("nav-report").await.click().await.expect("report");
    app.testid("report-month").await.select_by_value("2026-10").await.expect("October 2026");
    for kind in ["cooccurrence", "crosstab"] {
        app.testid("section-kind").await.select_by_value(kind).await.expect("kind");
        app.testid("add-section").await.click().await.expect("added");
    }
    app.css("[data-chart='cooccurrence'] canvas").await;
    app.css("[data-testid='chart-table'][data-chart='crosstab'] td[data-row]").await;
    app.testid("term").await.click().await.expect("a word");
    app.testid("kwic").await;
    app.testid("aggregate-export").await.click().await.expect("counts preview");
    app.testid("aggregate-preview").await;
    check("report with analysis", violations(&app, &axe).await);

    app.testid("nav-projects").await.click().await.expect("projects");
    app.testid("project-export").await.click().await.expect("exported");
    let name = app.testid("project-name").await.prop("value").await.expect("value").unwrap_or_default();
    let bytes = app.download(&format!("{name}.koe")).await;
    let path = std::env::temp_dir().join(format!("koe-e2e-axe-{}.koe", std::process::id()));
    std::fs::write(&path, &bytes).expect("file");
    app.testid("project-merge").await.send_keys(&path.to_string_lossy()).await.expect("chosen");
    app.testid("merge-preview").await;
    check("merge preview", violations(&app, &axe).await);
    let coder = app.testid("merge-coder").await;
    coder.clear().await.expect("cleared");
    coder.send_keys("B\n").await.expect("named");
    app.testid("merge-confirm").await.click().await.expect("merged");
    app.testid("agreement").await;
    check("agreement", violations(&app, &axe).await);
    app.stop().await;
    assert!(found.is_empty(), "{} violations:\n{}", found.len(), found.join("\n"));
}
