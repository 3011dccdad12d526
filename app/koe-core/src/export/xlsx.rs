//! The report as an Excel workbook: the KPI table, a sheet per chart with its data table, and
//! the period's comments with one 0/1 column per tag and the response columns.
//!
//! Numbers are written as numbers and shares as percentages, so the figures can be charted
//! again in Excel. Text that Excel would take for a formula (`=`, `+`, `-`, `@`, tab, CR) is
//! stored as quote-prefixed text: it shows as written and never runs.

use std::borrow::Cow;

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use crate::export::Privacy;
use crate::export::workbook::{PlannedSheet, WorkbookError, WorkbookPlan, plan_report_workbook};
use crate::project::Project;
use crate::report::ReportModel;

impl From<XlsxError> for WorkbookError {
    fn from(error: XlsxError) -> Self {
        WorkbookError::Write(error.to_string())
    }
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
    (name, title): (&str, &str),
    (head, rows): (&[String], &[Vec<String>]),
    notes: &[String],
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    write_heading(sheet, 0, 0, title, formats)?;
    for (col, head) in head.iter().enumerate() {
        write_heading(sheet, 2, col as u16, head, formats)?;
    }
    for (index, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            write_cell(sheet, 3 + index as u32, col as u16, cell, formats)?;
        }
    }
    let below = 3 + rows.len() as u32 + 1;
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

/// The comments sheet: the CSV export's columns (the numeric ones as numbers), then one 0/1
/// column per tag.
fn comments_sheet(
    workbook: &mut Workbook,
    name: &str,
    (head, numeric): (&[String], &[usize]),
    (rows, tags): (&[Vec<String>], &[Vec<u8>]),
    formats: &Formats,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name(name)?;
    for (col, head) in head.iter().enumerate() {
        write_heading(sheet, 0, col as u16, head, formats)?;
    }
    for (index, (cells, flags)) in rows.iter().zip(tags).enumerate() {
        let row = 1 + index as u32;
        for (col, cell) in cells.iter().enumerate() {
            match cell.parse::<f64>() {
                Ok(number) if numeric.contains(&col) => {
                    sheet.write_number(row, col as u16, number)?;
                }
                _ => write_text(sheet, row, col as u16, cell, formats)?,
            }
        }
        for (offset, on) in flags.iter().enumerate() {
            sheet.write_number(row, (cells.len() + offset) as u16, *on)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.set_column_width(4, 60)?;
    Ok(())
}

/// Writes a planned workbook (in the worker; see [`crate::export::workbook`]).
pub fn write_workbook(plan: &WorkbookPlan) -> Result<Vec<u8>, WorkbookError> {
    let formats = Formats {
        bold: Format::new().set_bold(),
        bold_as_is: Format::new().set_bold().set_quote_prefix(),
        percent: Format::new().set_num_format("0.0%"),
        text_as_is: Format::new().set_quote_prefix(),
    };
    let mut workbook = Workbook::new();
    for sheet in &plan.sheets {
        match sheet {
            PlannedSheet::Table { name, title, head, rows, notes } => {
                table_sheet(&mut workbook, (name, title), (head, rows), notes, &formats)?;
            }
            PlannedSheet::Comments { name, head, numeric, rows, tags } => {
                comments_sheet(&mut workbook, name, (head, numeric), (rows, tags), &formats)?;
            }
        }
    }
    Ok(workbook.save_to_buffer()?)
}

/// The report as xlsx bytes, planned and written in one go. Comment texts are masked and
/// authors hidden as `privacy` says.
pub fn report_xlsx(
    project: &Project,
    report: &ReportModel,
    privacy: Privacy,
) -> Result<Vec<u8>, WorkbookError> {
    write_workbook(&plan_report_workbook(project, report, privacy))
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
    use crate::text::lang::Lang;

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
                channel: "X".into(),
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
    use crate::text::lang::Lang;

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
