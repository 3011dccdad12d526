//! Formats recognised by their first bytes: a picture or a document chosen by mistake is named
//! in the message instead of being read as garbled text.

use serde::{Deserialize, Serialize};

use crate::text::lang::Lang;

/// Formats recognised by their first bytes, so the message can say what the file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// PNG image.
    Png,
    /// JPEG image.
    Jpeg,
    /// GIF image.
    Gif,
    /// PDF document.
    Pdf,
    /// ZIP archive (also .xlsx and .ods workbooks).
    Zip,
    /// Old Office document (.xls, .doc).
    OldOffice,
}

impl FileKind {
    /// Recognises a format from its magic bytes.
    pub fn sniff(bytes: &[u8]) -> Option<FileKind> {
        const MAGIC: [(&[u8], FileKind); 7] = [
            (b"\x89PNG\r\n\x1a\n", FileKind::Png),
            (b"\xFF\xD8\xFF", FileKind::Jpeg),
            (b"GIF87a", FileKind::Gif),
            (b"GIF89a", FileKind::Gif),
            (b"%PDF-", FileKind::Pdf),
            (b"PK\x03\x04", FileKind::Zip),
            (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FileKind::OldOffice),
        ];
        MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)).map(|(_, kind)| *kind)
    }

    /// What the file is, in words, for a message.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (FileKind::Png, Lang::Ja) => "PNG 画像",
            (FileKind::Png, Lang::En) => "a PNG image",
            (FileKind::Jpeg, Lang::Ja) => "JPEG 画像",
            (FileKind::Jpeg, Lang::En) => "a JPEG image",
            (FileKind::Gif, Lang::Ja) => "GIF 画像",
            (FileKind::Gif, Lang::En) => "a GIF image",
            (FileKind::Pdf, Lang::Ja) => "PDF 文書",
            (FileKind::Pdf, Lang::En) => "a PDF document",
            (FileKind::Zip, Lang::Ja) => "ZIP 形式（Excel ブック .xlsx など）",
            (FileKind::Zip, Lang::En) => "a ZIP archive (an Excel .xlsx workbook, say)",
            (FileKind::OldOffice, Lang::Ja) => "古い Office 形式（.xls など）",
            (FileKind::OldOffice, Lang::En) => "an old Office document (.xls, say)",
        }
    }
}
