use koe_core::import::{
    ColumnMapping, ImportError, ImportProblem, MappingField, ReadTable, guess_mapping, read_table,
    to_comments,
};
use koe_core::sample::{SAMPLE_CSV, SAMPLE_FILE_NAME};
use koe_core::{Command, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{DragEvent, HtmlInputElement};

use crate::io::file_read::{ChosenFile, files_of, read_file};
use crate::state::{ProjectState, expect_project_state};

/// Rows shown in the preview before the user confirms.
const PREVIEW_ROWS: usize = 5;

/// A file read and waiting for the user to confirm its column mapping.
#[derive(Clone, Debug, PartialEq)]
struct PendingImport {
    /// Counts files opened, so choosing the same file again still rebuilds the preview.
    generation: u32,
    read: ReadTable,
    mapping: ColumnMapping,
}

/// What the last import attempt ended in; kept as data so it re-renders in either language.
#[derive(Clone, Debug, PartialEq)]
enum ImportNotice {
    Reading,
    Failed(ImportError),
    ReadFailed {
        file: String,
    },
    Done {
        added: usize,
        problems: Vec<ImportProblem>,
    },
}

impl ImportNotice {
    fn summary(&self, lang: Lang) -> String {
        let text = koe_core::i18n::texts(lang);
        match self {
            ImportNotice::Reading => text.reading_file.to_owned(),
            ImportNotice::Failed(error) => error.message(lang),
            ImportNotice::ReadFailed { file } => (text.file_unreadable)(file),
            ImportNotice::Done { added, problems } => {
                (text.imported_summary)(*added, problems.len())
            }
        }
    }
}

/// File picker, drop zone and sample button; then a preview with the column mapping.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_project_state();
    let pending = RwSignal::new(None::<PendingImport>);
    let notice = RwSignal::new(None::<ImportNotice>);
    let dragging = RwSignal::new(false);
    // Rebuild the preview only when another file is opened, not on every mapping change.
    let opened = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| p.generation)));

    let open_file = move |file: ChosenFile| match read_table(&file.name, &file.bytes) {
        Ok(read) => {
            let mapping = guess_mapping(&read.table);
            notice.set(None);
            let generation = pending.with_untracked(|p| p.as_ref().map_or(0, |p| p.generation + 1));
            pending.set(Some(PendingImport {
                generation,
                read,
                mapping,
            }));
        }
        Err(error) => notice.set(Some(ImportNotice::Failed(error))),
    };
    let read_first = move |files: Vec<web_sys::File>| {
        let Some(file) = files.into_iter().next() else {
            return;
        };
        let name = file.name();
        notice.set(Some(ImportNotice::Reading));
        spawn_local(async move {
            match read_file(file).await {
                Ok(chosen) => open_file(chosen),
                Err(_) => notice.set(Some(ImportNotice::ReadFailed { file: name })),
            }
        });
    };
    let on_change = move |ev: web_sys::Event| {
        let input: HtmlInputElement = event_target(&ev);
        read_first(files_of(input.files()));
        input.set_value("");
    };
    let on_drop = move |ev: DragEvent| {
        ev.prevent_default();
        dragging.set(false);
        read_first(files_of(ev.data_transfer().and_then(|dt| dt.files())));
    };
    let load_sample = move |_| {
        let file = ChosenFile {
            name: SAMPLE_FILE_NAME.to_owned(),
            bytes: SAMPLE_CSV.to_vec(),
        };
        open_file(file);
        confirm(state, pending, notice);
    };

    view! {
        <section class="koe-panel koe-import" aria-labelledby="koe-import-heading">
            <h2 id="koe-import-heading">{move || state.texts().import_heading}</h2>
            <div
                class="koe-import__drop"
                class:koe-import__drop--active=move || dragging.get()
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
                    accept=".csv,.txt,text/csv"
                    data-testid="import-file"
                    aria-label=move || state.texts().import_heading
                    on:change=on_change
                />
                <button class="koe-button koe-button--primary" data-testid="load-sample" on:click=load_sample>
                    {move || state.texts().try_sample}
                </button>
            </div>
            <div aria-live="polite" data-testid="import-notice">
                {move || notice.get().map(|n| view! { <ImportSummary notice=n /> })}
            </div>
            {move || opened.get().map(|_| view! { <ImportPreview pending notice /> })}
        </section>
    }
}

/// Adds the pending file's comments to the project as one undoable step.
fn confirm(
    state: ProjectState,
    pending: RwSignal<Option<PendingImport>>,
    notice: RwSignal<Option<ImportNotice>>,
) {
    let Some(PendingImport { read, mapping, .. }) = pending.get_untracked() else {
        return;
    };
    let outcome = to_comments(&read.table, &mapping);
    let added = outcome.comments.len();
    let mut problems = read.problems;
    problems.extend(outcome.problems);
    state.apply(Command::AddComments(outcome.comments));
    pending.set(None);
    notice.set(Some(ImportNotice::Done { added, problems }));
}

#[component]
fn ImportSummary(notice: ImportNotice) -> impl IntoView {
    let state = expect_project_state();
    let is_error = matches!(
        notice,
        ImportNotice::Failed(_) | ImportNotice::ReadFailed { .. }
    );
    let problems = match &notice {
        ImportNotice::Done { problems, .. } => problems.clone(),
        _ => Vec::new(),
    };
    let has_problems = !problems.is_empty();
    view! {
        <div class="koe-notice" class:koe-notice--error=is_error role=is_error.then_some("alert")>
            <p>{move || notice.summary(state.lang())}</p>
            <Show when=move || has_problems>
                <details class="koe-notice__problems" open>
                    <summary>{move || state.texts().problems_heading}</summary>
                    <ul data-testid="import-problems">
                        {problems
                            .iter()
                            .map(|problem| {
                                let problem = problem.clone();
                                view! { <li>{move || problem.message(state.lang())}</li> }
                            })
                            .collect_view()}
                    </ul>
                </details>
            </Show>
        </div>
    }
}

#[component]
fn ImportPreview(
    pending: RwSignal<Option<PendingImport>>,
    notice: RwSignal<Option<ImportNotice>>,
) -> impl IntoView {
    let state = expect_project_state();
    let Some((file, headers, shown, total)) = pending.with_untracked(|p| {
        p.as_ref().map(|p| {
            let table = &p.read.table;
            let shown: Vec<Vec<String>> = table
                .rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| r.fields.clone())
                .collect();
            (
                table.file.clone(),
                table.headers.clone(),
                shown,
                table.rows.len(),
            )
        })
    }) else {
        return ().into_any();
    };
    let shown_count = shown.len();
    view! {
        <div class="koe-preview" data-testid="import-preview">
            <h3>{move || state.texts().preview_heading} " — " {file}</h3>
            <div class="koe-mapping">
                {MappingField::ALL
                    .into_iter()
                    .map(|field| view! { <MappingSelect field headers=headers.clone() pending /> })
                    .collect_view()}
            </div>
            <div class="koe-table-scroll">
                <table class="koe-table">
                    <caption>{move || (state.texts().preview_caption)(shown_count, total)}</caption>
                    <thead>
                        <tr>{headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}</tr>
                    </thead>
                    <tbody>
                        {shown
                            .into_iter()
                            .map(|row| {
                                view! {
                                    <tr>{row.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}</tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <div class="koe-preview__actions">
                <button
                    class="koe-button koe-button--primary"
                    data-testid="import-confirm"
                    on:click=move |_| confirm(state, pending, notice)
                >
                    {move || state.texts().import_confirm}
                </button>
                <button class="koe-button" data-testid="import-cancel" on:click=move |_| pending.set(None)>
                    {move || state.texts().import_cancel}
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// One choice of the column mapping: which column plays this role.
#[component]
fn MappingSelect(
    field: MappingField,
    headers: Vec<String>,
    pending: RwSignal<Option<PendingImport>>,
) -> impl IntoView {
    let state = expect_project_state();
    let current = move || pending.with(|p| p.as_ref().and_then(|p| p.mapping.get(field)));
    let label = move || {
        let text = state.texts();
        match field {
            MappingField::Text => text.column_text,
            MappingField::Date => text.column_date,
            MappingField::Channel => text.column_channel,
        }
    };
    let testid = match field {
        MappingField::Text => "map-text",
        MappingField::Date => "map-date",
        MappingField::Channel => "map-channel",
    };
    let on_change = move |ev| {
        let column = event_target_value(&ev).parse::<usize>().ok();
        pending.update(|p| {
            if let Some(p) = p {
                p.mapping.set(field, column);
            }
        });
    };
    view! {
        <label class="koe-mapping__field">
            <span>{label}</span>
            <select data-testid=testid on:change=on_change>
                {field
                    .optional()
                    .then(|| {
                        view! {
                            <option value="" selected=move || current().is_none()>
                                {move || state.texts().column_none}
                            </option>
                        }
                    })}
                {headers
                    .into_iter()
                    .enumerate()
                    .map(|(index, header)| {
                        view! {
                            <option value=index.to_string() selected=move || current() == Some(index)>
                                {format!("{}: {}", index + 1, header)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
