//! The grid's selection: the chosen comments for bulk edits, where a shift-click range starts,
//! and the current row the keyboard acts on. Plain data, so every rule of it is tested here.

use std::collections::BTreeSet;

use crate::project::comment::CommentId;

/// What the member has chosen in the grid.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    chosen: BTreeSet<CommentId>,
    anchor: Option<CommentId>,
    current: Option<CommentId>,
}

impl Selection {
    /// The chosen comments, in id order.
    pub fn chosen(&self) -> &BTreeSet<CommentId> {
        &self.chosen
    }

    /// Whether `id` is chosen.
    pub fn is_chosen(&self, id: CommentId) -> bool {
        self.chosen.contains(&id)
    }

    /// How many comments are chosen.
    pub fn len(&self) -> usize {
        self.chosen.len()
    }

    /// Whether nothing is chosen.
    pub fn is_empty(&self) -> bool {
        self.chosen.is_empty()
    }

    /// The row the keyboard acts on.
    pub fn current(&self) -> Option<CommentId> {
        self.current
    }

    /// Makes `id` the current row (a click on the row, not on its box).
    pub fn set_current(&mut self, id: CommentId) {
        self.current = Some(id);
    }

    /// Chooses exactly these comments (「一致する N 件をすべて選択」).
    pub fn choose_all(&mut self, ids: &[CommentId]) {
        self.chosen = ids.iter().copied().collect();
    }

    /// Chooses nothing; the current row stays.
    pub fn clear(&mut self) {
        self.chosen.clear();
    }

    /// A click on a row's box: toggles it, or with shift chooses every row of `visible` from
    /// the last click to this one. The clicked row becomes current.
    pub fn click(&mut self, id: CommentId, shift: bool, visible: &[CommentId]) {
        match self.anchor.filter(|_| shift) {
            Some(anchor) => {
                let a = visible.iter().position(|x| *x == anchor);
                let b = visible.iter().position(|x| *x == id);
                match (a, b) {
                    (Some(a), Some(b)) => self.chosen.extend(&visible[a.min(b)..=a.max(b)]),
                    _ => {
                        self.chosen.insert(id);
                    }
                }
            }
            None => {
                if !self.chosen.remove(&id) {
                    self.chosen.insert(id);
                }
            }
        }
        self.anchor = Some(id);
        self.current = Some(id);
    }

    /// Moves the current row by `step` within `visible` (to the first row if none is current
    /// or it is filtered out), stopping at either end; the new row's index.
    pub fn step(&mut self, visible: &[CommentId], step: isize) -> Option<usize> {
        let last = visible.len().checked_sub(1)?;
        let at = self.current.and_then(|c| visible.iter().position(|id| *id == c));
        let index = at.map_or(0, |at| at.saturating_add_signed(step).min(last));
        self.current = Some(visible[index]);
        Some(index)
    }

    /// The comments a tag key or bulk edit acts on: the chosen ones when the current row is
    /// one of them (or there is no current row), else the current row alone.
    pub fn targets(&self) -> Vec<CommentId> {
        match self.current {
            Some(id) if !self.chosen.contains(&id) => vec![id],
            _ => self.chosen.iter().copied().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(range: std::ops::Range<u32>) -> Vec<CommentId> {
        range.map(CommentId).collect()
    }

    #[test]
    fn a_click_toggles_and_a_shift_click_chooses_the_range_in_grid_order() {
        let visible = vec![CommentId(5), CommentId(2), CommentId(9), CommentId(7), CommentId(1)];
        let mut selection = Selection::default();
        selection.click(CommentId(2), false, &visible);
        selection.click(CommentId(7), true, &visible);
        assert_eq!(
            selection.chosen().iter().copied().collect::<Vec<_>>(),
            [CommentId(2), CommentId(7), CommentId(9)]
        );
        assert_eq!(selection.current(), Some(CommentId(7)));
        selection.click(CommentId(9), false, &visible);
        assert!(!selection.is_chosen(CommentId(9)), "a plain click toggles");
        // The anchor is now 9: shift-click back up to 5 takes 5, 2 and 9.
        selection.click(CommentId(5), true, &visible);
        assert_eq!(selection.len(), 4);
        // An anchor filtered out of view: only the clicked row.
        selection.clear();
        selection.click(CommentId(3), true, &visible);
        assert_eq!(selection.chosen().iter().copied().collect::<Vec<_>>(), [CommentId(3)]);
    }

    #[test]
    fn keys_move_within_the_visible_rows_and_stop_at_the_ends() {
        let visible = ids(0..4);
        let mut selection = Selection::default();
        assert_eq!(selection.step(&[], 1), None, "nothing to move to");
        assert_eq!(selection.step(&visible, 1), Some(0), "no current row: the first");
        assert_eq!(selection.step(&visible, 2), Some(2));
        assert_eq!(selection.step(&visible, 5), Some(3));
        assert_eq!(selection.step(&visible, -9), Some(0));
        selection.set_current(CommentId(99));
        assert_eq!(selection.step(&visible, 1), Some(0), "a filtered-out current row starts again");
    }

    #[test]
    fn tag_keys_act_on_the_chosen_rows_only_when_the_current_row_is_one_of_them() {
        let visible = ids(0..5);
        let mut selection = Selection::default();
        assert!(selection.targets().is_empty());
        selection.choose_all(&visible[1..3]);
        assert_eq!(selection.targets(), ids(1..3), "no current row: the chosen ones");
        selection.set_current(CommentId(4));
        assert_eq!(selection.targets(), [CommentId(4)], "the current row outside the choice");
        selection.set_current(CommentId(2));
        assert_eq!(selection.targets(), ids(1..3));
    }
}
