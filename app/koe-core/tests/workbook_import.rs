//! Workbooks as members bring them: a title and a blank row above the header, real date
//! cells, several sheets.

use koe_core::import::{
    ImportError, Oversize, ReadOptions, SourceFormat, guess_mapping, read_any, to_comments,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

/// A workbook with a title row, a blank row, a header and three comments on sheet 2.
fn workbook() -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy/mm/dd hh:mm");
    let notes = book.add_worksheet();
    notes.set_name("説明")?;
    notes.write_string(0, 0, "このブックについて")?;
    let sheet = book.add_worksheet();
    sheet.set_name("お客様の声")?;
    sheet.write_string(0, 0, "お客様の声 2026年10月分")?;
    for (column, header) in ["受付日時", "媒体", "本文", "件数"].iter().enumerate() {
        sheet.write_string(2, column as u16, *header)?;
    }
    let rows = [
        ((2026, 10, 1, 9, 5), "電話", "プリンの容器が固い", 1.0),
        ((2026, 10, 15, 18, 30), "X", "新商品おいしい！", 2.0),
        ((2026, 11, 2, 0, 0), "メール", "配送が遅れた", 1.5),
    ];
    for (index, ((y, m, d, h, min), channel, text, count)) in rows.iter().enumerate() {
        let row = 3 + index as u32;
        let date = ExcelDateTime::from_ymd(*y, *m, *d)?.and_hms(*h, *min, 0)?;
        sheet.write_datetime_with_format(row, 0, &date, &date_format)?;
        sheet.write_string(row, 1, *channel)?;
        sheet.write_string(row, 2, *text)?;
        sheet.write_number(row, 3, *count)?;
    }
    book.save_to_buffer()
}

#[test]
fn finds_the_header_below_a_title_and_reads_date_cells() {
    let bytes = workbook().expect("workbook written");
    let read = read_any("voices.xlsx", &bytes, ReadOptions { sheet: Some(1), ..ReadOptions::default() })
        .expect("sheet read");
    assert_eq!(
        read.format,
        SourceFormat::Workbook {
            sheet: "お客様の声".into(),
            sheets: vec!["説明".into(), "お客様の声".into()]
        }
    );
    assert_eq!(read.table.headers, vec!["受付日時", "媒体", "本文", "件数"]);
    let outcome = to_comments(&read.table, &guess_mapping(&read.table));
    assert!(outcome.problems.is_empty(), "{:?}", outcome.problems);
    let got: Vec<(String, String, String, u64)> = outcome
        .comments
        .iter()
        .map(|c| {
            let date = c.date.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
            (date, c.channel.to_string(), c.text.clone(), c.source.line)
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("2026-10-01 09:05".into(), "電話".into(), "プリンの容器が固い".into(), 4),
            ("2026-10-15 18:30".into(), "X".into(), "新商品おいしい！".into(), 5),
            ("2026-11-02 00:00".into(), "メール".into(), "配送が遅れた".into(), 6),
        ]
    );
    assert!(outcome.comments.iter().all(|c| c.source.sheet.as_deref() == Some("お客様の声")));
    let counts: Vec<&str> = outcome.comments.iter().map(|c| c.attributes[0].1.as_str()).collect();
    assert_eq!(counts, vec!["1", "2", "1.5"]);
}

#[test]
fn without_a_choice_the_first_sheet_with_a_table_is_read() {
    let bytes = workbook().expect("workbook written");
    let read = read_any("voices.xlsx", &bytes, ReadOptions::default()).expect("a sheet with a table");
    assert!(matches!(&read.format, SourceFormat::Workbook { sheet, .. } if sheet == "お客様の声"));
    let chosen = ReadOptions { sheet: Some(0), ..ReadOptions::default() };
    let error = read_any("voices.xlsx", &bytes, chosen).expect_err("only a title");
    assert_eq!(error, ImportError::HeaderOnly { file: "voices.xlsx [説明]".into() });
}

#[test]
fn a_damaged_workbook_gets_a_clear_message() {
    let mut bytes = workbook().expect("workbook written");
    bytes.truncate(bytes.len() / 2);
    let error = read_any("broken.xlsx", &bytes, ReadOptions::default()).expect_err("damaged");
    assert!(matches!(error, ImportError::DamagedWorkbook { .. }), "{error:?}");
    assert!(error.message(koe_core::Lang::Ja).contains("Excel ブックを開けません"));
}

/// A sheet with the header at A1 and one more cell, far away.
fn sheet_with_far_cell(row: u32, column: u16) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "本文").expect("header");
    sheet.write_string(1, 0, "声").expect("comment");
    sheet.write_string(row, column, "遠いセル").expect("far cell");
    book.save_to_buffer().expect("workbook written")
}

#[test]
fn a_used_range_out_to_xfd1048576_is_refused_with_its_size_not_a_crash() {
    let bytes = sheet_with_far_cell(1_048_575, 16_383);
    let error = read_any("huge.xlsx", &bytes, ReadOptions::default()).expect_err("too wide");
    assert_eq!(
        error,
        ImportError::TooLarge {
            file: "huge.xlsx".into(),
            what: Oversize::Columns { used: 16_384, max: koe_core::import::MAX_COLUMNS }
        }
    );
    let message = error.message(koe_core::Lang::Ja);
    assert!(message.contains("16384列") && message.contains("huge.xlsx"), "{message}");
}

#[test]
fn a_stray_cell_a_million_rows_down_costs_one_row() {
    let bytes = sheet_with_far_cell(1_048_575, 0);
    let read = read_any("tall.xlsx", &bytes, ReadOptions::default()).expect("read");
    let lines: Vec<u64> = read.table.rows.iter().map(|r| r.line).collect();
    assert_eq!(lines, vec![2, 1_048_576]);
}

/// Sets the unpacked size that the zip's central directory declares for one part.
fn declare_size(bytes: &mut [u8], part: &str, size: u32) {
    let name = part.as_bytes();
    let at = (0..bytes.len() - 46)
        .find(|&i| {
            bytes[i..i + 4] == [0x50, 0x4b, 0x01, 0x02]
                && bytes[i + 46..].starts_with(name)
                && u16::from_le_bytes([bytes[i + 28], bytes[i + 29]]) as usize == name.len()
        })
        .expect("the part is in the central directory");
    bytes[at + 24..at + 28].copy_from_slice(&size.to_le_bytes());
}

#[test]
fn shared_strings_or_parts_that_unpack_too_far_are_refused_before_inflating() {
    let mut bytes = workbook().expect("workbook written");
    declare_size(&mut bytes, "xl/sharedStrings.xml", 0x7fff_0000);
    let error = read_any("bomb.xlsx", &bytes, ReadOptions::default()).expect_err("refused");
    assert!(matches!(error, ImportError::TooLarge { what: Oversize::SharedStrings { .. }, .. }), "{error:?}");
    assert!(
        error.message(koe_core::Lang::En).contains("table of texts is 2048 MB"),
        "{}",
        error.message(koe_core::Lang::En)
    );

    let mut bytes = workbook().expect("workbook written");
    declare_size(&mut bytes, "xl/worksheets/sheet2.xml", 0x7fff_0000);
    let error = read_any("bomb.xlsx", &bytes, ReadOptions::default()).expect_err("refused");
    assert!(matches!(error, ImportError::TooLarge { what: Oversize::Unpacked { .. }, .. }), "{error:?}");
}

#[test]
fn a_json_file_with_thousands_of_keys_is_refused() {
    let object: String = (0..1_500).map(|i| format!("\"k{i}\":1")).collect::<Vec<_>>().join(",");
    let json = format!("[{{{object}}}]");
    let error = read_any("keys.json", json.as_bytes(), ReadOptions::default()).expect_err("refused");
    assert!(matches!(error, ImportError::TooLarge { what: Oversize::Columns { .. }, .. }), "{error:?}");
}
