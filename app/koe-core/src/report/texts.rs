//! The report's part of the text catalogue (reached as `texts(lang).report`): section titles,
//! table headings, notes, and the labels of the report builder.

use crate::project::layout::SectionKind;
use crate::project::response::ResponseStatus;
use crate::report::kwic::KwicOrder;
use crate::text::lang::grouped;

/// A tag named in the summary: its name, comments before, comments now.
pub type NamedChange = (String, u64, u64);

/// Every text of the report and its builder, in one language.
#[derive(Debug)]
pub struct ReportTexts {
    /// Default title of a section; the second argument names what it is about: its tag
    /// group, its attribute column, or a cross-tab's two dimensions.
    pub section_title: fn(&SectionKind, &str) -> String,
    /// The name of a section kind in the add-section menu, by its slug ([`SectionKind::MENU`]).
    pub kind_name: fn(&str) -> &'static str,
    /// Label of the attribute menu of a new section.
    pub section_attribute: &'static str,
    /// Label of a new cross-tab's row menu.
    pub section_rows: &'static str,
    /// Label of a new cross-tab's column menu.
    pub section_columns: &'static str,
    /// No column is kept as an attribute: what the attribute menu says.
    pub no_attributes: &'static str,
    /// The value of a comment whose attribute cell is empty.
    pub blank_value: &'static str,
    /// The row of comments with no tag of the group.
    pub no_tag: &'static str,
    /// Under an attribute breakdown: shares are of each period's comments (this, previous).
    pub attribute_note: fn(u64, u64) -> String,
    /// Under a cross-tab: row shares, the residual marks, and for a multi-choice group that a
    /// comment may count in several cells.
    pub crosstab_note: fn(bool) -> String,
    /// A cross-tab dimension's name: the channel.
    pub dimension_channel: &'static str,
    /// Data table of a co-occurrence network: first word, second word, comments with both,
    /// Jaccard coefficient.
    pub network_columns: [&'static str; 4],
    /// Under a co-occurrence network: words shown, links shown, how they were chosen.
    pub network_note: fn(usize, usize) -> String,
    /// Label of the slider of the links a network shows.
    pub network_edges_label: &'static str,
    /// Summary: the period's volume, against the previous period and a year earlier.
    pub summary_volume: fn(u64, u64, u64) -> String,
    /// Summary: the tags that rose and fell significantly (name, before, now).
    pub summary_changes: fn(&[NamedChange], &[NamedChange]) -> String,
    /// Summary: the largest tag of the topic group (name, comments, share).
    pub summary_largest: fn(&str, u64, &str) -> String,
    /// Summary: the negative share, against the previous period.
    pub summary_negative: fn(&str, &str) -> String,
    /// Summary: needing a response, answered, rate %.
    pub summary_response: fn(usize, usize, Option<u32>) -> String,
    /// Button: rewrite the summary.
    pub summary_edit: &'static str,
    /// Button: keep the rewritten summary.
    pub summary_save: &'static str,
    /// Button: go back to the written summary.
    pub summary_reset: &'static str,
    /// Under a rewritten summary.
    pub summary_rewritten: &'static str,
    /// Link text from a summary sentence to its section.
    pub summary_link: &'static str,
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
    /// While the workbook is being written (in the background worker).
    pub xlsx_writing: &'static str,
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
    /// The concordance's tag menu, when nothing is chosen in it.
    pub kwic_tag_label: &'static str,
    /// Button: add the chosen tag to the chosen rows.
    pub kwic_add_tag: &'static str,
    /// How many rows are chosen.
    pub kwic_chosen: fn(usize) -> String,
    /// Label of a row's box.
    pub kwic_choose: &'static str,
    /// Label of the box that chooses every row.
    pub kwic_choose_all: &'static str,
    /// Under the concordance: the keys that work in it.
    pub kwic_keys_hint: &'static str,
    /// The grid's button that shows the search word as a concordance.
    pub show_kwic: &'static str,
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
        SectionKind::Attribute(_) => format!("{group}別の件数"),
        SectionKind::CrossTab(..) => format!("{group} のクロス集計"),
        SectionKind::Cooccurrence(_) => "言葉の共起ネットワーク".to_owned(),
        SectionKind::Summary => "この期間のまとめ".to_owned(),
    },
    kind_name: |slug| match slug {
        "summary" => "まとめ（文章）",
        "kpi" => "主な指標",
        "volume" => "件数の推移",
        "distribution" => "タグの内訳",
        "trend" => "タグの割合の推移",
        "by-channel" => "タグ × チャネル",
        "risers" => "増えたタグ",
        "attribute" => "属性の内訳",
        "crosstab" => "クロス集計",
        "terms" => "よく出る言葉",
        "cooccurrence" => "共起ネットワーク",
        "quotes" => "代表的な声",
        "commentary" => "所感",
        "appendix" => "付録（コメント一覧）",
        _ => "",
    },
    section_attribute: "属性の列",
    section_rows: "行",
    section_columns: "列",
    no_attributes: "（属性の列がありません）",
    blank_value: "（空欄）",
    no_tag: "（タグなし）",
    attribute_note: |now, before| {
        format!(
            "割合は、当期間のコメント {} 件・前期間のコメント {} 件それぞれに対する割合です。★ は前期間からの変化が統計的に有意（5%水準）な値です。",
            grouped(now as i64),
            grouped(before as i64)
        )
    },
    crosstab_note: |multiple| {
        let base = "割合は行ごとの割合です。▲ は期待より有意に多い、▼ は有意に少ないセル（調整済み標準化残差の絶対値が 1.96 以上、5%水準。期待度数が5未満のセルは判定しません）です。";
        if multiple {
            format!(
                "{base}複数選択のグループがあるため、1件のコメントが複数のセルに数えられることがあります。"
            )
        } else {
            base.to_owned()
        }
    },
    dimension_channel: "チャネル",
    network_columns: ["言葉1", "言葉2", "両方を含むコメント", "Jaccard 係数"],
    network_note: |words, links| {
        format!(
            "よく出る言葉 {words} 語のうち、同じコメントに一緒に出る組み合わせを Jaccard 係数（両方を含むコメント ÷ どちらかを含むコメント）の強い順に {links} 本まで線で結んでいます。円の大きさはその言葉を含むコメントの件数、色はよく一緒に出る言葉のまとまり（コミュニティ）です。"
        )
    },
    network_edges_label: "表示する線の数",
    summary_volume: |now, before, year| {
        let n = |v: u64| grouped(v as i64);
        let change = if before == 0 {
            "前期間はコメントがありませんでした".to_owned()
        } else if now == before {
            format!("前期間（{} 件）と同じでした", n(before))
        } else {
            let percent = (now as f64 - before as f64) / before as f64 * 100.0;
            let way = if now > before { "増えました" } else { "減りました" };
            format!("前期間の {} 件から {:.0}% {way}", n(before), percent.abs())
        };
        format!("この期間のお客様の声は {} 件で、{change}（前年同期は {} 件）。", n(now), n(year))
    },
    summary_changes: |risen, fallen| {
        let list = |items: &[NamedChange]| {
            items
                .iter()
                .map(|(name, before, now)| format!("「{name}」（{before} → {now} 件）"))
                .collect::<Vec<_>>()
                .join("、")
        };
        match (risen.is_empty(), fallen.is_empty()) {
            (true, true) => "前期間と比べて、統計的に有意に増えたり減ったりしたタグはありません。".to_owned(),
            (false, true) => format!("前期間より有意に増えたのは{}です。", list(risen)),
            (true, false) => format!("前期間より有意に減ったのは{}です。", list(fallen)),
            (false, false) => {
                format!("前期間より有意に増えたのは{}、減ったのは{}です。", list(risen), list(fallen))
            }
        }
    },
    summary_largest: |name, count, share| format!("最も多いのは「{name}」で、{count} 件（{share}）でした。"),
    summary_negative: |now, before| format!("ネガティブの割合は {now} でした（前期間 {before}）。"),
    summary_response: |needed, answered, rate| match rate {
        None => "対応が必要なコメントはありませんでした。".to_owned(),
        Some(rate) => {
            format!("対応が必要なコメント {needed} 件のうち {answered} 件（{rate}%）に対応済みです。")
        }
    },
    summary_edit: "まとめを書き直す",
    summary_save: "保存",
    summary_reset: "自動の文に戻す",
    summary_rewritten: "このまとめは書き直したものです（この期間だけに使われます）。",
    summary_link: "根拠",
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
    xlsx_writing: "Excel ファイルを作っています…",
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
    kwic_tag_label: "付けるタグ",
    kwic_add_tag: "選んだ行にタグを付ける",
    kwic_chosen: |n| format!("{n} 行を選択"),
    kwic_choose: "この行を選ぶ",
    kwic_choose_all: "すべての行を選ぶ",
    kwic_keys_hint: "行で Space を押すと選択、タグのショートカットキー（1、2…）を押すと選んだ行（選んでいなければその行）にタグが付きます。Enter でコメントを開きます。",
    show_kwic: "KWIC で表示",
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
        SectionKind::Attribute(_) => format!("Comments by {group}"),
        SectionKind::CrossTab(..) => format!("Cross-tab: {group}"),
        SectionKind::Cooccurrence(_) => "Co-occurrence network of terms".to_owned(),
        SectionKind::Summary => "Summary of the period".to_owned(),
    },
    kind_name: |slug| match slug {
        "summary" => "Summary (in words)",
        "kpi" => "Key figures",
        "volume" => "Volume trend",
        "distribution" => "Tag breakdown",
        "trend" => "Tag shares over time",
        "by-channel" => "Tag × channel",
        "risers" => "Biggest risers",
        "attribute" => "Attribute breakdown",
        "crosstab" => "Cross-tab",
        "terms" => "Frequent terms",
        "cooccurrence" => "Co-occurrence network",
        "quotes" => "Quotes",
        "commentary" => "Commentary",
        "appendix" => "Appendix (comment list)",
        _ => "",
    },
    section_attribute: "Attribute column",
    section_rows: "Rows",
    section_columns: "Columns",
    no_attributes: "(no attribute columns)",
    blank_value: "(blank)",
    no_tag: "(no tag)",
    attribute_note: |now, before| {
        format!(
            "Shares are of each period's comments ({} this period, {} the previous). ★ marks a change from the previous period that is statistically significant (5% level).",
            grouped(now as i64),
            grouped(before as i64)
        )
    },
    crosstab_note: |multiple| {
        let base = "Shares are of each row. ▲ marks a cell significantly above what independence predicts, ▼ one significantly below (adjusted standardised residual of 1.96 or more in absolute value, 5% level; cells expected to hold fewer than 5 are not judged).";
        if multiple {
            format!("{base} A multi-choice group is involved, so one comment may count in several cells.")
        } else {
            base.to_owned()
        }
    },
    dimension_channel: "Channel",
    network_columns: ["Word 1", "Word 2", "Comments with both", "Jaccard"],
    network_note: |words, links| {
        format!(
            "Of the {words} most frequent words, pairs that occur in the same comments are linked, the strongest {links} by Jaccard coefficient (comments with both ÷ comments with either). A circle's size is the comments containing the word; its colour is its community of words that often occur together."
        )
    },
    network_edges_label: "Links shown",
    summary_volume: |now, before, year| {
        let n = |v: u64| grouped(v as i64);
        let change = if before == 0 {
            "the previous period had none".to_owned()
        } else if now == before {
            format!("as many as the previous period ({})", n(before))
        } else {
            let percent = (now as f64 - before as f64) / before as f64 * 100.0;
            let way = if now > before { "up" } else { "down" };
            format!("{way} {:.0}% from {} in the previous period", percent.abs(), n(before))
        };
        format!("The period has {} customer comments, {change} ({} a year earlier).", n(now), n(year))
    },
    summary_changes: |risen, fallen| {
        let list = |items: &[NamedChange]| {
            items
                .iter()
                .map(|(name, before, now)| format!("“{name}” ({before} → {now})"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match (risen.is_empty(), fallen.is_empty()) {
            (true, true) => "No tag rose or fell significantly against the previous period.".to_owned(),
            (false, true) => format!("Significantly up on the previous period: {}.", list(risen)),
            (true, false) => format!("Significantly down on the previous period: {}.", list(fallen)),
            (false, false) => {
                format!("Significantly up on the previous period: {}; down: {}.", list(risen), list(fallen))
            }
        }
    },
    summary_largest: |name, count, share| {
        format!("The largest topic is “{name}”: {count} comments ({share}).")
    },
    summary_negative: |now, before| format!("The negative share was {now} (previous period {before})."),
    summary_response: |needed, answered, rate| match rate {
        None => "No comment needed a response.".to_owned(),
        Some(rate) => {
            format!("Of {needed} comments needing a response, {answered} ({rate}%) have been answered.")
        }
    },
    summary_edit: "Rewrite the summary",
    summary_save: "Save",
    summary_reset: "Back to the written summary",
    summary_rewritten: "This summary was rewritten by hand (for this period only).",
    summary_link: "source",
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
    xlsx_writing: "Making the Excel file…",
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
    kwic_tag_label: "Tag to add",
    kwic_add_tag: "Tag the chosen rows",
    kwic_chosen: |n| format!("{n} row(s) chosen"),
    kwic_choose: "Choose this row",
    kwic_choose_all: "Choose every row",
    kwic_keys_hint: "On a row, Space chooses it and a tag's shortcut key (1, 2, …) tags the chosen rows (or that row if none is chosen). Enter opens the comment.",
    show_kwic: "Show as KWIC",
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
