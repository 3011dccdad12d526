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

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::project::codebook::{Codebook, Rule};
use crate::text::decode::{DecodedText, Replacement, decode};
use crate::text::lang::Lang;

mod merge;
mod messages;
mod read;

use crate::sorting::sort_by_key;
use merge::*;
use read::*;

/// How far into a file NUL bytes mark it as binary.
const BINARY_SNIFF_LEN: usize = 8192;

/// The codebook after an import, and what the file changed, so the UI can say so. Serialisable
/// because the app reads the file in its worker, which holds the encodings' tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
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
        missing: Vec<String>,
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
    import_decoded_codebook(current, file, bytes, &decode(bytes, None).into())
}

/// [`import_codebook`] of a file whose text is decoded already; `bytes` are still needed to
/// tell a binary file.
fn import_decoded_codebook(
    current: &Codebook,
    file: &str,
    bytes: &[u8],
    decoded: &DecodedText,
) -> Result<CodebookImport, CodebookCsvError> {
    let rows = read_rows(file, bytes, decoded)?;
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
    sort_by_key(&mut conflicts, |c| c.line);
    Ok(CodebookImport { codebook, added, updated, conflicts, replaced: rows.replaced })
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    use crate::project::codebook::TAG_PALETTE as PALETTE;
    use crate::project::codebook::{GroupId, Tag, TagGroup, TagId};
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
                missing: vec!["parent".to_owned(), "shortcut".to_owned(), "keywords".to_owned()]
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
        let error =
            CodebookCsvError::MissingColumns { file: "c.csv".into(), missing: vec!["colour".to_owned()] };
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
