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

/// A message as bytes into `buffer` (emptied first): the worker encodes every reply into one
/// buffer that has grown to the size of a part once, instead of growing a new one by doubling
/// for each part.
pub fn encode_into<T: Serialize>(message: &T, buffer: &mut Vec<u8>) {
    buffer.clear();
    // Serialising these plain data types into a growable buffer cannot fail.
    if let Ok(filled) = postcard::to_extend(message, std::mem::take(buffer)) {
        *buffer = filled;
    }
}

/// Bytes posted between page and worker, back into a message.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, WireError> {
    postcard::from_bytes(bytes).map_err(|error| WireError(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_buffer_holds_only_the_last_message() {
        let long = ("a long first message".repeat(20), vec![7u32; 50]);
        let short = ("short".to_owned(), vec![1u32]);
        let mut buffer = Vec::new();
        encode_into(&long, &mut buffer);
        assert_eq!(buffer, encode(&long));
        encode_into(&short, &mut buffer);
        assert_eq!(buffer, encode(&short), "nothing of the longer message before it is left");
        assert_eq!(decode::<(String, Vec<u32>)>(&buffer), Ok(short));
    }
}
