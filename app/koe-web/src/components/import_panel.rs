use crate::io::sliced::run_sliced;
use koe_core::Project;
use std::sync::Arc;

use koe_core::Lang;
use koe_core::import::dates::{DateSettings, NumberDates};
use koe_core::import::duplicates::{DuplicateScan, Repeat, RepeatCounts, RepeatScan};
use koe_core::import::jobs::{FilePreview, JobId, Reply, Request};
use koe_core::import::sample::sample_in;
use koe_core::import::{
    ColumnMapping, DELIMITERS, ImportError, ImportOutcome, ImportProblem, MappingField, Progress,
    ReadOptions, SourceFormat, Stage, TextEncoding,
};
use koe_core::project::comment::NewComment;
use koe_core::ui::i18n::Texts;
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::{DragEvent, HtmlInputElement};

use crate::io::file_read::{PickedFile, files_of};
use crate::io::import_worker::{ImportWorker, Interrupted, WORKER_URL};
use crate::io::local_store;
use crate::io::timing::measured;
use crate::state::{ProjectState, expect_project_state};

/// Comments the duplicate scan looks at per task (a few milliseconds each).
const SCAN_SLICE: usize = 10_000;

/// A file read and waiting for the user to confirm how it is read.
#[derive(Clone, Debug, PartialEq)]
struct PendingImport {
    /// Counts files opened, so choosing the same file again still rebuilds the preview.
    generation: u32,
    /// The worker keeps the whole table under this job; the page holds only the preview.
    job: JobId,
    /// Kept so a different encoding or delimiter can be tried without choosing the file again.
    file: PickedFile,
    options: ReadOptions,
    preview: FilePreview,
    mapping: ColumnMapping,
    /// Whether `mapping` started as the one remembered for this header (else the guess).
    remembered: bool,
    /// The member's choice to leave out proven duplicates; `None` follows the scan's default
    /// (leave them out unless there are suspiciously many).
    skip_repeats: Option<bool>,
    /// The comments for `converted.mapping`, once the worker has made them.
    converted: Option<Converted>,
}

/// The file's comments with one mapping, and which of them repeat others.
#[derive(Clone, Debug, PartialEq)]
struct Converted {
    mapping: ColumnMapping,
    outcome: Arc<ImportOutcome>,
    repeats: Arc<DuplicateScan>,
}

/// What the last import attempt ended in; kept as data so it re-renders in either language.
#[derive(Clone, Debug, PartialEq)]
enum ImportNotice {
    Failed(ImportError),
    ReadFailed { file: String },
    Aborted { file: String },
    Done(ImportReport),
}

/// The facts of a finished import, shown in words and as test hooks.
#[derive(Clone, Debug, PartialEq)]
struct ImportReport {
    added: usize,
    problems: Vec<ImportProblem>,
    /// Proven duplicates found.
    repeats_found: usize,
    /// Rows marked 同文 and kept.
    same_texts: usize,
    repeats_skipped: usize,
    controls_removed: usize,
    encoding: TextEncoding,
    delimiter: u8,
}

impl ImportNotice {
    fn summary(&self, lang: Lang) -> String {
        let text = koe_core::ui::i18n::texts(lang);
        match self {
            ImportNotice::Failed(error) => error.message(lang),
            ImportNotice::ReadFailed { file } => (text.file_unreadable)(file),
            ImportNotice::Aborted { file } => (text.import_aborted)(file),
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

    fn is_error(&self) -> bool {
        matches!(self, ImportNotice::Failed(_) | ImportNotice::ReadFailed { .. })
    }
}

/// The file the worker is busy with, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
struct Busy {
    job: JobId,
    name: String,
}

/// The import panel's own state: the file in preview, files waiting behind it, the file the
/// worker is busy with, and what the files of this batch ended in.
#[derive(Clone, Copy, Debug)]
struct ImportSession {
    state: ProjectState,
    pending: RwSignal<Option<PendingImport>>,
    queue: RwSignal<Vec<PickedFile>>,
    notices: RwSignal<Vec<ImportNotice>>,
    busy: RwSignal<Option<Busy>>,
    progress: RwSignal<Option<(JobId, Progress)>>,
    worker: StoredValue<ImportWorker, LocalStorage>,
}

impl ImportSession {
    fn new(state: ProjectState) -> Self {
        let progress = RwSignal::new(None);
        ImportSession {
            state,
            pending: RwSignal::new(None),
            queue: RwSignal::new(Vec::new()),
            notices: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            progress,
            worker: StoredValue::new_local(ImportWorker::new(WORKER_URL, progress)),
        }
    }

    fn worker(&self) -> ImportWorker {
        self.worker.get_value()
    }

    fn notify(&self, notice: ImportNotice) {
        self.notices.update(|n| n.push(notice));
    }

    /// Stops the file under way: nothing of it is added, and the files behind it are dropped.
    fn abort(&self) {
        let Some(busy) = self.busy.get_untracked() else { return };
        self.worker().cancel();
        self.busy.set(None);
        self.pending.set(None);
        self.queue.set(Vec::new());
        self.notify(ImportNotice::Aborted { file: busy.name });
    }

    /// Asks the worker, showing progress meanwhile; `None` when it was stopped or crashed.
    /// A chosen file goes beside the request, for the worker to read.
    async fn ask(
        &self,
        job: JobId,
        name: &str,
        request: &Request,
        file: Option<&PickedFile>,
    ) -> Option<Reply> {
        self.busy.set(Some(Busy { job, name: name.to_owned() }));
        let reply = match file {
            Some(file) => self.worker().ask_with_file(job, request, &file.content).await,
            None => self.worker().ask(job, request).await,
        };
        if self.busy.with_untracked(|b| b.as_ref().is_some_and(|b| b.job == job)) {
            self.busy.set(None);
        }
        match reply {
            Ok(reply) => Some(reply),
            // The abort button has already said so and cleared the session.
            Err(Interrupted::Cancelled) => None,
            Err(Interrupted::Crashed) => {
                self.pending.set(None);
                self.notify(ImportNotice::ReadFailed { file: name.to_owned() });
                None
            }
        }
    }

    /// Opens waiting files one by one until one is in preview.
    async fn open_next(self) {
        while self.pending.with_untracked(Option::is_none) && self.busy.with_untracked(Option::is_none) {
            let next = self.queue.try_update(|q| (!q.is_empty()).then(|| q.remove(0))).flatten();
            let Some(file) = next else { return };
            self.open(file, ReadOptions::default()).await;
        }
    }

    /// Reads (or re-reads with other options) a file into the preview, with the mapping
    /// remembered for its header or else a guessed one, and converts it.
    async fn open(self, file: PickedFile, options: ReadOptions) {
        let worker = self.worker();
        let job = worker.next_job();
        let name = file.name.clone();
        // The worker reads the file itself: the request carries no bytes.
        let request = Request::Read { job, name: name.clone(), options, bytes: Vec::new() };
        let Some(reply) = self.ask(job, &name, &request, Some(&file)).await else { return };
        match reply {
            Reply::Read { result: Ok(preview), .. } => {
                let remembered = local_store::recall(&ColumnMapping::memory_key(&preview.headers))
                    .and_then(|memory| ColumnMapping::from_memory(&memory, preview.headers.len()));
                let from_memory = remembered.is_some();
                let mapping = remembered.unwrap_or(preview.guess.mapping);
                let generation = self.pending.with_untracked(|p| p.as_ref().map_or(0, |p| p.generation + 1));
                self.pending.set(Some(PendingImport {
                    generation,
                    job,
                    file,
                    options,
                    preview,
                    mapping,
                    remembered: from_memory,
                    skip_repeats: None,
                    converted: None,
                }));
                self.convert().await;
            }
            Reply::Read { result: Err(error), .. } => {
                self.pending.set(None);
                self.notify(ImportNotice::Failed(error));
            }
            _ => self.notify(ImportNotice::ReadFailed { file: name }),
        }
    }

    /// Makes sure the pending file is converted with its current mapping; `None` when the
    /// file was stopped or lost on the way.
    async fn convert(self) -> Option<Converted> {
        loop {
            let (job, name, mapping, done) = self.pending.with_untracked(|p| {
                p.as_ref().map(|p| (p.job, p.file.name.clone(), p.mapping, p.converted.clone()))
            })?;
            if let Some(done) = done.filter(|d| d.mapping == mapping) {
                return Some(done);
            }
            match self.ask(job, &name, &Request::Convert { job, mapping }, None).await? {
                Reply::Converted { mapping: used, outcome, .. } => {
                    // Busy while scanning too: 取り込む waits for the scan instead of converting again.
                    self.busy.set(Some(Busy { job, name: name.clone() }));
                    let repeats = self.scan_repeats(&outcome.comments).await;
                    if self.busy.with_untracked(|b| b.as_ref().is_some_and(|b| b.job == job)) {
                        self.busy.set(None);
                    }
                    let converted =
                        Converted { mapping: used, outcome: Arc::new(outcome), repeats: Arc::new(repeats) };
                    // Only while the same file is still in preview; the loop checks its mapping.
                    self.pending.update(|p| {
                        if let Some(p) = p.as_mut().filter(|p| p.job == job) {
                            p.converted = Some(converted);
                        }
                    });
                }
                _ => {
                    self.pending.set(None);
                    self.notify(ImportNotice::ReadFailed { file: name });
                    return None;
                }
            }
        }
    }

    /// Which incoming comments repeat others, looked at a slice per task so a big file does
    /// not freeze the page; started again if the project's comments change meanwhile.
    async fn scan_repeats(self, incoming: &[NewComment]) -> DuplicateScan {
        let step = |scan: &mut RepeatScan, p: &Project, budget| scan.step(p.comments(), incoming, budget);
        // Stopped meanwhile: the answer is not wanted any more.
        let wanted = move || self.pending.with_untracked(Option::is_some);
        let fresh = |_: &Project| RepeatScan::default();
        run_sliced(self.state, "koe:duplicate-scan", SCAN_SLICE, RepeatScan::default(), fresh, step, wanted)
            .await
            .unwrap_or_default()
    }

    /// Adds the pending file's comments to the project as one undoable step, remembers its
    /// mapping, and opens the next waiting file.
    async fn confirm(self) {
        let Some(converted) = self.convert().await else { return };
        // Taken out of the preview (which closes), so the comments move into the project
        // instead of being copied: at 200,000 comments the copy alone is a long task.
        let Some(mut file) =
            measured("koe:preview-close", || self.pending.try_update(Option::take).flatten())
        else {
            return;
        };
        file.converted = None;
        let Converted { outcome, repeats, .. } = converted;
        let skip = file.skip_repeats.unwrap_or_else(|| repeats.leave_out_by_default());
        let outcome = Arc::try_unwrap(outcome).unwrap_or_else(|shared| (*shared).clone());
        let controls_removed = outcome.controls_removed;
        let comments: Vec<_> = outcome
            .comments
            .into_iter()
            .enumerate()
            .filter(|(index, _)| !(skip && repeats.is_proven(*index)))
            .map(|(_, comment)| comment)
            .collect();
        let added = comments.len();
        let mut problems = file.preview.problems;
        problems.extend(outcome.problems);
        self.state.add_comments_in_parts(comments).await;
        local_store::remember(&ColumnMapping::memory_key(&file.preview.headers), &file.mapping.to_memory());
        self.worker().forget(file.job);
        self.notify(ImportNotice::Done(ImportReport {
            added,
            problems,
            repeats_found: repeats.proven(),
            same_texts: repeats.count(Repeat::SameText),
            repeats_skipped: if skip { repeats.proven() } else { 0 },
            controls_removed,
            encoding: file.preview.encoding,
            delimiter: file.preview.delimiter,
        }));
        self.open_next().await;
    }

    /// Drops the file in preview and opens the next.
    fn skip(self) {
        if let Some(file) = self.pending.get_untracked() {
            self.worker().forget(file.job);
        }
        self.pending.set(None);
        spawn_local(self.open_next());
    }

    /// Changes the pending file's mapping and converts it again.
    fn remap(self, change: impl FnOnce(&mut ColumnMapping)) {
        self.pending.update(|p| {
            if let Some(p) = p {
                change(&mut p.mapping);
            }
        });
        spawn_local(async move {
            self.convert().await;
        });
    }
}

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
        session.queue.update(|q| q.extend(files.into_iter().map(PickedFile::of)));
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
            let (name, bytes) = sample_in(state.lang_untracked());
            let Some(sample) = PickedFile::from_bytes(name, bytes) else { return };
            session.open(sample, ReadOptions::default()).await;
            session.confirm().await;
        });
    };
    let waiting = move || session.queue.with(Vec::len);
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
fn ImportProgress(session: ImportSession) -> impl IntoView {
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

#[component]
fn ImportSummary(notice: ImportNotice) -> impl IntoView {
    let state = expect_project_state();
    let is_error = notice.is_error();
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
            data-same-text=hook(|r| r.same_texts.to_string())
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
    let Some((file, preview)) =
        pending.with_untracked(|p| p.as_ref().map(|p| (p.file.name.clone(), p.preview.clone())))
    else {
        return ().into_any();
    };
    let FilePreview {
        headers, rows, total_rows: total, replaced, format, encoding, delimiter, guess, ..
    } = preview;
    let other_texts: Vec<String> =
        guess.other_texts.iter().filter_map(|c| headers.get(*c).cloned()).collect();
    let shown: Vec<Vec<String>> = rows.into_iter().map(|row| row.fields).collect();
    let shown_count = shown.len();
    // Duplicates depend on the file and its mapping only, not on the leave-out checkbox.
    let repeats = Memo::new(move |_| {
        pending.with(|p| {
            let converted = p.as_ref()?.converted.as_ref()?;
            Some(RepeatsShown::of(&converted.repeats, &converted.outcome.comments))
        })
    });
    let reread = move |options: ReadOptions| {
        if let Some(p) = pending.get_untracked() {
            session.worker().forget(p.job);
            session.pending.set(None);
            spawn_local(session.open(p.file, options));
        }
    };
    let current_options =
        move || pending.with_untracked(|p| p.as_ref().map(|p| p.options).unwrap_or_default());
    let detected_encoding = Some(encoding);
    let detected_delimiter = Some(delimiter);
    let idle = move || session.busy.with(Option::is_none);
    let read_only = move || state.editing().is_read_only();
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
            <DateSettingsChoice session />
            <div class="koe-mapping">
                {MappingField::ALL
                    .into_iter()
                    .map(|field| view! { <MappingSelect field headers=headers.clone() session /> })
                    .collect_view()}
            </div>
            {(!other_texts.is_empty())
                .then(|| {
                    view! {
                        <p class="koe-preview__note" data-testid="import-other-texts">
                            {move || (state.texts().other_texts_note)(&other_texts.join(state.lang().list_separator()))}
                        </p>
                    }
                })}
            <div class="koe-table-scroll" tabindex="0" role="region" aria-label=move || state.texts().preview_heading>
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
                    .filter(|shown| shown.counts.proven() + shown.counts.same_text + shown.counts.quotes > 0)
                    .map(|shown| view! { <RepeatsNotice shown session /> })
            }}
            <div class="koe-preview__actions">
                <button
                    class="koe-button koe-button--primary"
                    data-testid="import-confirm"
                    prop:disabled=move || !idle() || read_only()
                    on:click=move |_| spawn_local(session.confirm())
                >
                    {move || state.texts().import_confirm}
                </button>
                <button
                    class="koe-button"
                    data-testid="import-cancel"
                    on:click=move |_| session.skip()
                >
                    {move || state.texts().import_cancel}
                </button>
            </div>
        </div>
    }
    .into_any()
}

/// Rows of the 同文 list the preview shows.
const SAME_TEXT_ROWS_SHOWN: usize = 20;

/// What the preview says of repeated rows.
#[derive(Clone, Debug, PartialEq)]
struct RepeatsShown {
    counts: RepeatCounts,
    rows: usize,
    suspicious: bool,
    /// The first rows marked 同文: line and text.
    same_texts: Vec<(u64, String)>,
}

impl RepeatsShown {
    fn of(scan: &DuplicateScan, comments: &[NewComment]) -> Self {
        let same_texts = scan
            .found
            .iter()
            .filter(|(_, repeat)| *repeat == Repeat::SameText)
            .filter_map(|(index, _)| comments.get(*index))
            .take(SAME_TEXT_ROWS_SHOWN)
            .map(|c| (c.source.line, c.text.chars().take(80).collect()))
            .collect();
        RepeatsShown {
            counts: scan.counts(),
            rows: scan.scanned,
            suspicious: scan.is_suspicious(),
            same_texts,
        }
    }
}

/// Proven duplicates with the choice to leave them out, a warning when there are suspiciously
/// many, and the rows marked 同文 that are kept.
#[component]
fn RepeatsNotice(shown: RepeatsShown, session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let pending = session.pending;
    let RepeatsShown { counts, rows, suspicious, same_texts } = shown;
    let proven = counts.proven();
    let default_skip = !suspicious;
    let same_count = counts.same_text;
    let quotes = counts.quotes;
    view! {
        <div class="koe-preview__repeats" data-testid="import-duplicates" data-proven=proven.to_string() data-same-text=same_count.to_string()>
            {(proven > 0)
                .then(|| {
                    view! {
                        <p>{move || (state.texts().duplicates_found)(&counts)}</p>
                        {suspicious
                            .then(|| {
                                view! {
                                    <p class="koe-notice koe-notice--error" role="alert" data-testid="import-duplicates-warning">
                                        {move || (state.texts().duplicates_suspicious)(proven, rows)}
                                    </p>
                                }
                            })}
                        <label>
                            <input
                                type="checkbox"
                                data-testid="import-skip-duplicates"
                                prop:checked=move || pending.with(|p| p.as_ref().is_some_and(|p| p.skip_repeats.unwrap_or(default_skip)))
                                on:change=move |ev| {
                                    let skip = event_target_checked(&ev);
                                    pending.update(|p| {
                                        if let Some(p) = p {
                                            p.skip_repeats = Some(skip);
                                        }
                                    });
                                }
                            />
                            {move || state.texts().skip_duplicates}
                        </label>
                    }
                })}
            {(same_count + quotes > 0)
                .then(|| {
                    view! {
                        <p>{move || (state.texts().same_texts_kept)(same_count, quotes)}</p>
                        {(!same_texts.is_empty())
                            .then(|| {
                                view! {
                                    <details class="koe-preview__same-texts">
                                        <summary>{move || state.texts().same_texts_heading}</summary>
                                        <ul>
                                            {same_texts
                                                .into_iter()
                                                .map(|(line, text)| {
                                                    view! {
                                                        <li data-line=line.to_string()>
                                                            <span class="koe-tag koe-tag--muted">{move || state.texts().same_text_badge}</span>
                                                            {format!(" {line}: ")}
                                                            {text}
                                                        </li>
                                                    }
                                                })
                                                .collect_view()}
                                        </ul>
                                    </details>
                                }
                            })}
                    }
                })}
        </div>
    }
}

/// What plain numbers in the date column mean, and the local time zone.
#[component]
fn DateSettingsChoice(session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let settings = move || session.pending.with(|p| p.as_ref().map(|p| p.mapping.dates).unwrap_or_default());
    let update =
        move |change: &dyn Fn(&mut DateSettings)| session.remap(|mapping| change(&mut mapping.dates));
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
fn MappingSelect(field: MappingField, headers: Vec<String>, session: ImportSession) -> impl IntoView {
    let state = expect_project_state();
    let current = move || session.pending.with(|p| p.as_ref().and_then(|p| p.mapping.get(field)));
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
        session.remap(|mapping| mapping.set(field, column));
    };
    // Why the column now chosen was chosen, while it is still the guessed or remembered one.
    let reason = move || {
        let lang = state.lang();
        session.pending.with(|p| {
            let p = p.as_ref()?;
            let column = p.mapping.get(field)?;
            if p.remembered {
                return Some(state.texts().guess_remembered.to_owned());
            }
            (p.preview.guess.mapping.get(field) == Some(column)).then_some(())?;
            let reasons = p.preview.guess.reasons_for(field);
            (!reasons.is_empty()).then(|| {
                reasons.iter().map(|r| r.message(lang)).collect::<Vec<_>>().join(lang.list_separator())
            })
        })
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
            {move || {
                reason()
                    .map(|why| {
                        view! {
                            <small class="koe-mapping__reason" data-testid="map-reason" data-field=testid>
                                {why}
                            </small>
                        }
                    })
            }}
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
