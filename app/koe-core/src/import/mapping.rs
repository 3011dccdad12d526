//! Which column is what, guessed from Japanese and English header names.

use super::problem::{ImportProblem, ProblemKind};
use super::table::Table;
use crate::comment::{NewComment, SourceRef};
use crate::dates;

/// Which column holds the text, the date and the channel (0-based column indexes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnMapping {
    /// The comment text; required.
    pub text: usize,
    /// The date, if the file has one.
    pub date: Option<usize>,
    /// The channel, if the file has one.
    pub channel: Option<usize>,
}

/// A role a column can play, so a UI can offer one choice per role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingField {
    /// The comment text (required).
    Text,
    /// The date.
    Date,
    /// The channel.
    Channel,
}

impl MappingField {
    /// Every role, in the order a mapping form shows them.
    pub const ALL: [MappingField; 3] = [
        MappingField::Text,
        MappingField::Date,
        MappingField::Channel,
    ];

    /// Whether the role may be left without a column.
    pub fn optional(self) -> bool {
        self != MappingField::Text
    }
}

impl ColumnMapping {
    /// The column chosen for a role.
    pub fn get(&self, field: MappingField) -> Option<usize> {
        match field {
            MappingField::Text => Some(self.text),
            MappingField::Date => self.date,
            MappingField::Channel => self.channel,
        }
    }

    /// Chooses the column for a role; the text can't be set to none and keeps its column.
    pub fn set(&mut self, field: MappingField, column: Option<usize>) {
        match field {
            MappingField::Text => {
                if let Some(column) = column {
                    self.text = column;
                }
            }
            MappingField::Date => self.date = column,
            MappingField::Channel => self.channel = column,
        }
    }
}

/// The comments read from a table and the problems met.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportOutcome {
    /// The comments, in file order.
    pub comments: Vec<NewComment>,
    /// Rows skipped or kept with a remark.
    pub problems: Vec<ImportProblem>,
}

const TEXT_NAMES: &[&str] = &[
    "本文",
    "内容",
    "コメント",
    "お客様の声",
    "投稿内容",
    "テキスト",
    "声",
    "text",
    "comment",
    "body",
    "content",
    "message",
];
const DATE_NAMES: &[&str] = &[
    "投稿日時",
    "日付",
    "受付日",
    "受付日時",
    "日時",
    "投稿日",
    "date",
    "datetime",
    "created_at",
    "timestamp",
    "time",
];
const CHANNEL_NAMES: &[&str] = &[
    "媒体",
    "チャネル",
    "チャンネル",
    "受付経路",
    "経路",
    "channel",
    "source",
    "media",
];

/// Guesses the mapping from header names; the text falls back to the column with the
/// longest cells when no header names it.
pub fn guess_mapping(table: &Table) -> ColumnMapping {
    let date = find_column(&table.headers, DATE_NAMES, &[]);
    let channel = find_column(&table.headers, CHANNEL_NAMES, &[date]);
    let text = find_column(&table.headers, TEXT_NAMES, &[date, channel])
        .or_else(|| longest_column(table, &[date, channel]))
        .unwrap_or(0);
    ColumnMapping {
        text,
        date,
        channel,
    }
}

fn normalise_header(header: &str) -> String {
    header
        .trim()
        .to_lowercase()
        .replace([' ', '　', '_', '-'], "")
}

fn find_column(headers: &[String], names: &[&str], taken: &[Option<usize>]) -> Option<usize> {
    let free = |index: &usize| !taken.contains(&Some(*index));
    let normalised: Vec<String> = headers.iter().map(|h| normalise_header(h)).collect();
    let wanted: Vec<String> = names.iter().map(|n| normalise_header(n)).collect();
    let exact = wanted.iter().find_map(|name| {
        (0..headers.len())
            .filter(free)
            .find(|&i| &normalised[i] == name)
    });
    exact.or_else(|| {
        wanted.iter().find_map(|name| {
            (0..headers.len())
                .filter(free)
                .find(|&i| normalised[i].contains(name.as_str()))
        })
    })
}

fn longest_column(table: &Table, taken: &[Option<usize>]) -> Option<usize> {
    (0..table.headers.len())
        .filter(|i| !taken.contains(&Some(*i)))
        .max_by_key(|&i| {
            table
                .rows
                .iter()
                .map(|row| row.fields.get(i).map_or(0, |f| f.chars().count()))
                .sum::<usize>()
        })
}

/// Turns table rows into comments: empty texts are skipped, unreadable dates kept as none,
/// each with a problem saying where.
pub fn to_comments(table: &Table, mapping: &ColumnMapping) -> ImportOutcome {
    let mut outcome = ImportOutcome::default();
    let problem = |line, column: usize, kind| ImportProblem {
        file: table.file.clone(),
        line,
        column: Some(column + 1),
        kind,
    };
    for row in &table.rows {
        let cell = |index: Option<usize>| index.and_then(|i| row.fields.get(i)).map(String::as_str);
        let text = cell(Some(mapping.text)).unwrap_or_default();
        if text.trim().is_empty() {
            outcome
                .problems
                .push(problem(row.line, mapping.text, ProblemKind::EmptyText));
            continue;
        }
        let date = match (mapping.date, cell(mapping.date)) {
            (Some(column), Some(value)) if !value.trim().is_empty() => {
                let parsed = dates::parse_local(value);
                if parsed.is_none() {
                    let kind = ProblemKind::BadDate {
                        value: value.to_owned(),
                    };
                    outcome.problems.push(problem(row.line, column, kind));
                }
                parsed
            }
            _ => None,
        };
        outcome.comments.push(NewComment {
            text: text.to_owned(),
            date,
            channel: cell(mapping.channel).unwrap_or_default().trim().to_owned(),
            source: SourceRef {
                file: table.file.clone(),
                line: row.line,
            },
        });
    }
    outcome
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read_table;

    fn mapping_of(csv: &str) -> ColumnMapping {
        guess_mapping(&read_table("m.csv", csv.as_bytes()).expect("table").table)
    }

    #[test]
    fn guesses_japanese_and_english_headers() {
        assert_eq!(
            mapping_of("投稿日時,媒体,投稿者,本文\n2024-04-01,X,a,b\n"),
            ColumnMapping {
                text: 3,
                date: Some(0),
                channel: Some(1)
            }
        );
        assert_eq!(
            mapping_of("Channel,Text,Date\nX,b,2024-04-01\n"),
            ColumnMapping {
                text: 1,
                date: Some(2),
                channel: Some(0)
            }
        );
        assert_eq!(
            mapping_of("お客様の声（原文）,受付日\nとても良い,2024-04-01\n"),
            ColumnMapping {
                text: 0,
                date: Some(1),
                channel: None
            }
        );
    }

    #[test]
    fn the_text_role_cannot_be_emptied() {
        let mut mapping = ColumnMapping {
            text: 2,
            date: Some(0),
            channel: None,
        };
        mapping.set(MappingField::Text, None);
        mapping.set(MappingField::Date, None);
        mapping.set(MappingField::Channel, Some(1));
        assert_eq!(
            mapping,
            ColumnMapping {
                text: 2,
                date: None,
                channel: Some(1)
            }
        );
        assert_eq!(mapping.get(MappingField::Channel), Some(1));
        assert!(!MappingField::Text.optional());
    }

    #[test]
    fn falls_back_to_the_longest_column_for_text() {
        assert_eq!(
            mapping_of(
                "id,what,date\n1,長い長いご意見です,2024-04-01\n2,もう一つの長いご意見,2024-04-02\n"
            ),
            ColumnMapping {
                text: 1,
                date: Some(2),
                channel: None
            }
        );
    }

    #[test]
    fn skips_empty_texts_and_keeps_rows_with_bad_dates() {
        let table = read_table(
            "b.csv",
            "本文,日付\n良い,2024-02-30\n ,2024-04-01\nふつう,\n".as_bytes(),
        )
        .expect("table")
        .table;
        let outcome = to_comments(&table, &guess_mapping(&table));
        let texts: Vec<&str> = outcome.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["良い", "ふつう"]);
        assert_eq!(outcome.comments[0].source.line, 2);
        let kinds: Vec<(u64, Option<usize>, ProblemKind)> = outcome
            .problems
            .into_iter()
            .map(|p| (p.line, p.column, p.kind))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    2,
                    Some(2),
                    ProblemKind::BadDate {
                        value: "2024-02-30".into()
                    }
                ),
                (3, Some(1), ProblemKind::EmptyText),
            ]
        );
    }
}
