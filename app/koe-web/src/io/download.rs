//! Saving bytes the app made (a codebook, an export) as a file in the user's downloads.

use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, Url};

/// Offers `bytes` as a download named `file`; the data never leaves the browser.
pub fn download(file: &str, mime: &str, bytes: &[u8]) -> Result<(), wasm_bindgen::JsValue> {
    let blob = super::blob::blob_of(bytes, Some(mime))?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file);
    link.click();
    Url::revoke_object_url(&url)?;
    Ok(())
}
