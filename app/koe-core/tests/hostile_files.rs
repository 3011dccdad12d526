//! Structure-aware property tests of files from outside: a valid `.koe` envelope whose string
//! fields hold hostile values, and workbooks with absurd dimensions. Neither ever panics; a
//! `.koe` that opens exports no markup, and a workbook either reads or is refused with its size.

#![cfg(not(target_arch = "wasm32"))]

use koe_core::import::{ImportError, Oversize, ReadOptions, read_any};
use koe_core::report::period::Period;
use koe_core::saved::read_project_file;
use koe_core::{Lang, report::build_report};
use proptest::prelude::*;
use serde_json::{Value, json};

/// Strings an attacker would try, mixed with arbitrary text.
fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<script>document.title='pwned'</script>".to_owned()),
        Just("\" onload=\"alert(1)".to_owned()),
        Just("</svg><img src=x onerror=alert(1)>".to_owned()),
        Just("=HYPERLINK(\"http://evil\")".to_owned()),
        Just("＝１＋１".to_owned()),
        Just("#000\"/><script>x</script>".to_owned()),
        ".{0,40}",
    ]
}

/// A small valid project file whose every string field is `s[i]`.
fn envelope(s: &[String], ids: (u64, u64, u64)) -> Value {
    json!({
        "format": "koe-project", "version": 2, "name": s[0],
        "comments": [{
            "id": ids.0, "text": s[1], "date": "2026-10-01T10:00:00", "channel": s[2], "author": s[3],
            "url": s[4], "external_id": s[5], "attributes": [[s[6], s[7]]],
            "source": {"file": s[8], "sheet": null, "line": 2},
            "normalized": s[9],
            "tagging": {"tags": [ids.2], "by_rule": [], "rejected": []},
            "response": {"needed": false, "status": "Open", "responded_on": null, "person": s[10], "note": s[11]}
        }],
        "codebook": {
            "groups": [{"id": ids.1, "name": s[12], "multiple": true}],
            "tags": [{"id": ids.2, "group": ids.1, "name": s[13], "colour": s[14], "parent": null, "shortcut": null,
                      "rule": {"any_of": [s[15]], "all_of": [], "none_of": [], "regex": null}}]
        },
        "report": {"sections": [
            {"id": "kpi", "kind": "Kpi", "title": s[16], "commentary": s[17]},
            {"id": "d", "kind": {"Distribution": ids.1}, "title": s[18], "commentary": ""}
        ], "quotes": [ids.0], "synonyms": "", "stop_words": ""},
        "templates": [],
        "next_id": 1
    })
}

/// The envelope is a real project file: with plain values and a real colour it opens, so the
/// property below exercises opening and exporting, not only refusals.
#[test]
fn the_envelope_opens_with_plain_values() {
    let mut strings: Vec<String> = (0..19).map(|i| format!("値{i}")).collect();
    strings[14] = "#1565c0".to_owned();
    let bytes = serde_json::to_vec(&envelope(&strings, (0, 1, 3))).expect("json");
    let (name, project) = read_project_file(&bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(name, "値0");
    assert_eq!(project.comments()[0].normalized(), koe_core::text::normalize::normalize("値1"));
    // Markup everywhere but the colour also opens: it is only text.
    let mut markup = vec!["<script>document.title='pwned'</script>".to_owned(); 19];
    markup[14] = "#1565c0".to_owned();
    let bytes = serde_json::to_vec(&envelope(&markup, (0, 1, 3))).expect("json");
    let (_, project) = read_project_file(&bytes).unwrap_or_else(|e| panic!("{e}"));
    let html = koe_core::export::html::report_html(&build_report(
        &project,
        Period::month(2026, 10).expect("October"),
        Lang::Ja,
        false,
    ));
    assert!(html.contains("&lt;script&gt;") && !html.contains("<script"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn a_project_file_with_hostile_values_never_panics_and_never_exports_markup(
        strings in proptest::collection::vec(hostile_string(), 19),
        comment_id in prop_oneof![Just(0u64), Just(u64::from(u32::MAX)), 0u64..5],
        group_id in prop_oneof![Just(1u64), Just(u64::from(u32::MAX)), 0u64..5],
        tag_id in prop_oneof![Just(3u64), Just(u64::from(u32::MAX)), 0u64..5],
    ) {
        let file = envelope(&strings, (comment_id, group_id, tag_id));
        let bytes = serde_json::to_vec(&file).expect("json");
        if let Ok((_, project)) = read_project_file(&bytes) {
            let period = Period::month(2026, 10).expect("October");
            let html = koe_core::export::html::report_html(&build_report(&project, period, Lang::Ja, false));
            prop_assert!(!html.contains("<script"), "a script in the report");
            prop_assert!(!html.contains("<img"), "markup in the report");
            prop_assert!(!html.contains("onload=\""), "an attribute broke out");
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn a_workbook_with_a_far_cell_reads_or_is_refused_with_its_size(
        row in 0u32..1_048_576,
        column in 0u16..16_384,
    ) {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "本文").expect("header");
        sheet.write_string(1, 0, "声").expect("comment");
        sheet.write_string(row.max(2), column, "遠い").expect("far cell");
        let bytes = book.save_to_buffer().expect("written");
        match read_any("far.xlsx", &bytes, ReadOptions::default()) {
            Ok(read) => prop_assert!(read.table.headers.len() <= koe_core::import::MAX_COLUMNS as usize),
            Err(ImportError::TooLarge { what: Oversize::Columns { used, .. }, .. }) => {
                prop_assert_eq!(used, u64::from(column) + 1);
            }
            Err(other) => prop_assert!(false, "unexpected {:?}", other),
        }
    }
}
