//! How far two coders agree: the project's own tags against a merged coder's, per tag group,
//! over the comments both coded in that group — percentage agreement, Cohen's κ and
//! Krippendorff's α for single-choice groups, κ per tag for multi-choice ones, the confusion
//! table, and the comments they disagree on, to settle.

use std::collections::BTreeSet;

use crate::project::codebook::{GroupId, TagId};
use crate::project::comment::CommentId;
use crate::project::{Command, Project};

/// A comment the two coders tagged differently in a group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The comment.
    pub comment: CommentId,
    /// The project's tags of the group on it.
    pub ours: BTreeSet<TagId>,
    /// The other coder's.
    pub theirs: BTreeSet<TagId>,
}

/// Agreement in one tag group.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupAgreement {
    /// The group.
    pub group: GroupId,
    /// Its name.
    pub name: String,
    /// Whether a comment may carry several of its tags.
    pub multiple: bool,
    /// Comments both coders gave at least one tag of the group.
    pub both: usize,
    /// Of those, comments with exactly the same tags of the group.
    pub agreed: usize,
    /// Cohen's κ (single-choice), or the mean of the tags' κ (multi-choice); `None` when it is
    /// undefined (no comment both coded, or one category only on both sides).
    pub kappa: Option<f64>,
    /// Krippendorff's α (nominal, two coders), single-choice groups only.
    pub alpha: Option<f64>,
    /// Each tag of the group with its κ (present or not), for multi-choice groups.
    pub per_tag: Vec<(TagId, Option<f64>)>,
    /// The tags of the group, the order of the confusion table's rows and columns.
    pub tags: Vec<TagId>,
    /// Single-choice groups: `[ours][theirs]` counts over the comments both coded.
    pub confusion: Vec<Vec<u64>>,
    /// The comments they disagree on.
    pub disagreements: Vec<Disagreement>,
}

impl GroupAgreement {
    /// Agreed comments as a share of those both coded.
    pub fn percent(&self) -> Option<f64> {
        (self.both > 0).then(|| self.agreed as f64 * 100.0 / self.both as f64)
    }
}

/// The agreement between the project's tags and `coder`'s, per group of the codebook.
/// Comments that came with the coder's file (their tags are the project's) are left out.
pub fn agreement(project: &Project, coder: &str) -> Vec<GroupAgreement> {
    let Some(coding) = project.team().coding(coder) else { return Vec::new() };
    let codebook = project.codebook();
    codebook
        .groups
        .iter()
        .map(|group| {
            let tags: Vec<TagId> = codebook.tags_in(group.id).map(|t| t.id).collect();
            let in_group = |set: &BTreeSet<TagId>| -> BTreeSet<TagId> {
                set.iter().copied().filter(|t| tags.contains(t)).collect()
            };
            let mut pairs: Vec<(CommentId, BTreeSet<TagId>, BTreeSet<TagId>)> = Vec::new();
            for (comment, theirs) in &coding.tags {
                if coding.adopted.contains(comment) {
                    continue;
                }
                let Some(ours) = project.comment(*comment).map(|c| in_group(c.tags())) else { continue };
                let theirs = in_group(theirs);
                if !ours.is_empty() && !theirs.is_empty() {
                    pairs.push((*comment, ours, theirs));
                }
            }
            let agreed = pairs.iter().filter(|(_, a, b)| a == b).count();
            let disagreements = pairs
                .iter()
                .filter(|(_, a, b)| a != b)
                .map(|(comment, ours, theirs)| Disagreement {
                    comment: *comment,
                    ours: ours.clone(),
                    theirs: theirs.clone(),
                })
                .collect();
            let position =
                |set: &BTreeSet<TagId>| set.iter().next().and_then(|t| tags.iter().position(|x| x == t));
            let mut confusion = vec![vec![0u64; tags.len()]; if group.multiple { 0 } else { tags.len() }];
            let mut units: Vec<(usize, usize)> = Vec::new();
            if !group.multiple {
                for (_, ours, theirs) in &pairs {
                    if let (Some(a), Some(b)) = (position(ours), position(theirs)) {
                        confusion[a][b] += 1;
                        units.push((a, b));
                    }
                }
            }
            let per_tag: Vec<(TagId, Option<f64>)> = if group.multiple {
                tags.iter()
                    .map(|tag| {
                        let mut table = vec![vec![0u64; 2]; 2];
                        for (_, ours, theirs) in &pairs {
                            table[usize::from(ours.contains(tag))][usize::from(theirs.contains(tag))] += 1;
                        }
                        (*tag, cohen_kappa(&table))
                    })
                    .collect()
            } else {
                Vec::new()
            };
            let kappa = if group.multiple {
                let defined: Vec<f64> = per_tag.iter().filter_map(|(_, k)| *k).collect();
                (!defined.is_empty()).then(|| defined.iter().sum::<f64>() / defined.len() as f64)
            } else {
                cohen_kappa(&confusion)
            };
            GroupAgreement {
                group: group.id,
                name: group.name.clone(),
                multiple: group.multiple,
                both: pairs.len(),
                agreed,
                kappa,
                alpha: if group.multiple { None } else { krippendorff_alpha(&units, tags.len()) },
                per_tag,
                tags,
                confusion,
                disagreements,
            }
        })
        .collect()
}

/// Cohen's κ of a square table of counts (`[coder 1][coder 2]`): (p_o − p_e) / (1 − p_e).
/// `None` when there is nothing to compare or chance agreement is already certain (every
/// rating in one category), where κ is undefined.
pub fn cohen_kappa(table: &[Vec<u64>]) -> Option<f64> {
    let n: u64 = table.iter().flatten().sum();
    if n == 0 {
        return None;
    }
    let n = n as f64;
    let size = table.len();
    let observed: f64 = (0..size).map(|i| table[i].get(i).copied().unwrap_or(0) as f64).sum::<f64>() / n;
    let expected: f64 = (0..size)
        .map(|i| {
            let row: u64 = table[i].iter().sum();
            let column: u64 = table.iter().map(|r| r.get(i).copied().unwrap_or(0)).sum();
            row as f64 * column as f64
        })
        .sum::<f64>()
        / (n * n);
    if (1.0 - expected).abs() < 1e-12 {
        return None;
    }
    Some((observed - expected) / (1.0 - expected))
}

/// Krippendorff's α for nominal values from two coders, each unit rated by both
/// (`(coder 1's category, coder 2's)` among `categories`): 1 − (n − 1) · Σ_{c≠k} o_ck /
/// Σ_{c≠k} n_c n_k over the coincidence matrix. `None` when undefined (no unit, or one
/// category only).
pub fn krippendorff_alpha(units: &[(usize, usize)], categories: usize) -> Option<f64> {
    let mut coincidence = vec![vec![0.0f64; categories]; categories];
    for (a, b) in units {
        if *a >= categories || *b >= categories {
            continue;
        }
        coincidence[*a][*b] += 1.0;
        coincidence[*b][*a] += 1.0;
    }
    let totals: Vec<f64> = coincidence.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = totals.iter().sum();
    let mut disagreeing = 0.0;
    let mut expected = 0.0;
    for c in 0..categories {
        for k in 0..categories {
            if c != k {
                disagreeing += coincidence[c][k];
                expected += totals[c] * totals[k];
            }
        }
    }
    if n < 2.0 || expected == 0.0 {
        return None;
    }
    Some(1.0 - (n - 1.0) * disagreeing / expected)
}

/// Settles a disagreement the other coder's way: the comment's tags of the group become
/// theirs, as one undoable edit.
pub fn adopt_theirs(project: &Project, disagreement: &Disagreement) -> Option<Command> {
    let comment = project.comment(disagreement.comment)?;
    let codebook = project.codebook();
    let mut tagging = (*comment.tagging).clone();
    for tag in &disagreement.ours {
        tagging = tagging.with_removed(*tag);
    }
    for tag in &disagreement.theirs {
        tagging = tagging.with_added(*tag, codebook);
    }
    Some(Command::SetTaggings(vec![(comment.id, tagging)]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::project::team::{Coding, Team};

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-9)
    }

    #[test]
    fn kappa_and_alpha_match_the_hand_computed_example() {
        // 50 items, Yes/Yes 20, Yes/No 5, No/Yes 10, No/No 15 (Wikipedia, "Cohen's kappa"):
        // p_o = 0.7, p_e = 0.5 × 0.6 + 0.5 × 0.4 = 0.5, κ = 0.4.
        assert!(close(cohen_kappa(&[vec![20, 5], vec![10, 15]]), 0.4));
        // α by hand: coincidences o_YY = 40, o_NN = 30, o_YN = o_NY = 15; n_Y = 55, n_N = 45,
        // n = 100: α = 1 − 99 × 30 / (2 × 55 × 45) = 1 − 2970 / 4950 = 0.4.
        let mut units = vec![(0, 0); 20];
        units.extend(vec![(0, 1); 5]);
        units.extend(vec![(1, 0); 10]);
        units.extend(vec![(1, 1); 15]);
        assert!(close(krippendorff_alpha(&units, 2), 0.4));
        // Perfect agreement over two categories: both 1.
        assert!(close(cohen_kappa(&[vec![3, 0], vec![0, 4]]), 1.0));
        assert!(close(krippendorff_alpha(&[(0, 0), (1, 1), (1, 1)], 2), 1.0));
    }

    #[test]
    fn degenerate_cases_are_undefined_not_a_number() {
        assert_eq!(cohen_kappa(&[vec![0, 0], vec![0, 0]]), None, "no overlap");
        assert_eq!(cohen_kappa(&[vec![7, 0], vec![0, 0]]), None, "one category only");
        assert_eq!(krippendorff_alpha(&[], 3), None, "no overlap");
        assert_eq!(krippendorff_alpha(&[(1, 1), (1, 1)], 3), None, "one category only");
        // Systematic disagreement is below zero, not undefined.
        assert!(cohen_kappa(&[vec![0, 5], vec![5, 0]]).is_some_and(|k| k < 0.0));
    }

    #[test]
    fn agreement_per_group_over_comments_both_coded_with_disagreements_to_settle() {
        let mut project = Project::new();
        let comments = (0..4)
            .map(|i| {
                NewComment::new(
                    format!("声{i}"),
                    SourceRef { file: "a.csv".into(), sheet: None, line: i + 2 },
                )
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let tag =
            |name: &str| project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect(name);
        let (positive, negative, quality, price) =
            (tag("ポジティブ"), tag("ネガティブ"), tag("品質"), tag("価格"));
        project
            .apply(Command::AddTags(vec![
                (CommentId(0), positive),
                (CommentId(1), negative),
                (CommentId(2), negative),
                (CommentId(0), quality),
                (CommentId(1), quality),
            ]))
            .expect("ours");
        let theirs = |pairs: &[(u32, &[TagId])]| {
            pairs.iter().map(|(c, tags)| (CommentId(*c), tags.iter().copied().collect())).collect()
        };
        let coding = Coding {
            coder: "佐藤".into(),
            tags: theirs(&[
                (0, &[positive, quality]),
                (1, &[positive, quality, price]),
                (2, &[negative]),
                (3, &[positive]),
            ]),
            adopted: BTreeSet::new(),
        };
        project.apply(Command::SetTeam(Team { coder: "田中".into(), codings: vec![coding] })).expect("team");
        let groups = agreement(&project, "佐藤");
        let sentiment = groups.iter().find(|g| g.name == "感情").expect("感情");
        // Comment 3 only they coded; 0 and 2 agree, 1 does not.
        assert_eq!((sentiment.both, sentiment.agreed), (3, 2));
        assert!((sentiment.percent().unwrap_or(0.0) - 200.0 / 3.0).abs() < 1e-9);
        // Confusion over ポジティブ, ニュートラル, ネガティブ: ours P/their P 1, ours N/their P 1,
        // ours N/their N 1. p_o = 2/3; p_e = (1×2 + 2×1) / 9 = 4/9; κ = (2/3 − 4/9) / (5/9) = 0.4.
        assert!(close(sentiment.kappa, 0.4), "{:?}", sentiment.kappa);
        assert_eq!(sentiment.disagreements.len(), 1);
        assert_eq!(sentiment.disagreements[0].comment, CommentId(1));
        let topics = groups.iter().find(|g| g.name == "トピック").expect("トピック");
        assert_eq!((topics.both, topics.agreed), (2, 1), "comment 1 has 価格 only on their side");
        let quality_kappa = topics.per_tag.iter().find(|(t, _)| *t == quality).map(|(_, k)| *k);
        assert_eq!(quality_kappa, Some(None), "品質 on both comments on both sides: one category only");

        let settle = adopt_theirs(&project, &sentiment.disagreements[0]).expect("a command");
        project.apply(settle).expect("settled");
        let groups = agreement(&project, "佐藤");
        let sentiment = groups.iter().find(|g| g.name == "感情").expect("感情");
        assert_eq!((sentiment.both, sentiment.agreed), (3, 3));
        assert!(project.comment(CommentId(1)).is_some_and(|c| c.tags().contains(&positive)));
        project.undo();
        assert!(project.comment(CommentId(1)).is_some_and(|c| c.tags().contains(&negative)), "one step");
    }
}
