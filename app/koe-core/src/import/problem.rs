//! What can go wrong while importing, with positions and messages in the user's language.

use thiserror::Error;

use crate::lang::Lang;

/// A file that cannot be read as a table at all. Nothing is added to the project.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ImportError {
    /// The file has no bytes, or only white space.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file name.
        file: String,
    },
    /// The file has a header row and nothing under it.
    #[error("{file}: the file has a header row but no comments under it")]
    HeaderOnly {
        /// The file name.
        file: String,
    },
    /// The file holds binary data (an image, a program, a damaged file).
    #[error("{file}: this is not a text file (binary data at byte {offset})")]
    Binary {
        /// The file name.
        file: String,
        /// Where the first binary byte is.
        offset: usize,
    },
    /// The bytes are not valid UTF-8.
    #[error("{file}: line {line}, column {column}: the text is not UTF-8")]
    NotUtf8 {
        /// The file name.
        file: String,
        /// 1-based line of the first invalid byte.
        line: u64,
        /// 1-based character column of the first invalid byte.
        column: u64,
    },
}

impl ImportError {
    /// The message to show, in the user's language, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ImportError::Empty { file }, Lang::Ja) => {
                format!("{file}: ファイルが空です。コメントを含むファイルを選んでください。")
            }
            (ImportError::Empty { file }, Lang::En) => {
                format!("{file}: the file is empty. Choose a file that contains comments.")
            }
            (ImportError::HeaderOnly { file }, Lang::Ja) => format!(
                "{file}: 見出し行しかありません。コメントの行が入ったファイルを選んでください。"
            ),
            (ImportError::HeaderOnly { file }, Lang::En) => format!(
                "{file}: there is only a header row. Choose a file with comment rows under it."
            ),
            (ImportError::Binary { file, offset }, Lang::Ja) => format!(
                "{file}: テキストファイルではありません（{offset}バイト目にバイナリデータ）。CSV ファイルを選んでください。"
            ),
            (ImportError::Binary { file, offset }, Lang::En) => format!(
                "{file}: this is not a text file (binary data at byte {offset}). Choose a CSV file."
            ),
            (ImportError::NotUtf8 { file, line, column }, Lang::Ja) => format!(
                "{file}: {line}行目 {column}文字目が UTF-8 ではありません。Excel では「CSV UTF-8（コンマ区切り）」で保存し直してください。"
            ),
            (ImportError::NotUtf8 { file, line, column }, Lang::En) => format!(
                "{file}: line {line}, column {column} is not UTF-8. In Excel, save again as \"CSV UTF-8 (Comma delimited)\"."
            ),
        }
    }
}

/// Something wrong with one row or cell; the rest of the file is still imported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file name.
    pub file: String,
    /// 1-based line where the record starts.
    pub line: u64,
    /// 1-based column (field number), when the problem is in one cell.
    pub column: Option<usize>,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// The kinds of row-level problems.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    /// The row has a different number of fields from the header; it is kept.
    FieldCount {
        /// Fields in the header.
        expected: usize,
        /// Fields in this row.
        found: usize,
    },
    /// The text cell is empty; the row is skipped.
    EmptyText,
    /// The date cell could not be read or names a day that does not exist; the row is kept
    /// without a date.
    BadDate {
        /// The cell as written.
        value: String,
    },
    /// The CSV reader could not read this record.
    Malformed {
        /// The reader's description.
        detail: String,
    },
}

impl ImportProblem {
    /// The message to show, in the user's language, with file, line and column.
    pub fn message(&self, lang: Lang) -> String {
        let place = match (lang, self.column) {
            (Lang::Ja, Some(column)) => format!("{}: {}行目 {}列目", self.file, self.line, column),
            (Lang::Ja, None) => format!("{}: {}行目", self.file, self.line),
            (Lang::En, Some(column)) => {
                format!("{}: line {}, column {}", self.file, self.line, column)
            }
            (Lang::En, None) => format!("{}: line {}", self.file, self.line),
        };
        let what = match (&self.kind, lang) {
            (ProblemKind::FieldCount { expected, found }, Lang::Ja) => {
                format!("項目数が{found}個です（見出しは{expected}個）。行は取り込みました。")
            }
            (ProblemKind::FieldCount { expected, found }, Lang::En) => {
                format!("{found} fields where the header has {expected}. The row was imported.")
            }
            (ProblemKind::EmptyText, Lang::Ja) => {
                "本文が空のため、この行は取り込みませんでした。".to_owned()
            }
            (ProblemKind::EmptyText, Lang::En) => {
                "The text is empty; this row was skipped.".to_owned()
            }
            (ProblemKind::BadDate { value }, Lang::Ja) => {
                format!("日付「{value}」を読めません。日付なしで取り込みました。")
            }
            (ProblemKind::BadDate { value }, Lang::En) => {
                format!("Cannot read the date \"{value}\". Imported without a date.")
            }
            (ProblemKind::Malformed { detail }, Lang::Ja) => {
                format!("この行を読めませんでした（{detail}）。")
            }
            (ProblemKind::Malformed { detail }, Lang::En) => {
                format!("This record could not be read ({detail}).")
            }
        };
        format!("{place}: {what}")
    }
}
