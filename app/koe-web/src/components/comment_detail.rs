use chrono::NaiveDate;
use koe_core::project::response::{Response, ResponseStatus};
use koe_core::text::date_text;
use koe_core::{Command, CommentId};
use leptos::prelude::*;

use super::comment_grid::{TagChip, TagGroups, TagPicker, chips_of};
use crate::state::expect_project_state;
use crate::state::workbench::expect_workbench;

/// The comment opened with Enter or a double click: its whole text, where it came from, its
/// tags and its response tracking.
#[component]
pub fn CommentDetail() -> impl IntoView {
    let bench = expect_workbench();
    move || bench.detail.get().map(|id| view! { <DetailPanel id /> })
}

#[component]
fn DetailPanel(id: CommentId) -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    let Some(comment) = state.with_project_untracked(|p| p.comment(id).cloned()) else {
        return ().into_any();
    };
    let source = (state.texts().source_label)(
        &comment.source.file,
        comment.source.sheet.as_deref(),
        comment.source.line,
    );
    let date = comment.date.map(date_text::ymd_hm).unwrap_or_default();
    let response =
        move || state.with_project(|p| p.comment(id).map(|c| (*c.response).clone()).unwrap_or_default());
    let set_response = move |change: &dyn Fn(&mut Response)| {
        let mut next = response();
        change(&mut next);
        state.apply(Command::SetResponse { comment: id, response: next });
    };
    let chips = move || state.with_project(|p| chips_of(p, id, None));
    let tag_groups = TagGroups::memo();
    let pinned = move || state.with_project(|p| p.report().quotes.contains(&id));
    let toggle_quote = move |_| {
        let next =
            state.with_project_untracked(|p| p.report().with_quote(id, !p.report().quotes.contains(&id)));
        state.apply(Command::SetReport(next));
    };
    view! {
        <aside class="koe-panel koe-detail" data-testid="comment-detail" aria-label=move || state.texts().detail_heading>
            <header class="koe-detail__head">
                <h2>{move || state.texts().detail_heading}</h2>
                <button class="koe-button" data-testid="detail-close" on:click=move |_| bench.detail.set(None)>
                    {move || state.texts().close}
                </button>
            </header>
            <p class="koe-detail__text" data-testid="detail-text">{comment.text.to_string()}</p>
            <OtherCoders id />
            <button
                class="koe-button"
                data-testid="pin-quote"
                aria-pressed=move || pinned().to_string()
                on:click=toggle_quote
            >
                {move || if pinned() { state.texts().report.unpin_quote } else { state.texts().report.pin_quote }}
            </button>
            <dl class="koe-detail__meta">
                <dt>{move || state.texts().col_date}</dt>
                <dd>{date}</dd>
                <dt>{move || state.texts().col_channel}</dt>
                <dd>{comment.channel.clone()}</dd>
                <dt>{move || state.texts().column_author}</dt>
                <dd>{comment.author.to_string()}</dd>
                <dt>{move || state.texts().column_url}</dt>
                <dd class="koe-detail__url">{comment.url.to_string()}</dd>
                <dt>{move || state.texts().source_heading}</dt>
                <dd>{source}</dd>
                {comment
                    .attributes
                    .iter()
                    .map(|(name, value)| view! { <dt>{name.clone()}</dt> <dd>{value.clone()}</dd> })
                    .collect_view()}
            </dl>
            <div class="koe-detail__tags">
                <ul class="koe-chips">
                    {move || {
                        chips()
                            .into_iter()
                            .map(|(tag, name, colour, by_rule)| view! { <TagChip id tag name colour by_rule /> })
                            .collect_view()
                    }}
                </ul>
                <TagPicker id=Signal::stored(Some(id)) groups=tag_groups />
            </div>
            <fieldset class="koe-detail__response">
                <legend>{move || state.texts().response_heading}</legend>
                <label>
                    <input
                        type="checkbox"
                        data-testid="response-needed"
                        prop:checked=move || response().needed
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            set_response(&|r| r.needed = on);
                        }
                    />
                    {move || state.texts().response_needed}
                </label>
                <label>
                    {move || state.texts().response_status}
                    <select
                        data-testid="response-status"
                        on:change=move |ev| {
                            let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                            let status = ResponseStatus::ALL.get(index).copied().unwrap_or_default();
                            set_response(&|r| r.status = status);
                        }
                    >
                        {ResponseStatus::ALL
                            .into_iter()
                            .enumerate()
                            .map(|(index, status)| {
                                view! {
                                    <option value=index.to_string() selected=move || response().status == status>
                                        {move || (state.texts().report.response_status)(status)}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    {move || state.texts().response_date}
                    <input
                        type="date"
                        data-testid="response-date"
                        prop:value=move || response().responded_on.map(|d| d.to_string()).unwrap_or_default()
                        on:change=move |ev| {
                            let day = NaiveDate::parse_from_str(&event_target_value(&ev), "%Y-%m-%d").ok();
                            set_response(&|r| r.responded_on = day);
                        }
                    />
                </label>
                <label>
                    {move || state.texts().response_person}
                    <input
                        type="text"
                        data-testid="response-person"
                        prop:value=move || response().person
                        on:change=move |ev| {
                            let person = event_target_value(&ev);
                            set_response(&|r| r.person = person.trim().to_owned());
                        }
                    />
                </label>
                <label class="koe-detail__note">
                    {move || state.texts().response_note}
                    <textarea
                        data-testid="response-note"
                        prop:value=move || response().note
                        on:change=move |ev| {
                            let note = event_target_value(&ev);
                            set_response(&|r| r.note = note.clone());
                        }
                    ></textarea>
                </label>
            </fieldset>
        </aside>
    }
    .into_any()
}

/// Other coders' tags on the comment, unless this person codes blind.
#[component]
fn OtherCoders(id: koe_core::CommentId) -> impl IntoView {
    let state = expect_project_state();
    let blind = use_context::<crate::state::BlindCoding>().map(|b| b.0);
    move || {
        if blind.is_some_and(|b| b.get()) {
            return None;
        }
        let t = koe_core::project::team_texts::team_texts(state.lang());
        let lines: Vec<String> = state.with_project(|p| {
            p.team()
                .codings
                .iter()
                .filter_map(|coding| {
                    let tags = coding.tags.get(&id)?;
                    let names: Vec<&str> =
                        tags.iter().filter_map(|t| p.codebook().tag(*t).map(|t| t.name.as_str())).collect();
                    Some((t.other_coder)(
                        &coding.coder,
                        &if names.is_empty() { t.none.to_owned() } else { names.join("、") },
                    ))
                })
                .collect()
        });
        (!lines.is_empty()).then(|| {
            view! {
                <ul class="koe-detail__coders" data-testid="detail-other-coders">
                    {lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
