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

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}
