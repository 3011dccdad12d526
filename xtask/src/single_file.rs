//! The offline single file `dist/koe.html`: the built page with its stylesheet, icon, ECharts,
//! JS glue and wasm inlined, so it runs opened from disk (file://) with no network at all.
//!
//! Its policy allows no origin (`connect-src 'none'`): only the inline scripts, by hash. The
//! import worker's code and wasm ride along in a data block (`<script type="text/koe-worker">`,
//! never run as a script); the page starts the worker from that text as a Blob
//! (`worker-src blob:`), so import runs off the page's thread here too.

use std::path::Path;

use base64::Engine;

use crate::csp::inline_script_hashes;
use crate::run::Fail;

/// The single file's name in the dist folder.
pub const FILE_NAME: &str = "koe.html";

fn read_text(dist: &Path, name: &str) -> Result<String, Fail> {
    std::fs::read_to_string(dist.join(name)).map_err(|e| Fail::new(format!("single file: {name}: {e}")))
}

/// The quoted value after `attribute="` in `tag`.
fn attribute<'a>(tag: &'a str, attribute: &str) -> Option<&'a str> {
    let start = tag.find(&format!("{attribute}=\""))? + attribute.len() + 2;
    tag[start..].split('"').next()
}

/// Every tag `<name …>` of the page, as written.
fn tags<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let open = format!("<{name} ");
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let Some(end) = rest[start..].find('>') else { break };
        found.push(&rest[start..start + end + 1]);
        rest = &rest[start + end + 1..];
    }
    found
}

/// The file a page URL names (`/koe/x.js` → `x.js`).
fn file_of(url: &str) -> &str {
    url.rsplit('/').next().unwrap_or(url)
}

/// The policy of the single file: nothing from anywhere, inline scripts by hash.
pub fn policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    [
        "default-src 'none'".to_owned(),
        format!("script-src 'wasm-unsafe-eval'{hashes}"),
        "style-src 'unsafe-inline'".to_owned(),
        "img-src data: blob:".to_owned(),
        "font-src data:".to_owned(),
        "connect-src 'none'".to_owned(),
        "worker-src blob:".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'none'".to_owned(),
        "form-action 'none'".to_owned(),
    ]
    .join("; ")
}

/// The element id the page looks for (`koe-web`'s `io::import_worker::EMBEDDED_WORKER_ID`).
const WORKER_ELEMENT_ID: &str = "koe-import-worker";
/// The import worker's JS glue and wasm as Trunk writes them (`data-type="worker"`).
const WORKER_GLUE: &str = "koe-import-worker.js";
const WORKER_WASM: &str = "koe-import-worker_bg.wasm";

/// The worker's code as one script: its glue, then its start with the wasm as bytes.
fn embedded_worker(dist: &Path) -> Result<String, Fail> {
    let glue = read_text(dist, WORKER_GLUE)?;
    let wasm = std::fs::read(dist.join(WORKER_WASM))
        .map_err(|e| Fail::new(format!("single file: {WORKER_WASM}: {e}")))?;
    if glue.contains("</script") {
        return Err(Fail::new(format!("single file: {WORKER_GLUE} contains </script and cannot be inlined")));
    }
    let wasm = base64::engine::general_purpose::STANDARD.encode(wasm);
    Ok(format!(
        "<script type=\"text/koe-worker\" id=\"{WORKER_ELEMENT_ID}\">{glue}\n\
         wasm_bindgen({{ module_or_path: Uint8Array.from(atob('{wasm}'), (c) => c.charCodeAt(0)) }});</script>"
    ))
}

/// ECharts as the build copies it (index.html, `rel="copy-file"`); the app loads it lazily.
const LAZY_ECHARTS: &str = "echarts.min.js";

/// A classic script's code as an inline `<script>`.
fn inline_script(dist: &Path, file: &str) -> Result<String, Fail> {
    let code = read_text(dist, file)?;
    if code.contains("</script") {
        return Err(Fail::new(format!("single file: {file} contains </script and cannot be inlined")));
    }
    Ok(format!("<script>{code}</script>"))
}

/// Builds `dist/koe.html` from the built `dist/index.html` and its files.
pub fn build(dist: &Path) -> Result<(), Fail> {
    let page = read_text(dist, "index.html")?;
    let mut html = page.clone();
    let base64 = base64::engine::general_purpose::STANDARD;

    // The stylesheet inline, the icon as a data URL, preloads dropped.
    for link in tags(&page, "link") {
        let href = attribute(link, "href").unwrap_or_default();
        let replacement = match attribute(link, "rel") {
            Some("stylesheet") => format!("<style>{}</style>", read_text(dist, file_of(href))?),
            Some("icon") => {
                let bytes = std::fs::read(dist.join(file_of(href)))
                    .map_err(|e| Fail::new(format!("single file: icon: {e}")))?;
                format!(r#"<link rel="icon" href="data:image/svg+xml;base64,{}">"#, base64.encode(bytes))
            }
            _ => String::new(),
        };
        html = html.replacen(link, &replacement, 1);
    }

    // Classic scripts inline.
    for script in tags(&page, "script").into_iter().filter(|s| s.contains(" src=")) {
        let src = attribute(script, "src").unwrap_or_default();
        html = html.replacen(&format!("{script}</script>"), &inline_script(dist, file_of(src))?, 1);
    }
    // ECharts, which the hosted app loads when a chart is first drawn, is there from the start.
    let module_tag = "<script type=\"module\">";
    let at = html.find(module_tag).ok_or_else(|| Fail::new("single file: no module script"))?;
    html.insert_str(at, &inline_script(dist, LAZY_ECHARTS)?);
    // The import worker's code, which the page starts as a Blob.
    let at = html.find(module_tag).ok_or_else(|| Fail::new("single file: no module script"))?;
    html.insert_str(at, &embedded_worker(dist)?);

    // The module that starts the app: the glue inline, the wasm handed over as bytes.
    let glue_url = page
        .split("from '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .ok_or_else(|| Fail::new("single file: no module import of the JS glue in index.html"))?;
    let wasm_url = page
        .split("module_or_path: '")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .ok_or_else(|| Fail::new("single file: no wasm path in index.html"))?;
    let glue = read_text(dist, file_of(glue_url))?;
    let wasm = std::fs::read(dist.join(file_of(wasm_url)))
        .map_err(|e| Fail::new(format!("single file: wasm: {e}")))?;
    let start = "<script type=\"module\">";
    let module_start = html.find(start).ok_or_else(|| Fail::new("single file: no module script"))?;
    let module_end = html[module_start..]
        .find("</script>")
        .map(|e| module_start + e + "</script>".len())
        .ok_or_else(|| Fail::new("single file: unclosed module script"))?;
    let module = format!(
        "{start}\n{glue}\nconst koeWasm = Uint8Array.from(atob('{}'), (c) => c.charCodeAt(0));\nawait __wbg_init({{ module_or_path: koeWasm }});\n</script>",
        base64.encode(wasm)
    );
    html.replace_range(module_start..module_end, &module);

    // The policy: replace the hosted one.
    let meta_start = html
        .find("<meta http-equiv=\"Content-Security-Policy\"")
        .ok_or_else(|| Fail::new("single file: no CSP meta"))?;
    let meta_end = html[meta_start..]
        .find("/>")
        .map(|e| meta_start + e + 2)
        .ok_or_else(|| Fail::new("single file: unclosed CSP meta"))?;
    let hashes = inline_script_hashes(&html);
    html.replace_range(
        meta_start..meta_end,
        &format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\" />", policy(&hashes)),
    );
    std::fs::write(dist.join(FILE_NAME), html).map_err(|e| Fail::new(format!("single file: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_page_becomes_one_file_with_a_closed_policy() {
        let dist = std::env::temp_dir().join(format!("koe-single-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("dir");
        let files = [
            ("app-1.css", "body{color:red}"),
            ("icon-1.svg", "<svg/>"),
            ("echarts.min.js", "var echarts={};"),
            ("koe-web-1.js", "async function __wbg_init(m){}\nexport { __wbg_init as default };"),
            (WORKER_GLUE, "let wasm_bindgen = (function(){})();"),
        ];
        for (name, text) in files {
            std::fs::write(dist.join(name), text).expect("file");
        }
        std::fs::write(dist.join("koe-web-1_bg.wasm"), b"\0asm").expect("wasm");
        std::fs::write(dist.join(WORKER_WASM), b"\0asm\x01").expect("worker wasm");
        let index = r#"<html><head><meta http-equiv="Content-Security-Policy" content="default-src 'self'" />
<link rel="stylesheet" href="/app-1.css" integrity="x"/><link rel="icon" href="/icon-1.svg"/>
<script type="module">
import init, * as bindings from '/koe-web-1.js';
const wasm = await init({ module_or_path: '/koe-web-1_bg.wasm' });
</script><link rel="modulepreload" href="/koe-web-1.js"></head><body></body></html>"#;
        std::fs::write(dist.join("index.html"), index).expect("index");
        build(&dist).expect("built");
        let html = std::fs::read_to_string(dist.join(FILE_NAME)).expect("koe.html");
        assert!(html.contains("<style>body{color:red}</style>"));
        assert!(html.contains("<script>var echarts={};</script>"));
        assert!(html.contains("atob('AGFzbQ==')"), "the wasm as base64");
        assert!(!html.contains(" src=") && !html.contains("href=\"/"), "nothing loaded from a path: {html}");
        assert!(html.contains("connect-src 'none'") && html.contains("default-src 'none'"));
        assert_eq!(inline_script_hashes(&html).len(), 2, "the worker's data block is not a script");
        assert!(html.contains(r#"<script type="text/koe-worker" id="koe-import-worker">let wasm_bindgen"#));
        assert!(html.contains("atob('AGFzbQE=')"), "the worker's wasm as base64");
        assert!(html.contains("worker-src blob:"));
        for hash in inline_script_hashes(&html) {
            assert!(html.contains(&hash), "the policy names {hash}");
        }
        std::fs::remove_dir_all(dist).ok();
    }
}
