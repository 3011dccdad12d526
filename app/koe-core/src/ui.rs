//! What the app says and where it is, as plain data: the ja/en catalogue (composed of every
//! feature's own texts), the help page and the page addresses. Nothing below depends on it.

pub mod help;
pub mod i18n;
pub mod route;
