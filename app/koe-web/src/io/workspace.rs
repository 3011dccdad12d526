//! The project being worked on and the others kept in this browser: autosave after every
//! change (debounced, and at once when the page is hidden), restore on the next visit, and
//! the project list's actions. Storage is the browser's IndexedDB ([`super::store`]).

use super::sliced::run_sliced;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use idb::Database;
use koe_core::saved::{BodiesEncoder, OpenedFile, ProjectMeta, decode_saved, encode_state};
use koe_core::{Lang, Project};
use leptos::prelude::*;
use web_sys::Blob;

use super::import_worker::OnDemandWorker;
use super::local_store;
use super::store::{self, StoreError};
use super::tab_lock::{self, Asked, HeldLock};
use super::timing::measured;

/// Comments encoded per task when autosave writes the bodies (a few milliseconds each; 10,000
/// took up to 68 ms on a slow run of the benchmark machine).
const BODIES_SLICE: usize = 5_000;

/// How autosave encodes the bodies: a slice per task, or at once when the page is being
/// hidden and may get no later task.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Encoding {
    Sliced,
    AtOnce,
}
use crate::state::{Editing, ProjectState};

/// Where the id of the project last worked on is remembered.
const CURRENT_KEY: &str = "koe.project";
/// How long after the last change autosave waits (at most this much work is ever unsaved).
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

thread_local! {
    static DATABASE: RefCell<Option<Rc<Database>>> = const { RefCell::new(None) };
}

/// The database, opened once per page.
async fn database() -> Result<Rc<Database>, StoreError> {
    if let Some(db) = DATABASE.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let db = Rc::new(store::open().await?);
    DATABASE.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Where saving stands, for the header.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing to save yet.
    Idle,
    /// A change waits to be saved (within a fraction of a second).
    Pending,
    /// Every change is kept in this browser.
    Saved,
    /// The last save failed; work since then is only in this tab.
    Failed(StoreError),
}

/// The current project's identity in storage and the state of saving.
#[derive(Clone, Copy)]
pub struct Workspace {
    state: ProjectState,
    /// Storage key of the current project.
    pub id: RwSignal<String>,
    /// Its name.
    pub name: RwSignal<String>,
    /// Where saving stands.
    pub status: RwSignal<SaveStatus>,
    /// Whether the browser promised to keep the data (`navigator.storage.persist()`).
    pub persisted: RwSignal<Option<bool>>,
    /// Set once the last project was restored (or there was none).
    pub ready: RwSignal<bool>,
    /// Bumped whenever the stored list may have changed.
    pub list_revision: RwSignal<u64>,
    saved_bodies: StoredValue<Option<u64>>,
    /// Size of the bodies record last written or read, for the project list's size.
    bodies_bytes: StoredValue<u64>,
    generation: StoredValue<u64>,
    saved_generation: StoredValue<u64>,
    /// Projects deleted in this page: never saved again.
    deleted: StoredValue<Vec<String>>,
    /// Set when every project is being deleted: nothing is saved any more.
    stopped: StoredValue<bool>,
    /// Set while deleting everything waits for another tab to close.
    pub wipe_blocked: RwSignal<bool>,
    /// The lock that makes this tab the one editing the current project.
    lock: StoredValue<Option<HeldLock>, LocalStorage>,
    /// The worker that reads and writes `.koe` files, started when one is.
    files: OnDemandWorker,
}

fn new_id() -> String {
    format!("p{}", js_sys::Date::now() as u64)
}

fn default_name(lang: Lang) -> String {
    koe_core::ui::i18n::texts(lang).storage.default_project_name.to_owned()
}

impl Workspace {
    /// Starts the workspace: restores the last project, then saves after every change.
    pub fn start(state: ProjectState) -> Workspace {
        let workspace = Workspace {
            state,
            id: RwSignal::new(new_id()),
            name: RwSignal::new(default_name(state.lang_untracked())),
            status: RwSignal::new(SaveStatus::Idle),
            persisted: RwSignal::new(None),
            ready: RwSignal::new(false),
            list_revision: RwSignal::new(0),
            saved_bodies: StoredValue::new(None),
            bodies_bytes: StoredValue::new(0),
            generation: StoredValue::new(0),
            saved_generation: StoredValue::new(0),
            deleted: StoredValue::new(Vec::new()),
            stopped: StoredValue::new(false),
            wipe_blocked: RwSignal::new(false),
            lock: StoredValue::new_local(None),
            files: OnDemandWorker::new(),
        };
        // Nothing may change before the stored project is back: it would be overwritten.
        state.set_editing(Editing::Restoring);
        provide_context(workspace);
        leptos::task::spawn_local(async move { workspace.restore().await });
        Effect::new(move |previous: Option<u64>| {
            let revision = state.revision();
            if previous.is_some() {
                workspace.schedule();
            }
            revision
        });
        let hidden =
            window_event_listener(leptos::ev::pagehide, move |_| workspace.save_if_dirty(Encoding::AtOnce));
        let visibility = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                workspace.save_if_dirty(Encoding::AtOnce);
            }
        });
        on_cleanup(move || {
            hidden.remove();
            visibility.remove();
        });
        workspace
    }

    async fn restore(self) {
        if let Some(id) = local_store::recall(CURRENT_KEY) {
            match self.load(&id).await {
                Ok(Some((meta, project))) => {
                    self.state.replace(project);
                    self.id.set(meta.id);
                    self.name.set(meta.name);
                    self.saved_bodies.set_value(Some(self.state.bodies_revision_untracked()));
                    self.status.set(SaveStatus::Saved);
                }
                Ok(None) => {}
                Err(error) => self.status.set(SaveStatus::Failed(error)),
            }
        }
        self.claim().await;
        self.ready.set(true);
    }

    /// Asks to be the tab that edits the current project: editable if no other tab is,
    /// read-only (with the banner's offer to take over) if one is.
    async fn claim(self) {
        self.release();
        let id = self.id.get_untracked();
        let lost_id = id.clone();
        let asked = tab_lock::ask(&id, false, move || self.lost(&lost_id)).await;
        self.settle(asked);
    }

    fn settle(self, asked: Asked) {
        match asked {
            Asked::Held(lock) => {
                self.lock.set_value(Some(lock));
                self.state.set_editing(Editing::Editable);
            }
            Asked::Busy => self.state.set_editing(Editing::OtherTab),
            Asked::Unsupported => self.state.set_editing(Editing::Editable),
        }
    }

    /// Another tab took the current project over: this one stops editing and saving it.
    fn lost(self, id: &str) {
        if self.id.get_untracked() == id {
            self.lock.set_value(None);
            self.state.set_editing(Editing::TakenOver);
        }
    }

    fn release(self) {
        if let Some(lock) = self.lock.try_update_value(Option::take).flatten() {
            lock.release();
        }
    }

    /// Makes this tab the one that edits the current project, taking it from another tab, and
    /// shows the project as that tab last saved it.
    pub async fn take_over(self) -> Result<(), StoreError> {
        let id = self.id.get_untracked();
        let lost_id = id.clone();
        let asked = tab_lock::ask(&id, true, move || self.lost(&lost_id)).await;
        let loaded = match self.load(&id).await {
            Ok(loaded) => loaded,
            Err(error) => {
                // Editing what this tab holds could overwrite the other tab's later saves:
                // stay read-only and let the lock go.
                if let Asked::Held(lock) = asked {
                    lock.release();
                }
                return Err(error);
            }
        };
        if let Some((meta, project)) = loaded {
            self.state.replace(project);
            self.name.set(meta.name);
            self.saved_bodies.set_value(Some(self.state.bodies_revision_untracked()));
            self.saved_generation.set_value(self.generation.get_value());
            self.status.set(SaveStatus::Saved);
        }
        self.settle(asked);
        Ok(())
    }

    async fn load(&self, id: &str) -> Result<Option<(ProjectMeta, Project)>, StoreError> {
        let db = database().await?;
        let Some(meta) = store::list(&db).await?.into_iter().find(|m| m.id == id) else { return Ok(None) };
        let Some((bodies, state)) = store::load(&db, id).await? else { return Ok(None) };
        let project = decode_saved(&bodies, &state).map_err(|e| StoreError::Failed(e.to_string()))?;
        self.bodies_bytes.set_value(bodies.len() as u64);
        Ok(Some((meta, project)))
    }

    fn schedule(self) {
        let generation = self.generation.get_value() + 1;
        self.generation.set_value(generation);
        if !matches!(self.status.get_untracked(), SaveStatus::Failed(_)) {
            self.status.set(SaveStatus::Pending);
        }
        set_timeout(
            move || {
                if self.generation.get_value() == generation {
                    self.save_if_dirty(Encoding::Sliced);
                }
            },
            AUTOSAVE_DELAY,
        );
    }

    fn save_if_dirty(self, encoding: Encoding) {
        if self.generation.get_value() != self.saved_generation.get_value() {
            leptos::task::spawn_local(async move {
                let _ = self.save_encoded(encoding).await;
            });
        }
    }

    /// Saves the current project now: its state, and its comment bodies if they changed.
    pub async fn save(self) -> Result<(), StoreError> {
        self.save_encoded(Encoding::Sliced).await
    }

    /// The comment bodies' record as a Blob, and the bodies revision it holds. Each slice's
    /// bytes go into a Blob of their own at once, so no copy of the whole record is made in
    /// the page and storing it copies nothing more.
    async fn encode_bodies(self, encoding: Encoding) -> Result<(Blob, u64), StoreError> {
        let budget = match encoding {
            Encoding::Sliced => BODIES_SLICE,
            Encoding::AtOnce => usize::MAX,
        };
        let parts = js_sys::Array::new();
        let revision = std::cell::Cell::new(0);
        let failed = std::cell::Cell::new(None);
        // Comments added, removed or replaced meanwhile: the record starts again.
        let fresh = |p: &Project| {
            parts.set_length(0);
            revision.set(self.state.bodies_revision_untracked());
            BodiesEncoder::new(p.comments())
        };
        let step = |encoder: &mut BodiesEncoder, p: &Project, budget| {
            let done = encoder.step(p.comments(), budget);
            match store::blob_of(&encoder.take_bytes()) {
                Ok(part) => {
                    parts.push(&part.into());
                    done
                }
                Err(error) => {
                    failed.set(Some(error));
                    true
                }
            }
        };
        let start = self.state.with_project_untracked(|p| fresh(p));
        run_sliced(self.state, "koe:autosave-bodies", budget, start, &fresh, step, || true).await;
        if let Some(error) = failed.take() {
            return Err(error);
        }
        Ok((store::joined(&parts)?, revision.get()))
    }

    async fn save_encoded(self, encoding: Encoding) -> Result<(), StoreError> {
        let generation = self.generation.get_value();
        let bodies_due = self.saved_bodies.get_value() != Some(self.state.bodies_revision_untracked());
        let (bodies, bodies_revision) = if bodies_due {
            let (blob, revision) = match self.encode_bodies(encoding).await {
                Ok(done) => done,
                Err(error) => {
                    self.status.set(SaveStatus::Failed(error.clone()));
                    return Err(error);
                }
            };
            (Some(blob), revision)
        } else {
            (None, self.state.bodies_revision_untracked())
        };
        let (state, comments) = measured("koe:autosave-state", || {
            self.state.with_project_untracked(|p| (encode_state(p), p.comments().len()))
        });
        let id = self.id.get_untracked();
        let editing = self.state.editing_untracked() == Editing::Editable;
        if !editing || self.stopped.get_value() || self.deleted.with_value(|d| d.contains(&id)) {
            return Ok(());
        }
        let bodies_bytes = bodies.as_ref().map_or(self.bodies_bytes.get_value(), |b| b.size() as u64);
        let bytes = bodies_bytes + state.len() as u64;
        let db = database().await;
        let meta = ProjectMeta {
            id: id.clone(),
            name: self.name.get_untracked(),
            comments,
            bytes,
            changed_ms: js_sys::Date::now(),
        };
        // Deleted while this save was encoding or opening the database.
        if self.stopped.get_value() || self.deleted.with_value(|d| d.contains(&id)) {
            return Ok(());
        }
        let result = match db {
            Ok(db) => store::save(&db, &meta, bodies.as_ref(), &state).await,
            Err(error) => Err(error),
        };
        match &result {
            Ok(()) => {
                if bodies_due {
                    self.saved_bodies.set_value(Some(bodies_revision));
                    self.bodies_bytes.set_value(bodies_bytes);
                }
                self.saved_generation.set_value(generation);
                local_store::remember(CURRENT_KEY, &id);
                self.list_revision.update(|r| *r += 1);
                self.ask_to_persist();
                // Changed again while saving: stay "saving"; the next save is scheduled.
                if self.generation.get_value() == generation {
                    self.status.set(SaveStatus::Saved);
                }
            }
            Err(error) => self.status.set(SaveStatus::Failed(error.clone())),
        }
        result
    }

    /// Asks the browser once to keep Koe's data even when space runs low.
    fn ask_to_persist(self) {
        if self.persisted.get_untracked().is_some() {
            return;
        }
        let Some(storage) = web_sys::window().map(|w| w.navigator().storage()) else { return };
        let Ok(promise) = storage.persist() else { return };
        leptos::task::spawn_local(async move {
            let granted = wasm_bindgen_futures::JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
            self.persisted.set(Some(granted.unwrap_or(false)));
        });
    }

    /// Downloads the current project as a `.koe` file (also the way out when saving fails);
    /// `false` when it could not be written or the browser refused the download. The worker
    /// writes the file (gzip and the file's JSON are not in the page's download) from the
    /// project's autosave records, the bodies encoded a slice per task.
    pub async fn export_file(self) -> bool {
        let name = self.name.get_untracked();
        let fresh = |p: &Project| BodiesEncoder::new(p.comments());
        let start = self.state.with_project_untracked(fresh);
        let step = |encoder: &mut BodiesEncoder, p: &Project, budget| encoder.step(p.comments(), budget);
        let sliced = run_sliced(self.state, "koe:export-bodies", BODIES_SLICE, start, fresh, step, || true);
        let Some(bodies) = sliced.await else { return false };
        // In the task that encoded the last bodies: the two records are of the same project.
        let state = self.state.with_project_untracked(encode_state);
        let asked = name.clone();
        let written =
            self.files.with(|worker| async move { worker.write_project(asked, bodies, state).await }).await;
        let Some(Ok(Ok(bytes))) = written else { return false };
        let file = format!("{name}.{}", koe_core::saved::EXTENSION);
        super::download::download(&file, "application/gzip", &bytes).is_ok()
    }

    /// Starts the worker that reads and writes `.koe` files when one is about to be chosen or
    /// exported, so the click does not wait for its code: a download that comes long after the
    /// click is one the browser may hold back.
    pub fn warm_files(self) {
        self.files.warm();
    }

    /// Reads a `.koe` file in the worker: the project's name and the project, or the message
    /// to show for `file` (a bad file, or no worker to read it).
    pub async fn read_file(self, file: &str, bytes: Vec<u8>) -> Result<(String, Project), String> {
        let lang = self.state.lang_untracked();
        let opened = self.files.with(|worker| async move { worker.open_project(bytes).await }).await;
        let Some(Ok(opened)) = opened else {
            return Err((koe_core::ui::i18n::texts(lang).import_unavailable)(file));
        };
        opened.and_then(OpenedFile::into_project).map_err(|e| e.message(file, lang))
    }

    /// Every project kept in this browser, most recent first.
    pub async fn list(self) -> Result<Vec<ProjectMeta>, StoreError> {
        store::list(&*database().await?).await
    }

    /// Saves the current project, then puts `project` in its place under a new identity.
    async fn switch_to(self, id: String, name: String, project: Project) -> Result<(), StoreError> {
        self.save().await.ok();
        self.put_in_place(id, name, project);
        self.save().await
    }

    /// Puts `project` in the current one's place under a new identity, without saving the
    /// one it replaces.
    fn put_in_place(self, id: String, name: String, project: Project) {
        self.release();
        self.id.set(id);
        self.name.set(name);
        self.state.replace(project);
        self.saved_bodies.set_value(None);
        self.generation.update_value(|g| *g += 1);
        // A new identity: no other tab has it, so this is granted at once.
        leptos::task::spawn_local(self.claim());
    }

    /// Opens a stored project.
    pub async fn open(self, id: String) -> Result<(), StoreError> {
        self.save().await.ok();
        if let Some((meta, project)) = self.load(&id).await? {
            self.state.replace(project);
            self.id.set(meta.id);
            self.name.set(meta.name);
            self.saved_bodies.set_value(Some(self.state.bodies_revision_untracked()));
            local_store::remember(CURRENT_KEY, &id);
            self.status.set(SaveStatus::Saved);
            self.claim().await;
        }
        Ok(())
    }

    /// Starts an empty project.
    pub async fn create(self, name: String) -> Result<(), StoreError> {
        self.switch_to(new_id(), name, Project::new_in(self.state.lang_untracked())).await
    }

    /// Renames the current project.
    pub async fn rename(self, name: String) -> Result<(), StoreError> {
        self.name.set(name);
        self.generation.update_value(|g| *g += 1);
        self.save().await
    }

    /// Copies a stored project under a new name (the copy is not opened).
    pub async fn duplicate(self, id: String, name: String) -> Result<(), StoreError> {
        self.save().await.ok();
        let db = database().await?;
        let Some(meta) = store::list(&db).await?.into_iter().find(|m| m.id == id) else { return Ok(()) };
        let Some((bodies, state)) = store::load(&db, &id).await? else { return Ok(()) };
        let copy = ProjectMeta { id: new_id(), name, changed_ms: js_sys::Date::now(), ..meta };
        store::save(&db, &copy, Some(&store::blob_of(&bodies)?), &state).await?;
        self.list_revision.update(|r| *r += 1);
        Ok(())
    }

    /// Deletes a stored project for good; deleting the open one starts an empty project. The
    /// deleted project is never saved again, not even by a save already scheduled.
    pub async fn delete(self, id: String) -> Result<(), StoreError> {
        self.deleted.update_value(|d| d.push(id.clone()));
        let was_open = id == self.id.get_untracked();
        if was_open {
            self.put_in_place(
                new_id(),
                default_name(self.state.lang_untracked()),
                Project::new_in(self.state.lang_untracked()),
            );
        }
        store::delete(&*database().await?, &id).await?;
        if was_open {
            self.save().await?;
        }
        self.list_revision.update(|r| *r += 1);
        Ok(())
    }

    /// Opens a `.koe` project file as a new project; a bad file changes nothing.
    pub async fn import_file(self, file: &str, bytes: Vec<u8>) -> Result<(), String> {
        let lang = self.state.lang_untracked();
        let (name, project) = self.read_file(file, bytes).await?;
        self.switch_to(new_id(), name, project).await.map_err(|e| e.message(lang))
    }

    /// Deletes every project, setting and cache of Koe in this browser, then reloads.
    pub async fn wipe(self) {
        // Autosave stops first, so nothing is written back once the data is gone.
        self.deleted.update_value(|d| d.push(self.id.get_untracked()));
        self.stopped.set_value(true);
        if let Some(db) = DATABASE.with(|d| d.borrow_mut().take()) {
            db.close();
        }
        let blocked = self.wipe_blocked;
        let _ = store::delete_everything(move || blocked.set(true)).await;
        super::local_store::forget_all();
        super::page::clear_caches_and_workers().await;
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    }
}

/// The workspace started by [`Workspace::start`].
pub fn expect_workspace() -> Workspace {
    expect_context::<Workspace>()
}
