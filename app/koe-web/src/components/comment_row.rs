use koe_core::{Command, CommentId, TagId};
use leptos::prelude::*;

use crate::state::expect_project_state;

/// One comment: its date, channel and text (always as text, never as HTML) and its tags.
#[component]
pub fn CommentRow(id: CommentId) -> impl IntoView {
    let state = expect_project_state();
    // What was imported never changes, so it is read once; only the tags are reactive.
    let Some((date, channel, text)) = state.with_project(|p| {
        p.comment(id).map(|c| {
            let date = c.date.map(|d| d.format("%Y-%m-%d %H:%M").to_string()).unwrap_or_default();
            (date, c.channel.clone(), c.text.clone())
        })
    }) else {
        return ().into_any();
    };
    let tags = move || {
        state.with_project(|p| {
            let Some(comment) = p.comment(id) else {
                return Vec::new();
            };
            comment
                .tags()
                .iter()
                .filter_map(|t| p.codebook().tag(*t))
                .map(|t| (t.id, t.name.clone(), t.colour.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <tr class="koe-comments__row" data-testid="comment-row" data-comment-id=id.0.to_string()>
            <td class="koe-comments__date">{date}</td>
            <td class="koe-comments__channel">{channel}</td>
            <td class="koe-comments__text" data-testid="comment-text">{text}</td>
            <td class="koe-comments__tags">
                <ul class="koe-chips">
                    {move || {
                        tags()
                            .into_iter()
                            .map(|(tag, name, colour)| {
                                view! {
                                    <li class="koe-chip" data-testid="tag-chip" style=format!("--koe-tag-colour: {colour}")>
                                        <span>{name}</span>
                                        <button
                                            class="koe-chip__remove"
                                            data-testid="tag-remove"
                                            aria-label=move || state.texts().remove_tag
                                            on:click=move |_| {
                                                state.apply(Command::RemoveTag { comment: id, tag });
                                            }
                                        >
                                            "×"
                                        </button>
                                    </li>
                                }
                            })
                            .collect_view()
                    }}
                </ul>
                <TagPicker id />
            </td>
        </tr>
    }
    .into_any()
}

/// A menu of the codebook's tags, grouped; choosing one adds it to the comment.
#[component]
fn TagPicker(id: CommentId) -> impl IntoView {
    let state = expect_project_state();
    let groups = state.with_project(|p| {
        let codebook = p.codebook();
        codebook
            .groups
            .iter()
            .map(|g| {
                let tags: Vec<(TagId, String)> =
                    codebook.tags_in(g.id).map(|t| (t.id, t.name.clone())).collect();
                (g.name.clone(), tags)
            })
            .collect::<Vec<_>>()
    });
    let on_change = move |ev: web_sys::Event| {
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        if let Ok(tag) = select.value().parse::<u32>() {
            state.apply(Command::AddTag { comment: id, tag: TagId(tag) });
        }
        select.set_value("");
    };
    view! {
        <select class="koe-tag-picker" data-testid="tag-select" aria-label=move || state.texts().add_tag on:change=on_change>
            <option value="" selected>{move || state.texts().add_tag}</option>
            {groups
                .into_iter()
                .map(|(group, tags)| {
                    view! {
                        <optgroup label=group>
                            {tags
                                .into_iter()
                                .map(|(tag, name)| view! { <option value=tag.0.to_string()>{name}</option> })
                                .collect_view()}
                        </optgroup>
                    }
                })
                .collect_view()}
        </select>
    }
}
