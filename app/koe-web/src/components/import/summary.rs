//! What an import ended in, in words and as test hooks.

use koe_core::import::batch::ImportReport;
use leptos::prelude::*;

use super::session::*;
use crate::state::expect_project_state;

#[component]
pub(super) fn ImportSummary(notice: ImportNotice) -> impl IntoView {
    let state = expect_project_state();
    let is_error = notice.is_error();
    let report = match &notice {
        ImportNotice::Done(report) => Some(report.clone()),
        _ => None,
    };
    let problems = report.as_ref().map(|r| r.problems.clone()).unwrap_or_default();
    let has_problems = !problems.is_empty();
    let hook = |read: fn(&ImportReport) -> String| report.as_ref().map(read);
    view! {
        <div
            class="koe-notice"
            class:koe-notice--error=is_error
            role=is_error.then_some("alert")
            data-testid=report.as_ref().map(|_| "import-summary")
            data-rows=hook(|r| r.added.to_string())
            data-problems=hook(|r| r.problems.len().to_string())
            data-duplicates=hook(|r| r.repeats_found.to_string())
            data-same-text=hook(|r| r.same_texts.to_string())
            data-encoding=hook(|r| r.encoding.label().to_owned())
            data-delimiter=hook(|r| char::from(r.delimiter).to_string())
        >
            <p>{move || notice.summary(state.lang())}</p>
            <Show when=move || has_problems>
                <details class="koe-notice__problems" open>
                    <summary>{move || state.texts().problems_heading}</summary>
                    <ul data-testid="import-problems">
                        {problems
                            .iter()
                            .map(|problem| {
                                let problem = problem.clone();
                                let line = problem.line.to_string();
                                view! { <li data-line=line>{move || problem.message(state.lang())}</li> }
                            })
                            .collect_view()}
                    </ul>
                </details>
            </Show>
        </div>
    }
}
