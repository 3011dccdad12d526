use koe_core::export::aggregate::{Aggregate, aggregate, aggregate_json, compare, read_aggregate};
use koe_core::project::team_texts::team_texts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::io::download::download;
use crate::io::file_read::{files_of, read_file};
use crate::state::expect_project_state;
use crate::state::report::expect_report;

/// Counts only, for comparing companies: the file of this period's counts, previewed whole
/// before it is saved, and other companies' files compared with this project, tag by tag, with
/// the group's median and range.
#[component]
pub fn CompanyComparison() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let t = move || team_texts(state.lang());
    let label = RwSignal::new(String::new());
    let previewing = RwSignal::new(false);
    let others = RwSignal::new(Vec::<Aggregate>::new());
    let problems = RwSignal::new(Vec::<String>::new());
    let own = Memo::new(move |_| {
        let name = label.get();
        let name = if name.trim().is_empty() { t().own_company.to_owned() } else { name };
        let period = context.period.get();
        state.with_project(|p| aggregate(p, &period, &name))
    });
    let json = Memo::new(move |_| own.with(aggregate_json));
    let save = move |_| {
        let file = format!("koe-counts-{}.json", context.period.get_untracked().file_stem());
        let _ = download(&file, "application/json", json.get_untracked().as_bytes());
    };
    let on_files = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            let mut read = Vec::new();
            let mut failed = Vec::new();
            for file in files {
                let name = file.name();
                match read_file(file).await {
                    Ok(chosen) => match read_aggregate(&chosen.bytes) {
                        Ok(aggregate) => read.push(aggregate),
                        Err(error) => failed.push(error.message(&chosen.name, state.lang_untracked())),
                    },
                    Err(_) => failed.push((state.texts().file_unreadable)(&name)),
                }
            }
            others.update(|list| list.extend(read));
            problems.set(failed);
        });
    };
    let percent = |v: Option<f64>| v.map_or("—".to_owned(), |v| format!("{:.1}%", v * 100.0));
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
            </div>
            {move || previewing.get().then(|| view! {
                <div class="koe-compare__preview koe-no-print">
                    <p class="koe-note">{t().preview_hint}</p>
                    <pre data-testid="aggregate-preview">{move || json.get()}</pre>
                    <button class="koe-button koe-button--primary" data-testid="aggregate-save" on:click=save>{t().save_counts}</button>
                </div>
            })}
            <div aria-live="polite">
                {move || problems.get().into_iter().map(|p| view! { <p class="koe-notice koe-notice--error" role="alert">{p}</p> }).collect_view()}
            </div>
            {move || {
                let loaded = others.get();
                if loaded.is_empty() {
                    return None;
                }
                let mut all = vec![own.get()];
                all.extend(loaded);
                let t = t();
                let companies = all.len();
                let months: Vec<String> = {
                    let mut m: Vec<String> = all.iter().flat_map(|a| a.months.iter().map(|m| m.month.clone())).collect();
                    m.sort();
                    m.dedup();
                    m
                };
                let month_rows = all
                    .iter()
                    .map(|a| {
                        let cells = months
                            .iter()
                            .map(|month| {
                                let n = a.months.iter().find(|m| &m.month == month).map_or(0, |m| m.comments);
                                view! { <td class="koe-num">{n}</td> }
                            })
                            .collect_view();
                        view! { <tr><th scope="row">{a.label.clone()}</th>{cells}</tr> }
                    })
                    .collect_view();
                let tables = compare(&all)
                    .into_iter()
                    .map(|group| {
                        let rows = group
                            .tags
                            .iter()
                            .enumerate()
                            .map(|(index, tag)| {
                                let range = group.range(index).map_or("—".to_owned(), |(lo, hi)| format!("{}–{}", percent(Some(lo)), percent(Some(hi))));
                                view! {
                                    <tr data-tag=tag.clone()>
                                        <th scope="row">{tag.clone()}</th>
                                        {group.shares[index].iter().map(|s| view! { <td class="koe-num">{percent(*s)}</td> }).collect_view()}
                                        <td class="koe-num" data-testid="comparison-median">{percent(group.median(index))}</td>
                                        <td class="koe-num">{range}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        view! {
                            <table class="koe-table" data-testid="comparison-table" data-group=group.group.clone()>
                                <caption>{(t.compare_group)(&group.group)}</caption>
                                <thead>
                                    <tr>
                                        <th scope="col"></th>
                                        {group.companies.iter().map(|c| view! { <th scope="col">{c.clone()}</th> }).collect_view()}
                                        {t.compare_columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                                    </tr>
                                </thead>
                                <tbody>{rows}</tbody>
                            </table>
                        }
                    })
                    .collect_view();
                Some(view! {
                    {tables}
                    <table class="koe-table" data-testid="comparison-months">
                        <caption>{t.compare_months}</caption>
                        <thead><tr><th scope="col"></th>{months.iter().map(|m| view! { <th scope="col">{m.clone()}</th> }).collect_view()}</tr></thead>
                        <tbody>{month_rows}</tbody>
                    </table>
                    <p class="koe-note">{(t.compare_note)(companies)}</p>
                })
            }}
        </section>
    }
}
