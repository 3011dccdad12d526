//! Writes the import corpus under `tests/data/corpus/`: invented content in the shapes members
//! really bring (a survey with several open questions in CP932, a call-centre workbook without
//! author, a social-media export with reposts, a review-site export, a sheet under a title
//! block), and `expected.csv` with the mapping and row counts each file was built to have.
//!
//! The files are committed; run `cargo run -p koe-core --example make_corpus` only to change them.

use std::fmt::Write as _;
use std::path::PathBuf;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

/// One fixture's expectations: the header of each role ("" for none), the comments imported by
/// default, and the proven duplicates left out.
struct Expected {
    file: &'static str,
    text: &'static str,
    date: &'static str,
    channel: &'static str,
    author: &'static str,
    id: &'static str,
    rows: usize,
    duplicates: usize,
}

const REASONS: [&str; 8] = [
    "情報の信頼性が確認できず、社内で報告してよいか判断がつかないため",
    "担当者が少なく、ソーシャルメディアを毎日確認する時間がとれない",
    "個人の投稿を社内資料に載せることに、個人情報の面から不安がある",
    "経営層がソーシャルメディアの声を重視しておらず、報告しても読まれない",
    "どの投稿を拾うべきか基準がなく、担当者によって判断がばらつく",
    "炎上につながる投稿を見落とすのが怖く、かえって手を付けられない",
    "電話とメールの対応で手一杯で、ネット上の声まで手が回らない",
    "社内のルールで、業務用端末からソーシャルメディアを見られない",
];

const WISHES: [&str; 5] = [
    "他社がどのように社内報告しているか、事例を知りたい",
    "集計の手間を減らせる道具があれば使ってみたい",
    "研究会で報告書のひな形を共有してほしい",
    "特になし",
    "リスクの判断基準を業界で揃えたい",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/corpus")
}

/// The survey of the issue: ID, answer date, trade, a category whose header says お客様の声,
/// and two open questions; 106 respondents, some of whom wrote the same short wish.
fn survey() -> Expected {
    let trades = ["食品", "化学", "金融", "小売", "製造", "サービス"];
    let collect = ["している", "する予定がある", "していない", "していない", "していない", "していない"];
    let mut csv = String::from(
        "回答ID,回答日,業種,お客様の声の収集,ためらう理由（自由記述）,今後の要望（自由記述）\r\n",
    );
    for i in 0..106 {
        let reason = format!("{}（回答{}）", REASONS[i % REASONS.len()], i + 1);
        // Many write 特になし: the same short answer is not a duplicate respondent.
        let wish = match WISHES[i % WISHES.len()] {
            "特になし" => "特になし".to_owned(),
            wish => format!("{wish}（{}）", i + 1),
        };
        let _ = write!(
            csv,
            "{},2011/8/{},{},{},\"{}\",{}\r\n",
            2011_0001 + i,
            1 + i % 28,
            trades[i % trades.len()],
            collect[i % collect.len()],
            reason,
            wish,
        );
    }
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&csv);
    std::fs::write(root().join("survey_cp932.csv"), bytes).expect("written");
    Expected {
        file: "survey_cp932.csv",
        text: "ためらう理由（自由記述）",
        date: "回答日",
        channel: "",
        author: "",
        id: "回答ID",
        rows: 106,
        duplicates: 0,
    }
}

/// A call-centre log: 受付日 as date cells without time, チャネル, お客様の声, no author; four
/// pairs of customers who wrote the same short sentence on the same day.
fn call_centre() -> Expected {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy/mm/dd");
    let sheet = book.add_worksheet();
    sheet.set_name("受付記録").expect("name");
    for (column, header) in ["受付日", "チャネル", "お客様の声", "対応者"].iter().enumerate() {
        sheet.write_string(0, column as u16, *header).expect("header");
    }
    let channels = ["電話", "メール", "問い合わせフォーム", "電話"];
    let staff = ["佐藤", "鈴木", "高橋"];
    for i in 0..120u32 {
        let row = i + 1;
        let day = 1 + (i % 30) as u8;
        // Rows 10/11, 40/41, 70/71, 100/101: the same sentence, the same day, no author.
        let pair = matches!(i, 10 | 11 | 40 | 41 | 70 | 71 | 100 | 101);
        let text = if pair {
            "美味しかったです".to_owned()
        } else {
            format!(
                "{}についての問い合わせ（受付{}件目）。詳しい説明がほしいとのこと。",
                ["容器", "賞味期限", "原材料", "価格"][(i % 4) as usize],
                i + 1
            )
        };
        let day = if pair { 1 + (i / 30 * 7) as u8 } else { day };
        let date = ExcelDateTime::from_ymd(2026, 10, day).expect("date");
        sheet.write_datetime_with_format(row, 0, &date, &date_format).expect("date");
        sheet.write_string(row, 1, channels[(i % 4) as usize]).expect("channel");
        sheet.write_string(row, 2, &text).expect("text");
        sheet.write_string(row, 3, staff[(i % 3) as usize]).expect("staff");
    }
    book.save(root().join("call_centre.xlsx")).expect("saved");
    Expected {
        file: "call_centre.xlsx",
        text: "お客様の声",
        date: "受付日",
        channel: "チャネル",
        author: "",
        id: "",
        rows: 120,
        duplicates: 0,
    }
}

/// A social-media export: retweets and quotes of posts in the same file (kept: each is a
/// voice), and one post exported twice (same author, minute and text: left out).
fn social() -> Expected {
    let mut csv = String::from("\u{FEFF}投稿日時,媒体,投稿者,本文,URL\r\n");
    let posts = [
        "新しいプリン、カラメルが苦めで大人の味。リピート確定",
        "豆乳のパックが開けにくい。高齢の親が困っていた",
        "期間限定のほうじ茶ラテ、甘さ控えめでちょうどいい",
        "ナッツクッキーの袋、チャックが付いていて助かる",
    ];
    let mut rows = 0;
    for i in 0..40 {
        let author = format!("@user{:02}", i % 17);
        let text = match i % 10 {
            3 => format!("RT @user00: {}", posts[0]),
            7 => format!("わかる「{}」", posts[1]),
            _ => format!("{}（{}）", posts[i % 4], i),
        };
        let _ = write!(
            csv,
            "2026/10/{} {:02}:{:02},X,{},\"{}\",https://x.example/{}/status/{}\r\n",
            1 + i % 28,
            8 + i % 12,
            i % 60,
            author,
            text,
            author.trim_start_matches('@'),
            1000 + i
        );
        rows += 1;
    }
    // The first posts written at exactly the source texts, so the retweets quote them.
    let _ = write!(csv, "2026/10/01 07:00,X,@user00,\"{}\",https://x.example/user00/status/1\r\n", posts[0]);
    let _ = write!(csv, "2026/10/01 07:30,X,@user01,\"{}\",https://x.example/user01/status/2\r\n", posts[1]);
    // The same post exported twice (the export tool repeats it): same author, minute, text.
    let _ = write!(csv, "2026/10/01 07:30,X,@user01,\"{}\",https://x.example/user01/status/2\r\n", posts[1]);
    rows += 2;
    std::fs::write(root().join("social_reposts.csv"), csv).expect("written");
    Expected {
        file: "social_reposts.csv",
        text: "本文",
        date: "投稿日時",
        channel: "媒体",
        author: "投稿者",
        id: "",
        rows,
        duplicates: 1,
    }
}

/// A review site's export: ID, date, stars, a title (a weak text hint) and the review body.
fn reviews() -> Expected {
    let mut csv = String::from("レビューID,投稿日,評価,タイトル,レビュー本文,商品名\n");
    let titles = ["満足", "イマイチ", "リピートします", "普通"];
    let bodies = [
        "味は良いのですが、量が少し減ったように感じます。値段が据え置きなら嬉しいです",
        "賞味期限が短めなので、まとめ買いしにくいのが残念です。冷凍できると助かります",
        "子どもが喜んで食べています。アレルギー表示が見やすいのも安心です",
        "パッケージがリニューアルされて、どれが新しい味なのか店頭で分かりにくかった",
    ];
    for i in 0..60 {
        let _ = writeln!(
            csv,
            "RV-{:05},2026-09-{:02},{},{},{}（{}件目）,{}",
            300 + i,
            1 + i % 30,
            1 + i % 5,
            titles[i % 4],
            bodies[i % 4],
            i + 1,
            ["濃厚プリン", "無調整豆乳", "ナッツクッキー"][i % 3]
        );
    }
    std::fs::write(root().join("review_site.csv"), csv).expect("written");
    Expected {
        file: "review_site.csv",
        text: "レビュー本文",
        date: "投稿日",
        channel: "",
        author: "",
        id: "レビューID",
        rows: 60,
        duplicates: 0,
    }
}

/// An Excel sheet as people make it: a title block and a blank row over the header.
fn title_block() -> Expected {
    let mut book = Workbook::new();
    let date_format = Format::new().set_num_format("yyyy/mm/dd hh:mm");
    let sheet = book.add_worksheet();
    sheet.set_name("10月").expect("name");
    sheet.write_string(0, 0, "2026年10月 お客様の声 集計表").expect("title");
    sheet.write_string(1, 0, "作成：お客様相談室").expect("title");
    for (column, header) in ["No", "日時", "媒体", "内容", "担当"].iter().enumerate() {
        sheet.write_string(3, column as u16, *header).expect("header");
    }
    for i in 0..45u32 {
        let row = 4 + i;
        let date = ExcelDateTime::from_ymd(2026, 10, 1 + (i % 31) as u8)
            .and_then(|d| d.and_hms(9 + (i % 9) as u16, (i * 7 % 60) as u8, 0))
            .expect("date");
        sheet.write_number(row, 0, f64::from(i + 1)).expect("no");
        sheet.write_datetime_with_format(row, 1, &date, &date_format).expect("date");
        sheet.write_string(row, 2, ["電話", "メール", "X"][(i % 3) as usize]).expect("channel");
        sheet.write_string(row, 3, format!("{}（{}件目）", REASONS[(i % 8) as usize], i + 1)).expect("text");
        sheet.write_string(row, 4, ["佐藤", "鈴木"][(i % 2) as usize]).expect("staff");
    }
    book.save(root().join("title_block.xlsx")).expect("saved");
    Expected {
        file: "title_block.xlsx",
        text: "内容",
        date: "日時",
        channel: "媒体",
        author: "",
        id: "No",
        rows: 45,
        duplicates: 0,
    }
}

fn main() {
    std::fs::create_dir_all(root()).expect("corpus folder");
    let all = [survey(), call_centre(), social(), reviews(), title_block()];
    let mut expected = String::from("file,text,date,channel,author,id,rows,duplicates\n");
    for e in all {
        let _ = writeln!(
            expected,
            "{},{},{},{},{},{},{},{}",
            e.file, e.text, e.date, e.channel, e.author, e.id, e.rows, e.duplicates
        );
    }
    std::fs::write(root().join("expected.csv"), expected).expect("written");
}
