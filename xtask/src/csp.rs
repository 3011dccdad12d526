//! The Content-Security-Policy of a built page: only the app's own origin, plus the hashes
//! of the inline scripts Trunk writes (its wasm loader), computed after the build.

use std::path::PathBuf;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::run::Fail;

/// The placeholder in `index.html` that the policy replaces.
const PLACEHOLDER: &str = "KOE_CSP";

/// Fills the policy into `file`, or into `$TRUNK_STAGING_DIR/index.html` when run as a hook.
pub fn run(file: Option<PathBuf>) -> Result<(), Fail> {
    let file = match file {
        Some(file) => file,
        None => std::env::var_os("TRUNK_STAGING_DIR")
            .map(|dir| PathBuf::from(dir).join("index.html"))
            .ok_or_else(|| Fail::new("csp: give a file, or run as a Trunk hook (TRUNK_STAGING_DIR)"))?,
    };
    let html = std::fs::read_to_string(&file).map_err(|e| Fail::new(format!("{}: {e}", file.display())))?;
    let filled = fill(&html)?;
    std::fs::write(&file, filled).map_err(|e| Fail::new(format!("{}: {e}", file.display())))
}

/// The page with the placeholder replaced by the policy.
pub fn fill(html: &str) -> Result<String, Fail> {
    if !html.contains(PLACEHOLDER) {
        return Err(Fail::new(format!("csp: the page has no {PLACEHOLDER} placeholder")));
    }
    Ok(html.replace(PLACEHOLDER, &policy(&inline_script_hashes(html))))
}

/// The hosted build's policy: same origin only; no third party anywhere.
pub fn policy(script_hashes: &[String]) -> String {
    let hashes: String = script_hashes.iter().map(|h| format!(" '{h}'")).collect();
    [
        "default-src 'self'".to_owned(),
        format!("script-src 'self' 'wasm-unsafe-eval'{hashes}"),
        "style-src 'self' 'unsafe-inline'".to_owned(),
        "img-src 'self' data: blob:".to_owned(),
        "font-src 'self' data:".to_owned(),
        "connect-src 'self'".to_owned(),
        "worker-src 'self' blob:".to_owned(),
        "object-src 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        "form-action 'none'".to_owned(),
    ]
    .join("; ")
}

/// Whether a `<script …` tag holds data, not code.
fn is_data_block(tag: &str) -> bool {
    // `<script type="…">` with a type that is not JavaScript holds data the browser never runs
    // (the single file's worker code): it needs no hash, and giving it one would let it run.
    let Some(start) = tag.find(" type=\"") else { return false };
    let kind = tag[start + 7..].split('"').next().unwrap_or_default();
    !matches!(kind, "module" | "text/javascript" | "application/javascript")
}

/// `sha256-…` of the text of every `<script>` that runs and has no `src`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body_and_rest = &after[tag_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") && !is_data_block(tag) {
            let digest = Sha256::digest(&body_and_rest.as_bytes()[..close]);
            hashes.push(format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &body_and_rest[close..];
    }
    hashes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_inline_scripts_only() {
        let html =
            r#"<meta content="KOE_CSP"><script src="/e.js"></script><script type="module">alert(1)</script>"#;
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(inline_script_hashes(html), vec!["sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI="]);
        let filled = fill(html).expect("filled");
        assert!(filled.contains(
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        ));
        assert!(!filled.contains(PLACEHOLDER));
        let with_data = format!(r#"{html}<script type="text/koe-worker" id="w">run()</script>"#);
        assert_eq!(inline_script_hashes(&with_data).len(), 1, "a data block gets no hash");
    }

    #[test]
    fn the_policy_names_no_other_origin() {
        let policy = policy(&[]);
        assert!(!policy.contains("http"), "{policy}");
        assert!(policy.contains("connect-src 'self'"));
    }

    #[test]
    fn a_page_without_placeholder_is_refused() {
        assert!(fill("<html></html>").is_err());
    }
}
