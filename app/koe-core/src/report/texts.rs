//! The report's part of the text catalogue (reached as `texts(lang).report`): section titles,
//! table headings, notes, and the labels of the report builder.

use crate::project::layout::SectionKind;
use crate::project::response::ResponseStatus;
use crate::report::kwic::KwicOrder;
use crate::text::lang::grouped;

/// Every text of the report and its builder, in one language.
#[derive(Debug)]
pub struct ReportTexts {
    /// Default title of a section; the second argument is its tag group's name.
    pub section_title: fn(SectionKind, &str) -> String,
    /// Names of the section kinds in the order of [`SectionKind::MENU`].
    pub kind_names: [&'static str; 10],
    /// Column heading: share of comments.
    pub share: &'static str,
    /// Note under a share table: the denominator is comments, and for a multi-choice group
    /// the shares may add up to more than 100%.
    pub share_note: fn(u64, bool) -> String,
    /// Note under a trend of shares: each share is of that day's (week's, month's) comments.
    pub bucket_share_note: &'static str,
    /// Series of the previous period.
    pub previous: &'static str,
    /// Series of this period.
    pub current: &'static str,
    /// Note of the risers section when nothing grew.
    pub no_risers: &'static str,
    /// Category heading of the terms chart.
    pub term: &'static str,
    /// Category heading: channel.
    pub channel: &'static str,
    /// Category heading of a trend: day, week, month.
    pub bucket_names: [&'static str; 3],
    /// Note of the terms section: how words are found.
    pub terms_note: &'static str,
    /// The quotes section without quotes in the period.
    pub no_quotes: &'static str,
    /// The button that brings the report's editing controls forward, and the same when on.
    pub edit: &'static str,
    /// See [`ReportTexts::edit`].
    pub done_editing: &'static str,
    /// The commentary box when empty: what it is for.
    pub commentary_placeholder: &'static str,
    /// A chart section of a period without comments, in one line.
    pub section_empty: &'static str,
    /// Heading of the appendix that holds the long data tables.
    pub tables_appendix: &'static str,
    /// Where a long table went, under its chart (`付録 1`).
    pub table_in_appendix: fn(usize) -> String,
    /// Pinned quotes left out because they fall outside the period.
    pub quotes_outside: fn(usize) -> String,
    /// The appendix shows the first rows only.
    pub appendix_cut: fn(usize, usize) -> String,
    /// Headings of the appendix table: date, channel, text, tags.
    pub appendix_columns: [&'static str; 4],
    /// A section whose tag group was deleted.
    pub missing_group: &'static str,
    /// Tag × channel with a multi-choice group: bars count tags, not comments.
    pub tags_not_comments: &'static str,
    /// Button: add a section.
    pub add_section: &'static str,
    /// Label of the section kind menu.
    pub section_kind: &'static str,
    /// Label of the group menu of a new section.
    pub section_group: &'static str,
    /// Button: move a section up.
    pub move_up: &'static str,
    /// Button: move a section down.
    pub move_down: &'static str,
    /// Button: remove a section.
    pub remove_section: &'static str,
    /// Label of a section's title field.
    pub title_label: &'static str,
    /// Label of a section's commentary field.
    pub commentary_label: &'static str,
    /// Heading of the template controls.
    pub templates_heading: &'static str,
    /// Button: apply the chosen template.
    pub apply_template: &'static str,
    /// Label of the new template's name.
    pub template_name: &'static str,
    /// Button: save the layout as a template.
    pub save_template: &'static str,
    /// Label of the synonym list.
    pub synonyms_label: &'static str,
    /// Label of the stop word list.
    pub stop_words_label: &'static str,
    /// Button in the comment detail: pin as a quote.
    pub pin_quote: &'static str,
    /// Button in the comment detail: unpin.
    pub unpin_quote: &'static str,
    /// Button: export the report as xlsx.
    pub export_xlsx: &'static str,
    /// Button: a chart as SVG.
    pub export_svg: &'static str,
    /// Button: a chart as PNG.
    pub export_png: &'static str,
    /// Name of the comments sheet of the xlsx export.
    pub comments_sheet: &'static str,
    /// Message when the xlsx could not be written.
    pub xlsx_failed: &'static str,
    /// Under a table whose rows are tested: the mark and the method, in words.
    pub significance_note: &'static str,
    /// Above the frequent terms' word buttons: what pressing one does.
    pub terms_hint: &'static str,
    /// Heading of the concordance of a word, with the number of comments.
    pub kwic_heading: fn(&str, usize) -> String,
    /// Label of the concordance's order menu.
    pub kwic_order_label: &'static str,
    /// A concordance order's name.
    pub kwic_order: fn(KwicOrder) -> &'static str,
    /// Column headings of the concordance.
    pub kwic_left: &'static str,
    /// See [`ReportTexts::kwic_left`].
    pub kwic_word: &'static str,
    /// See [`ReportTexts::kwic_left`].
    pub kwic_right: &'static str,
    /// The button that closes the concordance.
    pub kwic_close: &'static str,
    /// What pressing a concordance row does.
    pub kwic_row_hint: &'static str,
    /// A response status's name.
    pub response_status: fn(ResponseStatus) -> &'static str,
    /// The report's response line: needing an answer, answered, rate %, median days.
    pub report_response: fn(usize, usize, Option<u32>, Option<f64>) -> String,
    /// KPI table columns: this period, compared period, difference, change.
    pub kpi_columns: [&'static str; 4],
    /// KPI row: comments against the previous period.
    pub kpi_comments: &'static str,
    /// KPI row: comments against a year earlier.
    pub kpi_year_ago: &'static str,
    /// Before a channel name in the KPI table.
    pub kpi_channel_prefix: &'static str,
    /// KPI row: share of negative comments.
    pub kpi_negative: &'static str,
    /// KPI: comments still waiting for a response.
    pub kpi_waiting: fn(usize) -> String,
    /// Printed at the top of the report.
    pub confidential: &'static str,
    /// Heading of the report view.
    pub report_heading: &'static str,
    /// Table heading: total.
    pub table_total: &'static str,
    /// Table heading: tag.
    pub table_tag: &'static str,
    /// Table heading: number of comments.
    pub table_comments: &'static str,
    /// The label of comments whose channel is unknown.
    pub unknown_channel: &'static str,
    /// Note under a chart: how many comments have no date and are not in it.
    pub undated_note: fn(u64) -> String,
}

/// Japanese.
pub const JA: ReportTexts = ReportTexts {
    section_title: |kind, group| match kind {
        SectionKind::Kpi => "主な指標".to_owned(),
        SectionKind::Volume => "チャネル別の件数の推移".to_owned(),
        SectionKind::Distribution(_) => format!("{group}の内訳"),
        SectionKind::GroupTrend(_) => format!("{group}の割合の推移"),
        SectionKind::TagByChannel(_) => format!("チャネル別の{group}"),
        SectionKind::Risers(_) => format!("前期間から増えた{group}"),
        SectionKind::Terms => "よく出る言葉".to_owned(),
        SectionKind::Quotes => "代表的なお客様の声".to_owned(),
        SectionKind::Commentary => "所感・今後の対応".to_owned(),
        SectionKind::Appendix => "付録：期間のコメント一覧".to_owned(),
    },
    kind_names: [
        "主な指標",
        "件数の推移",
        "タグの内訳",
        "タグの割合の推移",
        "タグ × チャネル",
        "増えたタグ",
        "よく出る言葉",
        "代表的な声",
        "所感",
        "付録（コメント一覧）",
    ],
    share: "割合",
    share_note: |total, multiple| {
        let total = grouped(total as i64);
        if multiple {
            format!(
                "割合は期間のコメント {total} 件に対する割合です（複数選択のため、合計は100%を超えることがあります）。"
            )
        } else {
            format!("割合は期間のコメント {total} 件に対する割合です。")
        }
    },
    bucket_share_note: "割合は、日（週・月）ごとのコメント数に対する割合です。",
    previous: "前期間",
    current: "当期間",
    no_risers: "前期間より増えたタグはありません。",
    term: "言葉",
    channel: "チャネル",
    bucket_names: ["日", "週", "月"],
    terms_note: "言葉ごとに、その言葉を含むコメントの件数です。漢字・カタカナ・英数字のまとまりを数え、ひらがなだけの語は数えません。",
    edit: "編集",
    done_editing: "編集を終える",
    commentary_placeholder: "所見を書く（印刷とエクスポートに載ります）",
    section_empty: "この期間のコメントはありません。",
    tables_appendix: "付録：データ表",
    table_in_appendix: |n| format!("データ表は付録 {n} にあります。"),
    no_quotes: "この期間の引用はまだありません。コメント一覧でコメントを開き「レポートに引用」を押すと、ここに載ります。",
    quotes_outside: |n| format!("引用に選んだコメントのうち {n} 件は期間外のため載せていません。"),
    appendix_cut: |shown, total| {
        let (shown, total) = (grouped(shown as i64), grouped(total as i64));
        format!(
            "全 {total} 件のうち先頭 {shown} 件です。すべてのコメントは CSV・Excel の書き出しに入っています。"
        )
    },
    appendix_columns: ["日付", "チャネル", "本文", "タグ"],
    missing_group: "このセクションのタググループは削除されています。セクションを削除するか、別のグループで追加し直してください。",
    tags_not_comments: "複数選択のグループのため、棒の高さはコメント数ではなくタグの数です。",
    add_section: "セクションを追加",
    section_kind: "種類",
    section_group: "タググループ",
    move_up: "上へ",
    move_down: "下へ",
    remove_section: "削除",
    title_label: "見出し",
    commentary_label: "コメント（所感）",
    templates_heading: "テンプレート",
    apply_template: "適用",
    template_name: "テンプレート名",
    save_template: "テンプレートとして保存",
    synonyms_label: "同じ言葉として数える表記（1行に1語：Wi-Fi = WIFI = ワイファイ）",
    stop_words_label: "数えない言葉（1行に1語）",
    pin_quote: "レポートに引用",
    unpin_quote: "引用を外す",
    export_xlsx: "Excel（xlsx）",
    export_svg: "SVG",
    export_png: "PNG",
    comments_sheet: "コメント",
    xlsx_failed: "Excel ファイルを作れませんでした。CSV で書き出してください。",
    kpi_columns: ["当期", "比較期間", "差", "増減率"],
    kpi_comments: "コメント数（前期比）",
    kpi_year_ago: "コメント数（前年同期比）",
    kpi_channel_prefix: "チャネル：",
    kpi_negative: "ネガティブの割合（前期比）",
    kpi_waiting: |n| format!("未対応・対応中：{n} 件。"),
    confidential: "社外秘",
    report_response: |needed, answered, rate, days| {
        let rate = rate.map_or("—".to_owned(), |r| format!("{r}%"));
        let days = days.map_or("—".to_owned(), |d| format!("{d:.1}日"));
        format!(
            "対応が必要なコメント {needed} 件のうち {answered} 件に対応済（対応率 {rate}、対応までの日数の中央値 {days}）。"
        )
    },
    significance_note: "★ は、前期間からの変化が偶然では説明しにくい（統計的に有意、5%水準）ことを示します。検定は2つの割合の差の検定（z 検定）、件数が少ないとき（期待度数が5未満）はフィッシャーの正確検定です。",
    terms_hint: "言葉を押すと、その言葉を含むこの期間のコメントを前後の文脈とともに一覧します。",
    kwic_heading: |word, n| format!("「{word}」を含むコメント（{} 件）", grouped(n as i64)),
    kwic_order_label: "並べ方",
    kwic_order: |order| match order {
        KwicOrder::Date => "日付順",
        KwicOrder::Left => "左の文脈で",
        KwicOrder::Right => "右の文脈で",
    },
    kwic_left: "前",
    kwic_word: "言葉",
    kwic_right: "後",
    kwic_close: "閉じる",
    kwic_row_hint: "行を押すと、コメント一覧でそのコメントを開きます。",
    response_status: |status| match status {
        ResponseStatus::Open => "未対応",
        ResponseStatus::InProgress => "対応中",
        ResponseStatus::Done => "対応済",
        ResponseStatus::NotNeeded => "対応不要",
    },
    report_heading: "レポート",
    table_total: "合計",
    table_tag: "タグ",
    table_comments: "件数",
    unknown_channel: "（不明）",
    undated_note: |undated| {
        format!("日付のないコメント{}件はこのグラフに含まれていません。", grouped(undated as i64))
    },
};

/// English.
pub const EN: ReportTexts = ReportTexts {
    section_title: |kind, group| match kind {
        SectionKind::Kpi => "Key figures".to_owned(),
        SectionKind::Volume => "Comments over time by channel".to_owned(),
        SectionKind::Distribution(_) => format!("{group}: breakdown"),
        SectionKind::GroupTrend(_) => format!("{group}: shares over time"),
        SectionKind::TagByChannel(_) => format!("{group} by channel"),
        SectionKind::Risers(_) => format!("{group}: biggest risers"),
        SectionKind::Terms => "Frequent terms".to_owned(),
        SectionKind::Quotes => "Representative voices".to_owned(),
        SectionKind::Commentary => "Commentary and next steps".to_owned(),
        SectionKind::Appendix => "Appendix: comments of the period".to_owned(),
    },
    kind_names: [
        "Key figures",
        "Volume trend",
        "Tag breakdown",
        "Tag shares over time",
        "Tag × channel",
        "Biggest risers",
        "Frequent terms",
        "Quotes",
        "Commentary",
        "Appendix (comment list)",
    ],
    share: "Share",
    share_note: |total, multiple| {
        let total = grouped(total as i64);
        if multiple {
            format!(
                "Shares are of the period's {total} comments (several tags per comment, so they may add up to more than 100%)."
            )
        } else {
            format!("Shares are of the period's {total} comments.")
        }
    },
    bucket_share_note: "Each share is of that day's (week's, month's) comments.",
    previous: "Previous period",
    current: "This period",
    no_risers: "No tag grew against the previous period.",
    term: "Term",
    channel: "Channel",
    bucket_names: ["Day", "Week", "Month"],
    terms_note: "For each term, the number of comments containing it. Runs of kanji, katakana and Latin letters are counted; words in hiragana only are not.",
    edit: "Edit",
    done_editing: "Done editing",
    commentary_placeholder: "Write your reading (it is printed and exported)",
    section_empty: "No comments in this period.",
    tables_appendix: "Appendix: data tables",
    table_in_appendix: |n| format!("The data table is in appendix {n}."),
    no_quotes: "No quotes for this period yet. Open a comment in the list and press “Quote in report” to add it here.",
    quotes_outside: |n| format!("{n} quoted comments fall outside this period and are not shown."),
    appendix_cut: |shown, total| {
        let (shown, total) = (grouped(shown as i64), grouped(total as i64));
        format!("The first {shown} of {total} comments. The CSV and Excel exports hold all of them.")
    },
    appendix_columns: ["Date", "Channel", "Text", "Tags"],
    missing_group: "This section's tag group was deleted. Remove the section, or add it again for another group.",
    tags_not_comments: "Several tags per comment are allowed in this group, so bars count tags, not comments.",
    add_section: "Add section",
    section_kind: "Kind",
    section_group: "Tag group",
    move_up: "Up",
    move_down: "Down",
    remove_section: "Remove",
    title_label: "Title",
    commentary_label: "Commentary",
    templates_heading: "Templates",
    apply_template: "Apply",
    template_name: "Template name",
    save_template: "Save as template",
    synonyms_label: "Spellings counted as one word (one per line: Wi-Fi = WIFI = ワイファイ)",
    stop_words_label: "Words not counted (one per line)",
    pin_quote: "Quote in report",
    unpin_quote: "Remove quote",
    export_xlsx: "Excel (xlsx)",
    export_svg: "SVG",
    export_png: "PNG",
    comments_sheet: "Comments",
    xlsx_failed: "The Excel file could not be made. Please export CSV instead.",
    kpi_columns: ["This period", "Compared", "Difference", "Change"],
    kpi_comments: "Comments (vs previous period)",
    kpi_year_ago: "Comments (vs a year earlier)",
    kpi_channel_prefix: "Channel:",
    kpi_negative: "Negative share (vs previous period)",
    kpi_waiting: |n| format!("Waiting for a response: {n}."),
    confidential: "Confidential",
    report_response: |needed, answered, rate, days| {
        let rate = rate.map_or("—".to_owned(), |r| format!("{r}%"));
        let days = days.map_or("—".to_owned(), |d| format!("{d:.1} days"));
        format!(
            "{answered} of {needed} comments needing a response were answered (response rate {rate}, median time to response {days})."
        )
    },
    significance_note: "★ marks a change from the previous period that chance hardly explains (significant at the 5% level). The test is the two-proportion z-test, or Fisher's exact test when counts are small (an expected count below 5).",
    terms_hint: "Press a word to list this period's comments that contain it, with the text around it.",
    kwic_heading: |word, n| format!("Comments containing “{word}” ({})", grouped(n as i64)),
    kwic_order_label: "Order",
    kwic_order: |order| match order {
        KwicOrder::Date => "By date",
        KwicOrder::Left => "By left context",
        KwicOrder::Right => "By right context",
    },
    kwic_left: "Before",
    kwic_word: "Word",
    kwic_right: "After",
    kwic_close: "Close",
    kwic_row_hint: "Press a row to open the comment in the comment list.",
    response_status: |status| match status {
        ResponseStatus::Open => "Open",
        ResponseStatus::InProgress => "In progress",
        ResponseStatus::Done => "Done",
        ResponseStatus::NotNeeded => "Not needed",
    },
    report_heading: "Report",
    table_total: "Total",
    table_tag: "Tag",
    table_comments: "Comments",
    unknown_channel: "(unknown)",
    undated_note: |undated| {
        format!("{} comment(s) without a date are not in this chart.", grouped(undated as i64))
    },
};

/// The report catalogue of `lang`: what the report model, the KPI and every export read, so
/// they need nothing of the app's catalogue.
pub fn report_texts(lang: crate::text::lang::Lang) -> &'static ReportTexts {
    match lang {
        crate::text::lang::Lang::Ja => &JA,
        crate::text::lang::Lang::En => &EN,
    }
}
