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

/// A chart drawn by ECharts from a chart model; redrawn when the model changes.
#[component]
pub fn ChartView(chart: Memo<Option<ChartModel>>) -> impl IntoView {
    let container = NodeRef::<leptos::html::Div>::new();
    let ready = echarts_ready();
    let dom_id = move || chart.with(|c| c.as_ref().map(|c| format!("koe-chart-{}", c.id)));
    Effect::new(move |_| {
        let Some(element) = container.get() else {
            return;
        };
        if !ready.get() {
            return;
        }
        chart.with(|model| {
            let Some(model) = model else { return };
            let _timing = Measure::start("koe:chart-draw");
            dispose_chart(&element);
            let width =
                u32::try_from(element.client_width()).ok().filter(|w| *w > 0).unwrap_or(FALLBACK_WIDTH);
            let id = format!("koe-chart-{}", model.id);
            if let Err(error) = WasmRenderer::new(width, CHART_HEIGHT).render(&id, &chart_options(model)) {
                leptos::logging::error!("chart {id} could not be drawn: {error:?}");
            }
        });
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
