//! What every part of the report page shares: the period, the masking choice, the fiscal-year
//! start, and the report computed from them and the project (derived, never stored).

use koe_core::report::period::{MonthsWithComments, Period};
use koe_core::report::terms::{Synonyms, TermCache};
use koe_core::report::{ReportLayout, ReportModel};
use leptos::prelude::*;

use super::ProjectState;
use crate::io::clock::today;
use crate::io::timing::{TaskClock, measured, next_task};

/// Texts cut into words per task in the background (a few milliseconds).
const CUT_PER_SLICE: usize = 5_000;

/// The words of the comments' texts, cut once for each list of comments and kept across visits
/// to the report page (cutting 200,000 texts takes about a quarter of a second here). After the
/// comments change, the texts of the month the report opens on are cut in the background, a
/// slice per task, so the first report after an import only adds them up.
#[derive(Clone, Copy)]
pub struct WordCache(StoredValue<(u64, TermCache), LocalStorage>);

impl WordCache {
    fn new() -> Self {
        WordCache(StoredValue::new_local((0, TermCache::default())))
    }

    /// Works with the cache of the comments of `generation` (emptied if it was of others).
    pub fn with<R>(&self, generation: u64, use_it: impl FnOnce(&mut TermCache) -> R) -> Option<R> {
        self.0.try_update_value(|(kept_for, cache)| {
            if *kept_for != generation {
                *kept_for = generation;
                *cache = TermCache::default();
            }
            use_it(cache)
        })
    }
}

/// Provides the app's [`WordCache`] and keeps it ahead of the comments.
pub fn provide_word_cache(state: ProjectState) -> WordCache {
    let words = WordCache::new();
    provide_context(words);
    Effect::new(move |_| {
        let generation = state.comments_generation();
        leptos::task::spawn_local(cut_ahead(state, words, generation));
    });
    words
}

/// The page's word cache, or a fresh one where none was provided.
pub fn use_word_cache() -> WordCache {
    use_context::<WordCache>().unwrap_or_else(WordCache::new)
}

/// Cuts the texts of the month the report opens on, a few slices per task, until done or until the
/// comments change again.
async fn cut_ahead(state: ProjectState, words: WordCache, generation: u64) {
    // After what the change itself set going (an import's last parts, the grid, autosave).
    next_task().await;
    let (positions, synonyms) = state.with_project_untracked(|p| {
        let months = MonthsWithComments::of(p.comment_days());
        let opening = Period::default_month(today(), &months);
        let positions = opening.map(|period| {
            let [positions] = p.comment_days().positions_in([period.first_and_last()]);
            positions
        });
        (positions.unwrap_or_default(), Synonyms::parse(&p.report().synonyms))
    });
    let mut clock = TaskClock::start();
    for slice in positions.chunks(CUT_PER_SLICE) {
        if !clock.has_time() {
            next_task().await;
            clock = TaskClock::start();
        }
        if state.comments_generation_untracked() != generation {
            return;
        }
        measured("koe:cut-words", || {
            state.with_project_untracked(|p| {
                let comments = p.comments();
                let texts = slice.iter().filter_map(|&at| comments.get(at).map(|c| (at, c.normalized())));
                words.with(generation, |cache| cache.cut(texts, &synonyms));
            })
        });
    }
}

#[derive(Clone, Copy)]
pub struct ReportContext {
    /// The period the report covers.
    pub period: RwSignal<Period>,
    /// Whether quotes and exported comments hide personal data.
    pub masked: RwSignal<bool>,
    /// The month the fiscal year starts in.
    pub fiscal_start: RwSignal<u32>,
    /// The report of the period.
    pub report: Memo<ReportModel>,
    /// The word whose concordance is open, if any.
    pub kwic: RwSignal<Option<String>>,
    /// Other companies' counts files opened for the comparison.
    pub companies: RwSignal<Vec<koe_core::export::aggregate::Aggregate>>,
    /// This company's label in a counts file and the comparison.
    pub company_label: RwSignal<String>,
}

impl ReportContext {
    /// Sends a layout edit as one undoable command.
    pub fn edit_layout(state: ProjectState, edit: impl FnOnce(&ReportLayout) -> ReportLayout) {
        let next = state.with_project_untracked(|p| edit(p.report()));
        state.apply(koe_core::Command::SetReport(next));
    }
}

/// The report context of the page.
pub fn expect_report() -> ReportContext {
    expect_context::<ReportContext>()
}
