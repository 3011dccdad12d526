//! The import corpus (`tests/data/corpus/`, written by `examples/make_corpus.rs`): files in
//! the shapes members bring. Each must be read with the right columns and lose no row unless
//! a duplicate was proven, as `expected.csv` says; importing any of them twice adds nothing.

use std::path::PathBuf;

use koe_core::import::duplicates::scan;
use koe_core::import::{ImportOutcome, MappingField, ReadOptions, guess_columns, read_any, to_comments};
use koe_core::project::comment::{Comment, CommentId};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/corpus")
}

struct Expected {
    file: String,
    roles: Vec<(MappingField, String)>,
    rows: usize,
    duplicates: usize,
}

fn expectations() -> Vec<Expected> {
    let text = std::fs::read_to_string(corpus().join("expected.csv")).expect("expected.csv");
    let fields = [
        MappingField::Text,
        MappingField::Date,
        MappingField::Channel,
        MappingField::Author,
        MappingField::Id,
    ];
    text.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(cells.len(), 8, "{line}");
            Expected {
                file: cells[0].to_owned(),
                roles: fields.iter().zip(&cells[1..6]).map(|(f, h)| (*f, (*h).to_owned())).collect(),
                rows: cells[6].parse().expect("rows"),
                duplicates: cells[7].parse().expect("duplicates"),
            }
        })
        .collect()
}

/// What a default import of `outcome` into a project holding `existing` adds, and leaves out.
fn imported_by_default(existing: &[Comment], outcome: &ImportOutcome) -> (usize, usize) {
    let found = scan(existing, &outcome.comments);
    let left_out = if found.leave_out_by_default() { found.proven() } else { 0 };
    (outcome.comments.len() - left_out, found.proven())
}

#[test]
fn every_file_of_the_corpus_is_mapped_right_and_keeps_every_voice() {
    let all = expectations();
    assert_eq!(all.len(), 5);
    for expected in all {
        let bytes = std::fs::read(corpus().join(&expected.file)).expect("fixture");
        let read = read_any(&expected.file, &bytes, ReadOptions::default()).expect("a table");
        let guess = guess_columns(&read.table);
        for (field, header) in &expected.roles {
            let chosen =
                guess.mapping.get(*field).map(|c| read.table.headers[c].as_str()).unwrap_or_default();
            assert_eq!(chosen, header, "{}: {field:?} (reasons {:?})", expected.file, guess.reasons);
        }
        let outcome = to_comments(&read.table, &guess.mapping);
        assert!(outcome.problems.is_empty(), "{}: {:?}", expected.file, outcome.problems);
        assert_eq!(
            imported_by_default(&[], &outcome),
            (expected.rows, expected.duplicates),
            "{}: (imported, proven duplicates)",
            expected.file
        );
        // The same file again adds nothing: every row is identical to one already imported.
        let project: Vec<Comment> = outcome
            .comments
            .iter()
            .enumerate()
            .map(|(i, c)| Comment::from_new(CommentId(i as u32), c.clone()))
            .collect();
        let (again, _) = imported_by_default(&project, &outcome);
        assert_eq!(again, 0, "{}: imported twice", expected.file);
    }
}

#[test]
fn the_survey_names_its_other_open_question_and_says_why_it_chose_the_text() {
    let bytes = std::fs::read(corpus().join("survey_cp932.csv")).expect("fixture");
    let read = read_any("survey_cp932.csv", &bytes, ReadOptions::default()).expect("a table");
    let guess = guess_columns(&read.table);
    let others: Vec<&str> = guess.other_texts.iter().map(|c| read.table.headers[*c].as_str()).collect();
    assert_eq!(others, vec!["今後の要望（自由記述）"]);
    let why: Vec<String> =
        guess.reasons_for(MappingField::Text).iter().map(|r| r.message(koe_core::Lang::Ja)).collect();
    assert!(why.iter().any(|w| w.starts_with("長い自由記述: 平均")), "{why:?}");
}
