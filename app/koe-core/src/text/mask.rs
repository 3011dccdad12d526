//! Masking personal data in quotes and comment lists before they leave the app in an export.
//!
//! Customers write their e-mail, phone number, handle or postcode into comments. Exports mask them
//! by default; dates, prices and product codes must survive, so every pattern is anchored on
//! what makes it personal (an `@`, a leading 0 or +81, a 〒, a social-network profile URL).

use std::borrow::Cow;
use std::sync::OnceLock;

use regex_lite::{Captures, Regex};

use crate::text::lang::Lang;

/// Digits, half- or full-width.
const D: &str = "[0-9０-９]";
/// Hyphens people type in phone numbers (ASCII, full-width, katakana prolonged mark, dashes).
const H: &str = "[-‐－ー−–]";
/// Characters that may not stand right before a number for it to count as a phone number:
/// digits, letters and hyphens (product codes such as SKU-0012-3456-789).
const NOT_BEFORE: &str = "[^0-9０-９A-Za-zＡ-Ｚａ-ｚ\\-‐－]";

/// What a masked span was, for the placeholder left in its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Email,
    Phone,
    Handle,
    Postcode,
    Url,
}

impl Kind {
    fn placeholder(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Email, Lang::Ja) => "［メール］",
            (Kind::Phone, Lang::Ja) => "［電話番号］",
            (Kind::Handle, Lang::Ja) => "［ID］",
            (Kind::Postcode, Lang::Ja) => "［郵便番号］",
            (Kind::Url, Lang::Ja) => "［URL］",
            (Kind::Email, Lang::En) => "[email]",
            (Kind::Phone, Lang::En) => "[phone]",
            (Kind::Handle, Lang::En) => "[ID]",
            (Kind::Postcode, Lang::En) => "[postcode]",
            (Kind::Url, Lang::En) => "[URL]",
        }
    }
}

struct Patterns {
    url: Regex,
    email: Regex,
    postcode: Regex,
    international: Regex,
    domestic: Regex,
    handle: Regex,
}

fn patterns() -> &'static Patterns {
    static PATTERNS: OnceLock<Patterns> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        // Built-in patterns, compiled once; the tests below would fail on a bad one.
        let compile = |pattern: &str| Regex::new(pattern).expect("a valid built-in pattern");
        Patterns {
            url: compile(r"https?://[^\s　「」『』（）()<>、。，．]+"),
            email: compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}"),
            postcode: compile(&format!("〒[ 　]?{D}{{3}}{H}?{D}{{4}}")),
            international: compile(&format!(
                "(^|{NOT_BEFORE})([+＋][ 　]?{D}{{1,3}}(?:[ 　]?{H}?[ 　]?\\(?{D}{{1,4}}\\)?){{2,4}})"
            )),
            domestic: compile(&format!(
                "(^|{NOT_BEFORE})([0０]{D}{{1,4}}(?:{H}|[(（]){D}{{1,4}}(?:{H}|[)）]){D}{{3,4}}|[0０]{D}{{9,10}})($|[^0-9０-９])"
            )),
            handle: compile(r"(^|[^A-Za-z0-9_.@＠])[@＠]([A-Za-z0-9_]{2,15})"),
        }
    })
}

/// Social-network hosts whose URLs name a person.
const PROFILE_HOSTS: [&str; 10] = [
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "tiktok.com",
    "youtube.com",
    "ameblo.jp",
    "note.com",
    "line.me",
    "threads.net",
];

/// Whether a URL points at a person: a profile or post on a social network, or a query with a
/// user identifier.
fn url_names_a_person(url: &str) -> bool {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.trim_start_matches("www.").trim_start_matches("m.").to_lowercase();
    let social = PROFILE_HOSTS.iter().any(|h| host == *h || host.ends_with(&format!(".{h}")));
    let query = path.split_once('?').map_or("", |(_, q)| q).to_lowercase();
    let user_query = ["id=", "uid=", "user=", "userid=", "mail=", "email="]
        .iter()
        .any(|key| query.starts_with(key) || query.contains(&format!("&{key}")));
    (social && !path.trim_matches('/').is_empty()) || user_query
}

/// The text with personal data replaced by placeholders such as ［電話番号］.
pub fn mask(text: &str, lang: Lang) -> String {
    mask_with(text, lang, Skip::Impossible)
}

/// Whether a pattern is tried on a text that lacks what every match of it contains.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Skip it: a report's appendix masks 300 comments, and most hold no `@`, no 0, no 〒.
    Impossible,
    /// Try every pattern (what the property test compares the skipping with).
    #[cfg(all(test, not(target_arch = "wasm32")))]
    Nothing,
}

fn mask_with(text: &str, lang: Lang, skip: Skip) -> String {
    let p = patterns();
    // What every match of a pattern contains (each pattern above names it literally), looked for
    // in the text as the patterns before it left it.
    let may_match = |text: &str, needles: &[&str]| {
        skip != Skip::Impossible || needles.iter().any(|needle| text.contains(needle))
    };
    let mut text = text.to_owned();
    if may_match(&text, &["://"])
        && let Some(changed) = replaced(p.url.replace_all(&text, |c: &Captures| {
            if url_names_a_person(&c[0]) { Kind::Url.placeholder(lang).to_owned() } else { c[0].to_owned() }
        }))
    {
        text = changed;
    }
    if may_match(&text, &["@", "＠"])
        && let Some(changed) = replaced(p.email.replace_all(&text, Kind::Email.placeholder(lang)))
    {
        text = changed;
    }
    if may_match(&text, &["〒"])
        && let Some(changed) = replaced(p.postcode.replace_all(&text, Kind::Postcode.placeholder(lang)))
    {
        text = changed;
    }
    if may_match(&text, &["+", "＋"])
        && let Some(changed) = replaced(
            p.international
                .replace_all(&text, |c: &Captures| format!("{}{}", &c[1], Kind::Phone.placeholder(lang))),
        )
    {
        text = changed;
    }
    if may_match(&text, &["0", "０"])
        && let Some(changed) = replaced(p.domestic.replace_all(&text, |c: &Captures| {
            format!("{}{}{}", &c[1], Kind::Phone.placeholder(lang), &c[3])
        }))
    {
        text = changed;
    }
    if may_match(&text, &["@", "＠"])
        && let Some(changed) = replaced(
            p.handle
                .replace_all(&text, |c: &Captures| format!("{}{}", &c[1], Kind::Handle.placeholder(lang))),
        )
    {
        text = changed;
    }
    text
}

/// The new text when a pattern replaced something (`None`: it found nothing).
fn replaced(found: Cow<'_, str>) -> Option<String> {
    match found {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ja(text: &str) -> String {
        mask(text, Lang::Ja)
    }

    #[test]
    fn masks_the_forms_customers_write() {
        let cases = [
            ("連絡先は taro.yamada+koe@example.co.jp です", "連絡先は ［メール］ です"),
            ("電話 03-1234-5678 まで", "電話 ［電話番号］ まで"),
            ("携帯090-1234-5678にください", "携帯［電話番号］にください"),
            ("０９０－１２３４－５６７８", "［電話番号］"),
            ("09012345678", "［電話番号］"),
            ("03(1234)5678", "［電話番号］"),
            ("フリーダイヤル0120-123-456", "フリーダイヤル［電話番号］"),
            ("+81 90-1234-5678 (mobile)", "［電話番号］ (mobile)"),
            ("+81-3-1234-5678", "［電話番号］"),
            ("〒123-4567 東京都", "［郵便番号］ 東京都"),
            ("〒 1234567", "［郵便番号］"),
            ("@koe_user さんの投稿", "［ID］ さんの投稿"),
            ("RT @brand_fan: おいしい", "RT ［ID］: おいしい"),
            ("https://x.com/someone/status/123 を見て", "［URL］ を見て"),
            ("https://www.instagram.com/hanako_123/", "［URL］"),
            ("https://shop.example.com/form?id=8812&x=1", "［URL］"),
        ];
        for (text, expected) in cases {
            assert_eq!(ja(text), expected, "{text}");
        }
        assert_eq!(mask("call 090-1234-5678", Lang::En), "call [phone]");
    }

    /// Pieces of customer text: personal data of each kind, near misses, and its marks alone.
    #[cfg(not(target_arch = "wasm32"))]
    const PIECES: [&str; 16] = [
        "090-1234-5678",
        "０３（１２３４）５６７８",
        "+81 3-1234-5678",
        "＋",
        "〒123-4567",
        "〒",
        "a.b@example.co.jp",
        "＠",
        "@koe_user",
        "https://x.com/someone",
        "https://example.jp/",
        "://",
        "0",
        "SKU-0012",
        "お客様",
        " ",
    ];

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Skipping a pattern whose mark (`@`, 0, +, 〒, `://`) a text lacks changes nothing.
        #[test]
        fn skipping_impossible_patterns_masks_the_same(
            pieces in proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 0..8),
            english in proptest::bool::ANY,
        ) {
            let text = pieces.concat();
            let lang = if english { Lang::En } else { Lang::Ja };
            proptest::prop_assert_eq!(mask_with(&text, lang, Skip::Impossible), mask_with(&text, lang, Skip::Nothing));
        }
    }

    #[test]
    fn leaves_dates_prices_codes_and_plain_links_alone() {
        let untouched = [
            "2024-04-01 に購入",
            "2024/4/1 9:05",
            "令和6年4月1日",
            "価格は1,980円でした",
            "¥12,800（税込）",
            "商品コード SKU-0012-3456-789",
            "型番 AB-1234-5678",
            "賞味期限 2024.04.30",
            "注文番号 123456789012",
            "https://www.example.co.jp/products/pudding",
            "https://x.com/",
            "a@b は顔文字",
            "内容量 500ml × 24本",
            "10-20-30%オフ",
        ];
        for text in untouched {
            assert_eq!(ja(text), text);
        }
    }
}
