//! What a codebook file's conflicts and errors say, in ja and en, with where and what to do.

use crate::project::shortcuts::RESERVED_KEYS;
use crate::text::lang::Lang;

use super::*;

impl CodebookConflict {
    /// The message to show, in the user's language: where, what is wrong, and what to do.
    pub fn message(&self, lang: Lang) -> String {
        let (file, line, tag, group) = (&self.file, self.line, &self.tag, &self.group);
        let reserved = reserved_keys(lang);
        let what = match (&self.kind, lang) {
            (ConflictKind::OtherGroup { existing, in_file }, Lang::Ja) => format!(
                "タグ「{tag}」はグループ「{existing}」にあり、ファイルではグループ「{in_file}」になっています。どちらかの名前を変えてください。"
            ),
            (ConflictKind::OtherGroup { existing, in_file }, Lang::En) => format!(
                "the tag \"{tag}\" is in the group \"{existing}\", but the file puts it in \"{in_file}\". Rename one of them."
            ),
            (ConflictKind::UnknownParent { parent }, Lang::Ja) => format!(
                "タグ「{tag}」の親タグ「{parent}」がグループ「{group}」にありません。{}には同じグループのタグ名を書くか、空にしてください。",
                Column::Parent.label(lang)
            ),
            (ConflictKind::UnknownParent { parent }, Lang::En) => format!(
                "the parent \"{parent}\" of the tag \"{tag}\" is not a tag of the group \"{group}\". In {}, write the name of a tag of the same group, or leave it empty.",
                Column::Parent.label(lang)
            ),
            (ConflictKind::NestedParent { parent }, Lang::Ja) if parent == tag => {
                format!("タグ「{tag}」を自分自身の親タグにはできません。")
            }
            (ConflictKind::NestedParent { parent }, Lang::En) if parent == tag => {
                format!("the tag \"{tag}\" cannot be its own parent.")
            }
            (ConflictKind::NestedParent { parent }, Lang::Ja) => format!(
                "タグ「{tag}」の親タグ「{parent}」にも親タグがあります。親子は1段までなので、{}を空にするか、親タグのないタグにしてください。",
                Column::Parent.label(lang)
            ),
            (ConflictKind::NestedParent { parent }, Lang::En) => format!(
                "the parent \"{parent}\" of the tag \"{tag}\" has a parent itself. Parents are one level deep: leave {} empty or name a tag without a parent.",
                Column::Parent.label(lang)
            ),
            (ConflictKind::HasChildren { child }, Lang::Ja) => format!(
                "タグ「{tag}」はタグ「{child}」の親タグなので、親タグを付けられません（親子は1段まで）。"
            ),
            (ConflictKind::HasChildren { child }, Lang::En) => format!(
                "the tag \"{tag}\" is the parent of \"{child}\", so it cannot have a parent (one level only)."
            ),
            (ConflictKind::BadColour { value }, Lang::Ja) => format!(
                "{}の「{value}」は色として読めません。#1565c0 のように # と16進数6桁で書くか、空にしてください。",
                Column::Colour.label(lang)
            ),
            (ConflictKind::BadColour { value }, Lang::En) => format!(
                "\"{value}\" in {} is not a colour. Write # and six hex digits, like #1565c0, or leave it empty.",
                Column::Colour.label(lang)
            ),
            (ConflictKind::BadShortcut { value }, Lang::Ja) => format!(
                "{}の「{value}」は使えません。1文字で、{reserved} 以外にするか、空にしてください。",
                Column::Shortcut.label(lang)
            ),
            (ConflictKind::BadShortcut { value }, Lang::En) => format!(
                "\"{value}\" in {} cannot be used. Write one character other than {reserved}, or leave it empty.",
                Column::Shortcut.label(lang)
            ),
            (ConflictKind::ShortcutTaken { shortcut, by }, Lang::Ja) => format!(
                "ショートカット「{shortcut}」はタグ「{by}」が使っています。どちらかを別のキーにしてください。"
            ),
            (ConflictKind::ShortcutTaken { shortcut, by }, Lang::En) => {
                format!(
                    "the shortcut \"{shortcut}\" is taken by the tag \"{by}\". Give one of them another key."
                )
            }
            (ConflictKind::BadChoice { value }, Lang::Ja) => format!(
                "{}の「{value}」は読めません。single（単一）か multiple（複数）と書くか、空にしてください。",
                Column::Choice.label(lang)
            ),
            (ConflictKind::BadChoice { value }, Lang::En) => format!(
                "\"{value}\" in {} cannot be read. Write single or multiple, or leave it empty.",
                Column::Choice.label(lang)
            ),
            (ConflictKind::ChoiceDiffers { first_line }, Lang::Ja) => format!(
                "グループ「{group}」の{}が{first_line}行目と違います。同じグループの行はそろえてください。",
                Column::Choice.label(lang)
            ),
            (ConflictKind::ChoiceDiffers { first_line }, Lang::En) => format!(
                "{} for the group \"{group}\" differs from line {first_line}. Make the rows of one group agree.",
                Column::Choice.label(lang)
            ),
            (ConflictKind::Duplicate { first_line }, Lang::Ja) => format!(
                "グループ「{group}」のタグ「{tag}」は{first_line}行目にもあります。1行にまとめてください。"
            ),
            (ConflictKind::Duplicate { first_line }, Lang::En) => format!(
                "the tag \"{tag}\" of the group \"{group}\" is on line {first_line} too. Keep one row."
            ),
            (ConflictKind::MissingGroup, Lang::Ja) => {
                format!("タグ「{tag}」の{}が空です。グループ名を書いてください。", Column::Group.label(lang))
            }
            (ConflictKind::MissingGroup, Lang::En) => {
                format!(
                    "{} is empty for the tag \"{tag}\". Write the group's name.",
                    Column::Group.label(lang)
                )
            }
            (ConflictKind::MissingTag, Lang::Ja) => {
                format!("{}が空です。タグ名を書くか、行を消してください。", Column::Tag.label(lang))
            }
            (ConflictKind::MissingTag, Lang::En) => {
                format!("{} is empty. Write the tag's name or delete the row.", Column::Tag.label(lang))
            }
        };
        match lang {
            Lang::Ja => format!("{file} {line}行目: {what}この行は取り込んでいません。"),
            Lang::En => format!("{file} line {line}: {what} This row was not imported."),
        }
    }
}

impl CodebookCsvError {
    /// The message to show, in the user's language, saying what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (CodebookCsvError::Empty { file }, Lang::Ja) => {
                format!("{file}: ファイルが空です。コードブックの CSV ファイルを選んでください。")
            }
            (CodebookCsvError::Empty { file }, Lang::En) => {
                format!("{file}: the file is empty. Choose a codebook CSV file.")
            }
            (CodebookCsvError::MissingColumns { file, missing }, Lang::Ja) => {
                let names: Vec<String> = missing.iter().map(|name| column_label(name, lang)).collect();
                format!(
                    "{file}: 見出し行に{}がありません。見出しは group,tag,parent,colour,shortcut,keywords（または グループ,タグ,親タグ,色,ショートカット,キーワード）にしてください。",
                    names.join("、")
                )
            }
            (CodebookCsvError::MissingColumns { file, missing }, Lang::En) => {
                let names: Vec<String> = missing.iter().map(|name| column_label(name, lang)).collect();
                format!(
                    "{file}: the header row lacks {}. The header must be group,tag,parent,colour,shortcut,keywords (or グループ,タグ,親タグ,色,ショートカット,キーワード).",
                    names.join(", ")
                )
            }
            (CodebookCsvError::NotText { file }, Lang::Ja) => format!(
                "{file}: テキストファイルではありません。Koe で書き出したコードブック、または Excel で「CSV UTF-8（コンマ区切り）」として保存したファイルを選んでください。"
            ),
            (CodebookCsvError::NotText { file }, Lang::En) => format!(
                "{file}: this is not a text file. Choose a codebook exported by Koe, or save it from Excel as \"CSV UTF-8 (Comma delimited)\"."
            ),
            (CodebookCsvError::Malformed { file, line, detail }, Lang::Ja) => {
                format!(
                    "{file}: {line}行目を読めません（{detail}）。Excel で開いて CSV として保存し直してください。"
                )
            }
            (CodebookCsvError::Malformed { file, line, detail }, Lang::En) => format!(
                "{file}: line {line} cannot be read ({detail}). Open the file in Excel and save it as CSV again."
            ),
        }
    }
}

/// A missing column's name (as [`CodebookCsvError::MissingColumns`] holds it) in a message.
pub(super) fn column_label(english: &str, lang: Lang) -> String {
    Column::ALL.iter().find(|c| c.english() == english).map_or_else(|| english.to_owned(), |c| c.label(lang))
}

/// The keys a tag cannot take, as a message lists them.
pub(super) fn reserved_keys(lang: Lang) -> String {
    let keys: Vec<String> =
        RESERVED_KEYS.iter().filter(|k| !k.is_whitespace()).map(|k| k.to_string()).collect();
    match lang {
        Lang::Ja => keys.join("・"),
        Lang::En => keys.join(", "),
    }
}
