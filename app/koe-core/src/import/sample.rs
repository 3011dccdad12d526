//! The built-in sample data sets: invented comments to a food company's お客様相談室,
//! six months over six channels, so a new user has something to see at once; in Japanese, and
//! in English for a member using the English UI.
//!
//! It is an ordinary UTF-8 CSV (with BOM, as Excel writes it) and goes through the same
//! import as any file the user brings.

/// The file name the sample is imported under.
pub const SAMPLE_FILE_NAME: &str = "sample_comments.csv";

/// The sample file's bytes.
pub const SAMPLE_CSV: &[u8] = include_bytes!("../../data/sample_comments.csv");

/// The English sample's file name (written by `examples/make_sample_en.rs`).
pub const SAMPLE_FILE_NAME_EN: &str = "sample_comments_en.csv";

/// The English sample's bytes.
pub const SAMPLE_CSV_EN: &[u8] = include_bytes!("../../data/sample_comments_en.csv");

/// The sample offered in `lang`: its file name and bytes.
pub fn sample_in(lang: crate::Lang) -> (&'static str, &'static [u8]) {
    match lang {
        crate::Lang::Ja => (SAMPLE_FILE_NAME, SAMPLE_CSV),
        crate::Lang::En => (SAMPLE_FILE_NAME_EN, SAMPLE_CSV_EN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{guess_mapping, read_table, to_comments};

    #[test]
    fn each_sample_imports_cleanly_with_dates_and_channels() {
        for (lang, text_header) in [(crate::Lang::Ja, "本文"), (crate::Lang::En, "Comment")] {
            let (name, bytes) = sample_in(lang);
            let read = read_table(name, bytes).expect("sample is a table");
            assert!(read.problems.is_empty(), "{name}: {:?}", read.problems);
            let mapping = guess_mapping(&read.table);
            assert_eq!(read.table.headers[mapping.text], text_header, "{name}");
            assert!(mapping.date.is_some() && mapping.channel.is_some(), "{name}: {mapping:?}");
            let outcome = to_comments(&read.table, &mapping);
            assert!(outcome.problems.is_empty(), "{name}: {:?}", outcome.problems);
            assert!(outcome.comments.len() >= 300, "{name}");
            assert!(outcome.comments.iter().all(|c| c.date.is_some() && !c.channel.is_empty()), "{name}");
            let found = crate::import::duplicates::scan(&[], &outcome.comments);
            assert_eq!(found.proven(), 0, "{name}: the sample's own rows are all kept: {:?}", found.found);
        }
    }

    #[test]
    fn the_english_starter_rules_tag_the_english_sample() {
        let (name, bytes) = sample_in(crate::Lang::En);
        let read = read_table(name, bytes).expect("sample is a table");
        let comments = to_comments(&read.table, &guess_mapping(&read.table)).comments;
        let mut project = crate::Project::new_in(crate::Lang::En);
        project.apply(crate::Command::AddComments(comments)).expect("added");
        let plan = crate::project::rules::plan(project.codebook(), project.comments());
        assert!(plan.errors.is_empty(), "{:?}", plan.errors);
        assert!(
            plan.changes.len() * 2 > project.comments().len(),
            "the keyword rules find most comments: {} of {}",
            plan.changes.len(),
            project.comments().len()
        );
    }
}
