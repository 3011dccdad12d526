use koe_core::report::summary::Summary;
use leptos::prelude::*;

use crate::state::expect_project_state;
use crate::state::report::ReportContext;

/// The report's opening sentences, each with a link to the section it is read from, and the
/// author's rewrite for this period (one undoable step; emptied, it goes back to the written
/// sentences).
#[component]
pub fn SummaryView(summary: Summary) -> impl IntoView {
    let state = expect_project_state();
    let r = move || state.texts().report;
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(summary.text());
    let key = summary.period_key.clone();
    let save = {
        let key = key.clone();
        move |_| {
            let text = draft.get_untracked();
            ReportContext::edit_layout(state, |l| l.with_summary(&key, &text));
            editing.set(false);
        }
    };
    let reset = move |_| {
        ReportContext::edit_layout(state, |l| l.with_summary(&key, ""));
        editing.set(false);
    };
    let rewritten = summary.rewritten.is_some();
    let shown = match &summary.rewritten {
        Some(text) => text
            .split("\n\n")
            .map(|paragraph| view! { <p class="koe-summary__text">{paragraph.to_owned()}</p> })
            .collect_view()
            .into_any(),
        None => view! {
            <p class="koe-summary__text">
                {summary
                    .sentences
                    .iter()
                    .map(|sentence| {
                        let link = sentence.section.clone().map(|section| {
                            view! {
                                <a
                                    class="koe-summary__source koe-no-print"
                                    href=format!("#section-{section}")
                                    data-testid="summary-source"
                                    data-section=section.clone()
                                    on:click=move |ev| {
                                        ev.prevent_default();
                                        scroll_to_section(&section);
                                    }
                                >
                                    {move || format!("[{}]", r().summary_link)}
                                </a>
                            }
                        });
                        view! {
                            <span class="koe-summary__sentence" data-testid="summary-sentence">{sentence.text.clone()}</span>
                            {link}
                            " "
                        }
                    })
                    .collect_view()}
            </p>
        }
        .into_any(),
    };
    view! {
        <div class="koe-summary" data-testid="report-summary" data-rewritten=rewritten.to_string()>
            {shown}
            {rewritten.then(|| view! { <p class="koe-note">{move || r().summary_rewritten}</p> })}
            <div class="koe-summary__edit koe-no-print">
                <button
                    class="koe-button"
                    data-testid="summary-edit"
                    aria-pressed=move || editing.get().to_string()
                    on:click=move |_| editing.update(|e| *e = !*e)
                >
                    {move || r().summary_edit}
                </button>
                {rewritten.then(|| view! {
                    <button class="koe-button" data-testid="summary-reset" on:click=reset>{move || r().summary_reset}</button>
                })}
            </div>
            <div class="koe-summary__editor koe-no-print" hidden=move || !editing.get()>
                <textarea
                    data-testid="summary-text"
                    rows="5"
                    aria-label=move || r().summary_edit
                    prop:value=move || draft.get()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                ></textarea>
                <button class="koe-button koe-button--primary" data-testid="summary-save" on:click=save>
                    {move || r().summary_save}
                </button>
            </div>
        </div>
    }
}

/// Brings the report section `id` into view (the report sits inside the page's own scroller).
fn scroll_to_section(id: &str) {
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(&format!("[data-section=\"{id}\"]")).ok().flatten());
    if let Some(element) = found {
        element.scroll_into_view();
    }
}
