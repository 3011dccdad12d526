use koe_core::report::kwic::{KwicOrder, concordance, sort_rows};
use koe_core::report::period::Period;
use leptos::prelude::*;

use super::app::Page;
use crate::state::report::expect_report;
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
        <KwicPanel />
    }
}

/// The concordance of the chosen word over the period's comments: the word with its left and
/// right context, date and channel, sortable by either side; a row opens its comment.
#[component]
fn KwicPanel() -> impl IntoView {
    let state = expect_project_state();
    let context = expect_report();
    let order = RwSignal::new(KwicOrder::Date);
    let rows = Memo::new(move |_| {
        let word = context.kwic.get()?;
        let period: Period = context.period.get();
        let (masked, lang) = (context.masked.get(), state.lang());
        let mut rows = state.with_project(|p| {
            let in_period = p.comments().iter().filter(|c| c.date.is_some_and(|d| period.contains(d)));
            concordance(in_period, &word, masked, lang)
        });
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
    };
    let r = move || state.texts().report;
    move || {
        let (word, list) = rows.get()?;
        let count = list.len();
        Some(view! {
            <section class="koe-kwic koe-no-print" data-testid="kwic" data-term=word.clone() aria-live="polite">
                <div class="koe-kwic__head">
                    <h4>{(r().kwic_heading)(&word, count)}</h4>
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
                    <button class="koe-button" data-testid="kwic-close" on:click=move |_| context.kwic.set(None)>
                        {r().kwic_close}
                    </button>
                </div>
                <p class="koe-note">{r().kwic_row_hint}</p>
                <div class="koe-table-scroll">
                    <table class="koe-table koe-kwic__table">
                        <thead>
                            <tr>
                                <th scope="col" class="koe-kwic__left">{r().kwic_left}</th>
                                <th scope="col">{r().kwic_word}</th>
                                <th scope="col">{r().kwic_right}</th>
                                <th scope="col">{state.texts().col_date}</th>
                                <th scope="col">{state.texts().col_channel}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list
                                .into_iter()
                                .map(|row| {
                                    let id = row.comment;
                                    view! {
                                        <tr
                                            data-testid="kwic-row"
                                            data-comment=id.0.to_string()
                                            tabindex="0"
                                            on:click=move |_| open(id)
                                            on:keydown=move |ev| {
                                                if ev.key() == "Enter" {
                                                    open(id);
                                                }
                                            }
                                        >
                                            <td class="koe-kwic__left">{row.left}</td>
                                            <td class="koe-kwic__hit"><mark>{row.hit}</mark></td>
                                            <td class="koe-kwic__right">{row.right}</td>
                                            <td>{row.date}</td>
                                            <td>{row.channel}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
        })
    }
}
