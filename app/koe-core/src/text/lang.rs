//! The UI languages.

/// A language Koe speaks. Japanese is the default because Koe's users work in Japanese.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// Every language, in the order a language switcher lists them.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The BCP 47 tag, used for the page's `lang` attribute so that kanji get Japanese glyphs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language's name in itself, as a language switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    /// What separates the items of a short list: 「、」 in Japanese, ", " in English.
    pub fn list_separator(self) -> &'static str {
        match self {
            Lang::Ja => "、",
            Lang::En => ", ",
        }
    }

    /// Reads a BCP 47 tag such as `ja-JP` or `en-US`; other languages give `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "ja" => Some(Lang::Ja),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A whole number with thousands separators, as both languages write counts: `1,234`.
pub fn grouped(number: i64) -> String {
    let digits = number.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if number < 0 {
        out.push('-');
    }
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// [`grouped`] with a sign: `+1,234`, `-5`, `+0`.
pub fn grouped_signed(number: i64) -> String {
    if number < 0 { grouped(number) } else { format!("+{}", grouped(number)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_get_thousands_separators() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1_234), "1,234");
        assert_eq!(grouped(200_000), "200,000");
        assert_eq!(grouped(-1_234_567), "-1,234,567");
        assert_eq!(grouped_signed(1_000), "+1,000");
        assert_eq!(grouped_signed(-8), "-8");
    }

    #[test]
    fn reads_browser_language_tags() {
        assert_eq!(Lang::from_code("ja-JP"), Some(Lang::Ja));
        assert_eq!(Lang::from_code("en_GB"), Some(Lang::En));
        assert_eq!(Lang::from_code("EN"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr-FR"), None);
        assert_eq!(Lang::from_code(""), None);
    }
}
