//! Asking the project's comments questions: the grid's filter, text search, a column's few
//! values, and counts.

pub mod aggregate;
pub mod agreement;
pub mod distinct;
pub mod filter;
pub mod search;
pub mod selection;
pub mod typed_search;
