//! The page's side of the import worker: requests go out as bytes, replies come back as
//! futures, progress as a signal. When no worker can be started (a test page, a browser
//! that refuses), the same koe-core code answers on the page itself.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::rc::Rc;

use futures_channel::oneshot;
use js_sys::{Array, Uint8Array};
use koe_core::import::Progress;
use koe_core::import::jobs::{Assembly, ImportJobs, JobId, Reply, Request, decode, encode};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Blob, MessageEvent, Worker};

use super::timing::measured;

/// Where Trunk puts the worker's loader, next to the page.
pub const WORKER_URL: &str = "./koe-import-worker_loader.js";

/// Why a request got no answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interrupted {
    /// The user pressed cancel.
    Cancelled,
    /// The worker stopped (out of memory, a bug): the file was not read.
    Crashed,
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

struct Shared {
    url: String,
    running: Option<Running>,
    /// Answers on the page when no worker could be started.
    local: Option<ImportJobs>,
    waiting: HashMap<JobId, VecDeque<ReplySender>>,
    /// Comments that came ahead of their job's end, each part in its own task.
    assembly: Assembly,
    next_job: JobId,
    progress: RwSignal<Option<(JobId, Progress)>>,
}

/// A request on its way to the worker: its bytes, and the chosen file it reads, if any. The
/// file goes as the browser's own handle, which the worker reads: the page copies nothing.
struct Outgoing {
    request: Vec<u8>,
    file: Option<Blob>,
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
    /// A worker started from `url` on first use; progress of every job goes to `progress`.
    pub fn new(url: &str, progress: RwSignal<Option<(JobId, Progress)>>) -> Self {
        let shared = Shared {
            url: url.to_owned(),
            running: None,
            local: None,
            waiting: HashMap::new(),
            assembly: Assembly::default(),
            next_job: 1,
            progress,
        };
        ImportWorker { shared: Rc::new(RefCell::new(shared)) }
    }

    /// A fresh job identity.
    pub fn next_job(&self) -> JobId {
        let mut shared = self.shared.borrow_mut();
        shared.next_job += 1;
        shared.next_job
    }

    /// Whether requests are answered on the page because no worker could be started.
    pub fn is_local(&self) -> bool {
        self.shared.borrow().local.is_some()
    }

    /// Sends a request and waits for its answer.
    pub async fn ask(&self, job: JobId, request: &Request) -> Result<Reply, Interrupted> {
        self.ask_outgoing(job, Outgoing { request: encode(request), file: None }).await
    }

    /// Sends a request to read `file` (a `Request::Read` whose bytes are left empty) and waits
    /// for its answer: the worker reads the file itself, so the page neither reads nor copies it.
    pub async fn ask_with_file(
        &self,
        job: JobId,
        request: &Request,
        file: &Blob,
    ) -> Result<Reply, Interrupted> {
        self.ask_outgoing(job, Outgoing { request: encode(request), file: Some(file.clone()) }).await
    }

    async fn ask_outgoing(&self, job: JobId, outgoing: Outgoing) -> Result<Reply, Interrupted> {
        let (sender, receiver) = oneshot::channel();
        self.shared.borrow_mut().waiting.entry(job).or_default().push_back(sender);
        self.send(outgoing);
        receiver.await.unwrap_or(Err(Interrupted::Cancelled))
    }

    /// Tells the worker a job's table is no longer needed.
    pub fn forget(&self, job: JobId) {
        self.shared.borrow_mut().assembly.forget(job);
        self.send(Outgoing { request: encode(&Request::Forget { job }), file: None });
    }

    /// Stops whatever the worker is doing: every waiting request ends as cancelled, and the
    /// next request starts a fresh worker.
    pub fn cancel(&self) {
        self.stop(Interrupted::Cancelled);
    }

    fn stop(&self, why: Interrupted) {
        let (running, waiting, progress) = {
            let mut shared = self.shared.borrow_mut();
            shared.assembly.clear();
            (shared.running.take(), std::mem::take(&mut shared.waiting), shared.progress)
        };
        progress.set(None);
        if let Some(running) = running {
            running.worker.terminate();
        }
        for sender in waiting.into_values().flatten() {
            let _ = sender.send(Err(why));
        }
    }

    fn send(&self, outgoing: Outgoing) {
        if self.is_local() {
            self.answer_here(outgoing);
            return;
        }
        if self.shared.borrow().running.is_none() {
            match self.start() {
                Some(running) => self.shared.borrow_mut().running = Some(running),
                None => {
                    self.shared.borrow_mut().local = Some(ImportJobs::new());
                    self.answer_here(outgoing);
                    return;
                }
            }
        }
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
        let url = self.shared.borrow().url.clone();
        let worker = Worker::new(&url).ok()?;
        let this = self.clone();
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let bytes = measured("koe:worker-reply-copy", || Uint8Array::new(&event.data()).to_vec());
            this.receive(&bytes);
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

    /// A worker that never started answers nothing: answer its requests here instead. A
    /// worker that stopped mid-way has lost its tables: its requests end as crashed.
    fn failed(&self) {
        let never_started = self.shared.borrow().running.as_ref().is_some_and(|r| !r.ready);
        if never_started {
            let unsent = {
                let mut shared = self.shared.borrow_mut();
                let running = shared.running.take();
                shared.local = Some(ImportJobs::new());
                running.map(|r| r.unsent).unwrap_or_default()
            };
            for outgoing in unsent {
                self.answer_here(outgoing);
            }
        } else {
            self.stop(Interrupted::Crashed);
        }
    }

    /// Answers on the page; a chosen file is read first (the only time the page reads one).
    fn answer_here(&self, outgoing: Outgoing) {
        let Some(file) = outgoing.file else {
            self.with_local_jobs(|jobs, this| {
                jobs.handle_bytes(&outgoing.request, &mut |r| this.receive(&r))
            });
            return;
        };
        let this = self.clone();
        leptos::task::spawn_local(async move {
            let bytes = gloo_file::futures::read_as_bytes(&gloo_file::Blob::from(file)).await.ok();
            // Stopped meanwhile: no one waits for this table, so it is not made.
            let job = match decode::<Request>(&outgoing.request) {
                Ok(Request::Read { job, .. }) => Some(job),
                _ => None,
            };
            if job.is_some_and(|job| !this.shared.borrow().waiting.contains_key(&job)) {
                return;
            }
            this.with_local_jobs(|jobs, this| {
                jobs.handle_bytes_with_file(&outgoing.request, bytes, &mut |r| this.receive(&r));
            });
        });
    }

    fn with_local_jobs(&self, answer: impl FnOnce(&mut ImportJobs, &Self)) {
        let local = self.shared.borrow_mut().local.take();
        let Some(mut jobs) = local else { return };
        answer(&mut jobs, self);
        self.shared.borrow_mut().local = Some(jobs);
    }

    fn receive(&self, bytes: &[u8]) {
        let reply = match measured("koe:worker-reply-decode", || decode::<Reply>(bytes)) {
            Ok(reply) => reply,
            Err(error) => {
                web_sys::console::error_1(&error.to_string().into());
                return;
            }
        };
        let Some(reply) = self.shared.borrow_mut().assembly.take(reply) else { return };
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
            | Reply::Missing { job } => *job,
        };
        let sender = self.shared.borrow_mut().waiting.get_mut(&job).and_then(VecDeque::pop_front);
        if let Some(sender) = sender {
            let _ = sender.send(Ok(reply));
        }
    }
}

/// Posts a request to the worker, handing over its buffer instead of copying it; a file goes
/// beside it as `[request, file]`.
fn post(worker: &Worker, outgoing: &Outgoing) {
    let array = Uint8Array::from(outgoing.request.as_slice());
    let transfer = Array::of1(&array.buffer());
    let message: wasm_bindgen::JsValue = match &outgoing.file {
        Some(file) => Array::of2(&array, file).into(),
        None => array.into(),
    };
    if worker.post_message_with_transfer(&message, &transfer).is_err() {
        web_sys::console::error_1(&"koe: a request could not be posted to the import worker".into());
    }
}
