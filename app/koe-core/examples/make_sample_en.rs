//! Writes `data/sample_comments_en.csv`, the English built-in sample: the Japanese sample
//! translated row by row (same dates, same channels, same number of comments), so an English
//! UI's first report shows the same figures in English words.
//!
//! The file is committed; run `cargo run -p koe-core --example make_sample_en` only to change it.

use std::fmt::Write as _;
use std::path::PathBuf;

/// The sample's products, Japanese and English.
const PRODUCTS: [(&str, &str); 6] = [
    ("国産大豆の豆乳", "soy milk"),
    ("低糖質ナッツクッキー", "low-sugar nut bar"),
    ("とろけるプリン", "melty pudding"),
    ("もちもち食パン", "chewy bread"),
    ("朝のやさいジュース", "morning veggie juice"),
    ("だし香る即席みそ汁", "instant miso soup"),
];

/// A phrase that identifies each Japanese sentence, and its English version (`{p}`: product).
const SENTENCES: [(&str, &str); 28] = [
    ("コスパ最高", "The {p} is great value, a lot for the price."),
    ("これがいい", "My kids keep asking for the {p}, so we buy it again and again."),
    ("味が薄くなった", "The {p} tastes blander lately. Did you change the recipe?"),
    ("期間限定の味", "How long will the limited flavour of the {p} be sold?"),
    ("毎朝飲んでます", "I have the {p} every morning. Not too sweet, just right!"),
    ("ペットボトル", "The {p} would be easier to carry in a bottle instead of a carton."),
    ("変なにおい", "The {p} smelled strange when I opened it.\nAnd it was within its best-before date..."),
    (
        "値上げ",
        "The {p} had a price rise and the pack got smaller. Too expensive, I think I'll stop buying it.",
    ),
    ("復活してて嬉しい", "So happy the {p} is back at my local supermarket. I'll buy a whole box again."),
    ("どこで売って", "Where can I buy the {p}? The convenience stores near me don't have it."),
    ("異物", "There was a black foreign object in my {p}. I have photos. Please contact me urgently."),
    ("糖質オフ", "How low is the \"low sugar\" on the {p} label really? It isn't explained."),
    ("キャップが固く", "The cap on the {p} is too hard to open. My elderly mother can't manage it."),
    ("パッケージが変わった", "The packaging of the {p} changed. Did what's inside change too?"),
    ("くるみ", "Does the {p} contain walnuts (an allergen)?"),
    ("乳は", "Does the {p} contain milk (an allergen)?"),
    ("卵は", "Does the {p} contain egg (an allergen)?"),
    ("大豆は", "Does the {p} contain soy (an allergen)?"),
    ("小麦", "Does the {p} contain wheat (an allergen)?"),
    ("大容量サイズ", "Please make a family size of the {p}!"),
    ("減塩タイプ", "Please make a low-salt {p}. My father has to watch his salt."),
    ("賞味期限は開封後", "How long does the {p} keep after opening?"),
    ("お弁当", "Put the {p} in the lunch boxes and everyone loved it. Thank you."),
    ("業務用", "I'd like to buy the {p} in bulk for my business. Who do I contact?"),
    ("袋が破れて", "The bag of the {p} I bought was torn and half of it had spilled. Please replace it."),
    (
        "対応がとても丁寧",
        "Your customer service staff were so kind that I'll keep using the {p} with confidence.",
    ),
    ("罪悪感なし", "With the {p} I don't feel guilty on a diet. I think I can keep it up."),
    (
        "届きません",
        "The {p} I ordered online never arrived, days after the due date, and it's hard to find who to ask.",
    ),
];

/// Phrases checked after the others, so they do not catch a sentence meant for another.
const LATE: [(&str, &str); 2] = [
    ("新しくなった", "The new {p} smells better than before, I think."),
    ("電話がなかなか", "I could not get through on the phone. This is my third call about the {p}."),
];

/// Channels and authors in English.
const CHANNELS: [(&str, &str); 6] = [
    ("X", "X"),
    ("メール", "Email"),
    ("電話", "Phone"),
    ("口コミサイト", "Review site"),
    ("ブログ", "Blog"),
    ("Facebook", "Facebook"),
];

const SURNAMES: [(&str, &str); 12] = [
    ("田中", "Tanaka"),
    ("髙橋", "Takahashi"),
    ("高橋", "Takahashi"),
    ("斎藤", "Saito"),
    ("中村", "Nakamura"),
    ("伊藤", "Ito"),
    ("佐藤", "Sato"),
    ("山本", "Yamamoto"),
    ("渡辺", "Watanabe"),
    ("加藤", "Kato"),
    ("小林", "Kobayashi"),
    ("鈴木", "Suzuki"),
];

fn translate(japanese: &str) -> Option<String> {
    let (_, product) = PRODUCTS.iter().find(|(ja, _)| japanese.contains(ja))?;
    let (_, sentence) = SENTENCES.iter().chain(LATE.iter()).find(|(key, _)| japanese.contains(key))?;
    Some(sentence.replace("{p}", product))
}

fn author(japanese: &str) -> String {
    if japanese.starts_with('@') {
        return japanese.to_owned();
    }
    if let Some((_, name)) = SURNAMES.iter().find(|(ja, _)| japanese.starts_with(ja)) {
        return format!("{name}-san");
    }
    match japanese {
        "匿名希望" => "Anonymous".to_owned(),
        "主婦A" => "Homemaker A".to_owned(),
        "食いしん坊" => "Foodie".to_owned(),
        "ぱんだ日記" => "Panda Diary".to_owned(),
        "まいにちごはん" => "Daily Meals".to_owned(),
        "食べある記" => "Food Walks".to_owned(),
        "ぽんた" => "Ponta".to_owned(),
        "みーこ" => "Miko".to_owned(),
        other => other.to_owned(),
    }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

fn main() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data");
    let japanese = std::fs::read(data.join("sample_comments.csv")).expect("the Japanese sample");
    let mut reader = csv::Reader::from_reader(japanese.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&japanese));
    let mut out = String::from("\u{feff}Posted at,Channel,Author,Comment\r\n");
    for record in reader.records() {
        let record = record.expect("a row");
        let (date, channel, who, text) = (&record[0], &record[1], &record[2], &record[3]);
        let channel = CHANNELS.iter().find(|(ja, _)| *ja == channel).map_or(channel, |(_, en)| en);
        let text = translate(text).unwrap_or_else(|| panic!("no translation for {text}"));
        let _ = write!(out, "{date},{channel},{},{}\r\n", quoted(&author(who)), quoted(&text));
    }
    let path = data.join("sample_comments_en.csv");
    std::fs::write(&path, out).expect("sample written");
    println!("wrote {}", path.display());
}
