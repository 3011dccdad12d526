//! Turning a report chart model into ECharts options (through charming).

use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, ItemStyle, Tooltip, Trigger};
use charming::series::Bar;
use koe_core::report::{ChartKind, ChartModel};

/// The ECharts options that draw a chart model, each tag in its own colour.
pub fn chart_options(model: &ChartModel) -> Chart {
    let stacked = model.kind == ChartKind::StackedBar;
    let legend = model.series.len() > 1;
    let long_labels = model.categories.iter().any(|c| c.chars().count() > 4) || model.categories.len() > 12;
    let mut chart = Chart::new()
        .animation_duration(300)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(48).right(24).top(if legend { 56 } else { 24 }).bottom(80))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(model.categories.clone())
                .axis_label(AxisLabel::new().rotate(if long_labels { 40 } else { 0 })),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min_interval(1));
    if legend {
        chart = chart.legend(Legend::new().top(8));
    }
    for (index, series) in model.series.iter().enumerate() {
        let points: Vec<DataPointItem> = series
            .values
            .iter()
            .enumerate()
            .map(|(category, value)| {
                let value = i64::try_from(*value).unwrap_or(i64::MAX);
                DataPointItem::new(value)
                    .item_style(ItemStyle::new().color(model.bar_colour(index, category)))
            })
            .collect();
        let mut bar = Bar::new()
            .name(series.name.clone())
            .item_style(ItemStyle::new().color(model.bar_colour(index, usize::MAX)))
            .data(points);
        if stacked {
            bar = bar.stack("total");
        }
        chart = chart.series(bar);
    }
    chart
}
