//! How far a long import has come, so a page can show a progress bar and stay honest.

use serde::{Deserialize, Serialize};

/// The two long steps of an import.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Decoding the bytes and splitting them into rows.
    Reading,
    /// Turning rows into comments with the chosen column mapping.
    Converting,
}

/// A step's progress: `done` out of `total` units (bytes while reading, rows while converting).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Which step.
    pub stage: Stage,
    /// Units done so far.
    pub done: u64,
    /// Units in all; never zero.
    pub total: u64,
}

impl Progress {
    /// A step's progress, with an empty step counted as one unit so shares stay defined.
    pub fn new(stage: Stage, done: u64, total: u64) -> Self {
        let total = total.max(1);
        Progress { stage, done: done.min(total), total }
    }

    /// Progress in thousandths, for a `<progress max=1000>` bar and for deciding when to tell.
    pub fn per_mille(&self) -> u32 {
        u32::try_from(self.done.saturating_mul(1000) / self.total).unwrap_or(1000)
    }
}

/// Receives progress now and then during a long step.
pub type Report<'a> = &'a mut dyn FnMut(Progress);

/// Rows between two progress reports: often enough for a smooth bar, rarely enough to cost nothing.
pub(crate) const ROWS_PER_REPORT: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_mille_is_bounded_and_defined_for_empty_steps() {
        assert_eq!(Progress::new(Stage::Reading, 0, 0).per_mille(), 0);
        assert_eq!(Progress::new(Stage::Reading, 5, 0).per_mille(), 1000);
        assert_eq!(Progress::new(Stage::Converting, 1, 3).per_mille(), 333);
        assert_eq!(Progress::new(Stage::Converting, 9, 3).per_mille(), 1000);
    }
}
