//! The codebook as a CSV file that members of a study group share and edit in Excel.
//!
//! One row per tag: `group,tag,parent,colour,shortcut,keywords` and an optional `choice`
//! (`single` / `multiple`); Japanese headers (グループ,タグ,親タグ,色,ショートカット,キーワード,選択)
//! are read too. Groups are implicit: a group exists when a tag names it (a row with a group and
//! no tag keeps a group that has no tags yet). The user-facing description is
//! `docs/codebook-csv.md`.
//!
//! Importing merges by name so that tagging survives: a tag matched by group and name keeps its
//! identity. A row that cannot be applied without guessing is left out and reported as a
//! [`CodebookConflict`] with its line; the rest of the file is applied.
//!
//! ```
//! use koe_core::Codebook;
//! use koe_core::project::codebook_csv::{export_codebook, import_codebook};
//!
//! let starter = Codebook::starter();
//! let bytes = export_codebook(&starter);
//! let import = import_codebook(&Codebook::default(), "codebook.csv", &bytes).expect("a codebook");
//! assert_eq!(import.codebook, starter);
//! assert!(import.conflicts.is_empty());
//! ```

use std::collections::{HashMap, HashSet};

use thiserror::Error;

use crate::project::codebook::TAG_PALETTE as PALETTE;
use crate::project::codebook::{Codebook, GroupId, Rule, Tag, TagGroup, TagId};
use crate::project::shortcuts::RESERVED_KEYS;
use crate::text::decode::{Replacement, decode};
use crate::text::file_kind::FileKind;
use crate::text::lang::Lang;

/// How far into a file NUL bytes mark it as binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// The codebook after an import, and what the file changed, so the UI can say so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodebookImport {
    /// The merged codebook, to apply with one command (so one undo takes the import back).
    pub codebook: Codebook,
    /// Tags new to the codebook.
    pub added: usize,
    /// Existing tags whose definition came from the file.
    pub updated: usize,
    /// Rows that were not applied, in file order.
    pub conflicts: Vec<CodebookConflict>,
    /// Bytes the detected encoding could not read, which garble names: the UI should warn.
    pub replaced: Option<Replacement>,
}

/// A row of the file that was not applied, and why, so the user can fix the file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodebookConflict {
    /// The file name.
    pub file: String,
    /// 1-based line where the row starts.
    pub line: u64,
    /// The row's group, as written (empty when the cell is).
    pub group: String,
    /// The row's tag, as written (empty when the cell is).
    pub tag: String,
    /// What is wrong.
    pub kind: ConflictKind,
}

/// Why a row was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ConflictKind {
    /// The tag exists in another group (in the current codebook or earlier in the file): same
    /// name, different group. Moving it or making a second tag would be a guess.
    OtherGroup {
        /// The group the tag is already in.
        existing: String,
        /// The group the row puts it in.
        in_file: String,
    },
    /// The parent is not a tag of the same group.
    UnknownParent {
        /// The parent as written.
        parent: String,
    },
    /// The parent has a parent itself (or is the tag itself): parents are one level deep.
    NestedParent {
        /// The parent as written.
        parent: String,
    },
    /// The row gives the tag a parent, but a tag the file leaves alone has this tag as its
    /// parent: that would make two levels.
    HasChildren {
        /// A tag whose parent this tag is.
        child: String,
    },
    /// The colour is not `#rrggbb`.
    BadColour {
        /// The cell as written.
        value: String,
    },
    /// The shortcut is not one character, or is a key the grid reserves.
    BadShortcut {
        /// The cell as written.
        value: String,
    },
    /// Another tag already has this shortcut.
    ShortcutTaken {
        /// The key.
        shortcut: char,
        /// The tag that has it.
        by: String,
    },
    /// The choice cell is neither single nor multiple.
    BadChoice {
        /// The cell as written.
        value: String,
    },
    /// An earlier row gives the same group the other choice.
    ChoiceDiffers {
        /// The line of the first row that gives the group a choice.
        first_line: u64,
    },
    /// The same tag of the same group is on an earlier row too.
    Duplicate {
        /// The line of the first row.
        first_line: u64,
    },
    /// The row names a tag but no group.
    MissingGroup,
    /// The row has cells filled but no tag name.
    MissingTag,
}

/// A file that cannot be read as a codebook at all. Nothing is changed.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum CodebookCsvError {
    /// The file has no bytes, or only white space.
    #[error("{file}: the file is empty")]
    Empty {
        /// The file name.
        file: String,
    },
    /// The header row lacks columns the format needs.
    #[error("{file}: the header row lacks the columns {}", missing.join(", "))]
    MissingColumns {
        /// The file name.
        file: String,
        /// The missing columns' English names, in the format's order.
        missing: Vec<&'static str>,
    },
    /// The file holds binary data (a workbook, an image, a damaged file).
    #[error("{file}: this is not a text file")]
    NotText {
        /// The file name.
        file: String,
    },
    /// The CSV reader could not read a record.
    #[error("{file}: line {line}: the record cannot be read ({detail})")]
    Malformed {
        /// The file name.
        file: String,
        /// 1-based line of the record.
        line: u64,
        /// The reader's description.
        detail: String,
    },
}

/// The file's columns, in the order export writes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Group,
    Tag,
    Parent,
    Colour,
    Shortcut,
    Keywords,
    Choice,
}

impl Column {
    const ALL: [Column; 7] = [
        Column::Group,
        Column::Tag,
        Column::Parent,
        Column::Colour,
        Column::Shortcut,
        Column::Keywords,
        Column::Choice,
    ];

    fn english(self) -> &'static str {
        match self {
            Column::Group => "group",
            Column::Tag => "tag",
            Column::Parent => "parent",
            Column::Colour => "colour",
            Column::Shortcut => "shortcut",
            Column::Keywords => "keywords",
            Column::Choice => "choice",
        }
    }

    fn japanese(self) -> &'static str {
        match self {
            Column::Group => "グループ",
            Column::Tag => "タグ",
            Column::Parent => "親タグ",
            Column::Colour => "色",
            Column::Shortcut => "ショートカット",
            Column::Keywords => "キーワード",
            Column::Choice => "選択",
        }
    }

    /// `choice` may be left out: groups then keep their kind.
    fn required(self) -> bool {
        self != Column::Choice
    }

    fn matches(self, header: &str) -> bool {
        let header = header.trim();
        header.eq_ignore_ascii_case(self.english())
            || header == self.japanese()
            || (self == Column::Colour && header.eq_ignore_ascii_case("color"))
    }

    /// The column as messages name it: both names in Japanese, since the file may use either.
    fn label(self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!("「{}（{}）」列", self.japanese(), self.english()),
            Lang::En => format!("the \"{}\" column", self.english()),
        }
    }
}

/// The codebook as CSV bytes: UTF-8 with a BOM so Excel opens it correctly, CRLF line ends.
///
/// A cell starting with `=`, `+`, `-` or `@` would be run as a formula by Excel (and the
/// keywords `+容器` shown as `#NAME?`), so such cells get a leading apostrophe; so do cells that
/// start with an apostrophe, so that [`import_codebook`], which removes one, gives them back.
/// Each group's tags follow each other; a group without tags gets a row with an empty tag.
pub fn export_codebook(codebook: &Codebook) -> Vec<u8> {
    let mut out = String::from("\u{FEFF}");
    let header: Vec<&str> = Column::ALL.iter().map(|c| c.english()).collect();
    push_record(&mut out, &header);
    for group in &codebook.groups {
        let choice = if group.multiple { "multiple" } else { "single" };
        let mut has_tags = false;
        for tag in codebook.tags_in(group.id) {
            has_tags = true;
            let parent = tag.parent.and_then(|p| codebook.tag(p)).map_or("", |p| p.name.as_str());
            let shortcut = tag.shortcut.map(String::from).unwrap_or_default();
            let keywords = Rule::to_keywords(&tag.rule);
            push_record(
                &mut out,
                &[&group.name, &tag.name, parent, &tag.colour, &shortcut, &keywords, choice],
            );
        }
        if !has_tags {
            push_record(&mut out, &[&group.name, "", "", "", "", "", choice]);
        }
    }
    out.into_bytes()
}

/// Reads a codebook CSV (any encoding [`decode`] detects, comma or tab separated) and merges it
/// into `current`.
///
/// Groups and tags matched by name keep their identities, so tagging survives; their colour
/// (when the cell is filled), shortcut, parent, rule and choice (when given) are replaced by the
/// file's. New ones get fresh identities; tags not in the file stay as they are. Rows that
/// cannot be applied are listed in [`CodebookImport::conflicts`]; only a file that is not a
/// codebook table at all is an error.
pub fn import_codebook(
    current: &Codebook,
    file: &str,
    bytes: &[u8],
) -> Result<CodebookImport, CodebookCsvError> {
    let rows = read_rows(file, bytes)?;
    let mut conflicts = Vec::new();
    let mut reject = |row: &RawRow, kind: ConflictKind| {
        conflicts.push(CodebookConflict {
            file: file.to_owned(),
            line: row.line,
            group: row.cells.get(Column::Group).to_owned(),
            tag: row.cells.get(Column::Tag).to_owned(),
            kind,
        });
    };

    let mut items = Vec::new();
    for raw in &rows.rows {
        match read_row(raw) {
            Ok(row) => items.push(row),
            Err(kind) => reject(raw, kind),
        }
    }
    let items = plan(current, items, &mut |row, kind| reject(row.raw, kind));
    let mut accepted = vec![true; items.len()];
    while let Some((index, kind)) = first_violation(current, &items, &accepted) {
        accepted[index] = false;
        reject(items[index].row.raw, kind);
    }
    let (codebook, added, updated) = merge(current, &items, &accepted);
    conflicts.sort_by_key(|c| c.line);
    Ok(CodebookImport { codebook, added, updated, conflicts, replaced: rows.replaced })
}

impl CodebookConflict {
    /// The message to show, in the user's language: where, what is wrong, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let (file, line, tag, group) = (&self.file, self.line, &self.tag, &self.group);
        let reserved = reserved_keys(lang);
        let what = match (&self.kind, lang) {
            (ConflictKind::OtherGroup { existing, in_file }, Lang::Ja) => format!(
                "タグ「{tag}」はグループ「{existing}」にあり、ファイルではグループ「{in_file}」になっています。どちらかの名前を変えてください。"
            ),
            (ConflictKind::OtherGroup { existing, in_file }, Lang::En) => format!(
                "the tag \"{tag}\" is in the group \"{existing}\", but the file puts it in \"{in_file}\". Rename one of them."
            ),
            (ConflictKind::UnknownParent { parent }, Lang::Ja) => format!(
                "タグ「{tag}」の親タグ「{parent}」がグループ「{group}」にありません。{}には同じグループのタグ名を書くか、空にしてください。",
                Column::Parent.label(lang)
            ),
            (ConflictKind::UnknownParent { parent }, Lang::En) => format!(
                "the parent \"{parent}\" of the tag \"{tag}\" is not a tag of the group \"{group}\". In {}, write the name of a tag of the same group, or leave it empty.",
                Column::Parent.label(lang)
            ),
            (ConflictKind::NestedParent { parent }, Lang::Ja) if parent == tag => {
                format!("タグ「{tag}」を自分自身の親タグにはできません。")
            }
            (ConflictKind::NestedParent { parent }, Lang::En) if parent == tag => {
                format!("the tag \"{tag}\" cannot be its own parent.")
            }
            (ConflictKind::NestedParent { parent }, Lang::Ja) => format!(
                "タグ「{tag}」の親タグ「{parent}」にも親タグがあります。親子は1段までなので、{}を空にするか、親タグのないタグにしてください。",
                Column::Parent.label(lang)
            ),
            (ConflictKind::NestedParent { parent }, Lang::En) => format!(
                "the parent \"{parent}\" of the tag \"{tag}\" has a parent itself. Parents are one level deep: leave {} empty or name a tag without a parent.",
                Column::Parent.label(lang)
            ),
            (ConflictKind::HasChildren { child }, Lang::Ja) => format!(
                "タグ「{tag}」はタグ「{child}」の親タグなので、親タグを付けられません（親子は1段まで）。"
            ),
            (ConflictKind::HasChildren { child }, Lang::En) => format!(
                "the tag \"{tag}\" is the parent of \"{child}\", so it cannot have a parent (one level only)."
            ),
            (ConflictKind::BadColour { value }, Lang::Ja) => format!(
                "{}の「{value}」は色として読めません。#1565c0 のように # と16進数6桁で書くか、空にしてください。",
                Column::Colour.label(lang)
            ),
            (ConflictKind::BadColour { value }, Lang::En) => format!(
                "\"{value}\" in {} is not a colour. Write # and six hex digits, like #1565c0, or leave it empty.",
                Column::Colour.label(lang)
            ),
            (ConflictKind::BadShortcut { value }, Lang::Ja) => format!(
                "{}の「{value}」は使えません。1文字で、{reserved} 以外にするか、空にしてください。",
                Column::Shortcut.label(lang)
            ),
            (ConflictKind::BadShortcut { value }, Lang::En) => format!(
                "\"{value}\" in {} cannot be used. Write one character other than {reserved}, or leave it empty.",
                Column::Shortcut.label(lang)
            ),
            (ConflictKind::ShortcutTaken { shortcut, by }, Lang::Ja) => format!(
                "ショートカット「{shortcut}」はタグ「{by}」が使っています。どちらかを別のキーにしてください。"
            ),
            (ConflictKind::ShortcutTaken { shortcut, by }, Lang::En) => {
                format!(
                    "the shortcut \"{shortcut}\" is taken by the tag \"{by}\". Give one of them another key."
                )
            }
            (ConflictKind::BadChoice { value }, Lang::Ja) => format!(
                "{}の「{value}」は読めません。single（単一）か multiple（複数）と書くか、空にしてください。",
                Column::Choice.label(lang)
            ),
            (ConflictKind::BadChoice { value }, Lang::En) => format!(
                "\"{value}\" in {} cannot be read. Write single or multiple, or leave it empty.",
                Column::Choice.label(lang)
            ),
            (ConflictKind::ChoiceDiffers { first_line }, Lang::Ja) => format!(
                "グループ「{group}」の{}が{first_line}行目と違います。同じグループの行はそろえてください。",
                Column::Choice.label(lang)
            ),
            (ConflictKind::ChoiceDiffers { first_line }, Lang::En) => format!(
                "{} for the group \"{group}\" differs from line {first_line}. Make the rows of one group agree.",
                Column::Choice.label(lang)
            ),
            (ConflictKind::Duplicate { first_line }, Lang::Ja) => format!(
                "グループ「{group}」のタグ「{tag}」は{first_line}行目にもあります。1行にまとめてください。"
            ),
            (ConflictKind::Duplicate { first_line }, Lang::En) => format!(
                "the tag \"{tag}\" of the group \"{group}\" is on line {first_line} too. Keep one row."
            ),
            (ConflictKind::MissingGroup, Lang::Ja) => {
                format!("タグ「{tag}」の{}が空です。グループ名を書いてください。", Column::Group.label(lang))
            }
            (ConflictKind::MissingGroup, Lang::En) => {
                format!(
                    "{} is empty for the tag \"{tag}\". Write the group's name.",
                    Column::Group.label(lang)
                )
            }
            (ConflictKind::MissingTag, Lang::Ja) => {
                format!("{}が空です。タグ名を書くか、行を消してください。", Column::Tag.label(lang))
            }
            (ConflictKind::MissingTag, Lang::En) => {
                format!("{} is empty. Write the tag's name or delete the row.", Column::Tag.label(lang))
            }
        };
        match lang {
            Lang::Ja => format!("{file} {line}行目: {what}この行は取り込んでいません。"),
            Lang::En => format!("{file} line {line}: {what} This row was not imported."),
        }
    }
}

impl CodebookCsvError {
    /// The message to show, in the user's language, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CodebookCsvError::Empty { file }, Lang::Ja) => {
                format!("{file}: ファイルが空です。コードブックの CSV ファイルを選んでください。")
            }
            (CodebookCsvError::Empty { file }, Lang::En) => {
                format!("{file}: the file is empty. Choose a codebook CSV file.")
            }
            (CodebookCsvError::MissingColumns { file, missing }, Lang::Ja) => {
                let names: Vec<String> = missing.iter().map(|name| column_label(name, lang)).collect();
                format!(
                    "{file}: 見出し行に{}がありません。見出しは group,tag,parent,colour,shortcut,keywords（または グループ,タグ,親タグ,色,ショートカット,キーワード）にしてください。",
                    names.join("、")
                )
            }
            (CodebookCsvError::MissingColumns { file, missing }, Lang::En) => {
                let names: Vec<String> = missing.iter().map(|name| column_label(name, lang)).collect();
                format!(
                    "{file}: the header row lacks {}. The header must be group,tag,parent,colour,shortcut,keywords (or グループ,タグ,親タグ,色,ショートカット,キーワード).",
                    names.join(", ")
                )
            }
            (CodebookCsvError::NotText { file }, Lang::Ja) => format!(
                "{file}: テキストファイルではありません。Koe で書き出したコードブック、または Excel で「CSV UTF-8（コンマ区切り）」として保存したファイルを選んでください。"
            ),
            (CodebookCsvError::NotText { file }, Lang::En) => format!(
                "{file}: this is not a text file. Choose a codebook exported by Koe, or save it from Excel as \"CSV UTF-8 (Comma delimited)\"."
            ),
            (CodebookCsvError::Malformed { file, line, detail }, Lang::Ja) => {
                format!(
                    "{file}: {line}行目を読めません（{detail}）。Excel で開いて CSV として保存し直してください。"
                )
            }
            (CodebookCsvError::Malformed { file, line, detail }, Lang::En) => format!(
                "{file}: line {line} cannot be read ({detail}). Open the file in Excel and save it as CSV again."
            ),
        }
    }
}

/// A missing column's name (as [`CodebookCsvError::MissingColumns`] holds it) in a message.
fn column_label(english: &str, lang: Lang) -> String {
    Column::ALL.iter().find(|c| c.english() == english).map_or_else(|| english.to_owned(), |c| c.label(lang))
}

/// The keys a tag cannot take, as a message lists them.
fn reserved_keys(lang: Lang) -> String {
    let keys: Vec<String> =
        RESERVED_KEYS.iter().filter(|k| !k.is_whitespace()).map(|k| k.to_string()).collect();
    match lang {
        Lang::Ja => keys.join("・"),
        Lang::En => keys.join(", "),
    }
}

/// Writes one record: neutralised, quoted where CSV needs it, CRLF-terminated.
fn push_record(out: &mut String, cells: &[&str]) {
    for (index, cell) in cells.iter().enumerate() {
        if index > 0 {
            out.push(',');
        }
        let cell = if cell.starts_with(['=', '+', '-', '@', '\'']) {
            format!("'{cell}")
        } else {
            (*cell).to_owned()
        };
        if cell.contains([',', '"', '\r', '\n', '\t']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&cell);
        }
    }
    out.push_str("\r\n");
}

/// A record of the file: its line and its cells by column.
struct RawRow {
    line: u64,
    cells: Cells,
}

/// A row's cells by column: trimmed, with one leading apostrophe (export's formula guard)
/// removed; empty where the file has no such column or cell.
struct Cells([String; 7]);

impl Cells {
    fn get(&self, column: Column) -> &str {
        &self.0[column as usize]
    }
}

/// The records under the header, and how decoding went.
struct Rows {
    rows: Vec<RawRow>,
    replaced: Option<Replacement>,
}

fn read_rows(file: &str, bytes: &[u8]) -> Result<Rows, CodebookCsvError> {
    if FileKind::sniff(bytes).is_some() {
        return Err(CodebookCsvError::NotText { file: file.to_owned() });
    }
    let decoded = decode(bytes, None);
    if !decoded.encoding.is_utf16() && bytes[..bytes.len().min(BINARY_SNIFF_LEN)].contains(&0) {
        return Err(CodebookCsvError::NotText { file: file.to_owned() });
    }
    let text = decoded.text.as_ref();
    if text.trim().is_empty() {
        return Err(CodebookCsvError::Empty { file: file.to_owned() });
    }
    // Excel's 「Unicode テキスト」 is tab-separated; the header row tells which it is.
    let header_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or_default();
    let delimiter =
        if header_line.matches('\t').count() > header_line.matches(',').count() { b'\t' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = crate::text::lines::LineCounter::new(text.as_bytes());
    let mut columns: Option<[Option<usize>; 7]> = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                return Err(CodebookCsvError::Malformed {
                    file: file.to_owned(),
                    line: lines.line_of(error.position().map_or(0, csv::Position::byte)),
                    detail: error.to_string(),
                });
            }
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let line = lines.line_of(record.position().map_or(0, csv::Position::byte));
        let Some(columns) = &columns else {
            columns = Some(find_columns(file, &record)?);
            continue;
        };
        let cells = columns.map(|index| index.and_then(|i| record.get(i)).map(read_cell).unwrap_or_default());
        rows.push(RawRow { line, cells: Cells(cells) });
    }
    if columns.is_none() {
        return Err(CodebookCsvError::Empty { file: file.to_owned() });
    }
    Ok(Rows { rows, replaced: decoded.replaced })
}

/// Where each column is in the header row.
fn find_columns(file: &str, header: &csv::StringRecord) -> Result<[Option<usize>; 7], CodebookCsvError> {
    let columns = Column::ALL.map(|column| header.iter().position(|cell| column.matches(&read_cell(cell))));
    let missing: Vec<&'static str> = Column::ALL
        .iter()
        .zip(&columns)
        .filter(|(column, index)| column.required() && index.is_none())
        .map(|(column, _)| column.english())
        .collect();
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(CodebookCsvError::MissingColumns { file: file.to_owned(), missing })
    }
}

fn read_cell(cell: &str) -> String {
    let cell = cell.trim();
    cell.strip_prefix('\'').unwrap_or(cell).trim().to_owned()
}

/// A row read and checked on its own.
struct Row<'a> {
    raw: &'a RawRow,
    group: &'a str,
    /// Empty for a row that only keeps a group (and its choice).
    tag: &'a str,
    parent: Option<&'a str>,
    colour: Option<&'a str>,
    shortcut: Option<char>,
    rule: Rule,
    /// `Some(true)` for multiple.
    choice: Option<bool>,
}

fn read_row(raw: &RawRow) -> Result<Row<'_>, ConflictKind> {
    let cells = &raw.cells;
    let (group, tag) = (cells.get(Column::Group), cells.get(Column::Tag));
    let tag_cells = [Column::Parent, Column::Colour, Column::Shortcut, Column::Keywords];
    if tag.is_empty() && (group.is_empty() || tag_cells.iter().any(|c| !cells.get(*c).is_empty())) {
        return Err(ConflictKind::MissingTag);
    }
    if group.is_empty() {
        return Err(ConflictKind::MissingGroup);
    }
    let colour = match cells.get(Column::Colour) {
        "" => None,
        value if crate::project::codebook::is_colour(value) => Some(value),
        value => return Err(ConflictKind::BadColour { value: value.to_owned() }),
    };
    let shortcut = read_shortcut(cells.get(Column::Shortcut))?;
    let choice = match cells.get(Column::Choice) {
        "" => None,
        "単一" => Some(false),
        "複数" => Some(true),
        value if value.eq_ignore_ascii_case("single") => Some(false),
        value if value.eq_ignore_ascii_case("multiple") => Some(true),
        value => return Err(ConflictKind::BadChoice { value: value.to_owned() }),
    };
    let parent = Some(cells.get(Column::Parent)).filter(|p| !p.is_empty());
    let rule = Rule::from_keywords(cells.get(Column::Keywords));
    Ok(Row { raw, group, tag, parent, colour, shortcut, rule, choice })
}

/// One character, not reserved by the grid. A full-width letter or digit (typed with a Japanese
/// input method on) means the key of its half-width form, which is what the browser reports.
fn read_shortcut(value: &str) -> Result<Option<char>, ConflictKind> {
    let mut chars = value.chars();
    let key = match (chars.next(), chars.next()) {
        (None, _) => return Ok(None),
        (Some(c), None) if ('\u{FF01}'..='\u{FF5E}').contains(&c) => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        (Some(c), None) => c,
        _ => return Err(ConflictKind::BadShortcut { value: value.to_owned() }),
    };
    if RESERVED_KEYS.contains(&key) {
        return Err(ConflictKind::BadShortcut { value: value.to_owned() });
    }
    Ok(Some(key))
}

/// A row that passed [`plan`], and the existing tag it updates.
struct Item<'a> {
    row: Row<'a>,
    existing: Option<TagId>,
}

impl Item<'_> {
    fn is_tag(&self) -> bool {
        !self.row.tag.is_empty()
    }
}

/// Matches rows to existing tags and rejects those that contradict the codebook or an earlier
/// row: a tag in another group, the same tag twice, a group's choice both ways.
fn plan<'a>(
    current: &Codebook,
    rows: Vec<Row<'a>>,
    reject: &mut dyn FnMut(&Row<'a>, ConflictKind),
) -> Vec<Item<'a>> {
    let group_name = |id: GroupId| current.group(id).map_or("", |g| g.name.as_str());
    let mut existing: HashMap<(&str, &str), TagId> = HashMap::new();
    let mut group_of: HashMap<&str, &str> = HashMap::new();
    for tag in &current.tags {
        existing.entry((group_name(tag.group), tag.name.as_str())).or_insert(tag.id);
        group_of.entry(tag.name.as_str()).or_insert(group_name(tag.group));
    }
    let mut seen: HashMap<(&str, &str), u64> = HashMap::new();
    let mut seen_group_of: HashMap<&str, &str> = HashMap::new();
    let mut choices: HashMap<&str, (bool, u64)> = HashMap::new();
    let mut items = Vec::new();
    for row in rows {
        let (group, tag, line) = (row.group, row.tag, row.raw.line);
        let matched = existing.get(&(group, tag)).copied();
        let conflict = if let Some(&first_line) = seen.get(&(group, tag)).filter(|_| !tag.is_empty()) {
            Some(ConflictKind::Duplicate { first_line })
        } else if let Some(other) = (!tag.is_empty() && matched.is_none())
            .then(|| group_of.get(tag).or_else(|| seen_group_of.get(tag)))
            .flatten()
            .filter(|other| **other != group)
        {
            Some(ConflictKind::OtherGroup { existing: (*other).to_owned(), in_file: group.to_owned() })
        } else {
            match (row.choice, choices.get(group)) {
                (Some(choice), Some(&(first, first_line))) if choice != first => {
                    Some(ConflictKind::ChoiceDiffers { first_line })
                }
                _ => None,
            }
        };
        if let Some(kind) = conflict {
            reject(&row, kind);
            continue;
        }
        if let Some(choice) = row.choice {
            choices.entry(group).or_insert((choice, line));
        }
        if !tag.is_empty() {
            seen.insert((group, tag), line);
            seen_group_of.entry(tag).or_insert(group);
        }
        items.push(Item { row, existing: matched });
    }
    items
}

/// A tag as it would be after the import, for checking parents and shortcuts.
struct Entry<'a> {
    group: &'a str,
    name: &'a str,
    parent: Option<&'a str>,
    shortcut: Option<char>,
    /// The item that defines it; `None` for a tag the file leaves as it is.
    item: Option<usize>,
}

/// The first accepted row, in file order, whose parent or shortcut does not fit the codebook
/// the accepted rows would make. Rejecting a row can break others (a parent it defined), so
/// the caller asks again until there is none.
fn first_violation(current: &Codebook, items: &[Item], accepted: &[bool]) -> Option<(usize, ConflictKind)> {
    let applied = || items.iter().enumerate().filter(|(i, item)| accepted[*i] && item.is_tag());
    let replaced: HashSet<TagId> = applied().filter_map(|(_, item)| item.existing).collect();
    let mut entries: Vec<Entry> = current
        .tags
        .iter()
        .filter(|tag| !replaced.contains(&tag.id))
        .map(|tag| Entry {
            group: current.group(tag.group).map_or("", |g| g.name.as_str()),
            name: &tag.name,
            parent: tag.parent.and_then(|p| current.tag(p)).map(|p| p.name.as_str()),
            shortcut: tag.shortcut,
            item: None,
        })
        .collect();
    entries.extend(applied().map(|(index, item)| Entry {
        group: item.row.group,
        name: item.row.tag,
        parent: item.row.parent,
        shortcut: item.row.shortcut,
        item: Some(index),
    }));
    let mut by_name: HashMap<(&str, &str), &Entry> = HashMap::new();
    let mut by_shortcut: HashMap<char, Vec<&Entry>> = HashMap::new();
    let mut untouched_children: HashMap<(&str, &str), &str> = HashMap::new();
    for entry in &entries {
        by_name.entry((entry.group, entry.name)).or_insert(entry);
        if let Some(key) = entry.shortcut {
            by_shortcut.entry(key).or_default().push(entry);
        }
        if let (Some(parent), None) = (entry.parent, entry.item) {
            untouched_children.entry((entry.group, parent)).or_insert(entry.name);
        }
    }
    for (index, item) in applied() {
        let row = &item.row;
        if let Some(parent) = row.parent {
            match by_name.get(&(row.group, parent)) {
                None => return Some((index, ConflictKind::UnknownParent { parent: parent.to_owned() })),
                Some(entry) if entry.parent.is_some() => {
                    return Some((index, ConflictKind::NestedParent { parent: parent.to_owned() }));
                }
                Some(_) => {}
            }
            if let Some(child) = untouched_children.get(&(row.group, row.tag)) {
                return Some((index, ConflictKind::HasChildren { child: (*child).to_owned() }));
            }
        }
        if let Some(key) = row.shortcut {
            let holders = by_shortcut.get(&key).map(Vec::as_slice).unwrap_or_default();
            if let Some(holder) = holders.iter().find(|e| e.item.is_none_or(|other| other < index)) {
                let by = holder.name.to_owned();
                return Some((index, ConflictKind::ShortcutTaken { shortcut: key, by }));
            }
        }
    }
    None
}

/// The codebook with the accepted rows applied, and how many tags were added and updated.
fn merge(current: &Codebook, items: &[Item], accepted: &[bool]) -> (Codebook, usize, usize) {
    let mut codebook = current.clone();
    let applied = || items.iter().zip(accepted).filter(|(_, a)| **a).map(|(item, _)| item);
    let mut group_ids: HashMap<String, GroupId> = HashMap::new();
    for group in &current.groups {
        group_ids.entry(group.name.clone()).or_insert(group.id);
    }
    let mut tag_ids = Vec::new();
    let (mut added, mut updated) = (0, 0);
    for item in applied() {
        let row = &item.row;
        let group = match group_ids.get(row.group) {
            Some(id) => *id,
            None => {
                let id = codebook.next_group_id();
                codebook.groups.push(TagGroup { id, name: row.group.to_owned(), multiple: true });
                group_ids.insert(row.group.to_owned(), id);
                id
            }
        };
        if let Some(choice) = row.choice
            && let Some(slot) = codebook.groups.iter_mut().find(|g| g.id == group)
        {
            slot.multiple = choice;
        }
        if !item.is_tag() {
            continue;
        }
        let existing = item.existing.and_then(|id| codebook.tags.iter_mut().find(|t| t.id == id));
        if let Some(tag) = existing {
            if let Some(colour) = row.colour {
                colour.clone_into(&mut tag.colour);
            }
            tag.shortcut = row.shortcut;
            tag.rule = row.rule.clone();
            tag_ids.push((tag.id, group, row.parent));
            updated += 1;
        } else {
            let id = codebook.next_tag_id();
            let colour = row.colour.unwrap_or(PALETTE[id.0 as usize % PALETTE.len()]).to_owned();
            codebook.tags.push(Tag {
                id,
                group,
                name: row.tag.to_owned(),
                colour,
                parent: None,
                shortcut: row.shortcut,
                rule: row.rule.clone(),
            });
            tag_ids.push((id, group, row.parent));
            added += 1;
        }
    }
    // Parents last: a row may name a tag defined further down the file.
    for (id, group, parent) in tag_ids {
        let parent =
            parent.and_then(|p| codebook.tags.iter().find(|t| t.group == group && t.name == p)).map(|t| t.id);
        if let Some(tag) = codebook.tags.iter_mut().find(|t| t.id == id) {
            tag.parent = parent;
        }
    }
    (codebook, added, updated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::SHIFT_JIS;

    const HEADER: &str = "group,tag,parent,colour,shortcut,keywords,choice\n";

    fn tag(id: u32, group: u32, name: &str, parent: Option<u32>, shortcut: Option<char>, rule: Rule) -> Tag {
        Tag {
            id: TagId(id),
            group: GroupId(group),
            name: name.to_owned(),
            colour: PALETTE[id as usize % PALETTE.len()].to_owned(),
            parent: parent.map(TagId),
            shortcut,
            rule,
        }
    }

    fn terms(list: &[&str]) -> Vec<String> {
        list.iter().map(|t| (*t).to_owned()).collect()
    }

    /// Every feature of the format: parents, every kind of term, formula-like names and
    /// shortcuts, CSV-special characters, a group without tags.
    fn rich() -> Codebook {
        let group = |id, name: &str, multiple| TagGroup { id: GroupId(id), name: name.to_owned(), multiple };
        let any = |list: &[&str]| Rule { any_of: terms(list), ..Rule::default() };
        let mut upper =
            tag(4, 1, "+α", None, Some('='), Rule { all_of: terms(&["追加"]), ..Rule::default() });
        upper.colour = "#ABCDEF".to_owned();
        Codebook {
            groups: vec![
                group(0, "感情", false),
                group(1, "トピック", true),
                group(2, "=式", true),
                group(3, "空のグループ", false),
            ],
            tags: vec![
                tag(0, 0, "ポジティブ", None, Some('1'), any(&["おいしい"])),
                tag(
                    1,
                    0,
                    "ネガティブ",
                    None,
                    Some('3'),
                    Rule {
                        any_of: terms(&["残念"]), none_of: terms(&["残念ではない"]), ..Rule::default()
                    },
                ),
                tag(2, 1, "パッケージ", None, Some('b'), any(&["容器", "キャップ"])),
                tag(
                    3,
                    1,
                    "開けにくさ",
                    Some(2),
                    None,
                    Rule {
                        any_of: terms(&["開けにく", "固い"]),
                        all_of: terms(&["容器"]),
                        none_of: terms(&["開けやすい"]),
                        regex: Some("キャップ.*(固|硬)".to_owned()),
                    },
                ),
                upper,
                tag(
                    5,
                    1,
                    "@メンション",
                    None,
                    None,
                    Rule { regex: Some("^@\\w+|#tag".into()), ..Rule::default() },
                ),
                tag(6, 1, "'引用", Some(5), Some('\''), Rule::default()),
                tag(7, 1, "a,b \"c\"", None, Some('-'), any(&["x,y", "=SUM(A1)", "@cmd"])),
                tag(8, 2, "-マイナス", None, Some('@'), Rule { none_of: terms(&["x"]), ..Rule::default() }),
            ],
        }
    }

    fn import(current: &Codebook, text: &str) -> CodebookImport {
        import_codebook(current, "codebook.csv", text.as_bytes()).expect("a codebook file")
    }

    /// Imports `rows` under the header into `current` and expects exactly one conflict.
    fn check_conflict(current: &Codebook, rows: &str, line: u64, kind: ConflictKind) -> CodebookImport {
        let import = import(current, &format!("{HEADER}{rows}"));
        let found: Vec<(u64, &ConflictKind)> = import.conflicts.iter().map(|c| (c.line, &c.kind)).collect();
        assert_eq!(found, vec![(line, &kind)], "{rows}");
        import
    }

    fn find<'a>(codebook: &'a Codebook, name: &str) -> Option<&'a Tag> {
        codebook.tags.iter().find(|t| t.name == name)
    }

    #[test]
    fn round_trips_into_an_empty_codebook() {
        for codebook in [Codebook::starter(), rich()] {
            let import = import_codebook(&Codebook::default(), "c.csv", &export_codebook(&codebook))
                .expect("a codebook file");
            assert_eq!(import.conflicts, vec![]);
            assert_eq!(import.codebook, codebook);
            assert_eq!((import.added, import.updated), (codebook.tags.len(), 0));
        }
    }

    #[test]
    fn round_trips_into_the_codebook_it_came_from() {
        for codebook in [Codebook::starter(), rich()] {
            let import =
                import_codebook(&codebook, "c.csv", &export_codebook(&codebook)).expect("a codebook");
            assert_eq!(import.conflicts, vec![]);
            assert_eq!(import.codebook, codebook);
            assert_eq!((import.added, import.updated), (0, codebook.tags.len()));
        }
    }

    #[test]
    fn merges_into_the_starter_by_name() {
        let starter = Codebook::starter();
        let rich = rich();
        let import = import_codebook(&starter, "c.csv", &export_codebook(&rich)).expect("a codebook");
        assert_eq!(import.conflicts, vec![]);
        assert_eq!((import.added, import.updated), (6, 3));
        let merged = &import.codebook;
        // Matched tags keep their identity and take the file's definition.
        let package = find(merged, "パッケージ").expect("パッケージ");
        assert_eq!(package.id, find(&starter, "パッケージ").expect("starter").id);
        assert_eq!(package.rule, Rule { any_of: terms(&["容器", "キャップ"]), ..Rule::default() });
        // Tags the file does not mention stay, groups too.
        assert_eq!(find(merged, "ニュートラル"), find(&starter, "ニュートラル"));
        assert!(merged.groups.iter().any(|g| g.name == "緊急度"));
        // Every tag of the file is in the merged codebook as the file defines it.
        let group_name = |c: &Codebook, t: &Tag| c.group(t.group).map(|g| g.name.clone());
        let parent_name = |c: &Codebook, t: &Tag| t.parent.and_then(|p| c.tag(p)).map(|p| p.name.clone());
        for original in &rich.tags {
            let merged_tag = find(merged, &original.name).expect("imported");
            assert_eq!(group_name(merged, merged_tag), group_name(&rich, original));
            assert_eq!(parent_name(merged, merged_tag), parent_name(&rich, original));
            assert_eq!(
                (&merged_tag.colour, merged_tag.shortcut, &merged_tag.rule),
                (&original.colour, original.shortcut, &original.rule)
            );
        }
        let new_ids: HashSet<TagId> = merged.tags.iter().map(|t| t.id).collect();
        assert_eq!(new_ids.len(), merged.tags.len());
        let empty = merged.groups.iter().find(|g| g.name == "空のグループ").expect("declared group");
        assert!(!empty.multiple);
    }

    #[test]
    fn export_is_utf8_with_bom_and_crlf_and_neutralises_formulas() {
        let bytes = export_codebook(&rich());
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let text = text.strip_prefix('\u{FEFF}').expect("a BOM");
        let lines: Vec<&str> = text.split_terminator("\r\n").collect();
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert_eq!(lines[0], "group,tag,parent,colour,shortcut,keywords,choice");
        assert!(lines.contains(&"トピック,開けにくさ,パッケージ,#6a1b9a,,開けにく|固い|+容器|-開けやすい|re:キャップ.*(固|硬),multiple"));
        assert!(lines.contains(&"トピック,'+α,,#ABCDEF,'=,'+追加,multiple"));
        assert!(lines.contains(&"トピック,'@メンション,,#00838f,,re:^@\\w+|#tag,multiple"));
        assert!(lines.contains(&"トピック,''引用,'@メンション,#ad1457,'',,multiple"));
        assert!(lines.contains(&"トピック,\"a,b \"\"c\"\"\",,#558b2f,'-,\"x,y|=SUM(A1)|@cmd\",multiple"));
        assert!(lines.contains(&"'=式,'-マイナス,,#1565c0,'@,'-x,multiple"));
        assert!(lines.contains(&"空のグループ,,,,,,single"));
    }

    #[test]
    fn import_removes_one_leading_apostrophe() {
        let import =
            import(&Codebook::default(), &format!("{HEADER}'=式,'@a,,,'+,'+b|c,\n'トピック,''q,,,,'=x,\n"));
        let a = find(&import.codebook, "@a").expect("@a");
        assert_eq!(a.shortcut, Some('+'));
        assert_eq!(a.rule, Rule { any_of: terms(&["c"]), all_of: terms(&["b"]), ..Rule::default() });
        assert_eq!(import.codebook.groups[0].name, "=式");
        let q = find(&import.codebook, "'q").expect("'q");
        assert_eq!(q.rule.any_of, terms(&["=x"]));
        assert_eq!(import.codebook.group(q.group).map(|g| g.name.as_str()), Some("トピック"));
    }

    #[test]
    fn keywords_syntax() {
        let check = |cell: &str, any: &[&str], all: &[&str], none: &[&str], regex: Option<&str>| {
            let expected = Rule {
                any_of: terms(any),
                all_of: terms(all),
                none_of: terms(none),
                regex: regex.map(str::to_owned),
            };
            assert_eq!(Rule::from_keywords(cell), expected, "{cell}");
        };
        check(
            "開けにく|固い|+容器|-開けやすい|re:キャップ.*(固|硬)",
            &["開けにく", "固い"],
            &["容器"],
            &["開けやすい"],
            Some("キャップ.*(固|硬)"),
        );
        check(" a | | + b |-  c  || ", &["a"], &["b"], &["c"], None);
        check("re: x|y | z ", &[], &[], &[], Some("x|y | z"));
        check("a|RE：(b|c)", &["a"], &[], &[], Some("(b|c)"));
        check("＋容器｜－開けやすい｜固い", &["固い"], &["容器"], &["開けやすい"], None);
        check("+|-|re:", &[], &[], &[], None);
        check("", &[], &[], &[], None);
        check("rex|real:1", &["rex", "real:1"], &[], &[], None);
        for rule in rich().tags.iter().map(|t| &t.rule) {
            assert_eq!(&Rule::from_keywords(&Rule::to_keywords(rule)), rule);
        }
    }

    #[test]
    fn reads_cp932() {
        let text = "グループ,タグ,親タグ,色,ショートカット,キーワード,選択\r\n\
                    トピック,開けにくさ,,#123456,o,開けにく|固い|+容器|-開けやすい|re:キャップ.*(固|硬),複数\r\n";
        let (bytes, _, unmappable) = SHIFT_JIS.encode(text);
        assert!(!unmappable);
        let import = import_codebook(&Codebook::default(), "sjis.csv", &bytes).expect("a codebook");
        assert_eq!(import.conflicts, vec![]);
        assert_eq!(import.replaced, None);
        let tag = find(&import.codebook, "開けにくさ").expect("the tag");
        assert_eq!((tag.colour.as_str(), tag.shortcut), ("#123456", Some('o')));
        assert_eq!(tag.rule.regex.as_deref(), Some("キャップ.*(固|硬)"));
        assert_eq!(tag.rule.none_of, terms(&["開けやすい"]));
    }

    #[test]
    fn reads_japanese_headers_in_any_order_and_utf16_tabs() {
        let text = "キーワード\tタグ\tグループ\t選択\t色\t親タグ\tショートカット\r\n\
                    残念\tネガティブ\t感情\t単一\t\t\t３\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let import = import_codebook(&Codebook::default(), "u16.txt", &bytes).expect("a codebook");
        assert_eq!(import.conflicts, vec![]);
        let expected = Codebook {
            groups: vec![TagGroup { id: GroupId(0), name: "感情".into(), multiple: false }],
            tags: vec![tag(
                0,
                0,
                "ネガティブ",
                None,
                Some('3'),
                Rule { any_of: terms(&["残念"]), ..Rule::default() },
            )],
        };
        assert_eq!(import.codebook, expected);
    }

    #[test]
    fn merge_keeps_what_the_file_leaves_empty_or_out() {
        let starter = Codebook::starter();
        let rows = "group,tag,parent,color,shortcut,keywords\n\
                    トピック,品質,,,,異物|+混入\n\
                    新しいグループ,新しいタグ,,,,\n";
        let import = import(&starter, rows);
        assert_eq!(import.conflicts, vec![]);
        assert_eq!((import.added, import.updated), (1, 1));
        let quality = find(&import.codebook, "品質").expect("品質");
        let before = find(&starter, "品質").expect("品質");
        // Colour empty: kept. Shortcut empty: removed, as the file says.
        assert_eq!((quality.id, quality.colour.as_str(), quality.shortcut), (before.id, "#1565c0", None));
        assert_eq!(quality.rule.all_of, terms(&["混入"]));
        // Without a choice column the group keeps its kind; a new group allows several tags.
        assert_eq!(&import.codebook.groups[..3], &starter.groups[..]);
        let new_group = &import.codebook.groups[3];
        assert_eq!(
            (new_group.id, new_group.name.as_str(), new_group.multiple),
            (GroupId(3), "新しいグループ", true)
        );
        let new_tag = find(&import.codebook, "新しいタグ").expect("new");
        assert_eq!((new_tag.id, new_tag.group), (TagId(13), GroupId(3)));
        assert_eq!(new_tag.colour, PALETTE[13 % PALETTE.len()]);
        assert_eq!(import.codebook.tags.len(), starter.tags.len() + 1);
    }

    #[test]
    fn parents_may_come_later_and_shortcuts_may_swap() {
        let starter = Codebook::starter();
        let rows = format!(
            "{HEADER}トピック,フタ,容器,,,,\nトピック,容器,,,,,\n感情,ポジティブ,,,3,,\n感情,ネガティブ,,,1,,\n"
        );
        let import = import(&starter, &rows);
        assert_eq!(import.conflicts, vec![]);
        let lid = find(&import.codebook, "フタ").expect("フタ");
        assert_eq!(lid.parent, find(&import.codebook, "容器").map(|t| t.id));
        assert_eq!(find(&import.codebook, "ポジティブ").and_then(|t| t.shortcut), Some('3'));
        assert_eq!(find(&import.codebook, "ネガティブ").and_then(|t| t.shortcut), Some('1'));
    }

    #[test]
    fn reports_each_conflict_with_its_line_and_skips_the_row() {
        let starter = Codebook::starter();
        let empty = Codebook::default();
        let kind_other =
            ConflictKind::OtherGroup { existing: "トピック".into(), in_file: "要望".into() };
        let import = check_conflict(&starter, "要望,価格,,#000000,,,\n", 2, kind_other);
        assert_eq!(import.codebook, starter);
        check_conflict(
            &empty,
            "A,x,,,,,\nB,x,,,,,\n",
            3,
            ConflictKind::OtherGroup { existing: "A".into(), in_file: "B".into() },
        );
        let import = check_conflict(
            &starter,
            "トピック,フタ,ふた,,,,\n",
            2,
            ConflictKind::UnknownParent { parent: "ふた".into() },
        );
        assert_eq!(import.codebook, starter);
        // A parent in another group is unknown too.
        check_conflict(
            &starter,
            "感情,フタ,品質,,,,\n",
            2,
            ConflictKind::UnknownParent { parent: "品質".into() },
        );
        let import = check_conflict(
            &empty,
            "T,a,,,,,\nT,b,a,,,,\nT,c,b,,,,\n",
            4,
            ConflictKind::NestedParent { parent: "b".into() },
        );
        assert!(find(&import.codebook, "c").is_none());
        check_conflict(&empty, "T,a,a,,,,\n", 2, ConflictKind::NestedParent { parent: "a".into() });
        // A rejected row's tag keeps its old definition, so a row naming it as parent fails too.
        let mut nested = starter.clone();
        nested.tags[4].parent = Some(TagId(3)); // 味・使用感 under 品質
        let import = check_conflict(
            &nested,
            "トピック,品質,価格,,,,\n",
            2,
            ConflictKind::HasChildren { child: "味・使用感".into() },
        );
        assert_eq!(import.codebook, nested);
        let import = check_conflict(
            &starter,
            "トピック,品質,,red,,,\n",
            2,
            ConflictKind::BadColour { value: "red".into() },
        );
        assert_eq!(import.codebook, starter);
        check_conflict(&empty, "T,a,,#12345g,,,\n", 2, ConflictKind::BadColour { value: "#12345g".into() });
        check_conflict(&empty, "T,a,,,ab,,\n", 2, ConflictKind::BadShortcut { value: "ab".into() });
        check_conflict(&empty, "T,a,,,j,,\n", 2, ConflictKind::BadShortcut { value: "j".into() });
        let import = check_conflict(
            &starter,
            "トピック,フタ,,,q,,\n",
            2,
            ConflictKind::ShortcutTaken { shortcut: 'q', by: "品質".into() },
        );
        assert_eq!(import.codebook, starter);
        check_conflict(
            &empty,
            "T,a,,,z,,\nT,b,,,z,,\n",
            3,
            ConflictKind::ShortcutTaken { shortcut: 'z', by: "a".into() },
        );
        check_conflict(&empty, "T,a,,,,,どちらも\n", 2, ConflictKind::BadChoice { value: "どちらも".into() });
        let import = check_conflict(
            &empty,
            "T,a,,,,,single\nT,b,,,,,multiple\n",
            3,
            ConflictKind::ChoiceDiffers { first_line: 2 },
        );
        assert_eq!(import.codebook.tags.len(), 1);
        assert!(!import.codebook.groups[0].multiple);
        check_conflict(&empty, "T,a,,,,x,\nT,a,,,,y,\n", 3, ConflictKind::Duplicate { first_line: 2 });
        check_conflict(&empty, ",a,,,,,\n", 2, ConflictKind::MissingGroup);
        check_conflict(&empty, "T,,,,,x,\n", 2, ConflictKind::MissingTag);
        check_conflict(&empty, ",,,#123456,,,\n", 2, ConflictKind::MissingTag);
    }

    #[test]
    fn rejecting_a_row_rejects_the_rows_that_needed_it() {
        let import = import(&Codebook::default(), &format!("{HEADER}T,child,parent,,,,\nT,parent,,bad,,,\n"));
        let found: Vec<(u64, &ConflictKind)> = import.conflicts.iter().map(|c| (c.line, &c.kind)).collect();
        assert_eq!(
            found,
            vec![
                (2, &ConflictKind::UnknownParent { parent: "parent".into() }),
                (3, &ConflictKind::BadColour { value: "bad".into() }),
            ]
        );
        assert_eq!(import.codebook, Codebook::default());
    }

    #[test]
    fn whole_file_errors() {
        let read = |bytes: &[u8]| import_codebook(&Codebook::default(), "c.csv", bytes);
        let file = || "c.csv".to_owned();
        assert_eq!(read(b""), Err(CodebookCsvError::Empty { file: file() }));
        assert_eq!(read(b"\xEF\xBB\xBF \r\n,,\r\n"), Err(CodebookCsvError::Empty { file: file() }));
        assert_eq!(
            read("グループ,タグ,色\n".as_bytes()),
            Err(CodebookCsvError::MissingColumns {
                file: file(),
                missing: vec!["parent", "shortcut", "keywords"]
            })
        );
        assert_eq!(read(b"PK\x03\x04rest"), Err(CodebookCsvError::NotText { file: file() }));
        assert_eq!(read(b"group,tag\0"), Err(CodebookCsvError::NotText { file: file() }));
        let header_only = read(HEADER.as_bytes()).expect("a header is a codebook with no rows");
        assert_eq!((header_only.codebook, header_only.added), (Codebook::default(), 0));
    }

    #[test]
    fn messages_say_where_and_what() {
        let conflict = CodebookConflict {
            file: "codebook.csv".into(),
            line: 5,
            group: "要望".into(),
            tag: "価格".into(),
            kind: ConflictKind::OtherGroup { existing: "トピック".into(), in_file: "要望".into() },
        };
        assert_eq!(
            conflict.message(Lang::Ja),
            "codebook.csv 5行目: タグ「価格」はグループ「トピック」にあり、ファイルではグループ「要望」になっています。どちらかの名前を変えてください。この行は取り込んでいません。"
        );
        assert!(conflict.message(Lang::En).starts_with("codebook.csv line 5: the tag \"価格\""));
        let shortcut =
            CodebookConflict { kind: ConflictKind::BadShortcut { value: "jj".into() }, ..conflict };
        assert!(shortcut.message(Lang::Ja).contains("「ショートカット（shortcut）」列の「jj」"));
        assert!(shortcut.message(Lang::Ja).contains("j・k・x・/・?"));
        let error = CodebookCsvError::MissingColumns { file: "c.csv".into(), missing: vec!["colour"] };
        assert!(error.message(Lang::Ja).starts_with("c.csv: 見出し行に「色（colour）」列がありません。"));
        assert!(error.message(Lang::En).starts_with("c.csv: the header row lacks the \"colour\" column."));
    }

    #[test]
    fn a_conflict_names_the_line_it_is_on_in_a_file_with_a_bom_and_crlf() {
        let csv = "\u{FEFF}group,tag,parent,colour,shortcut,keywords\r\n商品,プリン,,#8e24aa,,プリン\r\n\
                   商品,豆乳,,#43a047,,豆乳|-豆乳以外\r\n商品,価格,,#000000,,値段\r\n";
        let imported = import_codebook(&Codebook::starter(), "s.csv", csv.as_bytes()).expect("read");
        assert_eq!(imported.added, 2);
        let lines: Vec<(u64, &str)> = imported.conflicts.iter().map(|c| (c.line, c.tag.as_str())).collect();
        assert_eq!(lines, vec![(4, "価格")]);
    }
}
