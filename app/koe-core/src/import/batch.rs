//! An import as the member goes through it: files waiting, one file in preview with the
//! mapping they are choosing, the comments converted with some mapping and which of them
//! repeat others, and what confirming adds. Plain data over a file handle `F` (the browser's
//! file on the page), so every rule of it is tested here; the page only drives it.

use std::collections::VecDeque;
use std::sync::Arc;

use super::duplicates::{DuplicateScan, Repeat};
use super::mapping::{ColumnMapping, ImportOutcome};
use super::preview::FilePreview;
use super::problem::ImportProblem;
use super::table::ReadOptions;
use super::wire::JobId;
use crate::project::comment::NewComment;
use crate::text::decode::TextEncoding;

/// The files of one import: those waiting behind the one in preview.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch<F> {
    waiting: VecDeque<F>,
}

impl<F> Default for Batch<F> {
    fn default() -> Self {
        Batch { waiting: VecDeque::new() }
    }
}

impl<F> Batch<F> {
    /// Puts files behind the ones already waiting, in the order chosen.
    pub fn add(&mut self, files: impl IntoIterator<Item = F>) {
        self.waiting.extend(files);
    }

    /// The next file to open, if any.
    pub fn next_file(&mut self) -> Option<F> {
        self.waiting.pop_front()
    }

    /// How many files wait.
    pub fn len(&self) -> usize {
        self.waiting.len()
    }

    /// Whether no file waits.
    pub fn is_empty(&self) -> bool {
        self.waiting.is_empty()
    }

    /// Drops every waiting file (the import was stopped).
    pub fn clear(&mut self) {
        self.waiting.clear();
    }
}

/// A file read and waiting for the member to confirm how it is read.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending<F> {
    /// Counts files opened, so choosing the same file again still rebuilds the preview.
    pub generation: u32,
    /// The worker keeps the file (or its table) under this job; the page holds only the preview.
    pub job: JobId,
    /// Kept so a different encoding or delimiter can be tried without choosing the file again.
    pub file: F,
    /// How the file was read.
    pub options: ReadOptions,
    /// The first rows, the header, the guess.
    pub preview: FilePreview,
    /// The roles chosen for the columns.
    pub mapping: ColumnMapping,
    /// Whether `mapping` started as the one remembered for this header (else the guess).
    pub remembered: bool,
    /// The member's choice to leave out proven duplicates; `None` follows the scan's default.
    pub skip_repeats: Option<bool>,
    /// The comments for some mapping, once converted.
    pub converted: Option<Converted>,
}

/// The file's comments with one mapping, and which of them repeat others.
#[derive(Clone, Debug, PartialEq)]
pub struct Converted {
    /// The mapping they were made with.
    pub mapping: ColumnMapping,
    /// The comments and row problems.
    pub outcome: Arc<ImportOutcome>,
    /// Which of them repeat others, with the evidence.
    pub repeats: Arc<DuplicateScan>,
}

/// The facts of a finished import, shown in words and as test hooks.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportReport {
    /// Comments added.
    pub added: usize,
    /// Problems met reading and converting the rows.
    pub problems: Vec<ImportProblem>,
    /// Proven duplicates found.
    pub repeats_found: usize,
    /// Rows marked 同文 and kept.
    pub same_texts: usize,
    /// Proven duplicates left out.
    pub repeats_skipped: usize,
    /// Control characters removed from texts.
    pub controls_removed: usize,
    /// The encoding read.
    pub encoding: TextEncoding,
    /// The delimiter read.
    pub delimiter: u8,
}

impl<F> Pending<F> {
    /// A file just read: the mapping remembered for its header if there is one, else the
    /// guess; nothing converted yet. `previous` is the generation of the file it replaces.
    pub fn opened(
        job: JobId,
        file: F,
        options: ReadOptions,
        preview: FilePreview,
        remembered: Option<ColumnMapping>,
        previous: Option<u32>,
    ) -> Self {
        Pending {
            generation: previous.map_or(0, |g| g.wrapping_add(1)),
            job,
            file,
            options,
            remembered: remembered.is_some(),
            mapping: remembered.unwrap_or(preview.guess.mapping),
            preview,
            skip_repeats: None,
            converted: None,
        }
    }

    /// The converted comments, if they were made with the mapping chosen now.
    pub fn converted_now(&self) -> Option<&Converted> {
        self.converted.as_ref().filter(|c| c.mapping == self.mapping)
    }

    /// Whether proven duplicates are left out: the member's choice, else the scan's default
    /// (left out unless there are suspiciously many). `false` before the scan.
    pub fn leaves_out_repeats(&self) -> bool {
        let default = || self.converted.as_ref().is_some_and(|c| c.repeats.leave_out_by_default());
        self.skip_repeats.unwrap_or_else(default)
    }

    /// What confirming with `converted` adds and reports: every comment but the proven
    /// duplicates when they are left out, and the problems of reading and of converting.
    pub fn confirm(self, converted: Converted) -> (Vec<NewComment>, ImportReport) {
        let Converted { outcome, repeats, .. } = converted;
        let skip = self.skip_repeats.unwrap_or_else(|| repeats.leave_out_by_default());
        // Moved out when the preview held the only reference: at 200,000 comments a copy
        // would be a long task.
        let outcome = Arc::try_unwrap(outcome).unwrap_or_else(|shared| (*shared).clone());
        let controls_removed = outcome.controls_removed;
        let comments: Vec<NewComment> = outcome
            .comments
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !(skip && repeats.is_proven(*index)))
            .map(|(_, comment)| comment)
            .collect();
        let mut problems = self.preview.problems;
        problems.extend(outcome.problems);
        let report = ImportReport {
            added: comments.len(),
            problems,
            repeats_found: repeats.proven(),
            same_texts: repeats.count(Repeat::SameText),
            repeats_skipped: if skip { repeats.proven() } else { 0 },
            controls_removed,
            encoding: self.preview.encoding,
            delimiter: self.preview.delimiter,
        };
        (comments, report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::duplicates::scan;
    use crate::import::to_comments;
    use crate::project::comment::Comment;

    /// Reads `csv` as the worker does and gives its preview.
    fn preview_of(csv: &str) -> FilePreview {
        let read = crate::import::read_any("voices.csv", csv.as_bytes(), ReadOptions::default());
        FilePreview::of(&read.expect("a table"))
    }

    fn converted(csv: &str, mapping: ColumnMapping, existing: &[Comment]) -> Converted {
        let read = crate::import::read_table("voices.csv", csv.as_bytes()).expect("a table");
        let outcome = to_comments(&read.table, &mapping);
        let repeats = scan(existing, &outcome.comments);
        Converted { mapping, outcome: Arc::new(outcome), repeats: Arc::new(repeats) }
    }

    const CSV: &str =
        "回答ID,日付,本文\nA1,2024-04-01,箱が潰れていた\nA2,2024-04-02,\nA3,2024-04-03,美味しい\n";

    #[test]
    fn files_wait_in_the_order_chosen_and_stopping_drops_them() {
        let mut batch = Batch::default();
        batch.add(["a.csv", "b.csv"]);
        batch.add(["c.csv"]);
        assert_eq!(batch.next_file(), Some("a.csv"));
        assert_eq!(batch.len(), 2);
        batch.clear();
        assert!(batch.is_empty() && batch.next_file().is_none());
    }

    #[test]
    fn a_remembered_mapping_wins_over_the_guess_and_a_reopened_file_is_a_new_generation() {
        let preview = preview_of(CSV);
        let guessed = Pending::opened(1, "f", ReadOptions::default(), preview.clone(), None, None);
        assert_eq!(guessed.mapping, preview.guess.mapping);
        assert!(!guessed.remembered);
        assert_eq!(guessed.generation, 0);
        let mine = ColumnMapping { channel: Some(0), ..preview.guess.mapping };
        let again = Pending::opened(2, "f", ReadOptions::default(), preview, Some(mine), Some(0));
        assert_eq!((again.mapping, again.remembered, again.generation), (mine, true, 1));
    }

    #[test]
    fn converted_comments_count_only_for_the_mapping_they_were_made_with() {
        let preview = preview_of(CSV);
        let mut pending = Pending::opened(1, "f", ReadOptions::default(), preview, None, None);
        pending.converted = Some(converted(CSV, pending.mapping, &[]));
        assert!(pending.converted_now().is_some());
        pending.mapping.date = None;
        assert!(pending.converted_now().is_none(), "the member changed the mapping: convert again");
    }

    #[test]
    fn confirming_adds_every_comment_but_left_out_duplicates_and_reports_the_facts() {
        let preview = preview_of(CSV);
        let pending = Pending::opened(1, "f", ReadOptions::default(), preview, None, None);
        let first = converted(CSV, pending.mapping, &[]);
        let (comments, report) = pending.clone().confirm(first);
        assert_eq!(comments.len(), 2, "the row without a text is a problem, not a comment");
        assert_eq!((report.added, report.problems.len(), report.repeats_found), (2, 1, 0));

        // The same file again into a project that has it: both rows are proven repeats (same ID).
        let existing: Vec<Comment> = comments
            .into_iter()
            .enumerate()
            .map(|(i, c)| Comment::from_new(crate::CommentId(i as u32), c))
            .collect();
        let again = converted(CSV, pending.mapping, &existing);
        let mut keep = pending.clone();
        keep.converted = Some(again.clone());
        assert!(keep.leaves_out_repeats(), "proven repeats are left out by default");
        let (left, report) = keep.clone().confirm(again.clone());
        assert_eq!((left.len(), report.repeats_found, report.repeats_skipped), (0, 2, 2));
        keep.skip_repeats = Some(false);
        let (kept, report) = keep.confirm(again);
        assert_eq!((kept.len(), report.repeats_skipped), (2, 0), "the member chose to keep them");
    }
}
