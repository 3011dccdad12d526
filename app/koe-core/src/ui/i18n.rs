//! The typed catalogue of every text the UI, charts and exports show.
//!
//! One struct, one constant per language: a missing text in either language is a compile
//! error, so the catalogue can never be incomplete. Components read texts from here and
//! hold no literals of their own.

use crate::import::Stage;
use crate::import::duplicates::RepeatCounts;
use crate::project::{Change, LogKind};
use crate::text::lang::{Lang, grouped};

/// Every user-facing text, in one language.
#[derive(Debug)]
pub struct Texts {
    /// The report and its builder.
    pub report: &'static crate::report::texts::ReportTexts,
    /// Projects, project files, saving and privacy.
    pub storage: &'static crate::saved::texts::StorageTexts,
    /// The welcome view and the help page.
    pub help: &'static crate::ui::help::HelpTexts,
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
    /// The progress bar's label: which step, which file, how far (in percent).
    pub import_progress: fn(Stage, &str, u32) -> String,
    /// Above a long comment list: only the first rows are shown.
    pub showing_first: fn(usize, usize) -> String,
    /// Navigation: the codebook view.
    pub nav_codebook: &'static str,
    /// Button: add the typed tag to the group.
    pub add_tag_button: &'static str,
    /// Channel filter: no restriction.
    pub all_channels: &'static str,
    /// Button: apply every keyword rule as one undoable step.
    pub apply_rules: &'static str,
    /// Button: add the chosen tag to every selected comment.
    pub bulk_add: &'static str,
    /// Label of the bulk toolbar.
    pub bulk_heading: &'static str,
    /// Button: remove the chosen tag from every selected comment.
    pub bulk_remove: &'static str,
    /// Menu: the tag a bulk edit adds or removes.
    pub bulk_tag_label: &'static str,
    /// Button: unselect everything.
    pub clear_selection: &'static str,
    /// Button: close a panel or dialog.
    pub close: &'static str,
    /// Button: save the codebook as CSV.
    pub codebook_export: &'static str,
    /// Heading of the codebook view.
    pub codebook_heading: &'static str,
    /// What the codebook view is for.
    pub codebook_hint: &'static str,
    /// Button: read a codebook CSV.
    pub codebook_import: &'static str,
    /// After a codebook import: tags added, updated, rows not applied.
    pub codebook_imported: fn(usize, usize, usize) -> String,
    /// Codebook column: merge and delete.
    pub col_actions: &'static str,
    /// Codebook column: colour.
    pub col_colour: &'static str,
    /// Codebook column: keyword rule.
    pub col_keywords: &'static str,
    /// Codebook column: parent tag.
    pub col_parent: &'static str,
    /// Grid column: response status.
    pub col_response: &'static str,
    /// Codebook column: keyboard shortcut.
    pub col_shortcut: &'static str,
    /// Codebook column: tag name.
    pub col_tag: &'static str,
    /// Codebook column: how many comments carry the tag.
    pub col_uses: &'static str,
    /// Confirm button: deleting a tag takes it off this many comments.
    pub delete_confirm: fn(usize) -> String,
    /// Button: delete a tag.
    pub delete_tag: &'static str,
    /// Heading of the open comment.
    pub detail_heading: &'static str,
    /// The browser refused to save a file.
    pub download_failed: &'static str,
    /// Filter: another column of the imported files.
    pub filter_attribute: &'static str,
    /// Filter: the value of that column.
    pub filter_attribute_value: &'static str,
    /// Button: clear every filter.
    pub filter_clear: &'static str,
    /// The button that shows the filters not on the first line.
    pub filter_more: &'static str,
    /// Filter: first day.
    pub filter_from: &'static str,
    /// Wanted tags combine with AND.
    pub filter_mode_all: &'static str,
    /// Wanted tags combine with OR.
    pub filter_mode_any: &'static str,
    /// Label of the AND/OR choice.
    pub filter_mode_label: &'static str,
    /// Filter: last day.
    pub filter_to: &'static str,
    /// Filter: only comments without tags.
    pub filter_untagged: &'static str,
    /// Filter: only comments waiting for a response.
    pub filter_waiting: &'static str,
    /// Filter menu: a tag the comments must have.
    pub filter_with_tag: &'static str,
    /// Filter menu: a tag the comments must not have.
    pub filter_without_tag: &'static str,
    /// Label of the filter bar.
    pub filters_heading: &'static str,
    /// A group where several tags may be chosen.
    pub group_multiple: &'static str,
    /// A group where one tag is chosen.
    pub group_single: &'static str,
    /// One line under the grid about the keyboard.
    pub keyboard_hint: &'static str,
    /// Before the number of matching comments.
    pub matches_label: &'static str,
    /// Label: merge this tag into another.
    pub merge_into: &'static str,
    /// Merge menu's first line, with how many comments move.
    pub merge_into_label: fn(usize) -> String,
    /// Placeholder of the new tag name.
    pub new_tag_placeholder: &'static str,
    /// Response: date answered.
    pub response_date: &'static str,
    /// Heading of response tracking.
    pub response_heading: &'static str,
    /// Response: an answer is needed.
    pub response_needed: &'static str,
    /// Response: free note.
    pub response_note: &'static str,
    /// Response: who answers.
    pub response_person: &'static str,
    /// Response: status.
    pub response_status: &'static str,
    /// Heading of the rules panel.
    pub rules_heading: &'static str,
    /// What applying rules would change: comments, tags added, tags removed.
    pub rules_preview: fn(usize, usize, usize) -> String,
    /// Placeholder of the search box.
    pub search_placeholder: &'static str,
    /// Button: select every matching comment.
    pub select_all_matching: fn(usize) -> String,
    /// Label of a row's checkbox.
    pub select_row: &'static str,
    /// Before the number of selected comments.
    pub selected_label: &'static str,
    /// Tooltip of a tag a rule set.
    pub set_by_rule: &'static str,
    /// Heading of the shortcut sheet.
    pub shortcuts_heading: &'static str,
    /// The fixed shortcuts: keys and what they do.
    pub shortcut_rows: &'static [(&'static str, &'static str)],
    /// Label of where a comment came from.
    pub source_heading: &'static str,
    /// Where a comment came from: file, sheet, line.
    pub source_label: fn(&str, Option<&str>, u64) -> String,
    /// Button: accept one suggestion.
    pub suggest_accept: &'static str,
    /// Button: accept every suggestion at or above a confidence.
    pub suggest_accept_all: fn(usize, u32) -> String,
    /// Label: which group to learn.
    pub suggest_group: &'static str,
    /// Heading of the suggestions panel.
    pub suggest_heading: &'static str,
    /// What suggestions are, honestly.
    pub suggest_hint: &'static str,
    /// All tagged comments carry the same tag.
    pub suggest_one_tag: &'static str,
    /// How good suggestions are: agreement %, held-out comments, baseline %, examples.
    pub suggest_quality: fn(u32, usize, u32, usize) -> String,
    /// Button: learn from the tagging so far and suggest.
    pub suggest_train: &'static str,
    /// Label: the confidence threshold.
    pub suggest_threshold: &'static str,
    /// Too few tagged comments to learn from.
    pub suggest_too_few: fn(usize) -> String,
    /// Label of the report period control.
    pub period_label: &'static str,
    /// Period kinds: month, quarter, week, custom.
    pub period_kinds: [&'static str; 4],
    /// Label: the month the fiscal year starts.
    pub fiscal_start_label: &'static str,
    /// Heading of the KPI section.
    pub kpi_heading: &'static str,
    /// Label of the export toolbar.
    pub export_heading: &'static str,
    /// Button: print or save as PDF.
    pub export_pdf: &'static str,
    /// Button: the report as one HTML file that opens offline.
    pub export_html: &'static str,
    /// Button: the period's comments as CSV.
    pub export_csv: &'static str,
    /// Checkbox: mask personal data in exports.
    pub mask_toggle: &'static str,
    /// Heading of the change log.
    pub history_heading: &'static str,
    /// One line of the change log.
    pub history_entry: fn(LogKind, &Change) -> String,
    /// The button that stops an import under way.
    pub import_abort: &'static str,
    /// After the user stopped an import: nothing was added.
    pub import_aborted: fn(&str) -> String,
    /// The browser refused to start the import worker (where import runs): nothing was read.
    pub import_unavailable: fn(&str) -> String,
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
    /// Proven duplicates in the previewed file, by the evidence found.
    pub duplicates_found: fn(&RepeatCounts) -> String,
    /// Same texts and quotes without evidence of being the same voice: kept (同文, quotes).
    pub same_texts_kept: fn(usize, usize) -> String,
    /// Warning: so many proven duplicates that the mapping is probably wrong (count, rows).
    pub duplicates_suspicious: fn(usize, usize) -> String,
    /// Heading of the list of rows marked 同文.
    pub same_texts_heading: &'static str,
    /// The mark of a row whose text another row has too.
    pub same_text_badge: &'static str,
    /// Why a column was chosen: the mapping remembered for this header.
    pub guess_remembered: &'static str,
    /// Label of a reason a column was chosen.
    pub guess_reason_label: &'static str,
    /// Note: other columns read as free text and are kept as attributes (their names).
    pub other_texts_note: fn(&str) -> String,
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
    /// Shown instead of charts when there is nothing to report.
    pub empty_report: &'static str,
    /// Chart title: comments per month by channel.
    pub chart_monthly_by_channel: &'static str,
    /// Chart title: comments per tag.
    pub chart_tag_counts: &'static str,
    /// Table heading: month.
    pub table_month: &'static str,
    /// Heading of the list of problems found while importing.
    pub problems_heading: &'static str,
    /// Summary after an import: comments added and problems found.
    pub imported_summary: fn(usize, usize) -> String,
    /// The browser could not read a chosen file (removed, no permission).
    pub file_unreadable: fn(&str) -> String,
    /// Caption of the preview table: how many of how many rows are shown.
    pub preview_caption: fn(usize, usize) -> String,
}

/// 日本語
pub const JA: Texts = Texts {
    report: &crate::report::texts::JA,
    storage: &crate::saved::texts::JA,
    help: &crate::ui::help::JA,
    app_title: "声 Koe",
    tagline: "お客様の声をレポートに。データはこのブラウザから外に出ません。",
    nav_comments: "コメント",
    nav_report: "レポート",
    language: "言語",
    import_heading: "ファイルを取り込む",
    import_hint: "CSV（UTF-8・Shift_JIS）、Unicode テキスト、Excel ブック（.xlsx）、JSON を選ぶか、ここにドラッグ＆ドロップしてください。",
    try_sample: "サンプルデータで試す",
    import_progress: |step, file, percent| match step {
        Stage::Reading => format!("{file} を読み込み中… {percent}%"),
        Stage::Converting => format!("{file} の行をコメントに変換中… {percent}%"),
    },
    import_abort: "中止",
    history_heading: "変更履歴",
    period_label: "対象期間",
    period_kinds: ["月次", "四半期（年度）", "週次", "期間を指定"],
    fiscal_start_label: "年度の開始月",
    kpi_heading: "主な指標",
    export_heading: "書き出し",
    export_pdf: "印刷・PDF",
    export_html: "HTML レポートを保存",
    export_csv: "コメントを CSV で書き出す",
    mask_toggle: "個人情報をマスクする（メール・電話・ID・郵便番号・投稿者）",
    history_entry: |kind, change| {
        let what = match change {
            Change::Comments { added, removed: 0 } => format!("コメント {added} 件を追加"),
            Change::Comments { added: 0, removed } => format!("コメント {removed} 件を削除"),
            Change::Comments { added, removed } => format!("コメント {added} 件を追加、{removed} 件を削除"),
            Change::Tags(id) => format!("コメント #{} のタグを変更", id.0),
            Change::ManyTags(n) => format!("{n} 件のコメントのタグを変更"),
            Change::Codebook => "コードブックを変更".to_owned(),
            Change::Response(id) => format!("コメント #{} の対応状況を変更", id.0),
            Change::Report => "レポートの構成を変更".to_owned(),
            Change::Templates => "レポートのテンプレートを変更".to_owned(),
            Change::Team => "コーダー名・統合したコーディングを変更".to_owned(),
            Change::Nothing => "変更なし".to_owned(),
        };
        match kind {
            LogKind::Applied => what,
            LogKind::Undone => format!("元に戻す：{what}"),
            LogKind::Redone => format!("やり直す：{what}"),
        }
    },
    nav_codebook: "コードブック",
    add_tag_button: "タグを追加",
    all_channels: "すべてのチャネル",
    apply_rules: "ルールを適用",
    bulk_add: "選択にタグを追加",
    bulk_heading: "まとめて操作",
    bulk_remove: "選択からタグを外す",
    bulk_tag_label: "タグを選ぶ…",
    clear_selection: "選択を解除",
    close: "閉じる",
    codebook_export: "CSV に書き出す",
    codebook_heading: "コードブック（タグの定義）",
    codebook_hint: "タグの名前・色・ショートカット・キーワードを編集できます。CSV で勉強会のメンバーと共有できます。変更はすべて「元に戻す」で取り消せます。",
    codebook_import: "CSV を読み込む",
    codebook_imported: |added, updated, conflicts| {
        if conflicts == 0 {
            format!("コードブックを読み込みました：追加 {added}、更新 {updated}。")
        } else {
            format!(
                "コードブックを読み込みました：追加 {added}、更新 {updated}。{conflicts} 行は食い違いがあるため反映していません（下記）。"
            )
        }
    },
    col_actions: "統合・削除",
    col_colour: "色",
    col_keywords: "キーワード（ルール）",
    col_parent: "親タグ",
    col_response: "対応",
    col_shortcut: "キー",
    col_tag: "タグ",
    col_uses: "件数",
    delete_confirm: |n| format!("削除する（{n}件から外れます）"),
    delete_tag: "削除",
    detail_heading: "コメントの詳細",
    download_failed: "ファイルを保存できませんでした。ブラウザのダウンロード設定を確認してください。",
    filter_attribute: "その他の列…",
    filter_attribute_value: "値",
    filter_clear: "条件をクリア",
    filter_more: "詳しい条件",
    filter_from: "開始日",
    filter_mode_all: "すべてを含む（AND）",
    filter_mode_any: "いずれかを含む（OR）",
    filter_mode_label: "タグの組み合わせ",
    filter_to: "終了日",
    filter_untagged: "未タグのみ",
    filter_waiting: "要対応（未対応・対応中）のみ",
    filter_with_tag: "タグあり…",
    filter_without_tag: "タグなし…",
    filters_heading: "絞り込み",
    group_multiple: "（複数選択）",
    group_single: "（1つ選択）",
    keyboard_hint: "キーボード：↑↓ または j/k で移動、タグのキーで付け外し、Enter で詳細、/ で検索、? で一覧。",
    matches_label: "一致：",
    merge_into: "統合先",
    merge_into_label: |n| format!("統合先…（{n}件を移す）"),
    new_tag_placeholder: "新しいタグ名",
    response_date: "対応日",
    response_heading: "お客様への対応",
    response_needed: "対応が必要",
    response_note: "メモ",
    response_person: "担当者",
    response_status: "状況",
    rules_heading: "キーワードルール",
    rules_preview: |comments, added, removed| {
        if comments == 0 {
            "ルールを適用しても変わるコメントはありません。".to_owned()
        } else {
            format!(
                "適用すると {comments} 件のコメントが変わります（タグ追加 {added}、ルールで付いたタグの解除 {removed}）。例："
            )
        }
    },
    search_placeholder: "本文を検索（/）",
    select_all_matching: |n| format!("一致する {n} 件をすべて選択"),
    select_row: "このコメントを選択",
    selected_label: "選択中：",
    set_by_rule: "ルールで付いたタグ（人が確認すると通常のタグになります）",
    shortcuts_heading: "キーボードショートカット",
    shortcut_rows: &[
        ("↓ / j", "次のコメント"),
        ("↑ / k", "前のコメント"),
        ("Space / x", "選択・選択解除"),
        ("Enter", "詳細を開く"),
        ("/", "検索"),
        ("Esc", "閉じる"),
        ("Ctrl+Z", "元に戻す"),
        ("Ctrl+Shift+Z", "やり直す"),
        ("?", "この一覧"),
    ],
    source_heading: "出典",
    source_label: |file, sheet, line| match sheet {
        Some(sheet) => format!("{file} [{sheet}] {line}行目"),
        None => format!("{file} {line}行目"),
    },
    suggest_accept: "採用",
    suggest_accept_all: |n, t| format!("信頼度 {t}% 以上の {n} 件をまとめて採用"),
    suggest_group: "学習するグループ",
    suggest_heading: "タグの提案（あなたのタグ付けから学習）",
    suggest_hint: "あなたが付けたタグから、未タグのコメントに付けるタグを提案します。学習はこのブラウザの中だけで行います。",
    suggest_one_tag: "タグ付けされたコメントがすべて同じタグなので、まだ区別を学べません。別のタグも付けてください。",
    suggest_quality: |agree, held, base, examples| {
        format!(
            "学習に使わなかった {held} 件で試すと、あなたのタグ付けと {agree}% 一致しました（いちばん多いタグを常に選んだ場合は {base}%）。学習したコメント：{examples} 件。"
        )
    },
    suggest_threshold: "信頼度のしきい値",
    suggest_train: "学習して提案する",
    suggest_too_few: |n| {
        format!(
            "このグループのタグが付いたコメントが {n} 件しかありません。10 件以上タグを付けると提案できます。"
        )
    },
    showing_first: |shown, total| format!("全{total}件のうち最初の{shown}件を表示しています。"),
    import_aborted: |file| format!("{file} の取り込みを中止しました。プロジェクトは変わっていません。"),
    import_unavailable: |file| {
        format!(
            "{file}: このブラウザーでは取り込みの処理（Web Worker）を始められませんでした。プロジェクトは変わっていません。Chrome か Edge の最新版で開き直してください。"
        )
    },
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
    duplicates_found: |c| {
        let mut parts = Vec::new();
        for (n, what) in [
            (c.same_row, "取り込み済みの行と全列が同じ"),
            (c.same_id, "ID が同じ"),
            (c.same_post, "同じ投稿者・同じ時刻（分）・同じ本文"),
            (c.repost, "プロジェクト内の声の転載（RT・引用）"),
        ] {
            if n > 0 {
                parts.push(format!("{what} {n}件"));
            }
        }
        format!("同じ声である証拠のある重複が{}件あります（{}）。", c.proven(), parts.join("、"))
    },
    same_texts_kept: |same, quotes| {
        let mut text = String::new();
        if same > 0 {
            text.push_str(&format!(
                "「同文」{same}件は、同じ声である証拠（ID、投稿者と時刻）がないため別の声として取り込みます。"
            ));
        }
        if quotes > 0 {
            text.push_str(&format!("ファイル内の声を引用・RT した{quotes}件も取り込みます。"));
        }
        text
    },
    duplicates_suspicious: |n, rows| {
        format!(
            "注意：{rows}行のうち{n}行（{}%）が重複と判定されました。列の割り当てが間違っている可能性が高いため、既定ではすべて取り込みます。列を確かめてください。",
            n * 100 / rows.max(1)
        )
    },
    same_texts_heading: "同文の行",
    same_text_badge: "同文",
    guess_remembered: "この見出しの前回の割り当て",
    guess_reason_label: "理由",
    other_texts_note: |names| {
        format!("ほかにも自由記述の列があります（{names}）。属性として取り込み、絞り込みに使えます。")
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
    empty_report: "レポートにするコメントがありません。まずコメントを取り込んでください。",
    chart_monthly_by_channel: "月別・チャネル別のコメント数",
    chart_tag_counts: "タグ別のコメント数",
    table_month: "月",
    problems_heading: "取り込み時に見つかった問題",
    imported_summary: |added, problems| {
        let (added, problems_text) = (grouped(added as i64), grouped(problems as i64));
        if problems == 0 {
            format!("{added}件のコメントを取り込みました。")
        } else {
            format!("{added}件のコメントを取り込みました。問題が{problems_text}件あります（下記）。")
        }
    },
    file_unreadable: |file| {
        format!(
            "{file}: ファイルを読めませんでした。ファイルが移動・削除されていないか確認して、もう一度選んでください。"
        )
    },
    preview_caption: |shown, total| {
        format!("全{}行のうち先頭{}行", grouped(total as i64), grouped(shown as i64))
    },
};

/// English
pub const EN: Texts = Texts {
    report: &crate::report::texts::EN,
    storage: &crate::saved::texts::EN,
    help: &crate::ui::help::EN,
    app_title: "Koe 声",
    tagline: "Customer voices into reports. Your data never leaves this browser.",
    nav_comments: "Comments",
    nav_report: "Report",
    language: "Language",
    import_heading: "Import a file",
    import_hint: "Choose a CSV (UTF-8 or Shift_JIS), Unicode text, Excel workbook (.xlsx) or JSON file, or drag and drop it here.",
    try_sample: "Try the sample data",
    import_progress: |step, file, percent| match step {
        Stage::Reading => format!("Reading {file}… {percent}%"),
        Stage::Converting => format!("Turning the rows of {file} into comments… {percent}%"),
    },
    import_abort: "Stop",
    history_heading: "Change log",
    period_label: "Period",
    period_kinds: ["Month", "Fiscal quarter", "Week", "Custom range"],
    fiscal_start_label: "Fiscal year starts in month",
    kpi_heading: "Key figures",
    export_heading: "Export",
    export_pdf: "Print / PDF",
    export_html: "Save HTML report",
    export_csv: "Comments as CSV",
    mask_toggle: "Mask personal data (e-mail, phone, IDs, postcodes, authors)",
    history_entry: |kind, change| {
        let what = match change {
            Change::Comments { added, removed: 0 } => format!("added {added} comment(s)"),
            Change::Comments { added: 0, removed } => format!("removed {removed} comment(s)"),
            Change::Comments { added, removed } => format!("added {added}, removed {removed} comment(s)"),
            Change::Tags(id) => format!("changed the tags of comment #{}", id.0),
            Change::ManyTags(n) => format!("changed the tags of {n} comments"),
            Change::Codebook => "changed the codebook".to_owned(),
            Change::Response(id) => format!("changed the response of comment #{}", id.0),
            Change::Report => "changed the report layout".to_owned(),
            Change::Templates => "changed the report templates".to_owned(),
            Change::Team => "changed the coder name or merged codings".to_owned(),
            Change::Nothing => "no change".to_owned(),
        };
        match kind {
            LogKind::Applied => what,
            LogKind::Undone => format!("Undo: {what}"),
            LogKind::Redone => format!("Redo: {what}"),
        }
    },
    nav_codebook: "Codebook",
    add_tag_button: "Add tag",
    all_channels: "All channels",
    apply_rules: "Apply rules",
    bulk_add: "Add to selection",
    bulk_heading: "Bulk actions",
    bulk_remove: "Remove from selection",
    bulk_tag_label: "Choose a tag…",
    clear_selection: "Clear selection",
    close: "Close",
    codebook_export: "Export as CSV",
    codebook_heading: "Codebook (tag definitions)",
    codebook_hint: "Edit tag names, colours, shortcuts and keywords. Share the codebook with the study group as CSV. Every change can be undone.",
    codebook_import: "Import CSV",
    codebook_imported: |added, updated, conflicts| {
        if conflicts == 0 {
            format!("Codebook imported: {added} added, {updated} updated.")
        } else {
            format!(
                "Codebook imported: {added} added, {updated} updated. {conflicts} row(s) conflict and were not applied (below)."
            )
        }
    },
    col_actions: "Merge / delete",
    col_colour: "Colour",
    col_keywords: "Keywords (rule)",
    col_parent: "Parent",
    col_response: "Response",
    col_shortcut: "Key",
    col_tag: "Tag",
    col_uses: "Comments",
    delete_confirm: |n| format!("Delete (removes it from {n})"),
    delete_tag: "Delete",
    detail_heading: "Comment",
    download_failed: "The file could not be saved. Check the browser's download settings.",
    filter_attribute: "Other column…",
    filter_attribute_value: "Value",
    filter_clear: "Clear filters",
    filter_more: "More filters",
    filter_from: "From",
    filter_mode_all: "All of them (AND)",
    filter_mode_any: "Any of them (OR)",
    filter_mode_label: "Combine tags",
    filter_to: "To",
    filter_untagged: "Untagged only",
    filter_waiting: "Waiting for a response only",
    filter_with_tag: "Has tag…",
    filter_without_tag: "Has not tag…",
    filters_heading: "Filters",
    group_multiple: "(several)",
    group_single: "(one)",
    keyboard_hint: "Keyboard: ↑↓ or j/k to move, a tag's key to toggle it, Enter to open, / to search, ? for all keys.",
    matches_label: "Matching:",
    merge_into: "Merge into",
    merge_into_label: |n| format!("Merge into… ({n} move)"),
    new_tag_placeholder: "New tag name",
    response_date: "Answered on",
    response_heading: "Response to the customer",
    response_needed: "Needs a response",
    response_note: "Note",
    response_person: "Person",
    response_status: "Status",
    rules_heading: "Keyword rules",
    rules_preview: |comments, added, removed| {
        if comments == 0 {
            "Applying the rules would change no comment.".to_owned()
        } else {
            format!(
                "Applying changes {comments} comment(s): {added} tag(s) added, {removed} rule tag(s) removed. For example:"
            )
        }
    },
    search_placeholder: "Search the text (/)",
    select_all_matching: |n| format!("Select all {n} matching"),
    select_row: "Select this comment",
    selected_label: "Selected:",
    set_by_rule: "Set by a rule (becomes yours once you confirm it)",
    shortcuts_heading: "Keyboard shortcuts",
    shortcut_rows: &[
        ("↓ / j", "Next comment"),
        ("↑ / k", "Previous comment"),
        ("Space / x", "Select / unselect"),
        ("Enter", "Open the comment"),
        ("/", "Search"),
        ("Esc", "Close"),
        ("Ctrl+Z", "Undo"),
        ("Ctrl+Shift+Z", "Redo"),
        ("?", "This sheet"),
    ],
    source_heading: "Source",
    source_label: |file, sheet, line| match sheet {
        Some(sheet) => format!("{file} [{sheet}] line {line}"),
        None => format!("{file} line {line}"),
    },
    suggest_accept: "Accept",
    suggest_accept_all: |n, t| format!("Accept all {n} at {t}% or more"),
    suggest_group: "Group to learn",
    suggest_heading: "Suggested tags (learned from your tagging)",
    suggest_hint: "Suggests tags for untagged comments from the tags you set. Learning happens only inside this browser.",
    suggest_one_tag: "Every tagged comment has the same tag, so there is nothing to tell apart yet. Tag some with other tags.",
    suggest_quality: |agree, held, base, examples| {
        format!(
            "Agrees with your tagging {agree}% of the time on {held} held-out comments (always choosing the most common tag: {base}%). Learned from {examples} comments."
        )
    },
    suggest_threshold: "Confidence threshold",
    suggest_train: "Learn and suggest",
    suggest_too_few: |n| {
        format!("Only {n} comment(s) carry a tag of this group. Tag at least 10 to get suggestions.")
    },
    showing_first: |shown, total| format!("Showing the first {shown} of {total} comments."),
    import_aborted: |file| format!("Import of {file} stopped. The project is unchanged."),
    import_unavailable: |file| {
        format!(
            "{file}: this browser would not start the import's background worker (Web Worker). The project is unchanged. Open Koe again in a current Chrome or Edge."
        )
    },
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
    duplicates_found: |c| {
        let mut parts = Vec::new();
        for (n, what) in [
            (c.same_row, "identical in every column to a row already imported"),
            (c.same_id, "same ID"),
            (c.same_post, "same author, minute and text"),
            (c.repost, "reposts (RT or quote) of a comment in the project"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        format!("{} duplicate(s) with evidence of being the same voice ({}).", c.proven(), parts.join(", "))
    },
    same_texts_kept: |same, quotes| {
        let mut text = String::new();
        if same > 0 {
            text.push_str(&format!(
                "{same} row(s) with the same text (同文) have no evidence of being the same voice (ID, author and time) and are imported as separate voices. "
            ));
        }
        if quotes > 0 {
            text.push_str(&format!(
                "{quotes} row(s) quoting or retweeting a comment of this file are imported too."
            ));
        }
        text.trim_end().to_owned()
    },
    duplicates_suspicious: |n, rows| {
        format!(
            "Caution: {n} of {rows} rows ({}%) look like duplicates. The column mapping is probably wrong, so by default every row is imported. Check the columns.",
            n * 100 / rows.max(1)
        )
    },
    same_texts_heading: "Rows with the same text",
    same_text_badge: "Same text",
    guess_remembered: "your last choice for this header",
    guess_reason_label: "Why",
    other_texts_note: |names| {
        format!("Other columns also hold free text ({names}). They are kept as attributes you can filter on.")
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
    empty_report: "There are no comments to report on. Import some comments first.",
    chart_monthly_by_channel: "Comments per month by channel",
    chart_tag_counts: "Comments per tag",
    table_month: "Month",
    problems_heading: "Problems found while importing",
    imported_summary: |added, problems| {
        let noun = if added == 1 { "comment" } else { "comments" };
        let (added, problems_text) = (grouped(added as i64), grouped(problems as i64));
        if problems == 0 {
            format!("Imported {added} {noun}.")
        } else {
            format!("Imported {added} {noun}. {problems_text} problem(s) found (below).")
        }
    },
    file_unreadable: |file| {
        format!(
            "{file}: the file could not be read. Check that it was not moved or deleted, and choose it again."
        )
    },
    preview_caption: |shown, total| {
        format!("First {} of {} rows", grouped(shown as i64), grouped(total as i64))
    },
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

    /// The `"…"` literals of a catalogue's debug form, in field order (functions show as
    /// addresses and are checked by the tests that call them).
    fn literals(debug: &str) -> Vec<String> {
        let mut found = Vec::new();
        let mut chars = debug.chars();
        while let Some(c) = chars.next() {
            if c != '"' {
                continue;
            }
            let mut literal = String::new();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => literal.extend(chars.next()),
                    '"' => break,
                    c => literal.push(c),
                }
            }
            found.push(literal);
        }
        found
    }

    #[test]
    fn both_catalogues_are_complete_and_translated() {
        let (ja, en) = (format!("{JA:?}"), format!("{EN:?}"));
        let (ja_texts, en_texts) = (literals(&ja), literals(&en));
        assert_eq!(ja_texts.len(), en_texts.len(), "the same texts in both languages");
        let empty: Vec<usize> = ja_texts
            .iter()
            .chain(&en_texts)
            .enumerate()
            .filter(|(_, t)| t.trim().is_empty())
            .map(|(i, _)| i)
            .collect();
        assert!(empty.is_empty(), "empty texts at {empty:?}");
        let untranslated: Vec<&String> = ja_texts
            .iter()
            .zip(&en_texts)
            .filter(|(j, e)| j == e && !j.starts_with("group,tag"))
            .map(|(j, _)| j)
            .filter(|text| {
                // Identifiers and key names ("excel", "Ctrl+Z") are the same in both; words of
                // one language in the other's catalogue are not.
                let japanese = text.chars().any(|c| {
                    ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c)
                });
                let words = text
                    .split_whitespace()
                    .filter(|w| w.chars().filter(char::is_ascii_alphabetic).count() >= 3)
                    .count();
                japanese || words >= 2
            })
            .collect();
        assert!(untranslated.is_empty(), "the same text in both languages: {untranslated:?}");
        let japanese = ja_texts
            .iter()
            .filter(|t| {
                t.chars()
                    .any(|c| ('\u{3040}'..='\u{30ff}').contains(&c) || ('\u{4e00}'..='\u{9fff}').contains(&c))
            })
            .count();
        assert!(
            japanese * 10 >= ja_texts.len() * 8,
            "most Japanese texts are Japanese: {japanese} of {}",
            ja_texts.len()
        );
    }

    #[test]
    fn languages_differ_and_format_numbers() {
        assert_ne!(JA.nav_report, EN.nav_report);
        assert_eq!((JA.imported_summary)(3, 0), "3件のコメントを取り込みました。");
        assert_eq!((EN.imported_summary)(1, 2), "Imported 1 comment. 2 problem(s) found (below).");
    }
}
