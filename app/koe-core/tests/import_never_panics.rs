//! Any bytes given to the importer come back as a table or an error, never a panic.

#![cfg(not(target_arch = "wasm32"))]

use koe_core::import::{ReadOptions, TextEncoding, guess_mapping, read_any, to_comments};
use proptest::prelude::*;

fn check(name: &str, bytes: &[u8], options: ReadOptions) {
    if let Ok(read) = read_any(name, bytes, options) {
        let outcome = to_comments(&read.table, &guess_mapping(&read.table));
        assert!(outcome.comments.len() <= read.table.rows.len());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512), encoding in 0usize..6) {
        let options = ReadOptions { encoding: TextEncoding::ALL.get(encoding).copied(), ..ReadOptions::default() };
        check("any.csv", &bytes, options);
        check("any.json", &bytes, options);
    }

    #[test]
    fn csv_like_text(text in "[a-z本文日付,\"\\n\\r\\t;|{}\\[\\]:0-9/年月日令和RH. -]{0,300}") {
        check("text.csv", text.as_bytes(), ReadOptions::default());
        check("text.jsonl", text.as_bytes(), ReadOptions::default());
    }
}
