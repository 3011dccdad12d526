//! JSON (an array of objects) and JSON Lines (one object per line) as a table.

use serde_json::{Map, Value};

use super::problem::{ImportError, ImportProblem, Oversize, ProblemKind};
use super::table::{ReadOptions, ReadTable, SourceFormat, Table, TableRow, cap_header};
use super::workbook::MAX_COLUMNS;
use crate::text::decode::decode;

/// Reads JSON or JSON Lines: each object is a row, the union of keys (first seen first) the
/// header. A bad line of JSON Lines is a problem; bad JSON as a whole is an error.
pub fn read_json(file: &str, bytes: &[u8], options: ReadOptions) -> Result<ReadTable, ImportError> {
    let decoded = decode(bytes, options.encoding);
    let text = decoded.text.as_ref();
    if text.trim().is_empty() {
        return Err(ImportError::Empty { file: file.to_owned() });
    }
    let mut problems = Vec::new();
    let objects: Vec<(u64, Map<String, Value>)> = if text.trim_start().starts_with('[') {
        let values: Vec<Value> = serde_json::from_str(text).map_err(|error| ImportError::BadJson {
            file: file.to_owned(),
            line: error.line() as u64,
            column: error.column() as u64,
        })?;
        let lines = element_lines(text);
        values
            .into_iter()
            .enumerate()
            .filter_map(|(index, value)| {
                let line = lines.get(index).copied().unwrap_or(0);
                as_object(value, file, line, &mut problems).map(|object| (line, object))
            })
            .collect()
    } else {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .filter_map(|(index, line)| {
                let line_number = index as u64 + 1;
                match serde_json::from_str::<Value>(line) {
                    Ok(value) => as_object(value, file, line_number, &mut problems).map(|o| (line_number, o)),
                    Err(error) => {
                        problems.push(ImportProblem {
                            file: file.to_owned(),
                            line: line_number,
                            column: Some(error.column()),
                            kind: ProblemKind::Malformed { detail: error.to_string() },
                        });
                        None
                    }
                }
            })
            .collect()
    };
    // Every key becomes a column: a file with thousands of different keys is not a table.
    let mut keys: Vec<String> = Vec::new();
    let mut known: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    for (_, object) in &objects {
        for key in object.keys() {
            if known.insert(key.as_str()) {
                if keys.len() as u64 >= MAX_COLUMNS {
                    let what = Oversize::Columns { used: keys.len() as u64 + 1, max: MAX_COLUMNS };
                    return Err(ImportError::TooLarge { file: file.to_owned(), what });
                }
                keys.push(key.clone());
            }
        }
    }
    let headers: Vec<String> = keys.iter().map(|k| cap_header(k)).collect();
    if objects.is_empty() || headers.is_empty() {
        return Err(ImportError::HeaderOnly { file: file.to_owned() });
    }
    let rows = objects
        .into_iter()
        .map(|(line, object)| {
            TableRow::new(line, keys.iter().map(|k| object.get(k).map(cell_text).unwrap_or_default()))
        })
        .collect();
    Ok(ReadTable {
        table: Table { file: file.to_owned(), sheet: None, headers, rows, delimiter: b',' },
        format: SourceFormat::Json,
        encoding: decoded.encoding,
        replaced: decoded.replaced,
        problems,
    })
}

fn as_object(
    value: Value,
    file: &str,
    line: u64,
    problems: &mut Vec<ImportProblem>,
) -> Option<Map<String, Value>> {
    match value {
        Value::Object(object) => Some(object),
        other => {
            let detail = format!("not an object: {}", cell_text(&other));
            problems.push(ImportProblem {
                file: file.to_owned(),
                line,
                column: None,
                kind: ProblemKind::Malformed { detail },
            });
            None
        }
    }
}

fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// The 1-based line on which each element of the top-level array starts.
fn element_lines(text: &str) -> Vec<u64> {
    let mut lines = Vec::new();
    let (mut line, mut depth, mut in_string, mut escaped, mut expecting) = (1u64, 0u32, false, false, false);
    for c in text.chars() {
        if c == '\n' {
            line += 1;
        }
        if in_string {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        if depth == 1 && expecting && !c.is_whitespace() && c != ',' && c != ']' {
            lines.push(line);
            expecting = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                if depth == 1 {
                    expecting = true;
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expecting = true,
            _ => {}
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<ReadTable, ImportError> {
        read_json("v.json", text.as_bytes(), ReadOptions::default())
    }

    #[test]
    fn reads_an_array_of_objects_with_lines() {
        let text = "[\n  {\"本文\": \"良い\", \"日付\": \"2024-04-01\"},\n  {\"本文\": \"悪い\", \"いいね\": 3, \"x\": null}\n]";
        let read = read(text).expect("table");
        assert_eq!(read.table.headers, vec!["本文", "日付", "いいね", "x"]);
        let rows: Vec<(u64, Vec<String>)> =
            read.table.rows.into_iter().map(|r| (r.line, r.to_vec())).collect();
        assert_eq!(
            rows,
            vec![
                (2, vec!["良い".into(), "2024-04-01".into(), String::new(), String::new()]),
                (3, vec!["悪い".into(), String::new(), "3".into(), String::new()]),
            ]
        );
    }

    #[test]
    fn reads_json_lines_and_reports_bad_lines() {
        let read = read("{\"text\":\"a\"}\n\nnot json\n{\"text\":\"b\"}\n[1]\n").expect("table");
        let lines: Vec<u64> = read.table.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![1, 4]);
        let problem_lines: Vec<u64> = read.problems.iter().map(|p| p.line).collect();
        assert_eq!(problem_lines, vec![3, 5]);
    }

    #[test]
    fn bad_json_says_where() {
        assert_eq!(
            read("[{\"a\": 1},\n {\"b\": }]"),
            Err(ImportError::BadJson { file: "v.json".into(), line: 2, column: 8 })
        );
        assert_eq!(read("[]"), Err(ImportError::HeaderOnly { file: "v.json".into() }));
    }
}
