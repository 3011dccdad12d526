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

pub mod aggregate;
pub mod codebook;
pub mod codebook_csv;
pub mod comment;
pub mod dates;
pub mod distinct;
pub mod duplicates;
pub mod export;
pub mod export_html;
pub mod export_xlsx;
pub mod filter;
pub mod help;
pub mod i18n;
pub mod import;
pub mod kpi;
pub mod lang;
pub mod mask;
pub mod normalize;
pub mod period;
pub mod project;
pub mod report;
pub mod response;
pub mod route;
pub mod rules;
pub mod sample;
pub mod saved;
pub mod search;
pub mod shortcuts;
pub mod suggest;
pub mod suggestions;
pub mod tagging;

pub use codebook::{Codebook, GroupId, Rule, Tag, TagGroup, TagId};
pub use comment::{Comment, CommentId, NewComment, SourceRef};
pub use lang::Lang;
pub use project::{Change, Command, CommandError, LogEntry, LogKind, Project};
