//! The report model against a hand-counted fixture.

use super::*;
use crate::import::dates::parse_local;
use crate::project::Command;
use crate::project::comment::{NewComment, SourceRef};
use crate::project::response::{Response, ResponseStatus};

/// April 2024: five comments (X 2, 電話 2, メール 1); negatives 3; topics 品質 2, パッケージ 1,
/// 味・使用感 1, 価格 1, 要望・提案 1 (six topic tags on five comments). March 2024: 品質 1, 価格 1.
/// One comment has no date.
fn fixture() -> Project {
    let rows: [(&str, &str, &str, &[&str]); 8] = [
        ("2024-04-01 09:00", "X", "Wi-Fiがつながらない", &["ネガティブ", "品質"]),
        ("2024-04-02 10:00", "X", "パッケージが開けにくい", &["ネガティブ", "品質", "パッケージ"]),
        ("2024-04-10 12:00", "電話", "美味しかった", &["ポジティブ", "味・使用感"]),
        ("2024-04-20 15:00", "メール", "価格が高い", &["ネガティブ", "価格"]),
        ("2024-04-30 23:59", "電話", "連絡は090-1234-5678まで", &["要望・提案"]),
        ("2024-03-05 10:00", "X", "品質が落ちた", &["品質"]),
        ("2024-03-06 10:00", "電話", "値上げ", &["価格"]),
        ("", "X", "日付なし", &[]),
    ];
    let mut project = Project::new();
    let comments = rows
        .iter()
        .map(|(date, channel, text, _)| NewComment {
            date: parse_local(date),
            channel: (*channel).into(),
            ..NewComment::new(*text, SourceRef { file: "f.csv".into(), sheet: None, line: 2 })
        })
        .collect();
    project.apply(Command::AddComments(comments)).expect("added");
    let pairs: Vec<(CommentId, crate::TagId)> = rows
        .iter()
        .enumerate()
        .flat_map(|(index, (_, _, _, tags))| tags.iter().map(move |name| (index, *name)))
        .map(|(index, name)| {
            let tag = project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("a tag");
            (CommentId(index as u32), tag)
        })
        .collect();
    project.apply(Command::AddTags(pairs)).expect("tagged");
    let answered = |day: u32| Response {
        needed: true,
        status: ResponseStatus::Done,
        responded_on: chrono::NaiveDate::from_ymd_opt(2024, 4, day),
        ..Response::default()
    };
    project.apply(Command::SetResponse { comment: CommentId(2), response: answered(12) }).expect("r");
    project.apply(Command::SetResponse { comment: CommentId(3), response: answered(24) }).expect("r");
    let open = Response { needed: true, ..Response::default() };
    project.apply(Command::SetResponse { comment: CommentId(4), response: open }).expect("r");
    let layout = project.report().with_quote(CommentId(4), true).with_quote(CommentId(5), true);
    project.apply(Command::SetReport(layout)).expect("quotes");
    project
}

fn april() -> Period {
    Period::month(2024, 4).expect("April")
}

fn chart<'a>(report: &'a ReportModel, id: &str) -> &'a ChartModel {
    match report.section(id).map(|s| &s.body) {
        Some(SectionBody::Chart(chart)) => chart,
        other => panic!("{id} is not a chart: {other:?}"),
    }
}

fn column(chart: &ChartModel, series: usize) -> Vec<(String, u64)> {
    chart.categories.iter().cloned().zip(chart.series[series].values.iter().copied()).collect()
}

#[test]
fn kpis_volume_and_the_default_titles() {
    let report = build_report(&fixture(), april(), Lang::Ja, true);
    assert_eq!(report.comments, 5);
    let Some(SectionBody::Kpi(kpi)) = report.section("kpi").map(|s| &s.body) else { panic!("no KPI") };
    assert_eq!((kpi.comments.current, kpi.comments.other), (5.0, 2.0));
    assert_eq!(kpi.comments.cells(false), ["5", "2", "+3", "+150.0%"]);
    assert_eq!(kpi.negative_share.map(|c| c.cells(true)[0].clone()), Some("60.0%".to_owned()));
    assert_eq!((kpi.response.needed, kpi.response.answered), (3, 2));
    assert_eq!(kpi.response.median_days, Some(3.0), "2 and 4 days");

    let volume = chart(&report, "volume");
    assert_eq!(volume.categories.len(), 30, "April by day");
    assert_eq!(volume.category_label, "日");
    let names: Vec<&str> = volume.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["X", "電話", "メール"], "busiest first");
    assert_eq!(volume.series[0].values[..2], [1, 1]);
    assert_eq!(volume.series[1].values[9], 1);
    assert_eq!(volume.series[1].values[29], 1);
    assert_eq!(volume.category_totals().iter().sum::<u64>(), 5);
    assert_eq!(volume.note.as_deref(), Some("日付のないコメント1件はこのグラフに含まれていません。"));
    assert_eq!(report.section("volume").map(|s| s.title.as_str()), Some("チャネル別の件数の推移"));
    assert_eq!(report.section("distribution").map(|s| s.title.as_str()), Some("感情の内訳"));
}

/// The report finds its period, the previous one and the same period a year earlier in one pass
/// over the comments: its KPIs and its summary's equal those counted period by period, and the
/// year-ago count is the hand-counted one.
#[test]
fn the_reports_kpis_equal_those_counted_period_by_period() {
    let mut project = fixture();
    let earlier =
        ["2023-04-01 00:00", "2023-04-15 12:00", "2023-04-30 23:59", "2023-03-31 23:59", "2025-04-02 10:00"]
            .iter()
            .map(|date| NewComment {
                date: parse_local(date),
                channel: "X".into(),
                ..NewComment::new("前年", SourceRef { file: "g.csv".into(), sheet: None, line: 2 })
            })
            .collect();
    project.apply(Command::AddComments(earlier)).expect("added");
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a day");
    let periods = [
        april(),
        Period::month(2024, 3).expect("March"),
        Period::month(2023, 4).expect("April 2023"),
        Period::fiscal_quarter(2024, 1, 4).expect("Q1"),
        Period::custom(day(2023, 3, 15), day(2024, 4, 30)),
        Period::custom(day(2025, 4, 1), day(2025, 4, 30)),
    ];
    for period in periods {
        let report = build_report(&project, period, Lang::Ja, true);
        let Some(SectionBody::Kpi(kpi)) = report.section("kpi").map(|s| &s.body) else { panic!("no KPI") };
        assert_eq!(*kpi, kpi::kpi_summary(&project, period), "{period:?}");
        // The report finds its comments in the column of days: the same as each comment's date.
        let comments = project.comments();
        let found = super::Found::of(project.comment_days(), &period);
        let dated: Vec<usize> =
            (0..comments.len()).filter(|&at| comments[at].date.is_some_and(|d| period.contains(d))).collect();
        assert_eq!(dated, found.positions, "{period:?}");
        assert_eq!(report.comments, found.positions.len(), "{period:?}");
    }
    let report = build_report(&project, april(), Lang::Ja, true);
    let Some(SectionBody::Kpi(kpi)) = report.section("kpi").map(|s| &s.body) else { panic!("no KPI") };
    assert_eq!((kpi.year_ago.current, kpi.year_ago.other), (5.0, 3.0), "April 2023: three comments");
    assert_eq!(kpi.comments.other, 2.0, "March 2024, not 2023-03-31");
}

#[test]
fn distributions_are_shares_of_comments_even_for_multi_choice_groups() {
    let report = build_report(&fixture(), april(), Lang::Ja, true);
    let sentiment = chart(&report, "distribution");
    assert_eq!(
        column(sentiment, 0)[..3],
        [("ポジティブ".into(), 1), ("ニュートラル".into(), 0), ("ネガティブ".into(), 3)]
    );
    assert_eq!(sentiment.share_cell(2, 3).as_deref(), Some("60.0%"));
    let topics = chart(&report, "distribution-2");
    let counts: u64 = topics.series[0].values.iter().sum();
    assert_eq!(counts, 6, "six topic tags");
    let shares: f64 = topics.series[0].values.iter().map(|v| *v as f64 / 5.0).sum();
    assert!((shares - 1.2).abs() < 1e-9, "shares of five comments add up to 120%");
    assert_eq!(topics.share_of.as_ref().map(|s| s[0]), Some(5), "the denominator is comments");
    assert!(topics.note.as_deref().is_some_and(|n| n.contains("100%を超える")), "the chart says so");
    assert_eq!(topics.category_colours.as_ref().map(|c| c[0].as_str()), Some("#1565c0"), "品質's own colour");
}

#[test]
fn a_survey_with_several_answers_reads_in_percent_of_respondents() {
    // Seven respondents; each may give several answers.
    let answers: [&[&str]; 7] = [
        &["品質", "価格"],
        &["価格"],
        &["品質", "価格", "パッケージ"],
        &["価格"],
        &["品質"],
        &["価格", "パッケージ"],
        &[],
    ];
    let mut project = Project::new();
    let comments = (0..answers.len())
        .map(|i| NewComment {
            date: parse_local("2024-04-15 10:00"),
            ..NewComment::new(
                format!("回答{i}"),
                SourceRef { file: "survey.csv".into(), sheet: None, line: 2 + i as u64 },
            )
        })
        .collect();
    project.apply(Command::AddComments(comments)).expect("added");
    let pairs: Vec<_> = answers
        .iter()
        .enumerate()
        .flat_map(|(i, tags)| tags.iter().map(move |t| (i, *t)))
        .map(|(i, name)| {
            (
                CommentId(i as u32),
                project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag"),
            )
        })
        .collect();
    project.apply(Command::AddTags(pairs)).expect("tagged");
    let report = build_report(&project, april(), Lang::En, false);
    let topics = chart(&report, "distribution-2");
    let share = |name: &str| {
        let index = topics.categories.iter().position(|c| c == name).expect("category");
        topics.share_cell(index, topics.series[0].values[index]).expect("a share")
    };
    assert_eq!(share("価格"), "71.4%", "5 of 7");
    assert_eq!(share("品質"), "42.9%", "3 of 7");
    assert_eq!(share("パッケージ"), "28.6%", "2 of 7");
    assert_eq!(share("接客・対応"), "0.0%");
    assert_eq!(share_text(1, 0), "—");
}

#[test]
fn trend_by_channel_risers_terms_quotes_and_appendix() {
    let report = build_report(&fixture(), april(), Lang::Ja, true);
    let trend = chart(&report, "trend");
    assert_eq!(
        trend.series.iter().map(|s| s.colour.clone().unwrap_or_default()).collect::<Vec<_>>(),
        ["#2e7d32", "#757575", "#c62828"]
    );
    assert_eq!(trend.share_of.as_ref().map(|s| (s[0], s[2])), Some((1, 0)));
    assert_eq!(trend.share_cell(0, trend.series[2].values[0]).as_deref(), Some("100.0%"));

    let by_channel = chart(&report, "by-channel");
    assert_eq!(by_channel.categories, ["X", "電話", "メール"]);
    let quality = by_channel.series.iter().find(|s| s.name == "品質").expect("品質");
    assert_eq!(quality.values, [2, 0, 0]);
    assert!(!by_channel.show_total && by_channel.note.is_some(), "bars count tags");
    let table = by_channel.table(Lang::Ja);
    assert_eq!(table.keys.len(), by_channel.categories.len() * by_channel.series.len(), "every cell keyed");
    let key = table.keys.iter().find(|k| k.row_value == "X" && k.column_value == "品質").expect("X × 品質");
    assert_eq!(table.rows[key.row][key.cell], "2", "the cell its key names");

    let risers = chart(&report, "risers");
    assert_eq!(risers.categories, ["品質 (+1)", "味・使用感 (+1)", "パッケージ (+1)", "要望・提案 (+1)"]);
    assert_eq!(risers.series[0].values, [1, 0, 0, 0], "March");
    assert_eq!(risers.series[1].values, [2, 1, 1, 1], "April");

    let terms = chart(&report, "terms");
    assert!(column(terms, 0).contains(&("パッケージ".to_owned(), 1)), "{:?}", terms.categories);
    assert!(terms.categories.contains(&"wi-fi".to_owned()));

    let Some(SectionBody::Quotes { quotes, outside }) = report.section("quotes").map(|s| &s.body) else {
        panic!("quotes")
    };
    assert_eq!(*outside, 1, "the March quote");
    assert_eq!(quotes.len(), 1);
    assert_eq!(quotes[0].text, "連絡は［電話番号］まで", "masked by default");
    assert_eq!(
        (quotes[0].date.as_str(), quotes[0].channel.as_str(), quotes[0].tags.as_str()),
        ("2024-04-30 23:59", "電話", "要望・提案")
    );
    let open = build_report(&fixture(), april(), Lang::Ja, false);
    let Some(SectionBody::Quotes { quotes, .. }) = open.section("quotes").map(|s| &s.body) else {
        panic!("quotes")
    };
    assert_eq!(quotes[0].text, "連絡は090-1234-5678まで", "unmasked on request");

    let Some(SectionBody::Appendix { rows, total }) = report.section("appendix").map(|s| &s.body) else {
        panic!("appendix")
    };
    assert_eq!((*total, rows.len()), (5, 5));
}

#[test]
fn titles_commentary_order_and_deleted_groups_follow_the_layout() {
    let mut project = fixture();
    let layout = project.report().with_text("terms", "お客様の言葉", "Wi-Fi が目立つ。").moved("terms", true);
    project.apply(Command::SetReport(layout)).expect("layout");
    let report = build_report(&project, april(), Lang::En, true);
    let terms = report.sections.iter().position(|s| s.id == "terms").expect("terms");
    assert_eq!(report.sections[terms + 1].id, "risers", "moved up");
    assert_eq!(
        (report.sections[terms].title.as_str(), report.sections[terms].commentary.as_str()),
        ("お客様の言葉", "Wi-Fi が目立つ。")
    );
    assert_eq!(
        report.section("kpi").map(|s| s.title.as_str()),
        Some("Key figures"),
        "default titles follow the language"
    );

    let mut codebook = project.codebook().clone();
    let sentiment = codebook.groups.iter().find(|g| g.name == "感情").map(|g| g.id).expect("感情");
    codebook.groups.retain(|g| g.id != sentiment);
    codebook.tags.retain(|t| t.group != sentiment);
    project.apply(Command::ReplaceCodebook(codebook)).expect("replaced");
    let report = build_report(&project, april(), Lang::Ja, true);
    assert_eq!(report.section("distribution").map(|s| &s.body), Some(&SectionBody::MissingGroup));
}

/// The risers table marks only changes that chance hardly explains: 品質 on 40 of 100 comments
/// after 5 of 100 is one; パッケージ on 4 after 2 is not (Fisher's test, p ≈ 0.68).
#[test]
fn risers_mark_only_significant_changes() {
    let mut project = Project::new();
    let mut rows = Vec::new();
    for (month, quality, package) in [(3, 5, 2), (4, 40, 4)] {
        for i in 0..100u32 {
            rows.push((month, i < quality, i >= 50 && i < 50 + package));
        }
    }
    let comments = rows
        .iter()
        .map(|(month, _, _)| NewComment {
            date: parse_local(&format!("2024-{month:02}-10 10:00")),
            ..NewComment::new("声", SourceRef { file: "f.csv".into(), sheet: None, line: 2 })
        })
        .collect();
    project.apply(Command::AddComments(comments)).expect("added");
    let tag =
        |name: &str| project.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect("tag");
    let (quality, package) = (tag("品質"), tag("パッケージ"));
    let pairs: Vec<(CommentId, crate::TagId)> = rows
        .iter()
        .enumerate()
        .flat_map(|(i, (_, q, p))| {
            let id = CommentId(i as u32);
            [(*q).then_some((id, quality)), (*p).then_some((id, package))].into_iter().flatten()
        })
        .collect();
    project.apply(Command::AddTags(pairs)).expect("tagged");
    let topic = project.codebook().groups.iter().find(|g| g.name == "トピック").map(|g| g.id).expect("topic");
    let layout = project.report().with_section(crate::report::SectionKind::Risers(topic));
    project.apply(Command::SetReport(layout)).expect("risers");
    let report = build_report(&project, april(), Lang::Ja, true);
    let risers = report.charts().find(|c| c.id.starts_with("risers")).expect("a risers chart");
    let tested = risers.tested.as_ref().expect("tested rows");
    let marked: Vec<(&str, bool)> = tested.iter().map(|t| (t.tag.as_str(), t.significant)).collect();
    assert_eq!(marked, [("品質", true), ("パッケージ", false)]);
    assert!(risers.note.as_deref().is_some_and(|n| n.contains("フィッシャー")), "the method is named");
}

fn group_id(project: &Project, name: &str) -> GroupId {
    project.codebook().groups.iter().find(|g| g.name == name).map(|g| g.id).expect("group")
}

#[test]
fn a_crosstab_counts_every_comment_once_per_cell_with_row_shares_and_keyed_cells() {
    let mut project = fixture();
    let sentiment = group_id(&project, "感情");
    let kind = SectionKind::CrossTab(Dimension::Group(sentiment), Dimension::Channel);
    let layout = project.report().with_section(kind);
    project.apply(Command::SetReport(layout)).expect("layout");
    let report = build_report(&project, april(), Lang::Ja, true);
    assert_eq!(report.section("crosstab").map(|s| s.title.as_str()), Some("感情 × チャネル のクロス集計"));
    let crosstab = chart(&report, "crosstab");
    // April: X has 2 negatives; 電話 1 positive and 1 without sentiment; メール 1 negative.
    assert_eq!(crosstab.categories, ["ポジティブ", "ニュートラル", "ネガティブ", "（タグなし）"]);
    let names: Vec<&str> = crosstab.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["X", "電話", "メール"]);
    let table = crosstab.table(Lang::Ja);
    let cell = |row: &str, column: &str| {
        let key = table.keys.iter().find(|k| k.row_value == row && k.column_value == column).expect("a cell");
        table.rows[key.row][key.cell].clone()
    };
    assert_eq!(cell("ネガティブ", "X"), "2");
    assert_eq!(cell("ネガティブ", "メール"), "1");
    assert_eq!(cell("（タグなし）", "電話"), "1");
    assert_eq!(cell("ポジティブ", "X"), "0");
    assert_eq!(table.keys.len(), 4 * 3, "every count cell is keyed");
    assert_eq!(table.rows[2][2], "66.7%", "X's share of the negative row");
    assert_eq!(
        crosstab.category_totals().iter().sum::<u64>(),
        5,
        "each comment once: single-choice × channel"
    );
    assert!(table.keys.iter().all(|k| k.mark.is_none()), "five comments prove nothing");
}

#[test]
fn an_attribute_breakdown_compares_shares_of_each_period_and_keeps_blank_answers() {
    let mut project = Project::new();
    let rows = [
        ("2024-04-01", "している"),
        ("2024-04-02", "していない"),
        ("2024-04-03", "していない"),
        ("2024-04-04", ""),
        ("2024-03-01", "している"),
        ("2024-03-02", "していない"),
    ];
    let comments = rows
        .iter()
        .enumerate()
        .map(|(line, (date, answer))| NewComment {
            date: parse_local(date),
            attributes: vec![("収集".to_owned(), (*answer).to_owned())],
            ..NewComment::new("理由", SourceRef { file: "s.csv".into(), sheet: None, line: line as u64 + 2 })
        })
        .collect();
    project.apply(Command::AddComments(comments)).expect("added");
    let layout = project.report().with_section(SectionKind::Attribute("収集".into()));
    project.apply(Command::SetReport(layout)).expect("layout");
    let report = build_report(&project, april(), Lang::Ja, true);
    let breakdown = chart(&report, "attribute");
    assert_eq!(breakdown.categories, ["していない", "している", "（空欄）"]);
    assert_eq!(column(breakdown, 0).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [2, 1, 1], "this period");
    assert_eq!(column(breakdown, 1).iter().map(|(_, n)| *n).collect::<Vec<_>>(), [1, 1, 0], "March");
    let table = breakdown.table(Lang::Ja);
    assert_eq!(
        table.rows[0],
        ["していない", "2", "50.0%", "1", "50.0%"],
        "shares of each period's own total"
    );
    let tested = breakdown.tested.as_ref().expect("tested");
    assert!(tested.iter().all(|t| !t.significant));
    assert_eq!(report.section("attribute").map(|s| s.title.as_str()), Some("収集別の件数"));
}

#[test]
fn the_network_and_the_summary_are_built_from_the_period() {
    let mut project = Project::new();
    let texts =
        ["配送が到着しない", "配送と到着の件", "配送の箱", "返品と返金", "返品と返金の手続き", "返金"];
    let comments = texts
        .iter()
        .enumerate()
        .map(|(line, text)| NewComment {
            date: parse_local("2024-04-10 10:00"),
            ..NewComment::new(*text, SourceRef { file: "n.csv".into(), sheet: None, line: line as u64 + 2 })
        })
        .collect();
    project.apply(Command::AddComments(comments)).expect("added");
    let layout = project.report().with_section(SectionKind::Cooccurrence(60));
    project.apply(Command::SetReport(layout)).expect("layout");
    let report = build_report(&project, april(), Lang::Ja, true);
    let network = chart(&report, "cooccurrence");
    let found = network.network.as_ref().expect("a network");
    let table = network.table(Lang::Ja);
    assert_eq!(table.head, ["言葉1", "言葉2", "両方を含むコメント", "Jaccard 係数"]);
    // 返金 (3) and 返品 (2) share 2 comments: 2 / 3; 配送 (3) and 到着 (2) share 2: 2 / 3. The
    // more frequent word comes first.
    assert!(
        table.rows.contains(&vec!["返金".into(), "返品".into(), "2".into(), "0.667".into()]),
        "{table:?}"
    );
    assert!(
        table.rows.contains(&vec!["配送".into(), "到着".into(), "2".into(), "0.667".into()]),
        "{table:?}"
    );
    assert_eq!(network.categories.len(), found.edges.len(), "one table row per link");
    assert_eq!(found.communities(), 2);

    let Some(SectionBody::Summary(summary)) = report.section("summary").map(|s| &s.body) else {
        panic!("the default layout opens with a summary")
    };
    assert!(summary.sentences[0].text.starts_with("この期間のお客様の声は 6 件で"), "{summary:?}");
    assert_eq!(summary.sentences[0].section.as_deref(), Some("kpi"));
    assert!(summary.rewritten.is_none());
    let rewritten = project.report().with_summary(&april().key(), "4月は配送と返金の声が目立った。");
    project.apply(Command::SetReport(rewritten)).expect("rewritten");
    let report = build_report(&project, april(), Lang::Ja, true);
    let Some(SectionBody::Summary(summary)) = report.section("summary").map(|s| &s.body) else { panic!() };
    assert_eq!(summary.text(), "4月は配送と返金の声が目立った。");
    let march = build_report(&project, Period::month(2024, 3).expect("March"), Lang::Ja, true);
    let Some(SectionBody::Summary(summary)) = march.section("summary").map(|s| &s.body) else { panic!() };
    assert!(summary.rewritten.is_none(), "a rewrite stays with its period");
    assert!(project.can_undo());
}
