//! Koe's domain, as a plain Rust library with no web dependencies.
//!
//! Data flows one way: file bytes → [`import`] → [`Project`] (changed only through
//! [`Command`]s) → [`report::build_report`] → views and exports. Everything here runs and is
//! tested natively; the browser crate is a thin layer of components over it.
//!
//! ```
//! use koe_core::{import, Command, Project};
//!
//! let bytes = "日付,媒体,本文\n2024-04-01,X,とても美味しい\n".as_bytes();
//! let table = import::read_table("voices.csv", bytes).expect("a table");
//! let mapping = import::guess_mapping(&table.table);
//! let outcome = import::to_comments(&table.table, &mapping);
//! let mut project = Project::new();
//! project.apply(Command::AddComments(outcome.comments)).expect("added");
//! assert_eq!(project.comments().len(), 1);
//! ```
#![deny(missing_docs)]

// Folders from the bottom layer up; each uses only the ones above it in this list.
pub mod export;
pub mod import;
pub mod project;
pub mod query;
pub mod report;
pub mod saved;
pub mod sorting;
pub mod text;
pub mod ui;
pub mod worker;

pub use project::codebook::{Codebook, GroupId, Rule, Tag, TagGroup, TagId};
pub use project::comment::{Comment, CommentId, NewComment, SourceRef};
pub use project::{Change, Command, CommandError, LogEntry, LogKind, Project};
pub use text::lang::Lang;
