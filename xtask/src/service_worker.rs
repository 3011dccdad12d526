//! The hosted build's service worker `sw.js`: after one visit, the app opens offline. It lists
//! the built files (Trunk's names carry content hashes), caches them on install, answers from
//! the cache first, and drops older caches when a new build takes over.

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::run::Fail;

/// The service worker's file name in the dist folder.
pub const FILE_NAME: &str = "sw.js";

/// The worker's code for these files (paths relative to the dist folder).
pub fn script(files: &[String], version: &str) -> String {
    let list: Vec<String> =
        std::iter::once("'./'".to_owned()).chain(files.iter().map(|f| format!("'{f}'"))).collect();
    format!(
        "// Koe's service worker: the app's own files, cached so the app opens offline. Nothing else.\n\
// One version's files are cached together, each fetched past the HTTP cache, so an old\n\
// index.html can never sit beside files of another build; the page and its files come from\n\
// the same version's cache. A new version waits until the page asks it to take over (the page\n\
// offers a reload), so open tabs never switch under them.\n\
const CACHE = 'koe-{version}';\n\
const FILES = [{}];\n\
self.addEventListener('install', (event) => {{\n\
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES.map((file) => new Request(file, {{ cache: 'reload' }})))));\n\
}});\n\
self.addEventListener('message', (event) => {{\n\
  if (event.data === 'koe-take-over') self.skipWaiting();\n\
}});\n\
self.addEventListener('activate', (event) => {{\n\
  event.waitUntil(caches.keys()\n\
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('koe-') && key !== CACHE).map((key) => caches.delete(key))))\n\
    .then(() => self.clients.claim()));\n\
}});\n\
self.addEventListener('fetch', (event) => {{\n\
  if (event.request.method !== 'GET') return;\n\
  event.respondWith(caches.open(CACHE)\n\
    .then((cache) => cache.match(event.request, {{ ignoreSearch: true }}))\n\
    .then((cached) => cached || fetch(event.request)));\n\
}});\n",
        list.join(", ")
    )
}

/// The tag that tells the page a service worker is there to register (a development server
/// has none, and registering a missing script logs an error in the console).
pub const MARKER: &str = "<meta name=\"koe-service-worker\" content=\"sw.js\">";

/// Writes `dist/sw.js` for the files of `dist` (not the single file, which runs from disk),
/// and marks `dist/index.html` so the page registers it.
pub fn build(dist: &Path) -> Result<(), Fail> {
    let index = dist.join("index.html");
    if let Ok(html) = std::fs::read_to_string(&index)
        && !html.contains(MARKER)
    {
        let marked = html.replacen("<head>", &format!("<head>{MARKER}"), 1);
        std::fs::write(&index, marked).map_err(|e| Fail::new(format!("service worker: {e}")))?;
    }
    let mut files: Vec<String> = std::fs::read_dir(dist)
        .map_err(|e| Fail::new(format!("service worker: {}: {e}", dist.display())))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != FILE_NAME && name != crate::single_file::FILE_NAME)
        .collect();
    files.sort();
    let mut digest = Sha256::new();
    for name in &files {
        digest.update(name.as_bytes());
        digest.update(std::fs::read(dist.join(name)).unwrap_or_default());
    }
    let version: String = digest.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect();
    std::fs::write(dist.join(FILE_NAME), script(&files, &version))
        .map_err(|e| Fail::new(format!("service worker: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_lists_the_built_files_and_changes_with_them() {
        let dist = std::env::temp_dir().join(format!("koe-sw-{}", std::process::id()));
        std::fs::create_dir_all(&dist).expect("dir");
        std::fs::write(dist.join("index.html"), "<html><head></head>").expect("file");
        std::fs::write(dist.join("koe-web-1_bg.wasm"), "a").expect("file");
        std::fs::write(dist.join("koe.html"), "single").expect("file");
        build(&dist).expect("built");
        let first = std::fs::read_to_string(dist.join(FILE_NAME)).expect("sw.js");
        assert!(first.contains("const FILES = ['./', 'index.html', 'koe-web-1_bg.wasm'];"), "{first}");
        let marked = std::fs::read_to_string(dist.join("index.html")).expect("index");
        assert_eq!(marked.matches(MARKER).count(), 1, "the page is told to register it");
        std::fs::write(dist.join("index.html"), "<html><head></head> changed").expect("file");
        build(&dist).expect("built again");
        let second = std::fs::read_to_string(dist.join(FILE_NAME)).expect("sw.js");
        let version = |s: &str| s.lines().find(|l| l.starts_with("const CACHE")).map(str::to_owned);
        assert_ne!(version(&first), version(&second), "a new build gets a new cache");
        assert!(second.contains("cache: 'reload'"), "files fetched past the HTTP cache");
        assert!(!second.contains("skipWaiting()));"), "a new version does not take over by itself");
        assert!(second.contains("'koe-take-over'"), "the page asks the new version to take over");
        std::fs::remove_dir_all(dist).ok();
    }
}
