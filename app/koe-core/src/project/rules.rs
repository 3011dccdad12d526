//! Keyword rules: which comments each tag's rule matches, and what applying all rules changes.
//!
//! Terms are matched on the normalised text, so ｱｲﾌｫﾝ, アイフォン and ＡＢＣ / abc agree. A rule
//! only adds tags a person has not rejected and only removes tags a rule set; applying is one
//! [`Command::SetTaggings`](crate::Command::SetTaggings), so one undo takes it all back.

use regex_lite::Regex;

use crate::project::codebook::{Codebook, Rule, TagId};
use crate::project::comment::{Comment, CommentId};
use crate::project::tagging::Tagging;
use crate::text::lang::Lang;
use crate::text::normalize::normalize;

/// A rule ready to run: terms normalised, regex compiled.
#[derive(Clone, Debug)]
pub struct CompiledRule {
    /// The tag the rule sets.
    pub tag: TagId,
    any_of: Vec<String>,
    all_of: Vec<String>,
    none_of: Vec<String>,
    regex: Option<Regex>,
}

/// Longest regular expression a rule may have, in characters.
pub const MAX_REGEX_CHARS: usize = 300;
/// Most bytes a compiled regular expression may take: a pattern that blows up when compiled
/// (`(a{1,100}){1,100}`) is refused instead of slowing every comment's match.
const REGEX_SIZE_LIMIT: usize = 256 * 1024;
/// Deepest nesting of groups and repetitions a pattern may have.
const REGEX_NEST_LIMIT: u32 = 32;

/// Compiles a rule's pattern within Koe's limits (regex-lite matches in linear time, so
/// the size of the compiled pattern is what bounds a match's cost); the error says why not.
pub fn compile_regex(pattern: &str) -> Result<Regex, String> {
    let chars = pattern.chars().count();
    if chars > MAX_REGEX_CHARS {
        return Err(format!("{chars} > {MAX_REGEX_CHARS} characters"));
    }
    regex_lite::RegexBuilder::new(pattern)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

impl CompiledRule {
    /// Compiles a tag's rule; `Ok(None)` for a rule with nothing to match.
    pub fn new(tag: TagId, rule: &Rule) -> Result<Option<CompiledRule>, RuleError> {
        if rule.is_empty() {
            return Ok(None);
        }
        let terms = |list: &[String]| -> Vec<String> {
            list.iter().map(|t| normalize(t)).filter(|t| !t.is_empty()).collect()
        };
        let regex = match &rule.regex {
            Some(pattern) => Some(compile_regex(pattern).map_err(|detail| RuleError {
                tag,
                pattern: pattern.clone(),
                detail,
            })?),
            None => None,
        };
        Ok(Some(CompiledRule {
            tag,
            any_of: terms(&rule.any_of),
            all_of: terms(&rule.all_of),
            none_of: terms(&rule.none_of),
            regex,
        }))
    }

    /// Whether a normalised text matches.
    pub fn matches(&self, normalized: &str) -> bool {
        (self.any_of.is_empty() || self.any_of.iter().any(|t| normalized.contains(t.as_str())))
            && self.all_of.iter().all(|t| normalized.contains(t.as_str()))
            && !self.none_of.iter().any(|t| normalized.contains(t.as_str()))
            && self.regex.as_ref().is_none_or(|r| r.is_match(normalized))
    }
}

/// A regular expression that does not compile; its rule is skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// The tag whose rule it is.
    pub tag: TagId,
    /// The pattern as written.
    pub pattern: String,
    /// The regex engine's explanation.
    pub detail: String,
}

impl RuleError {
    /// What is wrong, in the user's language.
    pub fn message(&self, lang: Lang, codebook: &Codebook) -> String {
        let tag = codebook.tag(self.tag).map_or("?", |t| t.name.as_str());
        match lang {
            Lang::Ja => format!(
                "タグ「{tag}」の正規表現「{}」が読めないため、このルールは使いませんでした（{}）。",
                self.pattern, self.detail
            ),
            Lang::En => format!(
                "The regular expression “{}” of tag “{tag}” is not valid, so its rule was skipped ({}).",
                self.pattern, self.detail
            ),
        }
    }
}

/// What applying the rules would change, shown before the user applies it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RulePlan {
    /// The new tagging of every comment that changes, in project order.
    pub changes: Vec<(CommentId, Tagging)>,
    /// Tags added over all comments.
    pub added: usize,
    /// Rule tags taken off because their rule no longer matches.
    pub removed: usize,
    /// Rules that could not run.
    pub errors: Vec<RuleError>,
}

/// Compiles every tag's rule.
pub fn compile(codebook: &Codebook) -> (Vec<CompiledRule>, Vec<RuleError>) {
    let mut rules = Vec::new();
    let mut errors = Vec::new();
    for tag in &codebook.tags {
        match CompiledRule::new(tag.id, &tag.rule) {
            Ok(Some(rule)) => rules.push(rule),
            Ok(None) => {}
            Err(error) => errors.push(error),
        }
    }
    (rules, errors)
}

/// What applying all rules to these comments would change.
pub fn plan(codebook: &Codebook, comments: &[Comment]) -> RulePlan {
    let mut planner = RulePlanner::new(codebook);
    planner.step(codebook, comments, usize::MAX);
    planner.finish()
}

/// [`plan`] a slice at a time, so the page stays responsive at 200,000 comments. Give every
/// step the same codebook and comments (start again if either changed in between).
#[derive(Debug)]
pub struct RulePlanner {
    rules: Vec<CompiledRule>,
    plan: RulePlan,
    done: usize,
}

impl RulePlanner {
    /// Compiles the codebook's rules; nothing is looked at yet.
    pub fn new(codebook: &Codebook) -> Self {
        let (rules, errors) = compile(codebook);
        RulePlanner { rules, plan: RulePlan { errors, ..RulePlan::default() }, done: 0 }
    }

    /// Looks at up to `budget` more comments; `true` when all have been looked at.
    pub fn step(&mut self, codebook: &Codebook, comments: &[Comment], budget: usize) -> bool {
        let end = comments.len().min(self.done.saturating_add(budget));
        for comment in comments.get(self.done..end).unwrap_or_default() {
            let mut next = (*comment.tagging).clone();
            for rule in &self.rules {
                next = if rule.matches(comment.normalized()) {
                    next.with_rule_tag(rule.tag, codebook)
                } else {
                    next.without_rule_tag(rule.tag)
                };
            }
            // Rule tags whose tag has no rule any more (emptied) come off too.
            let stale: Vec<TagId> =
                next.by_rule.iter().copied().filter(|t| !self.rules.iter().any(|r| r.tag == *t)).collect();
            for tag in stale {
                next = next.without_rule_tag(tag);
            }
            if next != *comment.tagging {
                self.plan.added += next.tags.difference(&comment.tagging.tags).count();
                self.plan.removed += comment.tagging.tags.difference(&next.tags).count();
                self.plan.changes.push((comment.id, next));
            }
        }
        self.done = end;
        self.done == comments.len()
    }

    /// What applying the rules would change.
    pub fn finish(self) -> RulePlan {
        self.plan
    }
}

impl super::sliced::Sliced for RulePlanner {
    type Context = Codebook;
    type Output = RulePlan;

    fn step(&mut self, comments: &[Comment], codebook: &Codebook, budget: usize) -> bool {
        RulePlanner::step(self, codebook, comments, budget)
    }

    fn finish(self) -> RulePlan {
        RulePlanner::finish(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::comment::{NewComment, SourceRef};

    fn comment(id: u32, text: &str) -> Comment {
        let source = SourceRef { file: "t.csv".into(), sheet: None, line: 2 };
        Comment::from_new(CommentId(id), NewComment::new(text, source))
    }

    fn rule(any: &[&str], all: &[&str], none: &[&str], regex: Option<&str>) -> Rule {
        let list = |terms: &[&str]| terms.iter().map(|t| (*t).to_owned()).collect();
        Rule { any_of: list(any), all_of: list(all), none_of: list(none), regex: regex.map(str::to_owned) }
    }

    fn matches(rule: &Rule, text: &str) -> bool {
        let compiled = CompiledRule::new(TagId(0), rule).expect("valid").expect("not empty");
        compiled.matches(&normalize(text))
    }

    #[test]
    fn a_plan_made_in_slices_is_the_plan_made_at_once() {
        let mut codebook = Codebook::starter();
        if let Some(tag) = codebook.tags.first_mut() {
            tag.rule = rule(&[], &[], &[], Some("容器|パッケージ"));
        }
        let comments: Vec<Comment> = (0..25)
            .map(|i| {
                comment(i, ["容器が固い", "味が良い", "パッケージが新しい", "価格が高い"][i as usize % 4])
            })
            .collect();
        let whole = plan(&codebook, &comments);
        assert!(!whole.changes.is_empty());
        for budget in [1, 3, 7, 100] {
            let mut planner = RulePlanner::new(&codebook);
            let mut steps = 1;
            while !planner.step(&codebook, &comments, budget) {
                steps += 1;
            }
            let sliced = planner.finish();
            assert_eq!(
                (sliced.changes, sliced.added, sliced.removed),
                (whole.changes.clone(), whole.added, whole.removed)
            );
            assert!(steps >= comments.len() / budget, "it stopped between slices");
        }
    }

    #[test]
    fn a_pattern_too_long_or_too_big_when_compiled_is_refused_with_a_reason() {
        let long = "a".repeat(MAX_REGEX_CHARS + 1);
        assert!(compile_regex(&long).is_err_and(|e| e.contains("characters")));
        assert!(compile_regex("(a{1,100}){1,100}(b{1,100}){1,100}").is_err(), "blows up when compiled");
        assert!(compile_regex(&format!("{}a{}", "(".repeat(40), ")".repeat(40))).is_err(), "nested too deep");
        assert!(compile_regex("容器|パッケージ").is_ok());
        let error = CompiledRule::new(TagId(1), &rule(&[], &[], &[], Some(&long))).err();
        assert!(error.is_some_and(|e| e.detail.contains("301")));
    }

    #[test]
    fn any_all_none_and_regex_on_the_normalised_text() {
        let package = rule(&["開けにく", "固い"], &["容器"], &["開けやすい"], None);
        assert!(matches(&package, "容器のフタが固いです"));
        assert!(!matches(&package, "フタが固いです"), "all-of 容器 is missing");
        assert!(!matches(&package, "容器は固いけど開けやすい"), "none-of wins");
        assert!(matches(&rule(&["アイフォン"], &[], &[], None), "ｱｲﾌｫﾝで見ました"));
        assert!(matches(&rule(&["abc"], &[], &[], None), "ＡＢＣ商品"));
        assert!(matches(&rule(&[], &[], &[], Some("キャップ.*(固|硬)")), "キャップがとても硬い"));
        assert!(!matches(&rule(&[], &[], &[], Some("^キャップ")), "このキャップ"));
        assert!(
            CompiledRule::new(TagId(0), &Rule::default()).expect("ok").is_none(),
            "an empty rule matches nothing"
        );
        let broken = CompiledRule::new(TagId(3), &rule(&[], &[], &[], Some("(unclosed")));
        assert!(matches!(broken, Err(RuleError { tag: TagId(3), .. })));
    }

    #[test]
    fn plan_adds_matches_spares_rejections_and_drops_stale_rule_tags() {
        let mut book = Codebook::starter();
        for tag in &mut book.tags {
            tag.rule = Rule::default();
        }
        let price = book.tags.iter().find(|t| t.name == "価格").map(|t| t.id).expect("価格");
        book.tags.iter_mut().filter(|t| t.id == price).for_each(|t| t.rule = rule(&["値段"], &[], &[], None));
        let mut comments = vec![comment(0, "値段が高い"), comment(1, "値段は普通"), comment(2, "おいしい")];
        *comments[1].tagging = comments[1].tagging.with_removed(price);
        comments[1].tagging.rejected.insert(price);
        *comments[2].tagging = Tagging::default().with_rule_tag(price, &book);

        let plan = plan(&book, &comments);
        assert_eq!((plan.added, plan.removed), (1, 1));
        let changed: Vec<CommentId> = plan.changes.iter().map(|(id, _)| *id).collect();
        assert_eq!(changed, vec![CommentId(0), CommentId(2)], "the rejected comment is left alone");
        assert!(plan.changes[0].1.by_rule.contains(&price));
        assert!(plan.changes[1].1.tags.is_empty(), "a rule tag whose rule stopped matching comes off");
    }
}
