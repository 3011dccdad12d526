//! Keyboard shortcuts, decided here so the rule is tested natively; the UI only forwards keys.

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shortcut {
    /// Ctrl+Z (⌘Z on a Mac).
    Undo,
    /// Ctrl+Shift+Z or Ctrl+Y.
    Redo,
    /// ↓ or j: the next comment in the grid.
    NextRow,
    /// ↑ or k: the previous comment.
    PreviousRow,
    /// Enter: open the current comment.
    Open,
    /// `/`: put the cursor in the search box.
    Search,
    /// `?`: show the shortcut sheet.
    Help,
    /// Escape: close what is open.
    Close,
    /// Space or x: select or unselect the current comment.
    Select,
    /// Any other single character: a tag's shortcut, if the codebook has one.
    Key(char),
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
    if press.in_text_field {
        return (press.key == "Escape").then_some(Shortcut::Close);
    }
    if press.command {
        return match (press.key.to_ascii_lowercase().as_str(), press.shift) {
            ("z", false) => Some(Shortcut::Undo),
            ("z", true) | ("y", false) => Some(Shortcut::Redo),
            _ => None,
        };
    }
    match press.key {
        "ArrowDown" | "j" => Some(Shortcut::NextRow),
        "ArrowUp" | "k" => Some(Shortcut::PreviousRow),
        "Enter" => Some(Shortcut::Open),
        "/" => Some(Shortcut::Search),
        "?" => Some(Shortcut::Help),
        "Escape" => Some(Shortcut::Close),
        " " | "x" => Some(Shortcut::Select),
        key => {
            let mut chars = key.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Some(Shortcut::Key(c)),
                _ => None,
            }
        }
    }
}

/// Keys the grid reserves, so a tag cannot take them as its shortcut.
pub const RESERVED_KEYS: [char; 6] = ['j', 'k', 'x', '/', '?', ' '];

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
        check("z", true, false, true, None);
        check("x", true, false, false, None);
    }

    #[test]
    fn grid_keys_outside_text_fields_and_escape_everywhere() {
        check("ArrowDown", false, false, false, Some(Shortcut::NextRow));
        check("j", false, false, false, Some(Shortcut::NextRow));
        check("k", false, false, false, Some(Shortcut::PreviousRow));
        check("Enter", false, false, false, Some(Shortcut::Open));
        check("/", false, false, false, Some(Shortcut::Search));
        check("?", false, true, false, Some(Shortcut::Help));
        check("q", false, false, false, Some(Shortcut::Key('q')));
        check("1", false, false, false, Some(Shortcut::Key('1')));
        check("Shift", false, true, false, None);
        check("j", false, false, true, None);
        check("Escape", false, false, true, Some(Shortcut::Close));
    }
}
