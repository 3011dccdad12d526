//! A chart's SVG (made by koe-core) turned into a PNG by the browser's own canvas, at twice
//! the size so it stays crisp in slides and documents. Nothing leaves the page.

use js_sys::{Promise, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// How much bigger than the SVG's own size the PNG is drawn.
pub const PNG_SCALE: f64 = 2.0;

/// The PNG bytes of an SVG `width` × `height` pixels, drawn at [`PNG_SCALE`] on white.
pub async fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let image = HtmlImageElement::new()?;
    let loaded = Promise::new(&mut |resolve, reject| {
        image.set_onload(Some(&resolve));
        image.set_onerror(Some(&reject));
    });
    let url = format!("data:image/svg+xml;charset=utf-8,{}", js_sys::encode_uri_component(svg));
    image.set_src(&url);
    JsFuture::from(loaded).await?;

    let canvas: HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    let scaled = |v: u32| (f64::from(v) * PNG_SCALE).round() as u32;
    canvas.set_width(scaled(width));
    canvas.set_height(scaled(height));
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or("no 2d context")?.unchecked_into();
    context.set_fill_style_str("#ffffff");
    context.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
    context.scale(PNG_SCALE, PNG_SCALE)?;
    context.draw_image_with_html_image_element_and_dw_and_dh(
        &image,
        0.0,
        0.0,
        f64::from(width),
        f64::from(height),
    )?;

    let blob = Promise::new(&mut |resolve, reject| {
        let callback = Closure::once_into_js(move |blob: JsValue| {
            let _ = if blob.is_null() {
                reject.call1(&JsValue::NULL, &"no PNG".into())
            } else {
                resolve.call1(&JsValue::NULL, &blob)
            };
        });
        if let Err(error) = canvas.to_blob(callback.unchecked_ref()) {
            leptos::logging::error!("PNG export failed: {error:?}");
        }
    });
    let blob: Blob = JsFuture::from(blob).await?.unchecked_into();
    let buffer = JsFuture::from(blob.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}
