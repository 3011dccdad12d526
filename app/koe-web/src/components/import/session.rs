//! The import panel's own state and its steps: the file in preview, the files waiting, the
//! file the worker is busy with, and what the files of this batch ended in. The rules of each
//! step are `koe_core::import::batch`; this drives the worker and the page around them.

use crate::io::sliced::run_sliced;
use koe_core::Project;
use std::sync::Arc;

use koe_core::Lang;
use koe_core::import::batch::{Batch, Converted, ImportReport, Pending};
use koe_core::import::duplicates::{DuplicateScan, RepeatScan};
use koe_core::import::{ColumnMapping, ImportError, Progress, ReadOptions};
use koe_core::project::comment::NewComment;
use koe_core::worker::{JobId, Reply, Request};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::io::file_read::PickedFile;
use crate::io::import_worker::{IDLE_RETIRE, ImportWorker, Interrupted, PartWatcher, WORKER_URL};
use crate::io::local_store;
use crate::io::timing::measured;
use crate::state::ProjectState;
use std::cell::RefCell;
use std::rc::Rc;

/// At most this many remembered mappings go with a file to the worker.
const REMEMBERED_SENT: usize = 1_000;

/// Comments the duplicate scan looks at per task (a few milliseconds each).
pub(super) const SCAN_SLICE: usize = 10_000;

/// What goes with a request to the worker besides its bytes.
pub(super) enum AskWith<'a> {
    /// The chosen file, which the worker reads (and converts as it reads it: the watcher is
    /// shown the comments so far as each part arrives).
    File(&'a PickedFile, PartWatcher),
    /// Shown the comments converted so far as each part arrives.
    PartWatcher(PartWatcher),
}

/// A duplicate scan stepped as a conversion's parts arrive, over the project's comments as
/// they were when it began.
pub(super) struct ScanSoFar {
    generation: u64,
    scan: RepeatScan,
}

impl ScanSoFar {
    pub(super) fn new(state: ProjectState) -> Self {
        ScanSoFar { generation: state.comments_generation_untracked(), scan: RepeatScan::default() }
    }

    /// Looks at up to [`SCAN_SLICE`] more comments: a part's worth, or the project's
    /// comments first; begins again if the project's comments changed, or when the comments
    /// so far are none again (their parts were void). `rows` is how many comments there may
    /// be in all, for the scan to make its room once.
    fn step(&mut self, state: ProjectState, so_far: &[NewComment], rows: usize) {
        if state.comments_generation_untracked() != self.generation || so_far.is_empty() {
            *self = ScanSoFar::new(state);
        }
        let scan = &mut self.scan;
        scan.expect_incoming(rows);
        measured("koe:duplicate-scan", || {
            state.with_project_untracked(|p| scan.step(p.comments(), so_far, SCAN_SLICE));
        });
    }

    /// The scan, if the project's comments are still those it looked at; else a fresh one.
    fn into_current(self, state: ProjectState) -> RepeatScan {
        if state.comments_generation_untracked() == self.generation {
            self.scan
        } else {
            RepeatScan::default()
        }
    }
}

/// The file in preview, over the browser's file handle.
pub(super) type PendingImport = Pending<PickedFile>;

/// What the last import attempt ended in; kept as data so it re-renders in either language.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum ImportNotice {
    Failed(ImportError),
    ReadFailed {
        file: String,
    },
    /// No worker could be started, so nothing was read.
    Unavailable {
        file: String,
    },
    Aborted {
        file: String,
    },
    Done(ImportReport),
}

impl ImportNotice {
    pub(super) fn summary(&self, lang: Lang) -> String {
        let text = koe_core::ui::i18n::texts(lang);
        match self {
            ImportNotice::Failed(error) => error.message(lang),
            ImportNotice::ReadFailed { file } => (text.file_unreadable)(file),
            ImportNotice::Unavailable { file } => (text.import_unavailable)(file),
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

    pub(super) fn is_error(&self) -> bool {
        matches!(
            self,
            ImportNotice::Failed(_) | ImportNotice::ReadFailed { .. } | ImportNotice::Unavailable { .. }
        )
    }
}

/// The file the worker is busy with, for the progress bar.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Busy {
    pub(super) job: JobId,
    pub(super) name: String,
}

/// The import panel's own state: the file in preview, files waiting behind it, the file the
/// worker is busy with, and what the files of this batch ended in.
#[derive(Clone, Copy, Debug)]
pub(super) struct ImportSession {
    pub(super) state: ProjectState,
    pub(super) pending: RwSignal<Option<PendingImport>>,
    pub(super) queue: RwSignal<Batch<PickedFile>>,
    pub(super) notices: RwSignal<Vec<ImportNotice>>,
    pub(super) busy: RwSignal<Option<Busy>>,
    pub(super) progress: RwSignal<Option<(JobId, Progress)>>,
    pub(super) worker: StoredValue<ImportWorker, LocalStorage>,
}

impl ImportSession {
    pub(super) fn new(state: ProjectState) -> Self {
        let progress = RwSignal::new(None);
        ImportSession {
            state,
            pending: RwSignal::new(None),
            queue: RwSignal::new(Batch::default()),
            notices: RwSignal::new(Vec::new()),
            busy: RwSignal::new(None),
            progress,
            worker: StoredValue::new_local(ImportWorker::new(WORKER_URL, progress)),
        }
    }

    pub(super) fn worker(&self) -> ImportWorker {
        self.worker.get_value()
    }

    /// Starts the worker while the member is still choosing a file (the pointer or focus on
    /// the drop zone, a file dragged over it), so its code is loaded and compiled before the
    /// file comes instead of after; retired when left idle, like after an import.
    pub(super) fn warm(&self) {
        self.worker().warm();
    }

    pub(super) fn notify(&self, notice: ImportNotice) {
        self.notices.update(|n| n.push(notice));
    }

    /// Stops the file under way: nothing of it is added, and the files behind it are dropped.
    pub(super) fn abort(&self) {
        let Some(busy) = self.busy.get_untracked() else { return };
        self.worker().cancel();
        self.busy.set(None);
        self.pending.set(None);
        self.queue.update(Batch::clear);
        self.notify(ImportNotice::Aborted { file: busy.name });
    }

    /// Asks the worker, showing progress meanwhile; `None` when it was stopped or crashed.
    /// A chosen file goes beside the request, for the worker to read; a conversion's parts
    /// are shown to its watcher as they arrive.
    pub(super) async fn ask(
        &self,
        job: JobId,
        name: &str,
        request: &Request,
        with: AskWith<'_>,
    ) -> Option<Reply> {
        self.busy.set(Some(Busy { job, name: name.to_owned() }));
        let reply = match with {
            AskWith::File(file, on_part) => {
                self.worker().ask_with_file(job, request, &file.content, on_part).await
            }
            AskWith::PartWatcher(on_part) => self.worker().ask_watching_parts(job, request, on_part).await,
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
            Err(Interrupted::Unavailable) => {
                self.pending.set(None);
                self.notify(ImportNotice::Unavailable { file: name.to_owned() });
                None
            }
        }
    }

    /// Opens waiting files one by one until one is in preview.
    /// When no file is left, the worker is retired once idle (see
    /// [`ImportWorker::retire_when_idle`]).
    pub(super) async fn open_next(self) {
        while self.pending.with_untracked(Option::is_none) && self.busy.with_untracked(Option::is_none) {
            let next = self.queue.try_update(Batch::next_file).flatten();
            let Some(file) = next else {
                self.worker().retire_when_idle(IDLE_RETIRE);
                return;
            };
            self.open(file, ReadOptions::default()).await;
        }
    }

    /// Reads (or re-reads with other options) a file into the preview, with the mapping
    /// remembered for its header or else a guessed one, and converts it.
    pub(super) async fn open(self, file: PickedFile, options: ReadOptions) {
        let worker = self.worker();
        let job = worker.next_job();
        let name = file.name.clone();
        // The worker reads the file itself: the request carries no bytes. It converts the
        // file as it reads it (with the mapping it guesses); the duplicate scan starts with
        // the first part.
        // The mappings remembered go with it: a header with one is converted with it.
        let remembered = local_store::recall_all(ColumnMapping::MEMORY_KEY_PREFIX, REMEMBERED_SENT);
        let request = Request::Read { job, name: name.clone(), options, bytes: Vec::new(), remembered };
        let (early, on_part) = self.scan_as_parts_come();
        let Some(reply) = self.ask(job, &name, &request, AskWith::File(&file, on_part)).await else { return };
        match reply {
            Reply::Read { result: Ok(preview), .. } => {
                let remembered = local_store::recall(&ColumnMapping::memory_key(&preview.headers))
                    .and_then(|memory| ColumnMapping::from_memory(&memory, preview.headers.len()));
                let previous = self.pending.with_untracked(|p| p.as_ref().map(|p| p.generation));
                self.pending.set(Some(Pending::opened(job, file, options, preview, remembered, previous)));
                self.convert_scanned(Some(early)).await;
            }
            Reply::Read { result: Err(error), .. } => {
                self.pending.set(None);
                self.notify(ImportNotice::Failed(error));
            }
            _ => self.notify(ImportNotice::ReadFailed { file: name }),
        }
    }

    /// A duplicate scan stepped as a conversion's parts arrive, and the watcher that steps it.
    fn scan_as_parts_come(self) -> (Rc<RefCell<ScanSoFar>>, PartWatcher) {
        let early = Rc::new(RefCell::new(ScanSoFar::new(self.state)));
        let on_part: PartWatcher = {
            let (early, state) = (early.clone(), self.state);
            Box::new(move |so_far: &[NewComment], rows| early.borrow_mut().step(state, so_far, rows))
        };
        (early, on_part)
    }

    /// Makes sure the pending file is converted with its current mapping; `None` when the
    /// file was stopped or lost on the way.
    pub(super) async fn convert(self) -> Option<Converted> {
        self.convert_scanned(None).await
    }

    /// [`Self::convert`], going on with the scan of the parts that came as the file was read
    /// (`read`), if any.
    async fn convert_scanned(self, mut read: Option<Rc<RefCell<ScanSoFar>>>) -> Option<Converted> {
        loop {
            let (job, name, mapping, done) = self.pending.with_untracked(|p| {
                p.as_ref().map(|p| (p.job, p.file.name.clone(), p.mapping, p.converted_now().cloned()))
            })?;
            if let Some(done) = done {
                return Some(done);
            }
            // The duplicate scan starts with the first part, while the worker makes the rest.
            let (early, on_part) = self.scan_as_parts_come();
            if let Some(read) = read.take() {
                early.replace(read.replace(ScanSoFar::new(self.state)));
            }
            let request = Request::Convert { job, mapping };
            match self.ask(job, &name, &request, AskWith::PartWatcher(on_part)).await? {
                Reply::Converted { mapping: used, outcome, .. } => {
                    // Busy while scanning too: 取り込む waits for the scan instead of converting again.
                    self.busy.set(Some(Busy { job, name: name.clone() }));
                    let early = early.replace(ScanSoFar::new(self.state));
                    let repeats = self.scan_repeats(&outcome.comments, early).await;
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
    /// not freeze the page, going on from what was scanned as the parts came (`early`);
    /// started again if the project's comments change meanwhile.
    pub(super) async fn scan_repeats(self, incoming: &[NewComment], early: ScanSoFar) -> DuplicateScan {
        let step = |scan: &mut RepeatScan, p: &Project, budget| scan.step(p.comments(), incoming, budget);
        // Stopped meanwhile: the answer is not wanted any more.
        let wanted = move || self.pending.with_untracked(Option::is_some);
        let fresh = |_: &Project| RepeatScan::default();
        let start = early.into_current(self.state);
        run_sliced(self.state, "koe:duplicate-scan", SCAN_SLICE, start, fresh, step, wanted)
            .await
            .unwrap_or_default()
    }

    /// Adds the pending file's comments to the project as one undoable step, remembers its
    /// mapping, and opens the next waiting file.
    pub(super) async fn confirm(self) {
        let Some(converted) = self.convert().await else { return };
        // Taken out of the preview (which closes), so the comments move into the project
        // instead of being copied: at 200,000 comments the copy alone is a long task.
        let Some(mut file) =
            measured("koe:preview-close", || self.pending.try_update(Option::take).flatten())
        else {
            return;
        };
        file.converted = None;
        let (headers, mapping, job) = (file.preview.headers.clone(), file.mapping, file.job);
        let (comments, report) = file.confirm(converted);
        self.worker().forget(job);
        // The worker's memory (what it read the file with; a WebAssembly memory never shrinks)
        // goes back before the page's grows with the comments, unless another file follows.
        if self.queue.with_untracked(Batch::is_empty) {
            self.worker().retire();
        }
        self.state.add_comments_in_parts(comments).await;
        local_store::remember(&ColumnMapping::memory_key(&headers), &mapping.to_memory());
        self.notify(ImportNotice::Done(report));
        self.open_next().await;
    }

    /// Drops the file in preview and opens the next.
    pub(super) fn skip(self) {
        if let Some(file) = self.pending.get_untracked() {
            self.worker().forget(file.job);
        }
        self.pending.set(None);
        spawn_local(self.open_next());
    }

    /// Changes the pending file's mapping and converts it again.
    pub(super) fn remap(self, change: impl FnOnce(&mut ColumnMapping)) {
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
