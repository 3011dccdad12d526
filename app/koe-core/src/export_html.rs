//! The standalone HTML report: one file that opens offline with no script, charts drawn as
//! inline SVG from the same report model the app shows, every text escaped.

use std::fmt::Write;

use crate::i18n::texts;
use crate::kpi::{KpiRow, KpiSummary};
use crate::lang::Lang;
use crate::report::{ChartKind, ChartModel, ReportModel};

/// Series colours, in order; the same order ECharts uses in the app.
const PALETTE: [&str; 9] =
    ["#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452", "#9a60b4", "#ea7ccc"];

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

/// A chart as an SVG bar chart (stacked when the model says so), with a legend.
pub fn chart_svg(chart: &ChartModel) -> String {
    let (width, height, left, bottom, top) = (720.0, 340.0, 48.0, 64.0, 36.0);
    let plot_height = height - bottom - top;
    let totals = chart.category_totals();
    let stacked = chart.kind == ChartKind::StackedBar;
    let max = if stacked {
        totals.iter().copied().max().unwrap_or(0)
    } else {
        chart.series.iter().flat_map(|s| s.values.iter().copied()).max().unwrap_or(0)
    }
    .max(1) as f64;
    let slot = (width - left - 8.0) / chart.categories.len().max(1) as f64;
    let series_count = if stacked { 1.0 } else { chart.series.len().max(1) as f64 };
    let bar = (slot * 0.7 / series_count).max(1.0);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{}">"#,
        escape(&chart.title)
    );
    for step in 0..=4 {
        let value = max * f64::from(step) / 4.0;
        let y = top + plot_height - plot_height * f64::from(step) / 4.0;
        let _ = write!(
            svg,
            r##"<line x1="{left}" x2="{}" y1="{y:.1}" y2="{y:.1}" stroke="#e0e6ee"/><text x="{}" y="{:.1}" font-size="11" text-anchor="end" fill="#5a6675">{value:.0}</text>"##,
            width - 8.0,
            left - 6.0,
            y + 4.0
        );
    }
    for (index, category) in chart.categories.iter().enumerate() {
        let x0 = left + slot * index as f64 + slot * 0.15;
        let mut base = 0.0;
        for (s, series) in chart.series.iter().enumerate() {
            let value = series.values.get(index).copied().unwrap_or(0) as f64;
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
                r#"<rect x="{x:.1}" y="{y:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"><title>{}: {value}</title></rect>"#,
                PALETTE[s % PALETTE.len()],
                escape(&format!("{category} / {}", series.name))
            );
        }
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="11" text-anchor="middle" fill="#1d2733">{}</text>"##,
            x0 + slot * 0.35,
            top + plot_height + 16.0,
            escape(category)
        );
    }
    for (s, series) in chart.series.iter().enumerate() {
        let x = left + 110.0 * s as f64;
        let _ = write!(
            svg,
            r##"<rect x="{x:.1}" y="8" width="12" height="12" fill="{}"/><text x="{:.1}" y="18" font-size="12" fill="#1d2733">{}</text>"##,
            PALETTE[s % PALETTE.len()],
            x + 16.0,
            escape(&series.name)
        );
    }
    svg.push_str("</svg>");
    svg
}

/// A chart's numbers as an HTML table.
fn chart_table(chart: &ChartModel, lang: Lang) -> String {
    let mut html = String::from("<table><thead><tr>");
    let _ = write!(html, "<th>{}</th>", escape(&chart.category_label));
    for series in &chart.series {
        let _ = write!(html, "<th>{}</th>", escape(&series.name));
    }
    let multi = chart.series.len() > 1;
    if multi {
        let _ = write!(html, "<th>{}</th>", escape(texts(lang).table_total));
    }
    html.push_str("</tr></thead><tbody>");
    for (index, (category, total)) in chart.categories.iter().zip(chart.category_totals()).enumerate() {
        let _ = write!(html, "<tr><th>{}</th>", escape(category));
        for series in &chart.series {
            let _ = write!(html, "<td>{}</td>", series.values.get(index).copied().unwrap_or(0));
        }
        if multi {
            let _ = write!(html, "<td>{total}</td>");
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table>");
    html
}

fn kpi_row(row: &KpiRow) -> String {
    let mut html = format!("<tr><th>{}</th>", escape(&row.label));
    for cell in row.comparison.cells(row.share) {
        let _ = write!(html, "<td>{cell}</td>");
    }
    html.push_str("</tr>");
    html
}

/// The whole report as one HTML document with no script: KPIs, then each chart with its table.
pub fn report_html(report: &ReportModel, kpi: &KpiSummary, lang: Lang) -> String {
    let t = texts(lang);
    let period = kpi.period.label(lang);
    let mut html = String::new();
    let _ = write!(
        html,
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
         <title>{} — {}</title><style>{}</style></head><body>",
        lang.code(),
        escape(t.report_heading),
        escape(&period),
        STYLE
    );
    let _ = write!(html, "<p class=\"confidential\">{} — {}</p>", escape(t.confidential), escape(&period));
    let _ = write!(html, "<h1>{}</h1>", escape(t.report_heading));
    let _ = write!(
        html,
        "<section><h2>{} — {}</h2><table><thead><tr><th></th>",
        escape(t.kpi_heading),
        escape(&period)
    );
    for column in t.kpi_columns {
        let _ = write!(html, "<th>{}</th>", escape(column));
    }
    html.push_str("</tr></thead><tbody>");
    for row in kpi.rows(lang) {
        html.push_str(&kpi_row(&row));
    }
    html.push_str("</tbody></table>");
    let rate = kpi.response.rate().map(|r| (r * 100.0).round() as u32);
    let _ = write!(
        html,
        "<p>{} {}</p></section>",
        escape(&(t.kpi_waiting)(kpi.waiting)),
        escape(&(t.report_response)(
            kpi.response.needed,
            kpi.response.answered,
            rate,
            kpi.response.median_days
        ))
    );
    for chart in &report.charts {
        let _ = write!(html, "<section><h2>{}</h2>{}", escape(&chart.title), chart_svg(chart));
        if let Some(note) = &chart.note {
            let _ = write!(html, "<p class=\"note\">{}</p>", escape(note));
        }
        html.push_str(&chart_table(chart, lang));
        html.push_str("</section>");
    }
    html.push_str("</body></html>");
    html
}

const STYLE: &str = "body{font-family:'Hiragino Sans','Yu Gothic UI',Meiryo,'Noto Sans CJK JP',sans-serif;color:#1d2733;\
max-width:60rem;margin:2rem auto;padding:0 1rem}h1{font-size:1.4rem}h2{font-size:1.1rem}\
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border-bottom:1px solid #d8dee6;padding:.25rem .6rem;\
text-align:right}th:first-child{text-align:left}.confidential{font-weight:700;border-bottom:2px solid #000}\
.note{color:#5a6675;font-size:.85rem}svg{max-width:100%;height:auto}\
@page{size:A4 portrait;margin:15mm}@media print{section{break-inside:avoid}section+section{break-before:page}}";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comment::{NewComment, SourceRef};
    use crate::dates::parse_local;
    use crate::kpi::kpi_summary;
    use crate::period::Period;
    use crate::project::{Command, Project};
    use crate::report::build_report;

    #[test]
    fn the_html_report_has_no_script_and_shows_hostile_text_as_text() {
        let hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        let mut project = Project::new();
        let comments = ["2024-04-02 10:00", "2024-04-03 10:00", "2024-03-05 10:00"]
            .iter()
            .map(|date| NewComment {
                date: parse_local(date),
                channel: hostile.to_owned(),
                ..NewComment::new(hostile, SourceRef { file: "x.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let report = build_report(&project, Lang::Ja);
        let kpi = kpi_summary(&project, Period::month(2024, 4).expect("April"));
        let html = report_html(&report, &kpi, Lang::Ja);
        assert!(html.starts_with("<!DOCTYPE html><html lang=\"ja\">"));
        assert!(!html.to_lowercase().contains("<script"), "no script at all");
        assert!(!html.contains("<img"), "customer text never becomes markup");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "it is shown as text");
        assert_eq!(html.matches("<svg").count(), report.charts.len());
        assert!(html.contains("社外秘 — 2024年4月"));
        assert!(html.contains("<td>2</td><td>1</td><td>+1</td><td>+100.0%</td>"), "April 2 vs March 1");
    }

    #[test]
    fn stacked_bars_reach_the_category_total() {
        let chart = ChartModel {
            id: "t",
            title: "t".into(),
            kind: ChartKind::StackedBar,
            category_label: "月".into(),
            categories: vec!["4月".into(), "5月".into()],
            series: vec![
                crate::report::Series { name: "X".into(), values: vec![1, 3] },
                crate::report::Series { name: "電話".into(), values: vec![1, 1] },
            ],
            note: None,
        };
        let svg = chart_svg(&chart);
        assert_eq!(svg.matches("<rect").count(), 4 + 2, "four bars and two legend keys");
        // The tallest stack (5月: 4) spans the whole plot height of 240.
        assert!(svg.contains(r#"height="180.0""#) && svg.contains(r#"height="60.0""#), "{svg}");
    }
}
