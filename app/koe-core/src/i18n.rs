//! The typed catalogue of every text the UI, charts and exports show.
//!
//! One struct, one constant per language: a missing text in either language is a compile
//! error, so the catalogue can never be incomplete. Components read texts from here and
//! hold no literals of their own.

use crate::import::Stage;
use crate::lang::Lang;

/// Every user-facing text, in one language.
#[derive(Debug)]
pub struct Texts {
    /// The product name in the header.
    pub app_title: &'static str,
    /// One line under the product name.
    pub tagline: &'static str,
    /// Navigation: the comments view.
    pub nav_comments: &'static str,
    /// Navigation: the report view.
    pub nav_report: &'static str,
    /// Label of the language switcher.
    pub language: &'static str,
    /// Heading of the import panel.
    pub import_heading: &'static str,
    /// What files the import accepts, and that dropping works.
    pub import_hint: &'static str,
    /// The button that loads the built-in sample data set.
    pub try_sample: &'static str,
    /// Shown while a file is being read.
    pub reading_file: &'static str,
    /// The progress bar's label: which step, which file, how far (in percent).
    pub import_progress: fn(Stage, &str, u32) -> String,
    /// Above a long comment list: only the first rows are shown.
    pub showing_first: fn(usize, usize) -> String,
    /// The button that stops an import under way.
    pub import_abort: &'static str,
    /// After the user stopped an import: nothing was added.
    pub import_aborted: fn(&str) -> String,
    /// Heading of the preview of a file about to be added.
    pub preview_heading: &'static str,
    /// Label: which column holds the comment text.
    pub column_text: &'static str,
    /// Label: which column holds the date.
    pub column_date: &'static str,
    /// Label: which column holds the channel.
    pub column_channel: &'static str,
    /// Label: which column holds the author.
    pub column_author: &'static str,
    /// Label: which column holds the URL.
    pub column_url: &'static str,
    /// Label: which column holds the source's identifier.
    pub column_id: &'static str,
    /// Label of the encoding override.
    pub encoding_label: &'static str,
    /// Label of the choice of what plain numbers in the date column mean.
    pub date_numbers_label: &'static str,
    /// Names of the date number kinds: Excel (1900), Excel (1904), Unix seconds, Unix milliseconds.
    pub date_numbers_names: [&'static str; 4],
    /// Label of the local time zone choice.
    pub time_zone_label: &'static str,
    /// Label of the sheet choice of a workbook.
    pub sheet_label: &'static str,
    /// Label of the delimiter override.
    pub delimiter_label: &'static str,
    /// Names of the delimiters, in the order of `import::DELIMITERS`.
    pub delimiter_names: [&'static str; 4],
    /// Label of the choice to leave out duplicates and reposts.
    pub skip_duplicates: &'static str,
    /// Warning: decoding replaced bytes (count, line, column) — probably the wrong encoding.
    pub mojibake_warning: fn(usize, u64, u64) -> String,
    /// Duplicates found in the previewed file: exact, reposts.
    pub duplicates_found: fn(usize, usize) -> String,
    /// After an import: duplicates left out.
    pub duplicates_skipped: fn(usize) -> String,
    /// After an import: control characters removed from texts.
    pub controls_removed: fn(usize) -> String,
    /// The choice "no such column".
    pub column_none: &'static str,
    /// Adds the previewed file to the project.
    pub import_confirm: &'static str,
    /// Adds the previewed file and every file waiting behind it.
    pub import_confirm_all: &'static str,
    /// How many chosen files wait behind the one in preview.
    pub files_waiting: fn(usize) -> String,
    /// Drops the previewed file.
    pub import_cancel: &'static str,
    /// Label before the number of comments in the project.
    pub comment_count_label: &'static str,
    /// Heading of the comment list.
    pub comments_heading: &'static str,
    /// Column heading: date.
    pub col_date: &'static str,
    /// Column heading: channel.
    pub col_channel: &'static str,
    /// Column heading: comment text.
    pub col_text: &'static str,
    /// Column heading: tags.
    pub col_tags: &'static str,
    /// The placeholder of the "add a tag" menu.
    pub add_tag: &'static str,
    /// Accessible label of a tag chip's remove button.
    pub remove_tag: &'static str,
    /// Undo button.
    pub undo: &'static str,
    /// Redo button.
    pub redo: &'static str,
    /// Shown when the project has no comments yet.
    pub empty_comments: &'static str,
    /// Heading of the report view.
    pub report_heading: &'static str,
    /// Shown instead of charts when there is nothing to report.
    pub empty_report: &'static str,
    /// Chart title: comments per month by channel.
    pub chart_monthly_by_channel: &'static str,
    /// Chart title: comments per tag.
    pub chart_tag_counts: &'static str,
    /// Table heading: month.
    pub table_month: &'static str,
    /// Table heading: total.
    pub table_total: &'static str,
    /// Table heading: tag.
    pub table_tag: &'static str,
    /// Table heading: number of comments.
    pub table_comments: &'static str,
    /// The label of comments whose channel is unknown.
    pub unknown_channel: &'static str,
    /// Heading of the list of problems found while importing.
    pub problems_heading: &'static str,
    /// Summary after an import: comments added and problems found.
    pub imported_summary: fn(usize, usize) -> String,
    /// Note under a chart: how many comments have no date and are not in it.
    pub undated_note: fn(u64) -> String,
    /// The browser could not read a chosen file (removed, no permission).
    pub file_unreadable: fn(&str) -> String,
    /// Caption of the preview table: how many of how many rows are shown.
    pub preview_caption: fn(usize, usize) -> String,
}

/// 日本語
pub const JA: Texts = Texts {
    app_title: "声 Koe",
    tagline: "お客様の声をレポートに。データはこのブラウザから外に出ません。",
    nav_comments: "コメント",
    nav_report: "レポート",
    language: "言語",
    import_heading: "ファイルを取り込む",
    import_hint: "CSV（UTF-8・Shift_JIS）、Unicode テキスト、Excel ブック（.xlsx）、JSON を選ぶか、ここにドラッグ＆ドロップしてください。",
    try_sample: "サンプルデータで試す",
    reading_file: "読み込み中…",
    import_progress: |step, file, percent| match step {
        Stage::Reading => format!("{file} を読み込み中… {percent}%"),
        Stage::Converting => format!("{file} の行をコメントに変換中… {percent}%"),
    },
    import_abort: "中止",
    showing_first: |shown, total| format!("全{total}件のうち最初の{shown}件を表示しています。"),
    import_aborted: |file| format!("{file} の取り込みを中止しました。プロジェクトは変わっていません。"),
    preview_heading: "取り込みプレビュー",
    column_text: "本文の列",
    column_date: "日付の列",
    column_channel: "チャネルの列",
    column_author: "投稿者の列",
    column_url: "URL の列",
    column_id: "ID の列",
    encoding_label: "文字コード",
    delimiter_label: "区切り文字",
    sheet_label: "シート",
    date_numbers_label: "数値の日付",
    date_numbers_names: [
        "Excel シリアル値",
        "Excel シリアル値（1904年基準）",
        "Unix 時刻（秒）",
        "Unix 時刻（ミリ秒）",
    ],
    time_zone_label: "時間帯（時差のない日時）",
    delimiter_names: ["カンマ (,)", "タブ", "セミコロン (;)", "縦棒 (|)"],
    skip_duplicates: "重複・転載は取り込まない",
    mojibake_warning: |count, line, column| {
        format!(
            "文字化けの可能性：{count}か所で読めない文字があります（最初は{line}行目 {column}文字目）。文字コードを変えて確かめてください。"
        )
    },
    duplicates_found: |exact, reposts| {
        format!("重複{exact}件・転載（RT・引用）{reposts}件が見つかりました。")
    },
    duplicates_skipped: |n| format!("重複・転載{n}件は取り込みませんでした。"),
    controls_removed: |n| format!("制御文字{n}個を本文から取り除きました。"),
    column_none: "（なし）",
    import_confirm: "取り込む",
    import_confirm_all: "残りもすべて取り込む",
    files_waiting: |n| format!("ほかに{n}ファイルが待っています。"),
    import_cancel: "キャンセル",
    comment_count_label: "コメント数",
    comments_heading: "コメント一覧",
    col_date: "日付",
    col_channel: "チャネル",
    col_text: "本文",
    col_tags: "タグ",
    add_tag: "＋タグ",
    remove_tag: "タグを外す",
    undo: "元に戻す",
    redo: "やり直す",
    empty_comments: "まだコメントがありません。ファイルを取り込むか、サンプルデータで試してください。",
    report_heading: "レポート",
    empty_report: "レポートにするコメントがありません。まずコメントを取り込んでください。",
    chart_monthly_by_channel: "月別・チャネル別のコメント数",
    chart_tag_counts: "タグ別のコメント数",
    table_month: "月",
    table_total: "合計",
    table_tag: "タグ",
    table_comments: "件数",
    unknown_channel: "（不明）",
    problems_heading: "取り込み時に見つかった問題",
    imported_summary: |added, problems| {
        if problems == 0 {
            format!("{added}件のコメントを取り込みました。")
        } else {
            format!("{added}件のコメントを取り込みました。問題が{problems}件あります（下記）。")
        }
    },
    undated_note: |undated| format!("日付のないコメント{undated}件はこのグラフに含まれていません。"),
    file_unreadable: |file| {
        format!(
            "{file}: ファイルを読めませんでした。ファイルが移動・削除されていないか確認して、もう一度選んでください。"
        )
    },
    preview_caption: |shown, total| format!("全{total}行のうち先頭{shown}行"),
};

/// English
pub const EN: Texts = Texts {
    app_title: "Koe 声",
    tagline: "Customer voices into reports. Your data never leaves this browser.",
    nav_comments: "Comments",
    nav_report: "Report",
    language: "Language",
    import_heading: "Import a file",
    import_hint: "Choose a CSV (UTF-8 or Shift_JIS), Unicode text, Excel workbook (.xlsx) or JSON file, or drag and drop it here.",
    try_sample: "Try the sample data",
    reading_file: "Reading…",
    import_progress: |step, file, percent| match step {
        Stage::Reading => format!("Reading {file}… {percent}%"),
        Stage::Converting => format!("Turning the rows of {file} into comments… {percent}%"),
    },
    import_abort: "Stop",
    showing_first: |shown, total| format!("Showing the first {shown} of {total} comments."),
    import_aborted: |file| format!("Import of {file} stopped. The project is unchanged."),
    preview_heading: "Import preview",
    column_text: "Text column",
    column_date: "Date column",
    column_channel: "Channel column",
    column_author: "Author column",
    column_url: "URL column",
    column_id: "ID column",
    encoding_label: "Encoding",
    delimiter_label: "Delimiter",
    sheet_label: "Sheet",
    date_numbers_label: "Numeric dates",
    date_numbers_names: [
        "Excel serial",
        "Excel serial (1904 system)",
        "Unix time (seconds)",
        "Unix time (milliseconds)",
    ],
    time_zone_label: "Time zone (for dates without offset)",
    delimiter_names: ["Comma (,)", "Tab", "Semicolon (;)", "Vertical bar (|)"],
    skip_duplicates: "Leave out duplicates and reposts",
    mojibake_warning: |count, line, column| {
        format!(
            "Possible garbled text: {count} character(s) could not be decoded (first at line {line}, column {column}). Try another encoding."
        )
    },
    duplicates_found: |exact, reposts| {
        format!("Found {exact} duplicate(s) and {reposts} repost(s) (RT or quote).")
    },
    duplicates_skipped: |n| format!("{n} duplicate(s) and repost(s) were left out."),
    controls_removed: |n| format!("Removed {n} control character(s) from texts."),
    column_none: "(none)",
    import_confirm: "Import",
    import_confirm_all: "Import all the rest too",
    files_waiting: |n| format!("{n} more file(s) waiting."),
    import_cancel: "Cancel",
    comment_count_label: "Comments",
    comments_heading: "Comments",
    col_date: "Date",
    col_channel: "Channel",
    col_text: "Text",
    col_tags: "Tags",
    add_tag: "+ Tag",
    remove_tag: "Remove tag",
    undo: "Undo",
    redo: "Redo",
    empty_comments: "No comments yet. Import a file or try the sample data.",
    report_heading: "Report",
    empty_report: "There are no comments to report on. Import some comments first.",
    chart_monthly_by_channel: "Comments per month by channel",
    chart_tag_counts: "Comments per tag",
    table_month: "Month",
    table_total: "Total",
    table_tag: "Tag",
    table_comments: "Comments",
    unknown_channel: "(unknown)",
    problems_heading: "Problems found while importing",
    imported_summary: |added, problems| {
        let noun = if added == 1 { "comment" } else { "comments" };
        if problems == 0 {
            format!("Imported {added} {noun}.")
        } else {
            format!("Imported {added} {noun}. {problems} problem(s) found (below).")
        }
    },
    undated_note: |undated| format!("{undated} comment(s) without a date are not in this chart."),
    file_unreadable: |file| {
        format!(
            "{file}: the file could not be read. Check that it was not moved or deleted, and choose it again."
        )
    },
    preview_caption: |shown, total| format!("First {shown} of {total} rows"),
};

/// The catalogue for a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_differ_and_format_numbers() {
        assert_ne!(JA.nav_report, EN.nav_report);
        assert_eq!((JA.imported_summary)(3, 0), "3件のコメントを取り込みました。");
        assert_eq!((EN.imported_summary)(1, 2), "Imported 1 comment. 2 problem(s) found (below).");
    }
}
