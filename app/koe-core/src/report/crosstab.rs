//! Comments split by a dimension (a tag group, the channel, an attribute column) and counted
//! by one or two of them: what the attribute breakdown and the cross-tab sections draw.

use rustc_hash::FxHashMap;

use crate::project::Project;
use crate::project::codebook::Codebook;
use crate::project::comment::Comment;
use crate::project::layout::Dimension;
use crate::report::texts::report_texts;
use crate::sorting::sort_by;
use crate::text::lang::Lang;

/// The values of one dimension over some comments, and which values each comment has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Classified {
    /// The values' labels, in the order a chart shows them.
    pub labels: Vec<String>,
    /// The values' colours where they are tags.
    pub colours: Option<Vec<String>>,
    /// Per comment, the indexes of its values (a tag group may give several, or none is
    /// never the case: a comment without one gets the "no tag" / "blank" value).
    pub of: Vec<Vec<usize>>,
    /// Whether a comment may have several values (a multi-choice tag group).
    pub multiple: bool,
}

impl Classified {
    /// Comments having each value (a comment counts once per value).
    pub fn totals(&self) -> Vec<u64> {
        let mut totals = vec![0u64; self.labels.len()];
        for values in &self.of {
            for value in values {
                totals[*value] += 1;
            }
        }
        totals
    }
}

/// The name of a dimension as a menu and a title show it.
pub fn dimension_name(dimension: &Dimension, codebook: &Codebook, lang: Lang) -> String {
    match dimension {
        Dimension::Group(id) => codebook.group(*id).map(|g| g.name.clone()).unwrap_or_default(),
        Dimension::Channel => report_texts(lang).dimension_channel.to_owned(),
        Dimension::Attribute(name) => name.clone(),
    }
}

/// The attribute columns of the project's comments, in the order they first appear.
pub fn attribute_names(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for comment in project.comments() {
        for (name, _) in &comment.attributes {
            if !names.iter().any(|n| n == name) {
                names.push(name.clone());
            }
        }
    }
    names
}

/// Splits `comments` by `dimension`. Tags keep the codebook's order; channels and attribute
/// values go most frequent first (ties by name), the blank value last.
pub fn classify(dimension: &Dimension, comments: &[&Comment], codebook: &Codebook, lang: Lang) -> Classified {
    let t = report_texts(lang);
    match dimension {
        Dimension::Group(group) => {
            let tags: Vec<_> = codebook.tags_in(*group).collect();
            let position: FxHashMap<_, usize> = tags.iter().enumerate().map(|(i, tag)| (tag.id, i)).collect();
            let none = tags.len();
            let of: Vec<Vec<usize>> = comments
                .iter()
                .map(|c| {
                    let values: Vec<usize> =
                        c.tags().iter().filter_map(|id| position.get(id).copied()).collect();
                    if values.is_empty() { vec![none] } else { values }
                })
                .collect();
            let mut labels: Vec<String> =
                tags.iter().map(|tag| crate::report::tag_name(codebook, tag)).collect();
            let mut colours: Vec<String> = tags.iter().map(|tag| tag.colour.clone()).collect();
            labels.push(t.no_tag.to_owned());
            colours.push("#9e9e9e".to_owned());
            let multiple = codebook.group(*group).is_some_and(|g| g.multiple);
            let classified = Classified { labels, colours: Some(colours), of, multiple };
            without_unused_last(classified)
        }
        Dimension::Channel => by_text(comments.iter().map(|c| &*c.channel), t.unknown_channel),
        Dimension::Attribute(name) => by_text(
            comments
                .iter()
                .map(|c| c.attributes.iter().find(|(n, _)| n == name).map_or("", |(_, value)| value.trim())),
            t.blank_value,
        ),
    }
}

/// A tag group's "no tag" value is shown only when some comment has it.
fn without_unused_last(mut classified: Classified) -> Classified {
    let last = classified.labels.len() - 1;
    if !classified.of.iter().any(|values| values.contains(&last)) {
        classified.labels.pop();
        if let Some(colours) = classified.colours.as_mut() {
            colours.pop();
        }
    }
    classified
}

/// Values taken from a text per comment; the empty text reads as `blank`.
fn by_text<'a>(texts: impl Iterator<Item = &'a str>, blank: &str) -> Classified {
    let mut numbers: FxHashMap<&str, usize> = FxHashMap::default();
    let mut seen: Vec<(&str, u64)> = Vec::new();
    let first: Vec<usize> = texts
        .map(|text| {
            let number = *numbers.entry(text).or_insert_with(|| {
                seen.push((text, 0));
                seen.len() - 1
            });
            seen[number].1 += 1;
            number
        })
        .collect();
    let mut order: Vec<usize> = (0..seen.len()).collect();
    sort_by(&mut order, |a, b| {
        let (text_a, n_a) = seen[*a];
        let (text_b, n_b) = seen[*b];
        text_a.is_empty().cmp(&text_b.is_empty()).then(n_b.cmp(&n_a)).then_with(|| text_a.cmp(text_b))
    });
    let mut rank = vec![0usize; order.len()];
    for (position, number) in order.iter().enumerate() {
        rank[*number] = position;
    }
    let labels = order
        .iter()
        .map(|number| match seen[*number].0 {
            "" => blank.to_owned(),
            text => text.to_owned(),
        })
        .collect();
    Classified {
        labels,
        colours: None,
        of: first.into_iter().map(|n| vec![rank[n]]).collect(),
        multiple: false,
    }
}

/// Counts of comments by two splits of the same comments: `[row value][column value]`.
pub fn cross_counts(rows: &Classified, columns: &Classified) -> Vec<Vec<u64>> {
    let mut counts = vec![vec![0u64; columns.labels.len()]; rows.labels.len()];
    for (row_values, column_values) in rows.of.iter().zip(&columns.of) {
        for row in row_values {
            for column in column_values {
                counts[*row][*column] += 1;
            }
        }
    }
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{CommentId, NewComment, SourceRef};

    fn comment(id: u32, channel: &str, shop: Option<&str>) -> Comment {
        let source = SourceRef { file: "a.csv".into(), sheet: None, line: u64::from(id) };
        let mut new = NewComment::new("本文", source);
        new.channel = channel.into();
        new.attributes = shop.map(|s| vec![("店舗".to_owned(), s.to_owned())]).unwrap_or_default();
        Comment::from_new(CommentId(id), new)
    }

    #[test]
    fn attribute_values_go_most_frequent_first_and_blank_last_with_every_comment_counted() {
        let comments = [
            comment(1, "X", Some("渋谷")),
            comment(2, "X", Some("新宿")),
            comment(3, "電話", Some("新宿")),
            comment(4, "電話", None),
            comment(5, "X", Some(" ")),
        ];
        let refs: Vec<&Comment> = comments.iter().collect();
        let codebook = Codebook::starter();
        let shop = classify(&Dimension::Attribute("店舗".into()), &refs, &codebook, Lang::Ja);
        assert_eq!(shop.labels, ["新宿", "渋谷", "（空欄）"]);
        assert_eq!(shop.totals(), [2, 1, 2], "no comment is dropped: the blank ones are a value");
        let channel = classify(&Dimension::Channel, &refs, &codebook, Lang::Ja);
        assert_eq!(channel.labels, ["X", "電話"]);
        let counts = cross_counts(&shop, &channel);
        assert_eq!(counts, vec![vec![1, 1], vec![1, 0], vec![1, 1]]);
        assert_eq!(counts.iter().flatten().sum::<u64>(), 5);
    }

    #[test]
    fn a_tag_group_gives_its_tags_and_no_tag_only_when_some_comment_has_none() {
        let codebook = Codebook::starter();
        let group = codebook.groups.iter().find(|g| g.name == "感情").map(|g| g.id).expect("感情");
        let positive = codebook.tags_in(group).next().map(|t| t.id).expect("a tag");
        let mut tagged = comment(1, "X", None);
        tagged.tagging.tags.insert(positive);
        let untagged = comment(2, "X", None);
        let both = classify(&Dimension::Group(group), &[&tagged, &untagged], &codebook, Lang::Ja);
        assert_eq!(both.labels.last().map(String::as_str), Some("（タグなし）"));
        assert_eq!(both.of, vec![vec![0], vec![both.labels.len() - 1]]);
        let one = classify(&Dimension::Group(group), &[&tagged], &codebook, Lang::Ja);
        assert_eq!(one.labels.len(), codebook.tags_in(group).count());
    }
}
