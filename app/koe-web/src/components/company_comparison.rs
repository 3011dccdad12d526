use koe_core::export::aggregate::aggregate;
use koe_core::project::team_texts::{company_label, team_texts};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use super::{ChartTable, ChartView};
use crate::io::download::download;
use crate::io::file_read::{files_of, read_file};
use crate::io::import_worker::OnDemandWorker;
use crate::io::json::to_json;
use crate::state::expect_project_state;
use crate::state::report::expect_report;

/// Counts only, for comparing companies: the file of this period's counts, previewed whole
/// before it is saved, and other companies' files compared with this project as report charts
/// (they print and export with the report).
#[component]
pub fn CompanyComparison() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let t = move || team_texts(state.lang());
    let label = context.company_label;
    let previewing = RwSignal::new(false);
    let problems = RwSignal::new(Vec::<String>::new());
    let json = Memo::new(move |_| {
        let name = company_label(&label.get(), state.lang());
        let period = context.period.get();
        // Indented as koe-core's `aggregate_json` writes it (serde_json is not in the page).
        state.with_project(|p| to_json(&aggregate(p, &period, &name), Some(2)).unwrap_or_default())
    });
    let save = move |_| {
        let file = format!("koe-counts-{}.json", context.period.get_untracked().file_stem());
        let _ = download(&file, "application/json", json.get_untracked().as_bytes());
    };
    // Other companies' files are hostile JSON, read in the worker, which holds the JSON reader.
    let worker = OnDemandWorker::new();
    let on_files = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            let mut read = Vec::new();
            let mut failed = Vec::new();
            for file in files {
                let name = file.name();
                let Ok(chosen) = read_file(file).await else {
                    failed.push((state.texts().file_unreadable)(&name));
                    continue;
                };
                let bytes = chosen.bytes;
                match worker.with(|worker| async move { worker.read_aggregate(bytes).await }).await {
                    Some(Ok(Ok(aggregate))) => read.push(aggregate),
                    Some(Ok(Err(error))) => failed.push(error.message(&chosen.name, state.lang_untracked())),
                    _ => failed.push((state.texts().import_unavailable)(&name)),
                }
            }
            context.companies.update(|list| list.extend(read));
            problems.set(failed);
        });
    };
    let chart_ids = Memo::new(move |_| {
        context.report.with(|r| r.comparison.iter().map(|c| c.id.clone()).collect::<Vec<_>>())
    });
    view! {
        <section class="koe-panel koe-compare" data-testid="comparison">
            <h2>{move || t().compare_heading}</h2>
            <p class="koe-note koe-no-print">{move || t().compare_intro}</p>
            <div class="koe-compare__row koe-no-print">
                <label>
                    {move || t().company_label} " "
                    <input type="text" data-testid="aggregate-label" prop:value=move || label.get() on:change=move |ev| label.set(event_target_value(&ev)) />
                </label>
                <button class="koe-button" data-testid="aggregate-export" aria-pressed=move || previewing.get().to_string() on:click=move |_| previewing.update(|p| *p = !*p)>
                    {move || t().export_counts}
                </button>
                <label class="koe-button">
                    {move || t().open_counts}
                    <input type="file" multiple accept=".json,application/json" data-testid="comparison-files" class="koe-visually-hidden" on:change=on_files />
                </label>
                {move || (!context.companies.with(Vec::is_empty)).then(|| view! {
                    <button class="koe-button" data-testid="comparison-clear" on:click=move |_| context.companies.set(Vec::new())>
                        {state.texts().close}
                    </button>
                })}
            </div>
            {move || previewing.get().then(|| view! {
                <div class="koe-compare__preview koe-no-print">
                    <p class="koe-note">{t().preview_hint}</p>
                    <pre data-testid="aggregate-preview" tabindex="0" role="region" aria-label=t().export_counts>{move || json.get()}</pre>
                    <button class="koe-button koe-button--primary" data-testid="aggregate-save" on:click=save>{t().save_counts}</button>
                </div>
            })}
            <div aria-live="polite">
                {move || problems.get().into_iter().map(|p| view! { <p class="koe-notice koe-notice--error" role="alert">{p}</p> }).collect_view()}
            </div>
            <For each=move || chart_ids.get() key=|id| id.clone() let(id)>
                {
                    let chart = Memo::new(move |_| context.report.with(|r| r.comparison.iter().find(|c| c.id == id).cloned()));
                    view! {
                        <div class="koe-compare__chart" data-testid="comparison-chart">
                            <h3>{move || chart.with(|c| c.as_ref().map(|c| c.title.clone()))}</h3>
                            <ChartView chart />
                            <ChartTable chart />
                        </div>
                    }
                }
            </For>
        </section>
    }
}
