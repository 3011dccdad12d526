use chrono::{Datelike, NaiveDate};
use koe_core::export::html::report_html;
use koe_core::export::workbook::{WorkbookError, plan_report_workbook};
use koe_core::export::{Privacy, comments_csv};
use koe_core::report::kpi::{KpiRow, comments_in};
use koe_core::report::period::{MonthsWithComments, Period, PeriodKind};
use koe_core::report::{SectionBody, SectionModel};
use leptos::prelude::*;

use crate::io::clock::today;
use crate::io::download::download;
use crate::io::import_worker::OnDemandWorker;
use crate::state::expect_project_state;
use crate::state::report::expect_report;

/// The report period: a month, a fiscal quarter (start month settable), a week or any range.
#[component]
pub fn PeriodControl(period: RwSignal<Period>, fiscal_start: RwSignal<u32>) -> impl IntoView {
    let state = expect_project_state();
    let with_comments = Memo::new(move |_| state.with_project(|p| MonthsWithComments::of(p.comment_days())));
    let months = move || {
        let shown = period.get();
        let shown_month = (shown.kind == PeriodKind::Month).then_some(shown);
        with_comments.with(|m| Period::months_offered(today(), m, shown_month))
    };
    let kind_value = move || match period.get().kind {
        PeriodKind::Month => "month",
        PeriodKind::Quarter { .. } => "quarter",
        PeriodKind::Week => "week",
        PeriodKind::Custom => "custom",
    };
    let set_kind = move |kind: String| {
        let start = period.get_untracked().start;
        let next = match kind.as_str() {
            "quarter" => {
                let (fy, q) = Period::fiscal_quarter_of(start, fiscal_start.get_untracked());
                Period::fiscal_quarter(fy, q, fiscal_start.get_untracked())
            }
            "week" => Some(Period::week(start)),
            "custom" => Some(Period::custom(start, period.get_untracked().end)),
            _ => Period::month(start.year(), start.month()),
        };
        if let Some(next) = next {
            period.set(next);
        }
    };
    let quarters = move || {
        let start = fiscal_start.get();
        let mut seen: Vec<(i32, u32)> =
            months().iter().map(|m| Period::fiscal_quarter_of(m.start, start)).collect();
        seen.dedup();
        seen
    };
    let parse_day = |value: String| NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
    view! {
        <fieldset class="koe-period" data-testid="report-period">
            <legend>{move || state.texts().period_label}</legend>
            <select data-testid="report-period-kind" aria-label=move || state.texts().period_label on:change=move |ev| set_kind(event_target_value(&ev))>
                {["month", "quarter", "week", "custom"]
                    .into_iter()
                    .enumerate()
                    .map(|(index, value)| {
                        view! {
                            <option value=value selected=move || kind_value() == value>
                                {move || state.texts().period_kinds[index]}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            {move || match period.get().kind {
                PeriodKind::Month => {
                    view! {
                        <select
                            data-testid="report-month"
                            aria-label=move || state.texts().period_kinds[0]
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let parsed = NaiveDate::parse_from_str(&format!("{value}-01"), "%Y-%m-%d").ok();
                                if let Some(month) = parsed.and_then(|d| Period::month(d.year(), d.month())) {
                                    period.set(month);
                                }
                            }
                        >
                            {months()
                                .into_iter()
                                .map(|m| {
                                    let value = m.file_stem();
                                    let selected = period.get_untracked() == m;
                                    view! { <option value=value selected=selected>{m.label(state.lang())}</option> }
                                })
                                .collect_view()}
                        </select>
                    }
                        .into_any()
                }
                PeriodKind::Quarter { .. } => {
                    view! {
                        <select
                            data-testid="report-quarter"
                            aria-label=move || state.texts().period_kinds[1]
                            on:change=move |ev| {
                                let value = event_target_value(&ev);
                                let parsed = value.split_once('-').and_then(|(y, q)| Some((y.parse().ok()?, q.parse().ok()?)));
                                if let Some(p) = parsed.and_then(|(y, q)| Period::fiscal_quarter(y, q, fiscal_start.get_untracked())) {
                                    period.set(p);
                                }
                            }
                        >
                            {quarters()
                                .into_iter()
                                .filter_map(|(fy, q)| Period::fiscal_quarter(fy, q, fiscal_start.get_untracked()))
                                .map(|p| {
                                    let (fy, q) = Period::fiscal_quarter_of(p.start, fiscal_start.get_untracked());
                                    let selected = period.get_untracked() == p;
                                    view! { <option value=format!("{fy}-{q}") selected=selected>{p.label(state.lang())}</option> }
                                })
                                .collect_view()}
                        </select>
                        <label>
                            {move || state.texts().fiscal_start_label}
                            <select
                                data-testid="report-fiscal-start"
                                on:change=move |ev| {
                                    let month = event_target_value(&ev).parse().unwrap_or(4);
                                    fiscal_start.set(month);
                                    let (fy, q) = Period::fiscal_quarter_of(period.get_untracked().start, month);
                                    if let Some(p) = Period::fiscal_quarter(fy, q, month) {
                                        period.set(p);
                                    }
                                }
                            >
                                {(1..=12u32)
                                    .map(|m| view! { <option value=m.to_string() selected=move || fiscal_start.get() == m>{format!("{m}")}</option> })
                                    .collect_view()}
                            </select>
                        </label>
                    }
                        .into_any()
                }
                PeriodKind::Week => {
                    view! {
                        <input
                            type="date"
                            data-testid="report-week"
                            prop:value=move || period.get().start.to_string()
                            on:change=move |ev| {
                                if let Some(day) = parse_day(event_target_value(&ev)) {
                                    period.set(Period::week(day));
                                }
                            }
                        />
                    }
                        .into_any()
                }
                PeriodKind::Custom => {
                    view! {
                        <input
                            type="date"
                            data-testid="report-from"
                            prop:value=move || period.get().start.to_string()
                            on:change=move |ev| {
                                if let Some(day) = parse_day(event_target_value(&ev)) {
                                    period.update(|p| *p = Period::custom(day, p.end));
                                }
                            }
                        />
                        " 〜 "
                        <input
                            type="date"
                            data-testid="report-to"
                            prop:value=move || period.get().end.to_string()
                            on:change=move |ev| {
                                if let Some(day) = parse_day(event_target_value(&ev)) {
                                    period.update(|p| *p = Period::custom(p.start, day));
                                }
                            }
                        />
                    }
                        .into_any()
                }
            }}
        </fieldset>
    }
}

/// The headline figures of the period, each against the previous period and a year earlier.
#[component]
pub fn KpiTable(section: Memo<Option<SectionModel>>) -> impl IntoView {
    let state = expect_project_state();
    let kpi = move || {
        section.with(|s| match s.as_ref().map(|s| &s.body) {
            Some(SectionBody::Kpi(kpi)) => Some(kpi.clone()),
            _ => None,
        })
    };
    let chart_id = move || section.with(|s| s.as_ref().map(|s| s.id.clone()));
    let row = |row: KpiRow| {
        let [current, other, difference, change] = row.comparison.cells(row.share);
        view! {
            <tr>
                <th scope="row">{row.label}</th>
                <td class="koe-num">{current}</td>
                <td class="koe-num">{other}</td>
                <td class="koe-num">{difference}</td>
                <td class="koe-num">{change}</td>
            </tr>
        }
    };
    view! {
        <table class="koe-table" data-testid="chart-table" data-chart=chart_id>
            <thead>
                <tr>
                    <th scope="col"></th>
                    <th scope="col">{move || state.texts().report.kpi_columns[0]}</th>
                    <th scope="col">{move || state.texts().report.kpi_columns[1]}</th>
                    <th scope="col">{move || state.texts().report.kpi_columns[2]}</th>
                    <th scope="col">{move || state.texts().report.kpi_columns[3]}</th>
                </tr>
            </thead>
            <tbody>
                {move || kpi().map(|k| k.rows(state.lang())).unwrap_or_default().into_iter().map(row).collect_view()}
            </tbody>
        </table>
        <p data-testid="kpi-response">
            {move || kpi().map(|k| k.response_text(state.lang()))}
        </p>
    }
}

/// Exports of the report: print to PDF, the standalone HTML, the xlsx workbook and the
/// period's comments as CSV; personal data is masked unless the user turns masking off.
#[component]
pub fn ExportBar() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let masked = context.masked;
    let failed = RwSignal::new(None::<String>);
    let privacy = move || {
        if masked.get_untracked() {
            Privacy::default()
        } else {
            Privacy { mask_texts: false, hide_authors: false }
        }
    };
    let stem = move || context.period.get_untracked().file_stem();
    let save = move |name: String, mime: &str, bytes: &[u8]| {
        failed.set(download(&name, mime, bytes).is_err().then(|| state.texts().download_failed.to_owned()));
    };
    let export_csv = move |_| {
        let period = context.period.get_untracked();
        let bytes = state
            .with_project_untracked(|p| comments_csv(p, comments_in(p, &period), state.lang(), privacy()));
        save(format!("koe-comments-{}.csv", stem()), "text/csv;charset=utf-8", &bytes);
    };
    let export_html = move |_| {
        let html = context.report.with_untracked(report_html);
        save(format!("koe-report-{}.html", stem()), "text/html;charset=utf-8", html.as_bytes());
    };
    // The workbook is planned here and written in the worker, which holds the xlsx writer: the
    // page's download stays small. The worker starts with the toolbar (and again when the
    // pointer or focus comes back to it after it retired), so a click on 「Excel」 does not wait
    // for its code: a workbook that came after another export's download would be held back
    // by the browser as a download nobody clicked for.
    let worker = OnDemandWorker::new();
    worker.warm();
    let writing = RwSignal::new(false);
    let export_xlsx = move |_| {
        if writing.get_untracked() {
            return;
        }
        let plan = context.report.with_untracked(|report| {
            state.with_project_untracked(|p| plan_report_workbook(p, report, privacy()))
        });
        let name = format!("koe-report-{}.xlsx", stem());
        writing.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let result = worker.with(|worker| async move { worker.write_workbook(plan).await }).await;
            writing.set(false);
            match result.unwrap_or(Err(WorkbookError::Worker)) {
                Ok(bytes) => {
                    save(name, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", &bytes)
                }
                Err(error) => failed.set(Some(error.message(state.lang()))),
            }
        });
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            failed.set(window.print().is_err().then(|| state.texts().download_failed.to_owned()));
        }
    };
    view! {
        <div
            class="koe-exports koe-no-print"
            role="toolbar"
            aria-label=move || state.texts().export_heading
            on:pointerenter=move |_| worker.warm()
            on:focusin=move |_| worker.warm()
        >
            <label>
                <input
                    type="checkbox"
                    data-testid="report-mask"
                    prop:checked=move || masked.get()
                    on:change=move |ev| masked.set(event_target_checked(&ev))
                />
                {move || state.texts().mask_toggle}
            </label>
            <button class="koe-button" data-testid="export-pdf" on:click=print>{move || state.texts().export_pdf}</button>
            <button class="koe-button" data-testid="export-html" on:click=export_html>{move || state.texts().export_html}</button>
            <button
                class="koe-button"
                data-testid="export-xlsx"
                on:click=export_xlsx
                prop:disabled=move || writing.get()
                aria-busy=move || writing.get().then_some("true")
            >
                {move || state.texts().report.export_xlsx}
            </button>
            <button class="koe-button" data-testid="export-csv" on:click=export_csv>{move || state.texts().export_csv}</button>
            <span role="status" data-testid="export-xlsx-writing">
                {move || writing.get().then(|| state.texts().report.xlsx_writing)}
            </span>
            {move || failed.get().map(|message| view! { <span class="koe-notice koe-notice--error" role="alert">{message}</span> })}
        </div>
    }
}
