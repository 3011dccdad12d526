use charming::WasmRenderer;
use koe_core::report::ChartModel;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::chart_options::chart_options;
use crate::io::echarts::echarts_ready;
use crate::io::timing::Measure;

#[wasm_bindgen]
extern "C" {
    /// ECharts' own clean-up, so a redrawn chart does not keep the old one's series.
    #[wasm_bindgen(js_namespace = echarts, js_name = dispose)]
    fn dispose_chart(element: &web_sys::Element);
}

/// Height of every chart, in CSS pixels.
const CHART_HEIGHT: u32 = 360;
/// Width used when the container has not been laid out yet.
const FALLBACK_WIDTH: u32 = 800;

/// Draws the chart's current model into its container, if both are still there.
fn draw(container: NodeRef<leptos::html::Div>, chart: Memo<Option<ChartModel>>) {
    let Some(element) = container.get_untracked() else { return };
    chart.with_untracked(|model| {
        let Some(model) = model else { return };
        let _timing = Measure::start("koe:chart-draw");
        dispose_chart(&element);
        let width = u32::try_from(element.client_width()).ok().filter(|w| *w > 0).unwrap_or(FALLBACK_WIDTH);
        let id = format!("koe-chart-{}", model.id);
        if let Err(error) = WasmRenderer::new(width, CHART_HEIGHT).render(&id, &chart_options(model)) {
            leptos::logging::error!("chart {id} could not be drawn: {error:?}");
        }
    });
}

/// A chart drawn by ECharts from a chart model; redrawn when the model changes.
#[component]
pub fn ChartView(chart: Memo<Option<ChartModel>>) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let ready = echarts_ready();
    let dom_id = move || chart.with(|c| c.as_ref().map(|c| format!("koe-chart-{}", c.id)));
    // Which drawing is the latest: one asked for before a newer one is dropped.
    let latest = StoredValue::new(0_u64);
    Effect::new(move |_| {
        if container.get().is_none() || !ready.get() {
            return;
        }
        chart.track();
        let this = latest.with_value(|n| n + 1);
        latest.set_value(this);
        // Each chart is drawn in a task of its own: the report's text and tables show first,
        // and a report's charts are several short tasks instead of one long one.
        set_timeout(
            move || {
                if latest.try_with_value(|n| *n == this) == Some(true) {
                    draw(container, chart);
                }
            },
            std::time::Duration::ZERO,
        );
    });
    view! {
        <div
            class="koe-chart"
            id=dom_id
            node_ref=container
            data-testid="chart"
            data-chart=move || chart.with(|c| c.as_ref().map(|c| c.id.clone()))
            role="img"
            aria-label=move || chart.with(|c| c.as_ref().map(|c| c.title.clone()))
        ></div>
    }
}
