//! Bringing files in: the panel, the preview of a file, one mapping choice, the summary, and
//! the session state they share.

mod mapping;
mod panel;
mod preview;
mod session;
mod summary;

pub use panel::ImportPanel;
