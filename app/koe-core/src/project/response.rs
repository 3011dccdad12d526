//! Answering customers: whether a comment needs a response, and where that response stands.

use chrono::NaiveDate;

/// Where answering a comment stands.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum ResponseStatus {
    /// 未対応: nobody has answered yet.
    #[default]
    Open,
    /// 対応中: someone is on it.
    InProgress,
    /// 対応済: answered.
    Done,
    /// 対応不要: no answer is needed after all.
    NotNeeded,
}

impl ResponseStatus {
    /// All statuses, in the order a menu lists them.
    pub const ALL: [ResponseStatus; 4] =
        [ResponseStatus::Open, ResponseStatus::InProgress, ResponseStatus::Done, ResponseStatus::NotNeeded];

    /// Whether the comment still waits for someone to act.
    pub fn is_pending(self) -> bool {
        matches!(self, ResponseStatus::Open | ResponseStatus::InProgress)
    }
}

/// A comment's response tracking; feeds the report's response rate and time to response.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Response {
    /// Whether the customer should get an answer.
    pub needed: bool,
    /// Where answering stands.
    pub status: ResponseStatus,
    /// When it was answered.
    pub responded_on: Option<NaiveDate>,
    /// Who answers (a colleague's name; internal).
    pub person: String,
    /// A free note.
    pub note: String,
}

impl crate::project::rare::Empty for Response {
    fn empty() -> &'static Self {
        static EMPTY: Response = Response {
            needed: false,
            status: ResponseStatus::Open,
            responded_on: None,
            person: String::new(),
            note: String::new(),
        };
        &EMPTY
    }
}

impl Response {
    /// Whether the comment needs a response nobody has given yet.
    pub fn is_waiting(&self) -> bool {
        self.needed && self.status.is_pending()
    }
}
