//! The benchmark's entry point (`cargo xtask bench` builds it; it is never shipped): the bench
//! driver loads it into the app's page and times there the same koe-core work the app does
//! (import, as the import worker does it; the report and the filter, as the page does them),
//! beside TextDecoder and Papa Parse in the same page. A crate of its own, so neither the page
//! nor the import worker carries code only the benchmark calls.

use koe_core::import::{FirstReading, ReadOptions, ReadStep};
use koe_core::project::comment::NewComment;
use koe_core::query::aggregate::date_span;
use koe_core::query::filter::Filter;
use koe_core::query::typed_search::TypedSearch;
use koe_core::report::build_report_with;
use koe_core::report::period::Period;
use koe_core::report::terms::TermCache;
use koe_core::worker::CONVERTED_PART;
use koe_core::{Command, Lang, Project};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// `performance.now()` of whichever global runs this (the page, for the bench).
fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| p.dyn_into::<web_sys::Performance>().ok())
        .map_or(0.0, |p| p.now())
}

/// The comments of a CSV as the import worker makes them: read once for the preview,
/// converted on the way with the mapping guessed from its first rows (the file is read again
/// only when the guess over the whole file differs, as the worker does), no table kept.
fn import_as_the_worker_does(bytes: Vec<u8>) -> Option<Vec<NewComment>> {
    let mut reading = FirstReading::<Vec<NewComment>>::begin(
        "bench.csv",
        Box::new(bytes),
        (ReadOptions::default(), &[]),
        &mut |_| {},
    )
    .ok()?;
    let mut comments = Vec::new();
    let mut end = loop {
        match reading.next_part(CONVERTED_PART, &mut |_| {}).ok()? {
            ReadStep::Part(part) => {
                comments.reserve(reading.rows_estimate().saturating_sub(comments.len()));
                comments.extend(part);
            }
            ReadStep::Restarted => comments.clear(),
            ReadStep::Read(end) => break end,
        }
    };
    if let Some((_, last, _)) = end.converted {
        comments.extend(last);
        return Some(comments);
    }
    comments.clear();
    let mut conversion = end.file.convert::<Vec<NewComment>>(&end.preview.guess.mapping).ok()?;
    while let Some(part) = conversion.next_part(CONVERTED_PART, &mut |_| {}).ok()? {
        comments.extend(part);
    }
    comments.extend(conversion.finish(&mut |_| {}).ok()?.0);
    Some(comments)
}

/// Imports `bytes` (a CSV) to searchable comments (with their search index), tags every other
/// one, times a full report over all dates (the first, then a recompute after a tag edit), then
/// times readying the search for typing (as the app does when the search box gets the focus),
/// then each query as a keystroke filter (text + tag).
/// Returns `[import ms, comments, first report ms, recomputed report ms, readied ms, filter
/// ms…]`; an unreadable file gives `[]`.
#[wasm_bindgen]
pub fn koe_bench(bytes: Vec<u8>, queries: Vec<String>) -> Vec<f64> {
    let started = now();
    let Some(comments) = import_as_the_worker_does(bytes) else { return Vec::new() };
    let mut project = Project::new();
    if project.apply(Command::AddComments(comments)).is_err() {
        return Vec::new();
    }
    let mut search = TypedSearch::default();
    search.index(project.comments());
    let import_ms = now() - started;
    let comments = project.comments().len() as f64;

    let tag = project.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id);
    if let Some(tag) = tag {
        let half = project.comments().iter().step_by(2).map(|c| c.id).collect();
        let _ = project.apply(Command::TagMany { comments: half, tag, on: true });
    }
    // The report as the report page computes it: the first time cuts every text into words,
    // a recompute after a tag edit reuses them.
    let (first_report_ms, report_ms) = match (date_span(project.comments()), tag) {
        (Some((first, last)), Some(tag)) => {
            let period = Period::custom(first, last);
            let mut terms = TermCache::default();
            let started = now();
            let report = build_report_with(&project, period, Lang::Ja, true, &mut terms);
            let first_ms = now() - started;
            std::hint::black_box(report.sections.len());
            let one = project.comments().iter().skip(1).step_by(2).map(|c| c.id).take(1).collect();
            let _ = project.apply(Command::TagMany { comments: one, tag, on: true });
            let started = now();
            let report = build_report_with(&project, period, Lang::Ja, true, &mut terms);
            let again_ms = now() - started;
            std::hint::black_box(report.sections.len());
            (first_ms, again_ms)
        }
        _ => (f64::NAN, f64::NAN),
    };
    // As in the app: the tag filter is applied when it is chosen, the search readied when the
    // search box gets the focus, then each keystroke searches.
    let by_tag = Filter { with_tags: tag.into_iter().collect(), ..Filter::default() };
    let narrowed = by_tag.narrowed(project.comments());
    let started = now();
    search.prepare(project.comments(), &narrowed);
    let readied_ms = now() - started;
    let mut results = vec![import_ms, comments, first_report_ms, report_ms, readied_ms];
    for query in queries {
        let filter = Filter { text: query, ..by_tag.clone() };
        let started = now();
        let found = search.kept(project.comments(), &narrowed, &filter);
        results.push(now() - started);
        std::hint::black_box(found.len());
    }
    results
}
