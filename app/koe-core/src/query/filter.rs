//! Which comments the grid shows: filters that combine, and the sort order.

use std::cmp::Ordering;

use chrono::NaiveDate;

use crate::project::codebook::{Codebook, GroupId, TagId};
use crate::project::comment::{Comment, CommentId};
use crate::text::normalize::normalize;

/// How the wanted tags combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TagMode {
    /// Every wanted tag (AND).
    #[default]
    All,
    /// At least one wanted tag (OR).
    Any,
}

/// Everything a user can filter the comments by; an empty filter keeps all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all occur, matched on the normalised text (so ｱｲﾌｫﾝ finds アイフォン).
    pub text: String,
    /// Tags the comment must have, combined by `tag_mode`.
    pub with_tags: Vec<TagId>,
    /// How `with_tags` combine.
    pub tag_mode: TagMode,
    /// Tags the comment must not have.
    pub without_tags: Vec<TagId>,
    /// First day, inclusive.
    pub from: Option<NaiveDate>,
    /// Last day, inclusive.
    pub to: Option<NaiveDate>,
    /// Only this channel.
    pub channel: Option<String>,
    /// Only comments whose attribute (other column) has this value: (column name, value).
    pub attribute: Option<(String, String)>,
    /// Only comments without any tag.
    pub untagged: bool,
    /// Only comments that need a response nobody has given yet.
    pub waiting_response: bool,
}

impl Filter {
    /// A matcher with the search words normalised once, not once per comment.
    pub fn matcher(&self) -> Matcher<'_> {
        let words = normalize(&self.text).split(' ').filter(|w| !w.is_empty()).map(str::to_owned).collect();
        Matcher { filter: self, words }
    }
}

/// A [`Filter`] ready to test many comments.
#[derive(Clone, Debug)]
pub struct Matcher<'a> {
    filter: &'a Filter,
    words: Vec<String>,
}

impl Matcher<'_> {
    /// The search words, normalised, in the order typed.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    /// Whether the comment passes every part of the filter.
    pub fn matches(&self, comment: &Comment) -> bool {
        self.matches_besides_text(comment) && self.matches_text(comment)
    }

    /// Whether the comment's normalised text holds every search word.
    fn matches_text(&self, comment: &Comment) -> bool {
        self.words.iter().all(|w| comment.normalized().contains(w.as_str()))
    }

    /// Whether the comment passes every part of the filter but the search words.
    fn matches_besides_text(&self, comment: &Comment) -> bool {
        let f = self.filter;
        let tags = comment.tags();
        let wanted = match f.tag_mode {
            TagMode::All => f.with_tags.iter().all(|t| tags.contains(t)),
            TagMode::Any => f.with_tags.is_empty() || f.with_tags.iter().any(|t| tags.contains(t)),
        };
        let day = comment.date.map(|d| d.date());
        wanted
            && !f.without_tags.iter().any(|t| tags.contains(t))
            && f.from.is_none_or(|from| day.is_some_and(|d| d >= from))
            && f.to.is_none_or(|to| day.is_some_and(|d| d <= to))
            && f.channel.as_ref().is_none_or(|c| *comment.channel == **c)
            && f.attribute
                .as_ref()
                .is_none_or(|(name, value)| comment.attributes.iter().any(|(n, v)| n == name && v == value))
            && (!f.untagged || tags.is_empty())
            && (!f.waiting_response || comment.response.is_waiting())
    }
}

/// The comments the filter keeps, in project order.
pub fn matching(comments: &[Comment], filter: &Filter) -> Vec<CommentId> {
    kept(comments, None, filter).into_iter().map(|c| c.id).collect()
}

/// The comments that pass every part of a filter but its search words, one flag per comment
/// in project order: made when the tags, dates or other parts change, so that a keystroke in
/// the search box only searches the text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Narrowed {
    /// `None` when the filter has nothing but (at most) search words: every comment passes.
    keep: Option<Vec<bool>>,
}

impl Narrowed {
    /// The flags for `comments`: `Some(None)` when every comment passes, `Some(Some(flags))`
    /// when they were made for a list this long, `None` when they were not.
    pub(crate) fn flags_for(&self, comments: &[Comment]) -> Option<Option<&[bool]>> {
        match self.keep.as_deref() {
            None => Some(None),
            Some(keep) if keep.len() == comments.len() => Some(Some(keep)),
            Some(_) => None,
        }
    }
}

impl Filter {
    /// What this filter keeps of `comments` before its search words are looked at.
    pub fn narrowed(&self, comments: &[Comment]) -> Narrowed {
        if *self == (Filter { text: self.text.clone(), ..Filter::default() }) {
            return Narrowed { keep: None };
        }
        let matcher = self.matcher();
        Narrowed { keep: Some(comments.iter().map(|c| matcher.matches_besides_text(c)).collect()) }
    }
}

/// The comments the filter keeps, in project order, each one checked. With `narrowed` made for
/// these comments the other parts are not checked again. The search box searches through
/// [`crate::query::typed_search::TypedSearch`] instead, which reads an index of the texts.
pub fn kept<'a>(comments: &'a [Comment], narrowed: Option<&Narrowed>, filter: &Filter) -> Vec<&'a Comment> {
    let matcher = filter.matcher();
    // `None` when not made for these comments: each one is checked.
    let flags = narrowed.and_then(|n| n.flags_for(comments));
    let besides_text = |position: usize, comment: &Comment| match flags {
        Some(None) => true,
        Some(Some(keep)) => keep[position],
        None => matcher.matches_besides_text(comment),
    };
    comments
        .iter()
        .enumerate()
        .filter(|(position, c)| besides_text(*position, c) && matcher.matches_text(c))
        .map(|(_, c)| c)
        .collect()
}

/// A grid column to sort by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    /// Project order (import order).
    #[default]
    Added,
    /// Date, undated last.
    Date,
    /// Channel name.
    Channel,
    /// The text.
    Text,
    /// The name of the comment's first tag in a group, untagged last.
    Group(GroupId),
    /// Response status.
    Response,
}

/// Sorts comments (given in project order) by a column; equal keys keep project order.
pub fn sort(
    comments: &[&Comment],
    column: SortColumn,
    descending: bool,
    codebook: &Codebook,
) -> Vec<CommentId> {
    let mut order: Vec<&Comment> = comments.to_vec();
    let group_tag = |comment: &Comment, group: GroupId| -> Option<usize> {
        comment
            .tags()
            .iter()
            .filter_map(|t| codebook.tags.iter().position(|tag| tag.id == *t && tag.group == group))
            .min()
    };
    let compare = |a: &&Comment, b: &&Comment| -> Ordering {
        match column {
            SortColumn::Added => a.id.cmp(&b.id),
            SortColumn::Date => none_last(a.date, b.date),
            SortColumn::Channel => a.channel.cmp(&b.channel),
            SortColumn::Text => a.normalized().cmp(b.normalized()),
            SortColumn::Group(group) => none_last(group_tag(a, group), group_tag(b, group)),
            SortColumn::Response => {
                (!a.response.needed, a.response.status).cmp(&(!b.response.needed, b.response.status))
            }
        }
    };
    order.sort_by(|a, b| {
        let ordering = compare(a, b);
        if descending { ordering.reverse() } else { ordering }
    });
    order.into_iter().map(|c| c.id).collect()
}

fn none_last<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::project::tagging::Tagging;
    use crate::query::typed_search::TypedSearch;

    fn comment(id: u32, text: &str, day: Option<u32>, channel: &str) -> Comment {
        let source = SourceRef { file: "t.csv".into(), sheet: None, line: u64::from(id) + 2 };
        let mut new = NewComment::new(text, source);
        new.date = day.and_then(|d| NaiveDate::from_ymd_opt(2026, 5, d)).and_then(|d| d.and_hms_opt(9, 0, 0));
        new.channel = channel.into();
        new.attributes =
            vec![("店舗".to_owned(), if id.is_multiple_of(2) { "新宿" } else { "梅田" }.to_owned())];
        Comment::from_new(CommentId(id), new)
    }

    fn ids(list: &[u32]) -> Vec<CommentId> {
        list.iter().map(|i| CommentId(*i)).collect()
    }

    #[test]
    fn every_part_of_the_filter_narrows_and_they_combine() {
        let book = Codebook::starter();
        let tag = |name: &str| book.tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag");
        let mut comments = vec![
            comment(0, "ｱｲﾌｫﾝで注文した", Some(1), "X"),
            comment(1, "ＡＢＣのパッケージ", Some(10), "電話"),
            comment(2, "abc 値段が高い", None, "X"),
            comment(3, "とても おいしい", Some(20), "ブログ"),
        ];
        *comments[1].tagging = Tagging::default().with_added(tag("パッケージ"), &book);
        *comments[2].tagging =
            Tagging::default().with_added(tag("価格"), &book).with_added(tag("ネガティブ"), &book);
        comments[3].response.needed = true;

        let run = |filter: Filter| {
            let plain = matching(&comments, &filter);
            let narrowed = filter.narrowed(&comments);
            let with_narrowed: Vec<CommentId> =
                kept(&comments, Some(&narrowed), &filter).iter().map(|c| c.id).collect();
            assert_eq!(plain, with_narrowed, "narrowed: {filter:?}");
            // The search box's way: an index of the texts, under the other parts' flags (and
            // under flags made for another list, which it must not trust).
            let stale = Filter { untagged: true, ..Filter::default() }.narrowed(&comments[1..]);
            for under in [&narrowed, &stale] {
                let mut search = TypedSearch::default();
                let searched: Vec<CommentId> =
                    search.kept(&comments, under, &filter).iter().map(|c| c.id).collect();
                assert_eq!(plain, searched, "searched under {under:?}: {filter:?}");
            }
            plain
        };
        assert_eq!(run(Filter::default()), ids(&[0, 1, 2, 3]));
        assert_eq!(run(Filter { text: "アイフォン".into(), ..Filter::default() }), ids(&[0]));
        assert_eq!(run(Filter { text: "abc".into(), ..Filter::default() }), ids(&[1, 2]));
        assert_eq!(run(Filter { text: "abc 高い".into(), ..Filter::default() }), ids(&[2]));
        let both = vec![tag("価格"), tag("パッケージ")];
        assert_eq!(run(Filter { with_tags: both.clone(), ..Filter::default() }), ids(&[]));
        assert_eq!(
            run(Filter { with_tags: both, tag_mode: TagMode::Any, ..Filter::default() }),
            ids(&[1, 2])
        );
        assert_eq!(run(Filter { without_tags: vec![tag("価格")], ..Filter::default() }), ids(&[0, 1, 3]));
        let abc_unpriced =
            Filter { text: "abc".into(), without_tags: vec![tag("価格")], ..Filter::default() };
        assert_eq!(run(abc_unpriced), ids(&[1]));
        let may = |d| NaiveDate::from_ymd_opt(2026, 5, d);
        assert_eq!(run(Filter { from: may(5), to: may(15), ..Filter::default() }), ids(&[1]));
        assert_eq!(run(Filter { channel: Some("X".into()), untagged: true, ..Filter::default() }), ids(&[0]));
        let shop = Some(("店舗".to_owned(), "梅田".to_owned()));
        assert_eq!(run(Filter { attribute: shop, ..Filter::default() }), ids(&[1, 3]));
        assert_eq!(run(Filter { waiting_response: true, ..Filter::default() }), ids(&[3]));
    }

    #[test]
    fn sorts_by_any_column_with_blanks_last() {
        let book = Codebook::starter();
        let comments =
            [comment(0, "b", Some(9), "X"), comment(1, "a", None, "ブログ"), comment(2, "c", Some(3), "X")];
        let refs: Vec<&Comment> = comments.iter().collect();
        assert_eq!(sort(&refs, SortColumn::Date, false, &book), ids(&[2, 0, 1]));
        assert_eq!(sort(&refs, SortColumn::Text, true, &book), ids(&[2, 0, 1]));
        assert_eq!(sort(&refs, SortColumn::Channel, false, &book), ids(&[0, 2, 1]));
    }
}
