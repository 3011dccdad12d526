use koe_core::report::ChartModel;
use leptos::prelude::*;

use crate::state::expect_project_state;

/// The numbers of a chart as a table: for screen readers, for print, and for checking.
#[component]
pub fn ChartTable(chart: Memo<Option<ChartModel>>) -> impl IntoView {
    let state = expect_project_state();
    move || {
        chart.with(|model| {
            let model = model.as_ref()?;
            let totals = model.category_totals();
            let show_total = model.series.len() > 1;
            let rows = model
                .categories
                .iter()
                .enumerate()
                .map(|(index, category)| {
                    view! {
                        <tr>
                            <th scope="row">{category.clone()}</th>
                            {model
                                .series
                                .iter()
                                .map(|s| view! { <td class="koe-num">{s.values.get(index).copied().unwrap_or(0)}</td> })
                                .collect_view()}
                            {show_total.then(|| view! { <td class="koe-num koe-total">{totals[index]}</td> })}
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <div class="koe-table-scroll">
                    <table class="koe-table koe-chart-table" data-testid="chart-table" data-chart=model.id>
                        <caption class="koe-visually-hidden">{model.title.clone()}</caption>
                        <thead>
                            <tr>
                                <th scope="col">{model.category_label.clone()}</th>
                                {model.series.iter().map(|s| view! { <th scope="col" class="koe-num">{s.name.clone()}</th> }).collect_view()}
                                {show_total.then(|| view! { <th scope="col" class="koe-num">{move || state.texts().table_total}</th> })}
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {model.note.clone().map(|note| view! { <p class="koe-note">{note}</p> })}
            })
        })
    }
}
