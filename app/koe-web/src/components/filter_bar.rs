use crate::io::sliced::run_sliced;
use chrono::NaiveDate;
use koe_core::Project;
use koe_core::TagId;
use koe_core::project::sliced::Sliced;
use koe_core::query::distinct::FilterChoices;
use koe_core::query::filter::{Filter, TagMode};
use koe_core::text::date_text;
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::timing::next_task;
use crate::state::expect_project_state;
use crate::state::workbench::expect_workbench;

/// Comments whose channels and column names are gathered per task (a few milliseconds).
const CHOICES_SLICE: usize = 50_000;

/// Filters that combine: search, tags (has / has not, AND / OR), dates, channel, another
/// column, untagged only, waiting for a response; and how many comments match.
#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    let filter = bench.filter;
    let update = move |change: &dyn Fn(&mut Filter)| filter.update(|f| change(f));
    // The channels and column names to choose from change only when comments are added or
    // removed; they are gathered after the views have updated, a slice of comments per task,
    // since at 200,000 comments one walk over all of them is a long task.
    let choices: RwSignal<(Vec<String>, Vec<String>)> = RwSignal::new((Vec::new(), Vec::new()));
    Effect::new(move |_| {
        let generation = state.comments_generation();
        spawn_local(async move {
            next_task().await;
            let step =
                |gathered: &mut FilterChoices, p: &Project, budget| gathered.step(p.comments(), &(), budget);
            // A newer list of comments is on its way: its own run gathers the choices.
            let wanted = move || state.comments_generation_untracked() == generation;
            let fresh = |_: &Project| FilterChoices::default();
            if wanted()
                && let Some(lists) = run_sliced(
                    state,
                    "koe:filter-choices",
                    CHOICES_SLICE,
                    FilterChoices::default(),
                    fresh,
                    step,
                    wanted,
                )
                .await
            {
                choices.set(lists);
            }
        });
    });
    let channels = Memo::new(move |_| choices.with(|(channels, _)| channels.clone()));
    let attribute_names = Memo::new(move |_| choices.with(|(_, names)| names.clone()));
    let tag_options = move || state.with_project(|p| p.codebook().tag_labels());
    let tag_name = move |id: TagId| state.with_project(|p| p.codebook().tag(id).map(|t| t.name.clone()));
    let parse_tag = |value: String| value.parse::<u32>().ok().map(TagId);
    let parse_day = |value: String| NaiveDate::parse_from_str(&value, "%Y-%m-%d").ok();
    let tag_select = move |testid: &'static str,
                           label: fn(&koe_core::ui::i18n::Texts) -> &'static str,
                           add: fn(&mut Filter, TagId)| {
        view! {
            <select
                data-testid=testid
                aria-label=move || label(state.texts())
                on:change=move |ev| {
                    let select: web_sys::HtmlSelectElement = event_target(&ev);
                    if let Some(tag) = parse_tag(select.value()) {
                        update(&|f| add(f, tag));
                    }
                    select.set_value("");
                }
            >
                <option value="" selected>{move || label(state.texts())}</option>
                {move || {
                    tag_options()
                        .into_iter()
                        .map(|(id, name)| view! { <option value=id.0.to_string()>{name}</option> })
                        .collect_view()
                }}
            </select>
        }
    };
    let chips = move |with: bool| {
        move || {
            let tags = filter.with(|f| if with { f.with_tags.clone() } else { f.without_tags.clone() });
            tags.into_iter()
                .map(|tag| {
                    let name = tag_name(tag).unwrap_or_default();
                    let label = if with { name } else { format!("¬ {name}") };
                    view! {
                        <li class="koe-chip koe-chip--filter">
                            <span>{label}</span>
                            <button
                                class="koe-chip__remove"
                                aria-label=move || state.texts().remove_tag
                                on:click=move |_| {
                                    update(&|f| {
                                        f.with_tags.retain(|t| *t != tag);
                                        f.without_tags.retain(|t| *t != tag);
                                    })
                                }
                            >
                                "×"
                            </button>
                        </li>
                    }
                })
                .collect_view()
        }
    };
    // The rarer conditions stay behind 「詳しい条件」 unless one of them is in use.
    let more = RwSignal::new(false);
    let more_in_use = move || {
        filter.with(|f| {
            f.tag_mode == TagMode::Any
                || !f.without_tags.is_empty()
                || f.from.is_some()
                || f.to.is_some()
                || f.untagged
                || f.attribute.is_some()
        })
    };
    let more_shown = move || more.get() || more_in_use();
    view! {
        <section class="koe-panel koe-filters" aria-label=move || state.texts().filters_heading>
            <div class="koe-filters__row">
                <input
                    type="search"
                    class="koe-filters__search"
                    data-testid="filter-input"
                    node_ref=bench.search
                    on:focus=move |_| bench.prepare_search()
                    on:blur=move |_| bench.leave_search()
                    placeholder=move || state.texts().search_placeholder
                    aria-label=move || state.texts().search_placeholder
                    prop:value=move || filter.with(|f| f.text.clone())
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        update(&|f| f.text = text.clone());
                    }
                />
                <button
                    class="koe-button"
                    data-testid="filter-kwic"
                    disabled=move || filter.with(|f| search_word(&f.text).is_none())
                    aria-pressed=move || bench.kwic.with(Option::is_some).to_string()
                    on:click=move |_| bench.kwic.set(filter.with_untracked(|f| search_word(&f.text)))
                >
                    {move || state.texts().report.show_kwic}
                </button>
                {tag_select("filter-with-tag", |t| t.filter_with_tag, |f, tag| {
                    if !f.with_tags.contains(&tag) {
                        f.with_tags.push(tag);
                    }
                })}
                <select
                    data-testid="filter-channel"
                    aria-label=move || state.texts().col_channel
                    on:change=move |ev| {
                        let channel = Some(event_target_value(&ev)).filter(|c| !c.is_empty());
                        update(&|f| f.channel = channel.clone());
                    }
                >
                    <option value="">{move || state.texts().all_channels}</option>
                    {move || {
                        channels
                            .get()
                            .into_iter()
                            .map(|c| view! { <option value=c.clone()>{c.clone()}</option> })
                            .collect_view()
                    }}
                </select>
                <label class="koe-filters__check">
                    <input
                        type="checkbox"
                        data-testid="filter-waiting"
                        prop:checked=move || filter.with(|f| f.waiting_response)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(&|f| f.waiting_response = on);
                        }
                    />
                    {move || state.texts().filter_waiting}
                </label>
                <button
                    class="koe-button koe-filters__more"
                    data-testid="filter-more"
                    aria-expanded=move || more_shown().to_string()
                    aria-controls="koe-filters-more"
                    prop:disabled=more_in_use
                    on:click=move |_| more.update(|open| *open = !*open)
                >
                    {move || state.texts().filter_more}
                    {move || if more_shown() { " ▴" } else { " ▾" }}
                </button>
                <button class="koe-button" data-testid="filter-clear" on:click=move |_| filter.set(Filter::default())>
                    {move || state.texts().filter_clear}
                </button>
                <p class="koe-filters__count" aria-live="polite">
                    {move || state.texts().matches_label}
                    " "
                    <strong data-testid="match-count">{move || bench.visible.with(Vec::len).to_string()}</strong>
                    {move || state.with_project(|p| format!(" / {}", p.comments().len()))}
                </p>
            </div>
            <ul class="koe-chips koe-filters__chips" hidden=move || filter.with(|f| f.with_tags.is_empty() && f.without_tags.is_empty())>
                {chips(true)}
                {chips(false)}
            </ul>
            <div class="koe-filters__row" id="koe-filters-more" hidden=move || !more_shown()>
                <select
                    data-testid="filter-mode"
                    aria-label=move || state.texts().filter_mode_label
                    on:change=move |ev| {
                        let mode = if event_target_value(&ev) == "any" { TagMode::Any } else { TagMode::All };
                        update(&|f| f.tag_mode = mode);
                    }
                >
                    <option value="all" selected=move || filter.with(|f| f.tag_mode == TagMode::All)>
                        {move || state.texts().filter_mode_all}
                    </option>
                    <option value="any" selected=move || filter.with(|f| f.tag_mode == TagMode::Any)>
                        {move || state.texts().filter_mode_any}
                    </option>
                </select>
                {tag_select("filter-without-tag", |t| t.filter_without_tag, |f, tag| {
                    if !f.without_tags.contains(&tag) {
                        f.without_tags.push(tag);
                    }
                })}
                <label>
                    {move || state.texts().filter_from}
                    <input
                        type="date"
                        data-testid="filter-from"
                        prop:value=move || filter.with(|f| f.from.map(|d| date_text::ymd(d, '-')).unwrap_or_default())
                        on:change=move |ev| {
                            let day = parse_day(event_target_value(&ev));
                            update(&|f| f.from = day);
                        }
                    />
                </label>
                <label>
                    {move || state.texts().filter_to}
                    <input
                        type="date"
                        data-testid="filter-to"
                        prop:value=move || filter.with(|f| f.to.map(|d| date_text::ymd(d, '-')).unwrap_or_default())
                        on:change=move |ev| {
                            let day = parse_day(event_target_value(&ev));
                            update(&|f| f.to = day);
                        }
                    />
                </label>
                <AttributeFilter names=attribute_names />
                <label class="koe-filters__check">
                    <input
                        type="checkbox"
                        data-testid="filter-untagged"
                        prop:checked=move || filter.with(|f| f.untagged)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            update(&|f| f.untagged = on);
                        }
                    />
                    {move || state.texts().filter_untagged}
                </label>
            </div>
        </section>
    }
}

/// A filter on another column of the imported files (店舗, 商品コード, …).
#[component]
fn AttributeFilter(names: Memo<Vec<String>>) -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    let name = RwSignal::new(String::new());
    let value = RwSignal::new(String::new());
    let apply = move || {
        let chosen = Some((name.get_untracked(), value.get_untracked().trim().to_owned()))
            .filter(|(n, v)| !n.is_empty() && !v.is_empty());
        bench.filter.update(|f| f.attribute = chosen);
    };
    move || {
        (!names.with(Vec::is_empty)).then(|| {
            view! {
                <span class="koe-filters__attribute">
                    <select
                        data-testid="filter-attribute"
                        aria-label=move || state.texts().filter_attribute
                        on:change=move |ev| {
                            name.set(event_target_value(&ev));
                            apply();
                        }
                    >
                        <option value="">{move || state.texts().filter_attribute}</option>
                        {names.get().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select>
                    <input
                        type="text"
                        data-testid="filter-attribute-value"
                        aria-label=move || state.texts().filter_attribute_value
                        placeholder=move || state.texts().filter_attribute_value
                        on:change=move |ev| {
                            value.set(event_target_value(&ev));
                            apply();
                        }
                    />
                </span>
            }
        })
    }
}

/// The word of the search a concordance is made of: its first word.
fn search_word(text: &str) -> Option<String> {
    text.split_whitespace().next().map(str::to_owned)
}
