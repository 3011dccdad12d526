//! The browser's IndexedDB, where projects are kept between visits: one record of metadata,
//! one of comment bodies and one of state per project (see `koe_core::saved`). Nothing here
//! leaves the browser.

use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, TransactionMode};
use js_sys::Uint8Array;
use koe_core::Lang;
use koe_core::saved::ProjectMeta;
use koe_core::sorting::sort_by;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Blob;

const DATABASE: &str = "koe";
const PROJECTS: &str = "projects";
const BODIES: &str = "bodies";
const STATE: &str = "state";

/// Why storage did not work.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StoreError {
    /// The browser refuses storage (a private window, a policy).
    Unavailable(String),
    /// The storage quota is used up.
    Full,
    /// Anything else the browser reported.
    Failed(String),
    /// Koe's data was deleted in another tab: this one no longer saves.
    DeletedElsewhere,
    /// The browser undid the save (most often: its storage is full); nothing of it was kept.
    Aborted,
}

impl StoreError {
    /// The message to show, in the user's language.
    pub fn message(&self, lang: Lang) -> String {
        let t = koe_core::ui::i18n::texts(lang).storage;
        match self {
            StoreError::Unavailable(why) => (t.store_unavailable)(why),
            StoreError::Full => t.store_full.to_owned(),
            StoreError::Failed(why) => (t.store_failed)(why),
            StoreError::Aborted => t.store_aborted.to_owned(),
            StoreError::DeletedElsewhere => t.store_deleted_elsewhere.to_owned(),
        }
    }
}

/// A browser error outside IndexedDB (a Blob could not be made or read).
fn js_failed(error: JsValue) -> StoreError {
    let text = error.as_string().unwrap_or_else(|| format!("{error:?}"));
    if text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::Full
    } else {
        StoreError::Failed(text)
    }
}

fn failed(error: idb::Error) -> StoreError {
    let text = error.to_string();
    if text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::Full
    } else {
        StoreError::Failed(text)
    }
}

/// Opens (creating on first use) the database.
pub async fn open() -> Result<Database, StoreError> {
    if DELETED_ELSEWHERE.with(std::cell::Cell::get) {
        return Err(StoreError::DeletedElsewhere);
    }
    let mut db = DatabaseBuilder::new(DATABASE)
        .version(1)
        .add_object_store(ObjectStoreBuilder::new(PROJECTS))
        .add_object_store(ObjectStoreBuilder::new(BODIES))
        .add_object_store(ObjectStoreBuilder::new(STATE))
        .build()
        .await
        .map_err(|e| StoreError::Unavailable(e.to_string()))?;
    // Another tab deleting Koe's data (or upgrading the database) asks this one to let go: it
    // closes at once, so the other tab is never blocked, and never reopens it to write back.
    db.on_version_change(|event| {
        DELETED_ELSEWHERE.with(|d| d.set(true));
        if let Some(target) = event.target() {
            let _ = js_sys::Reflect::get(&target, &"close".into())
                .ok()
                .and_then(|close| close.dyn_into::<js_sys::Function>().ok())
                .map(|close| close.call0(&target));
        }
    });
    Ok(db)
}

thread_local! {
    /// Set once another tab deleted (or upgraded) the database: this page then stops saving.
    static DELETED_ELSEWHERE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Every stored project, most recently changed first.
pub async fn list(db: &Database) -> Result<Vec<ProjectMeta>, StoreError> {
    let transaction = db.transaction(&[PROJECTS], TransactionMode::ReadOnly).map_err(failed)?;
    let store = transaction.object_store(PROJECTS).map_err(failed)?;
    let values = store.get_all(None, None).map_err(failed)?.await.map_err(failed)?;
    let mut metas: Vec<ProjectMeta> = values
        .into_iter()
        .filter_map(|v| v.as_string())
        .filter_map(|json| super::json::from_json::<ProjectMeta>(&json))
        .collect();
    sort_by(&mut metas, |a, b| b.changed_ms.total_cmp(&a.changed_ms));
    Ok(metas)
}

async fn get_bytes(db: &Database, store_name: &str, id: &str) -> Result<Option<Vec<u8>>, StoreError> {
    let transaction = db.transaction(&[store_name], TransactionMode::ReadOnly).map_err(failed)?;
    let store = transaction.object_store(store_name).map_err(failed)?;
    let value = store.get(JsValue::from_str(id)).map_err(failed)?.await.map_err(failed)?;
    let Some(value) = value else { return Ok(None) };
    // Bodies are stored as a Blob (see `save`); records from before that are byte arrays.
    let value = match value.dyn_into::<Blob>() {
        Ok(blob) => JsFuture::from(blob.array_buffer()).await.map_err(js_failed)?,
        Err(value) => value,
    };
    Ok(Some(Uint8Array::new(&value).to_vec()))
}

/// Bytes as a Blob: the browser keeps it out of the page's memory, and storing a Blob does
/// not copy its bytes again.
pub fn blob_of(bytes: &[u8]) -> Result<Blob, StoreError> {
    super::blob::blob_of(bytes, None).map_err(js_failed)
}

/// One Blob of several, without copying their bytes.
pub fn joined(parts: &js_sys::Array) -> Result<Blob, StoreError> {
    Blob::new_with_blob_sequence(parts).map_err(js_failed)
}

/// A stored project's two records (bodies, state), if both are there.
pub async fn load(db: &Database, id: &str) -> Result<Option<(Vec<u8>, Vec<u8>)>, StoreError> {
    let bodies = get_bytes(db, BODIES, id).await?;
    let state = get_bytes(db, STATE, id).await?;
    Ok(bodies.zip(state))
}

/// Writes a project's metadata and state, and its bodies when given, in one transaction:
/// either all of it is kept or none.
pub async fn save(
    db: &Database,
    meta: &ProjectMeta,
    bodies: Option<&Blob>,
    state: &[u8],
) -> Result<(), StoreError> {
    let transaction =
        db.transaction(&[PROJECTS, BODIES, STATE], TransactionMode::ReadWrite).map_err(failed)?;
    let key = JsValue::from_str(&meta.id);
    let json = super::json::to_json(meta, None).unwrap_or_default();
    transaction
        .object_store(PROJECTS)
        .map_err(failed)?
        .put(&JsValue::from_str(&json), Some(&key))
        .map_err(failed)?;
    if let Some(bodies) = bodies {
        transaction.object_store(BODIES).map_err(failed)?.put(bodies, Some(&key)).map_err(failed)?;
    }
    let array = Uint8Array::from(state);
    transaction.object_store(STATE).map_err(failed)?.put(&array, Some(&key)).map_err(failed)?;
    let result = transaction.commit().map_err(failed)?.await.map_err(failed)?;
    if result.is_committed() { Ok(()) } else { Err(StoreError::Aborted) }
}

/// Deletes a project's records.
pub async fn delete(db: &Database, id: &str) -> Result<(), StoreError> {
    let transaction =
        db.transaction(&[PROJECTS, BODIES, STATE], TransactionMode::ReadWrite).map_err(failed)?;
    for name in [PROJECTS, BODIES, STATE] {
        transaction.object_store(name).map_err(failed)?.delete(JsValue::from_str(id)).map_err(failed)?;
    }
    transaction.commit().map_err(failed)?.await.map_err(failed)?;
    Ok(())
}

/// Deletes the whole database (every project on this device); close it first.
/// Deletes Koe's database. `blocked` is called when another tab (of an older Koe that does not
/// let go) keeps it open: the deletion then finishes when that tab closes.
pub async fn delete_everything(blocked: impl FnOnce() + 'static) -> Result<(), StoreError> {
    let factory = idb::Factory::new().map_err(failed)?;
    let mut request = factory.delete(DATABASE).map_err(failed)?;
    request.on_blocked(move |_| blocked());
    request.await.map_err(failed)?;
    Ok(())
}
