//! Reading comment files: bytes → [`Table`] → [`NewComment`]s plus problems with positions.
//!
//! Parsing never fails on a bad row: it returns what it could read and a list of
//! [`ImportProblem`]s. Only a file that is not a table at all gives an [`ImportError`].
//!
//! [`NewComment`]: crate::NewComment

mod mapping;
mod problem;
mod table;

pub use mapping::{ColumnMapping, ImportOutcome, MappingField, guess_mapping, to_comments};
pub use problem::{ImportError, ImportProblem, ProblemKind};
pub use table::{ReadTable, Table, TableRow, read_table};
