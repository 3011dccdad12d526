//! The built-in sample data set: invented comments to a food company's お客様相談室,
//! six months over six channels, so a new user has something to see at once.
//!
//! It is an ordinary UTF-8 CSV (with BOM, as Excel writes it) and goes through the same
//! import as any file the user brings.

/// The file name the sample is imported under.
pub const SAMPLE_FILE_NAME: &str = "sample_comments.csv";

/// The sample file's bytes.
pub const SAMPLE_CSV: &[u8] = include_bytes!("../data/sample_comments.csv");

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, read_table, to_comments};

    #[test]
    fn the_sample_imports_cleanly_with_dates_and_channels() {
        let read = read_table(SAMPLE_FILE_NAME, SAMPLE_CSV).expect("sample is a table");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let mapping = guess_mapping(&read.table);
        assert_eq!(read.table.headers[mapping.text], "本文");
        let outcome = to_comments(&read.table, &mapping);
        assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
        assert!(outcome.comments.len() >= 300);
        assert!(outcome.comments.iter().all(|c| c.date.is_some() && !c.channel.is_empty()));
        let found = crate::duplicates::scan(&[], &outcome.comments);
        assert_eq!(found.proven(), 0, "the sample's own rows are all kept: {:?}", found.found);
    }
}
