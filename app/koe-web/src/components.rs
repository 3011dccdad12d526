//! The UI components, one public component per file.

mod app;
mod app_header;
mod bulk_bar;
mod change_log;
mod chart_table;
mod chart_view;
mod codebook_page;
mod comment_detail;
mod comment_grid;
mod comments_page;
mod filter_bar;
mod import_panel;
mod projects_page;
mod report_builder;
mod report_controls;
mod report_page;
mod report_section;
mod shortcut_sheet;
mod suggestions_panel;
pub mod workbench;

pub use app::App;
pub use app_header::AppHeader;
pub use bulk_bar::BulkBar;
pub use change_log::ChangeLog;
pub use chart_table::ChartTable;
pub use chart_view::ChartView;
pub use codebook_page::CodebookPage;
pub use comment_detail::CommentDetail;
pub use comment_grid::CommentGrid;
pub use comments_page::CommentsPage;
pub use filter_bar::FilterBar;
pub use import_panel::ImportPanel;
pub use projects_page::{ProjectsPage, SaveIndicator};
pub use report_page::ReportPage;
pub use shortcut_sheet::ShortcutSheet;
pub use suggestions_panel::SuggestionsPanel;
