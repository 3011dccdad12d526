use koe_core::report::build_report;
use leptos::prelude::*;

use super::{ChartTable, ChartView};
use crate::state::expect_project_state;

/// The report: derived from the project on every change, never stored.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_project_state();
    let report = Memo::new(move |_| {
        let lang = state.lang();
        state.with_project(|p| build_report(p, lang))
    });
    let chart_ids = Memo::new(move |_| report.with(|r| r.charts.iter().map(|c| c.id).collect::<Vec<_>>()));
    view! {
        <div class="koe-page koe-report" data-testid="report">
            <h2>{move || state.texts().report_heading}</h2>
            <Show
                when=move || report.with(|r| r.total_comments > 0)
                fallback=move || view! { <p class="koe-empty">{move || state.texts().empty_report}</p> }
            >
                <p class="koe-panel" data-testid="report-response">
                    {move || {
                        report.with(|r| {
                            let rate = r.response.rate().map(|rate| (rate * 100.0).round() as u32);
                            (state.texts().report_response)(r.response.needed, r.response.answered, rate, r.response.median_days)
                        })
                    }}
                </p>
                <For each=move || chart_ids.get() key=|id| *id let(id)>
                    {
                        let chart = Memo::new(move |_| {
                            report.with(|r| r.charts.iter().find(|c| c.id == id).cloned())
                        });
                        view! {
                            <section class="koe-panel koe-report__section">
                                <h3>{move || chart.with(|c| c.as_ref().map(|c| c.title.clone()))}</h3>
                                <ChartView chart />
                                <ChartTable chart />
                            </section>
                        }
                    }
                </For>
            </Show>
        </div>
    }
}
