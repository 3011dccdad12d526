//! Which column is what, guessed from the cells first and the header names second, with the
//! reason for each choice in words so a member can trust or correct it.

use serde::{Deserialize, Serialize};

use super::mapping::{ColumnMapping, MappingField, normalise_header};
use super::profile::{ColumnKind, ColumnProfile, profile_columns};
use super::table::Table;
use crate::sorting::{sort_by, sort_by_key};
use crate::text::lang::Lang;
use crate::text::normalize::normalize;

/// Share of a column's values that must be channel names for it to be the channel.
const CHANNEL_NAMES_SHARE: f64 = 0.6;
/// Share of cells that must read as dates for a column without a date header to be the date.
const DATE_SHARE: f64 = 0.8;

/// Why a column was chosen for a role; shown beside the choice in the preview.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GuessReason {
    /// Its header names the role.
    Header {
        /// The header as written.
        header: String,
    },
    /// Long texts, mostly different from each other.
    FreeText {
        /// Mean length in characters.
        mean_chars: usize,
        /// Share of different values, in percent.
        distinct_percent: u8,
    },
    /// Most cells read as dates.
    Dates {
        /// Share of cells that are dates, in percent.
        percent: u8,
    },
    /// Most values are the names of channels (X, 電話, メール, …).
    ChannelNames {
        /// Share of values that are channel names, in percent.
        percent: u8,
    },
    /// Short values, every one different.
    UniqueCodes,
    /// Most cells are web links.
    Links,
    /// No column reads as free text: the one with the most characters.
    Longest,
}

impl GuessReason {
    /// The reason in a few words, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (GuessReason::Header { header }, Lang::Ja) => format!("見出し「{header}」"),
            (GuessReason::Header { header }, Lang::En) => format!("header “{header}”"),
            (GuessReason::FreeText { mean_chars, distinct_percent }, Lang::Ja) => {
                let distinct = if *distinct_percent >= 95 {
                    "ほぼ全件が異なる".to_owned()
                } else {
                    format!("{distinct_percent}% が異なる")
                };
                format!("長い自由記述: 平均 {mean_chars} 文字、{distinct}")
            }
            (GuessReason::FreeText { mean_chars, distinct_percent }, Lang::En) => {
                let distinct = if *distinct_percent >= 95 {
                    "nearly all different".to_owned()
                } else {
                    format!("{distinct_percent}% different")
                };
                format!("long free text: {mean_chars} characters on average, {distinct}")
            }
            (GuessReason::Dates { percent }, Lang::Ja) => format!("{percent}% が日付として読める"),
            (GuessReason::Dates { percent }, Lang::En) => format!("{percent}% read as dates"),
            (GuessReason::ChannelNames { percent }, Lang::Ja) => {
                format!("{percent}% が媒体名（X、電話など）")
            }
            (GuessReason::ChannelNames { percent }, Lang::En) => {
                format!("{percent}% are channel names (X, phone, …)")
            }
            (GuessReason::UniqueCodes, Lang::Ja) => "短い値がすべて異なる".to_owned(),
            (GuessReason::UniqueCodes, Lang::En) => "short values, all different".to_owned(),
            (GuessReason::Links, Lang::Ja) => "ほとんどがリンク".to_owned(),
            (GuessReason::Links, Lang::En) => "mostly links".to_owned(),
            (GuessReason::Longest, Lang::Ja) => "自由記述の列がないため、文字数が最も多い列".to_owned(),
            (GuessReason::Longest, Lang::En) => {
                "no free-text column: the column with the most characters".to_owned()
            }
        }
    }
}

/// The guessed mapping, why each column was chosen, and what else looked like comments.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingGuess {
    /// The mapping.
    pub mapping: ColumnMapping,
    /// Why each chosen column was chosen, role by role.
    pub reasons: Vec<(MappingField, Vec<GuessReason>)>,
    /// Other columns that read as free text (a survey's other open questions); they are kept
    /// as attributes.
    pub other_texts: Vec<usize>,
}

impl MappingGuess {
    /// The reasons given for a role, empty when it has none.
    pub fn reasons_for(&self, field: MappingField) -> &[GuessReason] {
        self.reasons.iter().find(|(f, _)| *f == field).map_or(&[], |(_, reasons)| reasons.as_slice())
    }
}

/// How strongly a header names a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum HeaderMatch {
    None,
    /// A weak hint (件名 for the text).
    Weak,
    /// The header contains a name of the role.
    Contains,
    /// The header is a name of the role.
    Exact,
}

fn header_names(field: MappingField) -> &'static [&'static str] {
    match field {
        MappingField::Text => &[
            "本文",
            "内容",
            "コメント",
            "お客様の声",
            "投稿内容",
            "ご意見",
            "ご要望",
            "自由記述",
            "自由回答",
            "問い合わせ内容",
            "問合せ内容",
            "お問い合わせ内容",
            "テキスト",
            "回答",
            "声",
            "text",
            "comment",
            "comments",
            "body",
            "content",
            "message",
            "feedback",
            "review",
            "opinion",
            "answer",
            "freetext",
            "inquiry",
        ],
        MappingField::Date => &[
            "投稿日時",
            "日付",
            "受付日",
            "受付日時",
            "回答日",
            "回答日時",
            "登録日",
            "登録日時",
            "日時",
            "投稿日",
            "date",
            "datetime",
            "created_at",
            "createdat",
            "timestamp",
            "responsedate",
            "receivedat",
            "time",
        ],
        MappingField::Channel => &[
            "媒体",
            "チャネル",
            "チャンネル",
            "受付経路",
            "経路",
            "受付方法",
            "channel",
            "source",
            "media",
            "medium",
        ],
        MappingField::Author => &[
            "投稿者",
            "お名前",
            "氏名",
            "名前",
            "ユーザー名",
            "アカウント",
            "author",
            "user",
            "username",
            "screen_name",
            "name",
        ],
        MappingField::Url => &["url", "リンク", "link", "permalink"],
        MappingField::Id => &[
            "受付番号",
            "管理番号",
            "問い合わせ番号",
            "回答id",
            "回答番号",
            "通し番号",
            "投稿id",
            "id",
            "no",
            "no.",
            "番号",
            "responseid",
            "respondentid",
            "ticketid",
            "ticket",
            "postid",
        ],
    }
}

/// Weak hints for the text: a subject line is text when nothing better is there.
const WEAK_TEXT_NAMES: [&str; 4] = ["件名", "タイトル", "subject", "title"];

/// Known channel names, normalised.
const CHANNEL_NAMES: [&str; 36] = [
    "x",
    "twitter",
    "facebook",
    "instagram",
    "line",
    "youtube",
    "tiktok",
    "threads",
    "ブログ",
    "blog",
    "電話",
    "メール",
    "email",
    "e-mail",
    "mail",
    "web",
    "ウェブ",
    "フォーム",
    "問い合わせフォーム",
    "掲示板",
    "口コミ",
    "クチコミ",
    "レビュー",
    "review",
    "はがき",
    "手紙",
    "店頭",
    "来店",
    "チャット",
    "chat",
    "sns",
    "アプリ",
    "app",
    "phone",
    "letter",
    "store",
];

fn header_match(header: &str, field: MappingField) -> HeaderMatch {
    let header = normalise_header(header);
    if header.is_empty() {
        return HeaderMatch::None;
    }
    let names = header_names(field);
    if names.iter().any(|name| normalise_header(name) == header) {
        HeaderMatch::Exact
    } else if field == MappingField::Id {
        // "id" inside other words is too common: only as the end of the header (回答ID, post_id).
        let ends = ["id", "番号", "no"].iter().any(|end| header.ends_with(end));
        if ends { HeaderMatch::Contains } else { HeaderMatch::None }
    } else if names.iter().any(|name| header.contains(normalise_header(name).as_str())) {
        HeaderMatch::Contains
    } else if field == MappingField::Text && WEAK_TEXT_NAMES.iter().any(|name| header.contains(name)) {
        HeaderMatch::Weak
    } else {
        HeaderMatch::None
    }
}

fn percent(share: f64) -> u8 {
    (share * 100.0).round().clamp(0.0, 100.0) as u8
}

/// Guesses the role of every column from its cells and its header (see [`MappingGuess`]).
pub fn guess_columns(table: &Table) -> MappingGuess {
    Guesser::new(table).guess()
}

/// Guesses the mapping (see [`guess_columns`] for the reasons too).
pub fn guess_mapping(table: &Table) -> ColumnMapping {
    guess_columns(table).mapping
}

struct Guesser<'a> {
    table: &'a Table,
    profiles: Vec<ColumnProfile>,
    taken: Vec<usize>,
    reasons: Vec<(MappingField, Vec<GuessReason>)>,
}

impl<'a> Guesser<'a> {
    fn new(table: &'a Table) -> Self {
        Guesser { table, profiles: profile_columns(table), taken: Vec::new(), reasons: Vec::new() }
    }

    fn free(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.table.headers.len()).filter(|c| !self.taken.contains(c))
    }

    fn header(&self, column: usize) -> GuessReason {
        GuessReason::Header { header: self.table.headers[column].clone() }
    }

    /// The free column whose header best names the role and whose cells `fits` accepts.
    fn by_header(&self, field: MappingField, fits: impl Fn(&ColumnProfile) -> bool) -> Option<usize> {
        let mut best: Option<(HeaderMatch, usize)> = None;
        for column in self.free() {
            let strength = header_match(&self.table.headers[column], field);
            if strength >= HeaderMatch::Contains
                && fits(&self.profiles[column])
                && best.is_none_or(|(s, _)| strength > s)
            {
                best = Some((strength, column));
            }
        }
        best.map(|(_, column)| column)
    }

    fn choose(&mut self, field: MappingField, column: usize, reasons: Vec<GuessReason>) -> Option<usize> {
        self.taken.push(column);
        self.reasons.push((field, reasons));
        Some(column)
    }

    fn date(&mut self) -> Option<usize> {
        // A header is believed unless the column is plainly customers' words.
        let by_header =
            self.by_header(MappingField::Date, |p| p.date_share() >= 0.5 || p.kind() != ColumnKind::FreeText);
        if let Some(column) = by_header {
            let mut reasons = vec![self.header(column)];
            let share = self.profiles[column].date_share();
            if share > 0.0 {
                reasons.push(GuessReason::Dates { percent: percent(share) });
            }
            return self.choose(MappingField::Date, column, reasons);
        }
        // Else the column that is most often dates, preferring dates with a time.
        let column =
            self.free().filter(|&c| self.profiles[c].date_share() >= DATE_SHARE).max_by(|&a, &b| {
                let key = |c: usize| (self.profiles[c].times, self.profiles[c].dates);
                key(a).cmp(&key(b)).then(b.cmp(&a))
            })?;
        let reason = GuessReason::Dates { percent: percent(self.profiles[column].date_share()) };
        self.choose(MappingField::Date, column, vec![reason])
    }

    fn url(&mut self) -> Option<usize> {
        let links = |p: &ColumnProfile| p.kind() == ColumnKind::Url;
        let not_words = |p: &ColumnProfile| !matches!(p.kind(), ColumnKind::FreeText | ColumnKind::Date);
        if let Some(column) = self.by_header(MappingField::Url, not_words) {
            let reason = self.header(column);
            return self.choose(MappingField::Url, column, vec![reason]);
        }
        let column = self.free().find(|&c| links(&self.profiles[c]))?;
        self.choose(MappingField::Url, column, vec![GuessReason::Links])
    }

    fn id(&mut self) -> Option<usize> {
        let exact = self
            .free()
            .find(|&c| header_match(&self.table.headers[c], MappingField::Id) == HeaderMatch::Exact);
        // Only a header that ends like an id, and cells that are all different, otherwise.
        let column = exact.or_else(|| {
            self.free().find(|&c| {
                header_match(&self.table.headers[c], MappingField::Id) == HeaderMatch::Contains
                    && self.profiles[c].is_code()
            })
        })?;
        let mut reasons = vec![self.header(column)];
        if self.profiles[column].is_code() {
            reasons.push(GuessReason::UniqueCodes);
        }
        self.choose(MappingField::Id, column, reasons)
    }

    fn channel(&mut self) -> Option<usize> {
        let words = |p: &ColumnProfile| p.kind() != ColumnKind::FreeText;
        if let Some(column) = self.by_header(MappingField::Channel, words) {
            let reason = self.header(column);
            return self.choose(MappingField::Channel, column, vec![reason]);
        }
        let (column, share) = self
            .free()
            .filter(|&c| matches!(self.profiles[c].kind(), ColumnKind::Category | ColumnKind::Code))
            .map(|c| (c, self.channel_name_share(c)))
            .filter(|(_, share)| *share >= CHANNEL_NAMES_SHARE)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
        self.choose(
            MappingField::Channel,
            column,
            vec![GuessReason::ChannelNames { percent: percent(share) }],
        )
    }

    /// Share of a column's non-blank cells that name a channel.
    fn channel_name_share(&self, column: usize) -> f64 {
        let mut filled = 0usize;
        let mut names = 0usize;
        for row in super::profile::sampled_rows(self.table) {
            let Some(cell) = row.field(column).map(str::trim).filter(|c| !c.is_empty()) else {
                continue;
            };
            filled += 1;
            let value = normalize(cell);
            let known = CHANNEL_NAMES
                .iter()
                .any(|name| if name.chars().count() <= 4 { value == *name } else { value.contains(name) });
            let named_like = value.contains("twitter") || value.starts_with("x(") || value.starts_with("x（");
            if known || named_like {
                names += 1;
            }
        }
        if filled == 0 { 0.0 } else { names as f64 / filled as f64 }
    }

    fn author(&mut self) -> Option<usize> {
        // An exact header is believed; a header that only contains a name must not be long text.
        let exact = self
            .free()
            .find(|&c| header_match(&self.table.headers[c], MappingField::Author) == HeaderMatch::Exact);
        let column = exact.or_else(|| {
            self.by_header(MappingField::Author, |p| {
                !matches!(p.kind(), ColumnKind::FreeText | ColumnKind::Date)
            })
        })?;
        let reason = self.header(column);
        self.choose(MappingField::Author, column, vec![reason])
    }

    fn free_text_reason(&self, column: usize) -> GuessReason {
        let profile = &self.profiles[column];
        GuessReason::FreeText {
            mean_chars: profile.mean_chars.round() as usize,
            distinct_percent: percent(profile.distinct_share()),
        }
    }

    /// The text: the free-text column a header names, else the longest free text, else a
    /// header, else the column with the most characters. Returns the other free texts too.
    fn text(&mut self) -> (usize, Vec<usize>) {
        let mut free_texts: Vec<usize> =
            self.free().filter(|&c| self.profiles[c].kind() == ColumnKind::FreeText).collect();
        let strength = |c: usize| header_match(&self.table.headers[c], MappingField::Text);
        let mean = |c: usize| self.profiles[c].mean_chars;
        sort_by(&mut free_texts, |&a, &b| {
            let named = |c: usize| strength(c) >= HeaderMatch::Contains;
            named(b).cmp(&named(a)).then(mean(b).total_cmp(&mean(a))).then(a.cmp(&b))
        });
        if let Some(&column) = free_texts.first() {
            let mut reasons = Vec::new();
            if strength(column) >= HeaderMatch::Contains {
                reasons.push(self.header(column));
            }
            reasons.push(self.free_text_reason(column));
            self.choose(MappingField::Text, column, reasons);
            let mut others = free_texts[1..].to_vec();
            others.sort_unstable();
            return (column, others);
        }
        // No column reads as free text: a named column of words, a category last, the longer
        // first (a survey's short answers still beat its yes/no column).
        let category = |c: usize| self.profiles[c].kind() == ColumnKind::Category;
        let named = self.free().filter(|&c| strength(c) > HeaderMatch::None).max_by(|&a, &b| {
            category(b)
                .cmp(&category(a))
                .then(strength(a).cmp(&strength(b)))
                .then(mean(a).total_cmp(&mean(b)))
                .then(b.cmp(&a))
        });
        if let Some(column) = named {
            let reason = self.header(column);
            self.choose(MappingField::Text, column, vec![reason]);
            return (column, Vec::new());
        }
        let column = self.longest().unwrap_or(0);
        self.choose(MappingField::Text, column, vec![GuessReason::Longest]);
        (column, Vec::new())
    }

    fn longest(&self) -> Option<usize> {
        self.free().max_by(|&a, &b| {
            let total = |c: usize| self.profiles[c].mean_chars * self.profiles[c].filled as f64;
            total(a).total_cmp(&total(b)).then(b.cmp(&a))
        })
    }

    fn guess(mut self) -> MappingGuess {
        let date = self.date();
        let url = self.url();
        let id = self.id();
        let channel = self.channel();
        let author = self.author();
        let (text, other_texts) = self.text();
        let mapping = ColumnMapping { date, url, id, channel, author, ..ColumnMapping::text_only(text) };
        let mut reasons = self.reasons;
        sort_by_key(&mut reasons, |(field, _)| MappingField::ALL.iter().position(|f| f == field));
        MappingGuess { mapping, reasons, other_texts }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read_table;

    fn guess_of(csv: &str) -> MappingGuess {
        guess_columns(&read_table("m.csv", csv.as_bytes()).expect("table").table)
    }

    fn mapping_of(csv: &str) -> ColumnMapping {
        guess_of(csv).mapping
    }

    #[test]
    fn guesses_japanese_and_english_headers() {
        let mapping = mapping_of("投稿日時,媒体,投稿者,本文,URL,ID\n2024-04-01,X,a,b,u,1\n");
        assert_eq!(
            mapping,
            ColumnMapping {
                date: Some(0),
                channel: Some(1),
                author: Some(2),
                url: Some(4),
                id: Some(5),
                ..ColumnMapping::text_only(3)
            }
        );
        assert_eq!(
            mapping_of("Channel,Text,Date\nX,b,2024-04-01\n"),
            ColumnMapping { date: Some(2), channel: Some(0), ..ColumnMapping::text_only(1) }
        );
        assert_eq!(
            mapping_of("お客様の声（原文）,受付日,Idea\nとても良い,2024-04-01,x\n"),
            ColumnMapping { date: Some(1), ..ColumnMapping::text_only(0) }
        );
    }

    #[test]
    fn falls_back_to_the_longest_column_for_text() {
        assert_eq!(
            mapping_of("id,what,date\n1,長い長いご意見です,2024-04-01\n2,もう一つの長いご意見,2024-04-02\n"),
            ColumnMapping { date: Some(2), id: Some(0), ..ColumnMapping::text_only(1) }
        );
    }

    /// The survey of the issue: a category whose header says お客様の声, the real free text
    /// under a header no list names, 回答日 and 回答ID.
    #[test]
    fn a_survey_category_is_not_the_text_and_its_date_and_id_are_found() {
        let mut csv = String::from("回答ID,回答日,業種,お客様の声の収集,ためらう理由（自由記述）\n");
        let answers = ["している", "する予定がある", "していない", "していない"];
        for i in 0..24 {
            csv.push_str(&format!(
                "{},2011/8/{},食品,{},理由{i}: 情報の信頼性が確認できず、社内での報告の手間も大きいため\n",
                1000 + i,
                1 + i % 28,
                answers[i % 4]
            ));
        }
        let guess = guess_of(&csv);
        assert_eq!(
            guess.mapping,
            ColumnMapping { date: Some(1), id: Some(0), ..ColumnMapping::text_only(4) }
        );
        let text_reasons = guess.reasons_for(MappingField::Text);
        assert!(
            matches!(text_reasons.last(), Some(GuessReason::FreeText { distinct_percent: 100, .. })),
            "{text_reasons:?}"
        );
        let words = text_reasons.iter().map(|r| r.message(Lang::Ja)).collect::<Vec<_>>().join("、");
        assert!(words.contains("長い自由記述: 平均") && words.contains("ほぼ全件が異なる"), "{words}");
    }

    #[test]
    fn a_date_column_is_found_by_its_cells_and_channels_by_their_names() {
        let mut csv = String::from("いつ,どこから,なに\n");
        let channels = ["電話", "メール", "X", "ブログ"];
        for i in 0..12 {
            csv.push_str(&format!(
                "2026/10/{} 10:{i:02},{},商品についての問い合わせ本文その{i}です\n",
                1 + i,
                channels[i % 4]
            ));
        }
        let guess = guess_of(&csv);
        assert_eq!(
            guess.mapping,
            ColumnMapping { date: Some(0), channel: Some(1), ..ColumnMapping::text_only(2) }
        );
        assert_eq!(guess.reasons_for(MappingField::Date), &[GuessReason::Dates { percent: 100 }]);
        assert_eq!(guess.reasons_for(MappingField::Channel), &[GuessReason::ChannelNames { percent: 100 }]);
    }

    #[test]
    fn short_survey_answers_beat_a_yes_no_column_whose_header_says_voice() {
        let mut csv = String::from("回答ID,お客様の声の収集,ためらう理由（自由記述）\n");
        let answers = ["している", "していない", "していない"];
        for i in 0..30 {
            csv.push_str(&format!("{},{},人手不足{}\n", 100 + i, answers[i % 3], i));
        }
        assert_eq!(guess_of(&csv).mapping.text, 2);
    }

    #[test]
    fn several_open_questions_keep_the_longest_as_text_and_name_the_others() {
        let mut csv = String::from("No,満足度,良かった点（自由記述）,改善してほしい点（自由記述）\n");
        for i in 0..10 {
            csv.push_str(&format!(
                "{i},5,味が良くて家族みんなが気に入っています{i},容器が開けにくく、高齢の母には力が要るので改善してほしいです{i}\n"
            ));
        }
        let guess = guess_of(&csv);
        assert_eq!(guess.mapping.text, 3);
        assert_eq!(guess.other_texts, vec![2]);
    }

    #[test]
    fn a_header_named_text_wins_over_a_longer_profile_column() {
        let mut csv = String::from("プロフィール,本文\n");
        for i in 0..10 {
            csv.push_str(&format!(
                "食べ歩きが趣味の会社員です。週末はカフェ巡りをしています。よろしく{i},プリンが美味しい{i}回目の購入です\n"
            ));
        }
        assert_eq!(guess_of(&csv).mapping.text, 1);
    }
}
