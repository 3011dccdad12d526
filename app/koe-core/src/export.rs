//! Exports as bytes, made from the project the same way the views are.
//!
//! Every spreadsheet cell goes through [`neutralise`], so a comment that starts with `=` or `@`
//! stays text in Excel instead of becoming a live formula (formula injection).

pub mod aggregate;
pub mod html;
pub mod workbook;
pub mod xlsx;

use std::borrow::Cow;

use crate::project::Project;
use crate::project::comment::Comment;
use crate::project::response::ResponseStatus;
use crate::text::lang::Lang;
use crate::text::mask::mask;

/// The byte order mark that makes Japanese Excel open a UTF-8 CSV as UTF-8.
pub const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Whether a spreadsheet might read the cell as a formula: it begins with `= + - @`, a tab or
/// a carriage return, or with their full-width forms `＝ ＋ － ＠` that Japanese Excel users type
/// (Excel turns them into formulas too), spaces in front included.
pub fn looks_like_formula(cell: &str) -> bool {
    if cell.starts_with(['\t', '\r']) {
        return true;
    }
    cell.trim_start_matches([' ', '\u{3000}']).starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
}

/// A cell that Excel would run as a formula, made inert with a leading apostrophe.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// What the user wants hidden in an export.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Privacy {
    /// Mask e-mails, phones, handles, postcodes and profile URLs in texts.
    pub mask_texts: bool,
    /// Leave the author column empty.
    pub hide_authors: bool,
}

impl Default for Privacy {
    /// Safe by default: personal data stays in the app unless the user says otherwise.
    fn default() -> Self {
        Privacy { mask_texts: true, hide_authors: true }
    }
}

/// Column headings of the comments export.
pub(crate) fn headings(lang: Lang) -> [&'static str; 12] {
    match lang {
        Lang::Ja => [
            "ID",
            "日付",
            "チャネル",
            "投稿者",
            "本文",
            "URL",
            "対応要否",
            "対応状況",
            "対応日",
            "担当者",
            "ファイル",
            "行",
        ],
        Lang::En => [
            "ID",
            "Date",
            "Channel",
            "Author",
            "Text",
            "URL",
            "Needs response",
            "Status",
            "Answered on",
            "Person",
            "File",
            "Line",
        ],
    }
}

fn status_name(status: ResponseStatus, lang: Lang) -> &'static str {
    (crate::report::texts::report_texts(lang).response_status)(status)
}

/// One comment's cells in the order of [`headings`].
pub(crate) fn comment_cells(comment: &Comment, lang: Lang, privacy: Privacy) -> Vec<String> {
    let text = |value: &str| if privacy.mask_texts { mask(value, lang) } else { value.to_owned() };
    let yes_no = |yes: bool| match (yes, lang) {
        (true, Lang::Ja) => "要",
        (false, Lang::Ja) => "",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "",
    };
    vec![
        comment.id.0.to_string(),
        comment.date.map(crate::text::date_text::ymd_hm).unwrap_or_default(),
        comment.channel.to_string(),
        if privacy.hide_authors { String::new() } else { comment.author.to_string() },
        text(&comment.text),
        text(&comment.url),
        yes_no(comment.response.needed).to_owned(),
        if comment.response.needed {
            status_name(comment.response.status, lang).to_owned()
        } else {
            String::new()
        },
        comment.response.responded_on.map(|d| d.to_string()).unwrap_or_default(),
        comment.response.person.clone(),
        comment.source.file.to_string(),
        comment.source.line.to_string(),
    ]
}

/// One cell per tag group: the comment's tags of that group, `、`-separated.
fn group_cells(project: &Project, comment: &Comment) -> Vec<String> {
    let codebook = project.codebook();
    codebook
        .groups
        .iter()
        .map(|group| {
            let names: Vec<&str> = codebook
                .tags_in(group.id)
                .filter(|t| comment.tags().contains(&t.id))
                .map(|t| t.name.as_str())
                .collect();
            names.join("、")
        })
        .collect()
}

/// The comments as CSV with a BOM and CRLF line ends, one column per tag group.
pub fn comments_csv<'a>(
    project: &Project,
    comments: impl IntoIterator<Item = &'a Comment>,
    lang: Lang,
    privacy: Privacy,
) -> Vec<u8> {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(UTF8_BOM.to_vec());
    let mut header: Vec<String> = headings(lang).iter().map(|h| (*h).to_owned()).collect();
    header.extend(project.codebook().groups.iter().map(|g| g.name.clone()));
    let mut rows = vec![header];
    rows.extend(comments.into_iter().map(|c| {
        let mut cells = comment_cells(c, lang, privacy);
        cells.extend(group_cells(project, c));
        cells
    }));
    for row in rows {
        // Writing into memory cannot fail; a failed record would only be left out.
        let _ = writer.write_record(row.iter().map(|cell| neutralise(cell).into_owned()));
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Command;
    use crate::project::comment::{NewComment, SourceRef};

    fn project() -> Project {
        let mut project = Project::new();
        let new = |text: &str, author: &str| NewComment {
            author: author.to_owned(),
            channel: "X".into(),
            ..NewComment::new(text, SourceRef { file: "v.csv".into(), sheet: None, line: 2 })
        };
        let comments = vec![
            new("=HYPERLINK(\"http://evil\")", "@attacker"),
            new("プリンが固い。連絡は090-1234-5678まで", "山田 花子"),
        ];
        project.apply(Command::AddComments(comments)).expect("added");
        let quality = project.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id).expect("品質");
        let ids: Vec<_> = project.comments().iter().map(|c| c.id).collect();
        project.apply(Command::TagMany { comments: ids, tag: quality, on: true }).expect("tagged");
        project
    }

    fn read_back(bytes: &[u8]) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[UTF8_BOM.len()..]);
        reader.records().filter_map(Result::ok).map(|r| r.iter().map(str::to_owned).collect()).collect()
    }

    #[test]
    fn the_csv_starts_with_a_bom_and_has_no_live_formula() {
        let project = project();
        let bytes = comments_csv(&project, project.comments(), Lang::Ja, Privacy::default());
        assert!(bytes.starts_with(UTF8_BOM));
        let rows = read_back(&bytes);
        assert_eq!(rows[0][..5], ["ID", "日付", "チャネル", "投稿者", "本文"]);
        assert!(rows[0].contains(&"トピック".to_owned()));
        for row in &rows[1..] {
            assert!(row.iter().all(|cell| !cell.starts_with(['=', '+', '-', '@'])), "{row:?}");
        }
        assert_eq!(rows[1][4], "'=HYPERLINK(\"http://evil\")");
        assert_eq!(rows[2][4], "プリンが固い。連絡は［電話番号］まで", "masked by default");
        assert_eq!(rows[2][3], "", "authors hidden by default");
        let topic = rows[0].iter().position(|h| h == "トピック").expect("topic column");
        assert_eq!(rows[2][topic], "品質");
        assert!(String::from_utf8_lossy(&bytes).contains("\r\n"));

        let open = comments_csv(
            &project,
            project.comments(),
            Lang::En,
            Privacy { mask_texts: false, hide_authors: false },
        );
        let rows = read_back(&open);
        assert_eq!(rows[2][3], "山田 花子");
        assert_eq!(rows[1][3], "'@attacker");
        assert!(rows[2][4].contains("090-1234-5678"));
    }

    #[test]
    fn neutralise_covers_every_formula_start() {
        for cell in [
            "=1+1",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "＝1+1",
            "＋1",
            "－1",
            "＠SUM(A1)",
            "  =1",
            "\u{3000}＝1",
        ] {
            assert!(neutralise(cell).starts_with('\''), "{cell:?}");
        }
        assert_eq!(neutralise("1,980円"), "1,980円");
        assert_eq!(neutralise("プリン"), "プリン");
    }
}
