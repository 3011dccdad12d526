use std::sync::Arc;

use koe_core::dates::{DateSettings, NumberDates};
use koe_core::duplicates::{DuplicateScan, scan};
use koe_core::i18n::Texts;
use koe_core::import::{
    ColumnMapping, DELIMITERS, ImportError, ImportOutcome, ImportProblem, MappingField, ReadOptions,
    ReadTable, SourceFormat, TextEncoding, guess_mapping, read_any, to_comments,
};
use koe_core::sample::{SAMPLE_CSV, SAMPLE_FILE_NAME};
use koe_core::{Command, Lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{DragEvent, HtmlInputElement};

use crate::io::file_read::{ChosenFile, files_of, read_file};
use crate::io::local_store;
use crate::state::{ProjectState, expect_project_state};

/// Rows shown in the preview before the user confirms.
const PREVIEW_ROWS: usize = 5;

/// A file read and waiting for the user to confirm how it is read.
#[derive(Clone, Debug, PartialEq)]
struct PendingImport {
    /// Counts files opened, so choosing the same file again still rebuilds the preview.
    generation: u32,
    name: String,
    /// Kept so a different encoding or delimiter can be tried without choosing the file again.
    bytes: Arc<[u8]>,
    options: ReadOptions,
    read: ReadTable,
    mapping: ColumnMapping,
    skip_repeats: bool,
}

impl PendingImport {
    /// The comments the file gives with the current mapping, and which repeat others.
    fn outcome(&self, state: ProjectState) -> (ImportOutcome, DuplicateScan) {
        let outcome = to_comments(&self.read.table, &self.mapping);
        let repeats = state.with_project(|p| scan(p.comments(), &outcome.comments));
        (outcome, repeats)
    }
}

/// What the last import attempt ended in; kept as data so it re-renders in either language.
#[derive(Clone, Debug, PartialEq)]
enum ImportNotice {
    Failed(ImportError),
    ReadFailed { file: String },
    Done(ImportReport),
}

/// The facts of a finished import, shown in words and as test hooks.
#[derive(Clone, Debug, PartialEq)]
struct ImportReport {
    added: usize,
    problems: Vec<ImportProblem>,
    repeats_found: usize,
    repeats_skipped: usize,
    controls_removed: usize,
    encoding: TextEncoding,
    delimiter: u8,
}

impl ImportNotice {
    fn summary(&self, lang: Lang) -> String {
        let text = koe_core::i18n::texts(lang);
        match self {
            ImportNotice::Failed(error) => error.message(lang),
            ImportNotice::ReadFailed { file } => (text.file_unreadable)(file),
            ImportNotice::Done(report) => {
                let mut summary = (text.imported_summary)(report.added, report.problems.len());
                if report.repeats_skipped > 0 {
                    summary.push(' ');
                    summary.push_str(&(text.duplicates_skipped)(report.repeats_skipped));
                }
                if report.controls_removed > 0 {
                    summary.push(' ');
                    summary.push_str(&(text.controls_removed)(report.controls_removed));
                }
                summary
            }
        }
    }
}

/// The import panel's own state: the file in preview, files waiting behind it, and what the
/// files of this batch ended in.
#[derive(Clone, Copy, Debug)]
struct ImportSession {
    pending: RwSignal<Option<PendingImport>>,
    queue: RwSignal<Vec<ChosenFile>>,
    notices: RwSignal<Vec<ImportNotice>>,
    reading: RwSignal<usize>,
}

impl ImportSession {
    fn new() -> Self {
        ImportSession {
            pending: RwSignal::new(None),
            queue: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            reading: RwSignal::new(0),
        }
    }

    fn notify(&self, notice: ImportNotice) {
        self.notices.update(|n| n.push(notice));
    }

    /// Opens the next waiting file, passing over files that cannot be read as tables.
    fn open_next(&self) {
        while self.pending.with_untracked(Option::is_none) {
            let next = self.queue.try_update(|q| (!q.is_empty()).then(|| q.remove(0))).flatten();
            let Some(file) = next else { return };
            let bytes: Arc<[u8]> = file.bytes.into();
            open(*self, file.name, bytes, ReadOptions::default());
        }
    }
}

/// File picker, drop zone and sample button; then a preview with encoding, delimiter and
/// column mapping to confirm.
#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = expect_project_state();
    let session = ImportSession::new();
    let pending = session.pending;
    let dragging = RwSignal::new(false);
    // Rebuild the preview only when another file is opened, not on every mapping change.
    let opened = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| p.generation)));

    let read_all = move |files: Vec<web_sys::File>| {
        if files.is_empty() {
            return;
        }
        session.notices.set(Vec::new());
        session.reading.update(|n| *n += files.len());
        spawn_local(async move {
            for file in files {
                let name = file.name();
                match read_file(file).await {
                    Ok(chosen) => session.queue.update(|q| q.push(chosen)),
                    Err(_) => session.notify(ImportNotice::ReadFailed { file: name }),
                }
                session.reading.update(|n| *n = n.saturating_sub(1));
                session.open_next();
            }
        });
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
        let bytes: Arc<[u8]> = SAMPLE_CSV.into();
        open(session, SAMPLE_FILE_NAME.to_owned(), bytes, ReadOptions::default());
        confirm(state, session);
    };
    let waiting = move || session.queue.with(Vec::len);

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
                    multiple
                    accept=".csv,.txt,.tsv,.json,.jsonl,.ndjson,.xlsx,.xlsm,.xls,.xlsb,.ods,text/csv,text/plain,application/json"
                    data-testid="import-file"
                    aria-label=move || state.texts().import_heading
                    on:change=on_change
                />
                <button class="koe-button koe-button--primary" data-testid="load-sample" on:click=load_sample>
                    {move || state.texts().try_sample}
                </button>
            </div>
            <div aria-live="polite" data-testid="import-notice">
                {move || (session.reading.get() > 0).then(|| view! { <p class="koe-notice">{state.texts().reading_file}</p> })}
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
                                    on:click=move |_| {
                                        while pending.with_untracked(Option::is_some) {
                                            confirm(state, session);
                                        }
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

/// Reads (or re-reads with other options) a file into the pending preview, with the mapping
/// remembered for its header or else a guessed one.
fn open(session: ImportSession, name: String, bytes: Arc<[u8]>, options: ReadOptions) {
    match read_any(&name, &bytes, options) {
        Ok(read) => {
            let remembered = local_store::recall(&ColumnMapping::memory_key(&read.table.headers))
                .and_then(|memory| ColumnMapping::from_memory(&memory, read.table.headers.len()));
            let mapping = remembered.unwrap_or_else(|| guess_mapping(&read.table));
            let generation = session.pending.with_untracked(|p| p.as_ref().map_or(0, |p| p.generation + 1));
            session.pending.set(Some(PendingImport {
                generation,
                name,
                bytes,
                options,
                read,
                mapping,
                skip_repeats: true,
            }));
        }
        Err(error) => {
            session.pending.set(None);
            session.notify(ImportNotice::Failed(error));
        }
    }
}

/// Adds the pending file's comments to the project as one undoable step, remembers its
/// mapping, and opens the next waiting file.
fn confirm(state: ProjectState, session: ImportSession) {
    let Some(file) = session.pending.get_untracked() else { return };
    let (outcome, repeats) = file.outcome(state);
    let skip = file.skip_repeats;
    let comments: Vec<_> = outcome
        .comments
        .into_iter()
        .enumerate()
        .filter(|(index, _)| !(skip && repeats.is_repeat(*index)))
        .map(|(_, comment)| comment)
        .collect();
    let added = comments.len();
    let mut problems = file.read.problems;
    problems.extend(outcome.problems);
    state.apply(Command::AddComments(comments));
    local_store::remember(&ColumnMapping::memory_key(&file.read.table.headers), &file.mapping.to_memory());
    session.pending.set(None);
    session.notify(ImportNotice::Done(ImportReport {
        added,
        problems,
        repeats_found: repeats.len(),
        repeats_skipped: if skip { repeats.len() } else { 0 },
        controls_removed: outcome.controls_removed,
        encoding: file.read.encoding,
        delimiter: file.read.table.delimiter,
    }));
    session.open_next();
}

#[component]
fn ImportSummary(notice: ImportNotice) -> impl IntoView {
    let state = expect_project_state();
    let is_error = matches!(notice, ImportNotice::Failed(_) | ImportNotice::ReadFailed { .. });
    let report = match &notice {
        ImportNotice::Done(report) => Some(report.clone()),
        _ => None,
    };
    let problems = report.as_ref().map(|r| r.problems.clone()).unwrap_or_default();
    let has_problems = !problems.is_empty();
    let hook = |read: fn(&ImportReport) -> String| report.as_ref().map(read);
    view! {
        <div
            class="koe-notice"
            class:koe-notice--error=is_error
            role=is_error.then_some("alert")
            data-testid=report.as_ref().map(|_| "import-summary")
            data-rows=hook(|r| r.added.to_string())
            data-problems=hook(|r| r.problems.len().to_string())
            data-duplicates=hook(|r| r.repeats_found.to_string())
            data-encoding=hook(|r| r.encoding.label().to_owned())
            data-delimiter=hook(|r| char::from(r.delimiter).to_string())
        >
            <p>{move || notice.summary(state.lang())}</p>
            <Show when=move || has_problems>
                <details class="koe-notice__problems" open>
                    <summary>{move || state.texts().problems_heading}</summary>
                    <ul data-testid="import-problems">
                        {problems
                            .iter()
                            .map(|problem| {
                                let problem = problem.clone();
                                let line = problem.line.to_string();
                                view! { <li data-line=line>{move || problem.message(state.lang())}</li> }
                            })
                            .collect_view()}
                    </ul>
                </details>
            </Show>
        </div>
    }
}

#[component]
fn ImportPreview(session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let pending = session.pending;
    let Some((file, headers, shown, total, replaced, format)) = pending.with_untracked(|p| {
        p.as_ref().map(|p| {
            let table = &p.read.table;
            let shown: Vec<Vec<String>> =
                table.rows.iter().take(PREVIEW_ROWS).map(|r| r.fields.clone()).collect();
            (
                p.name.clone(),
                table.headers.clone(),
                shown,
                table.rows.len(),
                p.read.replaced,
                p.read.format.clone(),
            )
        })
    }) else {
        return ().into_any();
    };
    let shown_count = shown.len();
    // Duplicates depend on the file and its mapping only, not on the leave-out checkbox.
    let mapping = Memo::new(move |_| pending.with(|p| p.as_ref().map(|p| (p.generation, p.mapping))));
    let repeats = Memo::new(move |_| {
        mapping.track();
        pending
            .with_untracked(|p| p.as_ref().map(|p| p.outcome(state).1))
            .map(|r| (r.exact.len(), r.reposts.len()))
    });
    let reread = move |options: ReadOptions| {
        if let Some(p) = pending.get_untracked() {
            session.pending.set(None);
            open(session, p.name, p.bytes, options);
        }
    };
    let current_options =
        move || pending.with_untracked(|p| p.as_ref().map(|p| p.options).unwrap_or_default());
    let detected_encoding = pending.with_untracked(|p| p.as_ref().map(|p| p.read.encoding));
    let detected_delimiter = pending.with_untracked(|p| p.as_ref().map(|p| p.read.table.delimiter));
    view! {
        <div class="koe-preview" data-testid="import-preview">
            <h3>{move || state.texts().preview_heading} " — " {file}</h3>
            <div class="koe-mapping">
                <label class="koe-mapping__field">
                    <span>{move || state.texts().encoding_label}</span>
                    <select
                        data-testid="import-encoding"
                        on:change=move |ev| {
                            let encoding = TextEncoding::from_label(&event_target_value(&ev));
                            reread(ReadOptions { encoding, ..current_options() });
                        }
                    >
                        {TextEncoding::ALL
                            .into_iter()
                            .map(|encoding| {
                                view! {
                                    <option value=encoding.label() selected=detected_encoding == Some(encoding)>
                                        {encoding.label()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </label>
                {sheet_select(&format, reread, current_options)}
                {(format == SourceFormat::Delimited)
                    .then(|| {
                        view! {
                            <label class="koe-mapping__field">
                                <span>{move || state.texts().delimiter_label}</span>
                                <select
                                    data-testid="import-delimiter"
                                    on:change=move |ev| {
                                        let delimiter = event_target_value(&ev).parse::<usize>().ok().and_then(|i| DELIMITERS.get(i).copied());
                                        reread(ReadOptions { delimiter, ..current_options() });
                                    }
                                >
                                    {DELIMITERS
                                        .into_iter()
                                        .enumerate()
                                        .map(|(index, delimiter)| {
                                            view! {
                                                <option value=index.to_string() selected=detected_delimiter == Some(delimiter)>
                                                    {move || state.texts().delimiter_names[index]}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                            </label>
                        }
                    })}
            </div>
            {replaced
                .map(|r| {
                    view! {
                        <p class="koe-notice koe-notice--error" role="alert" data-testid="import-mojibake">
                            {move || (state.texts().mojibake_warning)(r.count, r.line, r.column)}
                        </p>
                    }
                })}
            <DateSettingsChoice pending />
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
            {move || {
                repeats
                    .get()
                    .filter(|(exact, reposts)| exact + reposts > 0)
                    .map(|(exact, reposts)| {
                        view! {
                            <div class="koe-preview__repeats" data-testid="import-duplicates">
                                <p>{move || (state.texts().duplicates_found)(exact, reposts)}</p>
                                <label>
                                    <input
                                        type="checkbox"
                                        data-testid="import-skip-duplicates"
                                        prop:checked=move || pending.with(|p| p.as_ref().is_some_and(|p| p.skip_repeats))
                                        on:change=move |ev| {
                                            let skip = event_target_checked(&ev);
                                            pending.update(|p| {
                                                if let Some(p) = p {
                                                    p.skip_repeats = skip;
                                                }
                                            });
                                        }
                                    />
                                    {move || state.texts().skip_duplicates}
                                </label>
                            </div>
                        }
                    })
            }}
            <div class="koe-preview__actions">
                <button
                    class="koe-button koe-button--primary"
                    data-testid="import-confirm"
                    on:click=move |_| confirm(state, session)
                >
                    {move || state.texts().import_confirm}
                </button>
                <button
                    class="koe-button"
                    data-testid="import-cancel"
                    on:click=move |_| {
                        pending.set(None);
                        session.open_next();
                    }
                >
                    {move || state.texts().import_cancel}
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// What plain numbers in the date column mean, and the local time zone.
#[component]
fn DateSettingsChoice(pending: RwSignal<Option<PendingImport>>) -> impl IntoView {
    let state = expect_project_state();
    let settings = move || pending.with(|p| p.as_ref().map(|p| p.mapping.dates).unwrap_or_default());
    let update = move |change: &dyn Fn(&mut DateSettings)| {
        pending.update(|p| {
            if let Some(p) = p {
                change(&mut p.mapping.dates);
            }
        });
    };
    view! {
        <div class="koe-mapping">
            <label class="koe-mapping__field">
                <span>{move || state.texts().date_numbers_label}</span>
                <select
                    data-testid="import-date-numbers"
                    on:change=move |ev| {
                        let index = event_target_value(&ev).parse::<usize>().unwrap_or(0);
                        let numbers = NumberDates::ALL.get(index).copied().unwrap_or_default();
                        update(&|d| d.numbers = numbers);
                    }
                >
                    {NumberDates::ALL
                        .into_iter()
                        .enumerate()
                        .map(|(index, kind)| {
                            view! {
                                <option value=index.to_string() selected=move || settings().numbers == kind>
                                    {move || state.texts().date_numbers_names[index]}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <label class="koe-mapping__field">
                <span>{move || state.texts().time_zone_label}</span>
                <select
                    data-testid="import-time-zone"
                    on:change=move |ev| {
                        let hours = event_target_value(&ev).parse::<i32>().unwrap_or(9);
                        update(&|d| d.offset_minutes = hours * 60);
                    }
                >
                    {(-12..=14)
                        .map(|hours: i32| {
                            view! {
                                <option value=hours.to_string() selected=move || settings().offset_minutes == hours * 60>
                                    {format!("UTC{hours:+03}:00")}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
        </div>
    }
}

/// The sheet choice of a workbook with more than one sheet.
fn sheet_select(
    format: &SourceFormat,
    reread: impl Fn(ReadOptions) + Copy + 'static,
    current_options: impl Fn() -> ReadOptions + Copy + 'static,
) -> Option<AnyView> {
    let state = expect_project_state();
    let SourceFormat::Workbook { sheet, sheets } = format else { return None };
    if sheets.len() < 2 {
        return None;
    }
    let options = sheets
        .iter()
        .enumerate()
        .map(|(index, name)| {
            view! { <option value=index.to_string() selected=name == sheet>{name.clone()}</option> }
        })
        .collect_view();
    Some(
        view! {
            <label class="koe-mapping__field">
                <span>{move || state.texts().sheet_label}</span>
                <select
                    data-testid="import-sheet"
                    on:change=move |ev| {
                        let sheet = event_target_value(&ev).parse::<usize>().ok();
                        reread(ReadOptions { sheet, ..current_options() });
                    }
                >
                    {options}
                </select>
            </label>
        }
        .into_any(),
    )
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
    let label = move || field_label(state.texts(), field);
    let testid = match field {
        MappingField::Text => "map-text",
        MappingField::Date => "map-date",
        MappingField::Channel => "map-channel",
        MappingField::Author => "map-author",
        MappingField::Url => "map-url",
        MappingField::Id => "map-id",
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

fn field_label(text: &'static Texts, field: MappingField) -> &'static str {
    match field {
        MappingField::Text => text.column_text,
        MappingField::Date => text.column_date,
        MappingField::Channel => text.column_channel,
        MappingField::Author => text.column_author,
        MappingField::Url => text.column_url,
        MappingField::Id => text.column_id,
    }
}
