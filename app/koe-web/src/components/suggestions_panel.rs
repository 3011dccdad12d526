use koe_core::project::suggestions::{GroupSuggestions, NoSuggestions, suggest};
use koe_core::{Command, GroupId};
use leptos::prelude::*;

use crate::state::expect_project_state;

/// Suggestions listed one by one; the rest are accepted by threshold.
const LISTED: usize = 20;
/// Confidence thresholds offered for accepting all, in percent.
const THRESHOLDS: [u32; 5] = [95, 90, 80, 70, 50];

/// Learns a tag group from the user's own tagging and suggests tags for untagged comments,
/// saying honestly how often it agrees with the user on comments it did not learn from.
#[component]
pub fn SuggestionsPanel() -> impl IntoView {
    let state = expect_project_state();
    let groups = Memo::new(move |_| {
        state.with_project(|p| p.codebook().groups.iter().map(|g| (g.id, g.name.clone())).collect::<Vec<_>>())
    });
    let group = RwSignal::new(None::<GroupId>);
    let result = RwSignal::new(None::<Result<GroupSuggestions, NoSuggestions>>);
    let threshold = RwSignal::new(90u32);
    let train = move |_| {
        let chosen =
            group.get_untracked().or_else(|| groups.with_untracked(|g| g.first().map(|(id, _)| *id)));
        if let Some(chosen) = chosen {
            result.set(Some(state.with_project_untracked(|p| suggest(p, chosen))));
        }
    };
    let accept = move |pairs: Vec<(koe_core::CommentId, koe_core::TagId)>| {
        if pairs.is_empty() {
            return;
        }
        let accepted: Vec<_> = pairs.iter().map(|(id, _)| *id).collect();
        state.apply(Command::AddTags(pairs));
        result.update(|r| {
            if let Some(Ok(found)) = r {
                found.suggestions.retain(|(id, _)| !accepted.contains(id));
            }
        });
    };
    let above = move || {
        let limit = f64::from(threshold.get()) / 100.0;
        result.with(|r| match r {
            Some(Ok(found)) => found
                .suggestions
                .iter()
                .filter(|(_, s)| s.confidence >= limit)
                .map(|(id, s)| (*id, s.tag))
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };
    let tag_name =
        move |tag| state.with_project(|p| p.codebook().tag(tag).map(|t| t.name.clone()).unwrap_or_default());
    let text_of =
        move |id| state.with_project(|p| p.comment(id).map(|c| c.text.to_string()).unwrap_or_default());
    view! {
        <section class="koe-panel koe-suggest" aria-labelledby="koe-suggest-heading" data-testid="suggestions">
            <h2 id="koe-suggest-heading">{move || state.texts().suggest_heading}</h2>
            <p class="koe-hint">{move || state.texts().suggest_hint}</p>
            <div class="koe-suggest__controls">
                <select
                    data-testid="suggest-group"
                    aria-label=move || state.texts().suggest_group
                    on:change=move |ev| {
                        group.set(event_target_value(&ev).parse::<u32>().ok().map(GroupId));
                        result.set(None);
                    }
                >
                    {move || {
                        groups
                            .get()
                            .into_iter()
                            .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
                            .collect_view()
                    }}
                </select>
                <button class="koe-button koe-button--primary" data-testid="suggest-train" on:click=train>
                    {move || state.texts().suggest_train}
                </button>
            </div>
            {move || {
                result.get().map(|r| match r {
                    Err(NoSuggestions::TooFewExamples(n)) => {
                        view! { <p class="koe-notice" data-testid="suggest-quality">{(state.texts().suggest_too_few)(n)}</p> }.into_any()
                    }
                    Err(NoSuggestions::OneTagOnly) => {
                        view! { <p class="koe-notice" data-testid="suggest-quality">{state.texts().suggest_one_tag}</p> }.into_any()
                    }
                    Ok(found) => {
                        let e = found.evaluation;
                        let agreement = (e.agreement() * 100.0).round() as u32;
                        let baseline = (e.baseline() * 100.0).round() as u32;
                        let listed: Vec<_> = found.suggestions.iter().take(LISTED).copied().collect();
                        view! {
                            <p class="koe-notice" data-testid="suggest-quality" data-agreement=agreement.to_string() data-baseline=baseline.to_string()>
                                {move || (state.texts().suggest_quality)(agreement, e.held_out, baseline, found.examples)}
                            </p>
                            <div class="koe-suggest__controls">
                                <select
                                    data-testid="suggest-threshold"
                                    aria-label=move || state.texts().suggest_threshold
                                    on:change=move |ev| threshold.set(event_target_value(&ev).parse().unwrap_or(90))
                                >
                                    {THRESHOLDS
                                        .into_iter()
                                        .map(|t| view! { <option value=t.to_string() selected=move || threshold.get() == t>{format!("{t}%")}</option> })
                                        .collect_view()}
                                </select>
                                <button class="koe-button" data-testid="suggest-accept-all" on:click=move |_| accept(above())>
                                    {move || (state.texts().suggest_accept_all)(above().len(), threshold.get())}
                                </button>
                            </div>
                            <ul class="koe-suggest__list">
                                {listed
                                    .into_iter()
                                    .map(|(id, s)| {
                                        let percent = (s.confidence * 100.0).round() as u32;
                                        view! {
                                            <li data-testid="suggestion">
                                                <span class="koe-suggest__text">{text_of(id)}</span>
                                                <strong>{tag_name(s.tag)}</strong>
                                                <span>{format!("{percent}%")}</span>
                                                <button class="koe-button" data-testid="suggest-accept" on:click=move |_| accept(vec![(id, s.tag)])>
                                                    {move || state.texts().suggest_accept}
                                                </button>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any()
                    }
                })
            }}
        </section>
    }
}
