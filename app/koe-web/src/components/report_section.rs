use koe_core::export::html::{CHART_SVG_WIDTH, chart_svg, chart_svg_height};
use koe_core::project::layout::MAX_NETWORK_EDGES;
use koe_core::report::SectionKind;
use koe_core::report::{ChartModel, Quote, SectionBody, SectionModel};
use leptos::prelude::*;

use super::chart_table::table_parts;
use super::report_controls::KpiTable;
use super::report_summary::SummaryView;
use super::{ChartTable, ChartView, TermButtons};
use crate::io::chart_image::svg_to_png;
use crate::io::download::download;
use crate::state::expect_project_state;
use crate::state::report::{ReportContext, expect_report};

/// One section of the report: its title, figures and commentary, with the controls that edit
/// it (hidden in print).
#[component]
pub fn ReportSection(id: String) -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let model = {
        let id = id.clone();
        Memo::new(move |_| context.report.with(|r| r.section(&id).cloned()))
    };
    let chart = Memo::new(move |_| {
        model.with(|m| match m.as_ref().map(|m| &m.body) {
            Some(SectionBody::Chart(chart)) => Some(chart.clone()),
            _ => None,
        })
    });
    // A long data table prints in the appendix; on screen it stays under its chart.
    let appendix_number = {
        let id = id.clone();
        Memo::new(move |_| context.report.with(|r| r.appendix_number(&id)))
    };
    let body = move || {
        model.with(|m| {
            let m = m.as_ref()?;
            Some(match &m.body {
                SectionBody::Kpi(_) => view! { <KpiTable section=model /> }.into_any(),
                SectionBody::Chart(chart_model) => view! {
                    <ChartView chart />
                    {(m.kind == SectionKind::Terms)
                        .then(|| view! { <TermButtons words=chart_model.categories.clone() /> })}
                    {match m.kind {
                        SectionKind::Cooccurrence(edges) => {
                            Some(view! { <NetworkEdges id=m.id.clone() edges /> })
                        }
                        _ => None,
                    }}
                    <div class:koe-report__long-table=move || appendix_number.get().is_some()>
                        <ChartTable chart />
                    </div>
                    {move || {
                        appendix_number.get().map(|n| {
                            view! { <p class="koe-print-only koe-note">{(state.texts().report.table_in_appendix)(n)}</p> }
                        })
                    }}
                    <ChartExports chart />
                }
                .into_any(),
                SectionBody::Empty(line) => {
                    view! { <p class="koe-note koe-report__empty" data-testid="section-empty">{line.clone()}</p> }
                        .into_any()
                }
                SectionBody::Quotes { quotes, outside } => {
                    let r = state.texts().report;
                    view! {
                        {quotes.is_empty().then(|| view! { <p class="koe-note">{r.no_quotes}</p> })}
                        <ul class="koe-quotes" data-testid="report-quotes">
                            {quotes.iter().map(quote_item).collect_view()}
                        </ul>
                        {(*outside > 0).then(|| view! { <p class="koe-note">{(r.quotes_outside)(*outside)}</p> })}
                    }
                    .into_any()
                }
                SectionBody::Appendix { rows, total } => appendix(rows, *total, state.texts().report).into_any(),
                SectionBody::Text => ().into_any(),
                SectionBody::MissingGroup => {
                    view! { <p class="koe-notice koe-notice--error">{state.texts().report.missing_group}</p> }.into_any()
                }
                SectionBody::Summary(summary) => view! { <SummaryView summary=summary.clone() /> }.into_any(),
            })
        })
    };
    let title = move || model.with(|m| m.as_ref().map(|m| m.title.clone()).unwrap_or_default());
    let commentary = move || model.with(|m| m.as_ref().map(|m| m.commentary.clone()).unwrap_or_default());
    view! {
        <section
            class="koe-panel koe-report__section"
            id=format!("section-{id}")
            data-testid="report-section"
            data-section=id.clone()
        >
            <h3>{title}</h3>
            <SectionEditor id=id.clone() />
            {body}
            <CommentaryField id=id.clone() />
            <p class="koe-print-only koe-report__commentary">{commentary}</p>
        </section>
    }
}

fn quote_item(quote: &Quote) -> impl IntoView + use<> {
    view! {
        <li class="koe-quote" data-testid="report-quote">
            <blockquote>{quote.text.clone()}</blockquote>
            <p class="koe-note">{quote.date.clone()} " " {quote.channel.clone()}</p>
        </li>
    }
}

fn appendix(
    rows: &[Quote],
    total: usize,
    r: &'static koe_core::report::texts::ReportTexts,
) -> impl IntoView + use<> {
    let rows = rows
        .iter()
        .map(|q| {
            view! {
                <tr>
                    <td>{q.date.clone()}</td>
                    <td>{q.channel.clone()}</td>
                    <td class="koe-appendix__text">{q.text.clone()}</td>
                    <td>{q.tags.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let shown = total.min(koe_core::report::APPENDIX_ROWS);
    view! {
        <div class="koe-table-scroll" tabindex="0" role="region" aria-label=r.appendix_columns.join(" / ")>
            <table class="koe-table koe-appendix" data-testid="report-appendix">
                <thead>
                    <tr>{r.appendix_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(shown < total).then(|| view! { <p class="koe-note">{(r.appendix_cut)(shown, total)}</p> })}
    }
}

/// The section's own controls: title, commentary, move, remove; for the terms section the
/// word lists too.
#[component]
fn SectionEditor(id: String) -> impl IntoView {
    let state = expect_project_state();
    let stored = {
        let id = id.clone();
        move || state.with_project(|p| p.report().section(&id).cloned())
    };
    let is_terms = {
        let stored = stored.clone();
        move || stored().is_some_and(|s| s.kind == SectionKind::Terms)
    };
    let default_title = {
        let context = expect_report();
        let id = id.clone();
        move || {
            context
                .report
                .with(|r| r.section(&id).map(|s: &SectionModel| s.title.clone()).unwrap_or_default())
        }
    };
    let id_title = id.clone();
    let stored_title = stored.clone();
    let set_title = move |title: String| {
        let commentary = stored_title().map(|s| s.commentary).unwrap_or_default();
        ReportContext::edit_layout(state, |l| l.with_text(&id_title, &title, &commentary));
    };
    let (id_up, id_down, id_remove) = (id.clone(), id.clone(), id.clone());
    let r = move || state.texts().report;
    let stored_for_title = stored.clone();
    view! {
        <div class="koe-section-editor koe-no-print">
            <label>
                <span class="koe-visually-hidden">{move || r().title_label}</span>
                <input
                    type="text"
                    data-testid="section-title"
                    placeholder=default_title
                    prop:value=move || stored_for_title().map(|s| s.title).unwrap_or_default()
                    on:change=move |ev| set_title(event_target_value(&ev))
                />
            </label>
            <span class="koe-section-editor__buttons">
                <button class="koe-button" data-testid="section-up" on:click=move |_| ReportContext::edit_layout(state, |l| l.moved(&id_up, true))>
                    {move || r().move_up}
                </button>
                <button class="koe-button" data-testid="section-down" on:click=move |_| ReportContext::edit_layout(state, |l| l.moved(&id_down, false))>
                    {move || r().move_down}
                </button>
                <button class="koe-button" data-testid="section-remove" on:click=move |_| ReportContext::edit_layout(state, |l| l.without_section(&id_remove))>
                    {move || r().remove_section}
                </button>
            </span>
            {move || is_terms().then(|| view! { <WordLists /> })}
        </div>
    }
}

/// The author's commentary on a section, under its figures (printed as text, not as a field).
#[component]
fn CommentaryField(id: String) -> impl IntoView {
    let state = expect_project_state();
    let stored = {
        let id = id.clone();
        move || state.with_project(|p| p.report().section(&id).cloned())
    };
    let current = stored.clone();
    let set_commentary = move |commentary: String| {
        let title = stored().map(|s| s.title).unwrap_or_default();
        ReportContext::edit_layout(state, |l| l.with_text(&id, &title, &commentary));
    };
    view! {
        <label class="koe-section-editor koe-section-editor__commentary koe-no-print">
            <span class="koe-visually-hidden">{move || state.texts().report.commentary_label}</span>
            <textarea
                data-testid="section-commentary"
                rows="2"
                placeholder=move || state.texts().report.commentary_placeholder
                prop:value=move || current().map(|s| s.commentary).unwrap_or_default()
                on:change=move |ev| set_commentary(event_target_value(&ev))
            ></textarea>
        </label>
    }
}

/// The long data tables of the report, printed after the last section (the screen shows
/// them under their charts).
#[component]
pub fn PrintAppendix() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    move || {
        context.report.with(|report| {
            let tables = report.long_tables();
            (!tables.is_empty()).then(|| {
                let r = state.texts().report;
                let items = tables
                    .into_iter()
                    .enumerate()
                    .map(|(index, (section, table))| {
                        view! {
                            <h3>{format!("{}. {}", index + 1, section.title)}</h3>
                            <table class="koe-table">{table_parts(table, &[])}</table>
                        }
                    })
                    .collect_view();
                view! {
                    <section class="koe-print-only koe-report__appendix">
                        <h2>{r.tables_appendix}</h2>
                        {items}
                    </section>
                }
            })
        })
    }
}

/// The synonym and stop-word lists of the frequent-terms section.
#[component]
fn WordLists() -> impl IntoView {
    let state = expect_project_state();
    let r = move || state.texts().report;
    view! {
        <label class="koe-section-editor__words">
            {move || r().synonyms_label}
            <textarea
                data-testid="report-synonyms"
                rows="3"
                prop:value=move || state.with_project(|p| p.report().synonyms.clone())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    ReportContext::edit_layout(state, |l| koe_core::report::ReportLayout { synonyms: text, ..l.clone() });
                }
            ></textarea>
        </label>
        <label class="koe-section-editor__words">
            {move || r().stop_words_label}
            <textarea
                data-testid="report-stop-words"
                rows="3"
                prop:value=move || state.with_project(|p| p.report().stop_words.clone())
                on:change=move |ev| {
                    let text = event_target_value(&ev);
                    ReportContext::edit_layout(state, |l| koe_core::report::ReportLayout { stop_words: text, ..l.clone() });
                }
            ></textarea>
        </label>
    }
}

/// Saves a chart as SVG, or as PNG at twice its size, named for the chart and the period.
#[component]
fn ChartExports(chart: Memo<Option<ChartModel>>) -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let failed = RwSignal::new(false);
    let name = move |extension: &str| {
        let id = chart.with_untracked(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
        format!("koe-chart-{id}-{}.{extension}", context.period.get_untracked().file_stem())
    };
    let save_svg = move |_| {
        let Some(svg) = chart.with_untracked(|c| c.as_ref().map(chart_svg)) else { return };
        failed.set(download(&name("svg"), "image/svg+xml", svg.as_bytes()).is_err());
    };
    let save_png = move |_| {
        let Some((svg, height)) =
            chart.with_untracked(|c| c.as_ref().map(|c| (chart_svg(c), chart_svg_height(c))))
        else {
            return;
        };
        let file = name("png");
        leptos::task::spawn_local(async move {
            let saved = match svg_to_png(&svg, CHART_SVG_WIDTH, height).await {
                Ok(png) => download(&file, "image/png", &png).is_ok(),
                Err(_) => false,
            };
            failed.set(!saved);
        });
    };
    view! {
        <div class="koe-chart-exports koe-no-print">
            <button class="koe-button" data-testid="export-svg" on:click=save_svg>{move || state.texts().report.export_svg}</button>
            <button class="koe-button" data-testid="export-png" on:click=save_png>{move || state.texts().report.export_png}</button>
            {move || failed.get().then(|| view! { <span class="koe-notice koe-notice--error" role="alert">{state.texts().download_failed}</span> })}
        </div>
    }
}

/// The slider of how many links a co-occurrence network shows; each release is one undoable
/// layout edit.
#[component]
fn NetworkEdges(id: String, edges: u32) -> impl IntoView {
    let state = expect_project_state();
    let shown = RwSignal::new(edges);
    let r = move || state.texts().report;
    let set = move |value: String| {
        let Ok(edges) = value.parse::<u32>() else { return };
        let edges = edges.clamp(1, MAX_NETWORK_EDGES);
        ReportContext::edit_layout(state, |l| l.with_kind(&id, SectionKind::Cooccurrence(edges)));
    };
    view! {
        <label class="koe-network-edges koe-no-print">
            {move || r().network_edges_label}
            <input
                type="range"
                data-testid="network-edges"
                min="1"
                max=MAX_NETWORK_EDGES.to_string()
                prop:value=move || shown.get().to_string()
                on:input=move |ev| shown.set(event_target_value(&ev).parse().unwrap_or(edges))
                on:change=move |ev| set(event_target_value(&ev))
            />
            <output>{move || shown.get()}</output>
        </label>
    }
}
