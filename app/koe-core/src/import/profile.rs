//! What each column of a table holds, measured from its cells, so column roles can be chosen
//! from content and not only from header names (a header that says お客様の声 over a column of
//! している / していない is a category, not the comments).

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

use super::preview::PREVIEW_ROWS;
use super::table::{Table, TableRow};
use super::text_rows::RowSink;
use crate::import::dates::{DateSettings, parse_with};

/// Rows looked at per column: all of a normal file, an even sample of a big one.
pub const PROFILE_ROWS: usize = 5_000;

/// Mean length (characters) from which a mostly distinct column reads as free text.
const FREE_TEXT_MEAN_CHARS: f64 = 12.0;
/// Longest cell (characters) from which a mostly distinct column reads as free text even
/// when most answers are short.
const FREE_TEXT_MAX_CHARS: usize = 40;
/// Share of distinct values from which a column is "mostly distinct".
const MOSTLY_DISTINCT: f64 = 0.5;
/// Share of cells that must be dates, numbers or links for the column to be one.
const MOSTLY: f64 = 0.8;
/// At most this many distinct values (or this share of the rows) make a category.
const CATEGORY_VALUES: usize = 30;
/// Longest cell of a short code (受付番号, 回答ID, a post id).
const CODE_MAX_CHARS: usize = 24;

/// The measurements of one column over the rows looked at.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ColumnProfile {
    /// Rows looked at.
    pub rows: usize,
    /// Cells that are not blank.
    pub filled: usize,
    /// Different non-blank values.
    pub distinct: usize,
    /// Mean length of the non-blank cells, in characters.
    pub mean_chars: f64,
    /// Length of the longest cell, in characters.
    pub max_chars: usize,
    /// Cells that read as a date or date-time written as text (plain numbers are not counted:
    /// they are more often ids than Excel serials).
    pub dates: usize,
    /// Of those, cells that carry a time of day.
    pub times: usize,
    /// Cells that are plain numbers.
    pub numbers: usize,
    /// Cells that are web links.
    pub urls: usize,
    /// Cells that look like codes: short, in ASCII letters, digits and separators.
    pub short_codes: usize,
}

/// What a column holds, as far as its cells tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ColumnKind {
    /// Nothing in it.
    Empty,
    /// Long, mostly different texts: what customers wrote.
    FreeText,
    /// Dates or date-times.
    Date,
    /// Web links.
    Url,
    /// Short values, each different: an identifier.
    Code,
    /// A few values repeated: a category (業種, 媒体, yes/no answers).
    Category,
    /// Numbers that are not codes.
    Number,
    /// None of the above (short texts such as names).
    Other,
}

impl ColumnProfile {
    fn share(&self, count: usize) -> f64 {
        if self.filled == 0 { 0.0 } else { count as f64 / self.filled as f64 }
    }

    /// Share of the non-blank cells that are different from each other.
    pub fn distinct_share(&self) -> f64 {
        self.share(self.distinct)
    }

    /// Share of the non-blank cells that read as dates.
    pub fn date_share(&self) -> f64 {
        self.share(self.dates)
    }

    /// Whether the cells read as free text written by customers.
    pub fn is_free_text(&self) -> bool {
        self.filled > 0
            && self.distinct_share() >= MOSTLY_DISTINCT
            && (self.mean_chars >= FREE_TEXT_MEAN_CHARS || self.max_chars >= FREE_TEXT_MAX_CHARS)
            && self.date_share() < MOSTLY
            && self.share(self.urls) < MOSTLY
            && self.share(self.numbers) < MOSTLY
    }

    /// Whether the cells are a few values repeated.
    pub fn is_category(&self) -> bool {
        self.filled > 0
            && self.distinct < self.filled
            && (self.distinct <= CATEGORY_VALUES || self.distinct_share() <= 0.1)
            && self.max_chars <= FREE_TEXT_MAX_CHARS
    }

    /// Whether the cells are short values that are all different: an identifier.
    pub fn is_code(&self) -> bool {
        self.filled > 1 && self.distinct == self.filled && self.short_codes == self.filled
    }

    /// What the column holds, most telling kind first.
    pub fn kind(&self) -> ColumnKind {
        if self.filled == 0 {
            ColumnKind::Empty
        } else if self.date_share() >= MOSTLY {
            ColumnKind::Date
        } else if self.share(self.urls) >= MOSTLY {
            ColumnKind::Url
        } else if self.is_code() {
            ColumnKind::Code
        } else if self.is_free_text() {
            ColumnKind::FreeText
        } else if self.share(self.numbers) >= MOSTLY {
            ColumnKind::Number
        } else if self.is_category() {
            ColumnKind::Category
        } else {
            ColumnKind::Other
        }
    }
}

/// All rows of a table, or an even sample of at most [`PROFILE_ROWS`] of a bigger one (every
/// row whose position is a multiple of the smallest power of two that keeps the sample in
/// bounds): what column guesses look at. A power of two, so that a [`RowSample`] taken while
/// the rows are read, before their number is known, is this same sample.
pub(crate) fn sampled_rows(table: &Table) -> impl Iterator<Item = &TableRow> {
    table.rows.iter().step_by(sample_step(table.rows.len()))
}

/// The step between the rows sampled out of `rows`.
fn sample_step(rows: usize) -> usize {
    let mut step = 1usize;
    while rows.div_ceil(step) > PROFILE_ROWS {
        step *= 2;
    }
    step
}

/// The rows [`sampled_rows`] would take from a table, taken as the rows are read one by one
/// (the import worker keeps no table), and the first rows the preview shows.
#[derive(Debug, Default)]
pub(crate) struct RowSample {
    /// Rows seen so far.
    seen: usize,
    /// Rows whose position is a multiple of this are kept.
    step: usize,
    sampled: Vec<TableRow>,
    first: Vec<TableRow>,
}

impl RowSample {
    /// The first `PREVIEW_ROWS` rows seen, and the sample.
    pub(crate) fn into_parts(self) -> (Vec<TableRow>, Vec<TableRow>) {
        (self.first, self.sampled)
    }

    /// Every row seen so far, while the sample still holds them all (at most [`PROFILE_ROWS`]).
    pub(crate) fn all_so_far(&self) -> Option<&[TableRow]> {
        (self.step <= 1).then_some(self.sampled.as_slice())
    }
}

impl RowSink for RowSample {
    fn keep(&mut self, row: &TableRow) {
        let position = self.seen;
        self.seen += 1;
        self.step = self.step.max(1);
        if position < PREVIEW_ROWS {
            self.first.push(row.clone());
        }
        if !position.is_multiple_of(self.step) {
            return;
        }
        self.sampled.push(row.clone());
        if self.sampled.len() > PROFILE_ROWS {
            // Every other one kept is a multiple of twice the step.
            self.step *= 2;
            let mut position = 0;
            self.sampled.retain(|_| {
                position += 1;
                position % 2 == 1
            });
        }
    }

    fn start_again(&mut self) {
        *self = RowSample::default();
    }
}

/// Measures every column of `table` over [`sampled_rows`].
pub fn profile_columns(table: &Table) -> Vec<ColumnProfile> {
    let settings = DateSettings::default();
    (0..table.headers.len())
        .map(|column| {
            let mut profile = ColumnProfile::default();
            let mut seen: FxHashSet<&str> = FxHashSet::default();
            let mut total_chars = 0usize;
            for row in sampled_rows(table) {
                profile.rows += 1;
                let cell = row.field(column).map_or("", str::trim);
                if cell.is_empty() {
                    continue;
                }
                profile.filled += 1;
                if seen.insert(cell) {
                    profile.distinct += 1;
                }
                let chars = cell.chars().count();
                total_chars += chars;
                profile.max_chars = profile.max_chars.max(chars);
                let number = is_number(cell);
                if number {
                    profile.numbers += 1;
                } else if let Some(date) =
                    (chars <= 40 && might_be_date(cell)).then(|| parse_with(cell, &settings)).flatten()
                {
                    profile.dates += 1;
                    if date.time() != chrono::NaiveTime::MIN {
                        profile.times += 1;
                    }
                }
                if is_url(cell) {
                    profile.urls += 1;
                }
                if chars <= CODE_MAX_CHARS && cell.bytes().all(is_code_byte) {
                    profile.short_codes += 1;
                }
            }
            if profile.filled > 0 {
                profile.mean_chars = total_chars as f64 / profile.filled as f64;
            }
            profile
        })
        .collect()
}

/// Codes are written in ASCII letters, digits and a few separators (R-0012, 2026/0001, a post id).
fn is_code_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'/' | b'#' | b':')
}

/// Whether a cell starts as every date form Koe reads does (a year's digit, an era's name or
/// letter), so free texts are not run through every date format: profiling stays cheap.
fn might_be_date(cell: &str) -> bool {
    let mut chars = cell.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() || ('０'..='９').contains(&c) => true,
        Some('令' | '平' | '昭' | '大' | '明') => true,
        Some('R' | 'H' | 'S' | 'T' | 'M' | 'Ｒ' | 'Ｈ' | 'Ｓ' | 'Ｔ' | 'Ｍ') => {
            chars.next().is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        }
        _ => false,
    }
}

fn is_number(cell: &str) -> bool {
    let digits = cell.strip_prefix(['-', '+']).unwrap_or(cell);
    !digits.is_empty()
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
}

fn is_url(cell: &str) -> bool {
    let lower = cell.get(..8).unwrap_or(cell).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read_table;

    #[test]
    fn a_sample_taken_while_reading_is_the_sample_of_the_table() {
        for rows in [0, 1, 4, 5, 6, 4_999, 5_000, 5_001, 10_000, 10_001, 20_001, 123_457] {
            let table = Table {
                file: "s.csv".into(),
                sheet: None,
                headers: vec!["n".into()],
                rows: (0..rows).map(|i| TableRow::new(i as u64 + 2, [i.to_string()])).collect(),
                delimiter: b',',
            };
            let mut sample = RowSample::default();
            table.rows.iter().for_each(|row| sample.keep(row));
            let (first, sampled) = sample.into_parts();
            let expected: Vec<&TableRow> = sampled_rows(&table).collect();
            assert_eq!(sampled.iter().collect::<Vec<_>>(), expected, "{rows} rows");
            assert!(
                sampled.len() <= PROFILE_ROWS
                    && (rows < 2 * PROFILE_ROWS || sampled.len() > PROFILE_ROWS / 2)
            );
            assert_eq!(first[..], table.rows[..rows.min(PREVIEW_ROWS)]);
        }
    }

    fn kinds(csv: &str) -> Vec<ColumnKind> {
        let table = read_table("p.csv", csv.as_bytes()).expect("table").table;
        profile_columns(&table).iter().map(ColumnProfile::kind).collect()
    }

    #[test]
    fn tells_free_text_from_categories_dates_codes_and_links() {
        let mut csv = String::from("回答ID,回答日,業種,お客様の声の収集,理由,URL,点数,空\n");
        let answers = ["している", "する予定がある", "していない"];
        let trades = ["食品", "化学", "金融", "小売"];
        for i in 0..40 {
            csv.push_str(&format!(
                "R{i:03},2011/8/{},{},{},理由その{i}：人手が足りず確認に時間がかかるため,https://example.jp/{i},{},\n",
                1 + i % 28,
                trades[i % 4],
                answers[i % 3],
                i * 7,
            ));
        }
        assert_eq!(
            kinds(&csv),
            vec![
                ColumnKind::Code,
                ColumnKind::Date,
                ColumnKind::Category,
                ColumnKind::Category,
                ColumnKind::FreeText,
                ColumnKind::Url,
                ColumnKind::Code,
                ColumnKind::Empty,
            ]
        );
    }

    #[test]
    fn a_big_file_is_sampled_evenly() {
        let mut csv = String::from("本文\n");
        for i in 0..(PROFILE_ROWS * 2 + 10) {
            csv.push_str(&format!("声{i}\n"));
        }
        let table = read_table("big.csv", csv.as_bytes()).expect("table").table;
        let profile = &profile_columns(&table)[0];
        assert!(profile.rows <= PROFILE_ROWS, "{}", profile.rows);
        assert!(profile.rows >= PROFILE_ROWS / 2, "{}", profile.rows);
        assert_eq!(profile.distinct, profile.filled);
    }

    #[test]
    fn counts_dates_with_a_time_apart() {
        let table = read_table("d.csv", "受付日\n2026/10/01\n2026/10/02 09:30\n不明\n".as_bytes())
            .expect("table")
            .table;
        let profile = &profile_columns(&table)[0];
        assert_eq!((profile.filled, profile.dates, profile.times), (3, 2, 1));
    }
}
