//! The csv-spectrum cases (npm registry package `csv-spectrum` 2.0.0, installed into
//! `.tools/` by `cargo xtask test`) read exactly as their JSON expectations say.

use std::path::PathBuf;

use koe_core::import::read_table;
use serde_json::{Map, Value};

fn spectrum_dir() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = root.join(".tools/node_modules/csv-spectrum");
    assert!(
        dir.join("csvs").is_dir(),
        "csv-spectrum is not installed in {}; run `cargo xtask setup --browser`",
        dir.display()
    );
    dir
}

/// The rows as the expectation files write them: one object per record, header → field.
fn read_as_objects(name: &str, bytes: &[u8]) -> Vec<Value> {
    let table = read_table(name, bytes).unwrap_or_else(|e| panic!("{name}: {e}")).table;
    table
        .rows
        .iter()
        .map(|row| {
            let object: Map<String, Value> = table
                .headers
                .iter()
                .zip(row.fields())
                .map(|(header, field)| (header.clone(), Value::String(field.to_owned())))
                .collect();
            Value::Object(object)
        })
        .collect()
}

#[test]
fn every_case_matches_its_expectation() {
    let dir = spectrum_dir();
    let mut cases: Vec<String> = std::fs::read_dir(dir.join("csvs"))
        .expect("csvs")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter_map(|name| name.strip_suffix(".csv").map(str::to_owned))
        .collect();
    cases.sort();
    assert_eq!(cases.len(), 12, "{cases:?}");
    for case in &cases {
        let bytes = std::fs::read(dir.join("csvs").join(format!("{case}.csv"))).expect("csv");
        let expected: Value = serde_json::from_slice(
            &std::fs::read(dir.join("json").join(format!("{case}.json"))).expect("json"),
        )
        .expect("expectation is JSON");
        let got = read_as_objects(case, &bytes);
        if case == "location_coordinates" {
            // This one expectation is a lone object whose phone number is not the one in its
            // CSV (2095257564); everything else must match.
            let mut expected = expected.clone();
            expected["Contact Phone Number"] = Value::String("2095257564".into());
            assert_eq!(got, vec![expected], "{case}");
        } else {
            assert_eq!(Value::Array(got), expected, "{case}");
        }
    }
}
