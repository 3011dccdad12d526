//! The report as an Excel workbook: the KPI table, a sheet per chart with its data table, and
//! the period's comments with one 0/1 column per tag and the response columns.
//!
//! Numbers are written as numbers and shares as percentages, so the figures can be charted
//! again in Excel. Text that Excel would take for a formula (`=`, `+`, `-`, `@`, tab, CR) is
//! stored as quote-prefixed text: it shows as written and never runs.

use std::collections::BTreeSet;

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use thiserror::Error;

use crate::export::{Privacy, comment_cells, headings};
use crate::project::Project;
use crate::project::comment::Comment;
use crate::report::kpi::comments_in;
use crate::report::texts::report_texts;
use crate::report::{DataTable, ReportModel, SectionBody};
use crate::text::lang::Lang;

/// Why the workbook could not be written.
#[derive(Debug, Error)]
pub enum XlsxExportError {
    /// The writer refused the data (it should not happen for the data Koe writes).
    #[error("xlsx: {0}")]
    Write(#[from] XlsxError),
}

impl XlsxExportError {
    /// The message to show, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let XlsxExportError::Write(error) = self;
        format!("{} ({error})", report_texts(lang).xlsx_failed)
    }
}

/// Characters Excel does not allow in a sheet name.
const SHEET_FORBIDDEN: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];
/// Excel's limit on a sheet name's length, in characters.
const SHEET_NAME_MAX: usize = 31;

/// A valid sheet name from a title, unique among `used` (compared without case, as Excel does).
pub fn sheet_name(title: &str, used: &mut BTreeSet<String>) -> String {
    let clean: String = title.chars().map(|c| if SHEET_FORBIDDEN.contains(&c) { '_' } else { c }).collect();
    let clean = clean.trim_matches(['\'', ' ']);
    let clean = if clean.is_empty() { "Sheet" } else { clean };
    for n in 1.. {
        let suffix = if n == 1 { String::new() } else { format!(" ({n})") };
        let keep = SHEET_NAME_MAX - suffix.chars().count();
        let name: String = clean.chars().take(keep).collect::<String>() + &suffix;
        if used.insert(name.to_lowercase()) {
            return name;
        }
    }
    unreachable!("some numbered name is free")
}

/// Formats used across the workbook.
struct Formats {
    bold: Format,
    /// Bold and quote-prefixed: a heading (a tag name, a section title) that looks like a formula.
    bold_as_is: Format,
    percent: Format,
    text_as_is: Format,
}

/// How a text cell is written: plain or as a heading.
#[derive(Clone, Copy)]
enum Style {
    Plain,
    Heading,
}

/// Writes a text cell, cut to what a cell holds; one Excel would read as a formula is stored
/// quote-prefixed, headings (tag names, section titles) included.
fn write_styled(
    sheet: &mut Worksheet,
    (row, col): (u32, u16),
    text: &str,
    style: Style,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let text = fit_in_cell(text);
    let format = match (style, crate::export::looks_like_formula(&text)) {
        (Style::Plain, false) => None,
        (Style::Plain, true) => Some(&formats.text_as_is),
        (Style::Heading, false) => Some(&formats.bold),
        (Style::Heading, true) => Some(&formats.bold_as_is),
    };
    match format {
        Some(format) => sheet.write_string_with_format(row, col, text.as_ref(), format)?,
        None => sheet.write_string(row, col, text.as_ref())?,
    };
    Ok(())
}

/// Writes a heading in bold, inert like every other text.
fn write_heading(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    write_styled(sheet, (row, col), text, Style::Heading, formats)
}

/// Writes a text cell, inert.
fn write_text(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    write_styled(sheet, (row, col), text, Style::Plain, formats)
}

/// Most characters Excel keeps in one cell.
pub const EXCEL_CELL_CHARS: usize = 32_767;

/// A text cut to what one Excel cell holds, saying so at its end, so one very long comment
/// does not make the whole workbook fail.
pub fn fit_in_cell(text: &str) -> Cow<'_, str> {
    // Excel counts UTF-16 units; a character is at most two.
    if text.len() <= EXCEL_CELL_CHARS || text.encode_utf16().count() <= EXCEL_CELL_CHARS {
        return Cow::Borrowed(text);
    }
    const NOTE: &str = " …［Excel の1セルの上限のため、ここで切りました / cut at Excel's cell limit］";
    let room = EXCEL_CELL_CHARS - NOTE.encode_utf16().count();
    let mut units = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > room
        })
        .map_or(text.len(), |(at, _)| at);
    Cow::Owned(format!("{}{NOTE}", &text[..end]))
}

/// Writes a data-table cell: counts as numbers, `60.0%` as a percentage, the rest as text.
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    if col > 0 {
        if let Some(share) = cell.strip_suffix('%').and_then(|n| n.replace(',', "").parse::<f64>().ok()) {
            sheet.write_number_with_format(row, col, share / 100.0, &formats.percent)?;
            return Ok(());
        }
        if let Ok(number) = cell.replace(',', "").parse::<f64>() {
            sheet.write_number(row, col, number)?;
            return Ok(());
        }
    }
    write_text(sheet, row, col, cell, formats)
}

/// A sheet with a title line, a table under it, and lines of text under the table (the
/// report's summary, under the key figures).
fn table_sheet(
    workbook: &mut Workbook,
    name: &str,
    title: &str,
    table: &DataTable,
    notes: &[String],
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    write_heading(sheet, 0, 0, title, formats)?;
    for (col, head) in table.head.iter().enumerate() {
        write_heading(sheet, 2, col as u16, head, formats)?;
    }
    for (index, row) in table.rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            write_cell(sheet, 3 + index as u32, col as u16, cell, formats)?;
        }
    }
    let below = 3 + table.rows.len() as u32 + 1;
    for (index, line) in notes.iter().enumerate() {
        if index == 0 {
            write_heading(sheet, below, 0, line, formats)?;
        } else {
            write_text(sheet, below + index as u32, 0, line, formats)?;
        }
    }
    sheet.set_column_width(0, 28)?;
    Ok(())
}

/// The comments sheet: the columns of the CSV export, then one 0/1 column per tag.
fn comments_sheet(
    workbook: &mut Workbook,
    name: &str,
    project: &Project,
    comments: &[&Comment],
    lang: Lang,
    privacy: Privacy,
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    let codebook = project.codebook();
    let base = headings(lang);
    let tag_heads: Vec<String> = codebook.tag_labels().into_iter().map(|(_, label)| label).collect();
    for (col, head) in base.iter().map(|h| (*h).to_owned()).chain(tag_heads).enumerate() {
        write_heading(sheet, 0, col as u16, &head, formats)?;
    }
    let numeric = [0, base.len() - 1];
    for (index, comment) in comments.iter().enumerate() {
        let row = 1 + index as u32;
        for (col, cell) in comment_cells(comment, lang, privacy).iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(number) if numeric.contains(&col) => {
                    sheet.write_number(row, col as u16, number)?;
                }
                _ => write_text(sheet, row, col as u16, cell, formats)?,
            }
        }
        for (offset, tag) in codebook.tags.iter().enumerate() {
            let on = u8::from(comment.tags().contains(&tag.id));
            sheet.write_number(row, (base.len() + offset) as u16, on)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(4, 60)?;
    Ok(())
}

/// The report as xlsx bytes. Comment texts are masked and authors hidden as `privacy` says.
pub fn report_xlsx(
    project: &Project,
    report: &ReportModel,
    privacy: Privacy,
) -> Result<Vec<u8>, XlsxExportError> {
    let lang = report.lang;
    let t = report_texts(lang);
    let formats = Formats {
        bold: Format::new().set_bold(),
        bold_as_is: Format::new().set_bold().set_quote_prefix(),
        percent: Format::new().set_num_format("0.0%"),
        text_as_is: Format::new().set_quote_prefix(),
    };
    let mut workbook = Workbook::new();
    let mut used = BTreeSet::new();
    let period = report.period.label(lang);
    // The summary has no sheet of its own (a sheet per chart, after the key figures): its
    // lines go under the key figures.
    let summary: Vec<String> = report
        .sections
        .iter()
        .find_map(|section| match &section.body {
            SectionBody::Summary(summary) => Some(
                std::iter::once(section.title.clone())
                    .chain(summary.text().lines().map(str::to_owned))
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_default();
    for section in &report.sections {
        let title = format!("{} — {period}", section.title);
        let (table, notes) = match &section.body {
            SectionBody::Kpi(kpi) => (kpi.table(lang), summary.as_slice()),
            SectionBody::Chart(chart) => (chart.table(lang), &[][..]),
            _ => continue,
        };
        let name = sheet_name(&section.title, &mut used);
        table_sheet(&mut workbook, &name, &title, &table, notes, &formats)?;
    }
    for chart in &report.comparison {
        let name = sheet_name(&chart.title, &mut used);
        table_sheet(&mut workbook, &name, &chart.title, &chart.table(lang), &[], &formats)?;
    }
    let comments = comments_in(project, &report.period);
    let name = sheet_name(t.comments_sheet, &mut used);
    comments_sheet(&mut workbook, &name, project, &comments, lang, privacy, &formats)?;
    Ok(workbook.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::Command;
    use crate::project::comment::{CommentId, NewComment, SourceRef};
    use crate::report::build_report;
    use crate::report::period::Period;

    fn project() -> Project {
        let mut project = Project::new();
        let rows = [
            ("2024-04-01 10:00", "=HYPERLINK(\"http://evil\")", "@attacker"),
            ("2024-04-02 10:00", "プリンが固い。連絡は090-1234-5678まで", "山田 花子"),
            ("2024-03-02 10:00", "先月の声", "佐藤"),
        ];
        let comments = rows
            .iter()
            .map(|(date, text, author)| NewComment {
                date: parse_local(date),
                author: (*author).to_owned(),
                channel: "X".to_owned(),
                ..NewComment::new(*text, SourceRef { file: "v.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let tag =
            |name: &str| project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag");
        let (quality, negative) = (tag("品質"), tag("ネガティブ"));
        project
            .apply(Command::AddTags(vec![(CommentId(1), quality), (CommentId(1), negative)]))
            .expect("tagged");
        project
    }

    fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    #[test]
    fn the_workbook_reads_back_with_kpis_charts_and_a_0_1_column_per_tag() {
        let project = project();
        let report = build_report(&project, Period::month(2024, 4).expect("April"), Lang::Ja, true);
        let bytes = report_xlsx(&project, &report, Privacy::default()).expect("written");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx");
        let names = book.sheet_names();
        let charts = report.charts().count();
        assert_eq!(names.len(), 1 + charts + 1, "KPI, one per chart, comments: {names:?}");
        assert_eq!(names[0], "主な指標");
        assert!(
            names.contains(&"感情の内訳".to_owned()) && names.last().map(String::as_str) == Some("コメント")
        );

        let kpi = book.worksheet_range("主な指標").expect("KPI");
        assert_eq!(cell(&kpi, 0, 0), Data::String("主な指標 — 2024年4月".into()));
        assert_eq!(cell(&kpi, 3, 0), Data::String("コメント数（前期比）".into()));
        assert_eq!((cell(&kpi, 3, 1), cell(&kpi, 3, 2)), (Data::Float(2.0), Data::Float(1.0)));
        assert_eq!(cell(&kpi, 3, 4), Data::Float(1.0), "+100.0% as a percentage");

        let sentiment = book.worksheet_range("感情の内訳").expect("sentiment");
        assert_eq!(cell(&sentiment, 2, 2), Data::String("割合".into()));
        assert_eq!(cell(&sentiment, 5, 0), Data::String("ネガティブ".into()));
        assert_eq!((cell(&sentiment, 5, 1), cell(&sentiment, 5, 2)), (Data::Float(1.0), Data::Float(0.5)));

        let comments = book.worksheet_range("コメント").expect("comments");
        assert_eq!(comments.height(), 3, "a heading and April's two comments");
        let head: Vec<String> =
            (0..comments.width() as u32).map(|c| cell(&comments, 0, c).to_string()).collect();
        let column = |name: &str| head.iter().position(|h| h == name).expect(name) as u32;
        assert_eq!(
            cell(&comments, 1, column("本文")),
            Data::String("=HYPERLINK(\"http://evil\")".into()),
            "stays text"
        );
        assert_eq!(
            cell(&comments, 2, column("本文")),
            Data::String("プリンが固い。連絡は［電話番号］まで".into())
        );
        assert_eq!(cell(&comments, 2, column("投稿者")), Data::Empty, "authors hidden by default");
        assert_eq!(
            (cell(&comments, 1, column("トピック: 品質")), cell(&comments, 2, column("トピック: 品質"))),
            (Data::Float(0.0), Data::Float(1.0))
        );
        assert_eq!(cell(&comments, 2, column("感情: ネガティブ")), Data::Float(1.0));
        assert!(
            head.contains(&"対応状況".to_owned()) && head.contains(&"担当者".to_owned()),
            "response columns"
        );
        let formulas = book.worksheet_formula("コメント").expect("formulas");
        assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()), "no live formula anywhere");
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut used = BTreeSet::new();
        assert_eq!(sheet_name("品質/価格 [前期比]", &mut used), "品質_価格 _前期比_");
        assert_eq!(sheet_name("品質/価格 [前期比]", &mut used), "品質_価格 _前期比_ (2)");
        let long = "あ".repeat(40);
        let name = sheet_name(&long, &mut used);
        assert_eq!(name.chars().count(), 31);
        assert_eq!(sheet_name("", &mut used), "Sheet");
    }

    #[test]
    fn a_comment_longer_than_an_excel_cell_is_cut_with_a_note_not_a_failed_workbook() {
        let long = "あ".repeat(EXCEL_CELL_CHARS + 10);
        let cut = fit_in_cell(&long);
        assert!(cut.encode_utf16().count() <= EXCEL_CELL_CHARS);
        assert!(cut.ends_with("cut at Excel's cell limit］"), "the cut is visible");
        assert_eq!(fit_in_cell("短い"), "短い");
        // Characters outside the BMP count twice, as Excel counts them.
        let emoji = "😀".repeat(EXCEL_CELL_CHARS / 2 + 1);
        assert!(fit_in_cell(&emoji).encode_utf16().count() <= EXCEL_CELL_CHARS);

        let mut project = Project::new();
        let source = crate::project::comment::SourceRef { file: "l.csv".into(), sheet: None, line: 2 };
        let comment = crate::NewComment {
            date: crate::import::dates::parse_local("2024-04-10 10:00"),
            ..crate::NewComment::new(long.clone(), source)
        };
        project.apply(crate::Command::AddComments(vec![comment])).expect("added");
        let report = build_report(&project, Period::month(2024, 4).expect("April"), Lang::Ja, true);
        let bytes = report_xlsx(&project, &report, Privacy::default()).expect("the workbook is written");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx");
        let comments = book.worksheet_range("コメント").expect("comments");
        let texts: Vec<String> = comments.used_cells().map(|(_, _, c)| c.to_string()).collect();
        assert!(
            texts.iter().any(|t| t.starts_with("あああ") && t.ends_with("limit］")),
            "the comment is there, cut"
        );
    }
}

#[cfg(test)]
mod summary_tests {
    use std::io::Cursor;

    use calamine::{Data, Reader, Xlsx};

    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::Command;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::report::build_report;
    use crate::report::period::Period;

    #[test]
    fn the_summary_goes_under_the_key_figures_as_text_without_a_sheet_of_its_own() {
        let mut project = Project::new();
        let comment = NewComment {
            date: parse_local("2024-04-02 10:00"),
            ..NewComment::new("本文", SourceRef { file: "a.csv".into(), sheet: None, line: 2 })
        };
        project.apply(Command::AddComments(vec![comment])).expect("added");
        let april = Period::month(2024, 4).expect("April");
        let rewritten = project.report().with_summary(&april.key(), "=1+1 は数式ではない\n二行目");
        project.apply(Command::SetReport(rewritten)).expect("rewritten");
        let report = build_report(&project, april, Lang::Ja, true);
        let bytes = report_xlsx(&project, &report, Privacy::default()).expect("written");
        let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).expect("an xlsx");
        assert_eq!(book.sheet_names().len(), 1 + report.charts().count() + 1, "no summary sheet");
        let kpi = book.worksheet_range("主な指標").expect("KPI");
        let texts: Vec<String> = (0..kpi.height() as u32)
            .map(|row| kpi.get_value((row, 0)).map(ToString::to_string).unwrap_or_default())
            .collect();
        let at = texts.iter().position(|t| t == "この期間のまとめ").expect("the summary's title");
        assert_eq!(texts[at + 1], "=1+1 は数式ではない", "kept as text: {texts:?}");
        assert_eq!(texts[at + 2], "二行目");
        assert!(matches!(kpi.get_value((at as u32 + 1, 0)), Some(Data::String(_))));
    }
}
