//! Work over the project's comments done a slice at a time, so the page stays responsive at
//! 200,000 comments: the duplicate scan of an import, the keyword rules' plan, the filter's
//! lists of channels and columns, and the autosave's comment record all take this shape, and
//! the page runs them all with one driver.

use super::comment::Comment;

/// One piece of work over the comments, done `budget` comments per step. Give every step the
/// same comments and context; when they change in between, start again with a fresh value.
pub trait Sliced {
    /// What the work reads besides the comments: the codebook, the incoming rows, or `()`.
    type Context: ?Sized;
    /// What it gives once every comment has been looked at.
    type Output;

    /// Looks at up to `budget` more comments; `true` when all have been looked at.
    fn step(&mut self, comments: &[Comment], context: &Self::Context, budget: usize) -> bool;

    /// The result.
    fn finish(self) -> Self::Output;

    /// Every step at once, `budget` at a time (natively, and in tests).
    fn run_to_end(mut self, comments: &[Comment], context: &Self::Context, budget: usize) -> Self::Output
    where
        Self: Sized,
    {
        while !self.step(comments, context, budget.max(1)) {}
        self.finish()
    }
}
