//! Turning a report chart model into ECharts options (through charming).

use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::element::{AxisLabel, AxisType, Tooltip, Trigger};
use charming::series::Bar;
use koe_core::report::{ChartKind, ChartModel};

/// The ECharts options that draw a chart model.
pub fn chart_options(model: &ChartModel) -> Chart {
    let stacked = model.kind == ChartKind::StackedBar;
    let mut chart = Chart::new()
        .animation_duration(300)
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(Grid::new().left(48).right(24).top(if stacked { 56 } else { 24 }).bottom(72))
        .x_axis(
            Axis::new()
                .type_(AxisType::Category)
                .data(model.categories.clone())
                .axis_label(AxisLabel::new().rotate(if stacked { 0 } else { 40 }).interval(0)),
        )
        .y_axis(Axis::new().type_(AxisType::Value).min_interval(1));
    if stacked {
        chart = chart.legend(Legend::new().top(8));
    }
    for series in &model.series {
        let values: Vec<i64> = series.values.iter().map(|v| i64::try_from(*v).unwrap_or(i64::MAX)).collect();
        let mut bar = Bar::new().name(series.name.clone()).data(values);
        if stacked {
            bar = bar.stack("total");
        }
        chart = chart.series(bar);
    }
    chart
}
