//! Text itself, below every feature: the UI languages, how bytes become text (encodings, line
//! counting, formats recognised by their first bytes), the matching form of a text, and the
//! masking of personal data in it (used by the report and every export).

pub mod date_text;
pub mod decode;
pub mod file_kind;
pub mod lang;
pub mod lines;
pub mod mask;
pub mod normalize;
