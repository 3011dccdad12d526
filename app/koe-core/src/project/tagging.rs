//! A comment's tags, who set them, and the person's decisions rules must respect.

use std::collections::BTreeSet;

use crate::project::codebook::{Codebook, TagId};

/// The tags of one comment: which are set, which of those a rule set, and which the person
/// took off (so re-running rules never puts them back).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tagging {
    /// The tags the comment carries.
    pub tags: BTreeSet<TagId>,
    /// The carried tags a rule set and no person confirmed.
    pub by_rule: BTreeSet<TagId>,
    /// Tags a person removed or replaced; rules leave them off.
    pub rejected: BTreeSet<TagId>,
}

impl crate::project::rare::Empty for Tagging {
    fn empty() -> &'static Self {
        static EMPTY: Tagging =
            Tagging { tags: BTreeSet::new(), by_rule: BTreeSet::new(), rejected: BTreeSet::new() };
        &EMPTY
    }
}

impl Tagging {
    /// A person gives the tag: it becomes theirs, and in a single-choice group it replaces the
    /// group's other tag (which counts as rejected).
    pub fn with_added(&self, tag: TagId, codebook: &Codebook) -> Tagging {
        let mut next = self.clone();
        for replaced in same_group_if_single(&self.tags, tag, codebook) {
            next.tags.remove(&replaced);
            next.by_rule.remove(&replaced);
            next.rejected.insert(replaced);
        }
        next.tags.insert(tag);
        next.by_rule.remove(&tag);
        next.rejected.remove(&tag);
        next
    }

    /// A person takes the tag off: rules will not set it again.
    pub fn with_removed(&self, tag: TagId) -> Tagging {
        let mut next = self.clone();
        if next.tags.remove(&tag) {
            next.by_rule.remove(&tag);
            next.rejected.insert(tag);
        }
        next
    }

    /// A rule sets the tag, unless a person removed it or already decided the single-choice group.
    pub fn with_rule_tag(&self, tag: TagId, codebook: &Codebook) -> Tagging {
        let mut next = self.clone();
        if self.tags.contains(&tag) || self.rejected.contains(&tag) {
            return next;
        }
        if !same_group_if_single(&self.tags, tag, codebook).is_empty() {
            return next;
        }
        next.tags.insert(tag);
        next.by_rule.insert(tag);
        next
    }

    /// A tag a rule set whose rule no longer matches comes off; a person's tags stay.
    pub fn without_rule_tag(&self, tag: TagId) -> Tagging {
        let mut next = self.clone();
        if next.by_rule.remove(&tag) {
            next.tags.remove(&tag);
        }
        next
    }

    /// Whether a person (not a rule) set the tag.
    pub fn is_manual(&self, tag: TagId) -> bool {
        self.tags.contains(&tag) && !self.by_rule.contains(&tag)
    }

    /// The same tagging with tag ids mapped (merge) or dropped (delete).
    pub fn mapped(&self, map: impl Fn(TagId) -> Option<TagId>) -> Tagging {
        let convert = |set: &BTreeSet<TagId>| set.iter().filter_map(|t| map(*t)).collect::<BTreeSet<_>>();
        let tags = convert(&self.tags);
        // A tag a person set stays a person's even if a rule had set the one merged into it.
        let manual: BTreeSet<TagId> =
            self.tags.iter().filter(|t| !self.by_rule.contains(t)).filter_map(|t| map(*t)).collect();
        let by_rule = convert(&self.by_rule).difference(&manual).copied().collect();
        let rejected = convert(&self.rejected).difference(&tags).copied().collect();
        Tagging { tags, by_rule, rejected }
    }
}

/// The tags of `tag`'s group already in `tags`, when that group allows only one.
fn same_group_if_single(tags: &BTreeSet<TagId>, tag: TagId, codebook: &Codebook) -> Vec<TagId> {
    let Some(group) = codebook.tag(tag).map(|t| t.group) else { return Vec::new() };
    if codebook.group(group).is_none_or(|g| g.multiple) {
        return Vec::new();
    }
    tags.iter()
        .copied()
        .filter(|t| *t != tag && codebook.tag(*t).is_some_and(|other| other.group == group))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(codebook: &Codebook, name: &str) -> TagId {
        codebook.tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag")
    }

    #[test]
    fn a_persons_decision_wins_over_rules() {
        let book = Codebook::starter();
        let (positive, negative, price) =
            (tag(&book, "ポジティブ"), tag(&book, "ネガティブ"), tag(&book, "価格"));
        let ruled = Tagging::default().with_rule_tag(positive, &book).with_rule_tag(price, &book);
        assert!(ruled.by_rule.contains(&positive) && !ruled.is_manual(positive));

        // Choosing ネガティブ replaces the rule's ポジティブ, and the rule cannot bring it back.
        let chosen = ruled.with_added(negative, &book);
        assert_eq!(chosen.tags, [negative, price].into_iter().collect());
        assert!(chosen.is_manual(negative));
        assert_eq!(chosen.with_rule_tag(positive, &book), chosen);

        // Removing a rule's tag is a decision too; confirming one makes it the person's.
        let removed = chosen.with_removed(price);
        assert_eq!(removed.with_rule_tag(price, &book), removed);
        let confirmed = ruled.with_added(price, &book);
        assert!(confirmed.is_manual(price));
        assert_eq!(
            confirmed.without_rule_tag(price),
            confirmed,
            "a person's tag stays when its rule stops matching"
        );
        assert!(!ruled.without_rule_tag(price).tags.contains(&price));
    }

    #[test]
    fn merging_maps_tags_and_keeps_a_persons_tag_manual() {
        let book = Codebook::starter();
        let (price, quality) = (tag(&book, "価格"), tag(&book, "品質"));
        let tagging = Tagging::default().with_rule_tag(price, &book).with_added(quality, &book);
        let merged = tagging.mapped(|t| Some(if t == price { quality } else { t }));
        assert_eq!(merged.tags, [quality].into_iter().collect());
        assert!(merged.is_manual(quality));
        let deleted = tagging.mapped(|t| (t != quality).then_some(t));
        assert_eq!(deleted.tags, [price].into_iter().collect());
    }
}
