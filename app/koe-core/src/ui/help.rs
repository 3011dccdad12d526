//! The welcome view and the help page's texts (reached as `texts(lang).help`).

/// One section of the help page: a heading, paragraphs, and an optional example block.
#[derive(Debug)]
pub struct HelpSection {
    /// Stable id (anchor and `data-section`).
    pub id: &'static str,
    /// Heading.
    pub title: &'static str,
    /// Paragraphs, in order.
    pub paragraphs: &'static [&'static str],
    /// A literal example (a file's first lines), shown as code.
    pub example: Option<&'static str>,
}

/// The first-run and help texts, in one language.
#[derive(Debug)]
pub struct HelpTexts {
    /// Navigation: the help page.
    pub nav: &'static str,
    /// Heading of the welcome view.
    pub welcome_heading: &'static str,
    /// One line under it.
    pub welcome_intro: &'static str,
    /// The three steps: title and what to do.
    pub steps: [(&'static str, &'static str); 3],
    /// Link from the welcome view to the help page.
    pub open_help: &'static str,
    /// Heading of the help page.
    pub heading: &'static str,
    /// The help page's sections.
    pub sections: &'static [HelpSection],
}

const CODEBOOK_EXAMPLE: &str = "group,tag,parent,colour,shortcut,keywords\n感情,ネガティブ,,#c62828,3,残念|不満|-満足\nトピック,品質,,#1565c0,q,異物|変色\nトピック,異物混入,品質,#0d47a1,,異物|+混入\nトピック,型番,,#6a1b9a,,re:[a-z]{2}-\\d{3}";

/// Japanese.
pub const JA: HelpTexts = HelpTexts {
    nav: "ヘルプ",
    welcome_heading: "ようこそ Koe へ",
    welcome_intro: "お客様の声を、3つのステップで社内向けの定期レポートにまとめます。データはこのブラウザから外に出ません。",
    steps: [
        (
            "1. 取り込む",
            "集めたコメントのファイル（CSV・Excel・JSON）を下の枠にドロップするか、ファイルを選びます。まずは「サンプルデータで試す」でも始められます。",
        ),
        (
            "2. タグ付け",
            "感情・トピック・緊急度などのタグを、キーボード、まとめて操作、キーワードのルール、学習した候補で付けます。",
        ),
        (
            "3. レポート",
            "月次・四半期のレポートを組み立て、所感を書き、PDF・HTML・Excel・CSV で書き出します。",
        ),
    ],
    open_help: "使い方（ヘルプ）を見る",
    heading: "ヘルプ",
    sections: &[
        HelpSection {
            id: "excel",
            title: "Excel からコメントを書き出す",
            paragraphs: &[
                "「名前を付けて保存」で「CSV UTF-8（コンマ区切り）」を選ぶのがいちばん確実です。",
                "「CSV（コンマ区切り）」（Shift_JIS）や「Unicode テキスト」（タブ区切り）で保存したファイルも、そのまま取り込めます。文字コードと区切り文字は自動で判定し、プレビューで変えられます。",
                ".xlsx はそのまま取り込めます。表の上にタイトル行や空行があっても見出し行を探し、シートも選べます。",
                "1行目に見出し（本文、投稿日時、媒体、投稿者、URL など）を入れてください。見出しから列の役割を推測し、次からは同じ見出しのファイルに同じ対応を使います。",
            ],
            example: None,
        },
        HelpSection {
            id: "social",
            title: "SNS やツールから集めたコメント",
            paragraphs: &[
                "ソーシャルリスニングツールや X（Twitter）・ブログ・口コミサイト・Facebook の検索結果の多くは CSV や Excel で書き出せます。本文・日時・媒体の列があれば取り込めます。",
                "電話やメールの受付記録も、同じ形の表にすれば一緒に集計できます。媒体（チャネル）の列で区別されます。",
                "RT やコピーされた同じ投稿は重複として数え、残すかまとめるかを選べます。",
            ],
            example: None,
        },
        HelpSection {
            id: "codebook",
            title: "コードブックファイル（CSV）",
            paragraphs: &[
                "研究会のメンバーどうしで同じタグ体系を使うために、コードブックを CSV で書き出し・取り込みできます（「コードブック」画面）。",
                "列は group（グループ）, tag（タグ）, parent（親タグ）, colour（色）, shortcut（キー）, keywords（ルールのキーワード）です。keywords は | 区切りで、どれか1語を含むと一致します。+ を付けた語は必ず含むこと、- を付けた語は含まないこと、re: から後ろは正規表現です（全角の ＋ － ｜ も使えます）。",
                "同じ名前のタグが別のグループにあるなど、食い違いは推測せずに行番号つきで知らせます。",
            ],
            example: Some(CODEBOOK_EXAMPLE),
        },
        HelpSection {
            id: "keys",
            title: "キーボード操作",
            paragraphs: &[
                "↑ / ↓ または j / k：コメントを移動。タグのキー（1, 3, q など）：そのタグを付ける・外す。Enter：コメントを開く。/：検索へ。?：キーの一覧。",
                "Ctrl+Z：元に戻す。Ctrl+Shift+Z：やり直す。クリック・Shift+クリックで選び、「一致したすべてを選択」でまとめてタグを付けられます。",
            ],
            example: None,
        },
        HelpSection {
            id: "reading",
            title: "レポートの読み方：文脈、有意な変化、属性・クロス集計・共起・まとめ",
            paragraphs: &[
                "「よく出る言葉」の言葉を押すと、その言葉を含むこの期間のコメントが、言葉の前後の文脈とともに一覧されます（KWIC、KH Coder のコンコーダンスと同じ見方です）。「左の文脈で」並べると言葉の直前の語で、「右の文脈で」並べると直後の語でそろい、同じ言葉の使われ方の違いが見えます。行を押すと、コメント一覧でそのコメントが開きます。",
                "「前期間から増えたタグ」では、増えた件数が偶然の範囲かどうかを検定します。期間のコメント数に対するタグの割合を前期間と比べ、件数が多いときは2つの割合の差の検定（z 検定）、少ないとき（期待度数が5未満）はフィッシャーの正確検定を使います。5%水準で有意な行にだけ ★ が付きます。2件から4件のような小さな変化は「+100%」でも ★ が付かず、たまたまの変動として読めます。",
                "コメント一覧の検索欄に言葉を入れて「KWIC で表示」を押すと、一致したコメントが同じ形で一覧されます。左の欄で行を選び（行で Space でも選べます）、「付けるタグ」を選んで「選んだ行にタグを付ける」を押すと、まとめてタグが付きます（1回の操作として元に戻せます）。行でタグのショートカットキー（1、2、q…）を押すと、選んだ行に、選んでいなければその行にタグが付きます。ひとつの言葉の使われ方を見ながら、一度にコーディングできます。",
                "「属性の内訳」は、取り込んだときに属性として残した列（アンケートの業種や「収集しているか」など）の値ごとの件数と割合を、当期間と前期間で並べます。割合はそれぞれの期間のコメント数に対する割合で、変化が有意な値には ★ が付きます。空欄の回答は「（空欄）」として数え、落としません。",
                "「クロス集計」は、タググループ・チャネル・属性の列のうち2つを行と列に取り、件数と行ごとの割合を表にします。独立（行と列が無関係）なら期待される件数と比べ、調整済み標準化残差の絶対値が 1.96 以上（5%水準）のセルに、多ければ ▲、少なければ ▼ が付きます。期待される件数が5未満のセルは判定しません。複数選択のタググループでは、1件のコメントが複数のセルに数えられます。",
                "「共起ネットワーク」は、期間によく出る言葉のうち、同じコメントに一緒に出る組み合わせを線で結んだ図です（KH Coder の共起ネットワークと同じ考え方）。線の強さは Jaccard 係数（両方を含むコメント ÷ どちらかを含むコメント）で、強い順に既定で60本まで表示し、スライダーで減らせます。2件以上のコメントで一緒に出た組み合わせだけを使います。円の大きさはその言葉を含むコメントの件数、色は互いによく結ばれた言葉のまとまり（コミュニティ）です。表には言葉の組と係数が並びます。",
                "レポートの最初の「この期間のまとめ」は、レポート自身の数字から書いた数文です：前期間・前年同期と比べた件数、統計的に有意に増えた・減ったタグ（★ の付くものだけ）、最も多いトピック、ネガティブの割合、対応率。各文の［根拠］を押すと、その数字のセクションへ移ります。「まとめを書き直す」で文章を直すと、その期間のレポートにだけ使われ、元に戻すこともできます。「自動の文に戻す」で書き直しを消せます。",
            ],
            example: None,
        },
        HelpSection {
            id: "together",
            title: "共同作業：統合と一致度",
            paragraphs: &[
                "研究会のメンバーが同じコメントを別々のブラウザでコーディングするときは、ファイルを受け渡します（サーバーは使いません）。それぞれがプロジェクトの画面で「あなたのコーダー名」を入れ、コーディングしてから「プロジェクトを書き出す」で .koe ファイルを渡します。",
                "受け取った側は「プロジェクトファイルを統合」でそのファイルを選びます。統合の前に、すでにあるコメント（ファイル名と行、または本文・日時・チャネルで見つけます。同じコメントは二重に入りません）、新しく加わるコメント、コードブックに加わるタグ、コードブックの食い違いが表示されます。「統合する」で1回の操作として取り込まれ、元に戻すで取り消せます。相手のタグは相手のコーダー名で記録され、コメントの詳細に表示されます。見ずにコーディングしたいときは「ブラインド」にチェックを入れます。",
                "一致度の表は、タググループごとに、両者がタグを付けたコメント数、一致率、コーエンのκ（単一選択のグループ。複数選択ではタグごとのκの平均）、クリッペンドルフのα を示します。0.8 以上なら高い一致、0.67 未満ならタグの定義を話し合う目安です。食い違ったコメントは一覧され、「コメントを開く」で確かめ、「…さんのタグにする」で相手の判断に合わせられます。",
            ],
            example: None,
        },
        HelpSection {
            id: "stages",
            title: "お客様相談室のソーシャルメディア活用の5段階",
            paragraphs: &[
                "① 傾聴：SNS やブログでお客様の声に耳を傾ける。② 収集：声を集めて記録する。③ 分析：タグで分類し、傾向をつかむ。④ 定期報告：分析を定期的に社内へ報告する。⑤ 対応：必要な声にお返事し、改善につなげる。",
                "Koe は ②〜⑤ を支えます。集めた声を取り込み、タグで分析し、月次・四半期の「お客様の声レポート」として経営や関係部署に届け、対応の要否と状況（未対応・対応中・対応済）を記録して、レポートの対応率に反映します。",
                "SNS の声を社内報告に使うことへのためらいは、リスク・信頼性・手間でした。Koe はデータを外に出さず（個人情報は書き出し時に伏せ字）、手間を減らします。",
            ],
            example: None,
        },
    ],
};

/// English.
pub const EN: HelpTexts = HelpTexts {
    nav: "Help",
    welcome_heading: "Welcome to Koe",
    welcome_intro: "Turn customer comments into the regular internal report in three steps. Your data never leaves this browser.",
    steps: [
        (
            "1. Import",
            "Drop the files of comments you collected (CSV, Excel, JSON) on the box below, or choose them. Or start with “Try the sample data”.",
        ),
        (
            "2. Tag",
            "Give comments tags such as sentiment, topic and urgency: by keyboard, in bulk, by keyword rules, or from learned suggestions.",
        ),
        (
            "3. Report",
            "Assemble the monthly or quarterly report, add your commentary, export it as PDF, HTML, Excel or CSV.",
        ),
    ],
    open_help: "How to use Koe (help)",
    heading: "Help",
    sections: &[
        HelpSection {
            id: "excel",
            title: "Exporting comments from Excel",
            paragraphs: &[
                "“Save As” → “CSV UTF-8 (Comma delimited)” is the safest choice.",
                "Files saved as “CSV (Comma delimited)” (Shift_JIS in Japanese Excel) or “Unicode Text” (tab-separated) import as they are: the encoding and delimiter are detected and can be changed in the preview.",
                ".xlsx files import directly; a title or blank rows above the table are skipped, and you choose the sheet.",
                "Put headers in the first row (text, date, channel, author, URL…). Koe guesses each column's role from its header and remembers your choice for files with the same headers.",
            ],
            example: None,
        },
        HelpSection {
            id: "social",
            title: "Comments from social media and tools",
            paragraphs: &[
                "Most social-listening tools and searches on X (Twitter), blogs, review sites and Facebook export CSV or Excel. A text, a date and a channel column are enough.",
                "Call and e-mail logs in the same shape are counted together; the channel column tells them apart.",
                "Retweets and copied posts are counted as duplicates; you choose to keep or merge them.",
            ],
            example: None,
        },
        HelpSection {
            id: "codebook",
            title: "The codebook file (CSV)",
            paragraphs: &[
                "To share one set of tags in the study group, export and import the codebook as CSV (Codebook page).",
                "Columns: group, tag, parent, colour, shortcut, keywords. Keywords are separated by |: any one of them matches; a word with + must occur, a word with - must not, and re: starts a regular expression that runs to the end.",
                "Conflicts, such as a tag name used in another group, are reported with their line instead of guessed.",
            ],
            example: Some(CODEBOOK_EXAMPLE),
        },
        HelpSection {
            id: "keys",
            title: "Keyboard",
            paragraphs: &[
                "↑ / ↓ or j / k: move between comments. A tag's key (1, 3, q…): toggle it. Enter: open the comment. /: search. ?: the list of keys.",
                "Ctrl+Z: undo. Ctrl+Shift+Z: redo. Click and Shift+click select; “Select all matching” tags many at once.",
            ],
            example: None,
        },
        HelpSection {
            id: "reading",
            title: "Reading the report: context, significant changes, attributes, cross-tabs, co-occurrence, the summary",
            paragraphs: &[
                "Press a word of the frequent-terms section to list this period's comments that contain it, with the text before and after it (a KWIC concordance, as in KH Coder). Ordered by left context the rows line up by the words just before it, by right context by the words just after, so the different uses of one word show. Press a row to open the comment in the comment list.",
                "The risers section tests whether a tag grew by more than chance: its share of the period's comments against the previous period, by the two-proportion z-test, or Fisher's exact test when counts are small (an expected count below 5). Only rows significant at the 5% level get a ★. A small change such as 2 to 4 comments is “+100%” but gets no star: read it as chance.",
                "Type a word in the comment list's search and press “Show as KWIC” to list the matching comments the same way. Choose rows with their boxes (or Space on a row), pick a tag under “Tag to add” and press “Tag the chosen rows” to tag them all at once (one step to undo). A tag's shortcut key (1, 2, q, …) on a row tags the chosen rows, or that row when none is chosen: a word can be coded in one pass while you read how it is used.",
                "An attribute breakdown counts the comments per value of a column kept as an attribute at import (a survey's industry, or whether a company collects comments), this period next to the previous one. Shares are of each period's own comments, and a value whose change is significant gets a ★. Blank answers count as “(blank)”; none is dropped.",
                "A cross-tab puts two of the tag groups, the channel and the attribute columns on its rows and columns, with counts and row shares. Each cell is compared with what independence would predict: an adjusted standardised residual of 1.96 or more in absolute value (the 5% level) marks it ▲ when above and ▼ when below. Cells expected to hold fewer than 5 are not judged. With a multi-choice tag group one comment may count in several cells.",
                "A co-occurrence network links the period's frequent words that occur in the same comments (as KH Coder's co-occurrence network does). A link's strength is the Jaccard coefficient (comments with both ÷ comments with either); the 60 strongest are drawn by default and the slider shows fewer. Only pairs found together in 2 comments or more count. A circle's size is the comments containing its word; its colour is its community of words that link to each other. The table lists the pairs and their coefficients.",
                "The summary that opens the report is written from the report's own figures: the volume against the previous period and a year earlier, the tags that rose or fell significantly (only those with a ★), the largest topic, the negative share and the response rate. Each sentence's [source] link leads to the section it is read from. “Rewrite the summary” keeps your text for this period's report only, as a step you can undo; “Back to the written summary” drops it.",
            ],
            example: None,
        },
        HelpSection {
            id: "together",
            title: "Working together: merge and agreement",
            paragraphs: &[
                "When members of the study group code the same comments in separate browsers, they exchange files (no server is involved). Each enters “Your coder name” on the Projects page, codes, and passes on the .koe file from “Export the project”.",
                "The one who receives it chooses it under “Merge a project file”. Before anything changes, the preview says which comments the project already has (found by file and line, or by text, date and channel, so none comes in twice), which are new, which tags the codebook gains and where the codebooks differ. “Merge” brings it in as one step that undo takes back. The other coder's tags are recorded under their name and shown in the comment detail; tick “Blind” to code without seeing them.",
                "The agreement table shows per tag group the comments both coded, the percentage agreement, Cohen's κ (single-choice groups; for multi-choice groups the mean of each tag's κ) and Krippendorff's α. 0.8 or more is high agreement; below 0.67 the tag definitions are worth discussing. Comments coded differently are listed: open one to check it, or settle it with “Take …'s tags”.",
            ],
            example: None,
        },
        HelpSection {
            id: "stages",
            title: "The five stages of social media in customer consultation",
            paragraphs: &[
                "① Watch: listen to customers on social media and blogs. ② Collect: gather and record their voices. ③ Analyse: classify them with tags and see the trends. ④ Report regularly: bring the analysis to management and departments. ⑤ Respond: answer where needed and drive improvements.",
                "Koe supports stages ② to ⑤: import what you collected, analyse it with tags, deliver the monthly or quarterly customer-voice report, and track which comments need an answer and where that stands, which feeds the report's response rate.",
                "What held companies back from reporting social-media voices was risk, reliability and effort. Koe keeps the data in your browser (personal data masked in exports) and takes the effort out.",
            ],
            example: None,
        },
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_codebook_example_in_the_help_imports_cleanly() {
        let imported = crate::project::codebook_csv::import_codebook(
            &crate::Codebook::starter(),
            "help.csv",
            CODEBOOK_EXAMPLE.as_bytes(),
        )
        .expect("the example reads");
        assert!(imported.conflicts.is_empty(), "{:?}", imported.conflicts);
        let tag = |name: &str| imported.codebook.tags.iter().find(|t| t.name == name).cloned().expect(name);
        assert_eq!(tag("ネガティブ").rule.none_of, ["満足"]);
        assert_eq!(tag("異物混入").rule.all_of, ["混入"]);
        assert_eq!(tag("型番").rule.regex.as_deref(), Some("[a-z]{2}-\\d{3}"));
        assert_eq!(JA.sections.len(), EN.sections.len());
        for (ja, en) in JA.sections.iter().zip(EN.sections) {
            assert_eq!((ja.id, ja.paragraphs.len()), (en.id, en.paragraphs.len()), "sections match");
        }
    }
}
