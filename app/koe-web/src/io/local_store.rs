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
    let count = storage.length().unwrap_or(0);
    (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(prefix))
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
    let count = storage.length().unwrap_or(0);
    let ours: Vec<String> = (0..count)
        .filter_map(|index| storage.key(index).ok().flatten())
        .filter(|key| key.starts_with(KEY_PREFIX))
        .collect();
    for key in ours {
        storage.remove_item(&key).ok();
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
