//! What the report's Excel workbook holds, as plain data: the sheets, their names, titles,
//! cells and notes, decided from the project and the report model on the page. The xlsx writer
//! itself ([`crate::export::xlsx`]) runs in the worker, so the page does not link it; the plan
//! travels there as a [`WorkbookJob`] and the bytes come back as a [`WorkbookDone`].

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::export::{Privacy, comment_cells, headings};
use crate::import::wire::JobId;
use crate::project::Project;
use crate::report::kpi::comments_in;
use crate::report::texts::report_texts;
use crate::report::{ReportModel, SectionBody};
use crate::text::lang::Lang;

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

/// The whole workbook, sheet by sheet in order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbookPlan {
    /// The sheets, the key figures first and the comments last.
    pub sheets: Vec<PlannedSheet>,
}

/// One sheet of the workbook.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PlannedSheet {
    /// A title line, a data table under it (counts written as numbers, `60.0%` as
    /// percentages), and lines of text under the table (the summary, under the key figures).
    Table {
        /// The sheet's name, valid and unique.
        name: String,
        /// The title line.
        title: String,
        /// Column headings.
        head: Vec<String>,
        /// The rows; the first cell is the category.
        rows: Vec<Vec<String>>,
        /// Lines under the table; the first is a heading.
        notes: Vec<String>,
    },
    /// The period's comments: the CSV export's columns, then one 0/1 column per tag.
    Comments {
        /// The sheet's name.
        name: String,
        /// Headings: the CSV columns, then the tags.
        head: Vec<String>,
        /// Which of the CSV columns are numbers (the id and the days to respond).
        numeric: Vec<usize>,
        /// Per comment, its CSV cells (masked as the user asked).
        rows: Vec<Vec<String>>,
        /// Per comment, a 0/1 per tag of the codebook, in the codebook's order.
        tags: Vec<Vec<u8>>,
    },
}

/// The workbook of `report`: the key figures (with the summary under them), a sheet per chart
/// and per comparison chart, then the period's comments masked as `privacy` says.
pub fn plan_report_workbook(project: &Project, report: &ReportModel, privacy: Privacy) -> WorkbookPlan {
    let lang = report.lang;
    let t = report_texts(lang);
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
    let mut sheets = Vec::new();
    for section in &report.sections {
        let (table, notes) = match &section.body {
            SectionBody::Kpi(kpi) => (kpi.table(lang), summary.clone()),
            SectionBody::Chart(chart) => (chart.table(lang), Vec::new()),
            _ => continue,
        };
        sheets.push(PlannedSheet::Table {
            name: sheet_name(&section.title, &mut used),
            title: format!("{} — {period}", section.title),
            head: table.head,
            rows: table.rows,
            notes,
        });
    }
    for chart in &report.comparison {
        let table = chart.table(lang);
        sheets.push(PlannedSheet::Table {
            name: sheet_name(&chart.title, &mut used),
            title: chart.title.clone(),
            head: table.head,
            rows: table.rows,
            notes: Vec::new(),
        });
    }
    sheets.push(comments_sheet(project, report, privacy, sheet_name(t.comments_sheet, &mut used)));
    WorkbookPlan { sheets }
}

fn comments_sheet(project: &Project, report: &ReportModel, privacy: Privacy, name: String) -> PlannedSheet {
    let lang = report.lang;
    let codebook = project.codebook();
    let base = headings(lang);
    let head = base
        .iter()
        .map(|h| (*h).to_owned())
        .chain(codebook.tag_labels().into_iter().map(|(_, label)| label))
        .collect();
    let comments = comments_in(project, &report.period);
    let rows = comments.iter().map(|comment| comment_cells(comment, lang, privacy)).collect();
    let tags = comments
        .iter()
        .map(|comment| codebook.tags.iter().map(|tag| u8::from(comment.tags().contains(&tag.id))).collect())
        .collect();
    PlannedSheet::Comments { name, head, numeric: vec![0, base.len() - 1], rows, tags }
}

/// Why the workbook could not be made.
#[derive(Clone, Debug, Error, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkbookError {
    /// The writer refused the data (it should not happen for the data Koe writes).
    #[error("xlsx: {0}")]
    Write(String),
    /// The worker that writes workbooks could not start, or stopped.
    #[error("xlsx: the worker stopped")]
    Worker,
}

impl WorkbookError {
    /// The message to show, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        format!("{} ({self})", report_texts(lang).xlsx_failed)
    }
}

/// The first element of the `[tag, bytes]` message that carries a [`WorkbookJob`] to the worker
/// and a [`WorkbookDone`] back (import messages are bare bytes or `[bytes, file]`).
pub const WORKBOOK_MESSAGE: &str = "koe-workbook";

/// A workbook to write, posted from the page to the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbookJob {
    /// Which request this is, to match the answer.
    pub job: JobId,
    /// What to write.
    pub plan: WorkbookPlan,
}

/// The worker's answer to a [`WorkbookJob`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkbookDone {
    /// The request answered.
    pub job: JobId,
    /// The workbook's bytes, or why there are none.
    pub result: Result<Vec<u8>, WorkbookError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plan_has_the_key_figures_a_sheet_per_chart_the_comments_and_travels_intact() {
        use crate::import::wire::{decode, encode};
        use crate::project::Command;
        use crate::project::comment::{NewComment, SourceRef};
        use crate::report::build_report;
        use crate::report::period::Period;

        let mut project = Project::new();
        let comments = ["=1+1 美味しい", "開けにくい", "値段が高い"]
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let source = SourceRef { file: "w.csv".into(), sheet: None, line: i as u64 + 2 };
                let mut comment = NewComment::new(*text, source);
                comment.date = crate::import::dates::parse_local(&format!("2024-04-0{} 10:00", i + 1));
                comment
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let report = build_report(&project, Period::month(2024, 4).expect("April"), Lang::Ja, true);
        let plan = plan_report_workbook(&project, &report, Privacy::default());
        assert_eq!(plan.sheets.len(), 1 + report.charts().count() + 1);
        let kpi_title =
            report.sections.iter().find(|s| matches!(s.body, SectionBody::Kpi(_))).map(|s| &s.title);
        assert!(matches!(&plan.sheets[0], PlannedSheet::Table { name, .. } if Some(name) == kpi_title));
        let Some(PlannedSheet::Comments { rows, tags, head, .. }) = plan.sheets.last() else {
            panic!("the comments last: {plan:?}")
        };
        assert_eq!((rows.len(), tags.len()), (3, 3));
        assert_eq!(head.len(), rows[0].len() + project.codebook().tags.len());
        assert!(
            rows.iter().any(|r| r.iter().any(|c| c == "=1+1 美味しい")),
            "the text as written; the writer makes it inert"
        );
        let job = WorkbookJob { job: 7, plan };
        assert_eq!(decode::<WorkbookJob>(&encode(&job)).expect("decoded"), job);
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
}
