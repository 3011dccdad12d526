//! Reading a file the user chose or dropped.

use gloo_file::{Blob, FileReadError, futures::read_as_bytes};

/// A chosen file's name and bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChosenFile {
    /// The name as the user sees it.
    pub name: String,
    /// The whole content.
    pub bytes: Vec<u8>,
}

/// Reads the whole file into memory.
pub async fn read_file(file: web_sys::File) -> Result<ChosenFile, FileReadError> {
    let name = file.name();
    let bytes = read_as_bytes(&Blob::from(file)).await?;
    Ok(ChosenFile { name, bytes })
}

/// The files of a file list, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|index| list.get(index)).collect()
}
