//! The import panel: file picker, drop zone (the whole page once comments exist), sample
//! button, progress, notices; the preview below it.

use koe_core::import::batch::Batch;
use koe_core::import::sample::SAMPLE_FILE_NAME;
use koe_core::import::{ReadOptions, Stage};
use koe_core::worker::{Reply, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{DragEvent, HtmlInputElement};

use super::preview::*;
use super::session::*;
use super::summary::*;
use crate::io::file_read::{PickedFile, files_of};
use crate::io::import_worker::Interrupted;
use crate::state::expect_project_state;

/// File picker, drop zone and sample button; then a preview with encoding, delimiter and
/// column mapping to confirm.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_project_state();
    let session = ImportSession::new(state);
    let pending = session.pending;
    let dragging = RwSignal::new(false);
    // Rebuild the preview only when another file is opened, not on every mapping change.
    let opened = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| p.generation)));

    // The files wait in the queue as the browser's handles; the worker reads each in turn.
    let read_all = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        session.notices.set(Vec::new());
        session.queue.update(|q| q.add(files.into_iter().map(PickedFile::of)));
        spawn_local(session.open_next());
    };
    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        read_all(files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        read_all(files_of(ev.data_transfer().and_then(|dt| dt.files())));
    };
    let load_sample = move |_| {
        session.notices.set(Vec::new());
        spawn_local(async move {
            // The sample lives in the worker (not in the page's download): asked for, then
            // imported like a chosen file.
            let worker = session.worker();
            let job = worker.next_job();
            let request = Request::Sample { job, lang: state.lang_untracked() };
            let (name, bytes) = match worker.ask(job, &request).await {
                Ok(Reply::Sample { name, bytes, .. }) => (name, bytes),
                Err(Interrupted::Cancelled) => return,
                _ => {
                    session.notify(ImportNotice::Unavailable { file: SAMPLE_FILE_NAME.to_owned() });
                    return;
                }
            };
            let Some(sample) = PickedFile::from_bytes(&name, &bytes) else { return };
            session.open(sample, ReadOptions::default()).await;
            session.confirm().await;
        });
    };
    let waiting = move || session.queue.with(Batch::len);
    let idle = move || session.busy.with(Option::is_none);
    // Another tab edits this project: nothing can be added from this one.
    let read_only = move || state.editing().is_read_only();
    // Once there are comments and no file is under way, the panel is one line and the grid
    // below it is where the eye lands; a file dropped anywhere on the page is still read.
    let compact = move || {
        state.with_project(|p| !p.comments().is_empty())
            && pending.with(Option::is_none)
            && idle()
            && waiting() == 0
    };
    let page_drag = window_event_listener(leptos::ev::dragover, move |ev| {
        if compact() {
            ev.prevent_default();
        }
    });
    let page_drop = window_event_listener(leptos::ev::drop, move |ev| {
        // A drop on the panel's own zone was read there already.
        if compact() && !ev.default_prevented() {
            ev.prevent_default();
            read_all(files_of(ev.data_transfer().and_then(|dt| dt.files())));
        }
    });
    on_cleanup(move || {
        page_drag.remove();
        page_drop.remove();
    });

    view! {
        <section
            class="koe-panel koe-import"
            class:koe-import--compact=compact
            aria-labelledby="koe-import-heading"
        >
            <h2 id="koe-import-heading">{move || state.texts().import_heading}</h2>
            <div
                class="koe-import__drop"
                class:koe-import__drop--active=move || dragging.get()
                on:pointerenter=move |_| session.warm()
                on:focusin=move |_| session.warm()
                on:dragenter=move |_| session.warm()
                on:dragover=move |ev: DragEvent| {
                    ev.prevent_default();
                    dragging.set(true);
                }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop
            >
                <p>{move || state.texts().import_hint}</p>
                <input
                    type="file"
                    multiple
                    accept=".csv,.txt,.tsv,.json,.jsonl,.ndjson,.xlsx,.xlsm,.xls,.xlsb,.ods,text/csv,text/plain,application/json"
                    data-testid="import-file"
                    aria-label=move || state.texts().import_heading
                    on:change=on_change
                />
                <button
                    class="koe-button koe-button--primary"
                    data-testid="load-sample"
                    prop:disabled=move || !idle() || read_only()
                    on:click=load_sample
                >
                    {move || state.texts().try_sample}
                </button>
            </div>
            <div aria-live="polite" data-testid="import-notice">
                <ImportProgress session />
                {move || session.notices.get().into_iter().map(|n| view! { <ImportSummary notice=n /> }).collect_view()}
            </div>
            {move || opened.get().map(|_| view! { <ImportPreview session /> })}
            {move || {
                (waiting() > 0)
                    .then(|| {
                        view! {
                            <div class="koe-preview__actions">
                                <span data-testid="import-waiting">{move || (state.texts().files_waiting)(waiting())}</span>
                                <button
                                    class="koe-button"
                                    data-testid="import-confirm-all"
                                    prop:disabled=move || !idle()
                                    on:click=move |_| {
                                        spawn_local(async move {
                                            while pending.with_untracked(Option::is_some) {
                                                session.confirm().await;
                                            }
                                        });
                                    }
                                >
                                    {move || state.texts().import_confirm_all}
                                </button>
                            </div>
                        }
                    })
            }}
        </section>
    }
}

/// The bar shown while the worker reads or converts a file, with the button that stops it.
#[component]
pub(super) fn ImportProgress(session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let per_mille = move || {
        let job = session.busy.with(|b| b.as_ref().map(|b| b.job));
        session.progress.with(|p| p.filter(|(j, _)| Some(*j) == job).map(|(_, p)| p))
    };
    move || {
        let busy = session.busy.get()?;
        let stage = move || per_mille().map_or(Stage::Reading, |p| p.stage);
        let value = move || per_mille().map_or(0, |p| p.per_mille());
        let name = busy.name.clone();
        let label = move || (state.texts().import_progress)(stage(), &name, value() / 10);
        Some(view! {
            <div class="koe-progress" data-testid="import-progress" data-per-mille=move || value().to_string()>
                <label class="koe-progress__label">
                    <span>{label}</span>
                    <progress max="1000" prop:value=move || f64::from(value())></progress>
                </label>
                <button class="koe-button" data-testid="import-abort" on:click=move |_| session.abort()>
                    {move || state.texts().import_abort}
                </button>
            </div>
        })
    }
}
