//! Entry points for the benchmark (`cargo xtask bench`), called from the page by the benchmark
//! driver, never by the app: the same koe-core work the app does, timed in the browser.

use koe_core::aggregate::date_span;
use koe_core::filter::{Filter, Prepared, kept};
use koe_core::import::{ReadOptions, guess_mapping, read_any, to_comments};
use koe_core::period::Period;
use koe_core::report::build_report;
use koe_core::search::SearchIndex;
use koe_core::{Command, Lang, Project};
use wasm_bindgen::prelude::*;

fn now() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map_or(0.0, |p| p.now())
}

/// Imports `bytes` (a CSV) to searchable comments (with their search index), tags every other one, then times each
/// query as a keystroke filter (text + tag) and a full report over all dates.
/// Returns `[import ms, comments, report ms, filter ms…]`; an unreadable file gives `[]`.
#[wasm_bindgen]
pub fn koe_bench(bytes: &[u8], queries: Vec<String>) -> Vec<f64> {
    let started = now();
    let Ok(read) = read_any("bench.csv", bytes, ReadOptions::default()) else { return Vec::new() };
    let mapping = guess_mapping(&read.table);
    let outcome = to_comments(&read.table, &mapping);
    let mut project = Project::new();
    if project.apply(Command::AddComments(outcome.comments)).is_err() {
        return Vec::new();
    }
    let index = SearchIndex::build(project.comments());
    let import_ms = now() - started;
    let comments = project.comments().len() as f64;

    let tag = project.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id);
    if let Some(tag) = tag {
        let half = project.comments().iter().step_by(2).map(|c| c.id).collect();
        let _ = project.apply(Command::TagMany { comments: half, tag, on: true });
    }
    let report_ms = match date_span(project.comments()) {
        Some((first, last)) => {
            let started = now();
            let report = build_report(&project, Period::custom(first, last), Lang::Ja, true);
            let elapsed = now() - started;
            std::hint::black_box(report.sections.len());
            elapsed
        }
        None => f64::NAN,
    };
    let mut results = vec![import_ms, comments, report_ms];
    // As in the app: the tag filter is applied when it is chosen, then each keystroke searches.
    let by_tag = Filter { with_tags: tag.into_iter().collect(), ..Filter::default() };
    let narrowed = by_tag.narrowed(project.comments());
    for query in queries {
        let filter = Filter { text: query, ..by_tag.clone() };
        let started = now();
        let prepared = Prepared { index: Some(&index), narrowed: Some(&narrowed) };
        let found = kept(project.comments(), prepared, &filter);
        results.push(now() - started);
        std::hint::black_box(found.len());
    }
    results
}
