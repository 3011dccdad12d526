use koe_core::saved::ProjectMeta;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlInputElement;

use crate::io::file_read::{files_of, read_file};
use crate::io::workspace::{SaveStatus, expect_workspace};
use crate::state::expect_project_state;

/// What the page last did, for its notice line.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Notice {
    Done(String),
    Failed(String),
}

/// The projects kept in this browser, project files, and where data lives (privacy).
#[component]
pub fn ProjectsPage() -> impl IntoView {
    let state = expect_project_state();
    let workspace = expect_workspace();
    let s = move || state.texts().storage;
    let notice = RwSignal::new(None::<Notice>);
    let report = move |result: Result<(), crate::io::store::StoreError>| {
        if let Err(error) = result {
            notice.set(Some(Notice::Failed(error.message(state.lang_untracked()))));
        }
    };
    let projects = LocalResource::new(move || {
        workspace.list_revision.get();
        async move { workspace.list().await }
    });
    let new_name = RwSignal::new(String::new());
    let create = move |_| {
        let name = new_name.get_untracked().trim().to_owned();
        if name.is_empty() {
            return;
        }
        new_name.set(String::new());
        spawn_local(async move { report(workspace.create(name).await) });
    };
    let export = move |_| {
        spawn_local(async move {
            if !workspace.export_file().await {
                notice.set(Some(Notice::Failed(state.texts().download_failed.to_owned())));
            }
        });
    };
    let on_file = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        let files = files_of(input.files());
        input.set_value("");
        spawn_local(async move {
            for file in files {
                let name = file.name();
                let Ok(chosen) = read_file(file).await else {
                    notice.set(Some(Notice::Failed((state.texts().file_unreadable)(&name))));
                    continue;
                };
                match workspace.import_file(&chosen.name, chosen.bytes).await {
                    Ok(()) => {
                        let count = state.with_project_untracked(|p| p.comments().len());
                        notice
                            .set(Some(Notice::Done((s().imported)(&workspace.name.get_untracked(), count))));
                    }
                    Err(message) => notice.set(Some(Notice::Failed(message))),
                }
            }
        });
    };
    let confirm_wipe = RwSignal::new(false);
    view! {
        <div class="koe-page koe-projects" data-testid="projects-page">
            <section class="koe-panel">
                <h2>{move || s().projects_heading}</h2>
                <label class="koe-projects__rename">
                    {move || s().rename_label}
                    <input
                        type="text"
                        data-testid="project-name"
                        prop:value=move || workspace.name.get()
                        on:change=move |ev| {
                            let name = event_target_value(&ev).trim().to_owned();
                            if !name.is_empty() {
                                spawn_local(async move { report(workspace.rename(name).await) });
                            }
                        }
                    />
                </label>
                <p class="koe-note" data-testid="persisted">
                    {move || match workspace.persisted.get() {
                        Some(true) => s().persisted_yes,
                        Some(false) => s().persisted_no,
                        None => "",
                    }}
                </p>
                <Transition fallback=|| ()>
                    {move || {
                        projects
                            .get()
                            .map(|list| match list {
                                Ok(list) => view! { <ProjectTable list notice /> }.into_any(),
                                Err(error) => view! { <p class="koe-notice koe-notice--error" role="alert">{error.message(state.lang())}</p> }.into_any(),
                            })
                    }}
                </Transition>
                <div class="koe-projects__actions">
                    <input
                        type="text"
                        data-testid="new-project-name"
                        aria-label=move || s().new_name
                        placeholder=move || s().new_name
                        prop:value=move || new_name.get()
                        on:input=move |ev| new_name.set(event_target_value(&ev))
                    />
                    <button class="koe-button" data-testid="new-project" on:click=create>{move || s().create}</button>
                    <button class="koe-button" data-testid="project-export" on:click=export on:pointerenter=move |_| workspace.warm_files() on:focus=move |_| workspace.warm_files()>{move || s().export_file}</button>
                    <label class="koe-button" on:pointerenter=move |_| workspace.warm_files()>
                        {move || s().import_file}
                        <input type="file" accept=".koe,application/gzip,application/json" data-testid="project-file" class="koe-visually-hidden" on:change=on_file />
                    </label>
                </div>
                <div aria-live="polite" data-testid="project-notice">
                    {move || notice.get().map(|n| match n {
                        Notice::Done(text) => view! { <p class="koe-notice">{text}</p> }.into_any(),
                        Notice::Failed(text) => view! { <p class="koe-notice koe-notice--error" role="alert">{text}</p> }.into_any(),
                    })}
                </div>
            </section>
            <super::Teamwork />
            <section class="koe-panel" data-testid="privacy">
                <h2>{move || s().privacy_heading}</h2>
                {move || s().privacy_text.iter().map(|p| view! { <p>{*p}</p> }).collect_view()}
                {crate::io::page::served_over_http().then(|| view! {
                    <p>
                        <a class="koe-button" href="koe.html" download="koe.html" data-testid="offline-download">{move || s().offline_download}</a>
                        " " <span class="koe-note">{move || s().offline_hint}</span>
                    </p>
                })}
                <Show
                    when=move || confirm_wipe.get()
                    fallback=move || view! {
                        <button class="koe-button koe-button--danger" data-testid="wipe" on:click=move |_| confirm_wipe.set(true)>{move || s().wipe}</button>
                    }
                >
                    <p class="koe-notice koe-notice--error" role="alert">{move || s().wipe_confirm}</p>
                    <button class="koe-button koe-button--danger" data-testid="wipe-confirm" on:click=move |_| spawn_local(async move { workspace.wipe().await })>
                        {move || s().wipe_yes}
                    </button>
                    <Show when=move || workspace.wipe_blocked.get()>
                        <p class="koe-notice koe-notice--error" role="alert" data-testid="wipe-blocked">{move || s().wipe_blocked}</p>
                    </Show>
                    <button class="koe-button" on:click=move |_| confirm_wipe.set(false)>{move || s().cancel}</button>
                </Show>
            </section>
        </div>
    }
}

/// The stored projects with their actions.
#[component]
fn ProjectTable(list: Vec<ProjectMeta>, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let state = expect_project_state();
    let workspace = expect_workspace();
    let s = move || state.texts().storage;
    let confirming = RwSignal::new(None::<String>);
    let fail = move |result: Result<(), crate::io::store::StoreError>| {
        if let Err(error) = result {
            notice.set(Some(Notice::Failed(error.message(state.lang_untracked()))));
        }
    };
    let rows = list
        .into_iter()
        .map(|meta| {
            let ProjectMeta { id, name, comments, .. } = meta.clone();
            let size = meta.size_text();
            let changed = js_sys::Date::new(&meta.changed_ms.into()).to_locale_string("ja-JP", &wasm_bindgen::JsValue::UNDEFINED);
            let changed = String::from(changed);
            let current = {
                let id = id.clone();
                move || workspace.id.get() == id
            };
            let (open_id, copy_id, delete_id, confirm_id, yes_id) = (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
            let copy_name = name.clone();
            let asked = move || confirming.get().as_deref() == Some(confirm_id.as_str());
            let question_name = name.clone();
            view! {
                <tr data-testid="project-row" data-project-id=id.clone()>
                    <th scope="row">
                        <span data-testid="project-row-name">{name.clone()}</span>
                        {let current = current.clone(); move || current().then(|| view! { " " <span class="koe-note">{s().current}</span> })}
                    </th>
                    <td class="koe-num" data-testid="project-row-comments">{comments}</td>
                    <td class="koe-num">{size}</td>
                    <td>{changed}</td>
                    <td class="koe-projects__row-actions">
                        <button class="koe-button" data-testid="project-open" disabled=current.clone()
                            on:click=move |_| { let id = open_id.clone(); spawn_local(async move { fail(workspace.open(id).await) }) }>
                            {move || s().open}
                        </button>
                        <button class="koe-button" data-testid="project-duplicate"
                            on:click=move |_| { let id = copy_id.clone(); let name = (s().copy_name)(&copy_name); spawn_local(async move { fail(workspace.duplicate(id, name).await) }) }>
                            {move || s().duplicate}
                        </button>
                        <button class="koe-button" data-testid="project-delete" on:click=move |_| confirming.set(Some(delete_id.clone()))>
                            {move || s().delete}
                        </button>
                        {move || asked().then(|| {
                            let id = yes_id.clone();
                            view! {
                                <span role="alert" class="koe-notice koe-notice--error">{(s().delete_confirm)(&question_name)}</span>
                                <button class="koe-button koe-button--danger" data-testid="project-delete-confirm"
                                    on:click=move |_| { let id = id.clone(); confirming.set(None); spawn_local(async move { fail(workspace.delete(id).await) }) }>
                                    {s().delete_yes}
                                </button>
                                <button class="koe-button" on:click=move |_| confirming.set(None)>{s().cancel}</button>
                            }
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="koe-table" data-testid="project-list">
            <thead>
                <tr>
                    {move || s().columns.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}
                    <th scope="col"></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The save state in the header: saved, not yet, or why not.
#[component]
pub fn SaveIndicator() -> impl IntoView {
    let state = expect_project_state();
    let workspace = expect_workspace();
    move || {
        match workspace.status.get() {
        SaveStatus::Saved => view! { <span class="koe-save" data-testid="save-status" data-saved="true">{state.texts().storage.saved}</span> }.into_any(),
        SaveStatus::Pending => view! { <span class="koe-save" data-testid="save-status" data-saved="false">{state.texts().storage.saving}</span> }.into_any(),
        SaveStatus::Idle => view! { <span class="koe-save" data-testid="save-status" data-saved="false">{state.texts().storage.not_saved}</span> }.into_any(),
        SaveStatus::Failed(error) => view! {
            <span class="koe-save koe-save--failed" data-testid="save-status" data-saved="false" role="alert">{error.message(state.lang())}</span>
            <button class="koe-button" data-testid="save-failed-export" on:pointerenter=move |_| workspace.warm_files() on:focus=move |_| workspace.warm_files() on:click=move |_| { spawn_local(async move { workspace.export_file().await; }); }>
                {state.texts().storage.export_file}
            </button>
        }.into_any(),
    }
    }
}
