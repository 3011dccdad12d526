//! Suggestions for a project: learn one tag group from the comments a person tagged, judge
//! honestly how well it agrees with them, and propose tags for the comments not tagged yet.

use crate::project::Project;
use crate::project::codebook::{GroupId, TagId};
use crate::project::comment::CommentId;
use crate::project::suggest::{Evaluation, Model, Suggestion, evaluate};
use crate::sorting::sort_by;

/// Folds of the held-out evaluation.
const FOLDS: usize = 5;
/// Fewest tagged comments worth learning from.
pub const MIN_EXAMPLES: usize = 10;
/// Most tagged comments the evaluation holds out in all, so it stays quick on huge projects.
const MAX_EVALUATED: usize = 5_000;

/// What learning one group gave.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSuggestions {
    /// The group.
    pub group: GroupId,
    /// How many tagged comments it learned from.
    pub examples: usize,
    /// Agreement with the person's tags on held-out comments, and the majority baseline.
    pub evaluation: Evaluation,
    /// For each comment without a tag of the group, the most likely tag, most confident first.
    pub suggestions: Vec<(CommentId, Suggestion)>,
}

/// Why no suggestions could be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoSuggestions {
    /// Too few comments carry a person's tag of this group.
    TooFewExamples(usize),
    /// All tagged comments carry the same tag: nothing to tell apart.
    OneTagOnly,
}

/// Learns `group` from the tags people set (not rules) and suggests tags for the rest.
pub fn suggest(project: &Project, group: GroupId) -> Result<GroupSuggestions, NoSuggestions> {
    let codebook = project.codebook();
    let in_group = |tag: &TagId| codebook.tag(*tag).is_some_and(|t| t.group == group);
    let mut examples: Vec<(&str, Vec<TagId>)> = Vec::new();
    let mut candidates: Vec<(CommentId, &str)> = Vec::new();
    for comment in project.comments() {
        let manual: Vec<TagId> =
            comment.tags().iter().copied().filter(|t| in_group(t) && comment.tagging.is_manual(*t)).collect();
        if !manual.is_empty() {
            examples.push((comment.normalized(), manual));
        } else if !comment.tags().iter().any(in_group) {
            candidates.push((comment.id, comment.normalized()));
        }
    }
    if examples.len() < MIN_EXAMPLES {
        return Err(NoSuggestions::TooFewExamples(examples.len()));
    }
    let pairs: Vec<(&str, &[TagId])> = examples.iter().map(|(text, tags)| (*text, tags.as_slice())).collect();
    let model = Model::train(&pairs);
    // With one class there is nothing to tell apart: the model predicts nothing, even for "".
    if model.predict("").is_none() {
        return Err(NoSuggestions::OneTagOnly);
    }
    let step = pairs.len().div_ceil(MAX_EVALUATED).max(1);
    let evaluated: Vec<(&str, &[TagId])> = pairs.iter().step_by(step).copied().collect();
    let evaluation = evaluate(&evaluated, FOLDS);
    let mut suggestions: Vec<(CommentId, Suggestion)> =
        candidates.into_iter().filter_map(|(id, text)| model.predict(text).map(|s| (id, s))).collect();
    sort_by(&mut suggestions, |a, b| b.1.confidence.total_cmp(&a.1.confidence));
    Ok(GroupSuggestions { group, examples: pairs.len(), evaluation, suggestions })
}
