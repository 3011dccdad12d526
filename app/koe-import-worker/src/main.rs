//! The import worker: takes [`koe_core::worker::Request`]s as bytes from the page and
//! posts replies back, so reading a 50 MB file never blocks the page's thread. It also writes
//! the report's Excel workbook from a [`koe_core::export::workbook::WorkbookJob`], so the xlsx
//! writer, like the import code, is linked here and not into the page.
//!
//! Trunk builds it with `data-type="worker"`; the page starts it from
//! `koe-import-worker_loader.js`.

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use koe_core::export::workbook::{WORKBOOK_MESSAGE, WorkbookDone, WorkbookJob};
use koe_core::export::xlsx::write_workbook;
use koe_core::worker::{ImportJobs, Reply, decode, encode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

fn main() {
    // Only a worker has messages to serve.
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let jobs = RefCell::new(ImportJobs::new());
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let mut reply = |reply: Vec<u8>| post(&reply_scope, &reply);
        if Array::is_array(&data)
            && Array::from(&data).get(0).as_string().as_deref() == Some(WORKBOOK_MESSAGE)
        {
            // `[tag, job]`: a workbook to write.
            let job = Uint8Array::new(&Array::from(&data).get(1)).to_vec();
            write(&reply_scope, &job);
        } else if Array::is_array(&data) {
            // `[request, file]`: the page handed over the chosen file itself; read it here, off
            // the page's thread.
            let message: Array = data.unchecked_into();
            let request = Uint8Array::new(&message.get(0)).to_vec();
            let file = read_blob(&message.get(1).unchecked_into());
            jobs.borrow_mut().handle_bytes_with_file(&request, file, &mut reply);
        } else {
            let request = Uint8Array::new(&data).to_vec();
            jobs.borrow_mut().handle_bytes(&request, &mut reply);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page wants it; its handler must too.
    on_message.forget();
    post(&scope, &encode(&Reply::Ready));
}

/// Writes a posted workbook and posts `[tag, done]` back.
fn write(scope: &DedicatedWorkerGlobalScope, job: &[u8]) {
    let job = match decode::<WorkbookJob>(job) {
        Ok(job) => job,
        Err(error) => {
            web_sys::console::error_1(&format!("koe worker: {error}").into());
            return;
        }
    };
    let done = WorkbookDone { job: job.job, result: write_workbook(&job.plan) };
    let array = Uint8Array::from(encode(&done).as_slice());
    let message = Array::of2(&WORKBOOK_MESSAGE.into(), &array);
    if scope.post_message_with_transfer(&message, &Array::of1(&array.buffer())).is_err() {
        web_sys::console::error_1(&"koe worker: a workbook could not be posted".into());
    }
}

/// Bytes read from the file at a time: the file comes into the worker's memory a piece at a
/// time, so the browser never holds a second copy of a whole big file beside it (each piece
/// is let go once copied).
const READ_PIECE: f64 = 4_194_304.0;

/// The whole content of a file, read synchronously (workers may) a piece at a time; `None`
/// when the browser cannot read it (or it changed while being read).
fn read_blob(file: &Blob) -> Option<Vec<u8>> {
    let reader = FileReaderSync::new().ok()?;
    let size = file.size();
    let mut bytes = Vec::with_capacity(size as usize);
    let mut start = 0.0;
    while start < size {
        let end = (start + READ_PIECE).min(size);
        let piece = file.slice_with_f64_and_f64(start, end).ok()?;
        let buffer = reader.read_as_array_buffer(&piece).ok()?;
        let array = Uint8Array::new(&buffer);
        let at = bytes.len();
        bytes.resize(at + array.length() as usize, 0);
        array.copy_to(&mut bytes[at..]);
        start = end;
    }
    Some(bytes)
}

/// Posts bytes to the page, handing over the buffer instead of copying it.
fn post(scope: &DedicatedWorkerGlobalScope, bytes: &[u8]) {
    let array = Uint8Array::from(bytes);
    let transfer = Array::of1(&array.buffer());
    if scope.post_message_with_transfer(&array, &transfer).is_err() {
        web_sys::console::error_1(&"koe import worker: a reply could not be posted".into());
    }
}
