//! The page around the app: its language and what the browser says about the user.

use koe_core::Lang;

/// Sets `<html lang>` so the browser (and ECharts) pick Japanese glyphs for kanji.
pub fn set_document_lang(lang: Lang) {
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element());
    if let Some(root) = root {
        root.set_attribute("lang", lang.code()).ok();
    }
}

/// The language the browser prefers, Japanese when it prefers neither of Koe's.
pub fn browser_lang() -> Lang {
    web_sys::window()
        .and_then(|w| w.navigator().language())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}
