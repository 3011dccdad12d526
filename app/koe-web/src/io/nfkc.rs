//! NFKC by the browser (`String.prototype.normalize`), for koe-core's matching form: the page
//! is built without Unicode's tables (about 60 KB of its gzip download). The page normalises
//! only what is typed in it (a search, keywords, stop words, synonyms) and the odd character
//! of a quote being marked; comments come from the worker normalised already.

/// The text in NFKC, as the browser's Unicode tables have it.
fn browser_nfkc(text: &str) -> String {
    js_sys::JsString::from(text).normalize("NFKC").into()
}

/// Makes koe-core normalise with the browser's NFKC (a build with its own tables keeps them).
pub fn use_browser_nfkc() {
    koe_core::text::normalize::use_outside_nfkc(browser_nfkc);
}
