//! The standalone HTML report: one file that opens offline with no script, charts drawn as
//! inline SVG from the same report model the app shows, every text escaped.

use std::fmt::Write;

use crate::report::kpi::KpiSummary;
use crate::report::network::Network;
use crate::report::summary::Summary;
use crate::report::texts::report_texts;
use crate::report::{ChartKind, ChartModel, DataTable, PALETTE, Quote, ReportModel, SectionBody};
use crate::text::lang::Lang;

/// Text made safe to place in HTML and SVG: customer words never become markup.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The exported report's own Content-Security-Policy: no script at all, no request anywhere,
/// so even a text that escaped escaping could not run or send the comments away.
pub const REPORT_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Width of a chart's SVG, in pixels.
pub const CHART_SVG_WIDTH: u32 = 720;
/// Height of a chart's SVG, in pixels.
pub const CHART_SVG_HEIGHT: u32 = 340;

/// Legend keys per row of a chart's SVG.
const LEGEND_PER_ROW: usize = 6;

/// A chart as SVG: a bar chart (stacked when the model says so) with a legend, or a network.
pub fn chart_svg(chart: &ChartModel) -> String {
    if let Some(network) = &chart.network {
        return network_svg(network, &chart.title);
    }
    let (width, height) = (f64::from(CHART_SVG_WIDTH), f64::from(CHART_SVG_HEIGHT));
    let legend = chart.series.len() > 1 || chart.category_colours.is_none();
    let legend_rows = if legend { chart.series.len().div_ceil(LEGEND_PER_ROW).max(1) } else { 1 };
    let (left, bottom) = (48.0, 64.0);
    let top = 36.0 + 18.0 * (legend_rows - 1) as f64;
    let rotate = chart.categories.len() > 12 || chart.categories.iter().any(|c| c.chars().count() > 6);
    let plot_height = height - bottom - top;
    let totals = chart.category_totals();
    let stacked = chart.kind == ChartKind::StackedBar;
    let max = if stacked {
        totals.iter().copied().max().unwrap_or(0) as f64
    } else {
        (0..chart.series.len())
            .flat_map(|s| (0..chart.categories.len()).map(move |i| (s, i)))
            .map(|(s, i)| chart.bar_value(s, i))
            .fold(0.0, f64::max)
    }
    .max(1.0);
    let slot = (width - left - 8.0) / chart.categories.len().max(1) as f64;
    let series_count = if stacked { 1.0 } else { chart.series.len().max(1) as f64 };
    let bar = (slot * 0.7 / series_count).max(1.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="'Hiragino Sans','Yu Gothic UI',Meiryo,'Noto Sans CJK JP',sans-serif" role="img" aria-label="{}">"#,
        escape(&chart.title)
    );
    for step in 0..=4 {
        let value = max * f64::from(step) / 4.0;
        let y = top + plot_height - plot_height * f64::from(step) / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e0e6ee"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#5a6675">{value:.0}{}</text>"##,
            width - 8.0,
            left - 6.0,
            y + 4.0,
            if chart.percent_bars { "%" } else { "" }
        );
    }
    for (index, category) in chart.categories.iter().enumerate() {
        let x0 = left + slot * index as f64 + slot * 0.15;
        let mut base = 0.0;
        for (s, series) in chart.series.iter().enumerate() {
            let value = chart.bar_value(s, index);
            let h = plot_height * value / max;
            let (x, y) = if stacked {
                (x0, top + plot_height - base - h)
            } else {
                (x0 + bar * s as f64, top + plot_height - h)
            };
            if stacked {
                base += h;
            }
            let _ = write!(
                svg,
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"><title>{}: {}</title></rect>"#,
                chart.bar_colour(s, index),
                escape(&format!("{category} / {}", series.name)),
                if chart.percent_bars { format!("{value:.1}%") } else { format!("{value}") }
            );
        }
        let (x, y) = (x0 + slot * 0.35, top + plot_height + 16.0);
        let placement = if rotate {
            format!(r#"text-anchor="end" transform="rotate(-40 {x:.1} {y:.1})""#)
        } else {
            r#"text-anchor="middle""#.to_owned()
        };
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{y:.1}" font-size="11" {placement} fill="#1d2733">{}</text>"##,
            escape(category)
        );
    }
    for (s, series) in chart.series.iter().enumerate().filter(|_| legend) {
        let x = left + 110.0 * (s % LEGEND_PER_ROW) as f64;
        let y = 8.0 + 18.0 * (s / LEGEND_PER_ROW) as f64;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="{y:.1}" width="12" height="12" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="12" fill="#1d2733">{}</text>"##,
            chart.bar_colour(s, usize::MAX),
            x + 16.0,
            y + 10.0,
            escape(&series.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// The height of a chart's SVG: a network is drawn taller than bars.
pub fn chart_svg_height(chart: &ChartModel) -> u32 {
    if chart.network.is_some() { CHART_SVG_HEIGHT + NETWORK_EXTRA_HEIGHT } else { CHART_SVG_HEIGHT }
}

/// How much taller a network is than a bar chart, in pixels.
const NETWORK_EXTRA_HEIGHT: u32 = 220;

/// A co-occurrence network as SVG: links as lines (thicker when stronger), words as circles
/// sized by their comments and coloured by community, with the word beside each.
pub fn network_svg(network: &Network, title: &str) -> String {
    let (width, height) = (f64::from(CHART_SVG_WIDTH), f64::from(CHART_SVG_HEIGHT + NETWORK_EXTRA_HEIGHT));
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="'Hiragino Sans','Yu Gothic UI',Meiryo,'Noto Sans CJK JP',sans-serif" role="img" aria-label="{}">"#,
        escape(title)
    );
    let place = |index: usize| network.nodes.get(index).map_or((0.0, 0.0), |n| (n.x * width, n.y * height));
    for edge in &network.edges {
        let ((x1, y1), (x2, y2)) = (place(edge.from), place(edge.to));
        let _ = write!(
            svg,
            r##"<line x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}" stroke="#8a96a3" stroke-width="{:.1}"/>"##,
            0.6 + 3.0 * edge.jaccard
        );
    }
    let largest = network.nodes.iter().map(|n| n.comments).max().unwrap_or(1).max(1) as f64;
    for node in &network.nodes {
        let (x, y) = (node.x * width, node.y * height);
        let radius = network_radius(node.comments, largest);
        let _ = write!(
            svg,
            r##"<circle cx="{x:.1}" cy="{y:.1}" r="{radius:.1}" fill="{}" fill-opacity="0.85"><title>{}: {}</title></circle><text x="{:.1}" y="{:.1}" font-size="12" fill="#1d2733">{}</text>"##,
            PALETTE[node.community % PALETTE.len()],
            escape(&node.term),
            node.comments,
            x + radius + 2.0,
            y + 4.0,
            escape(&node.term)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A network word's circle radius: by the square root of its comments, so area tells size.
pub fn network_radius(comments: u64, largest: f64) -> f64 {
    5.0 + 12.0 * (comments as f64 / largest).sqrt()
}

/// A data table as HTML.
fn table_html(table: &DataTable) -> String {
    let mut html = String::from("<table><thead><tr>");
    for cell in &table.head {
        let _ = write!(html, "<th>{}</th>", escape(cell));
    }
    html.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        html.push_str("<tr>");
        for (index, cell) in row.iter().enumerate() {
            let tag = if index == 0 { "th" } else { "td" };
            let _ = write!(html, "<{tag}>{}</{tag}>", escape(cell));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

/// A chart's table with ★ after the category of each row whose change is significant, and
/// ▲ / ▼ after the cross-tab counts that stand out.
fn marked_table(chart: &ChartModel, lang: Lang) -> DataTable {
    let mut table = chart.table(lang);
    for key in table.keys.clone().iter().filter(|k| k.mark.is_some()) {
        if let Some(cell) = table.rows.get_mut(key.row).and_then(|row| row.get_mut(key.cell)) {
            cell.push(' ');
            cell.push_str(key.symbol());
        }
    }
    for (row, tested) in table.rows.iter_mut().zip(chart.tested.iter().flatten()) {
        if tested.significant
            && let Some(category) = row.first_mut()
        {
            category.push_str(" ★");
        }
    }
    table
}

/// The summary: the rewrite as the author wrote it, or each sentence with a link to the
/// section it comes from.
fn summary_html(summary: &Summary, lang: Lang) -> String {
    let t = report_texts(lang);
    let mut html = String::from("<div class=\"summary\">");
    match &summary.rewritten {
        Some(text) => {
            for paragraph in text.split("\n\n") {
                let _ = write!(html, "<p>{}</p>", escape(paragraph).replace('\n', "<br>"));
            }
            let _ = write!(html, "<p class=\"note\">{}</p>", escape(t.summary_rewritten));
        }
        None => {
            html.push_str("<p>");
            for sentence in &summary.sentences {
                html.push_str(&escape(&sentence.text));
                if let Some(section) = &sentence.section {
                    let _ = write!(
                        html,
                        "<a class=\"source\" href=\"#section-{}\">[{}]</a>",
                        escape(section),
                        escape(t.summary_link)
                    );
                }
                html.push(' ');
            }
            html.push_str("</p>");
        }
    }
    html.push_str("</div>");
    html
}

fn kpi_html(kpi: &KpiSummary, lang: Lang) -> String {
    format!("{}<p>{}</p>", table_html(&kpi.table(lang)), escape(&kpi.response_text(lang)))
}

fn quotes_html(quotes: &[Quote]) -> String {
    let mut html = String::from("<ul class=\"quotes\">");
    for quote in quotes {
        let _ = write!(
            html,
            "<li><blockquote>{}</blockquote><p class=\"note\">{} {}</p></li>",
            escape(&quote.text).replace('\n', "<br>"),
            escape(&quote.date),
            escape(&quote.channel)
        );
    }
    html.push_str("</ul>");
    html
}

/// The whole report as one HTML document with no script: every section in order, charts with
/// their tables, the author's commentary.
pub fn report_html(report: &ReportModel) -> String {
    let lang = report.lang;
    let t = report_texts(lang);
    let r = t;
    let period = report.period.label(lang);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{REPORT_POLICY}\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} — {}</title><style>{}</style></head><body>",
        lang.code(),
        escape(t.report_heading),
        escape(&period),
        STYLE
    );
    let _ = write!(html, "<p class=\"confidential\">{} — {}</p>", escape(t.confidential), escape(&period));
    let _ = write!(html, "<h1>{} — {}</h1>", escape(t.report_heading), escape(&period));
    // Tables too long to read under their chart, printed after the last section.
    let appendix = report.long_tables();
    for section in &report.sections {
        let _ = write!(
            html,
            "<section id=\"section-{}\" data-section=\"{}\"><h2>{}</h2>",
            escape(&section.id),
            escape(&section.id),
            escape(&section.title)
        );
        match &section.body {
            SectionBody::Kpi(kpi) => html.push_str(&kpi_html(kpi, lang)),
            SectionBody::Chart(chart) => {
                html.push_str(&chart_svg(chart));
                match report.appendix_number(&section.id) {
                    Some(n) => {
                        let _ = write!(
                            html,
                            "<p class=\"note\"><a href=\"#appendix-{n}\">{}</a></p>",
                            escape(&(r.table_in_appendix)(n))
                        );
                    }
                    None => html.push_str(&table_html(&marked_table(chart, lang))),
                }
                if let Some(note) = &chart.note {
                    let _ = write!(html, "<p class=\"note\">{}</p>", escape(note));
                }
            }
            SectionBody::Quotes { quotes, outside } => {
                if quotes.is_empty() {
                    let _ = write!(html, "<p class=\"note\">{}</p>", escape(r.no_quotes));
                }
                html.push_str(&quotes_html(quotes));
                if *outside > 0 {
                    let _ = write!(html, "<p class=\"note\">{}</p>", escape(&(r.quotes_outside)(*outside)));
                }
            }
            SectionBody::Text => {}
            SectionBody::Appendix { rows, total } => {
                let table = DataTable {
                    head: r.appendix_columns.iter().map(|c| (*c).to_owned()).collect(),
                    rows: rows
                        .iter()
                        .map(|q| vec![q.date.clone(), q.channel.clone(), q.text.clone(), q.tags.clone()])
                        .collect(),
                    keys: Vec::new(),
                };
                html.push_str(&table_html(&table));
                if rows.len() < *total {
                    let _ = write!(
                        html,
                        "<p class=\"note\">{}</p>",
                        escape(&(r.appendix_cut)(rows.len(), *total))
                    );
                }
            }
            SectionBody::MissingGroup => {
                let _ = write!(html, "<p class=\"note\">{}</p>", escape(r.missing_group));
            }
            SectionBody::Empty(line) => {
                let _ = write!(html, "<p class=\"note empty\">{}</p>", escape(line));
            }
            SectionBody::Summary(summary) => html.push_str(&summary_html(summary, lang)),
        }
        if !section.commentary.is_empty() {
            let _ = write!(
                html,
                "<p class=\"commentary\">{}</p>",
                escape(&section.commentary).replace('\n', "<br>")
            );
        }
        html.push_str("</section>");
    }
    if !report.comparison.is_empty() {
        let _ = write!(
            html,
            "<section data-section=\"comparison\"><h2>{}</h2>",
            escape(crate::project::team_texts::team_texts(lang).compare_heading)
        );
        for chart in &report.comparison {
            let _ = write!(html, "<h3>{}</h3>", escape(&chart.title));
            html.push_str(&chart_svg(chart));
            html.push_str(&table_html(&chart.table(lang)));
            if let Some(note) = &chart.note {
                let _ = write!(html, "<p class=\"note\">{}</p>", escape(note));
            }
        }
        html.push_str("</section>");
    }
    if !appendix.is_empty() {
        let _ = write!(html, "<div class=\"appendix\"><h2>{}</h2>", escape(r.tables_appendix));
        for (index, (section, table)) in appendix.iter().enumerate() {
            let n = index + 1;
            let _ = write!(html, "<h3 id=\"appendix-{n}\">{n}. {}</h3>", escape(&section.title));
            html.push_str(&table_html(table));
        }
        html.push_str("</div>");
    }
    html.push_str("</body></html>");
    html
}

const STYLE: &str = "body{font-family:'Hiragino Sans','Yu Gothic UI',Meiryo,'Noto Sans CJK JP',sans-serif;color:#1d2733;\
max-width:60rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.4rem}h2{font-size:1.1rem}\
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d8dee6;padding:.25rem .6rem;\
text-align:right}th:first-child{text-align:left}.confidential{font-weight:700;border-bottom:2px solid #000}\
.note{color:#5a6675;font-size:.85rem}svg{max-width:100%;height:auto}.quotes{list-style:none;padding:0}\
blockquote{margin:.5rem 0;padding:.5rem 1rem;border-left:4px solid #1565c0;background:#f4f7fb;white-space:normal}\
.commentary{border-top:1px dashed #d8dee6;padding-top:.5rem}\
.summary p{font-size:1.05rem;line-height:1.7}.source{font-size:.75rem;margin-left:.2rem;color:#1565c0}\
.summary p{font-size:1.05rem;line-height:1.7}.source{font-size:.75rem;margin-left:.2rem;color:#1565c0}\
.appendix{break-before:page}.appendix h3{font-size:1rem}.appendix table{break-inside:auto}\
@page{size:A4 portrait;margin:15mm}@media print{section{break-inside:avoid}section+section{break-before:page}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::project::{Command, Project};
    use crate::report::period::Period;
    use crate::report::{Series, build_report};

    #[test]
    fn the_html_report_has_no_script_and_shows_hostile_text_as_text() {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let mut project = Project::new();
        let comments = ["2024-04-02 10:00", "2024-04-03 10:00", "2024-03-05 10:00"]
            .iter()
            .map(|date| NewComment {
                date: parse_local(date),
                channel: hostile.into(),
                ..NewComment::new(hostile, SourceRef { file: "x.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let layout = project.report().with_quote(crate::CommentId(0), true).with_text(
            "commentary",
            "",
            "<b>所感</b>\n2行目",
        );
        project.apply(Command::SetReport(layout)).expect("quote");
        let report = build_report(&project, Period::month(2024, 4).expect("April"), Lang::Ja, true);
        let html = report_html(&report);
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"ja\">"));
        assert!(!html.to_lowercase().contains("<script"), "no script at all");
        assert!(
            !html.contains("<img") && !html.contains("<b>"),
            "customer and author text never becomes markup"
        );
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "it is shown as text");
        assert!(html.contains("&lt;b&gt;所感&lt;/b&gt;<br>2行目"));
        assert_eq!(html.matches("<svg").count(), report.charts().count());
        assert_eq!(html.matches("<section").count(), report.sections.len());
        assert!(html.contains("社外秘 — 2024年4月"));
        assert!(html.contains("<td>2</td><td>1</td><td>+1</td><td>+100.0%</td>"), "April 2 vs March 1");
    }

    /// Comments on three days of April 2024, the report of `month` (4: April).
    fn report_of_2024(month: u32) -> ReportModel {
        let mut project = Project::new();
        let comments = ["2024-04-02 10:00", "2024-04-03 10:00", "2024-04-20 10:00"]
            .iter()
            .map(|date| NewComment {
                date: parse_local(date),
                ..NewComment::new("箱が潰れていた", SourceRef { file: "x.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        build_report(&project, Period::month(2024, month).expect("a month"), Lang::Ja, true)
    }

    #[test]
    fn a_period_without_comments_says_so_in_one_line_per_chart_not_with_empty_axes() {
        let may = report_of_2024(5);
        let empty = may.sections.iter().filter(|s| matches!(s.body, SectionBody::Empty(_))).count();
        assert!(empty >= 3, "every chart section of the default layout: {empty}");
        assert_eq!(may.charts().count(), 0);
        assert!(may.sections.iter().any(|s| matches!(s.body, SectionBody::Kpi(_))), "the change still shows");
        let html = report_html(&may);
        assert!(!html.contains("<svg"), "no empty axes drawn");
        assert_eq!(
            html.matches("<p class=\"note empty\">この期間のコメントはありません。</p>").count(),
            empty
        );
        // With comments, the same sections are charts.
        let april = report_of_2024(4);
        assert!(april.sections.iter().all(|s| !matches!(s.body, SectionBody::Empty(_))));
        assert_eq!(april.charts().count(), empty);
    }

    #[test]
    fn a_table_longer_than_a_dozen_rows_goes_to_the_appendix_and_its_chart_stays() {
        let report = report_of_2024(4);
        let volume = report.charts().find(|c| c.id == "volume").expect("volume");
        let table = volume.table(Lang::Ja);
        assert_eq!(table.rows.len(), 30, "April by day");
        assert_eq!(report.appendix_number("volume"), Some(1), "longer than a dozen rows");
        let html = report_html(&report);
        let section_start = html.find("data-section=\"volume\"").expect("volume section");
        let section =
            &html[section_start..html[section_start..].find("</section>").expect("end") + section_start];
        assert!(section.contains("<svg"), "the chart stays in place");
        assert!(!section.contains("<table"), "the long table is not under it");
        assert!(section.contains("データ表は付録 1 にあります。"));
        let appendix = &html[html.find("<div class=\"appendix\">").expect("an appendix")..];
        assert!(appendix.contains("<h2>付録：データ表</h2>"));
        assert!(appendix.contains("<h3 id=\"appendix-1\">1. "));
        let first = &appendix[..appendix.find("</table>").expect("a table")];
        assert_eq!(first.matches("<tr>").count(), 31, "the head and every day");
        assert_eq!(appendix.matches("<table").count(), report.long_tables().len());
        // The KPI table is short: it stays in its section.
        let kpi_start = html.find("data-section=\"kpi\"").expect("kpi");
        let kpi = &html[kpi_start..html[kpi_start..].find("</section>").expect("end") + kpi_start];
        assert!(kpi.contains("<table"));
    }

    #[test]
    fn stacked_bars_reach_the_category_total_and_tags_keep_their_colour() {
        let chart = ChartModel {
            id: "t".into(),
            title: "t".into(),
            kind: ChartKind::StackedBar,
            category_label: "月".into(),
            categories: vec!["4月".into(), "5月".into()],
            series: vec![
                Series { name: "X".into(), values: vec![1, 3], colour: None },
                Series { name: "電話".into(), values: vec![1, 1], colour: Some("#c62828".into()) },
            ],
            note: None,
            share_of: None,
            show_total: true,
            category_colours: None,
            ..ChartModel::default()
        };
        let svg = chart_svg(&chart);
        assert_eq!(svg.matches("<rect").count(), 4 + 2, "four bars and two legend keys");
        // The tallest stack (5月: 4) spans the whole plot height of 240.
        assert!(svg.contains(r#"height="180.0""#) && svg.contains(r#"height="60.0""#), "{svg}");
        assert_eq!(svg.matches("#c62828").count(), 3, "the tag's colour on both bars and its key");
        assert_eq!(chart.table(Lang::Ja).rows[1], ["5月", "3", "1", "4"]);
    }

    #[test]
    fn a_hostile_colour_never_reaches_the_svg_and_the_report_forbids_script() {
        let hostile = "#000\" onload=\"alert(1)\"/><script>document.title='pwned'</script><rect fill=\"";
        let chart = ChartModel {
            id: "t".into(),
            title: "t".into(),
            kind: ChartKind::Bar,
            category_label: "月".into(),
            categories: vec!["4月".into()],
            series: vec![Series { name: "X".into(), values: vec![1], colour: Some(hostile.into()) }],
            note: None,
            share_of: None,
            show_total: false,
            category_colours: Some(vec![hostile.into()]),
            ..ChartModel::default()
        };
        let svg = chart_svg(&chart);
        assert!(!svg.contains("onload") && !svg.contains("<script"), "{svg}");
        assert!(svg.contains(crate::report::PALETTE[0]), "drawn in the palette's colour instead");

        let report = build_report(&Project::new(), Period::month(2024, 4).expect("April"), Lang::En, true);
        let html = report_html(&report);
        let policy = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{REPORT_POLICY}\">");
        assert!(html.contains(&policy), "the report carries its own policy");
        assert!(REPORT_POLICY.starts_with("default-src 'none'") && !REPORT_POLICY.contains("script-src"));
    }
}
