use std::collections::BTreeSet;

use koe_core::report::kpi::comments_in;
use koe_core::report::kwic::{KwicOrder, concordance, sort_rows};
use koe_core::report::period::Period;
use koe_core::{Command, CommentId, TagId};
use leptos::prelude::*;

use super::app::Page;
use crate::state::report::expect_report;
use crate::state::workbench::Workbench;
use crate::state::{OpenComment, expect_project_state};

/// The frequent-terms section's words as buttons: each opens its concordance.
#[component]
pub fn TermButtons(words: Vec<String>) -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    view! {
        <div class="koe-terms koe-no-print">
            <p class="koe-note">{move || state.texts().report.terms_hint}</p>
            <ul class="koe-terms__list">
                {words
                    .into_iter()
                    .map(|word| {
                        let chosen = word.clone();
                        let pressed = word.clone();
                        let label = word.clone();
                        view! {
                            <li>
                                <button
                                    class="koe-button koe-terms__word"
                                    data-testid="term"
                                    data-term=word.clone()
                                    aria-pressed=move || (context.kwic.get().as_deref() == Some(pressed.as_str())).to_string()
                                    on:click=move |_| context.kwic.set(Some(chosen.clone()))
                                >
                                    {label}
                                </button>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
        <KwicPanel word=context.kwic period=Signal::derive(move || Some(context.period.get())) masked=context.masked />
    }
}

/// The concordance of a word: its left and right context, date, channel and tags, sortable
/// by either side; a row opens its comment. Rows can be chosen (a box, Space) and tagged at
/// once (the tag menu, or a tag's shortcut key), so a word is coded in one pass. Over the
/// comments of `period`, or, without one, over the comments the grid shows.
#[component]
pub fn KwicPanel(
    word: RwSignal<Option<String>>,
    #[prop(into)] period: Signal<Option<Period>>,
    #[prop(into)] masked: Signal<bool>,
) -> impl IntoView {
    let state = expect_project_state();
    let bench = use_context::<Workbench>();
    let order = RwSignal::new(KwicOrder::Date);
    let chosen = RwSignal::new(BTreeSet::<CommentId>::new());
    let tag = RwSignal::new(None::<TagId>);
    Effect::new(move |_| {
        word.track();
        chosen.set(BTreeSet::new());
    });
    let rows = Memo::new(move |_| {
        let word = word.get()?;
        let (masked, lang) = (masked.get(), state.lang());
        let mut rows = match period.get() {
            Some(period) => state.with_project(|p| concordance(comments_in(p, &period), &word, masked, lang)),
            None => bench?.visible.with(|ids| {
                state.with_project(|p| {
                    concordance(ids.iter().filter_map(|id| p.comment(*id)), &word, masked, lang)
                })
            }),
        };
        sort_rows(&mut rows, order.get());
        Some((word, rows))
    });
    let requested = use_context::<OpenComment>();
    let page = use_context::<RwSignal<Page>>();
    let open = move |id| {
        if let Some(OpenComment(requested)) = requested {
            requested.set(Some(id));
        }
        if let Some(page) = page {
            page.set(Page::Comments);
        }
        if let Some(bench) = bench {
            bench.selection.update(|s| s.set_current(id));
            bench.detail.set(Some(id));
        }
    };
    // Tags `tag` on the chosen rows, or on `fallback` when none is chosen: one undoable step.
    let add_tag = move |tag: TagId, fallback: Option<CommentId>| {
        let mut targets: Vec<CommentId> = chosen.get_untracked().into_iter().collect();
        if targets.is_empty() {
            targets.extend(fallback);
        }
        if !targets.is_empty() {
            state.apply(Command::AddTags(targets.into_iter().map(|id| (id, tag)).collect()));
        }
    };
    let tags = Memo::new(move |_| {
        state.with_project(|p| {
            p.codebook()
                .groups
                .iter()
                .flat_map(|g| {
                    p.codebook().tags_in(g.id).map(move |t| (t.id, format!("{} › {}", g.name, t.name)))
                })
                .collect::<Vec<_>>()
        })
    });
    let r = move || state.texts().report;
    move || {
        let (term, list) = rows.get()?;
        let count = list.len();
        let all: Vec<CommentId> = list.iter().map(|row| row.comment).collect();
        let every = all.clone();
        let all_chosen = move || !every.is_empty() && chosen.with(|c| every.iter().all(|id| c.contains(id)));
        Some(view! {
            <section class="koe-kwic koe-no-print" data-testid="kwic" data-term=term.clone() aria-live="polite">
                <div class="koe-kwic__head">
                    <h4>{(r().kwic_heading)(&term, count)}</h4>
                    <label>
                        {r().kwic_order_label} " "
                        <select
                            data-testid="kwic-sort"
                            on:change=move |ev| {
                                order.set(match event_target_value(&ev).as_str() {
                                    "left" => KwicOrder::Left,
                                    "right" => KwicOrder::Right,
                                    _ => KwicOrder::Date,
                                })
                            }
                        >
                            {[("date", KwicOrder::Date), ("left", KwicOrder::Left), ("right", KwicOrder::Right)]
                                .into_iter()
                                .map(|(value, kind)| {
                                    view! {
                                        <option value=value selected=move || order.get() == kind>{(r().kwic_order)(kind)}</option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </label>
                    <button class="koe-button" data-testid="kwic-close" on:click=move |_| word.set(None)>
                        {r().kwic_close}
                    </button>
                </div>
                <p class="koe-note">{r().kwic_row_hint}</p>
                <div class="koe-kwic__tagging">
                    <select data-testid="kwic-tag" aria-label=r().kwic_tag_label on:change=move |ev| {
                        tag.set(event_target_value(&ev).parse().ok().map(TagId));
                    }>
                        <option value="">{r().kwic_tag_label}</option>
                        {move || {
                            tags.get()
                                .into_iter()
                                .map(|(id, name)| view! { <option value=id.0.to_string() selected=move || tag.get() == Some(id)>{name}</option> })
                                .collect_view()
                        }}
                    </select>
                    <button
                        class="koe-button"
                        data-testid="kwic-add-tag"
                        disabled=move || tag.get().is_none() || chosen.with(BTreeSet::is_empty)
                        on:click=move |_| {
                            if let Some(tag) = tag.get_untracked() {
                                add_tag(tag, None);
                            }
                        }
                    >
                        {r().kwic_add_tag}
                    </button>
                    <span class="koe-note" data-testid="kwic-chosen">{move || (r().kwic_chosen)(chosen.with(BTreeSet::len))}</span>
                </div>
                <div class="koe-table-scroll">
                    <table class="koe-table koe-kwic__table">
                        <thead>
                            <tr>
                                <th scope="col">
                                    <input
                                        type="checkbox"
                                        data-testid="kwic-check-all"
                                        aria-label=r().kwic_choose_all
                                        prop:checked=all_chosen
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.set(if on { all.iter().copied().collect() } else { BTreeSet::new() });
                                        }
                                    />
                                </th>
                                <th scope="col" class="koe-kwic__left">{r().kwic_left}</th>
                                <th scope="col">{r().kwic_word}</th>
                                <th scope="col">{r().kwic_right}</th>
                                <th scope="col">{state.texts().col_date}</th>
                                <th scope="col">{state.texts().col_channel}</th>
                                <th scope="col">{state.texts().col_tags}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|row| {
                                    let id = row.comment;
                                    let toggle = move || chosen.update(|c| if !c.remove(&id) { c.insert(id); });
                                    let tags_of = move || {
                                        state.with_project(|p| {
                                            let codebook = p.codebook();
                                            p.comment(id)
                                                .map(|c| {
                                                    c.tags()
                                                        .iter()
                                                        .filter_map(|t| codebook.tag(*t).map(|t| t.name.clone()))
                                                        .collect::<Vec<_>>()
                                                        .join("、")
                                                })
                                                .unwrap_or_default()
                                        })
                                    };
                                    view! {
                                        <tr
                                            data-testid="kwic-row"
                                            data-comment=id.0.to_string()
                                            class:koe-kwic__row--chosen=move || chosen.with(|c| c.contains(&id))
                                            aria-selected=move || chosen.with(|c| c.contains(&id)).to_string()
                                            tabindex="0"
                                            on:click=move |_| open(id)
                                            on:keydown=move |ev| {
                                                let key = ev.key();
                                                if key == "Enter" {
                                                    open(id);
                                                } else if key == " " {
                                                    ev.prevent_default();
                                                    toggle();
                                                } else if !(ev.ctrl_key() || ev.meta_key() || ev.alt_key())
                                                    && let Some(c) = single_char(&key)
                                                    && let Some(tag) = state.with_project_untracked(|p| p.codebook().tag_for_shortcut(c).map(|t| t.id))
                                                {
                                                    ev.prevent_default();
                                                    add_tag(tag, Some(id));
                                                }
                                            }
                                        >
                                            <td on:click=move |ev| ev.stop_propagation()>
                                                <input
                                                    type="checkbox"
                                                    data-testid="kwic-check"
                                                    aria-label=r().kwic_choose
                                                    prop:checked=move || chosen.with(|c| c.contains(&id))
                                                    on:change=move |_| toggle()
                                                />
                                            </td>
                                            <td class="koe-kwic__left">{row.left}</td>
                                            <td class="koe-kwic__hit"><mark>{row.hit}</mark></td>
                                            <td class="koe-kwic__right">{row.right}</td>
                                            <td>{row.date}</td>
                                            <td>{row.channel}</td>
                                            <td class="koe-kwic__tags" data-testid="kwic-row-tags">{tags_of}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
                <p class="koe-note">{r().kwic_keys_hint}</p>
            </section>
        })
    }
}

/// The character of a key that types one.
fn single_char(key: &str) -> Option<char> {
    let mut chars = key.chars();
    let first = chars.next()?;
    chars.next().is_none().then_some(first)
}
