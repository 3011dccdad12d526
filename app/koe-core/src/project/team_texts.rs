//! The texts of working together: the coder's name, merging a project file, agreement.

use crate::project::merge::MergeConflict;
use crate::text::lang::Lang;

/// Every text of working together, in one language.
#[derive(Debug)]
pub struct TeamTexts {
    /// Heading of the panel.
    pub heading: &'static str,
    /// What the panel is for.
    pub intro: &'static str,
    /// Label of the coder's name.
    pub coder_name: &'static str,
    /// Button (a file input): merge a project file.
    pub merge_file: &'static str,
    /// The preview's summary: file, comments found, comments added, of the found ones coded.
    pub merge_summary: fn(&str, usize, usize, usize) -> String,
    /// Label of the other coder's name in the preview.
    pub merge_coder: &'static str,
    /// Why the other coder needs a name of their own.
    pub merge_coder_hint: &'static str,
    /// Tags the codebook gains.
    pub merge_new_tags: fn(&str) -> String,
    /// Heading of the conflicts.
    pub merge_conflicts: &'static str,
    /// One conflict in words.
    pub conflict: fn(&MergeConflict) -> String,
    /// Button: merge.
    pub merge_confirm: &'static str,
    /// Button: do not merge.
    pub merge_cancel: &'static str,
    /// After the merge.
    pub merged: fn(&str, usize) -> String,
    /// The name the other coder needs is the project's own.
    pub same_coder: &'static str,
    /// Heading of the agreement with one coder.
    pub agreement_heading: fn(&str, &str) -> String,
    /// Agreement table headings: group, comments both coded, agreement, κ, α.
    pub agreement_columns: [&'static str; 5],
    /// Under the agreement table: what κ and α mean.
    pub agreement_note: &'static str,
    /// Heading of a group's confusion table.
    pub confusion: fn(&str) -> String,
    /// The rows (the project's coder) and columns (the other).
    pub confusion_corner: fn(&str, &str) -> String,
    /// Heading of the disagreements.
    pub disagreements: fn(usize) -> String,
    /// A disagreement: our tags, theirs.
    pub disagreement: fn(&str, &str, &str, &str) -> String,
    /// Button: open the comment.
    pub open: &'static str,
    /// Button: take the other coder's tags.
    pub adopt: fn(&str) -> String,
    /// No coder merged yet.
    pub no_codings: &'static str,
    /// Checkbox: hide other coders' tags while coding.
    pub blind: &'static str,
    /// In the comment detail: another coder's tags.
    pub other_coder: fn(&str, &str) -> String,
    /// No tags.
    pub none: &'static str,
    /// Heading of the comparison between companies.
    pub compare_heading: &'static str,
    /// What the comparison is.
    pub compare_intro: &'static str,
    /// Label of the company's label.
    pub company_label: &'static str,
    /// The open project's label when none is given.
    pub own_company: &'static str,
    /// Button: show the counts-only file.
    pub export_counts: &'static str,
    /// Above the preview: check it before saving.
    pub preview_hint: &'static str,
    /// Button: save the counts-only file.
    pub save_counts: &'static str,
    /// Button (a file input): open other companies' files.
    pub open_counts: &'static str,
    /// Heading of a group's comparison.
    pub compare_group: fn(&str) -> String,
    /// Columns after the companies: median, range.
    pub compare_columns: [&'static str; 2],
    /// Under the comparison tables.
    pub compare_note: fn(usize) -> String,
    /// Heading of comments per month.
    pub compare_months: &'static str,
    /// Under comments per month.
    pub compare_months_note: &'static str,
}

/// Japanese.
pub const JA: TeamTexts = TeamTexts {
    heading: "共同作業：統合と一致度",
    intro: "同じコメントを別々のブラウザでコーディングしたら、相手のプロジェクトファイルをここで統合します。同じコメントは二重に入らず、相手のタグは相手の名前で残ります。",
    coder_name: "あなたのコーダー名",
    merge_file: "プロジェクトファイルを統合",
    merge_summary: |file, matched, added, coded| {
        format!(
            "{file}：このプロジェクトにあるコメント {matched} 件（うち相手がタグを付けたもの {coded} 件）、新しく加わるコメント {added} 件。"
        )
    },
    merge_coder: "相手のコーダー名",
    merge_coder_hint: "相手のタグはこの名前で記録されます。あなたのコーダー名とは別の名前にしてください。",
    merge_new_tags: |tags| format!("コードブックに加わるタグ：{tags}"),
    merge_conflicts: "コードブックの食い違い（このプロジェクトの設定を残します）",
    conflict: |conflict| match conflict {
        MergeConflict::OtherGroup { tag, theirs, ours } => {
            format!(
                "「{tag}」は相手では「{theirs}」、こちらでは「{ours}」のタグです（相手のものは「{theirs}」に加えます）。"
            )
        }
        MergeConflict::OtherKeywords { group, tag } => {
            format!("「{group} › {tag}」のキーワードが違います（こちらのキーワードを残します）。")
        }
        MergeConflict::OtherChoice { group } => {
            format!("「{group}」は一方が単一選択、もう一方が複数選択です（こちらの設定を残します）。")
        }
    },
    merge_confirm: "統合する",
    merge_cancel: "やめる",
    merged: |coder, added| {
        format!("{coder} さんのファイルを統合しました（新しいコメント {added} 件）。元に戻すで取り消せます。")
    },
    same_coder: "相手のコーダー名があなたのコーダー名と同じか空です。別の名前を入れてください。",
    agreement_heading: |ours, theirs| format!("一致度：{ours} と {theirs}"),
    agreement_columns: ["タググループ", "両者がコーディングしたコメント", "一致率", "κ", "α"],
    agreement_note: "両者がそのグループのタグを1つ以上付けたコメントで比べます。κ はコーエンのカッパ（単一選択のグループ。複数選択のグループはタグごとのカッパの平均）、α はクリッペンドルフのアルファ（名義尺度）。目安として 0.8 以上は高い一致、0.67 未満は定義の見直しが必要です。どちらも、比べるコメントがないときや全員が同じ1つのタグしか使っていないときは「—」です。",
    confusion: |group| format!("{group}：一致表"),
    confusion_corner: |ours, theirs| format!("{ours} ＼ {theirs}"),
    disagreements: |n| format!("食い違ったコメント（{n} 件）"),
    disagreement: |group, ours, coder, theirs| format!("{group}：あなた「{ours}」／{coder}「{theirs}」"),
    open: "コメントを開く",
    adopt: |coder| format!("{coder} さんのタグにする"),
    no_codings: "まだ統合したコーディングはありません。",
    blind: "ブラインド：ほかのコーダーのタグを表示しない",
    other_coder: |coder, tags| format!("{coder}：{tags}"),
    none: "（なし）",
    compare_heading: "比較レポート（会社間）",
    compare_intro: "コメントは共有できなくても、件数は共有できます。「集計のみ書き出す」で、この期間のタグ・チャネル・月ごとの件数だけのファイルを作ります（本文・投稿者・ID は入りません）。保存する前に中身をすべて確認できます。ほかの会社のファイルを開くと、各社の割合を研究会の中央値・範囲と並べて比べます。",
    company_label: "会社のラベル",
    own_company: "自社",
    export_counts: "集計のみ書き出す",
    preview_hint: "このファイルに入る内容のすべてです。本文・投稿者・ID が入っていないことを確かめてから保存してください。",
    save_counts: "このファイルを保存",
    open_counts: "比較レポート：集計ファイルを開く",
    compare_group: |group| format!("{group}：各社の割合"),
    compare_columns: ["中央値", "範囲"],
    compare_note: |n| {
        format!(
            "{n} 社。割合は各社の期間のコメント数に対する割合、中央値と範囲はそのタグのある会社の間で求めます。「—」はその会社のコードブックにないタグです。"
        )
    },
    compare_months: "月ごとのコメント数",
    compare_months_note: "棒は各社の期間のコメントのうち、その月のコメントの割合です。",
};

/// English.
pub const EN: TeamTexts = TeamTexts {
    heading: "Working together: merge and agreement",
    intro: "When the same comments were coded in separate browsers, merge the other coder's project file here. The same comments never come in twice, and their tags are kept under their name.",
    coder_name: "Your coder name",
    merge_file: "Merge a project file",
    merge_summary: |file, matched, added, coded| {
        format!(
            "{file}: {matched} comments this project has ({coded} of them tagged by the other coder), {added} new comments to add."
        )
    },
    merge_coder: "The other coder's name",
    merge_coder_hint: "Their tags are recorded under this name. It must differ from your coder name.",
    merge_new_tags: |tags| format!("Tags the codebook gains: {tags}"),
    merge_conflicts: "Where the codebooks differ (this project's settings are kept)",
    conflict: |conflict| match conflict {
        MergeConflict::OtherGroup { tag, theirs, ours } => {
            format!(
                "“{tag}” is in “{theirs}” in the file and in “{ours}” here (theirs is added to “{theirs}”)."
            )
        }
        MergeConflict::OtherKeywords { group, tag } => {
            format!("“{group} › {tag}” has other keywords in the file (these are kept).")
        }
        MergeConflict::OtherChoice { group } => {
            format!(
                "“{group}” is single-choice in one codebook and multi-choice in the other (this one's is kept)."
            )
        }
    },
    merge_confirm: "Merge",
    merge_cancel: "Cancel",
    merged: |coder, added| format!("Merged {coder}'s file ({added} new comments). Undo takes it back."),
    same_coder: "The other coder's name is empty or the same as yours. Give them a name of their own.",
    agreement_heading: |ours, theirs| format!("Agreement: {ours} and {theirs}"),
    agreement_columns: ["Tag group", "Comments both coded", "Agreement", "κ", "α"],
    agreement_note: "Compared over the comments both gave at least one tag of the group. κ is Cohen's kappa (single-choice groups; for multi-choice groups the mean of each tag's kappa), α is Krippendorff's alpha (nominal). As a rule of thumb 0.8 or more is high agreement and below 0.67 the definitions need another look. Both show “—” when no comment can be compared or only one tag was ever used.",
    confusion: |group| format!("{group}: agreement table"),
    confusion_corner: |ours, theirs| format!("{ours} \\ {theirs}"),
    disagreements: |n| format!("Comments coded differently ({n})"),
    disagreement: |group, ours, coder, theirs| format!("{group}: you “{ours}” / {coder} “{theirs}”"),
    open: "Open the comment",
    adopt: |coder| format!("Take {coder}'s tags"),
    no_codings: "No coding has been merged yet.",
    blind: "Blind: hide other coders' tags",
    other_coder: |coder, tags| format!("{coder}: {tags}"),
    none: "(none)",
    compare_heading: "Comparison between companies",
    compare_intro: "Comments cannot be shared, but counts can. “Export counts only” makes a file of this period's counts per tag, channel and month (no text, no author, no id); you see all of it before saving. Open other companies' files to see each company's shares next to the group's median and range.",
    company_label: "Company label",
    own_company: "Our company",
    export_counts: "Export counts only",
    preview_hint: "This is everything the file holds. Check that no text, author or id is in it before saving.",
    save_counts: "Save this file",
    open_counts: "Comparison report: open counts files",
    compare_group: |group| format!("{group}: each company's shares"),
    compare_columns: ["Median", "Range"],
    compare_note: |n| {
        format!(
            "{n} companies. Shares are of each company's comments in its period; median and range are over the companies that have the tag. “—” is a tag the company's codebook lacks."
        )
    },
    compare_months: "Comments per month",
    compare_months_note: "Each bar is the share of the company's comments of the period that fall in that month.",
};

/// The company's label in a counts file and the comparison: the member's, or 「自社」.
pub fn company_label(label: &str, lang: Lang) -> String {
    match label.trim() {
        "" => team_texts(lang).own_company.to_owned(),
        given => given.to_owned(),
    }
}

/// The texts of `lang`.
pub fn team_texts(lang: Lang) -> &'static TeamTexts {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}
