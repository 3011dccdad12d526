//! Merging another coder's project file into the open project, planned before anything
//! changes: the same comments are found by their source (file, sheet, line) or by their
//! fingerprint (text, date, channel) and never added twice; comments the project lacks are
//! added with the other coder's tags; codebooks are matched by group and tag name, and what
//! does not fit is listed. The other coder's tags are kept under their name, so their work
//! stays attributable and can be compared with the project's own.

use std::collections::{BTreeMap, BTreeSet};

use rustc_hash::FxHashMap;

use crate::project::codebook::{Codebook, GroupId, Tag, TagGroup, TagId};
use crate::project::comment::{Comment, CommentId};
use crate::project::tagging::Tagging;
use crate::project::team::Coding;
use crate::project::{Command, Project};

/// Something in the other codebook that does not fit the project's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MergeConflict {
    /// A tag of this name is in another group in the project; the file's tag is added to its
    /// own group as well.
    OtherGroup {
        /// The tag's name.
        tag: String,
        /// Its group in the file.
        theirs: String,
        /// Its group in the project.
        ours: String,
    },
    /// The same tag has other keywords in the file; the project's are kept.
    OtherKeywords {
        /// The group.
        group: String,
        /// The tag.
        tag: String,
    },
    /// The group allows one tag in one codebook and several in the other; the project's
    /// choice is kept.
    OtherChoice {
        /// The group.
        group: String,
    },
}

/// What a merge will do, shown before it is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct MergePlan {
    /// The other coder's name, as their tags will be recorded.
    pub coder: String,
    /// Comments of the file that are already in the project.
    pub matched: usize,
    /// Comments of the file the project lacks, added.
    pub added: usize,
    /// Of the matched comments, those the other coder tagged.
    pub coded: usize,
    /// Tags (`group › tag`) the project's codebook gains.
    pub new_tags: Vec<String>,
    /// What does not fit.
    pub conflicts: Vec<MergeConflict>,
    /// The edit that does it, as one undoable step.
    pub command: Command,
}

/// Where a comment came from, to find it again in another coder's file.
type SourceKey<'a> = (&'a str, Option<&'a str>, u64);
/// What a comment says, when, and where: found again when sources differ.
type Fingerprint<'a> = (&'a str, Option<chrono::NaiveDateTime>, &'a str);

/// Plans merging `theirs` (a project file read) into `ours`, recording the file's tags as
/// `coder`'s.
pub fn plan_merge(ours: &Project, theirs: &Project, coder: &str) -> MergePlan {
    let coder = coder.trim().to_owned();
    let (codebook, tag_map, new_tags, conflicts) = merge_codebooks(ours.codebook(), theirs.codebook());
    let by_source: FxHashMap<SourceKey<'_>, CommentId> = ours
        .comments()
        .iter()
        .map(|c| ((&*c.source.file, c.source.sheet.as_deref(), c.source.line), c.id))
        .collect();
    let by_print: FxHashMap<Fingerprint<'_>, CommentId> =
        ours.comments().iter().map(|c| ((c.normalized(), c.date, &*c.channel), c.id)).collect();
    let remap = |tags: &BTreeSet<TagId>| -> BTreeSet<TagId> {
        tags.iter().filter_map(|t| tag_map.get(t).copied()).collect()
    };
    let mut next_id = ours.next_id();
    let mut coding = Coding { coder: coder.clone(), ..Coding::default() };
    let mut their_to_ours: BTreeMap<CommentId, CommentId> = BTreeMap::new();
    let mut added: Vec<Comment> = Vec::new();
    let mut taken: BTreeSet<CommentId> = BTreeSet::new();
    let mut matched = 0;
    for comment in theirs.comments() {
        let source = (&*comment.source.file, comment.source.sheet.as_deref(), comment.source.line);
        let found = by_source
            .get(&source)
            .or_else(|| by_print.get(&(comment.normalized(), comment.date, &*comment.channel)))
            .copied()
            .filter(|id| taken.insert(*id));
        let tags = remap(comment.tags());
        match found {
            Some(id) => {
                matched += 1;
                their_to_ours.insert(comment.id, id);
                if !tags.is_empty() {
                    coding.tags.insert(id, tags);
                }
            }
            None => {
                let id = CommentId(next_id);
                next_id += 1;
                their_to_ours.insert(comment.id, id);
                let tagging = Tagging {
                    tags: tags.clone(),
                    by_rule: remap(&comment.tagging.by_rule),
                    rejected: remap(&comment.tagging.rejected),
                };
                added.push(Comment { id, tagging: tagging.into(), ..comment.clone() });
                if !tags.is_empty() {
                    coding.tags.insert(id, tags);
                }
                coding.adopted.insert(id);
            }
        }
    }
    let coded = coding.tags.keys().filter(|id| !coding.adopted.contains(id)).count();
    let mut team = ours.team().with_coding(coding);
    // Codings the file itself had merged come along, for the comments found here.
    for other in &theirs.team().codings {
        if other.coder == team.coder || other.coder == coder {
            continue;
        }
        let tags = other
            .tags
            .iter()
            .filter_map(|(id, tags)| Some((*their_to_ours.get(id)?, remap(tags))))
            .filter(|(_, tags)| !tags.is_empty())
            .collect();
        let adopted = other.adopted.iter().filter_map(|id| their_to_ours.get(id).copied()).collect();
        team = team.with_coding(Coding { coder: other.coder.clone(), tags, adopted });
    }
    let added_count = added.len();
    let command = Command::Several(vec![
        Command::SetCodebook { codebook, taggings: Vec::new() },
        Command::RestoreComments(added),
        Command::SetTeam(team),
    ]);
    MergePlan { coder, matched, added: added_count, coded, new_tags, conflicts, command }
}

/// The project's codebook with the file's groups and tags it lacks, the file's tag ids mapped
/// to the project's, the tags added (`group › tag`) and the conflicts.
fn merge_codebooks(
    ours: &Codebook,
    theirs: &Codebook,
) -> (Codebook, BTreeMap<TagId, TagId>, Vec<String>, Vec<MergeConflict>) {
    let mut merged = ours.clone();
    let mut map = BTreeMap::new();
    let mut new_tags = Vec::new();
    let mut conflicts = Vec::new();
    let mut next_group = merged.groups.iter().map(|g| g.id.0 + 1).max().unwrap_or(0);
    let mut next_tag = merged.tags.iter().map(|t| t.id.0 + 1).max().unwrap_or(0);
    let first_new = next_tag;
    let mut group_map: BTreeMap<GroupId, GroupId> = BTreeMap::new();
    for group in &theirs.groups {
        let id = match merged.groups.iter().find(|g| g.name == group.name) {
            Some(existing) => {
                if existing.multiple != group.multiple {
                    conflicts.push(MergeConflict::OtherChoice { group: group.name.clone() });
                }
                existing.id
            }
            None => {
                let id = GroupId(next_group);
                next_group += 1;
                merged.groups.push(TagGroup { id, name: group.name.clone(), multiple: group.multiple });
                id
            }
        };
        group_map.insert(group.id, id);
    }
    for tag in &theirs.tags {
        let Some(group) = group_map.get(&tag.group).copied() else { continue };
        let group_name = merged.group(group).map(|g| g.name.clone()).unwrap_or_default();
        if let Some(existing) = merged.tags.iter().find(|t| t.group == group && t.name == tag.name) {
            if existing.rule != tag.rule {
                conflicts.push(MergeConflict::OtherKeywords { group: group_name, tag: tag.name.clone() });
            }
            map.insert(tag.id, existing.id);
            continue;
        }
        if let Some(elsewhere) = merged.tags.iter().find(|t| t.name == tag.name) {
            let ours = merged.group(elsewhere.group).map(|g| g.name.clone()).unwrap_or_default();
            conflicts.push(MergeConflict::OtherGroup {
                tag: tag.name.clone(),
                theirs: group_name.clone(),
                ours,
            });
        }
        let id = TagId(next_tag);
        next_tag += 1;
        let shortcut = tag.shortcut.filter(|key| merged.tag_for_shortcut(*key).is_none());
        merged.tags.push(Tag { id, group, parent: None, shortcut, ..tag.clone() });
        map.insert(tag.id, id);
        new_tags.push(format!("{group_name} › {}", tag.name));
    }
    // An added tag's parent points at the project's id once every tag has one.
    for tag in &theirs.tags {
        let (Some(parent), Some(id)) = (tag.parent.and_then(|p| map.get(&p).copied()), map.get(&tag.id))
        else {
            continue;
        };
        if let Some(added) =
            merged.tags.iter_mut().find(|t| t.id == *id && t.id.0 >= first_new && t.id != parent)
        {
            added.parent = Some(parent);
        }
    }
    (merged, map, new_tags, conflicts)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{NewComment, SourceRef};

    fn project_of(texts: &[(&str, u64)]) -> Project {
        let mut project = Project::new();
        let comments = texts
            .iter()
            .map(|(text, line)| {
                NewComment::new(*text, SourceRef { file: "声.csv".into(), sheet: None, line: *line })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        project
    }

    fn tag(project: &Project, name: &str) -> TagId {
        project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect(name)
    }

    #[test]
    fn the_same_comments_are_found_by_source_or_fingerprint_and_never_added_twice() {
        let mut ours = project_of(&[("配送が遅い", 2), ("味が薄い", 3)]);
        ours.apply(Command::AddTag { comment: CommentId(0), tag: tag(&ours, "配送・在庫") }).expect("ours");
        // Theirs: the same two (one read from another line, found by its text), and a new one.
        let mut theirs = project_of(&[("配送が遅い", 2), ("味が薄い", 30), ("箱が潰れていた", 4)]);
        theirs.apply(Command::NewTag { group: GroupId(1), name: "梱包".into() }).expect("their tag");
        let packing = tag(&theirs, "梱包");
        theirs
            .apply(Command::AddTags(vec![(CommentId(0), tag(&theirs, "品質")), (CommentId(2), packing)]))
            .expect("theirs");
        let plan = plan_merge(&ours, &theirs, " 佐藤 ");
        assert_eq!((plan.coder.as_str(), plan.matched, plan.added, plan.coded), ("佐藤", 2, 1, 1));
        assert_eq!(plan.new_tags, ["トピック › 梱包"]);
        let before = ours.clone();
        ours.apply(plan.command.clone()).expect("merged");
        assert_eq!(ours.comments().len(), 3, "the two known comments are not added again");
        let added = &ours.comments()[2];
        let packing_here = tag(&ours, "梱包");
        assert_eq!(added.tags().iter().copied().collect::<Vec<_>>(), [packing_here], "their tags, our ids");
        let coding = ours.team().coding("佐藤").expect("their coding");
        assert_eq!(
            coding.tags.get(&CommentId(0)).map(|t| t.iter().copied().collect::<Vec<_>>()),
            Some(vec![tag(&ours, "品質")])
        );
        assert!(coding.adopted.contains(&added.id) && !coding.adopted.contains(&CommentId(0)));
        assert_eq!(ours.comments()[0].tags().len(), 1, "our own tags stay ours");
        // Merging the same file again adds nothing.
        let again = plan_merge(&ours, &theirs, "佐藤");
        assert_eq!((again.matched, again.added), (3, 0));
        // One step back.
        ours.undo();
        assert_eq!(ours.comments(), before.comments());
        assert_eq!((ours.codebook(), ours.team()), (before.codebook(), before.team()));
        assert_eq!(
            ours.apply(Command::AddComments(vec![])).ok(),
            Some(crate::project::Change::Comments { added: 0, removed: 0 })
        );
    }

    #[test]
    fn codebook_conflicts_are_listed_and_the_projects_choices_kept() {
        let ours = project_of(&[]);
        let mut theirs = project_of(&[]);
        let mut codebook = theirs.codebook().clone();
        if let Some(t) = codebook.tags.iter_mut().find(|t| t.name == "品質") {
            t.rule.any_of.push("カビ".into());
        }
        if let Some(g) = codebook.groups.iter_mut().find(|g| g.name == "感情") {
            g.multiple = true;
        }
        let topic = codebook.groups.iter().find(|g| g.name == "トピック").map(|g| g.id).expect("topic");
        let high = codebook.tags.iter_mut().find(|t| t.name == "高").expect("高");
        high.group = topic;
        theirs.apply(Command::ReplaceCodebook(codebook)).expect("theirs");
        let plan = plan_merge(&ours, &theirs, "佐藤");
        assert!(
            plan.conflicts
                .contains(&MergeConflict::OtherKeywords {
                    group: "トピック".into(), tag: "品質".into()
                })
        );
        assert!(plan.conflicts.contains(&MergeConflict::OtherChoice { group: "感情".into() }));
        assert!(plan.conflicts.contains(&MergeConflict::OtherGroup {
            tag: "高".into(),
            theirs: "トピック".into(),
            ours: "緊急度".into()
        }));
    }
}
