use chrono::Datelike;
use koe_core::export::aggregate::{Aggregate, aggregate, comparison_charts};
use koe_core::project::team_texts::company_label as own_label;
use koe_core::report::period::{MonthsWithComments, Period, PeriodKind};
use koe_core::report::{build_report, build_report_with};
use koe_core::ui::route::Route;
use leptos::prelude::*;

use super::app::ReportMonth;
use super::report_builder::{LayoutBar, TemplateBar};
use super::report_controls::{ExportBar, PeriodControl};
use super::report_section::{PrintAppendix, ReportSection};
use crate::io::address;
use crate::io::clock::today;
use crate::io::timing::Measure;
use crate::state::expect_project_state;
use crate::state::report::{ReportContext, use_word_cache};

/// The report: derived from the project on every change, never stored.
#[component]
pub fn ReportPage() -> impl IntoView {
    let state = expect_project_state();
    let fallback = Period::month(2024, 4).unwrap_or_else(|| Period::week(today()));
    // The last complete month that has comments: the newcomer's first report is never empty.
    let months = state.with_project_untracked(|p| MonthsWithComments::of(p.comment_days()));
    // A month named in the address wins (a link from a colleague, a bookmark).
    let address_month = use_context::<ReportMonth>();
    let named = address_month.and_then(|m| m.0.get_untracked()).and_then(|(y, m)| Period::month(y, m));
    let period = RwSignal::new(named.or_else(|| Period::default_month(today(), &months)).unwrap_or(fallback));
    // The month shown goes into the address, in place (changing the period is not a step back).
    Effect::new(move |_| {
        let shown = period.get();
        let month = (shown.kind == PeriodKind::Month).then(|| (shown.start.year(), shown.start.month()));
        if let Some(address_month) = address_month {
            address_month.0.set(month);
        }
        address::replace(Route::Report(month));
    });
    // Back or Forward to another month of the report.
    if let Some(address_month) = address_month {
        Effect::new(move |_| {
            if let Some(next) = address_month.0.get().and_then(|(y, m)| Period::month(y, m))
                && period.get_untracked() != next
                && period.get_untracked().kind == PeriodKind::Month
            {
                period.set(next);
            }
        });
    }
    let masked = RwSignal::new(true);
    // The words of every comment's text, cut once (ahead, in the background, for the month the
    // report opens on) and kept until the comments change: a report only adds them up.
    let words = use_word_cache();
    // Other companies' counts files, opened in the comparison panel, and this company's label.
    let companies = RwSignal::new(Vec::<Aggregate>::new());
    let company_label = RwSignal::new(String::new());
    let sections = Memo::new(move |_| {
        let (period, lang, masked) = (period.get(), state.lang(), masked.get());
        let _timing = Measure::start("koe:report");
        state.with_project(|p| {
            let generation = state.comments_generation_untracked();
            words
                .with(generation, |cache| build_report_with(p, period, lang, masked, cache))
                .unwrap_or_else(|| build_report(p, period, lang, masked))
        })
    });
    // The comparison comes after the sections, computed only while counts files are open.
    let report = Memo::new(move |_| {
        let others = companies.get();
        let mut report = sections.get();
        if !others.is_empty() {
            let lang = state.lang();
            let label = own_label(&company_label.get(), lang);
            let own = state.with_project(|p| aggregate(p, &report.period, &label));
            let all: Vec<Aggregate> = std::iter::once(own).chain(others).collect();
            report.comparison = comparison_charts(&all, lang);
        }
        report
    });
    let context = ReportContext {
        period,
        masked,
        fiscal_start: RwSignal::new(4),
        report,
        kwic: RwSignal::new(None),
        companies,
        company_label,
    };
    provide_context(context);
    let section_ids =
        Memo::new(move |_| report.with(|r| r.sections.iter().map(|s| s.id.clone()).collect::<Vec<_>>()));
    let has_comments = move || state.with_project(|p| !p.comments().is_empty());
    // The page reads like the printed report; 「編集」 brings every section's title, order and
    // commentary controls forward (they also come forward on hover and focus).
    let editing = RwSignal::new(false);
    view! {
        <div class="koe-page koe-report" class:koe-report--editing=move || editing.get() data-testid="report">
            <p class="koe-print-only koe-report__confidential">
                {move || state.texts().report.confidential} " — " {move || period.get().label(state.lang())}
            </p>
            <div class="koe-report__title">
                <h2>{move || state.texts().report.report_heading} " — " {move || period.get().label(state.lang())}</h2>
                <button
                    class="koe-button koe-no-print"
                    data-testid="report-edit"
                    aria-pressed=move || editing.get().to_string()
                    on:click=move |_| editing.update(|on| *on = !*on)
                >
                    {move || if editing.get() { state.texts().report.done_editing } else { state.texts().report.edit }}
                </button>
            </div>
            <Show
                when=has_comments
                fallback=move || view! { <p class="koe-empty">{move || state.texts().empty_report}</p> }
            >
                <div class="koe-panel koe-report__controls koe-no-print">
                    <PeriodControl period fiscal_start=context.fiscal_start />
                    <ExportBar />
                </div>
                <div class="koe-panel koe-report__builder koe-no-print">
                    <TemplateBar />
                    <LayoutBar />
                </div>
                <div class="koe-report__paper">
                    <For each=move || section_ids.get() key=|id| id.clone() let(id)>
                        <ReportSection id />
                    </For>
                    <PrintAppendix />
                </div>
                <super::company_comparison::CompanyComparison />
            </Show>
        </div>
    }
}
