//! Reading a file the user chose or dropped.

use gloo_file::{Blob, FileReadError, futures::read_as_bytes};
use send_wrapper::SendWrapper;

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

/// A file chosen for import: its name and the browser's handle to its content. The import
/// worker reads the content itself, so the page never holds a copy of a 50 MB file.
#[derive(Clone, Debug)]
pub struct PickedFile {
    /// The name as the user sees it.
    pub name: String,
    /// The content, as the browser keeps it (a File is a Blob). Signals want their values
    /// `Send`; the page has one thread, so the wrapper never panics.
    pub content: SendWrapper<web_sys::Blob>,
}

impl PickedFile {
    /// A file from the file picker or a drop.
    pub fn of(file: web_sys::File) -> PickedFile {
        PickedFile { name: file.name(), content: SendWrapper::new(file.into()) }
    }

    /// Bytes the app holds (the sample data) as a file to import; `None` if the browser
    /// refuses to make a Blob.
    pub fn from_bytes(name: &str, bytes: &[u8]) -> Option<PickedFile> {
        let blob = super::blob::blob_of(bytes, None).ok()?;
        Some(PickedFile { name: name.to_owned(), content: SendWrapper::new(blob) })
    }
}

impl PartialEq for PickedFile {
    /// The same name and the same browser file (not compared byte by byte).
    fn eq(&self, other: &PickedFile) -> bool {
        self.name == other.name && *self.content == *other.content
    }
}

/// The files of a file list, in order.
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|index| list.get(index)).collect()
}
