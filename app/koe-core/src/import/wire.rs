//! The form of messages between the page and the app's worker: every message is plain data
//! posted as bytes (postcard), and a request and its replies share a [`JobId`]. The messages
//! themselves are the worker module's; export's workbook job uses the same form.

use serde::Serialize;
use serde::de::DeserializeOwned;

/// Identifies one file's import from reading to confirming.
pub type JobId = u32;

/// Why bytes could not be turned back into a message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("import message could not be decoded: {0}")]
pub struct WireError(String);

/// A message as bytes, to post between page and worker.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Serialising these plain data types into a growable buffer cannot fail.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// Bytes posted between page and worker, back into a message.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    postcard::from_bytes(bytes).map_err(|error| WireError(error.to_string()))
}
