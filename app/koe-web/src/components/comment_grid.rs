use koe_core::query::filter::SortColumn;
use koe_core::text::date_text;
use koe_core::{Command, CommentId, GroupId, Project, TagId};
use leptos::prelude::*;

use crate::state::expect_project_state;
use crate::state::workbench::{ROW_HEIGHT, expect_workbench};

/// Rows rendered above and below the viewport, so fast scrolling shows no gaps.
const OVERSCAN: usize = 6;

/// The comments as a grid: date, channel, text, one column per tag group, response. Only the
/// rows in view are in the page, so 200k comments scroll as smoothly as 20.
#[component]
pub fn CommentGrid() -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    // One list of the codebook's tags for every row's menu: an edit that leaves the codebook
    // alone compares it once, not once per visible row. The columns are its groups.
    let tag_groups = TagGroups::memo();
    let groups = Memo::new(move |_| tag_groups.with(TagGroups::columns));
    // One style for every row, made again only when the groups change (each row reads it as
    // it scrolls).
    let columns = Memo::new(move |_| {
        format!(
            "grid-template-columns: 2.25rem 8.25rem 6rem minmax(14rem, 1fr) repeat({}, 7rem) 5rem 7rem",
            groups.with(Vec::len)
        )
    });
    // The rows in view (and a few either side) as a range of positions in the visible list.
    // The grid's k-th row shows position start + k: scrolling replaces the texts of the rows
    // it has (the page keeps them in view order) and adds or drops rows only at the end.
    // Building a row for each position scrolled in (each with its menu of every tag), or
    // moving rows around the page, took most of a scrolled frame.
    let range = Memo::new(move |_| {
        let first = (bench.scroll_top.get() / ROW_HEIGHT) as usize;
        let start = first.saturating_sub(OVERSCAN);
        let end = (first + bench.view_rows.get() + OVERSCAN).min(bench.visible.with(Vec::len));
        RowRange { start: start.min(end), end }
    });
    let window = move || range.with(|r| (0..r.end - r.start).collect::<Vec<_>>());
    let total = move || bench.visible.with(Vec::len);
    let header = move |column: SortColumn, label: Signal<String>| {
        let arrow = move || match bench.sort.get() {
            (c, false) if c == column => " ▲",
            (c, true) if c == column => " ▼",
            _ => "",
        };
        view! {
            <div role="columnheader" class="koe-grid__head-cell">
                <button
                    class="koe-grid__sort"
                    on:click=move |_| {
                        bench.sort.update(|(c, descending)| {
                            if *c == column {
                                *descending = !*descending;
                            } else {
                                *c = column;
                                *descending = false;
                            }
                        })
                    }
                >
                    {label}
                    {arrow}
                </button>
            </div>
        }
    };
    view! {
        <div
            class="koe-grid"
            role="grid"
            aria-rowcount=move || (total() + 1).to_string()
            data-testid="comment-grid"
            node_ref=bench.grid
            style=move || format!("height: {}px; overflow: auto", ROW_HEIGHT * (bench.view_rows.get() as f64 + 1.0))
            on:scroll=move |ev| {
                let element: web_sys::Element = event_target(&ev);
                bench.scroll_top.set(f64::from(element.scroll_top()));
            }
        >
            <div class="koe-grid__row koe-grid__row--head" role="row" style=columns>
                <div role="columnheader" class="koe-grid__head-cell"></div>
                {header(SortColumn::Date, Signal::derive(move || state.texts().col_date.to_owned()))}
                {header(SortColumn::Channel, Signal::derive(move || state.texts().col_channel.to_owned()))}
                {header(SortColumn::Text, Signal::derive(move || state.texts().col_text.to_owned()))}
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .map(|(id, name)| header(SortColumn::Group(id), Signal::derive(move || name.clone())))
                        .collect_view()
                }}
                {header(SortColumn::Response, Signal::derive(move || state.texts().col_response.to_owned()))}
                <div role="columnheader" class="koe-grid__head-cell">{move || state.texts().col_tags}</div>
            </div>
            <div class="koe-grid__body" style=move || format!("height: {}px", total() as f64 * ROW_HEIGHT)>
                <For each=window key=|place| *place let(place)>
                    <GridRow place range columns groups tag_groups />
                </For>
            </div>
        </div>
    }
}

/// The visible positions the grid has rows for, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RowRange {
    start: usize,
    end: usize,
}

impl RowRange {
    /// The position the grid's row number `place` shows.
    fn position(&self, place: usize) -> Option<usize> {
        Some(self.start + place).filter(|position| *position < self.end)
    }
}

/// The grid's row number `place`, showing whichever comment is there as the grid scrolls.
#[component]
fn GridRow(
    place: usize,
    range: Memo<RowRange>,
    columns: Memo<String>,
    groups: Memo<Vec<(GroupId, String)>>,
    tag_groups: Memo<TagGroups>,
) -> impl IntoView {
    let state = expect_project_state();
    let bench = expect_workbench();
    // (position in the visible list, comment) shown by this row.
    let shown = Memo::new(move |_| {
        let position = range.with(|r| r.position(place))?;
        bench.visible.with(|ids| ids.get(position).map(|id| (position, *id)))
    });
    let id = Signal::derive(move || shown.get().map(|(_, id)| id));
    // A comment's date, channel and text never change: read once per comment shown, and again
    // when the comments change (a project opened in place of this one may give its id to
    // another comment).
    let fields = Memo::new(move |_| {
        let id = id.get()?;
        state.comments_generation();
        state.with_project_untracked(|p| {
            p.comment(id).map(|c| {
                let date = c.date.map(date_text::ymd_hm).unwrap_or_default();
                (date, c.channel.to_string(), c.text.to_string())
            })
        })
    });
    let field = move |pick: fn(&(String, String, String)) -> &String| {
        move || fields.with(|f| f.as_ref().map(|f| pick(f).clone()).unwrap_or_default())
    };
    let selected = move || id.get().is_some_and(|id| bench.selection.with(|s| s.is_chosen(id)));
    let current = move || id.get().is_some_and(|id| bench.selection.with(|s| s.current() == Some(id)));
    let response = move || {
        let id = id.get()?;
        state.with_project(|p| {
            p.comment(id)
                .filter(|c| c.response.needed)
                .map(|c| (state.texts().report.response_status)(c.response.status))
        })
    };
    let with_id = move |act: &dyn Fn(CommentId)| {
        if let Some(id) = id.get_untracked() {
            act(id);
        }
    };
    view! {
        <div
            class="koe-grid__row"
            class:koe-grid__row--selected=selected
            class:koe-grid__row--current=current
            role="row"
            aria-selected=move || selected().to_string()
            aria-rowindex=move || shown.get().map(|(position, _)| (position + 2).to_string())
            data-testid="comment-row"
            data-comment-id=move || id.get().map(|id| id.0.to_string())
            style=move || match shown.get() {
                Some((position, _)) => format!("{}; top: {}px", columns.get(), position as f64 * ROW_HEIGHT),
                None => "display: none".to_owned(),
            }
            on:click=move |_| with_id(&|id| bench.selection.update(|s| s.set_current(id)))
            on:dblclick=move |_| with_id(&|id| bench.detail.set(Some(id)))
        >
            <div role="gridcell" class="koe-grid__cell">
                <input
                    type="checkbox"
                    data-testid="row-select"
                    aria-label=move || state.texts().select_row
                    prop:checked=selected
                    on:click=move |ev| {
                        ev.stop_propagation();
                        with_id(&|id| bench.click_select(id, ev.shift_key()));
                    }
                />
            </div>
            <div role="gridcell" class="koe-grid__cell koe-grid__date">{field(|f| &f.0)}</div>
            <div role="gridcell" class="koe-grid__cell koe-grid__channel">{field(|f| &f.1)}</div>
            <div
                role="gridcell"
                class="koe-grid__cell koe-grid__text"
                data-testid="comment-text"
                title=field(|f| &f.2)
            >
                {field(|f| &f.2)}
            </div>
            {move || {
                groups.get().into_iter().map(|(group, _)| view! { <TagCell id group /> }).collect_view()
            }}
            <div role="gridcell" class="koe-grid__cell koe-grid__response">{response}</div>
            <div role="gridcell" class="koe-grid__cell">
                <TagPicker id groups=tag_groups />
            </div>
        </div>
    }
}

/// The tags of one group on one comment, as removable chips; rule-set tags look different.
#[component]
fn TagCell(id: Signal<Option<CommentId>>, group: GroupId) -> impl IntoView {
    let state = expect_project_state();
    let chips =
        move || id.get().map(|id| state.with_project(|p| chips_of(p, id, Some(group)))).unwrap_or_default();
    view! {
        <div role="gridcell" class="koe-grid__cell">
            <ul class="koe-chips">
                {move || {
                    chips()
                        .into_iter()
                        .map(|(tag, name, colour, by_rule)| {
                            let id = id.get_untracked();
                            id.map(|id| view! { <TagChip id tag name colour by_rule /> })
                        })
                        .collect_view()
                }}
            </ul>
        </div>
    }
}

/// A comment's tags as chips (id, name, colour, set by a rule), of one group or all.
pub fn chips_of(
    project: &Project,
    id: CommentId,
    group: Option<GroupId>,
) -> Vec<(TagId, String, String, bool)> {
    let Some(comment) = project.comment(id) else { return Vec::new() };
    comment
        .tags()
        .iter()
        .filter_map(|t| project.codebook().tag(*t))
        .filter(|t| group.is_none_or(|g| t.group == g))
        .map(|t| (t.id, t.name.clone(), t.colour.clone(), comment.tagging.by_rule.contains(&t.id)))
        .collect()
}

/// A tag on a comment, with a button that takes it off.
#[component]
pub fn TagChip(id: CommentId, tag: TagId, name: String, colour: String, by_rule: bool) -> impl IntoView {
    let state = expect_project_state();
    view! {
        <li
            class="koe-chip"
            class:koe-chip--rule=by_rule
            data-testid="tag-chip"
            data-by-rule=by_rule.to_string()
            title=move || by_rule.then(|| state.texts().set_by_rule)
            style=format!("--koe-tag-colour: {colour}")
        >
            <span>{name}</span>
            <button
                class="koe-chip__remove"
                data-testid="tag-remove"
                aria-label=move || state.texts().remove_tag
                on:click=move |ev| {
                    ev.stop_propagation();
                    state.apply(Command::RemoveTag { comment: id, tag });
                }
            >
                "×"
            </button>
        </li>
    }
}

/// A menu of the codebook's tags, grouped; choosing one adds it to the comment.
///
/// Every row of the grid has one, so its options are not built element by element: they
/// are cloned from one copy made per codebook ([`tag_options`]), a single call per row
/// scrolled into view instead of some sixty. `groups` ([`TagGroups::memo`]) is shared by
/// the menus on a page, so only a change to the codebook's groups or tags rebuilds them.
#[component]
pub fn TagPicker(#[prop(into)] id: Signal<Option<CommentId>>, groups: Memo<TagGroups>) -> impl IntoView {
    let state = expect_project_state();
    let menu = NodeRef::<leptos::html::Select>::new();
    Effect::new(move |_| {
        // `try_`: a row scrolled away while this waited to run is simply gone.
        let Some(select) = menu.try_get().flatten() else { return };
        // Everything after the first option (the prompt) is the codebook's.
        while let Some(extra) = select.first_element_child().and_then(|prompt| prompt.next_element_sibling())
        {
            extra.remove();
        }
        if let Some(options) = groups.try_with(tag_options).flatten() {
            let _ = select.append_child(&options);
        }
    });
    let on_change = move |ev: web_sys::Event| {
        let select: web_sys::HtmlSelectElement = event_target(&ev);
        if let (Ok(tag), Some(comment)) = (select.value().parse::<u32>(), id.get_untracked()) {
            state.apply(Command::AddTag { comment, tag: TagId(tag) });
        }
        select.set_value("");
    };
    view! {
        <select
            class="koe-tag-picker"
            data-testid="tag-select"
            node_ref=menu
            aria-label=move || state.texts().add_tag
            on:change=on_change
            on:click=|ev| ev.stop_propagation()
        >
            <option value="" selected>{move || state.texts().add_tag}</option>
        </select>
    }
}

/// The codebook's groups with their tags, as the tag menus list them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TagGroups(Vec<(GroupId, String, TagNames)>);

/// A group's tags in menu order: id and name.
type TagNames = Vec<(TagId, String)>;

impl TagGroups {
    /// The project's tag groups, recomputed on each edit but passed on only when they change.
    pub fn memo() -> Memo<TagGroups> {
        let state = expect_project_state();
        Memo::new(move |_| state.with_project(|p| TagGroups::of(p.codebook())))
    }

    fn of(codebook: &koe_core::project::codebook::Codebook) -> TagGroups {
        TagGroups(
            codebook
                .groups
                .iter()
                .map(|g| {
                    (g.id, g.name.clone(), codebook.tags_in(g.id).map(|t| (t.id, t.name.clone())).collect())
                })
                .collect(),
        )
    }

    /// The groups alone (id and name), one grid column each.
    fn columns(&self) -> Vec<(GroupId, String)> {
        self.0.iter().map(|(id, name, _)| (*id, name.clone())).collect()
    }
}

thread_local! {
    /// The last groups made into options, and those options, to clone.
    static TAG_OPTIONS: std::cell::RefCell<Option<(TagGroups, web_sys::DocumentFragment)>> =
        const { std::cell::RefCell::new(None) };
}

/// A fresh copy of the `<optgroup>`s and `<option>`s for `groups`: names are set as text,
/// never parsed as markup.
fn tag_options(groups: &TagGroups) -> Option<web_sys::Node> {
    TAG_OPTIONS.with_borrow_mut(|made| {
        if made.as_ref().is_none_or(|(for_groups, _)| for_groups != groups) {
            *made = Some((groups.clone(), build_tag_options(groups)?));
        }
        made.as_ref().and_then(|(_, options)| options.clone_node_with_deep(true).ok())
    })
}

fn build_tag_options(groups: &TagGroups) -> Option<web_sys::DocumentFragment> {
    let document = web_sys::window()?.document()?;
    let fragment = document.create_document_fragment();
    for (_, group, tags) in &groups.0 {
        let optgroup = document.create_element("optgroup").ok()?;
        optgroup.set_attribute("label", group).ok()?;
        for (tag, name) in tags {
            let option = document.create_element("option").ok()?;
            option.set_attribute("value", &tag.0.to_string()).ok()?;
            option.set_text_content(Some(name));
            optgroup.append_child(&option).ok()?;
        }
        fragment.append_child(&optgroup).ok()?;
    }
    Some(fragment)
}
