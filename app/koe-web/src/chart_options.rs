//! Turning a report chart model into ECharts options (through charming).

use charming::Chart;
use charming::component::{Axis, Grid, Legend};
use charming::datatype::DataPointItem;
use charming::element::{AxisLabel, AxisType, ItemStyle, Tooltip, Trigger};
use charming::element::{Color, LineStyle};
use charming::series::{
    Bar, Graph, GraphCategory, GraphData, GraphLayout, GraphLink, GraphNode, GraphNodeLabel,
};
use koe_core::export::html::network_radius;
use koe_core::report::network::Network;
use koe_core::report::{ChartKind, ChartModel, PALETTE};

/// The ECharts options that draw a chart model, each tag in its own colour.
pub fn chart_options(model: &ChartModel) -> Chart {
    if let Some(network) = &model.network {
        return network_options(network);
    }
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
                let item = if model.percent_bars {
                    DataPointItem::new((model.bar_value(index, category) * 10.0).round() / 10.0)
                } else {
                    DataPointItem::new(i64::try_from(*value).unwrap_or(i64::MAX))
                };
                item.item_style(ItemStyle::new().color(model.bar_colour(index, category)))
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

/// A co-occurrence network as an ECharts graph at the positions koe-core laid out (the HTML
/// report draws the same picture), one category per community.
fn network_options(network: &Network) -> Chart {
    let largest = network.nodes.iter().map(|n| n.comments).max().unwrap_or(1).max(1) as f64;
    let nodes = network
        .nodes
        .iter()
        .map(|node| GraphNode {
            id: node.term.clone(),
            name: node.term.clone(),
            x: node.x * 1000.0,
            y: node.y * 700.0,
            value: node.comments as f64,
            category: node.community as u64,
            symbol_size: 2.0 * network_radius(node.comments, largest),
            label: Some(GraphNodeLabel::new().show(true).position("right").font_size(12)),
        })
        .collect();
    let word = |index: usize| network.nodes.get(index).map(|n| n.term.clone()).unwrap_or_default();
    let links = network
        .edges
        .iter()
        .map(|edge| GraphLink { source: word(edge.from), target: word(edge.to), value: Some(edge.jaccard) })
        .collect();
    let categories =
        (0..network.communities()).map(|c| GraphCategory { name: (c + 1).to_string() }).collect();
    Chart::new().color(PALETTE.iter().map(|c| Color::from(*c)).collect()).tooltip(Tooltip::new()).series(
        Graph::new()
            .layout(GraphLayout::None)
            .line_style(LineStyle::new().color("#8a96a3").width(1.5).opacity(0.7))
            .data(GraphData { nodes, links, categories }),
    )
}
