//! The codebook: tag groups (dimensions) and their tags.

use crate::text::lang::Lang;

/// Colours given to new tags in turn, in the app and from a codebook file alike.
pub const TAG_PALETTE: [&str; 8] =
    ["#1565c0", "#2e7d32", "#c62828", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#558b2f"];

/// A tag group's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct GroupId(pub u32);

/// A tag's identity; stable across renames so assignments survive them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
pub struct TagId(pub u32);

/// A dimension such as 感情 or トピック.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TagGroup {
    /// Identity.
    pub id: GroupId,
    /// Name shown to the user.
    pub name: String,
    /// Whether a comment may carry several tags of this group (トピック) or only one (感情).
    pub multiple: bool,
}

/// A tag a comment can carry.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tag {
    /// Identity.
    pub id: TagId,
    /// The group it belongs to.
    pub group: GroupId,
    /// Name shown to the user.
    pub name: String,
    /// CSS colour (`#rrggbb`), the same in the grid and in every chart.
    pub colour: String,
    /// The tag this one refines (one level deep: a parent has no parent), in the same group.
    pub parent: Option<TagId>,
    /// A key that toggles the tag on the current comment in the grid.
    pub shortcut: Option<char>,
    /// Keywords that tag a comment automatically when rules are applied.
    pub rule: Rule,
}

/// A keyword rule: which comments a tag's rule matches, on the normalised text.
///
/// A comment matches when it contains at least one `any_of` term (or `any_of` is empty), every
/// `all_of` term, no `none_of` term, and the `regex` (if any). A rule with no terms and no
/// regex matches nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Rule {
    /// Terms of which one must occur.
    pub any_of: Vec<String>,
    /// Terms that must all occur.
    pub all_of: Vec<String>,
    /// Terms that must not occur.
    pub none_of: Vec<String>,
    /// A regular expression the normalised text must match.
    pub regex: Option<String>,
}

impl Rule {
    /// Whether the rule has anything that could match.
    pub fn is_empty(&self) -> bool {
        self.any_of.is_empty() && self.all_of.is_empty() && self.regex.is_none()
    }

    /// Reads the one-line keyword syntax members type in the codebook screen and CSV:
    /// `|`-separated terms; `+term` must occur, `-term` must not; `re:` starts a regular
    /// expression that runs to the end (so it may contain `|`). Full-width ＋, － and ｜ count
    /// too, since a Japanese input method types them.
    pub fn from_keywords(cell: &str) -> Rule {
        let mut rule = Rule::default();
        let mut rest = cell;
        loop {
            let start = rest.trim_start();
            if let Some(pattern) = strip_regex_prefix(start) {
                let pattern = pattern.trim();
                if !pattern.is_empty() {
                    rule.regex = Some(pattern.to_owned());
                }
                return rule;
            }
            let (term, next) = match start.char_indices().find(|(_, c)| matches!(c, '|' | '｜')) {
                Some((at, separator)) => (&start[..at], Some(&start[at + separator.len_utf8()..])),
                None => (start, None),
            };
            let term = term.trim();
            let (list, term) = if let Some(t) = term.strip_prefix(['+', '＋']) {
                (&mut rule.all_of, t.trim())
            } else if let Some(t) = term.strip_prefix(['-', '－']) {
                (&mut rule.none_of, t.trim())
            } else {
                (&mut rule.any_of, term)
            };
            if !term.is_empty() {
                list.push(term.to_owned());
            }
            match next {
                Some(next) => rest = next,
                None => return rule,
            }
        }
    }

    /// The rule in the keyword syntax of [`Rule::from_keywords`]. Plain terms come first, so a
    /// cell starts with `+` or `-` only when the rule has no plain term; the regex comes last.
    pub fn to_keywords(&self) -> String {
        let terms = self
            .any_of
            .iter()
            .cloned()
            .chain(self.all_of.iter().map(|t| format!("+{t}")))
            .chain(self.none_of.iter().map(|t| format!("-{t}")))
            .chain(self.regex.iter().map(|r| format!("re:{r}")));
        terms.collect::<Vec<_>>().join("|")
    }
}

/// The tag groups and tags of a project.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Codebook {
    /// Groups in display order.
    pub groups: Vec<TagGroup>,
    /// Tags in display order.
    pub tags: Vec<Tag>,
}

/// A starter group: name, whether several tags may be chosen, and (tag, colour, shortcut, keywords).
type StarterGroup =
    (&'static str, bool, &'static [(&'static str, &'static str, char, &'static [&'static str])]);

/// The starter groups for customer-consultation work.
const STARTER: &[StarterGroup] = &[
    (
        "感情",
        false,
        &[
            ("ポジティブ", "#2e7d32", '1', &["おいしい", "美味しい", "最高", "ありがとう", "好き"]),
            ("ニュートラル", "#757575", '2', &[]),
            ("ネガティブ", "#c62828", '3', &["残念", "不満", "がっかり", "ひどい", "最悪"]),
        ],
    ),
    (
        "トピック",
        true,
        &[
            ("品質", "#1565c0", 'q', &["異物", "品質", "傷んで", "変色"]),
            ("味・使用感", "#6a1b9a", 'a', &["味", "食感", "使いやす", "使いにく"]),
            ("価格", "#ef6c00", 'p', &["値段", "価格", "高い", "値上げ"]),
            ("パッケージ", "#00838f", 'b', &["容器", "パッケージ", "開けにく", "袋", "キャップ"]),
            ("接客・対応", "#ad1457", 's', &["対応", "接客", "電話がつながら"]),
            ("配送・在庫", "#4e342e", 'd', &["配送", "在庫", "売り切れ", "届かない"]),
            ("要望・提案", "#558b2f", 'r', &["してほしい", "ほしい", "希望", "お願い"]),
        ],
    ),
    (
        "緊急度",
        false,
        &[
            ("高", "#b71c1c", 'h', &["健康被害", "けが", "異物"]),
            ("中", "#f9a825", 'm', &[]),
            ("低", "#90a4ae", 'l', &[]),
        ],
    ),
];

/// The same starter in English, for a member whose browser speaks English at the first run:
/// the same groups, tags, colours and keys, with English keywords.
const STARTER_EN: &[StarterGroup] = &[
    (
        "Sentiment",
        false,
        &[
            ("Positive", "#2e7d32", '1', &["delicious", "love", "great", "thank", "best"]),
            ("Neutral", "#757575", '2', &[]),
            ("Negative", "#c62828", '3', &["disappoint", "unhappy", "terrible", "worst", "awful"]),
        ],
    ),
    (
        "Topic",
        true,
        &[
            ("Quality", "#1565c0", 'q', &["foreign object", "quality", "spoiled", "discolo"]),
            ("Taste & use", "#6a1b9a", 'a', &["taste", "texture", "easy to use", "hard to use", "bland"]),
            ("Price", "#ef6c00", 'p', &["price", "expensive", "cost", "price rise"]),
            ("Packaging", "#00838f", 'b', &["packag", "container", "hard to open", "bag", "cap"]),
            ("Service", "#ad1457", 's', &["service", "staff", "support", "could not get through"]),
            ("Delivery & stock", "#4e342e", 'd', &["deliver", "stock", "sold out", "never arrived"]),
            ("Requests", "#558b2f", 'r', &["please", "wish", "would like", "should"]),
        ],
    ),
    (
        "Urgency",
        false,
        &[
            ("High", "#b71c1c", 'h', &["health", "injur", "foreign object"]),
            ("Medium", "#f9a825", 'm', &[]),
            ("Low", "#90a4ae", 'l', &[]),
        ],
    ),
];

impl Codebook {
    /// A starter codebook for a お客様相談室: sentiment, topic and urgency.
    pub fn starter() -> Self {
        Codebook::starter_in(Lang::Ja)
    }

    /// The starter codebook in `lang`: what a new project begins with.
    pub fn starter_in(lang: Lang) -> Self {
        let starter = match lang {
            Lang::Ja => STARTER,
            Lang::En => STARTER_EN,
        };
        let mut codebook = Codebook::default();
        let mut next_tag = 0;
        for (group_index, (name, multiple, tags)) in starter.iter().enumerate() {
            let group = GroupId(group_index as u32);
            codebook.groups.push(TagGroup { id: group, name: (*name).to_owned(), multiple: *multiple });
            for (tag_name, colour, shortcut, keywords) in tags.iter() {
                codebook.tags.push(Tag {
                    id: TagId(next_tag),
                    group,
                    name: (*tag_name).to_owned(),
                    colour: (*colour).to_owned(),
                    parent: None,
                    shortcut: Some(*shortcut),
                    rule: Rule {
                        any_of: keywords.iter().map(|k| (*k).to_owned()).collect(),
                        ..Rule::default()
                    },
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

    /// Every tag labelled "group: tag", in display order, for menus.
    pub fn tag_labels(&self) -> Vec<(TagId, String)> {
        self.tags
            .iter()
            .map(|t| {
                let group = self.group(t.group).map(|g| g.name.as_str()).unwrap_or_default();
                (t.id, format!("{group}: {}", t.name))
            })
            .collect()
    }

    /// The tag a key toggles.
    pub fn tag_for_shortcut(&self, key: char) -> Option<&Tag> {
        self.tags.iter().find(|tag| tag.shortcut == Some(key))
    }

    /// A tag identity not used yet.
    pub fn next_tag_id(&self) -> TagId {
        TagId(self.tags.iter().map(|t| t.id.0 + 1).max().unwrap_or(0))
    }

    /// A group identity not used yet.
    pub fn next_group_id(&self) -> GroupId {
        GroupId(self.groups.iter().map(|g| g.id.0 + 1).max().unwrap_or(0))
    }

    /// The tags of one group, in display order.
    pub fn tags_in(&self, group: GroupId) -> impl Iterator<Item = &Tag> {
        self.tags.iter().filter(move |tag| tag.group == group)
    }
}

/// The pattern after `re:` (any case, or with a full-width colon), if the term is one.
fn strip_regex_prefix(term: &str) -> Option<&str> {
    let head = term.get(..2)?;
    if !head.eq_ignore_ascii_case("re") {
        return None;
    }
    term[2..].strip_prefix([':', '：'])
}

/// Whether a colour is `#rrggbb`, the only form Koe stores and draws: anything else (from a
/// hostile file) could break out of an SVG or HTML attribute.
pub fn is_colour(value: &str) -> bool {
    value.len() == 7 && value.starts_with('#') && value[1..].chars().all(|c| c.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_syntax_round_trips_and_a_regex_may_contain_bars() {
        let rule = Rule::from_keywords(" 開けにく | 固い |+容器| -開けやすい |re:キャップ.*(固|硬)");
        assert_eq!(rule.any_of, vec!["開けにく", "固い"]);
        assert_eq!(rule.all_of, vec!["容器"]);
        assert_eq!(rule.none_of, vec!["開けやすい"]);
        assert_eq!(rule.regex.as_deref(), Some("キャップ.*(固|硬)"));
        assert_eq!(Rule::from_keywords(&rule.to_keywords()), rule);
        assert_eq!(
            Rule::from_keywords("fire|are:x").any_of,
            vec!["fire", "are:x"],
            "re: only at a term's start"
        );
        assert!(Rule::from_keywords(" | ").is_empty());
        assert_eq!(Rule::from_keywords("are:x|re:a|b").regex.as_deref(), Some("a|b"));
    }

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
