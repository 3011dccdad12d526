use chrono::{Datelike, NaiveDate};
use koe_core::export::{Privacy, comments_csv};
use koe_core::export_html::report_html;
use koe_core::kpi::{KpiRow, comments_in, kpi_summary};
use koe_core::period::{Period, PeriodKind};
use koe_core::report::build_report;
use leptos::prelude::*;

use crate::io::download::download;
use crate::state::expect_project_state;

/// Today in the browser's calendar, for the default period (the last complete month).
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .unwrap_or_default()
}

/// The months from the first comment to the last (and up to the default period), newest first.
fn months_offered(first: Option<NaiveDate>, last: Option<NaiveDate>, default: Period) -> Vec<Period> {
    let from = first.unwrap_or(default.start).min(default.start).with_day(1).unwrap_or(default.start);
    let to = last.unwrap_or(default.start).max(default.start);
    let mut months = Vec::new();
    let mut month = Period::month(from.year(), from.month());
    while let Some(m) = month.filter(|m| m.start <= to) {
        months.push(m);
        month = m.end.succ_opt().and_then(|d| Period::month(d.year(), d.month()));
    }
    months.reverse();
    months
}

/// The report period: a month, a fiscal quarter (start month settable), a week or any range.
#[component]
pub fn PeriodControl(period: RwSignal<Period>) -> impl IntoView {
    let state = expect_project_state();
    let default = Period::last_complete_month(today()).unwrap_or(period.get_untracked());
    let span = Memo::new(move |_| {
        state.with_project(|p| {
            let dates = p.comments().iter().filter_map(|c| c.date.map(|d| d.date()));
            let (mut first, mut last) = (None::<NaiveDate>, None::<NaiveDate>);
            for day in dates {
                first = Some(first.map_or(day, |f| f.min(day)));
                last = Some(last.map_or(day, |l| l.max(day)));
            }
            (first, last)
        })
    });
    let months = move || {
        let (first, last) = span.get();
        months_offered(first, last, default)
    };
    let fiscal_start = RwSignal::new(4u32);
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
            <select data-testid="report-period-kind" on:change=move |ev| set_kind(event_target_value(&ev))>
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
pub fn KpiSection(period: RwSignal<Period>) -> impl IntoView {
    let state = expect_project_state();
    let kpi = Memo::new(move |_| {
        let period = period.get();
        state.with_project(|p| kpi_summary(p, period))
    });
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
        <section class="koe-panel koe-report__section" data-testid="report-section" data-section="kpi">
            <h3>{move || state.texts().kpi_heading} " — " {move || period.get().label(state.lang())}</h3>
            <table class="koe-table" data-testid="chart-table" data-chart="kpi">
                <thead>
                    <tr>
                        <th scope="col"></th>
                        <th scope="col">{move || state.texts().kpi_columns[0]}</th>
                        <th scope="col">{move || state.texts().kpi_columns[1]}</th>
                        <th scope="col">{move || state.texts().kpi_columns[2]}</th>
                        <th scope="col">{move || state.texts().kpi_columns[3]}</th>
                    </tr>
                </thead>
                <tbody>
                    {move || kpi.with(|k| k.rows(state.lang())).into_iter().map(row).collect_view()}
                </tbody>
            </table>
            <p data-testid="kpi-response">
                {move || {
                    let k = kpi.get();
                    let rate = k.response.rate().map(|r| (r * 100.0).round() as u32);
                    format!(
                        "{} {}",
                        (state.texts().kpi_waiting)(k.waiting),
                        (state.texts().report_response)(k.response.needed, k.response.answered, rate, k.response.median_days)
                    )
                }}
            </p>
        </section>
    }
}

/// Exports of the period: print to PDF, and the period's comments as CSV; personal data is
/// masked unless the user turns masking off.
#[component]
pub fn ExportBar(period: RwSignal<Period>) -> impl IntoView {
    let state = expect_project_state();
    let masked = RwSignal::new(true);
    let failed = RwSignal::new(false);
    let export_csv = move |_| {
        let period = period.get_untracked();
        let privacy = if masked.get_untracked() {
            Privacy::default()
        } else {
            Privacy { mask_texts: false, hide_authors: false }
        };
        let bytes =
            state.with_project_untracked(|p| comments_csv(p, comments_in(p, &period), state.lang(), privacy));
        let name = format!("koe-comments-{}.csv", period.file_stem());
        failed.set(download(&name, "text/csv;charset=utf-8", &bytes).is_err());
    };
    let export_html = move |_| {
        let period = period.get_untracked();
        let lang = state.lang();
        let html = state
            .with_project_untracked(|p| report_html(&build_report(p, lang), &kpi_summary(p, period), lang));
        let name = format!("koe-report-{}.html", period.file_stem());
        failed.set(download(&name, "text/html;charset=utf-8", html.as_bytes()).is_err());
    };
    let print = move |_| {
        if let Some(window) = web_sys::window() {
            failed.set(window.print().is_err());
        }
    };
    view! {
        <div class="koe-exports koe-no-print" role="toolbar" aria-label=move || state.texts().export_heading>
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
            <button class="koe-button" data-testid="export-csv" on:click=export_csv>{move || state.texts().export_csv}</button>
            {move || failed.get().then(|| view! { <span class="koe-notice koe-notice--error" role="alert">{state.texts().download_failed}</span> })}
        </div>
    }
}
