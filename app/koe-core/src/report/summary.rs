//! The report's opening lines, written from its own figures without any language model: a
//! manager who reads only these learns the volume, what changed beyond chance, the largest
//! topic and how many customers were answered. Each sentence names the section it comes from.

use crate::query::aggregate::ResponseSummary;
use crate::report::period::Comparison;
use crate::report::share_text;
use crate::report::texts::{NamedChange, report_texts};
use crate::sorting::sort_by;
use crate::text::lang::Lang;

/// Tags named at most, among the risers and among the fallers.
pub const CHANGES_NAMED: usize = 3;

/// One sentence of the summary and the section it is read from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SummarySentence {
    /// The sentence.
    pub text: String,
    /// The id of the section whose figures it states, when the report has one.
    pub section: Option<String>,
}

/// The summary of a period: the written sentences, and the author's rewrite if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Sentences written from the figures.
    pub sentences: Vec<SummarySentence>,
    /// The author's text for this period, which replaces the sentences when printed.
    pub rewritten: Option<String>,
    /// The period's key, under which a rewrite is kept.
    pub period_key: String,
}

impl Summary {
    /// What the report prints: the rewrite, else the sentences in one paragraph.
    pub fn text(&self) -> String {
        match &self.rewritten {
            Some(text) => text.clone(),
            None => self.sentences.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "),
        }
    }
}

/// A tag's comments in the compared period and in this one, and whether the change is
/// significant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TagChange {
    /// The tag's name.
    pub name: String,
    /// Comments with it in the previous period.
    pub before: u64,
    /// Comments with it in this period.
    pub now: u64,
    /// Whether the change is significant (see [`crate::report::significance`]).
    pub significant: bool,
}

/// The figures a summary is written from.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryFacts {
    /// Comments in the period.
    pub comments: u64,
    /// Comments in the previous period.
    pub previous: u64,
    /// Comments in the same period a year earlier.
    pub year_ago: u64,
    /// Every tag of the topic group, with its change.
    pub changes: Vec<TagChange>,
    /// The negative share against the previous period, if the codebook has that tag.
    pub negative: Option<Comparison>,
    /// Responses over the period's comments.
    pub response: ResponseSummary,
}

/// The sections each kind of sentence links to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SummaryLinks {
    /// The volume sentence (the key figures or the volume chart).
    pub volume: Option<String>,
    /// The risers and fallers (the risers section of the topic group, else its breakdown).
    pub changes: Option<String>,
    /// The largest topic (the topic group's breakdown).
    pub largest: Option<String>,
    /// The negative share and the responses (the key figures).
    pub kpi: Option<String>,
}

/// The sentences of a summary, 1 for an empty period and 3 to 5 otherwise.
pub fn sentences(facts: &SummaryFacts, links: &SummaryLinks, lang: Lang) -> Vec<SummarySentence> {
    let t = report_texts(lang);
    let said = |text: String, section: &Option<String>| SummarySentence { text, section: section.clone() };
    let mut out =
        vec![said((t.summary_volume)(facts.comments, facts.previous, facts.year_ago), &links.volume)];
    if facts.comments == 0 {
        return out;
    }
    let named = |rising: bool| -> Vec<NamedChange> {
        let mut picked: Vec<&TagChange> = facts
            .changes
            .iter()
            .filter(|c| c.significant && if rising { c.now > c.before } else { c.now < c.before })
            .collect();
        sort_by(&mut picked, |a, b| {
            b.now.abs_diff(b.before).cmp(&a.now.abs_diff(a.before)).then(a.name.cmp(&b.name))
        });
        picked.into_iter().take(CHANGES_NAMED).map(|c| (c.name.clone(), c.before, c.now)).collect()
    };
    if !facts.changes.is_empty() {
        out.push(said((t.summary_changes)(&named(true), &named(false)), &links.changes));
    }
    let largest =
        facts.changes.iter().filter(|c| c.now > 0).max_by(|a, b| a.now.cmp(&b.now).then(b.name.cmp(&a.name)));
    if let Some(largest) = largest {
        let share = share_text(largest.now, facts.comments);
        out.push(said((t.summary_largest)(&largest.name, largest.now, &share), &links.largest));
    }
    // A negative share of nothing in either period says only that nothing was tagged.
    if let Some(negative) = facts.negative.filter(|n| n.current > 0.0 || n.other > 0.0) {
        let percent = |v: f64| format!("{:.1}%", v * 100.0);
        out.push(said(
            (t.summary_negative)(&percent(negative.current), &percent(negative.other)),
            &links.kpi,
        ));
    }
    let rate = facts.response.rate().map(|r| (r * 100.0).round() as u32);
    out.push(said((t.summary_response)(facts.response.needed, facts.response.answered, rate), &links.kpi));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(name: &str, before: u64, now: u64, significant: bool) -> TagChange {
        TagChange { name: name.to_owned(), before, now, significant }
    }

    fn facts() -> SummaryFacts {
        SummaryFacts {
            comments: 120,
            previous: 100,
            year_ago: 80,
            changes: vec![
                change("品質", 5, 40, true),
                change("価格", 30, 10, true),
                change("配送", 20, 24, false),
            ],
            negative: Some(Comparison { current: 0.25, other: 0.2 }),
            response: ResponseSummary { needed: 8, answered: 6, waiting: 2, median_days: Some(1.0) },
        }
    }

    #[test]
    fn the_summary_states_volume_significant_changes_only_the_largest_topic_and_responses() {
        let links = SummaryLinks {
            volume: Some("kpi".into()),
            changes: Some("risers".into()),
            largest: Some("distribution-2".into()),
            kpi: Some("kpi".into()),
        };
        let said = sentences(&facts(), &links, Lang::Ja);
        let texts: Vec<&str> = said.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "この期間のお客様の声は 120 件で、前期間の 100 件から 20% 増えました（前年同期は 80 件）。",
                "前期間より有意に増えたのは「品質」（5 → 40 件）、減ったのは「価格」（30 → 10 件）です。",
                "最も多いのは「品質」で、40 件（33.3%）でした。",
                "ネガティブの割合は 25.0% でした（前期間 20.0%）。",
                "対応が必要なコメント 8 件のうち 6 件（75%）に対応済みです。",
            ]
        );
        assert!(!texts.iter().any(|t| t.contains("配送")), "a change that is not significant is not named");
        let sections: Vec<Option<&str>> = said.iter().map(|s| s.section.as_deref()).collect();
        assert_eq!(sections, [Some("kpi"), Some("risers"), Some("distribution-2"), Some("kpi"), Some("kpi")]);
        let english = sentences(&facts(), &links, Lang::En);
        assert_eq!(
            english[0].text,
            "The period has 120 customer comments, up 20% from 100 in the previous period (80 a year earlier)."
        );
        assert_eq!(english.len(), 5);
    }

    #[test]
    fn without_significant_changes_it_says_so_and_an_empty_period_says_only_its_volume() {
        let mut calm = facts();
        for c in &mut calm.changes {
            c.significant = false;
        }
        calm.negative = Some(Comparison { current: 0.0, other: 0.0 });
        let said = sentences(&calm, &SummaryLinks::default(), Lang::Ja);
        assert_eq!(said[1].text, "前期間と比べて、統計的に有意に増えたり減ったりしたタグはありません。");
        assert!(!said.iter().any(|s| s.text.contains("ネガティブ")), "no negative share of nothing tagged");
        let empty = SummaryFacts { comments: 0, ..facts() };
        let said = sentences(&empty, &SummaryLinks::default(), Lang::Ja);
        assert_eq!(said.len(), 1);
        assert!(
            said[0].text.starts_with("この期間のお客様の声は 0 件で、前期間の 100 件から 100% 減りました")
        );
    }
}
