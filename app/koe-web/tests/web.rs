//! Browser glue, tested in headless Chromium: file reading, text-only rendering of customer
//! words, and a real ECharts chart drawn from a report model.

#![cfg(target_arch = "wasm32")]

use koe_core::import::{guess_mapping, read_table, to_comments};
use koe_core::report::build_report;
use koe_core::report::period::Period;
use koe_core::{Command, Lang, Project};
use koe_web::components::{ChartTable, ChartView, CommentsPage};
use koe_web::io::file_read::read_file;
use koe_web::state::provide_project_state;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ECHARTS: &str = include_str!("../../../public/vendor/echarts/echarts.min.js");

fn document() -> web_sys::Document {
    web_sys::window().and_then(|w| w.document()).expect("a document")
}

/// A fresh element in the body for one test to mount into.
fn container(id: &str) -> web_sys::HtmlElement {
    let element = document().create_element("div").expect("div");
    element.set_id(id);
    document().body().expect("body").append_child(&element).expect("appended");
    element.unchecked_into()
}

async fn next_frame() {
    wait_ms(50).await;
}

async fn wait_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .expect("timeout");
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.expect("timer");
}

fn project_from(csv: &str) -> Project {
    // Texts are normalised as in the app (the page's koe-core has no NFKC tables of its own).
    koe_web::io::nfkc::use_browser_nfkc();
    let table = read_table("t.csv", csv.as_bytes()).expect("table").table;
    let mut project = Project::new();
    project.apply(Command::AddComments(to_comments(&table, &guess_mapping(&table)).comments)).expect("added");
    project
}

#[wasm_bindgen_test]
async fn reads_a_chosen_file_byte_for_byte() {
    let bytes = "本文\n\u{feff}こんにちは,\"x\"\n".as_bytes().to_vec();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes.as_slice()));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, "声.csv").expect("file");
    let chosen = read_file(file).await.expect("read");
    assert_eq!(chosen.name, "声.csv");
    assert_eq!(chosen.bytes, bytes);
}

#[wasm_bindgen_test]
async fn customer_text_is_rendered_as_text_never_as_html() {
    let hostile = "<img src=x onerror=alert(1)><script>alert(2)</script>";
    let project = project_from(&format!("本文\n\"{hostile}\"\n"));
    let root = container("xss");
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_project_state(project.clone(), Lang::Ja);
        view! { <CommentsPage /> }
    });
    next_frame().await;
    assert!(root.query_selector("img").expect("query").is_none(), "an <img> was created from text");
    assert!(root.query_selector("script").expect("query").is_none(), "a <script> was created from text");
    let cell = root.query_selector("[data-testid=comment-text]").expect("query").expect("a text cell");
    assert_eq!(cell.text_content().as_deref(), Some(hostile));
    drop(handle);
}

#[wasm_bindgen_test]
async fn draws_the_monthly_chart_with_echarts_and_its_table() {
    let script = document().create_element("script").expect("script");
    script.set_text_content(Some(ECHARTS));
    document().head().expect("head").append_child(&script).expect("echarts loaded");

    let project = project_from("日付,媒体,本文\n2024-04-01,X,a\n2024-04-20,電話,b\n2024-06-01,X,c\n");
    let root = container("chart-host");
    let handle = leptos::mount::mount_to(root.clone(), move || {
        provide_project_state(project.clone(), Lang::Ja);
        let months = Period::custom(
            chrono::NaiveDate::from_ymd_opt(2024, 4, 1).expect("day"),
            chrono::NaiveDate::from_ymd_opt(2024, 10, 31).expect("day"),
        );
        let report = build_report(&project, months, Lang::Ja, true);
        let model = report.charts().find(|c| c.id == "volume").cloned();
        let chart = Memo::new(move |_| model.clone());
        view! {
            <ChartView chart />
            <ChartTable chart />
        }
    });
    // Each chart is drawn in a task of its own after the page is built: wait a few frames.
    let mut canvas = None;
    for _ in 0..30 {
        next_frame().await;
        canvas = root.query_selector("#koe-chart-volume canvas").expect("query");
        if canvas.is_some() {
            break;
        }
    }
    assert!(canvas.is_some(), "ECharts drew no canvas");
    let rows = root.query_selector_all("[data-testid=chart-table] tbody tr").expect("rows");
    let texts: Vec<String> = (0..rows.length())
        .filter_map(|i| rows.item(i))
        .map(|row| row.text_content().unwrap_or_default())
        .collect();
    // Month, X, 電話, total; May is there with zeros; seven months in all.
    assert_eq!(texts[..3], ["2024-04112", "2024-05000", "2024-06101"]);
    assert_eq!(texts.len(), 7);
    drop(handle);
}

/// Import runs only in the worker: without its script (as on this test page) a request ends as
/// unavailable, at once and for a chosen file too, so the page can say so; nothing is read on
/// the page.
#[wasm_bindgen_test]
async fn import_without_a_worker_ends_as_unavailable() {
    use koe_core::worker::Request;
    use koe_web::io::import_worker::{ImportWorker, Interrupted};

    let progress = RwSignal::new(None);
    let worker = ImportWorker::new("./no-such-worker.js", progress);
    let job = worker.next_job();
    let bytes = "本文,媒体\nとても美味しい,X\n".as_bytes().to_vec();
    let request = Request::Read {
        job,
        name: "v.csv".into(),
        options: Default::default(),
        bytes: bytes.clone(),
        remembered: Vec::new(),
    };
    assert_eq!(worker.ask(job, &request).await.err(), Some(Interrupted::Unavailable));
    assert!(progress.get_untracked().is_none(), "no progress without a worker");

    let file = koe_web::io::file_read::PickedFile::from_bytes("v.csv", &bytes).expect("a blob");
    let job = worker.next_job();
    let request = Request::Read {
        job,
        name: "v.csv".into(),
        options: Default::default(),
        bytes: Vec::new(),
        remembered: Vec::new(),
    };
    let reply = worker.ask_with_file(job, &request, &file.content, Box::new(|_, _| {})).await;
    assert_eq!(reply.err(), Some(Interrupted::Unavailable));

    // The workbook is written there too: without it, the export ends with the reason.
    let written = worker.write_workbook(Default::default()).await;
    assert_eq!(written, Err(koe_core::export::workbook::WorkbookError::Worker));
}

/// A worker left idle is retired (its memory goes back to the browser); one that got work
/// meanwhile is kept.
#[wasm_bindgen_test]
async fn an_idle_worker_is_retired_and_one_given_work_meanwhile_is_kept() {
    use koe_core::export::workbook::WorkbookError;
    use koe_web::io::import_worker::ImportWorker;
    use std::time::Duration;

    let worker = ImportWorker::new(&stand_in_workbook_worker(), RwSignal::new(None));
    assert!(!worker.is_running(), "started on first use");
    assert_eq!(worker.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
    assert!(worker.is_running());
    worker.retire_when_idle(Duration::from_millis(100));
    wait_ms(20).await;
    assert_eq!(worker.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
    wait_ms(200).await;
    assert!(worker.is_running(), "work came before the planned retirement: kept");
    worker.retire_when_idle(Duration::from_millis(50));
    wait_ms(200).await;
    assert!(!worker.is_running(), "idle: retired");
    assert_eq!(worker.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
    assert!(worker.is_running(), "the next request starts a fresh worker");
}

/// The report's toolbar starts the worker before the first 「Excel」 click, so the workbook is
/// not late (a late one is a download the browser may hold back): a worker started early is
/// running before any request, is retired when left idle like any other, and answers the
/// request that comes after.
#[wasm_bindgen_test]
async fn a_worker_started_early_runs_before_its_first_request_and_retires_when_idle() {
    use koe_core::export::workbook::WorkbookError;
    use koe_web::io::import_worker::ImportWorker;
    use std::time::Duration;

    let worker = ImportWorker::new(&stand_in_workbook_worker(), RwSignal::new(None));
    worker.start_early();
    assert!(worker.is_running(), "started with no request");
    worker.retire_when_idle(Duration::from_millis(50));
    wait_ms(200).await;
    assert!(!worker.is_running(), "idle: retired");
    // Warmed twice (the pointer comes back): one worker, started again.
    worker.warm();
    worker.warm();
    assert!(worker.is_running(), "started again");
    assert_eq!(worker.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
}

/// A stand-in worker that says it is ready and answers every workbook with "could not".
fn stand_in_workbook_worker() -> String {
    let code = "postMessage(new Uint8Array([0]));\n\
        onmessage = (e) => postMessage(['koe-workbook', new Uint8Array([e.data[1][0], 1, 1])]);";
    script_url(code)
}

/// A URL from which a worker runs `code`.
fn script_url(code: &str) -> String {
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&code.into());
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).expect("blob");
    web_sys::Url::create_object_url_with_blob(&blob).expect("url")
}

/// A conversion's parts are shown to its watcher as they arrive (the page scans them for
/// duplicates while the worker makes the rest), each time with every comment so far, and the
/// answer holds them all in file order. The stand-in worker posts its next prepared reply for
/// each message, as the real one makes its next part only when the page has taken one.
#[wasm_bindgen_test]
async fn a_conversions_parts_are_shown_as_they_arrive() {
    use koe_core::import::{ColumnMapping, CommentColumns, ImportOutcome, PartComments};
    use koe_core::project::comment::{NewComment, SourceRef};
    use koe_core::worker::{Reply, Request, encode};
    use koe_web::io::import_worker::ImportWorker;

    // A fresh worker's first job.
    let job = 2;
    let comment =
        |text: &str| NewComment::new(text, SourceRef { file: "p.csv".into(), sheet: None, line: 2 });
    // Sent as the worker makes them: columns.
    let part = |text: &str| {
        let columns = CommentColumns::of(&[comment(text)]).expect("columns");
        Reply::ConvertedPart { job, comments: PartComments::Columns(columns), rows: 3 }
    };
    let outcome = ImportOutcome { comments: vec![comment("三")], ..Default::default() };
    let mapping = ColumnMapping::text_only(0);
    let replies = [Reply::Ready, part("一"), part("二"), Reply::Converted { job, mapping, outcome }];
    let replies: Vec<Vec<u8>> = replies.iter().map(encode).collect();
    let code = format!(
        "const replies = {replies:?};\n\
         postMessage(new Uint8Array(replies[0]));\n\
         let next = 1;\n\
         onmessage = () => {{ if (next < replies.length) postMessage(new Uint8Array(replies[next++])); }};"
    );
    let worker = ImportWorker::new(&script_url(&code), RwSignal::new(None));
    assert_eq!(worker.next_job(), job);

    let seen = std::rc::Rc::new(std::cell::RefCell::new(Vec::<(Vec<String>, usize)>::new()));
    let watcher = {
        let seen = seen.clone();
        Box::new(move |so_far: &[NewComment], rows: usize| {
            seen.borrow_mut().push((so_far.iter().map(|c| c.text.clone()).collect(), rows))
        })
    };
    let reply = worker.ask_watching_parts(job, &Request::Convert { job, mapping }, watcher).await;
    let shown = vec![(vec!["一".to_owned()], 3), (vec!["一".to_owned(), "二".to_owned()], 3)];
    assert_eq!(*seen.borrow(), shown, "each part, with the ones before it, and the file's rows");
    let Ok(Reply::Converted { outcome, .. }) = reply else { panic!("the conversion's answer: {reply:?}") };
    let texts: Vec<&str> = outcome.comments.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(texts, ["一", "二", "三"]);
}

/// After the comments change, the words of the month the report opens on are cut in the
/// background (and only those), so the first report only adds them up; new comments start over.
#[wasm_bindgen_test]
async fn the_opening_months_words_are_cut_ahead_and_start_over_with_new_comments() {
    use koe_web::state::report::provide_word_cache;

    let csv = "日時,本文\n2024-03-30,三月の声\n2024-04-02,パッケージが固い\n2024-04-03,配送が遅い\n";
    // Mounted as the app mounts it, so the background work has the page's executor.
    let made = std::rc::Rc::new(std::cell::Cell::new(None));
    let keep = made.clone();
    let handle = leptos::mount::mount_to(container("word-cache"), move || {
        let state = provide_project_state(project_from(csv), Lang::Ja);
        keep.set(Some((state, provide_word_cache(state))));
    });
    let (state, words) = made.get().expect("mounted");
    wait_ms(100).await;
    let generation = state.comments_generation_untracked();
    assert_eq!(words.with(generation, |cache| cache.texts_cut()), Some(2), "April's two texts, not March's");

    let source = koe_core::project::comment::SourceRef { file: "more.csv".into(), sheet: None, line: 2 };
    let mut later = koe_core::project::comment::NewComment::new("届くのが遅い", source);
    later.date = koe_core::import::dates::parse_local("2024-04-20 10:00");
    state.add_comments_in_parts(vec![later]).await;
    wait_ms(100).await;
    let generation = state.comments_generation_untracked();
    assert_eq!(words.with(generation, |cache| cache.texts_cut()), Some(3), "cut again for the new list");
    drop(handle);
}

/// The grid keeps only the rows in view in the page, and scrolling brings the right ones into
/// the same row elements, each showing its comment whole.
#[wasm_bindgen_test]
async fn the_grid_renders_only_the_rows_in_view() {
    let mut csv = String::from("本文\n");
    for i in 0..10_000 {
        csv.push_str(&format!("コメント{i}\n"));
    }
    let project = project_from(&csv);
    let root = container("virtual-grid");
    let state = std::rc::Rc::new(std::cell::Cell::new(None));
    let handle = leptos::mount::mount_to(root.clone(), {
        let state = state.clone();
        move || {
            state.set(Some(provide_project_state(project.clone(), Lang::Ja)));
            view! { <CommentsPage /> }
        }
    });
    next_frame().await;
    let state = state.get().expect("state provided");
    let rows = || root.query_selector_all("[data-testid=comment-row]").expect("query");
    let rendered = rows().length();
    assert!(rendered > 5 && rendered < 40, "{rendered} rows in the page for 10,000 comments");
    let first_text =
        |list: web_sys::NodeList| list.item(0).and_then(|n| n.text_content()).unwrap_or_default();
    assert!(first_text(rows()).contains("コメント0"));
    let before: Vec<web_sys::Node> = (0..rendered).filter_map(|i| rows().item(i)).collect();

    let grid: web_sys::HtmlElement =
        root.query_selector("[data-testid=comment-grid]").expect("query").expect("grid").unchecked_into();
    grid.set_scroll_top((koe_web::state::workbench::ROW_HEIGHT * 5_000.0) as i32);
    grid.dispatch_event(&web_sys::Event::new("scroll").expect("event")).expect("dispatched");
    next_frame().await;
    let texts: Vec<String> =
        (0..rows().length()).filter_map(|i| rows().item(i).and_then(|n| n.text_content())).collect();
    assert!(texts.iter().any(|t| t.contains("コメント5000")), "scrolled rows: {texts:?}");
    assert!(!texts.iter().any(|t| t.contains("コメント0")), "rows out of view are gone");
    // The rows scrolled out were reused for those scrolled in, in view order...
    let after = rows().length();
    let reused = (0..after).filter_map(|i| rows().item(i)).filter(|row| before.contains(row)).count();
    assert_eq!(reused, before.len(), "every row element kept ({after} rows now)");
    let tops: Vec<f64> = (0..after)
        .filter_map(|i| rows().item(i))
        .map(|row| row.unchecked_into::<web_sys::HtmlElement>().offset_top().into())
        .collect();
    assert!(tops.windows(2).all(|pair| pair[0] < pair[1]), "rows in view order: {tops:?}");
    // ...each showing one comment whole: its id, its text, and a menu that tags it.
    let row: web_sys::Element = (0..after)
        .filter_map(|i| rows().item(i))
        .map(|row| row.unchecked_into::<web_sys::Element>())
        .find(|row| row.text_content().is_some_and(|t| t.contains("コメント5000")))
        .expect("the row of コメント5000");
    let (id, tag) = state.with_project_untracked(|p| {
        let comment = p.comments().iter().find(|c| &*c.text == "コメント5000").map(|c| c.id).expect("5000");
        (comment, p.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id).expect("品質"))
    });
    assert_eq!(row.get_attribute("data-comment-id"), Some(id.0.to_string()));
    let menu: web_sys::HtmlSelectElement =
        row.query_selector("[data-testid=tag-select]").expect("q").expect("a menu").unchecked_into();
    menu.set_value(&tag.0.to_string());
    menu.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("dispatched");
    next_frame().await;
    state.with_project_untracked(|p| {
        let tagged: Vec<&str> =
            p.comments().iter().filter(|c| c.tags().contains(&tag)).map(|c| &*c.text).collect();
        assert_eq!(tagged, ["コメント5000"]);
    });
    let chips = row.query_selector_all("[data-testid=tag-chip]").expect("chips");
    assert_eq!(chips.length(), 1, "the chip shows on the reused row");
    // Another project opened in place of this one, its comments with the same ids: the rows
    // show its texts, not the last project's.
    let mut other = String::from("本文\n");
    for i in 0..10_000 {
        other.push_str(&format!("別の声{i}\n"));
    }
    state.replace(project_from(&other));
    next_frame().await;
    let texts: Vec<String> =
        (0..rows().length()).filter_map(|i| rows().item(i).and_then(|n| n.text_content())).collect();
    assert!(texts.iter().any(|t| t.contains("別の声5000")), "rows after the project changed: {texts:?}");
    assert!(!texts.iter().any(|t| t.contains("コメント")), "no text of the last project: {texts:?}");
    assert_eq!(
        root.query_selector("[data-testid=match-count]")
            .expect("q")
            .and_then(|e| e.text_content())
            .as_deref(),
        Some("10000")
    );
    drop(handle);
}

/// Every row's tag menu lists the codebook's tags under their groups, as text; choosing one
/// tags that row's comment, and a renamed or new tag shows in every menu.
#[wasm_bindgen_test]
async fn every_rows_tag_menu_lists_the_codebook_and_tags_its_comment() {
    let project = project_from("本文\n一つ目\n二つ目\n三つ目\n");
    let root = container("tag-menus");
    let state = std::rc::Rc::new(std::cell::Cell::new(None));
    let handle = leptos::mount::mount_to(root.clone(), {
        let state = state.clone();
        move || {
            state.set(Some(provide_project_state(project.clone(), Lang::Ja)));
            view! { <CommentsPage /> }
        }
    });
    next_frame().await;
    let state = state.get().expect("state provided");
    let menus =
        || root.query_selector_all("[data-testid=comment-row] [data-testid=tag-select]").expect("query");
    let menu = |i: u32| -> web_sys::HtmlSelectElement { menus().item(i).expect("a menu").unchecked_into() };
    let listed = |select: &web_sys::HtmlSelectElement| -> Vec<(String, String, String)> {
        let options = select.query_selector_all("optgroup option").expect("options");
        (0..options.length())
            .filter_map(|i| options.item(i))
            .map(|o| {
                let o: web_sys::Element = o.unchecked_into();
                let group = o.parent_element().and_then(|g| g.get_attribute("label")).unwrap_or_default();
                (group, o.get_attribute("value").unwrap_or_default(), o.text_content().unwrap_or_default())
            })
            .collect()
    };
    let expected: Vec<(String, String, String)> = state.with_project_untracked(|p| {
        let book = p.codebook();
        book.groups
            .iter()
            .flat_map(|g| book.tags_in(g.id).map(|t| (g.name.clone(), t.id.0.to_string(), t.name.clone())))
            .collect()
    });
    assert_eq!(menus().length(), 3);
    assert!(!expected.is_empty());
    for i in 0..3 {
        assert_eq!(listed(&menu(i)), expected, "row {i}");
        assert_eq!(menu(i).value(), "", "the prompt is chosen");
    }

    // Choosing a tag in the second row tags the second comment only.
    let (second, quality) = state.with_project_untracked(|p| {
        let tag = p.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id).expect("品質");
        (p.comments()[1].id, tag)
    });
    let picker = menu(1);
    picker.set_value(&quality.0.to_string());
    picker.dispatch_event(&web_sys::Event::new("change").expect("event")).expect("dispatched");
    next_frame().await;
    state.with_project_untracked(|p| {
        assert!(p.comment(second).expect("second").tags().contains(&quality));
        assert!(p.comments()[0].tags().is_empty() && p.comments()[2].tags().is_empty());
    });
    assert_eq!(menu(1).value(), "", "the menu goes back to its prompt");

    // A renamed tag, with markup in its name, shows as text in every menu.
    state.apply(Command::RenameTag { tag: quality, name: "<b>品質</b>".into() });
    next_frame().await;
    for i in 0..3 {
        let names: Vec<String> = listed(&menu(i)).into_iter().map(|(_, _, name)| name).collect();
        assert!(names.contains(&"<b>品質</b>".to_owned()), "row {i}: {names:?}");
        assert_eq!(menu(i).query_selector("b").expect("query"), None, "no markup made");
    }
    drop(handle);
}

/// A big addition goes in a part per task but stays one edit, and the views hear of it once,
/// with every comment there.
#[wasm_bindgen_test]
async fn comments_added_in_parts_are_one_edit_and_one_update() {
    use koe_core::project::comment::{NewComment, SourceRef};
    use koe_web::state::ADDED_PER_SLICE;

    let owner = Owner::new();
    owner.set();
    let state = provide_project_state(project_from("本文\n前からある\n"), Lang::Ja);
    let seen: RwSignal<Vec<usize>> = RwSignal::new(Vec::new());
    Effect::new(move |_| {
        let count = state.with_project(|p| p.comments().len());
        seen.update(|s| s.push(count));
    });
    next_frame().await;
    let total = ADDED_PER_SLICE * 2 + 7;
    let source = SourceRef { file: "big.csv".into(), sheet: None, line: 2 };
    let comments: Vec<NewComment> =
        (0..total).map(|i| NewComment::new(format!("声{i}"), source.clone())).collect();
    state.add_comments_in_parts(comments).await;
    next_frame().await;

    assert_eq!(seen.get_untracked(), vec![1, total + 1], "one update, after the last part");
    let texts =
        state.with_project_untracked(|p| p.comments().iter().map(|c| c.text.to_string()).collect::<Vec<_>>());
    assert_eq!(texts.len(), total + 1);
    assert_eq!(texts[total], format!("声{}", total - 1), "in order");
    state.undo();
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), 1, "one undo takes every part");

    // An undo while parts are still going in first adds the rest, then undoes the whole import;
    // redo brings every comment back.
    let many = ADDED_PER_SLICE * 6;
    let comments: Vec<NewComment> =
        (0..many).map(|i| NewComment::new(format!("声{i}"), source.clone())).collect();
    leptos::task::spawn_local(async move { state.add_comments_in_parts(comments).await });
    let mut in_progress = 0;
    for _ in 0..1000 {
        in_progress = state.with_project_untracked(|p| p.comments().len());
        if in_progress > 1 {
            break;
        }
        // Yielding as the adding does (a timer would come after every part of it).
        koe_web::io::timing::next_task().await;
    }
    assert!(in_progress > 1 && in_progress < many + 1, "caught between parts: {in_progress}");
    state.undo();
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), 1, "the whole import undone");
    state.redo();
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), many + 1, "and redone whole");
    next_frame().await;
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), many + 1, "no part came after");
    drop(owner);
}

/// The first import of an empty project goes in whole, made in the buffer its comments came
/// in (no second list of them beside it, the page's memory peak), and is one edit to undo.
#[wasm_bindgen_test]
async fn a_first_import_into_an_empty_project_is_made_where_it_came() {
    use koe_core::project::comment::{NewComment, SourceRef};
    use koe_web::state::ADDED_PER_SLICE;

    let owner = Owner::new();
    owner.set();
    let state = provide_project_state(Project::new(), Lang::Ja);
    let total = ADDED_PER_SLICE * 3 + 1;
    let source = SourceRef { file: "first.csv".into(), sheet: None, line: 2 };
    let comments: Vec<NewComment> =
        (0..total).map(|i| NewComment::new(format!("声{i}"), source.clone())).collect();
    let buffer = comments.as_ptr().cast::<u8>();
    state.add_comments_in_parts(comments).await;
    let (len, at) =
        state.with_project_untracked(|p| (p.comments().len(), p.comments().as_ptr().cast::<u8>()));
    assert_eq!(len, total);
    assert_eq!(at, buffer, "the comments were made where they came");
    state.undo();
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), 0, "one undo takes it all");
    drop(owner);
}

/// Nothing changes the project while it is restored or edited in another tab; an import
/// confirmed during the restore waits for it instead of being overwritten.
#[wasm_bindgen_test]
async fn edits_wait_while_restoring_and_are_refused_in_a_read_only_tab() {
    use koe_core::project::comment::{NewComment, SourceRef};
    use koe_web::state::Editing;
    let owner = Owner::new();
    owner.set();
    let state = provide_project_state(project_from("本文\n一つ目\n"), Lang::Ja);
    let tag = state.with_project_untracked(|p| p.codebook().tags[0].id);
    let first = state.with_project_untracked(|p| p.comments()[0].id);

    state.set_editing(Editing::OtherTab);
    assert!(state.apply(Command::AddTag { comment: first, tag }).is_none(), "read-only");
    state.undo();
    assert!(state.with_project_untracked(|p| p.comments()[0].tags().is_empty()));

    state.set_editing(Editing::Restoring);
    assert!(state.apply(Command::AddTag { comment: first, tag }).is_none(), "restoring");
    let source = SourceRef { file: "w.csv".into(), sheet: None, line: 2 };
    let comments = vec![NewComment::new("待っていた声", source)];
    wasm_bindgen_futures::spawn_local(async move { state.add_comments_in_parts(comments).await });
    wait_ms(50).await;
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), 1, "waits for the restore");
    state.set_editing(Editing::Editable);
    wait_ms(100).await;
    assert_eq!(state.with_project_untracked(|p| p.comments().len()), 2, "then it is added");
    assert!(state.apply(Command::AddTag { comment: first, tag }).is_some(), "editable again");
}

/// Typing in the search box, a character at a time and back, shows what each word finds; the
/// search readied when the box gets the focus and the searches it remembers are dropped when
/// another project with the same ids and count is opened.
#[wasm_bindgen_test]
async fn typing_in_the_search_box_narrows_and_follows_a_new_project() {
    let project = project_from("本文\nパッケージが固い\nパン\nﾊﾟｯｹｰｼﾞ\nパッと見\n値段\n");
    let root = container("typed-search");
    let state = std::rc::Rc::new(std::cell::Cell::new(None));
    let handle = leptos::mount::mount_to(root.clone(), {
        let state = state.clone();
        move || {
            state.set(Some(provide_project_state(project.clone(), Lang::Ja)));
            view! { <CommentsPage /> }
        }
    });
    next_frame().await;
    let state = state.get().expect("state provided");
    let input: web_sys::HtmlInputElement = root
        .query_selector("[data-testid=filter-input]")
        .expect("q")
        .expect("the search box")
        .unchecked_into();
    input.focus().expect("focused");
    next_frame().await;
    let shown = || -> Vec<String> {
        let rows = root.query_selector_all("[data-testid=comment-text]").expect("query");
        (0..rows.length()).filter_map(|i| rows.item(i).and_then(|n| n.text_content())).collect()
    };
    let typed = |text: &str| {
        input.set_value(text);
        input.dispatch_event(&web_sys::Event::new("input").expect("event")).expect("dispatched");
    };
    for (text, expected) in [
        ("パ", vec!["パッケージが固い", "パン", "ﾊﾟｯｹｰｼﾞ", "パッと見"]),
        ("パッ", vec!["パッケージが固い", "ﾊﾟｯｹｰｼﾞ", "パッと見"]),
        ("パッケ", vec!["パッケージが固い", "ﾊﾟｯｹｰｼﾞ"]),
        ("パッ", vec!["パッケージが固い", "ﾊﾟｯｹｰｼﾞ", "パッと見"]),
    ] {
        typed(text);
        next_frame().await;
        assert_eq!(shown(), expected, "typed {text}");
    }
    // Same count, same ids, other texts: what パッ finds is searched again.
    state.replace(project_from("本文\nパッと開く\n値段\nパッケ\nパン\nほか\n"));
    next_frame().await;
    assert_eq!(shown(), vec!["パッと開く", "パッケ"]);
    typed("パッケ");
    next_frame().await;
    assert_eq!(shown(), vec!["パッケ"]);
    drop(handle);
}

/// The browser's JSON writes the comparison file exactly as koe-core's serde_json does (the
/// file a member sends is the same whichever wrote it), and reads and writes a stored
/// project's metadata as serde_json does, so records written before still open.
#[wasm_bindgen_test]
fn the_browsers_json_is_serde_jsons() {
    use koe_core::export::aggregate::{aggregate, aggregate_json, read_aggregate};
    use koe_core::saved::ProjectMeta;
    use koe_web::io::json::{from_json, to_json};

    let mut project = Project::new();
    let csv = "日付,媒体,本文\n2026-10-03,X,容器が\"固い\"\n2026-10-04,ブログ,美味しい\\n\n";
    let table = read_table("c.csv", csv.as_bytes()).expect("a table").table;
    let outcome = to_comments(&table, &guess_mapping(&table));
    project.apply(Command::AddComments(outcome.comments)).expect("added");
    let period = Period::month(2026, 10).expect("October");
    let counts = aggregate(&project, &period, "株式会社\"声\"\\東京\t支店");
    let written = to_json(&counts, Some(2)).expect("JSON");
    assert_eq!(written, aggregate_json(&counts));
    assert_eq!(read_aggregate(written.as_bytes()), Ok(counts));

    let meta = ProjectMeta {
        id: "p1764745200123".into(),
        name: "10月の\"声\"".into(),
        comments: 200_000,
        bytes: 41_880_426,
        changed_ms: 1_764_745_200_123.0,
    };
    assert_eq!(from_json::<ProjectMeta>(&meta.to_json()), Some(meta.clone()), "a record serde_json wrote");
    let json = to_json(&meta, None).expect("JSON");
    assert_eq!(ProjectMeta::from_json(&json), Some(meta.clone()));
    assert_eq!(from_json::<ProjectMeta>(&json), Some(meta));
    assert_eq!(from_json::<ProjectMeta>("{\"id\": 3}"), None);
}

/// The page normalises with the browser's NFKC (it is built without Unicode's tables), the
/// worker with unicode-normalization's. They agree on every character of the scripts customer
/// comments are written in; the browser's Unicode is newer, so characters assigned since
/// (68 in Chromium 156, such as U+0558 and U+209D) normalise in the page and not in the
/// worker: a search typed with one of them would miss a comment holding it.
#[wasm_bindgen_test]
fn the_browsers_nfkc_is_the_workers() {
    use unicode_normalization::UnicodeNormalization;
    let customer_scripts = [
        0x0000..=0x024F, // ASCII, Latin-1, Latin extended
        0x2000..=0x206F, // general punctuation
        0x2100..=0x21FF, // letter-like symbols, number forms, arrows
        0x2460..=0x24FF, // enclosed numbers and letters
        0x2E80..=0x9FFF, // CJK radicals, symbols, kana, enclosed CJK, unified ideographs
        0xF900..=0xFAFF, // CJK compatibility ideographs
        0xFE30..=0xFE4F, // CJK compatibility forms
        0xFF00..=0xFFEF, // half-width and full-width forms
    ];
    let mut differ = Vec::new();
    let mut text = String::new();
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        text.clear();
        text.push(c);
        let browser: String = js_sys::JsString::from(text.as_str()).normalize("NFKC").into();
        if browser != text.nfkc().collect::<String>() {
            differ.push(c);
        }
    }
    let in_scripts: Vec<char> = differ
        .iter()
        .copied()
        .filter(|c| customer_scripts.iter().any(|r| r.contains(&u32::from(*c))))
        .collect();
    assert!(in_scripts.is_empty(), "the browser and the worker differ on {in_scripts:?}");
    assert!(differ.len() <= 100, "{} characters differ: {:?}", differ.len(), &differ[..differ.len().min(40)]);
    let state = koe_web::state::provide_project_state(Project::new(), Lang::Ja);
    let _ = state;
    assert_eq!(koe_core::text::normalize::normalize("ｱｲﾌｫﾝ ①㈱ Ｗｉ－Ｆｉ"), "アイフォン 1(株) wi-fi");
}

/// A callback for [`koe_web::io::timing::in_next_task`] that sets `flag`.
fn setting(flag: &std::rc::Rc<std::cell::Cell<bool>>) -> js_sys::Function {
    let flag = flag.clone();
    wasm_bindgen::closure::Closure::once_into_js(move || flag.set(true)).unchecked_into()
}

#[wasm_bindgen_test]
async fn the_next_task_comes_after_this_one_and_its_microtasks_either_way() {
    use koe_web::io::timing::{Scheduling, in_next_task};
    for scheduling in [Scheduling::Best, Scheduling::TimeoutOnly] {
        let ran = std::rc::Rc::new(std::cell::Cell::new(false));
        assert!(in_next_task(&setting(&ran), scheduling), "{scheduling:?} schedules");
        assert!(!ran.get(), "{scheduling:?}: not at once");
        let microtask = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
        wasm_bindgen_futures::JsFuture::from(microtask).await.expect("a microtask");
        assert!(!ran.get(), "{scheduling:?}: not in a microtask of this task");
        wait_ms(50).await;
        assert!(ran.get(), "{scheduling:?}: in a later task");
    }
}

#[wasm_bindgen_test]
async fn the_next_task_is_posted_to_the_browsers_scheduler_where_it_has_one() {
    use koe_web::io::timing::{Scheduling, in_next_task, next_task};
    let global = js_sys::global();
    let scheduler = js_sys::Reflect::get(&global, &"scheduler".into()).expect("scheduler read");
    assert!(scheduler.is_object(), "Chromium has scheduler.postTask");
    let original = js_sys::Reflect::get(&scheduler, &"postTask".into()).expect("postTask");
    // A spy in its place that counts the calls and posts as the browser would.
    let spy = js_sys::Function::new_with_args(
        "callback",
        "globalThis.koePosted = (globalThis.koePosted || 0) + 1; return this.koeOriginalPostTask(callback);",
    );
    js_sys::Reflect::set(&scheduler, &"koeOriginalPostTask".into(), &original).expect("kept");
    js_sys::Reflect::set(&scheduler, &"postTask".into(), &spy).expect("spied");
    let ran = std::rc::Rc::new(std::cell::Cell::new(false));
    assert!(in_next_task(&setting(&ran), Scheduling::Best));
    next_task().await;
    let timeout_only = std::rc::Rc::new(std::cell::Cell::new(false));
    assert!(in_next_task(&setting(&timeout_only), Scheduling::TimeoutOnly));
    wait_ms(50).await;
    js_sys::Reflect::set(&scheduler, &"postTask".into(), &original).expect("restored");
    let posted = js_sys::Reflect::get(&global, &"koePosted".into()).expect("count").as_f64();
    assert_eq!(posted, Some(2.0), "in_next_task and next_task posted; the timeout-only one did not");
    assert!(ran.get() && timeout_only.get(), "all ran");
}

/// A Blob made from a view of the page's memory holds exactly the bytes it was given (not the
/// memory around them), with its type, and later changes to the memory do not reach it.
#[wasm_bindgen_test]
async fn a_blob_of_bytes_holds_exactly_those_bytes() {
    use koe_web::io::blob::blob_of;

    let mut memory: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    let bytes = &memory[1_000..1_300];
    let expected = bytes.to_vec();
    let blob = blob_of(bytes, Some("text/csv")).expect("a blob");
    memory.iter_mut().for_each(|b| *b = 0);
    assert_eq!(blob.size(), 300.0);
    assert_eq!(blob.type_(), "text/csv");
    let read = wasm_bindgen_futures::JsFuture::from(blob.array_buffer()).await.expect("read back");
    assert_eq!(js_sys::Uint8Array::new(&read).to_vec(), expected);

    let empty = blob_of(&[], None).expect("an empty blob");
    assert_eq!((empty.size(), empty.type_()), (0.0, String::new()));
}

/// The module a worker posts once started is kept when the worker is retired, so the next
/// worker's code is the browser's already compiled and optimised code; other messages still
/// reach their requests.
#[wasm_bindgen_test]
async fn the_workers_compiled_module_is_kept_after_it_retires() {
    use koe_core::export::workbook::WorkbookError;
    use koe_web::io::import_worker::ImportWorker;

    // A stand-in that posts a (minimal) compiled module after saying it is ready.
    let code = "postMessage(new Uint8Array([0]));\n\
        postMessage(new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));\n\
        onmessage = (e) => postMessage(['koe-workbook', new Uint8Array([e.data[1][0], 1, 1])]);";
    let worker = ImportWorker::new(&script_url(code), RwSignal::new(None));
    assert!(!worker.keeps_compiled_module(), "none before a worker ran");
    assert_eq!(worker.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
    worker.retire();
    assert!(!worker.is_running());
    assert!(worker.keeps_compiled_module(), "kept beyond the worker");
    let stand_in = ImportWorker::new(&stand_in_workbook_worker(), RwSignal::new(None));
    assert_eq!(stand_in.write_workbook(Default::default()).await, Err(WorkbookError::Worker));
    assert!(!stand_in.keeps_compiled_module(), "a worker that posts none: nothing kept");
}

#[wasm_bindgen_test]
fn remembered_settings_are_listed_and_forgotten_by_koes_prefix_only() {
    use koe_web::io::local_store::{KEY_PREFIX, forget_all, recall, recall_all, remember};
    let storage = web_sys::window().and_then(|w| w.local_storage().ok().flatten()).expect("localStorage");
    storage.clear().expect("cleared");
    remember("other-app.setting", "theirs");
    for index in 0..5 {
        remember(&format!("{KEY_PREFIX}mapping.{index}"), &index.to_string());
    }
    remember(&format!("{KEY_PREFIX}language"), "ja");
    let mut listed = recall_all(&format!("{KEY_PREFIX}mapping."), 10);
    listed.sort();
    let expected: Vec<(String, String)> =
        (0..5).map(|index| (format!("{KEY_PREFIX}mapping.{index}"), index.to_string())).collect();
    assert_eq!(listed, expected);
    assert_eq!(recall_all(KEY_PREFIX, 3).len(), 3, "at most the limit");
    forget_all();
    assert_eq!(recall_all(KEY_PREFIX, 100), Vec::new(), "every key of Koe's is forgotten");
    assert_eq!(recall("other-app.setting").as_deref(), Some("theirs"), "another app's key is kept");
    storage.clear().expect("cleared");
}
