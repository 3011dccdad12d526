//! What can go wrong while importing, with positions and messages in the user's language.

use crate::text::file_kind::FileKind;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::text::lang::Lang;

/// A file that cannot be read as a table at all. Nothing is added to the project.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
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
    /// A JSON file that is not valid JSON.
    #[error("{file}: line {line}, column {column}: not valid JSON")]
    BadJson {
        /// The file name.
        file: String,
        /// 1-based line of the error.
        line: u64,
        /// 1-based column of the error.
        column: u64,
    },
    /// A workbook that the reader could not open (damaged, encrypted, not really a workbook).
    #[error("{file}: the workbook cannot be read ({detail})")]
    DamagedWorkbook {
        /// The file name.
        file: String,
        /// The reader's description.
        detail: String,
    },
    /// The file is a known non-text format (an image, a PDF, a workbook).
    #[error("{file}: this is a {kind:?} file, not a text table")]
    NotText {
        /// The file name.
        file: String,
        /// What the file is.
        kind: FileKind,
    },
    /// The file is larger than Koe reads (a workbook's used range, its unpacked size).
    #[error("{file}: the file is too large ({what:?})")]
    TooLarge {
        /// The file name.
        file: String,
        /// What is too large.
        what: Oversize,
    },
    /// The browser could not read the chosen file (moved, deleted or locked since it was chosen).
    #[error("{file}: the file could not be read")]
    Unreadable {
        /// The file name.
        file: String,
    },
}

/// What made a file too large to read, with its size and the limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Oversize {
    /// The sheet uses more columns than Koe reads (a stray cell far to the right).
    Columns {
        /// Columns from the first used one to the last.
        used: u64,
        /// The most Koe reads.
        max: u64,
    },
    /// The sheet has more filled cells than Koe reads.
    Cells {
        /// The most Koe reads.
        max: u64,
    },
    /// The workbook unpacks to more bytes than Koe reads (possibly a "zip bomb").
    Unpacked {
        /// Bytes it declares once unpacked.
        bytes: u64,
        /// The most Koe reads.
        max: u64,
    },
    /// The workbook's shared strings (its table of texts) are larger than Koe reads.
    SharedStrings {
        /// Bytes they declare once unpacked.
        bytes: u64,
        /// The most Koe reads.
        max: u64,
    },
}

impl Oversize {
    fn describe(self, lang: Lang) -> String {
        let mb = |bytes: u64| bytes.div_ceil(1024 * 1024);
        match (self, lang) {
            (Oversize::Columns { used, max }, Lang::Ja) => {
                format!("使われている範囲が{used}列あり、読める上限の{max}列を超えています")
            }
            (Oversize::Columns { used, max }, Lang::En) => {
                format!("its used range spans {used} columns, more than the {max} Koe reads")
            }
            (Oversize::Cells { max }, Lang::Ja) => format!("入力されたセルが上限の{max}個を超えています"),
            (Oversize::Cells { max }, Lang::En) => {
                format!("it has more than {max} filled cells, the most Koe reads")
            }
            (Oversize::Unpacked { bytes, max }, Lang::Ja) => {
                format!("展開すると{} MB になり、上限の{} MB を超えます", mb(bytes), mb(max))
            }
            (Oversize::Unpacked { bytes, max }, Lang::En) => {
                format!("it unpacks to {} MB, more than the {} MB Koe reads", mb(bytes), mb(max))
            }
            (Oversize::SharedStrings { bytes, max }, Lang::Ja) => {
                format!("文字列の表が{} MB あり、上限の{} MB を超えます", mb(bytes), mb(max))
            }
            (Oversize::SharedStrings { bytes, max }, Lang::En) => {
                format!("its table of texts is {} MB, more than the {} MB Koe reads", mb(bytes), mb(max))
            }
        }
    }
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
            (ImportError::HeaderOnly { file }, Lang::Ja) => {
                format!("{file}: 見出し行しかありません。コメントの行が入ったファイルを選んでください。")
            }
            (ImportError::HeaderOnly { file }, Lang::En) => {
                format!("{file}: there is only a header row. Choose a file with comment rows under it.")
            }
            (ImportError::Binary { file, offset }, Lang::Ja) => format!(
                "{file}: テキストファイルではありません（{offset}バイト目にバイナリデータ）。CSV ファイルを選んでください。"
            ),
            (ImportError::Binary { file, offset }, Lang::En) => {
                format!("{file}: this is not a text file (binary data at byte {offset}). Choose a CSV file.")
            }
            (ImportError::BadJson { file, line, column }, Lang::Ja) => format!(
                "{file}: {line}行目 {column}文字目で JSON が壊れています。ファイルを書き出し直してください。"
            ),
            (ImportError::BadJson { file, line, column }, Lang::En) => {
                format!("{file}: the JSON is broken at line {line}, column {column}. Export the file again.")
            }
            (ImportError::DamagedWorkbook { file, detail }, Lang::Ja) => format!(
                "{file}: Excel ブックを開けません（{detail}）。Excel で開けるか確かめ、パスワードを外して保存し直してください。"
            ),
            (ImportError::DamagedWorkbook { file, detail }, Lang::En) => format!(
                "{file}: the workbook cannot be opened ({detail}). Check that Excel opens it, remove any password and save it again."
            ),
            (ImportError::NotText { file, kind }, Lang::Ja) => format!(
                "{file}: {}で、テキストファイルではありません。Excel で開いて「CSV UTF-8（コンマ区切り）」で保存したファイルを選んでください。",
                kind.name(lang)
            ),
            (ImportError::NotText { file, kind }, Lang::En) => format!(
                "{file}: this is {}, not a text file. Open it in Excel and save it as \"CSV UTF-8 (Comma delimited)\".",
                kind.name(lang)
            ),
            (ImportError::TooLarge { file, what }, Lang::Ja) => format!(
                "{file}: ファイルが大きすぎて読めません（{}）。Excel でコメントの範囲だけを新しいブックにコピーするか、CSV で保存し直してください。",
                what.describe(lang)
            ),
            (ImportError::TooLarge { file, what }, Lang::En) => format!(
                "{file}: the file is too large to read ({}). In Excel, copy only the comments to a new workbook, or save them as CSV.",
                what.describe(lang)
            ),
            (ImportError::Unreadable { file }, Lang::Ja) => format!(
                "{file}: ファイルを読み込めませんでした。選んだ後に移動・削除されたか、ほかのアプリが使用中の可能性があります。もう一度選んでください。"
            ),
            (ImportError::Unreadable { file }, Lang::En) => format!(
                "{file}: the file could not be read. It may have been moved, deleted or locked by another app since it was chosen. Choose it again."
            ),
        }
    }
}

/// Something wrong with one row or cell; the rest of the file is still imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
            (ProblemKind::EmptyText, Lang::Ja) => "本文が空のため、この行は取り込みませんでした。".to_owned(),
            (ProblemKind::EmptyText, Lang::En) => "The text is empty; this row was skipped.".to_owned(),
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
