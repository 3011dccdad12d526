//! Small settings remembered in this browser (localStorage): never comments, only choices
//! such as how a file's columns were mapped.

/// The remembered text under `key`, if storage is available and holds one.
pub fn recall(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Remembers `value` under `key`; silently does nothing where storage is refused (private
/// windows), since a forgotten choice only means guessing again.
pub fn remember(key: &str, value: &str) {
    if let Some(storage) = storage() {
        storage.set_item(key, value).ok();
    }
}

/// Every remembered key that starts with `prefix`, with its text (at most `limit` of them).
pub fn recall_all(prefix: &str, limit: usize) -> Vec<(String, String)> {
    let Some(storage) = storage() else { return Vec::new() };
    keys_with(&storage, prefix)
        .into_iter()
        .filter_map(|key| recall(&key).map(|value| (key, value)))
        .take(limit)
        .collect()
}

/// Every key Koe writes starts with this; other apps of the same origin (a GitHub Pages user
/// site serves many projects from one origin) keep theirs.
pub const KEY_PREFIX: &str = "koe.";

/// Forgets every setting Koe remembered here, and nothing else of the origin's.
pub fn forget_all() {
    let Some(storage) = storage() else { return };
    for key in keys_with(&storage, KEY_PREFIX) {
        storage.remove_item(&key).ok();
    }
}

/// The origin's keys that start with `prefix`, listed before any is read or removed (removing
/// a key renumbers the ones after it).
fn keys_with(storage: &web_sys::Storage, prefix: &str) -> Vec<String> {
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
        .collect()
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
