//! The import worker: takes [`koe_core::worker::Request`]s as bytes from the page and
//! posts replies back, so reading a 50 MB file never blocks the page's thread. It also writes
//! the report's Excel workbook from a [`koe_core::export::workbook::WorkbookJob`], so the xlsx
//! writer, like the import code, is linked here and not into the page.
//!
//! Trunk builds it with `data-type="worker"`; the page starts it from
//! `koe-import-worker_loader.js`.

use std::cell::RefCell;

use js_sys::{Array, ArrayBuffer, Uint8Array};
use koe_core::export::workbook::{WORKBOOK_MESSAGE, WorkbookDone, WorkbookJob};
use koe_core::export::xlsx::write_workbook;
use koe_core::import::FileSource;
use koe_core::worker::{ImportJobs, Reply, decode, encode};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageChannel, MessageEvent};

fn main() {
    // Only a worker has messages to serve.
    let Ok(scope) = js_sys::global().dyn_into::<DedicatedWorkerGlobalScope>() else { return };
    let jobs = RefCell::new(ImportJobs::new());
    let spare = RefCell::new(SpareBuffers::default());
    let reply_scope = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = event.data();
        let mut reply = |reply: &[u8]| post(&reply_scope, reply, &mut spare.borrow_mut());
        if Array::is_array(&data)
            && Array::from(&data).get(0).as_string().as_deref() == Some(WORKBOOK_MESSAGE)
        {
            // `[tag, job]`: a workbook to write.
            let job = bytes_of(&Array::from(&data).get(1));
            write(&reply_scope, &job);
        } else if Array::is_array(&data) {
            let message: Array = data.unchecked_into();
            let request = bytes_of(&message.get(0));
            let beside = message.get(1);
            if let Some(buffer) = beside.dyn_ref::<ArrayBuffer>() {
                // `[request, buffer]`: a reply's buffer the page is done with, to post in again.
                spare.borrow_mut().keep(buffer.clone());
                jobs.borrow_mut().handle_bytes(&request, &mut reply);
            } else {
                // `[request, file]`: the page handed over the chosen file itself; read it here,
                // off the page's thread, a piece at a time.
                // Kept by the job: delimited text is read again when converted.
                let file = BlobSource::new(beside.unchecked_into());
                let file = file.map(|file| Box::new(file) as Box<dyn FileSource>);
                jobs.borrow_mut().handle_bytes_with_file(&request, file, &mut reply);
            }
        } else {
            let request = bytes_of(&data);
            jobs.borrow_mut().handle_bytes(&request, &mut reply);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives as long as the page wants it; its handler must too.
    on_message.forget();
    post(&scope, &encode(&Reply::Ready), &mut SpareBuffers::default());
    // The compiled module, for the page to keep (see the page's `ImportWorker`).
    if scope.post_message(&wasm_bindgen::module()).is_err() {
        web_sys::console::error_1(&"koe import worker: its module could not be posted".into());
    }
}

/// A message's bytes, copied once into the worker's memory: a posted `Uint8Array` is read as
/// it is (`new Uint8Array(array)` would copy it first), an `ArrayBuffer` through a view.
fn bytes_of(value: &wasm_bindgen::JsValue) -> Vec<u8> {
    match value.dyn_ref::<Uint8Array>() {
        Some(array) => array.to_vec(),
        None => Uint8Array::new(value).to_vec(),
    }
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

/// Bytes the worker asks the browser for at a time: each `FileReaderSync` read is a round trip
/// to the browser's process, so the importer's pieces are served from blocks of this size.
const BLOCK: usize = 8 << 20;

/// A file the page handed over, read synchronously (workers may) a block at a time: a CSV is
/// read piece by piece, once for its preview and again for its comments, so neither the
/// browser nor the worker ever holds the whole file or its table (each block is let go once
/// copied).
struct BlobSource {
    file: Blob,
    reader: FileReaderSync,
    /// The last block read, and where it starts in the file.
    block: Vec<u8>,
    block_at: u64,
}

impl BlobSource {
    /// `None` when the browser gives no reader.
    fn new(file: Blob) -> Option<BlobSource> {
        Some(BlobSource { file, reader: FileReaderSync::new().ok()?, block: Vec::new(), block_at: 0 })
    }

    /// Reads the block of at least `len` bytes from `start` (fewer at the file's end).
    fn read_block(&mut self, start: u64, len: usize) -> std::io::Result<()> {
        self.block.clear();
        self.block_at = start;
        let end = (start as f64 + len.max(BLOCK) as f64).min(self.file.size());
        if start as f64 >= end {
            return Ok(());
        }
        // The browser throws when the file was moved, changed or locked since it was chosen.
        let unreadable = |_| std::io::Error::other("the browser could not read the file");
        let piece = self.file.slice_with_f64_and_f64(start as f64, end).map_err(unreadable)?;
        let buffer = self.reader.read_as_array_buffer(&piece).map_err(unreadable)?;
        let array = Uint8Array::new(&buffer);
        self.block.resize(array.length() as usize, 0);
        array.copy_to(&mut self.block);
        let_go(&buffer);
        Ok(())
    }
}

impl FileSource for BlobSource {
    fn size(&self) -> u64 {
        self.file.size() as u64
    }

    fn read_at(&mut self, start: u64, len: usize, into: &mut Vec<u8>) -> std::io::Result<()> {
        let block_end = self.block_at + self.block.len() as u64;
        let to_end = start.saturating_add(len as u64).min(self.size());
        let within = start >= self.block_at && start < block_end && to_end <= block_end;
        if !within {
            self.read_block(start, len)?;
        }
        let from = (start - self.block_at) as usize;
        let to = (from + len).min(self.block.len());
        into.clear();
        into.extend_from_slice(self.block.get(from..to).unwrap_or_default());
        Ok(())
    }
}

/// Frees a buffer's memory now rather than at the worker's next garbage collection, which a
/// worker busy in its WebAssembly does not run while it reads: a 200,000-row file read twice
/// (for its preview, then for its comments) left some 80 MB of blocks in the worker until it
/// ended. The buffer is transferred into a message on a channel closed at once, which drops
/// its bytes; `ArrayBuffer.prototype.transfer(0)` does not (Chromium moves the bytes into the
/// new buffer, which waits for the collection as well). Measured in headless Chromium, twenty
/// 8 MB reads: a peak of 142 MB kept, 154 MB transferred, 51 MB through the closed channel.
fn let_go(buffer: &ArrayBuffer) {
    let Ok(channel) = MessageChannel::new() else { return };
    let port = channel.port1();
    let _ = port.post_message_with_transferable(buffer, &Array::of1(buffer));
    port.close();
    channel.port2().close();
}

/// Replies at least this big go out in a buffer the page hands back (a part of comments is
/// about a megabyte); smaller ones (progress) in a new one.
const REUSED_FROM: usize = 64 * 1024;

/// Spare buffers kept at most: the parts the worker runs ahead of the page, and one more.
const SPARE_KEPT: usize = koe_core::worker::PARTS_AHEAD + 1;

/// Buffers of replies the page has read and handed back: a part is copied into one of them
/// instead of a new buffer each time, which the browser had to allocate, zero and later
/// collect (about a tenth of the worker's time on a big file).
#[derive(Default)]
struct SpareBuffers(Vec<ArrayBuffer>);

impl SpareBuffers {
    fn keep(&mut self, buffer: ArrayBuffer) {
        self.0.push(buffer);
        if self.0.len() > SPARE_KEPT {
            // The smallest goes: the biggest fit most replies.
            let lengths: Vec<u32> = self.0.iter().map(ArrayBuffer::byte_length).collect();
            if let Some(smallest) = smallest_fitting(&lengths, 0) {
                self.0.swap_remove(smallest);
            }
        }
    }

    /// The smallest spare buffer that holds `length` bytes, or a new one with room to spare
    /// (parts differ a little in size) when none does.
    fn take(&mut self, length: usize) -> ArrayBuffer {
        let lengths: Vec<u32> = self.0.iter().map(ArrayBuffer::byte_length).collect();
        match smallest_fitting(&lengths, length) {
            Some(at) => self.0.swap_remove(at),
            None => ArrayBuffer::new(u32::try_from(length + length / 4).unwrap_or(u32::MAX)),
        }
    }
}

/// Which of buffers of these `lengths` is the smallest that holds `wanted` bytes.
fn smallest_fitting(lengths: &[u32], wanted: usize) -> Option<usize> {
    (lengths.iter().enumerate())
        .filter(|(_, length)| **length as usize >= wanted)
        .min_by_key(|(_, length)| **length)
        .map(|(at, _)| at)
}

/// Posts bytes to the page, handing over the buffer instead of copying it; a big reply in a
/// spare buffer (`spare`), which the page hands back when it has read it.
fn post(scope: &DedicatedWorkerGlobalScope, bytes: &[u8], spare: &mut SpareBuffers) {
    let array = if bytes.len() >= REUSED_FROM {
        let buffer = spare.take(bytes.len());
        let view = Uint8Array::new_with_byte_offset_and_length(&buffer, 0, bytes.len() as u32);
        view.copy_from(bytes);
        view
    } else {
        Uint8Array::from(bytes)
    };
    let transfer = Array::of1(&array.buffer());
    if scope.post_message_with_transfer(&array, &transfer).is_err() {
        web_sys::console::error_1(&"koe import worker: a reply could not be posted".into());
    }
}

#[cfg(test)]
mod tests {
    use super::smallest_fitting;

    #[test]
    fn the_smallest_buffer_that_holds_a_reply_is_taken() {
        let lengths = [2_000_000, 1_500_000, 2_500_000];
        assert_eq!(smallest_fitting(&lengths, 1_600_000), Some(0));
        assert_eq!(smallest_fitting(&lengths, 1_500_000), Some(1), "an exact fit fits");
        assert_eq!(smallest_fitting(&lengths, 0), Some(1), "the smallest of all, to let go");
        assert_eq!(smallest_fitting(&lengths, 2_500_001), None, "none holds it: a new one");
        assert_eq!(smallest_fitting(&[], 10), None);
    }
}
