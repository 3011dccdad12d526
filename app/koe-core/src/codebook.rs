//! The codebook: tag groups (dimensions) and their tags.

/// A tag group's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(pub u32);

/// A tag's identity; stable across renames so assignments survive them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TagId(pub u32);

/// A dimension such as 感情 or トピック.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagGroup {
    /// Identity.
    pub id: GroupId,
    /// Name shown to the user.
    pub name: String,
    /// Whether a comment may carry several tags of this group (トピック) or only one (感情).
    pub multiple: bool,
}

/// A tag a comment can carry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    /// Identity.
    pub id: TagId,
    /// The group it belongs to.
    pub group: GroupId,
    /// Name shown to the user.
    pub name: String,
    /// CSS colour (`#rrggbb`), the same in the grid and in every chart.
    pub colour: String,
}

/// The tag groups and tags of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Codebook {
    /// Groups in display order.
    pub groups: Vec<TagGroup>,
    /// Tags in display order.
    pub tags: Vec<Tag>,
}

/// A starter group: name, whether several tags may be chosen, and (tag, colour) pairs.
type StarterGroup = (&'static str, bool, &'static [(&'static str, &'static str)]);

/// The starter groups for customer-consultation work.
const STARTER: &[StarterGroup] = &[
    ("感情", false, &[("ポジティブ", "#2e7d32"), ("ニュートラル", "#757575"), ("ネガティブ", "#c62828")]),
    (
        "トピック",
        true,
        &[
            ("品質", "#1565c0"),
            ("味・使用感", "#6a1b9a"),
            ("価格", "#ef6c00"),
            ("パッケージ", "#00838f"),
            ("接客・対応", "#ad1457"),
            ("配送・在庫", "#4e342e"),
            ("要望・提案", "#558b2f"),
        ],
    ),
    ("緊急度", false, &[("高", "#b71c1c"), ("中", "#f9a825"), ("低", "#90a4ae")]),
];

impl Codebook {
    /// A starter codebook for a お客様相談室: sentiment, topic and urgency.
    pub fn starter() -> Self {
        let mut codebook = Codebook::default();
        let mut next_tag = 0;
        for (group_index, (name, multiple, tags)) in STARTER.iter().enumerate() {
            let group = GroupId(group_index as u32);
            codebook.groups.push(TagGroup { id: group, name: (*name).to_owned(), multiple: *multiple });
            for (tag_name, colour) in tags.iter() {
                codebook.tags.push(Tag {
                    id: TagId(next_tag),
                    group,
                    name: (*tag_name).to_owned(),
                    colour: (*colour).to_owned(),
                });
                next_tag += 1;
            }
        }
        codebook
    }

    /// The tag with this identity.
    pub fn tag(&self, id: TagId) -> Option<&Tag> {
        self.tags.iter().find(|tag| tag.id == id)
    }

    /// The group with this identity.
    pub fn group(&self, id: GroupId) -> Option<&TagGroup> {
        self.groups.iter().find(|group| group.id == id)
    }

    /// The tags of one group, in display order.
    pub fn tags_in(&self, group: GroupId) -> impl Iterator<Item = &Tag> {
        self.tags.iter().filter(move |tag| tag.group == group)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starter_has_unique_ids_and_every_tag_in_a_group() {
        let codebook = Codebook::starter();
        let mut ids: Vec<TagId> = codebook.tags.iter().map(|t| t.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), codebook.tags.len());
        assert!(codebook.tags.iter().all(|t| codebook.group(t.group).is_some()));
        let sentiment = codebook.groups.iter().find(|g| g.name == "感情").expect("感情");
        assert!(!sentiment.multiple);
        assert_eq!(codebook.tags_in(sentiment.id).count(), 3);
    }
}
