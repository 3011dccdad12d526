use koe_core::report::{ChartModel, DataTable, Tested};
use leptos::prelude::*;

use crate::state::expect_project_state;

/// The numbers of a chart as a table: for screen readers, for print, and for checking. The
/// cells come from koe-core, the same as in every export.
#[component]
pub fn ChartTable(chart: Memo<Option<ChartModel>>) -> impl IntoView {
    let state = expect_project_state();
    move || {
        chart.with(|model| {
            let model = model.as_ref()?;
            let table = model.table(state.lang());
            let tested = model.tested.clone().unwrap_or_default();
            Some(view! {
                <div class="koe-table-scroll" tabindex="0" role="region" aria-label=model.title.clone()>
                    <table class="koe-table koe-chart-table" data-testid="chart-table" data-chart=model.id.clone()>
                        <caption class="koe-visually-hidden">{model.title.clone()}</caption>
                        {table_parts(table, &tested)}
                    </table>
                </div>
                {model.note.clone().map(|note| view! { <p class="koe-note">{note}</p> })}
            })
        })
    }
}

/// A data table's head and rows, the first cell of each row as its header; a row whose change
/// was tested says which tag it is and whether the change is significant; a cross-tab's count
/// cell says which two values it counts and whether it stands out (`data-mark` `high`/`low`).
pub fn table_parts(table: DataTable, tested: &[Tested]) -> impl IntoView + use<> {
    let mut head = table.head.into_iter();
    let corner = head.next().unwrap_or_default();
    let keys = table.keys;
    let rows = table
        .rows
        .into_iter()
        .enumerate()
        .map(|(index, row)| {
            let mut cells = row.into_iter().enumerate();
            let category = cells.next().map(|(_, c)| c).unwrap_or_default();
            let mark = tested.get(index);
            let cells = cells
                .map(|(position, cell)| {
                    let key = keys.iter().find(|k| k.row == index && k.cell == position);
                    view! {
                        <td
                            class="koe-num"
                            data-row=key.map(|k| k.row_value.clone())
                            data-column=key.map(|k| k.column_value.clone())
                            data-mark=key.and_then(|k| k.mark).map(|high| if high { "high" } else { "low" })
                        >
                            {cell}
                        </td>
                    }
                })
                .collect_view();
            view! {
                <tr data-tag=mark.map(|m| m.tag.clone()) data-significant=mark.map(|m| m.significant.to_string())>
                    <th scope="row">{category}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    view! {
        <thead>
            <tr>
                <th scope="col">{corner}</th>
                {head.map(|h| view! { <th scope="col" class="koe-num">{h}</th> }).collect_view()}
            </tr>
        </thead>
        <tbody>{rows}</tbody>
    }
}
