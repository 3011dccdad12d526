//! JSON written and read with the browser's own `JSON`, through `serde-wasm-bindgen`: the
//! page writes and reads only small JSON texts (a stored project's metadata, the comparison
//! file's preview), and serde_json for them would be about 30 KB of its gzip download. The
//! texts are those serde_json writes (a test checks the comparison file against koe-core's).

use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// `value` as JSON, indented by `indent` spaces per level when given (as serde_json's pretty
/// printer does with 2); `None` for a value JSON cannot hold.
pub fn to_json<T: Serialize>(value: &T, indent: Option<u32>) -> Option<String> {
    // Maps as plain objects and 64-bit numbers as numbers: what JSON has.
    let value = value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).ok()?;
    let text = match indent {
        Some(spaces) => {
            js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &spaces.into())
        }
        None => js_sys::JSON::stringify(&value),
    };
    text.ok()?.as_string()
}

/// A JSON text read back; `None` when it is not JSON or not of this shape.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Option<T> {
    let value = js_sys::JSON::parse(text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}
