//! Finding incoming comments that repeat one already there, and telling proven duplicates
//! from texts that only happen to be the same.
//!
//! A comment is left out by default only with evidence that it is the same voice (see
//! [`Repeat::is_proven`]): a row identical in every column to one already imported (the same
//! export twice, or two exports that overlap); the same source ID; the same author at the same
//! minute with the same text; or a repost (`RT @user: …`, a quoted copy) of a comment in the
//! project. Two customers who write the same short sentence are two voices: the same text
//! without such evidence is only marked 「同文」 and kept.

use crate::project::sliced::Sliced;
use std::borrow::Cow;
use std::hash::BuildHasher;
use std::sync::LazyLock;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use memchr::memmem::Finder;
use rustc_hash::{FxBuildHasher, FxHashMap};

use crate::project::comment::{Comment, NewComment};
use crate::text::normalize::normalize;

/// Share of a file's rows above which proven duplicates other than identical rows are kept by
/// default: so many usually means a wrong column mapping, not so many repeats.
pub const SUSPICIOUS_SHARE: f64 = 0.10;

/// How an incoming comment repeats another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Repeat {
    /// Identical in every column to a comment already in the project.
    SameRow,
    /// The same source ID (in the same channel) as a comment already seen.
    SameId,
    /// The same author, the same time to the minute and the same text.
    SamePost,
    /// A repost (RT, quoted copy) of a comment in the project.
    Repost,
    /// The same text as another, without evidence that it is the same voice: kept.
    SameText,
    /// Quotes or retweets a comment earlier in the same file: kept, it is someone else's voice.
    Quotes,
}

impl Repeat {
    /// Whether there is evidence that it is the same voice, so it is left out by default.
    pub fn is_proven(self) -> bool {
        matches!(self, Repeat::SameRow | Repeat::SameId | Repeat::SamePost | Repeat::Repost)
    }
}

/// Which incoming comments repeat one in the project or earlier in the file, and how.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DuplicateScan {
    /// Incoming comment index and how it repeats, by index.
    pub found: Vec<(usize, Repeat)>,
    /// How many incoming comments were scanned.
    pub scanned: usize,
}

impl DuplicateScan {
    /// How the incoming comment at `index` repeats another, if it does.
    pub fn repeat_of(&self, index: usize) -> Option<Repeat> {
        self.found.binary_search_by_key(&index, |(i, _)| *i).ok().map(|at| self.found[at].1)
    }

    /// Whether the comment at `index` is a proven duplicate.
    pub fn is_proven(&self, index: usize) -> bool {
        self.repeat_of(index).is_some_and(Repeat::is_proven)
    }

    /// How many incoming comments repeat another in this way.
    pub fn count(&self, kind: Repeat) -> usize {
        self.found.iter().filter(|(_, r)| *r == kind).count()
    }

    /// How many incoming comments repeat another, kind by kind.
    pub fn counts(&self) -> RepeatCounts {
        RepeatCounts {
            same_row: self.count(Repeat::SameRow),
            same_id: self.count(Repeat::SameId),
            same_post: self.count(Repeat::SamePost),
            repost: self.count(Repeat::Repost),
            same_text: self.count(Repeat::SameText),
            quotes: self.count(Repeat::Quotes),
        }
    }

    /// How many incoming comments are proven duplicates (left out by default).
    pub fn proven(&self) -> usize {
        self.found.iter().filter(|(_, r)| r.is_proven()).count()
    }

    /// Whether so many rows would be left out on evidence other than identical rows that the
    /// mapping is more likely wrong than the file that repetitive (over [`SUSPICIOUS_SHARE`]).
    pub fn is_suspicious(&self) -> bool {
        let doubtful = self.proven() - self.count(Repeat::SameRow);
        doubtful as f64 > self.scanned as f64 * SUSPICIOUS_SHARE
    }

    /// Whether proven duplicates are left out unless the member chooses otherwise.
    pub fn leave_out_by_default(&self) -> bool {
        !self.is_suspicious()
    }
}

/// How many incoming comments repeat another, kind by kind (see [`Repeat`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RepeatCounts {
    /// [`Repeat::SameRow`].
    pub same_row: usize,
    /// [`Repeat::SameId`].
    pub same_id: usize,
    /// [`Repeat::SamePost`].
    pub same_post: usize,
    /// [`Repeat::Repost`].
    pub repost: usize,
    /// [`Repeat::SameText`] (kept).
    pub same_text: usize,
    /// [`Repeat::Quotes`] (kept).
    pub quotes: usize,
}

impl RepeatCounts {
    /// Proven duplicates, left out by default.
    pub fn proven(&self) -> usize {
        self.same_row + self.same_id + self.same_post + self.repost
    }
}

/// Shortest quoted text worth treating as a copy of another comment.
const MIN_QUOTE_CHARS: usize = 8;

/// Compares incoming comments with those in the project and with each other.
pub fn scan(existing: &[Comment], incoming: &[NewComment]) -> DuplicateScan {
    let mut scan = RepeatScan::default();
    while !scan.step(existing, incoming, usize::MAX) {}
    scan.finish()
}

/// A comment seen by a [`RepeatScan`]: its position among the existing or incoming comments.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Seen {
    Existing(usize),
    Incoming(usize),
}

/// A [`Seen`] in four bytes, the incoming ones with the top bit set. Positions stay below
/// 2^31: that many comments would not fit in a page's 4 GB of memory.
#[derive(Clone, Copy, Debug)]
struct Packed(u32);

/// The bit of a [`Packed`] that marks an incoming comment.
const INCOMING: u32 = 1 << 31;

impl Packed {
    fn of(seen: Seen) -> Packed {
        match seen {
            Seen::Existing(at) => Packed(at as u32 & !INCOMING),
            Seen::Incoming(at) => Packed(at as u32 | INCOMING),
        }
    }

    fn seen(self) -> Seen {
        let at = (self.0 & !INCOMING) as usize;
        if self.0 & INCOMING == 0 { Seen::Existing(at) } else { Seen::Incoming(at) }
    }
}

/// A 64-bit fingerprint folded to the 32 bits a [`FirstSeen`] keeps.
fn folded(print: u64) -> u32 {
    (print ^ (print >> 32)) as u32
}

/// The columns of a comment the scan compares, borrowed from either kind of comment.
struct Row<'a> {
    normalized: Cow<'a, str>,
    text: &'a str,
    date: Option<NaiveDateTime>,
    channel: &'a str,
    author: &'a str,
    url: &'a str,
    id: &'a str,
    attributes: &'a [(String, String)],
}

impl<'a> Row<'a> {
    fn of_existing(c: &'a Comment) -> Self {
        Row {
            normalized: Cow::Borrowed(c.normalized()),
            text: &c.text,
            date: c.date,
            channel: &c.channel,
            author: &c.author,
            url: &c.url,
            id: &c.external_id,
            attributes: &c.attributes,
        }
    }

    fn of_incoming(c: &'a NewComment) -> Self {
        Row {
            normalized: c.normalized().map_or_else(|| Cow::Owned(normalize(&c.text)), Cow::Borrowed),
            text: &c.text,
            date: c.date,
            channel: &c.channel,
            author: &c.author,
            url: &c.url,
            id: &c.external_id,
            attributes: &c.attributes,
        }
    }

    fn whole(&self) -> impl PartialEq + std::hash::Hash + '_ {
        (self.text, self.date, self.channel, self.author, self.url, self.id, self.attributes)
    }

    fn id_key(&self) -> Option<IdKey<'_>> {
        (!self.id.trim().is_empty()).then_some((self.id, self.channel))
    }

    /// The post's identity when it has an author and a time of day (a date alone is not
    /// evidence: two customers write the same sentence on the same day).
    fn post_key(&self) -> Option<PostKey<'_>> {
        let date = self.date.filter(|d| d.time() != NaiveTime::MIN)?;
        let minute = date.with_second(0).and_then(|d| d.with_nanosecond(0)).unwrap_or(date);
        (!self.author.trim().is_empty()).then_some((self.normalized.as_ref(), self.author, minute))
    }

    /// Two rows with different source IDs are different posts, whatever else they share.
    fn ids_differ(&self, other: &Row<'_>) -> bool {
        !self.id.is_empty() && !other.id.is_empty() && self.id != other.id
    }
}

/// A source ID and its channel.
type IdKey<'a> = (&'a str, &'a str);
/// A normalised text, its author and the minute it was posted.
type PostKey<'a> = (&'a str, &'a str, NaiveDateTime);

/// Fingerprints of one kind of key → the first comment with that key. Fingerprints that
/// meet by chance are told apart by comparing the comments themselves.
///
/// The table holds 8-byte entries (a fingerprint folded to 32 bits, a [`Packed`] position),
/// not 16: at 200,000 comments its three full tables held some 13 MB of the page's memory
/// during the preview, now some 7 MB. Folded fingerprints meet more often (some ten times
/// in 200,000 keys); each meeting costs one comparison of the comments.
#[derive(Debug, Default)]
struct FirstSeen {
    first: FxHashMap<u32, Packed>,
    /// Different keys whose folded fingerprints met: checked one by one.
    collisions: Vec<(u32, Packed)>,
    /// How many times the table grew (each time every key it held was rehashed).
    grown: u32,
}

/// How many comments a scan has looked at, and how many it will look at in all: what a
/// [`FirstSeen`] sizes itself by.
#[derive(Clone, Copy, Debug)]
struct Room {
    looked_at: usize,
    expected: usize,
}

impl FirstSeen {
    fn find(&self, print: u64, same: impl Fn(Seen) -> bool) -> Option<Seen> {
        let print = folded(print);
        let first = self.first.get(&print)?.seen();
        if same(first) {
            return Some(first);
        }
        self.collisions
            .iter()
            .map(|(p, packed)| (*p, packed.seen()))
            .find(|(p, seen)| *p == print && same(*seen))
            .map(|(_, seen)| seen)
    }

    /// Remembers a key not seen before; its fingerprint may still be another key's.
    fn remember(&mut self, print: u64, seen: Seen, room: Room) {
        let (print, packed) = (folded(print), Packed::of(seen));
        let capacity = self.first.capacity();
        self.make_room(room);
        match self.first.entry(print) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(packed);
            }
            std::collections::hash_map::Entry::Occupied(_) => self.collisions.push((print, packed)),
        }
        if self.first.capacity() != capacity {
            self.grown += 1;
        }
    }

    fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// When the table is full, makes it big enough for the keys the rest of the scan is
    /// expected to bring (as many per comment as so far, an eighth to spare), and at least
    /// twice as big: a table that grows by doubling rehashes every key it holds at once
    /// (150 ms for 500,000 keys on the page: the one long task of a 1,000,000-row import). A
    /// key few comments have (a mostly empty ID column) gets little room.
    fn make_room(&mut self, room: Room) {
        let keys = self.first.len();
        if keys < self.first.capacity() {
            return;
        }
        let per_comment = keys as f64 / room.looked_at.max(1) as f64;
        let predicted = (per_comment * room.expected as f64 * 1.125) as usize;
        self.first.reserve(predicted.saturating_sub(keys).max(keys));
    }
}

/// [`scan`] a slice at a time, so the page can draw between slices of a big file. It keeps
/// 64-bit fingerprints and positions, not copies of the texts: a matching fingerprint is
/// checked against the comments themselves, so the result is exact. Give every step the same
/// comments (start again if the project's comments changed in between).
#[derive(Debug, Default)]
pub struct RepeatScan {
    /// Whole rows of the project's comments.
    rows: FirstSeen,
    /// (ID, channel).
    ids: FirstSeen,
    /// (normalised text, author, minute).
    posts: FirstSeen,
    /// Normalised texts.
    texts: FirstSeen,
    existing_done: usize,
    incoming_done: usize,
    /// Incoming comments expected in all, when they come a part at a time (see
    /// [`RepeatScan::expect_incoming`]).
    incoming_expected: usize,
    found: DuplicateScan,
}

impl Sliced for RepeatScan {
    /// The incoming rows, looked at after the project's comments.
    type Context = [NewComment];
    type Output = DuplicateScan;

    fn step(&mut self, comments: &[Comment], incoming: &[NewComment], budget: usize) -> bool {
        RepeatScan::step(self, comments, incoming, budget)
    }

    fn finish(self) -> DuplicateScan {
        RepeatScan::finish(self)
    }
}

fn fingerprint<T: std::hash::Hash>(value: T) -> u64 {
    FxBuildHasher.hash_one(value)
}

struct Comments<'a> {
    existing: &'a [Comment],
    incoming: &'a [NewComment],
}

impl Comments<'_> {
    fn row(&self, seen: Seen) -> Row<'_> {
        match seen {
            Seen::Existing(at) => Row::of_existing(&self.existing[at]),
            Seen::Incoming(at) => Row::of_incoming(&self.incoming[at]),
        }
    }
}

impl RepeatScan {
    /// Says how many incoming comments there will be in all when they are given a part at a
    /// time, so the scan's tables are made big enough early instead of growing as they fill.
    pub fn expect_incoming(&mut self, comments: usize) {
        self.incoming_expected = comments;
    }

    /// How far the scan is, for sizing the tables of keys from existing and incoming comments.
    fn room(&self, existing: usize, incoming: usize) -> Room {
        Room {
            looked_at: self.existing_done + self.incoming_done,
            expected: existing + incoming.max(self.incoming_expected),
        }
    }

    /// Looks at up to `budget` more comments; `true` when every comment has been looked at.
    pub fn step(&mut self, existing: &[Comment], incoming: &[NewComment], budget: usize) -> bool {
        let comments = Comments { existing, incoming };
        let mut left = budget;
        while left > 0 && self.existing_done < existing.len() {
            let seen = Seen::Existing(self.existing_done);
            self.remember_existing(&comments, seen);
            self.existing_done += 1;
            left -= 1;
        }
        while left > 0 && self.incoming_done < incoming.len() {
            let index = self.incoming_done;
            if let Some(repeat) = self.classify(&comments, index) {
                self.found.found.push((index, repeat));
            }
            self.incoming_done += 1;
            left -= 1;
        }
        self.existing_done == existing.len() && self.incoming_done == incoming.len()
    }

    /// What the scan found.
    pub fn finish(mut self) -> DuplicateScan {
        self.found.scanned = self.incoming_done;
        self.found
    }

    fn remember_existing(&mut self, comments: &Comments<'_>, seen: Seen) {
        let room = self.room(comments.existing.len(), comments.incoming.len());
        let row = comments.row(seen);
        let whole = fingerprint(row.whole());
        if self.rows.find(whole, |s| comments.row(s).whole() == row.whole()).is_none() {
            // Whole rows are kept of the project's comments only.
            let rows_room = Room { looked_at: self.existing_done, expected: comments.existing.len() };
            self.rows.remember(whole, seen, rows_room);
        }
        let text = fingerprint(row.normalized.as_ref());
        let keys = Keys::of(&row, text);
        if let Some((key, print)) = keys.id
            && self.ids.find(print, |s| comments.row(s).id_key() == Some(key)).is_none()
        {
            self.ids.remember(print, seen, room);
        }
        if let Some((key, print)) = keys.post
            && self.posts.find(print, |s| Self::same_post(&comments.row(s), key, &row)).is_none()
        {
            self.posts.remember(print, seen, room);
        }
        if self.texts.find(text, |s| comments.row(s).normalized == row.normalized).is_none() {
            self.texts.remember(text, seen, room);
        }
    }

    /// Whether `other` is the post `key` of `row`: the same key, and no IDs that differ.
    fn same_post(other: &Row<'_>, key: PostKey<'_>, row: &Row<'_>) -> bool {
        other.post_key() == Some(key) && !other.ids_differ(row)
    }

    fn classify(&mut self, comments: &Comments<'_>, index: usize) -> Option<Repeat> {
        let room = self.room(comments.existing.len(), comments.incoming.len());
        let seen = Seen::Incoming(index);
        let row = comments.row(seen);
        if !self.rows.is_empty() {
            let whole = fingerprint(row.whole());
            if self.rows.find(whole, |s| comments.row(s).whole() == row.whole()).is_some() {
                return Some(Repeat::SameRow);
            }
        }
        let text = fingerprint(row.normalized.as_ref());
        let keys = Keys::of(&row, text);
        if let Some((key, print)) = keys.id
            && self.ids.find(print, |s| comments.row(s).id_key() == Some(key)).is_some()
        {
            return Some(Repeat::SameId);
        }
        if let Some((key, print)) = keys.post
            && self.posts.find(print, |s| Self::same_post(&comments.row(s), key, &row)).is_some()
        {
            return Some(Repeat::SamePost);
        }
        // Neither key is known (both were just looked up): this row is their first.
        if let Some((_, print)) = keys.id {
            self.ids.remember(print, seen, room);
        }
        if let Some((_, print)) = keys.post {
            self.posts.remember(print, seen, room);
        }
        let copied = copied_texts(&row.normalized).find_map(|copied| {
            self.texts.find(fingerprint(copied), |s| comments.row(s).normalized == copied)
        });
        match copied {
            Some(Seen::Existing(_)) => return Some(Repeat::Repost),
            Some(Seen::Incoming(_)) => return Some(Repeat::Quotes),
            None => {}
        }
        if self.texts.find(text, |s| comments.row(s).normalized == row.normalized).is_some() {
            return Some(Repeat::SameText);
        }
        self.texts.remember(text, seen, room);
        None
    }
}

/// A row's ID and post keys with their fingerprints, made once per row. The post key's
/// fingerprint is made from the text's (the text is the long part: it is hashed once).
struct Keys<'a> {
    id: Option<(IdKey<'a>, u64)>,
    post: Option<(PostKey<'a>, u64)>,
}

impl<'a> Keys<'a> {
    fn of(row: &'a Row<'_>, text: u64) -> Self {
        Keys {
            id: row.id_key().map(|key| (key, fingerprint(key))),
            post: row.post_key().map(|key| (key, fingerprint((text, key.1, key.2)))),
        }
    }
}

/// The texts a normalised comment copies: after `rt @user:`, and inside quotes.
fn copied_texts(text: &str) -> impl Iterator<Item = &str> {
    let retweet = text
        .strip_prefix("rt @")
        .and_then(|rest| rest.split_once(':'))
        .map(|(_, copied)| copied.trim())
        .filter(|copied| !copied.is_empty());
    retweet.into_iter().chain(quoted(text))
}

/// The quotes whose inner text may copy another comment.
const PAIRS: [(&str, &str); 3] = [("「", "」"), ("“", "”"), ("\"", "\"")];

/// [`PAIRS`] as finders, made once: making one took longer than searching a comment with it
/// (a 1,000,000-row import's scan spent some 55 ms making them).
static PAIR_FINDERS: LazyLock<[(Finder<'static>, Finder<'static>); 3]> =
    LazyLock::new(|| PAIRS.map(|(open, close)| (Finder::new(open), Finder::new(close))));

fn quoted(text: &str) -> impl Iterator<Item = &str> {
    let present = opening_quotes(text);
    // Only the kinds of quote the text opens: looking for a missing 「 meant a pass over
    // the text that stopped at every character ending in the same byte.
    PAIR_FINDERS.iter().zip(present).filter(|(_, present)| *present).flat_map(move |((open, close), _)| {
        let mut rest = text;
        std::iter::from_fn(move || {
            loop {
                let start = open.find(rest.as_bytes())? + open.needle().len();
                let end = close.find(&rest.as_bytes()[start..])? + start;
                // Both ends are whole characters, so both are character boundaries.
                let inner = rest.get(start..end)?.trim();
                rest = rest.get(end + close.needle().len()..)?;
                if inner.chars().count() >= MIN_QUOTE_CHARS {
                    return Some(inner);
                }
            }
        })
    })
}

/// Which of [`PAIRS`]' opening quotes the text holds, in one pass: most comments hold none,
/// and looking for each kind in turn took three passes over every text.
fn opening_quotes(text: &str) -> [bool; 3] {
    const CORNER: &[u8] = "「".as_bytes();
    const CURLY: &[u8] = "“".as_bytes();
    let bytes = text.as_bytes();
    let mut found = [false; 3];
    // A character's last byte, then the bytes before it.
    for end in memchr::memchr3_iter(b'"', CORNER[2], CURLY[2], bytes) {
        let ends_with = |quote: &[u8]| end + 1 >= quote.len() && bytes[end + 1 - quote.len()..=end] == *quote;
        if bytes[end] == b'"' {
            found[2] = true;
        } else if ends_with(CORNER) {
            found[0] = true;
        } else if ends_with(CURLY) {
            found[1] = true;
        }
        if found == [true; 3] {
            break;
        }
    }
    found
}

/// Whether the text holds any of [`PAIRS`]' opening quotes.
#[cfg(test)]
fn has_opening_quote(text: &str) -> bool {
    opening_quotes(text).contains(&true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::comment::{CommentId, SourceRef};

    fn new(text: &str, author: &str, date: &str) -> NewComment {
        NewComment {
            author: author.to_owned(),
            date: parse_local(date),
            ..NewComment::new(text, SourceRef { file: "d.csv".into(), sheet: None, line: 1 })
        }
    }

    #[test]
    fn keys_whose_folded_fingerprints_meet_are_both_kept_and_told_apart() {
        let (one, other) = (1_u64, 1_u64 << 32);
        assert_eq!(folded(one), folded(other), "the two fold to the same 32 bits");
        let room = Room { looked_at: 1, expected: 2 };
        let mut seen = FirstSeen::default();
        seen.remember(one, Seen::Existing(3), room);
        seen.remember(other, Seen::Incoming(5), room);
        assert_eq!(seen.find(one, |s| s == Seen::Existing(3)), Some(Seen::Existing(3)));
        assert_eq!(seen.find(other, |s| s == Seen::Incoming(5)), Some(Seen::Incoming(5)));
        assert_eq!(seen.find(other, |_| false), None);
        assert_eq!(seen.find(2, |_| true), None, "a fingerprint never remembered");
        for at in [0, 1, 199_999, (1 << 31) - 1] {
            assert_eq!(Packed::of(Seen::Existing(at)).seen(), Seen::Existing(at));
            assert_eq!(Packed::of(Seen::Incoming(at)).seen(), Seen::Incoming(at));
        }
    }

    fn with_id(id: &str, comment: NewComment) -> NewComment {
        NewComment { external_id: id.to_owned(), ..comment }
    }

    fn existing(comments: &[NewComment]) -> Vec<Comment> {
        comments.iter().enumerate().map(|(i, c)| Comment::from_new(CommentId(i as u32), c.clone())).collect()
    }

    fn check(existing: &[Comment], incoming: &[NewComment], expected: &[(usize, Repeat)]) {
        let found = scan(existing, incoming);
        assert_eq!(found.found, expected);
        for budget in 1..4 {
            let mut stepped = RepeatScan::default();
            while !stepped.step(existing, incoming, budget) {}
            assert_eq!(stepped.finish(), found, "budget {budget}");
        }
        // Stepped as a file's parts arrive (the page scans each part as the worker sends it):
        // over a growing prefix of the incoming comments, then over all of them.
        for part in 1..3 {
            let mut stepped = RepeatScan::default();
            for end in (part..incoming.len()).step_by(part) {
                stepped.step(existing, &incoming[..end], 2);
            }
            while !stepped.step(existing, incoming, 2) {}
            assert_eq!(stepped.finish(), found, "parts of {part}");
        }
    }

    #[test]
    fn the_same_author_at_the_same_minute_with_the_same_text_is_one_post() {
        let before = existing(&[new("プリンが美味しい", "@a", "2024-04-01 10:15:00")]);
        let incoming = vec![
            new("ﾌﾟﾘﾝが美味しい", "@a", "2024-04-01 10:15:42"),
            new("プリンが美味しい", "@b", "2024-04-01 10:15:00"),
            new("プリンが美味しい", "@a", "2024-04-01 10:16:00"),
            new("新しい声です", "@c", "2024-04-03 09:00"),
            new("新しい声です", "@c", "2024-04-03 09:00"),
        ];
        check(
            &before,
            &incoming,
            &[(0, Repeat::SamePost), (1, Repeat::SameText), (2, Repeat::SameText), (4, Repeat::SamePost)],
        );
    }

    /// The call-centre case of the issue: no author, dates without a time.
    #[test]
    fn the_same_sentence_on_the_same_day_without_an_author_is_kept() {
        let incoming = vec![
            new("美味しかったです", "", "2026-10-01"),
            new("美味しかったです", "", "2026-10-01"),
            new("美味しかったです", "@x", "2026-10-01"),
        ];
        let found = scan(&[], &incoming);
        assert_eq!(found.found, vec![(1, Repeat::SameText), (2, Repeat::SameText)]);
        assert_eq!(found.proven(), 0);
    }

    #[test]
    fn the_same_export_twice_is_left_out_row_by_row_even_where_texts_repeat() {
        let file = vec![
            new("美味しかったです", "", "2026-10-01"),
            new("美味しかったです", "", "2026-10-01"),
            new("容器が開けにくい", "", "2026-10-02"),
        ];
        let before = existing(&file);
        let found = scan(&before, &file);
        assert_eq!(found.found, vec![(0, Repeat::SameRow), (1, Repeat::SameRow), (2, Repeat::SameRow)]);
        assert!(found.leave_out_by_default(), "a re-import is not suspicious");
        // One column different (an attribute) is not the same row.
        let mut changed = file.clone();
        changed[2].attributes.push(("地域".to_owned(), "関東".to_owned()));
        assert_eq!(scan(&before, &changed).repeat_of(2), Some(Repeat::SameText));
    }

    #[test]
    fn the_same_id_in_the_same_channel_is_the_same_comment() {
        let before = existing(&[with_id("A-1", new("前の月の声", "", "2026-09-30"))]);
        let incoming = vec![
            with_id("A-1", new("前の月の声（訂正）", "", "2026-09-30")),
            NewComment {
                channel: "電話".into(), ..with_id("A-1", new("別の窓口の声", "", "2026-10-01"))
            },
            with_id("A-2", new("新しい声", "", "2026-10-01")),
            with_id("A-2", new("新しい声の重複行", "", "2026-10-01")),
        ];
        check(&before, &incoming, &[(0, Repeat::SameId), (3, Repeat::SameId)]);
    }

    #[test]
    fn different_ids_are_different_posts_whatever_else_they_share() {
        let incoming = vec![
            with_id("1", new("同じ文面の投稿です", "@a", "2026-10-01 10:00")),
            with_id("2", new("同じ文面の投稿です", "@a", "2026-10-01 10:00")),
        ];
        check(&[], &incoming, &[(1, Repeat::SameText)]);
    }

    #[test]
    fn reposts_of_the_project_are_left_out_and_quotes_within_the_file_kept() {
        let before = existing(&[new("プリンの容器が分別しにくい", "@a", "2024-04-01")]);
        let incoming = vec![
            new("RT @a: プリンの容器が分別しにくい", "@b", "2024-04-01"),
            new("これわかる「プリンの容器が分別しにくい」", "@c", "2024-04-02"),
            new("新商品の味がとても濃くて好き", "@d", "2024-04-02"),
            new("RT @d: 新商品の味がとても濃くて好き", "@e", "2024-04-03"),
            new("「短い」", "@f", "2024-04-02"),
        ];
        check(&before, &incoming, &[(0, Repeat::Repost), (1, Repeat::Repost), (3, Repeat::Quotes)]);
        let found = scan(&before, &incoming);
        assert_eq!(found.proven(), 2);
        assert!(found.is_suspicious(), "2 of 5 rows on evidence other than whole rows");
        assert!(!found.leave_out_by_default());
    }

    /// Scans `incoming` a part at a time as the page does, telling the scan the total first
    /// when `told`; what it found and how often its table of texts grew.
    fn scan_in_parts(existing: &[Comment], incoming: &[NewComment], told: bool) -> (DuplicateScan, u32) {
        let mut scan = RepeatScan::default();
        if told {
            scan.expect_incoming(incoming.len());
        }
        for end in (1_000..=incoming.len()).step_by(1_000) {
            while !scan.step(existing, &incoming[..end], 700) {}
        }
        let grown = scan.texts.grown;
        (scan.finish(), grown)
    }

    #[test]
    fn told_how_many_comments_will_come_the_tables_are_sized_once_and_find_the_same() {
        let before = existing(&[new("既にある声", "@old", "2024-03-01 10:00")]);
        let incoming: Vec<NewComment> = (0..20_000)
            .map(|i| match i % 7 {
                0 => new("既にある声", "@someone", "2024-04-01"),
                1 => new(&format!("声 {}", i - 1), "@b", "2024-04-02 09:30"),
                _ => new(&format!("声 {i}"), &format!("@{i}"), "2024-04-02 09:30"),
            })
            .collect();
        let (told, grown_told) = scan_in_parts(&before, &incoming, true);
        let (untold, grown_untold) = scan_in_parts(&before, &incoming, false);
        assert_eq!(told, untold, "the same repeats either way");
        assert_eq!(told, scan(&before, &incoming), "and what the one-pass scan finds");
        assert!(told.count(Repeat::SameText) > 2_000, "{:?}", told.counts());
        assert!(grown_told <= 3, "sized once it knew how many keys come: grew {grown_told} times");
        assert!(
            grown_untold > grown_told + 2,
            "growing with the parts: {grown_untold} times, told {grown_told}"
        );
    }

    #[test]
    fn a_key_few_comments_have_gets_little_room() {
        let mut ids = FirstSeen::default();
        for i in 0..10u64 {
            // One comment in a thousand has an ID: ten of 10,000 so far, 1,000,000 expected.
            ids.remember(
                i,
                Seen::Incoming(i as usize),
                Room { looked_at: (i as usize + 1) * 1_000, expected: 1_000_000 },
            );
        }
        assert!(
            ids.first.capacity() < 10_000,
            "room for about a thousand IDs, not a million: {}",
            ids.first.capacity()
        );
    }

    #[test]
    fn a_fingerprint_collision_is_told_apart_by_the_texts() {
        let incoming = vec![new("一つ目の文", "@a", "2024-04-01"), new("二つ目の文", "@a", "2024-04-01")];
        let comments = Comments { existing: &[], incoming: &incoming };
        let mut texts = FirstSeen::default();
        // Pretend the second text has the first one's fingerprint.
        let print = fingerprint("一つ目の文");
        let room = Room { looked_at: 0, expected: 2 };
        texts.remember(print, Seen::Incoming(0), room);
        let same_as_second = |s: Seen| comments.row(s).normalized == "二つ目の文";
        assert_eq!(texts.find(print, same_as_second), None, "same fingerprint, different text");
        texts.remember(print, Seen::Incoming(1), room);
        assert_eq!(
            texts.find(print, same_as_second),
            Some(Seen::Incoming(1)),
            "the colliding one is kept too"
        );
        assert_eq!(texts.collisions.len(), 1);
    }

    #[test]
    fn an_opening_quote_is_found_wherever_it_is() {
        for text in ["「", "a「b", "これ“わかる", "\"", "末尾に「", "“"] {
            assert!(has_opening_quote(text), "{text}");
        }
        // 」 and ” differ from the opening quotes only in their last byte; が ends in the same
        // byte as 「.
        for text in ["", "」", "”", "が", "引用なしの文", "ab"] {
            assert!(!has_opening_quote(text), "{text}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// The one-pass look for opening quotes agrees with looking for each.
        #[test]
        fn the_quick_look_for_quotes_agrees_with_looking_for_each(text in "[あが「」“”\"a ]{0,12}") {
            let expected = PAIRS.iter().any(|(open, _)| text.contains(*open));
            proptest::prop_assert_eq!(has_opening_quote(&text), expected);
            let each = PAIRS.map(|(open, _)| text.contains(open));
            proptest::prop_assert_eq!(opening_quotes(&text), each);
        }

        /// The quotes found are those a plain search for each pair finds, in the same order.
        #[test]
        fn quotes_are_found_as_a_plain_search_finds_them(text in "[あが「」“”\"a ]{0,30}") {
            let plain: Vec<&str> = PAIRS
                .into_iter()
                .flat_map(|(open, close)| {
                    let mut rest = text.as_str();
                    std::iter::from_fn(move || loop {
                        let start = rest.find(open)? + open.len();
                        let end = rest[start..].find(close)? + start;
                        let inner = rest[start..end].trim();
                        rest = &rest[end + close.len()..];
                        if inner.chars().count() >= MIN_QUOTE_CHARS {
                            return Some(inner);
                        }
                    })
                })
                .collect();
            proptest::prop_assert_eq!(quoted(&text).collect::<Vec<_>>(), plain);
        }

        /// Whatever else rows share, a file whose IDs are all different loses none of them.
        #[test]
        fn a_file_with_distinct_ids_never_loses_a_row(
            rows in proptest::collection::vec((0u8..3, 0u8..2, 0u8..2, 0u8..3), 1..40),
        ) {
            let texts = ["同じ文", "RT @a: 同じ文面の長いコメント", "同じ文面の長いコメント"];
            let incoming: Vec<NewComment> = rows
                .iter()
                .enumerate()
                .map(|(i, (text, author, time, channel))| {
                    let date = if *time == 0 { "2026-10-01" } else { "2026-10-01 10:00" };
                    NewComment {
                        channel: ["X", "電話", ""][*channel as usize].into(),
                        ..with_id(&format!("ID{i}"), new(texts[*text as usize], ["@a", ""][*author as usize], date))
                    }
                })
                .collect();
            let found = scan(&[], &incoming);
            proptest::prop_assert_eq!(found.proven(), 0, "{:?}", found.found);
        }
    }
}
