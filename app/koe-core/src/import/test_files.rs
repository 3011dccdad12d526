//! Delimited files with every awkwardness the readers must treat alike, for the tests that
//! compare one way of reading with another.

use super::table::ReadOptions;

/// 12,345 rows with blank texts, unreadable dates, control characters, blank records, an
/// unclosed quote and rows with a field too many.
pub(crate) fn big_with_problems() -> String {
    let mut big = String::from("日付,媒体,本文,受付番号\n");
    for i in 0..12_345 {
        let text = if i % 997 == 0 {
            String::new()
        } else {
            format!("コメント{i}：パッケージ\u{7}が開けにくい")
        };
        let date = if i % 1_001 == 0 {
            "昨日".to_owned()
        } else {
            format!("2024/{}/{} 10:{:02}", 1 + i % 12, 1 + i % 28, i % 60)
        };
        big.push_str(&format!("{date},{},\"{text}\",R{i}\n", ["X", "ブログ", "電話"][i % 3]));
        if i % 2_000 == 0 {
            big.push_str(",,,\n\"unclosed,\"x\"\n2024/1/1,X,余分,R,extra\n");
        }
    }
    big
}

/// `big` as it is and with a forced delimiter, Shift_JIS with CRLF, and a file with a byte
/// order mark, `;` as delimiter and a quoted line break.
pub(crate) fn awkward(big: &str) -> Vec<(Vec<u8>, ReadOptions)> {
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("本文,日付\r\n良い,2024/4/1\r\n\r\n悪い\r\n");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice("本文;日付\n\"複数\n行\";2024-04-01\nbad \u{FFFD}?;x\n".as_bytes());
    vec![
        (big.as_bytes().to_vec(), ReadOptions::default()),
        (sjis.into_owned(), ReadOptions::default()),
        (bom, ReadOptions::default()),
        (big.as_bytes().to_vec(), ReadOptions { delimiter: Some(b';'), ..ReadOptions::default() }),
    ]
}
