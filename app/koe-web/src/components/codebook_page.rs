use crate::io::sliced::run_sliced;
use koe_core::Project;
use koe_core::project::codebook_csv::{CodebookCsvError, CodebookImport, export_codebook};
use koe_core::project::rules;
use koe_core::{Command, GroupId, Rule, Tag, TagId};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::io::download::download;
use crate::io::file_read::{files_of, read_file};
use crate::io::import_worker::OnDemandWorker;
use crate::io::timing::{measured, next_task};
use crate::state::{ProjectState, expect_project_state};

/// Comments shown as a sample of what applying the rules would change.
const RULE_SAMPLE: usize = 5;
/// Comments the rules are tried on per task (a few milliseconds each).
const RULE_SLICE: usize = 10_000;

/// What the last codebook import said, kept as data so it re-renders in either language.
#[derive(Clone, Debug, PartialEq)]
enum CodebookNotice {
    Imported { added: usize, updated: usize, conflicts: Vec<(u64, String)> },
    Failed(String),
}

/// Reads a codebook CSV in the worker into the project's codebook as it is when the answer
/// comes: a codebook edited meanwhile is read into again, so no edit is overwritten. `None`
/// when no worker could read it.
async fn import_into_current(
    state: ProjectState,
    worker: OnDemandWorker,
    name: String,
    bytes: Vec<u8>,
) -> Option<Result<CodebookImport, CodebookCsvError>> {
    loop {
        let current = state.with_project_untracked(|p| p.codebook().clone());
        let (name, bytes, asked) = (name.clone(), bytes.clone(), current.clone());
        let result =
            worker.with(|worker| async move { worker.import_codebook(name, bytes, asked).await }).await?;
        let result = result.ok()?;
        if state.with_project_untracked(|p| *p.codebook() == current) {
            return Some(result);
        }
    }
}

/// The codebook: groups and tags with colour, key, parent and keywords; rename, merge and
/// delete with their reach; exchange as CSV; and the rules, previewed before they are applied.
#[component]
pub fn CodebookPage() -> impl IntoView {
    let state = expect_project_state();
    let notice = RwSignal::new(None::<CodebookNotice>);
    let groups = Memo::new(move |_| {
        state.with_project(|p| {
            p.codebook().groups.iter().map(|g| (g.id, g.name.clone(), g.multiple)).collect::<Vec<_>>()
        })
    });
    // The file's text is decoded in the worker, which holds the encodings' tables.
    let worker = OnDemandWorker::new();
    let on_file = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            for file in files {
                let name = file.name();
                let Ok(chosen) = read_file(file).await else {
                    notice.set(Some(CodebookNotice::Failed((state.texts().file_unreadable)(&name))));
                    continue;
                };
                let Some(result) = import_into_current(state, worker, chosen.name, chosen.bytes).await else {
                    notice.set(Some(CodebookNotice::Failed((state.texts().import_unavailable)(&name))));
                    continue;
                };
                match result {
                    Ok(imported) => {
                        let conflicts = imported
                            .conflicts
                            .iter()
                            .map(|c| (c.line, c.message(state.lang())))
                            .collect::<Vec<_>>();
                        state.apply(Command::ReplaceCodebook(imported.codebook));
                        notice.set(Some(CodebookNotice::Imported {
                            added: imported.added,
                            updated: imported.updated,
                            conflicts,
                        }));
                    }
                    Err(error) => notice.set(Some(CodebookNotice::Failed(error.message(state.lang())))),
                }
            }
        });
    };
    let export = move |_| {
        let bytes = state.with_project_untracked(|p| export_codebook(p.codebook()));
        let name = state.texts().storage.codebook_file_name;
        if download(name, "text/csv", &bytes).is_err() {
            notice.set(Some(CodebookNotice::Failed(state.texts().download_failed.to_owned())));
        }
    };
    view! {
        <div class="koe-page" data-testid="codebook-page">
            <section class="koe-panel" aria-labelledby="koe-codebook-heading">
                <h2 id="koe-codebook-heading">{move || state.texts().codebook_heading}</h2>
                <p class="koe-hint">{move || state.texts().codebook_hint}</p>
                <div class="koe-codebook__exchange">
                    <label class="koe-button">
                        {move || state.texts().codebook_import}
                        <input type="file" accept=".csv,text/csv" data-testid="codebook-file" class="koe-visually-hidden" on:change=on_file />
                    </label>
                    <button class="koe-button" data-testid="codebook-export" on:click=export>
                        {move || state.texts().codebook_export}
                    </button>
                </div>
                <div aria-live="polite" data-testid="codebook-notice">
                    {move || notice.get().map(|n| view! { <CodebookMessage notice=n /> })}
                </div>
                {move || {
                    groups
                        .get()
                        .into_iter()
                        .map(|(group, name, multiple)| view! { <GroupTable group name multiple /> })
                        .collect_view()
                }}
            </section>
            <RulesPanel />
        </div>
    }
}

#[component]
fn CodebookMessage(notice: CodebookNotice) -> impl IntoView {
    let state = expect_project_state();
    match notice {
        CodebookNotice::Failed(message) => {
            view! { <p class="koe-notice koe-notice--error" role="alert">{message}</p> }.into_any()
        }
        CodebookNotice::Imported { added, updated, conflicts } => {
            let count = conflicts.len();
            view! {
                <div class="koe-notice" data-testid="codebook-summary" data-added=added.to_string() data-updated=updated.to_string() data-conflicts=count.to_string()>
                    <p>{move || (state.texts().codebook_imported)(added, updated, count)}</p>
                    <ul data-testid="codebook-conflicts">
                        {conflicts
                            .into_iter()
                            .map(|(line, message)| view! { <li data-line=line.to_string()>{message}</li> })
                            .collect_view()}
                    </ul>
                </div>
            }
            .into_any()
        }
    }
}

/// One group's tags as an editable table, with a row to add a tag.
#[component]
fn GroupTable(group: GroupId, name: String, multiple: bool) -> impl IntoView {
    let state = expect_project_state();
    let tags = Memo::new(move |_| {
        state.with_project(|p| p.codebook().tags_in(group).map(|t| t.id).collect::<Vec<_>>())
    });
    let new_name = RwSignal::new(String::new());
    let add = move || {
        let name = new_name.get_untracked();
        if state.apply(Command::NewTag { group, name }).is_some() {
            new_name.set(String::new());
        }
    };
    view! {
        <div class="koe-codebook__group" data-testid="codebook-group">
            <h3>
                {name}
                " "
                <small>{move || if multiple { state.texts().group_multiple } else { state.texts().group_single }}</small>
            </h3>
            <div class="koe-table-scroll">
                <table class="koe-table koe-codebook__table">
                    <thead>
                        <tr>
                            <th scope="col">{move || state.texts().col_tag}</th>
                            <th scope="col">{move || state.texts().col_colour}</th>
                            <th scope="col">{move || state.texts().col_shortcut}</th>
                            <th scope="col">{move || state.texts().col_parent}</th>
                            <th scope="col">{move || state.texts().col_keywords}</th>
                            <th scope="col">{move || state.texts().col_uses}</th>
                            <th scope="col">{move || state.texts().col_actions}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || tags.get() key=|id| *id let(id)>
                            <TagRow id />
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="koe-codebook__new">
                <input
                    type="text"
                    data-testid="new-tag-name"
                    placeholder=move || state.texts().new_tag_placeholder
                    aria-label=move || state.texts().new_tag_placeholder
                    prop:value=move || new_name.get()
                    on:input=move |ev| new_name.set(event_target_value(&ev))
                    on:keydown=move |ev| {
                        if ev.key() == "Enter" {
                            add();
                        }
                    }
                />
                <button class="koe-button" data-testid="new-tag-add" on:click=move |_| add()>
                    {move || state.texts().add_tag_button}
                </button>
            </div>
        </div>
    }
}

/// One tag: every field edits in place as one undoable step.
#[component]
fn TagRow(id: TagId) -> impl IntoView {
    let state = expect_project_state();
    let tag = Memo::new(move |_| state.with_project(|p| p.codebook().tag(id).cloned()));
    let uses = Memo::new(move |_| state.with_project(|p| p.tag_uses(id)));
    let confirming = RwSignal::new(false);
    let edit = move |change: &dyn Fn(&mut Tag)| {
        if let Some(mut edited) = tag.get_untracked() {
            change(&mut edited);
            state.apply(Command::EditTag(edited));
        }
    };
    let siblings = move || {
        state.with_project(|p| {
            let Some(me) = p.codebook().tag(id) else { return Vec::new() };
            p.codebook()
                .tags_in(me.group)
                .filter(|t| t.id != id)
                .map(|t| (t.id, t.name.clone(), t.parent.is_none()))
                .collect::<Vec<_>>()
        })
    };
    let field =
        move |read: fn(&Tag) -> String| move || tag.with(|t| t.as_ref().map(read).unwrap_or_default());
    view! {
        <tr data-testid="codebook-tag" data-tag-id=id.0.to_string()>
            <td>
                <input
                    type="text"
                    data-testid="tag-name"
                    aria-label=move || state.texts().col_tag
                    prop:value=field(|t| t.name.clone())
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        state.apply(Command::RenameTag { tag: id, name });
                    }
                />
            </td>
            <td>
                <input
                    type="color"
                    data-testid="tag-colour"
                    aria-label=move || state.texts().col_colour
                    prop:value=field(|t| t.colour.clone())
                    on:change=move |ev| {
                        let colour = event_target_value(&ev);
                        edit(&|t| t.colour = colour.clone());
                    }
                />
            </td>
            <td>
                <input
                    type="text"
                    class="koe-codebook__key"
                    maxlength="1"
                    data-testid="tag-shortcut"
                    aria-label=move || state.texts().col_shortcut
                    prop:value=field(|t| t.shortcut.map(String::from).unwrap_or_default())
                    on:change=move |ev| {
                        let key = event_target_value(&ev).trim().chars().next();
                        edit(&|t| t.shortcut = key);
                    }
                />
            </td>
            <td>
                <select
                    data-testid="tag-parent"
                    aria-label=move || state.texts().col_parent
                    on:change=move |ev| {
                        let parent = event_target_value(&ev).parse::<u32>().ok().map(TagId);
                        edit(&|t| t.parent = parent);
                    }
                >
                    <option value="" selected=move || tag.with(|t| t.as_ref().is_some_and(|t| t.parent.is_none()))>"—"</option>
                    {move || {
                        siblings()
                            .into_iter()
                            .filter(|(_, _, top)| *top)
                            .map(|(sibling, name, _)| {
                                view! {
                                    <option
                                        value=sibling.0.to_string()
                                        selected=move || tag.with(|t| t.as_ref().is_some_and(|t| t.parent == Some(sibling)))
                                    >
                                        {name}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </td>
            <td>
                <input
                    type="text"
                    class="koe-codebook__keywords"
                    data-testid="tag-keywords"
                    aria-label=move || state.texts().col_keywords
                    placeholder="開けにく|固い|+容器|-開けやすい"
                    prop:value=field(|t| t.rule.to_keywords())
                    on:change=move |ev| {
                        let rule = Rule::from_keywords(&event_target_value(&ev));
                        edit(&|t| t.rule = rule.clone());
                    }
                />
            </td>
            <td data-testid="tag-uses">{move || uses.get().to_string()}</td>
            <td class="koe-codebook__actions">
                <select
                    data-testid="tag-merge"
                    aria-label=move || state.texts().merge_into
                    on:change=move |ev| {
                        if let Ok(into) = event_target_value(&ev).parse::<u32>() {
                            state.apply(Command::MergeTags { from: id, into: TagId(into) });
                        }
                    }
                >
                    <option value="" selected>{move || (state.texts().merge_into_label)(uses.get())}</option>
                    {move || {
                        siblings()
                            .into_iter()
                            .map(|(sibling, name, _)| view! { <option value=sibling.0.to_string()>{name}</option> })
                            .collect_view()
                    }}
                </select>
                <Show
                    when=move || confirming.get()
                    fallback=move || {
                        view! {
                            <button class="koe-button" data-testid="tag-delete" on:click=move |_| confirming.set(true)>
                                {move || state.texts().delete_tag}
                            </button>
                        }
                    }
                >
                    <button
                        class="koe-button koe-button--danger"
                        data-testid="tag-delete-confirm"
                        on:click=move |_| {
                            confirming.set(false);
                            state.apply(Command::DeleteTag(id));
                        }
                    >
                        {move || (state.texts().delete_confirm)(uses.get())}
                    </button>
                    <button class="koe-button" on:click=move |_| confirming.set(false)>
                        {move || state.texts().import_cancel}
                    </button>
                </Show>
            </td>
        </tr>
    }
}

/// What applying every tag's keywords would change, with a sample, and the button that
/// applies it as one undoable step.
#[component]
fn RulesPanel() -> impl IntoView {
    let state = expect_project_state();
    // Worked out a slice per task (rules over 200,000 comments would freeze the page), again
    // after every change; `ready` is false while a newer plan is being made.
    let plan = RwSignal::new(rules::RulePlan::default());
    let ready = RwSignal::new(false);
    let runs = StoredValue::new(0u64);
    Effect::new(move |_| {
        state.revision();
        state.comments_generation();
        let run = runs.get_value() + 1;
        runs.set_value(run);
        let fresh = |p: &Project| rules::RulePlanner::new(p.codebook());
        let step = |planner: &mut rules::RulePlanner, p: &Project, budget| {
            planner.step(p.codebook(), p.comments(), budget)
        };
        // A project of one slice gets its plan at once; a bigger one in later tasks.
        let mut planner = state.with_project_untracked(fresh);
        if measured("koe:rule-plan", || state.with_project_untracked(|p| step(&mut planner, p, RULE_SLICE))) {
            plan.set(planner.finish());
            ready.set(true);
            return;
        }
        ready.set(false);
        // A change started a newer plan: this one is not wanted any more.
        let wanted = move || runs.get_value() == run;
        spawn_local(async move {
            next_task().await;
            if wanted()
                && let Some(done) =
                    run_sliced(state, "koe:rule-plan", RULE_SLICE, planner, fresh, step, wanted).await
            {
                plan.set(done);
                ready.set(true);
            }
        });
    });
    let sample = move || {
        plan.with(|plan| {
            state.with_project(|p| {
                plan.changes
                    .iter()
                    .take(RULE_SAMPLE)
                    .filter_map(|(id, next)| {
                        let comment = p.comment(*id)?;
                        let added: Vec<String> = next
                            .tags
                            .difference(comment.tags())
                            .filter_map(|t| p.codebook().tag(*t).map(|t| t.name.clone()))
                            .collect();
                        Some((comment.text.to_string(), added.join("、")))
                    })
                    .collect::<Vec<_>>()
            })
        })
    };
    let errors = move || {
        plan.with(|plan| {
            state.with_project(|p| {
                plan.errors.iter().map(|e| e.message(state.lang(), p.codebook())).collect::<Vec<_>>()
            })
        })
    };
    view! {
        <section class="koe-panel" aria-labelledby="koe-rules-heading" data-testid="rules-panel">
            <h2 id="koe-rules-heading">{move || state.texts().rules_heading}</h2>
            <p data-testid="rules-preview" data-ready=move || ready.get().to_string() data-changes=move || plan.with(|p| p.changes.len().to_string())>
                {move || plan.with(|p| (state.texts().rules_preview)(p.changes.len(), p.added, p.removed))}
            </p>
            <ul class="koe-rules__sample">
                {move || {
                    sample()
                        .into_iter()
                        .map(|(text, added)| view! { <li><span class="koe-rules__text">{text}</span> " → " <strong>{added}</strong></li> })
                        .collect_view()
                }}
            </ul>
            <ul class="koe-notice__problems">{move || errors().into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
            <button
                class="koe-button koe-button--primary"
                data-testid="apply-rules"
                prop:disabled=move || ready.get() && plan.with(|p| p.changes.is_empty())
                on:click=move |_| {
                    // A ready plan is of the project as it is now (a change makes a new one
                    // first), so applying it is applying the rules, as one undoable step;
                    // pressed before it is ready, the rules run at once.
                    if ready.get_untracked() {
                        let changes = plan.with_untracked(|p| p.changes.clone());
                        state.apply(Command::SetTaggings(changes));
                    } else {
                        state.apply(Command::ApplyRules);
                    }
                }
            >
                {move || state.texts().apply_rules}
            </button>
        </section>
    }
}
