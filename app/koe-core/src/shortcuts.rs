//! Keyboard shortcuts, decided here so the rule is tested natively; the UI only forwards keys.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+Z (⌘Z on a Mac).
    Undo,
    /// Ctrl+Shift+Z or Ctrl+Y.
    Redo,
}

/// A key press as the browser reports it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KeyPress<'a> {
    /// `KeyboardEvent.key`.
    pub key: &'a str,
    /// Ctrl (or ⌘) held.
    pub command: bool,
    /// Shift held.
    pub shift: bool,
    /// The focus is in a text field, where the browser's own undo applies.
    pub in_text_field: bool,
}

/// The shortcut a key press means, if any.
pub fn shortcut_for(press: KeyPress<'_>) -> Option<Shortcut> {
    if !press.command || press.in_text_field {
        return None;
    }
    match (press.key.to_ascii_lowercase().as_str(), press.shift) {
        ("z", false) => Some(Shortcut::Undo),
        ("z", true) | ("y", false) => Some(Shortcut::Redo),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(key: &str, command: bool, shift: bool, in_text_field: bool, expected: Option<Shortcut>) {
        assert_eq!(shortcut_for(KeyPress { key, command, shift, in_text_field }), expected, "{key}");
    }

    #[test]
    fn undo_and_redo_outside_text_fields_only() {
        check("z", true, false, false, Some(Shortcut::Undo));
        check("Z", true, true, false, Some(Shortcut::Redo));
        check("y", true, false, false, Some(Shortcut::Redo));
        check("z", false, false, false, None);
        check("z", true, false, true, None);
        check("x", true, false, false, None);
    }
}
