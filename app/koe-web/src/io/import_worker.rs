//! The page's side of the import worker: requests go out as bytes, replies come back as
//! futures, progress as a signal. Import runs only there (the page does not link the readers
//! of CSV, workbooks and encodings, which keeps its download small); when the browser refuses
//! the worker, requests end as [`Interrupted::Unavailable`] and the page says so. The same
//! worker writes the report's Excel workbook ([`ImportWorker::write_workbook`]): the xlsx
//! writer is not in the page either.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::{Array, ArrayBuffer, Uint8Array};
use koe_core::export::aggregate::{Aggregate, AggregateError};
use koe_core::export::workbook::{WORKBOOK_MESSAGE, WorkbookDone, WorkbookError, WorkbookJob, WorkbookPlan};
use koe_core::import::Progress;
use koe_core::project::codebook::Codebook;
use koe_core::project::codebook_csv::{CodebookCsvError, CodebookImport};
use koe_core::project::comment::NewComment;
use koe_core::saved::{OpenedFile, SavedError};
use koe_core::worker::{Assembly, JobId, Reply, Request, decode, encode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Blob, BlobPropertyBag, MessageEvent, Url, Worker};

use super::timing::{measured, measured_if};

/// Replies from this size on are measured for the benchmark (a part of comments is about a
/// megabyte; progress is a few bytes).
const MEASURED_FROM: u32 = 64 * 1024;

/// How long a worker waits with nothing to do before it is retired ([`ImportWorker::retire_when_idle`]).
pub const IDLE_RETIRE: std::time::Duration = std::time::Duration::from_secs(20);

/// Where Trunk puts the worker's loader, next to the page.
pub const WORKER_URL: &str = "./koe-import-worker_loader.js";

/// The element in which the offline single file carries the worker's code (it may load no
/// file, so the worker starts from that text as a Blob; `cargo xtask offline` writes it).
pub const EMBEDDED_WORKER_ID: &str = "koe-import-worker";

/// Why a request got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// The user pressed cancel.
    Cancelled,
    /// The worker stopped (out of memory, a bug): the file was not read.
    Crashed,
    /// The browser would not start the worker: nothing was read.
    Unavailable,
}

/// A handle to the import worker; clones share one worker.
#[derive(Clone)]
pub struct ImportWorker {
    shared: Rc<RefCell<Shared>>,
}

impl std::fmt::Debug for ImportWorker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ImportWorker").finish_non_exhaustive()
    }
}

type ReplySender = oneshot::Sender<Result<Reply, Interrupted>>;

/// Shown every comment of a conversion so far each time a part of it arrives, in file order
/// (the slice only grows, except that it is empty again when the parts so far turned out
/// void: see `Reply::Restarted`), and the rows of the file (at most one comment each, or an
/// estimate while the file is read): work over the comments can start before the last part
/// comes. It runs while the worker's state is borrowed, so it must not use the worker.
pub type PartWatcher = Box<dyn FnMut(&[NewComment], usize)>;

/// A request waiting for its answer.
struct Waiter {
    reply: ReplySender,
    on_part: Option<PartWatcher>,
}
type WorkbookSender = oneshot::Sender<Result<Vec<u8>, WorkbookError>>;

struct Shared {
    url: String,
    running: Option<Running>,
    waiting: HashMap<JobId, VecDeque<Waiter>>,
    /// Workbooks being written.
    workbooks: HashMap<JobId, WorkbookSender>,
    /// Comments that came ahead of their job's end, each part in its own task.
    assembly: Assembly,
    next_job: JobId,
    progress: RwSignal<Option<(JobId, Progress)>>,
    /// Counts requests sent, so a retirement planned earlier sees that work came meanwhile.
    activity: u64,
    /// The worker's compiled module (`WebAssembly.Module`), as the first worker posted it.
    /// Kept while the page lives: the browser shares compiled and optimised code between the
    /// workers of a page that compile the same bytes while one module of them is alive, so a
    /// worker started after one was retired imports at full speed at once instead of
    /// compiling and optimising its code again (200,000 rows: some 200 ms more otherwise).
    compiled: Option<wasm_bindgen::JsValue>,
}

/// A request on its way to the worker: its bytes, and what goes with them.
struct Outgoing {
    request: Vec<u8>,
    attached: Attached,
}

/// What a request's bytes travel with.
enum Attached {
    /// Nothing: an import request on its own.
    Nothing,
    /// The chosen file it reads, as the browser's own handle, which the worker reads: the
    /// page copies nothing.
    File(Blob),
    /// The bytes are a workbook to write (posted as `[WORKBOOK_MESSAGE, bytes]`).
    Workbook,
    /// The buffer a part came in, read and handed back for the worker's next part (posted as
    /// `[request, buffer]`): the worker copies into it instead of a new buffer each time.
    Spare(ArrayBuffer),
}

/// A started worker and what it has not been sent yet.
struct Running {
    worker: Worker,
    ready: bool,
    unsent: Vec<Outgoing>,
    // Kept alive as long as the worker: the browser calls them.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl ImportWorker {
    /// A worker started from `url` on first use (or from the code the page carries, see
    /// [`EMBEDDED_WORKER_ID`]); progress of every job goes to `progress`.
    pub fn new(url: &str, progress: RwSignal<Option<(JobId, Progress)>>) -> Self {
        let shared = Shared {
            url: url.to_owned(),
            running: None,
            waiting: HashMap::new(),
            workbooks: HashMap::new(),
            assembly: Assembly::default(),
            next_job: 1,
            progress,
            activity: 0,
            compiled: None,
        };
        ImportWorker { shared: Rc::new(RefCell::new(shared)) }
    }

    /// A fresh job identity.
    pub fn next_job(&self) -> JobId {
        let mut shared = self.shared.borrow_mut();
        shared.next_job += 1;
        shared.next_job
    }

    /// Sends a request and waits for its answer.
    pub async fn ask(&self, job: JobId, request: &Request) -> Result<Reply, Interrupted> {
        self.ask_outgoing(job, Outgoing { request: encode(request), attached: Attached::Nothing }, None).await
    }

    /// Sends a request (a `Request::Convert`) and waits for its answer, showing `on_part` the
    /// comments converted so far each time a part of them arrives.
    pub async fn ask_watching_parts(
        &self,
        job: JobId,
        request: &Request,
        on_part: PartWatcher,
    ) -> Result<Reply, Interrupted> {
        let outgoing = Outgoing { request: encode(request), attached: Attached::Nothing };
        self.ask_outgoing(job, outgoing, Some(on_part)).await
    }

    /// Sends a request to read `file` (a `Request::Read` whose bytes are left empty) and waits
    /// for its answer: the worker reads the file itself, so the page neither reads nor copies it.
    /// The worker converts the file as it reads it: `on_part` is shown the comments so far as
    /// their parts arrive, before the answer.
    pub async fn ask_with_file(
        &self,
        job: JobId,
        request: &Request,
        file: &Blob,
        on_part: PartWatcher,
    ) -> Result<Reply, Interrupted> {
        let attached = Attached::File(file.clone());
        self.ask_outgoing(job, Outgoing { request: encode(request), attached }, Some(on_part)).await
    }

    /// Asks the worker one request of a new job and takes its one answer: the reply `take`
    /// accepts, any other reply meaning the worker went wrong.
    async fn answer<T>(
        &self,
        request: impl FnOnce(JobId) -> Request,
        take: impl FnOnce(Reply) -> Option<T>,
    ) -> Result<T, Interrupted> {
        let job = self.next_job();
        take(self.ask(job, &request(job)).await?).ok_or(Interrupted::Crashed)
    }

    /// Reads a codebook CSV into `current` in the worker, where the encodings and the CSV
    /// reader are.
    pub async fn import_codebook(
        &self,
        name: String,
        bytes: Vec<u8>,
        current: Codebook,
    ) -> Result<Result<CodebookImport, CodebookCsvError>, Interrupted> {
        self.answer(
            |job| Request::ImportCodebook { job, name, bytes, current },
            |reply| match reply {
                Reply::CodebookImported { result, .. } => Some(result),
                _ => None,
            },
        )
        .await
    }

    /// Reads another company's comparison file in the worker, where the JSON reader is.
    pub async fn read_aggregate(
        &self,
        bytes: Vec<u8>,
    ) -> Result<Result<Aggregate, AggregateError>, Interrupted> {
        self.answer(
            |job| Request::ReadAggregate { job, bytes },
            |reply| match reply {
                Reply::AggregateRead { result, .. } => Some(result),
                _ => None,
            },
        )
        .await
    }

    /// Reads a `.koe` project file in the worker, where gzip and the file's JSON are read.
    pub async fn open_project(&self, bytes: Vec<u8>) -> Result<Result<OpenedFile, SavedError>, Interrupted> {
        self.answer(
            |job| Request::OpenProject { job, bytes },
            |reply| match reply {
                Reply::ProjectOpened { result, .. } => Some(result),
                _ => None,
            },
        )
        .await
    }

    /// Writes a project, handed over as its autosave records, as a `.koe` file in the worker.
    pub async fn write_project(
        &self,
        name: String,
        bodies: Vec<u8>,
        state: Vec<u8>,
    ) -> Result<Result<Vec<u8>, SavedError>, Interrupted> {
        self.answer(
            |job| Request::WriteProject { job, name, bodies, state },
            |reply| match reply {
                Reply::ProjectWritten { result, .. } => Some(result.map(|bytes| bytes.into_vec())),
                _ => None,
            },
        )
        .await
    }

    /// Writes a planned workbook in the worker and waits for its bytes.
    pub async fn write_workbook(&self, plan: WorkbookPlan) -> Result<Vec<u8>, WorkbookError> {
        let job = self.next_job();
        let (sender, receiver) = oneshot::channel();
        self.shared.borrow_mut().workbooks.insert(job, sender);
        let request = measured("koe:workbook-encode", || encode(&WorkbookJob { job, plan }));
        self.send(Outgoing { request, attached: Attached::Workbook });
        receiver.await.unwrap_or(Err(WorkbookError::Worker))
    }

    async fn ask_outgoing(
        &self,
        job: JobId,
        outgoing: Outgoing,
        on_part: Option<PartWatcher>,
    ) -> Result<Reply, Interrupted> {
        let (reply, receiver) = oneshot::channel();
        self.shared.borrow_mut().waiting.entry(job).or_default().push_back(Waiter { reply, on_part });
        self.send(outgoing);
        receiver.await.unwrap_or(Err(Interrupted::Cancelled))
    }

    /// Tells the worker a job's table is no longer needed.
    pub fn forget(&self, job: JobId) {
        self.shared.borrow_mut().assembly.forget(job);
        if self.shared.borrow().running.is_some() {
            self.send(Outgoing { request: encode(&Request::Forget { job }), attached: Attached::Nothing });
        }
    }

    /// Retires the worker after `after` with no request sent meanwhile: the memory it grew for
    /// a big file (a WebAssembly memory never shrinks; for 200,000 rows about four times the
    /// file) goes back to the browser, while files imported one after another share one
    /// worker (a fresh one costs its start, and ending a big one a moment of the page's time).
    pub fn retire_when_idle(&self, after: std::time::Duration) {
        let seen = self.shared.borrow().activity;
        let this = self.clone();
        set_timeout(
            move || {
                if this.shared.borrow().activity == seen {
                    this.retire();
                }
            },
            after,
        );
    }

    /// Starts the worker now if none runs, so a request made soon does not wait for its code
    /// to load: a workbook that comes late is a download without the click that asked for it,
    /// and Chromium holds such a download back when another one came meanwhile (an HTML or CSV
    /// export clicked right after 「Excel」). Counts as work for [`Self::retire_when_idle`].
    pub fn start_early(&self) {
        if self.shared.borrow().running.is_some() {
            return;
        }
        self.shared.borrow_mut().activity += 1;
        match self.start() {
            Some(running) => self.shared.borrow_mut().running = Some(running),
            None => self.stop(Interrupted::Unavailable),
        }
    }

    /// Starts the worker ahead of a request that is likely soon (see [`Self::start_early`])
    /// and plans its retirement, unless one already runs.
    pub fn warm(&self) {
        if !self.is_running() {
            self.start_early();
            self.retire_when_idle(IDLE_RETIRE);
        }
    }

    /// Whether the page keeps a worker's compiled module (see `Shared::compiled`).
    pub fn keeps_compiled_module(&self) -> bool {
        self.shared.borrow().compiled.is_some()
    }

    /// Whether a worker is started (not yet retired, cancelled or crashed).
    pub fn is_running(&self) -> bool {
        self.shared.borrow().running.is_some()
    }

    /// Ends an idle worker; the next request starts a fresh one. A worker with work under way
    /// is left alone.
    pub fn retire(&self) {
        let running = {
            let mut shared = self.shared.borrow_mut();
            if !shared.waiting.values().all(VecDeque::is_empty) || !shared.workbooks.is_empty() {
                return;
            }
            shared.running.take()
        };
        if let Some(running) = running {
            running.worker.terminate();
        }
    }

    /// Stops whatever the worker is doing: every waiting request ends as cancelled, and the
    /// next request starts a fresh worker.
    pub fn cancel(&self) {
        self.stop(Interrupted::Cancelled);
    }

    fn stop(&self, why: Interrupted) {
        let (running, waiting, workbooks, progress) = {
            let mut shared = self.shared.borrow_mut();
            shared.assembly.clear();
            let workbooks = std::mem::take(&mut shared.workbooks);
            (shared.running.take(), std::mem::take(&mut shared.waiting), workbooks, shared.progress)
        };
        progress.set(None);
        if let Some(running) = running {
            running.worker.terminate();
        }
        for waiter in waiting.into_values().flatten() {
            let _ = waiter.reply.send(Err(why));
        }
        for sender in workbooks.into_values() {
            let _ = sender.send(Err(WorkbookError::Worker));
        }
    }

    fn send(&self, outgoing: Outgoing) {
        self.start_early();
        self.shared.borrow_mut().activity += 1;
        let mut shared = self.shared.borrow_mut();
        if let Some(running) = shared.running.as_mut() {
            if running.ready {
                post(&running.worker, &outgoing);
            } else {
                running.unsent.push(outgoing);
            }
        }
    }

    fn start(&self) -> Option<Running> {
        let url = embedded_worker_url().unwrap_or_else(|| self.shared.borrow().url.clone());
        let worker = Worker::new(&url).ok()?;
        let this = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = event.data();
            if Array::is_array(&data)
                && Array::from(&data).get(0).as_string().as_deref() == Some(WORKBOOK_MESSAGE)
            {
                this.receive_workbook(&bytes_of(&Array::from(&data).get(1)).0);
                return;
            }
            if data.is_instance_of::<js_sys::WebAssembly::Module>() {
                this.shared.borrow_mut().compiled.get_or_insert(data);
                return;
            }
            let big = data.dyn_ref::<Uint8Array>().is_none_or(|array| array.length() >= MEASURED_FROM);
            let (bytes, buffer) = measured_if(big, "koe:worker-reply-copy", || bytes_of(&data));
            this.receive(&bytes, buffer);
        });
        let this = self.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            this.failed();
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Some(Running {
            worker,
            ready: false,
            unsent: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// A worker that never started (its script missing or refused) answers nothing: its
    /// requests end as unavailable. A worker that stopped mid-way has lost its files: its
    /// requests end as crashed.
    fn failed(&self) {
        let never_started = self.shared.borrow().running.as_ref().is_some_and(|r| !r.ready);
        self.stop(if never_started { Interrupted::Unavailable } else { Interrupted::Crashed });
    }

    fn receive_workbook(&self, bytes: &[u8]) {
        let done = match decode::<WorkbookDone>(bytes) {
            Ok(done) => done,
            Err(error) => {
                web_sys::console::error_1(&error.to_string().into());
                return;
            }
        };
        let sender = self.shared.borrow_mut().workbooks.remove(&done.job);
        if let Some(sender) = sender {
            let _ = sender.send(done.result);
        }
    }

    /// Acts on a reply; `buffer` is the one it came in, handed back to the worker with the
    /// request for the next part.
    fn receive(&self, bytes: &[u8], buffer: ArrayBuffer) {
        let big = bytes.len() >= MEASURED_FROM as usize;
        let reply = match measured_if(big, "koe:worker-reply-decode", || Reply::from_bytes(bytes)) {
            Ok(reply) => reply,
            Err(error) => {
                web_sys::console::error_1(&error.to_string().into());
                return;
            }
        };
        // A part or a restart (its parts void) is shown to whoever watches the job; a part is
        // also taken.
        let shown = match &reply {
            Reply::ConvertedPart { job, .. } => Some((*job, true)),
            Reply::Restarted { job } => Some((*job, false)),
            _ => None,
        };
        let Some(reply) = self.shared.borrow_mut().assembly.take(reply) else {
            if let Some((job, is_part)) = shown {
                self.show_part(job);
                if is_part {
                    // Taken in, whoever waits for it: the worker makes the next part only now.
                    self.send(Outgoing {
                        request: encode(&Request::PartTaken { job }),
                        attached: Attached::Spare(buffer),
                    });
                }
            }
            return;
        };
        let job = match &reply {
            Reply::Ready => {
                let mut shared = self.shared.borrow_mut();
                if let Some(running) = shared.running.as_mut() {
                    running.ready = true;
                    for outgoing in std::mem::take(&mut running.unsent) {
                        post(&running.worker, &outgoing);
                    }
                }
                return;
            }
            Reply::Progress { job, progress } => {
                let signal = self.shared.borrow().progress;
                signal.set(Some((*job, *progress)));
                return;
            }
            Reply::BadRequest { detail } => {
                web_sys::console::error_1(&detail.as_str().into());
                return;
            }
            Reply::Read { job, .. }
            | Reply::ConvertedPart { job, .. }
            | Reply::Converted { job, .. }
            | Reply::Sample { job, .. }
            | Reply::CodebookImported { job, .. }
            | Reply::AggregateRead { job, .. }
            | Reply::ProjectOpened { job, .. }
            | Reply::ProjectWritten { job, .. }
            | Reply::Restarted { job }
            | Reply::Missing { job } => *job,
        };
        let waiter = self.shared.borrow_mut().waiting.get_mut(&job).and_then(VecDeque::pop_front);
        if let Some(waiter) = waiter {
            let _ = waiter.reply.send(Ok(reply));
        }
    }

    /// Shows the comments of `job` so far (none, once its parts were void) to the request
    /// waiting for them, if it watches its parts (replies come in order: the parts are the
    /// first waiting request's).
    fn show_part(&self, job: JobId) {
        fn front(shared: &mut Shared, job: JobId) -> Option<&mut Waiter> {
            shared.waiting.get_mut(&job).and_then(VecDeque::front_mut)
        }
        let Some(mut watcher) = front(&mut self.shared.borrow_mut(), job).and_then(|w| w.on_part.take())
        else {
            return;
        };
        let shared = self.shared.borrow();
        let so_far = shared.assembly.parts(job).unwrap_or_default();
        watcher(so_far, shared.assembly.rows(job).unwrap_or(so_far.len()));
        drop(shared);
        if let Some(waiter) = front(&mut self.shared.borrow_mut(), job) {
            waiter.on_part = Some(watcher);
        }
    }
}

/// A worker a page starts on its first use (an Excel export, a codebook file) and retires
/// once idle ([`IDLE_RETIRE`]).
#[derive(Clone, Copy)]
pub struct OnDemandWorker(StoredValue<Option<ImportWorker>, LocalStorage>);

impl OnDemandWorker {
    /// None started yet.
    pub fn new() -> Self {
        OnDemandWorker(StoredValue::new_local(None))
    }

    /// Does `work` with the worker (started now if need be), then plans its retirement.
    pub async fn with<T, F: Future<Output = T>>(&self, work: impl FnOnce(ImportWorker) -> F) -> Option<T> {
        let worker = self.handle()?;
        let done = work(worker.clone()).await;
        worker.retire_when_idle(IDLE_RETIRE);
        Some(done)
    }

    /// Starts the worker ahead of its first use (see [`ImportWorker::warm`]).
    pub fn warm(&self) {
        if let Some(worker) = self.handle() {
            worker.warm();
        }
    }

    /// The page's handle, made on first use; `None` once the page's owner is gone.
    fn handle(&self) -> Option<ImportWorker> {
        self.0.try_update_value(|slot| {
            slot.get_or_insert_with(|| ImportWorker::new(WORKER_URL, RwSignal::new(None))).clone()
        })
    }
}

impl Default for OnDemandWorker {
    fn default() -> Self {
        Self::new()
    }
}

/// Posts a request to the worker, handing over its buffer instead of copying it; a file goes
/// beside it as `[request, file]`, a workbook as `[WORKBOOK_MESSAGE, bytes]`.
fn post(worker: &Worker, outgoing: &Outgoing) {
    let array = Uint8Array::from(outgoing.request.as_slice());
    let transfer = Array::of1(&array.buffer());
    let message: wasm_bindgen::JsValue = match &outgoing.attached {
        Attached::File(file) => Array::of2(&array, file).into(),
        Attached::Workbook => Array::of2(&WORKBOOK_MESSAGE.into(), &array).into(),
        Attached::Spare(buffer) => {
            transfer.push(buffer);
            Array::of2(&array, buffer).into()
        }
        Attached::Nothing => array.into(),
    };
    if worker.post_message_with_transfer(&message, &transfer).is_err() {
        web_sys::console::error_1(&"koe: a request could not be posted to the import worker".into());
    }
}

/// A message's bytes copied once into the page's memory, and the buffer they came in: the
/// worker posts a `Uint8Array` (read as it is: `new Uint8Array(array)` would copy it first).
fn bytes_of(data: &wasm_bindgen::JsValue) -> (Vec<u8>, ArrayBuffer) {
    let array = match data.dyn_ref::<Uint8Array>() {
        Some(array) => array.clone(),
        None => Uint8Array::new(data),
    };
    (array.to_vec(), array.buffer())
}

thread_local! {
    /// The Blob URL of the worker code the page carries, made once: every worker of the page
    /// starts from it.
    static EMBEDDED_WORKER_URL: std::cell::OnceCell<Option<String>> = const { std::cell::OnceCell::new() };
}

/// A Blob URL for the worker code the page carries, when it carries it.
fn embedded_worker_url() -> Option<String> {
    EMBEDDED_WORKER_URL.with(|url| url.get_or_init(make_embedded_worker_url).clone())
}

fn make_embedded_worker_url() -> Option<String> {
    let source = web_sys::window()?.document()?.get_element_by_id(EMBEDDED_WORKER_ID)?.text_content()?;
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&source.into()), &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}
