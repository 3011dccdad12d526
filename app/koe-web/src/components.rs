//! The UI components, one public component per file.

mod app;
mod app_header;
mod chart_table;
mod chart_view;
mod comment_list;
mod comment_row;
mod comments_page;
mod import_panel;
mod report_page;

pub use app::App;
pub use app_header::AppHeader;
pub use chart_table::ChartTable;
pub use chart_view::ChartView;
pub use comment_list::CommentList;
pub use comment_row::CommentRow;
pub use comments_page::CommentsPage;
pub use import_panel::ImportPanel;
pub use report_page::ReportPage;
