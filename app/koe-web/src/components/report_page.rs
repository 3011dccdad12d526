use koe_core::report::build_report;
use leptos::prelude::*;

use super::report_controls::{ExportBar, KpiSection, PeriodControl, today};
use super::{ChartTable, ChartView};
use crate::state::expect_project_state;
use koe_core::period::Period;

/// The report: derived from the project on every change, never stored.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_project_state();
    let report = Memo::new(move |_| {
        let lang = state.lang();
        state.with_project(|p| build_report(p, lang))
    });
    let fallback = Period::month(2024, 4).unwrap_or_else(|| Period::week(today()));
    let period = RwSignal::new(Period::last_complete_month(today()).unwrap_or(fallback));
    let chart_ids = Memo::new(move |_| report.with(|r| r.charts.iter().map(|c| c.id).collect::<Vec<_>>()));
    view! {
        <div class="koe-page koe-report" data-testid="report">
            <p class="koe-print-only koe-report__confidential">
                {move || state.texts().confidential} " — " {move || period.get().label(state.lang())}
            </p>
            <h2>{move || state.texts().report_heading}</h2>
            <Show
                when=move || report.with(|r| r.total_comments > 0)
                fallback=move || view! { <p class="koe-empty">{move || state.texts().empty_report}</p> }
            >
                <div class="koe-panel koe-report__controls koe-no-print">
                    <PeriodControl period />
                    <ExportBar period />
                </div>
                <KpiSection period />
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
