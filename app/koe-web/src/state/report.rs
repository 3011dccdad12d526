//! What every part of the report page shares: the period, the masking choice, the fiscal-year
//! start, and the report computed from them and the project (derived, never stored).

use koe_core::report::period::Period;
use koe_core::report::{ReportLayout, ReportModel};
use leptos::prelude::*;

use super::ProjectState;

#[derive(Clone, Copy)]
pub struct ReportContext {
    /// The period the report covers.
    pub period: RwSignal<Period>,
    /// Whether quotes and exported comments hide personal data.
    pub masked: RwSignal<bool>,
    /// The month the fiscal year starts in.
    pub fiscal_start: RwSignal<u32>,
    /// The report of the period.
    pub report: Memo<ReportModel>,
    /// The word whose concordance is open, if any.
    pub kwic: RwSignal<Option<String>>,
    /// Other companies' counts files opened for the comparison.
    pub companies: RwSignal<Vec<koe_core::export::aggregate::Aggregate>>,
    /// This company's label in a counts file and the comparison.
    pub company_label: RwSignal<String>,
}

impl ReportContext {
    /// Sends a layout edit as one undoable command.
    pub fn edit_layout(state: ProjectState, edit: impl FnOnce(&ReportLayout) -> ReportLayout) {
        let next = state.with_project_untracked(|p| edit(p.report()));
        state.apply(koe_core::Command::SetReport(next));
    }
}

/// The report context of the page.
pub fn expect_report() -> ReportContext {
    expect_context::<ReportContext>()
}
