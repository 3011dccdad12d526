//! The app's worker as messages: import (so a big file never blocks the page), and the other
//! work whose code is kept out of the page's download (a codebook CSV, `.koe` project files).
//! A top-level module above `saved`, since it answers with every layer below it.
//!
//! The page sends [`Request`]s and receives [`Reply`]s, both as bytes ([`encode`], [`decode`]).
//! [`ImportJobs`] holds the files read so far (a delimited file as the file itself, converted
//! as it is read for its preview and read again for another mapping; a workbook or JSON file
//! as its table) and answers; the worker is a thin shell around it.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_bytes::ByteBuf;

use crate::export::aggregate::{Aggregate, AggregateError, read_aggregate};
use crate::import::sample::sample_in;
use crate::import::{
    Begun, ColumnMapping, CommentColumns, Conversion, FileSource, FirstReading, ImportError, ImportOutcome,
    Opened, PartComments, Progress, ReadEnd, ReadOptions, ReadStep, Report, Stage, StreamedConversion,
    begin_any,
};
use crate::project::codebook::Codebook;
use crate::project::codebook_csv::{CodebookCsvError, CodebookImport, import_codebook};
use crate::project::comment::{ChannelNames, NewComment};
use crate::saved::{OpenedFile, SavedError, write_project_records};
use crate::text::lang::Lang;

pub use crate::import::preview::{FilePreview, PREVIEW_ROWS};
pub use crate::import::wire::{JobId, WireError, decode, encode, encode_into};

/// Comments per [`Reply::ConvertedPart`]: small enough that the page decodes one in a few
/// milliseconds.
pub const CONVERTED_PART: usize = 5_000;

/// Parts the worker makes before the page has taken them: enough that the page never waits,
/// few enough that a worker faster than the page (as it is, built at opt-level 3) cannot pile
/// a big file's comments up in the page's message queue.
pub const PARTS_AHEAD: usize = 3;

/// What the page asks of the import worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// Read a file for its preview and keep it (or, for a workbook or JSON, its table) under `job`.
    Read {
        /// The job to keep the file under.
        job: JobId,
        /// The file name, for messages and sources.
        name: String,
        /// Encoding, delimiter and sheet choices.
        options: ReadOptions,
        /// The file's bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        /// The mappings the page remembers (memory keys and texts): a delimited file whose
        /// header has one is converted with it as it is read, as the page will ask.
        remembered: Vec<(String, String)>,
    },
    /// Turn a kept file into comments with this mapping.
    Convert {
        /// The job whose file to convert.
        job: JobId,
        /// Which column is what.
        mapping: ColumnMapping,
    },
    /// Send the built-in sample file in this language (it lives in the worker, not in the
    /// page's download).
    Sample {
        /// The job the answer belongs to.
        job: JobId,
        /// Which sample.
        lang: Lang,
    },
    /// Read a codebook CSV, in whatever encoding it is in, into `current`: the encodings'
    /// tables and the CSV reader live in the worker, not in the page's download.
    ImportCodebook {
        /// The job the answer belongs to.
        job: JobId,
        /// The file name, for messages.
        name: String,
        /// The file's bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
        /// The codebook the file is merged into.
        current: Codebook,
    },
    /// Read another company's comparison file (hostile JSON, read here: the JSON reader is not
    /// in the page's download).
    ReadAggregate {
        /// The job the answer belongs to.
        job: JobId,
        /// The file's bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Read a `.koe` project file (gzip and its JSON are read here, not in the page).
    OpenProject {
        /// The job the answer belongs to.
        job: JobId,
        /// The file's bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// Write a project, handed over as its autosave records, as a `.koe` file.
    WriteProject {
        /// The job the answer belongs to.
        job: JobId,
        /// The project's name, written into the file.
        name: String,
        /// The comment bodies record.
        #[serde(with = "serde_bytes")]
        bodies: Vec<u8>,
        /// The state record.
        #[serde(with = "serde_bytes")]
        state: Vec<u8>,
    },
    /// The page is done with a job: drop its file.
    Forget {
        /// The job to drop.
        job: JobId,
    },
    /// The page took one of the job's parts in: the worker makes the next (it stays at most
    /// [`PARTS_AHEAD`] parts ahead of the page).
    PartTaken {
        /// The job whose part was taken.
        job: JobId,
    },
}

/// What the import worker tells the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker has started and takes requests.
    Ready,
    /// A job has come this far.
    Progress {
        /// The job.
        job: JobId,
        /// How far.
        progress: Progress,
    },
    /// A file was read, or why it is not a table.
    Read {
        /// The job.
        job: JobId,
        /// The preview, or the reason the file is not a table.
        result: Result<FilePreview, ImportError>,
    },
    /// Some of a table's comments, sent ahead of [`Reply::Converted`] so the page reads them a
    /// part at a time (each part in its own task) instead of in one long task; see [`Assembly`].
    ConvertedPart {
        /// The job.
        job: JobId,
        /// The next comments, in file order (sent as columns).
        comments: PartComments,
        /// The rows of the table, at most one comment each: the page makes room for the job's
        /// comments once instead of copying them every time they outgrow their room.
        rows: usize,
    },
    /// A table was converted into comments: the last of them (after the parts) and every problem.
    Converted {
        /// The job.
        job: JobId,
        /// The mapping used, so a late answer to an old mapping can be told apart.
        mapping: ColumnMapping,
        /// The comments and their problems.
        outcome: ImportOutcome,
    },
    /// The built-in sample file, to import like any file.
    Sample {
        /// The job.
        job: JobId,
        /// Its file name.
        name: String,
        /// Its bytes.
        #[serde(with = "serde_bytes")]
        bytes: Vec<u8>,
    },
    /// A codebook CSV read and merged, or why it could not be read.
    CodebookImported {
        /// The job.
        job: JobId,
        /// The merged codebook and what changed, or the file's problem.
        result: Result<CodebookImport, CodebookCsvError>,
    },
    /// A comparison file read and checked, or why it was refused.
    AggregateRead {
        /// The job.
        job: JobId,
        /// The counts, or the file's problem.
        result: Result<Aggregate, AggregateError>,
    },
    /// A project file read, or why it could not be.
    ProjectOpened {
        /// The job.
        job: JobId,
        /// The project as records, or the file's problem.
        result: Result<OpenedFile, SavedError>,
    },
    /// A project file written, or why the records handed over could not be read.
    ProjectWritten {
        /// The job.
        job: JobId,
        /// The file's bytes.
        result: Result<ByteBuf, SavedError>,
    },
    /// The comments of the job's parts so far are void: they were converted as the file was
    /// read, with a mapping that is not the one used (or from text read the wrong way).
    Restarted {
        /// The job.
        job: JobId,
    },
    /// The job's file is no longer kept (forgotten, or the worker was restarted): read again.
    Missing {
        /// The job.
        job: JobId,
    },
    /// A message could not be understood; a bug between page and worker, never user data.
    BadRequest {
        /// What went wrong, for the console.
        detail: String,
    },
}

/// Puts [`Reply::ConvertedPart`]s back together: the page passes every reply through it and
/// gets the parts' comments in front of those of the [`Reply::Converted`] that ends them.
#[derive(Debug, Default)]
pub struct Assembly {
    jobs: HashMap<JobId, JobParts>,
}

/// What one job's parts brought so far.
#[derive(Debug)]
struct JobParts {
    comments: Vec<NewComment>,
    /// Its channels' names, so the comments of all its parts share them.
    channels: ChannelNames,
    /// The rows of its table, as its parts say.
    rows: usize,
}

impl Assembly {
    /// The reply to act on now, or `None` for a part, which is kept until its job's end.
    pub fn take(&mut self, reply: Reply) -> Option<Reply> {
        match reply {
            Reply::ConvertedPart { job, comments, rows } => {
                // Room for every row at the first part: growing by doubling would copy a
                // 200,000-comment job's comments in one long task and hold two copies. While
                // the file is still read, `rows` is an estimate: a sixteenth more is made.
                let room = rows.saturating_add(rows / 16);
                let kept = self.jobs.entry(job).or_insert_with(|| JobParts {
                    comments: Vec::with_capacity(room),
                    channels: ChannelNames::default(),
                    rows,
                });
                kept.rows = rows;
                if rows > kept.comments.capacity() {
                    kept.comments.reserve_exact(room - kept.comments.len());
                }
                match comments.into_comments() {
                    Ok(mut comments) => {
                        kept.channels.share_all(comments.iter_mut().map(|c| &mut c.channel));
                        kept.comments.extend(comments);
                        None
                    }
                    // Columns that cannot be read back (never from the worker: it checks its
                    // strings as it writes them) end the job where the user sees it, rather
                    // than leaving its rows out.
                    Err(_) => {
                        self.forget(job);
                        Some(Reply::Missing { job })
                    }
                }
            }
            Reply::Converted { job, mapping, mut outcome } => {
                if let Some(JobParts { mut comments, mut channels, .. }) = self.jobs.remove(&job) {
                    channels.share_all(outcome.comments.iter_mut().map(|c| &mut c.channel));
                    comments.append(&mut outcome.comments);
                    outcome.comments = comments;
                }
                Some(Reply::Converted { job, mapping, outcome })
            }
            // A conversion that failed partway (its file could no longer be read) ends with
            // the file's error: the parts that came are not the file's comments. A preview
            // keeps the parts converted as the file was read.
            Reply::Read { job, result: Err(error) } => {
                self.forget(job);
                Some(Reply::Read { job, result: Err(error) })
            }
            Reply::Restarted { job } => {
                self.forget(job);
                None
            }
            other => Some(other),
        }
    }

    /// The comments of `job` that came so far, in file order.
    pub fn parts(&self, job: JobId) -> Option<&[NewComment]> {
        self.jobs.get(&job).map(|parts| parts.comments.as_slice())
    }

    /// How many rows the table of `job` has, as its parts said: at most one comment each.
    pub fn rows(&self, job: JobId) -> Option<usize> {
        self.jobs.get(&job).map(|parts| parts.rows)
    }

    /// Drops the parts of a job that was stopped or forgotten.
    pub fn forget(&mut self, job: JobId) {
        self.jobs.remove(&job);
    }

    /// Drops every job's parts (the worker stopped).
    pub fn clear(&mut self) {
        self.jobs.clear();
    }
}

impl Reply {
    /// A reply from the bytes the worker posted. Not generic, so it is compiled with the
    /// domain's optimisation (the release profile builds this crate for speed, the page's
    /// own code for size): the page decodes every imported comment through it.
    pub fn from_bytes(bytes: &[u8]) -> Result<Reply, WireError> {
        decode(bytes)
    }
}

/// The files read so far, and the answers to requests about them.
#[derive(Debug, Default)]
pub struct ImportJobs {
    /// Each job's file: delimited text kept as the file, to be read again for its comments;
    /// workbooks and JSON as their table.
    opened: HashMap<JobId, Opened>,
    /// Delimited files being read for their preview (and converted on the way), waiting for
    /// the page to take their parts.
    reading: HashMap<JobId, ReadingFile>,
    /// Conversions under way, waiting for the page to take their parts.
    conversions: HashMap<JobId, Converting>,
    /// How many of each job's parts the page has not taken yet.
    ahead: HashMap<JobId, usize>,
    /// Where replies are encoded: grown to a part's size once, not once per part.
    reply_buffer: Vec<u8>,
}

/// A delimited file being read for its preview.
#[derive(Debug)]
struct ReadingFile {
    reading: Box<FirstReading<CommentColumns>>,
    /// Where progress stood when last told.
    told: Option<(u32, bool)>,
    /// Whether any part of it went to the page since it last started reading.
    parted: bool,
}

/// A conversion under way.
#[derive(Debug)]
struct Converting {
    rows: Rows,
    /// Where progress stood when last told.
    told: Option<(u32, bool)>,
    /// Whether the page asked for it: a conversion made as the file was read waits for the
    /// page's `Convert` with its mapping before it ends.
    asked: bool,
}

/// Where a conversion's rows come from.
#[derive(Debug)]
enum Rows {
    /// The kept table of a workbook or JSON file.
    Table(Box<Conversion<CommentColumns>>),
    /// The file, read again as it is converted.
    Streamed(Box<StreamedConversion<CommentColumns>>),
    /// Converted as the file was read for its preview: only its last comments and the
    /// outcome are left.
    Read(ColumnMapping, Box<(CommentColumns, ImportOutcome)>),
}

impl Rows {
    fn mapping(&self) -> ColumnMapping {
        match self {
            Rows::Table(conversion) => conversion.mapping(),
            Rows::Streamed(conversion) => conversion.mapping(),
            Rows::Read(mapping, _) => *mapping,
        }
    }

    /// The next part, or `None` once every row is converted.
    fn next_part(&mut self, opened: &Opened, report: Report) -> Result<Option<CommentColumns>, ImportError> {
        match (self, opened) {
            (Rows::Table(conversion), Opened::Table(read)) => {
                Ok(conversion.next_part(&read.table, CONVERTED_PART, report))
            }
            (Rows::Streamed(conversion), _) => conversion.next_part(CONVERTED_PART, report),
            (Rows::Read(..), _) => Ok(None),
            (Rows::Table(conversion), Opened::Streamed(_)) => Err(conversion.unreadable()),
        }
    }

    /// The last comments and the outcome.
    fn finish(
        &mut self,
        opened: &Opened,
        report: Report,
    ) -> Result<(CommentColumns, ImportOutcome), ImportError> {
        match (self, opened) {
            (Rows::Table(conversion), Opened::Table(read)) => Ok(conversion.finish(&read.table, report)),
            (Rows::Streamed(conversion), _) => conversion.finish(report),
            (Rows::Read(_, rest), _) => Ok(std::mem::take(&mut **rest)),
            (Rows::Table(conversion), Opened::Streamed(_)) => Err(conversion.unreadable()),
        }
    }
}

impl ImportJobs {
    /// No files yet.
    pub fn new() -> Self {
        ImportJobs::default()
    }

    /// Answers one request; progress goes to `post` as it happens, at most once per thousandth.
    pub fn handle(&mut self, request: Request, post: &mut dyn FnMut(Reply)) {
        match request {
            Request::Read { job, name, options, bytes, remembered } => {
                self.read(job, (&name, &remembered), options, Box::new(bytes), post);
            }
            Request::Convert { job, mapping } => {
                match self.conversions.remove(&job) {
                    // Converted as it was read, with this mapping: it ends now.
                    Some(early) if !early.asked && early.rows.mapping() == mapping => {
                        self.conversions.insert(job, Converting { asked: true, ..early });
                        self.convert_ahead(job, post);
                        return;
                    }
                    // Converted as it was read, with another mapping: its parts are void.
                    Some(early) if !early.asked => post(Reply::Restarted { job }),
                    // A conversion of this job still under way (its mapping was changed
                    // meanwhile) ends first: the page waits for its answer before this one's.
                    Some(earlier) => self.run(job, earlier, usize::MAX, post),
                    None => {}
                }
                let Some(opened) = self.opened.get_mut(&job) else {
                    post(Reply::Missing { job });
                    return;
                };
                let rows = match opened {
                    Opened::Table(read) => Ok(Rows::Table(Box::new(Conversion::new(&read.table, &mapping)))),
                    Opened::Streamed(file) => {
                        file.convert(&mapping).map(|rows| Rows::Streamed(Box::new(rows)))
                    }
                };
                match rows {
                    Ok(rows) => {
                        self.conversions.insert(job, Converting { rows, told: None, asked: true });
                        self.convert_ahead(job, post);
                    }
                    Err(error) => self.fail(job, error, post),
                }
            }
            Request::PartTaken { job } => {
                if let Some(ahead) = self.ahead.get_mut(&job) {
                    *ahead = ahead.saturating_sub(1);
                }
                if self.reading.contains_key(&job) {
                    self.read_ahead(job, post);
                } else if self.conversions.get(&job).is_some_and(|c| c.asked) {
                    self.convert_ahead(job, post);
                }
            }
            Request::Sample { job, lang } => {
                let (name, bytes) = sample_in(lang);
                post(Reply::Sample { job, name: name.to_owned(), bytes: bytes.to_vec() });
            }
            Request::ImportCodebook { job, name, bytes, current } => {
                post(Reply::CodebookImported { job, result: import_codebook(&current, &name, &bytes) });
            }
            Request::ReadAggregate { job, bytes } => {
                post(Reply::AggregateRead { job, result: read_aggregate(&bytes) });
            }
            Request::OpenProject { job, bytes } => {
                post(Reply::ProjectOpened { job, result: OpenedFile::read(&bytes) });
            }
            Request::WriteProject { job, name, bodies, state } => {
                let result = write_project_records(&name, &bodies, &state).map(ByteBuf::from);
                post(Reply::ProjectWritten { job, result });
            }
            Request::Forget { job } => self.drop_job(job),
        }
    }

    /// Makes parts of the job's conversion until the page has [`PARTS_AHEAD`] it has not
    /// taken; the last comments and the problems go in `Reply::Converted`, ending it. Each
    /// part goes to the page as soon as it is made: the worker never holds every comment of a
    /// big file at once.
    fn convert_ahead(&mut self, job: JobId, post: &mut dyn FnMut(Reply)) {
        if let Some(converting) = self.conversions.remove(&job) {
            self.run(job, converting, PARTS_AHEAD, post);
        }
    }

    /// Makes parts of `converting` while fewer than `ahead` are untaken; keeps it for the next
    /// part taken unless it ended. An ended streamed conversion gives its file back to the job.
    fn run(&mut self, job: JobId, mut converting: Converting, limit: usize, post: &mut dyn FnMut(Reply)) {
        let Some(opened) = self.opened.get_mut(&job) else { return };
        let ahead = self.ahead.entry(job).or_default();
        match converting.make_parts(job, opened, (ahead, limit), post) {
            Ok(false) => {
                self.conversions.insert(job, converting);
            }
            Ok(true) => {
                if let (Opened::Streamed(file), Rows::Streamed(conversion)) = (opened, converting.rows) {
                    file.give_back(*conversion);
                }
            }
            Err(error) => self.fail(job, error, post),
        }
    }

    /// Ends a job whose file can no longer be read: the page hears why, and reads it again if
    /// it asks for it again.
    fn fail(&mut self, job: JobId, error: ImportError, post: &mut dyn FnMut(Reply)) {
        self.drop_job(job);
        post(Reply::Read { job, result: Err(error) });
    }

    /// Forgets everything of `job`.
    fn drop_job(&mut self, job: JobId) {
        self.opened.remove(&job);
        self.reading.remove(&job);
        self.conversions.remove(&job);
        self.ahead.remove(&job);
    }

    /// Reads the file of job `job` from `source` and keeps it (or its table); the preview
    /// goes to `post`, after progress.
    fn read(
        &mut self,
        job: JobId,
        (name, remembered): (&str, &[(String, String)]),
        options: ReadOptions,
        source: Box<dyn FileSource>,
        post: &mut dyn FnMut(Reply),
    ) {
        // Read again under the same job: what was kept of it is not the file's any more.
        self.drop_job(job);
        let mut told = None;
        let mut report = |progress| tell_progress(job, progress, &mut told, post);
        let begun = begin_any(name, source, (options, remembered), &mut report);
        match begun {
            Ok(Begun::Whole(whole)) => {
                let (read, preview) = *whole;
                self.opened.insert(job, Opened::Table(read));
                post(Reply::Read { job, result: Ok(preview) });
            }
            Ok(Begun::Reading(reading)) => {
                let reading = ReadingFile { reading, told, parted: false };
                self.reading.insert(job, reading);
                self.read_ahead(job, post);
            }
            Err(error) => post(Reply::Read { job, result: Err(error) }),
        }
    }

    /// Reads the job's file on while the page has fewer than [`PARTS_AHEAD`] of its parts
    /// untaken, posting the parts converted on the way; at its end posts the preview and keeps
    /// the file, and the conversion if its mapping is the one guessed over the whole file.
    fn read_ahead(&mut self, job: JobId, post: &mut dyn FnMut(Reply)) {
        let Some(mut file) = self.reading.remove(&job) else { return };
        let ahead = self.ahead.entry(job).or_default();
        let out = JobPost::new(job, file.told, post);
        let mut report = |progress| out.progress(progress);
        let end = loop {
            if *ahead >= PARTS_AHEAD {
                file.told = out.told.get();
                self.reading.insert(job, file);
                return;
            }
            match file.reading.next_part(CONVERTED_PART, &mut report) {
                Ok(ReadStep::Part(columns)) => {
                    *ahead += 1;
                    file.parted = true;
                    let (comments, rows) = (PartComments::Columns(columns), file.reading.rows_estimate());
                    out.reply(Reply::ConvertedPart { job, comments, rows });
                }
                Ok(ReadStep::Restarted) if file.parted => {
                    file.parted = false;
                    out.reply(Reply::Restarted { job });
                }
                Ok(ReadStep::Restarted) => {}
                Ok(ReadStep::Read(end)) => break Ok(end),
                Err(error) => break Err(error),
            }
        };
        let post = out.post.into_inner();
        match end {
            Ok(end) => {
                let ReadEnd { file: kept, preview, converted } = *end;
                self.opened.insert(job, Opened::Streamed(kept));
                match converted {
                    Some((mapping, last, outcome)) => {
                        let rows = Rows::Read(mapping, Box::new((last, outcome)));
                        self.conversions.insert(job, Converting { rows, told: None, asked: false });
                    }
                    None if file.parted => post(Reply::Restarted { job }),
                    None => {}
                }
                post(Reply::Read { job, result: Ok(preview) });
            }
            Err(error) => self.fail(job, error, post),
        }
    }

    /// Answers a request whose file came beside it: the page hands over the chosen file itself
    /// and the worker reads it from `file` a piece at a time, and keeps it to read it again
    /// when it is converted (delimited text: its table is never held), instead of the page
    /// copying its bytes into the request. `file` is `None` when the browser cannot read it.
    /// Replies go to `post` as bytes, each in the same buffer (copy them out before the next).
    pub fn handle_bytes_with_file(
        &mut self,
        request: &[u8],
        file: Option<Box<dyn FileSource>>,
        post: &mut dyn FnMut(&[u8]),
    ) {
        match (decode::<Request>(request), file) {
            (Ok(Request::Read { job, name, options, remembered, .. }), Some(file)) => {
                self.answer_as_bytes(post, |jobs, post| {
                    jobs.read(job, (&name, &remembered), options, file, post)
                });
            }
            (Ok(Request::Read { job, name, .. }), None) => {
                let unreadable = Reply::Read { job, result: Err(ImportError::Unreadable { file: name }) };
                self.answer_as_bytes(post, |_, post| post(unreadable));
            }
            (request, _) => self.answer_request(request, post),
        }
    }

    /// Answers a request given as bytes, posting replies as bytes (each in the same buffer).
    pub fn handle_bytes(&mut self, request: &[u8], post: &mut dyn FnMut(&[u8])) {
        self.answer_request(decode::<Request>(request), post);
    }

    /// Handles a decoded request, or posts the reply that refuses what could not be decoded.
    fn answer_request(&mut self, request: Result<Request, WireError>, post: &mut dyn FnMut(&[u8])) {
        match request {
            Ok(request) => self.answer_as_bytes(post, |jobs, post| jobs.handle(request, post)),
            Err(error) => {
                let refusal = Reply::BadRequest { detail: error.to_string() };
                self.answer_as_bytes(post, |_, post| post(refusal));
            }
        }
    }

    /// Runs `answer`, encoding every reply it makes into the buffer kept for replies.
    fn answer_as_bytes(
        &mut self,
        post: &mut dyn FnMut(&[u8]),
        answer: impl FnOnce(&mut Self, &mut dyn FnMut(Reply)),
    ) {
        let mut buffer = std::mem::take(&mut self.reply_buffer);
        let mut post_encoded = |reply: Reply| {
            encode_into(&reply, &mut buffer);
            post(&buffer);
        };
        answer(self, &mut post_encoded);
        self.reply_buffer = buffer;
    }
}

impl Converting {
    /// Posts parts while fewer than `limit` are untaken (`ahead` counts them); at the rows'
    /// end posts the answer and says `true`.
    fn make_parts(
        &mut self,
        job: JobId,
        opened: &Opened,
        (ahead, limit): (&mut usize, usize),
        post: &mut dyn FnMut(Reply),
    ) -> Result<bool, ImportError> {
        let rows = match opened {
            Opened::Table(read) => read.table.rows.len(),
            Opened::Streamed(file) => file.rows(),
        };
        let out = JobPost::new(job, self.told, post);
        let mut report = |progress| out.progress(progress);
        while *ahead < limit {
            let Some(columns) = self.rows.next_part(opened, &mut report)? else {
                let mapping = self.rows.mapping();
                let (last, outcome) = self.rows.finish(opened, &mut report)?;
                // The last comments go as a part too (columns, like the others), then the end.
                if !last.is_empty() {
                    *ahead += 1;
                    let comments = PartComments::Columns(last);
                    out.reply(Reply::ConvertedPart { job, comments, rows });
                }
                out.reply(Reply::Converted { job, mapping, outcome });
                return Ok(true);
            };
            *ahead += 1;
            out.reply(Reply::ConvertedPart { job, comments: PartComments::Columns(columns), rows });
        }
        self.told = out.told.get();
        Ok(false)
    }
}

/// A job's replies and its progress, posted through one `post` (progress only when the bar
/// would move).
struct JobPost<'a> {
    job: JobId,
    /// Where progress stood when last told.
    told: std::cell::Cell<Option<(u32, bool)>>,
    post: std::cell::RefCell<&'a mut dyn FnMut(Reply)>,
}

impl<'a> JobPost<'a> {
    fn new(job: JobId, told: Option<(u32, bool)>, post: &'a mut dyn FnMut(Reply)) -> Self {
        JobPost { job, told: std::cell::Cell::new(told), post: std::cell::RefCell::new(post) }
    }

    fn reply(&self, reply: Reply) {
        (self.post.borrow_mut())(reply);
    }

    fn progress(&self, progress: Progress) {
        let mut last = self.told.get();
        tell_progress(self.job, progress, &mut last, &mut *self.post.borrow_mut());
        self.told.set(last);
    }
}

/// Posts progress only when the bar would move, so a big file does not flood the page.
fn tell_progress(
    job: JobId,
    progress: Progress,
    told: &mut Option<(u32, bool)>,
    post: &mut dyn FnMut(Reply),
) {
    let key = (progress.per_mille(), progress.stage == Stage::Reading);
    if *told != Some(key) {
        *told = Some(key);
        post(Reply::Progress { job, progress });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Stage, read_any, to_comments};

    fn big_csv(rows: usize) -> Vec<u8> {
        let mut text = String::from("投稿日時,媒体,本文\n");
        for i in 0..rows {
            text.push_str(&format!("2026-05-{:02} 10:00,X,コメント{i}、とても\"良い\"\n", i % 28 + 1));
        }
        text.into_bytes()
    }

    /// Every reply to `request`, taking each part in as the page does.
    fn run(jobs: &mut ImportJobs, request: Request) -> Vec<Reply> {
        let mut replies = Vec::new();
        let mut requests = std::collections::VecDeque::from([request]);
        while let Some(request) = requests.pop_front() {
            let mut new = Vec::new();
            jobs.handle_bytes(&encode(&request), &mut |bytes| new.push(decode(bytes).expect("a reply")));
            for reply in &new {
                if let Reply::ConvertedPart { job, .. } = reply {
                    requests.push_back(Request::PartTaken { job: *job });
                }
            }
            replies.extend(new);
        }
        replies
    }

    /// The replies to one request only, taking no part in.
    fn answer(jobs: &mut ImportJobs, request: Request) -> Vec<Reply> {
        let mut replies = Vec::new();
        jobs.handle(request, &mut |reply| replies.push(reply));
        replies.retain(|r| !matches!(r, Reply::Progress { .. }));
        replies
    }

    fn read_request(job: JobId, rows: usize) -> Request {
        Request::Read {
            job,
            name: "big.csv".into(),
            options: ReadOptions::default(),
            bytes: big_csv(rows),
            remembered: Vec::new(),
        }
    }

    /// Reads a big file, taking its parts in as the page does; its guessed mapping.
    fn read_big(jobs: &mut ImportJobs, job: JobId, rows: usize) -> ColumnMapping {
        match run(jobs, read_request(job, rows)).pop() {
            Some(Reply::Read { result: Ok(preview), .. }) => preview.guess.mapping,
            other => panic!("a preview: {other:?}"),
        }
    }

    fn is_part(reply: &Reply) -> bool {
        matches!(reply, Reply::ConvertedPart { .. })
    }

    #[test]
    fn the_worker_stays_a_few_parts_ahead_of_the_page() {
        let mut jobs = ImportJobs::new();
        // Read, the file is converted on the way, as far as the page has taken its parts.
        let first = answer(&mut jobs, read_request(4, CONVERTED_PART * 6 + 10));
        assert_eq!(first.len(), PARTS_AHEAD, "only parts, and only so many: {first:?}");
        assert!(first.iter().all(is_part));
        let mut taken = Vec::new();
        for _ in 0..3 {
            let next = answer(&mut jobs, Request::PartTaken { job: 4 });
            assert_eq!(next.len(), 1, "one part for one taken");
            assert!(is_part(&next[0]));
            taken.extend(next);
        }
        // Six full parts are made; the file's end brings the preview.
        let read = answer(&mut jobs, Request::PartTaken { job: 4 });
        let [Reply::Read { result: Ok(preview), .. }] = &read[..] else { panic!("the preview: {read:?}") };
        assert_eq!(preview.total_rows, CONVERTED_PART * 6 + 10);
        let mapping = preview.guess.mapping;
        assert!(
            answer(&mut jobs, Request::PartTaken { job: 4 }).is_empty(),
            "nothing before it is asked for"
        );
        // Asked for with the guessed mapping, the last ten comments come in a part of their
        // own, then the answer: the file is not read again.
        let last = answer(&mut jobs, Request::Convert { job: 4, mapping });
        let [Reply::ConvertedPart { .. }, Reply::Converted { outcome, .. }] = &last[..] else {
            panic!("the last part and the answer: {last:?}")
        };
        assert!(outcome.comments.is_empty(), "every comment came in a part");
        assert!(answer(&mut jobs, Request::PartTaken { job: 4 }).is_empty(), "nothing is left");
        let texts = first.iter().chain(&taken).chain(&last).flat_map(|r| match r {
            Reply::ConvertedPart { comments, .. } => {
                let comments = comments.clone().into_comments().expect("columns read back");
                comments.into_iter().map(|c| c.text).collect()
            }
            _ => Vec::new(),
        });
        let expected = (0..CONVERTED_PART * 6 + 10).map(|i| format!("コメント{i}、とても\"良い\""));
        assert!(texts.eq(expected), "every comment once, in file order");
    }

    #[test]
    fn a_conversion_under_way_ends_before_the_next_of_its_job_begins_and_a_forgotten_one_stops() {
        let mut jobs = ImportJobs::new();
        let mapping = read_big(&mut jobs, 5, CONVERTED_PART * 5);
        // Another mapping than the one the file was converted with as it was read: those
        // parts are void, and the file is read again.
        let changed = ColumnMapping { date: None, ..mapping };
        let replies = answer(&mut jobs, Request::Convert { job: 5, mapping: changed });
        assert_eq!(replies[0], Reply::Restarted { job: 5 });
        assert_eq!(replies[1..].len(), PARTS_AHEAD);
        assert!(replies[1..].iter().all(is_part));
        let replies = answer(&mut jobs, Request::Convert { job: 5, mapping });
        let end = replies
            .iter()
            .position(|r| matches!(r, Reply::Converted { .. }))
            .expect("the first one's answer");
        assert!(matches!(&replies[end], Reply::Converted { mapping: m, .. } if *m == changed));
        assert!(replies[..end].iter().all(is_part), "the first one's remaining parts before it");
        assert!(replies[end + 1..].is_empty(), "the second waits for the page to take the first one's parts");
        let mut next = Vec::new();
        for _ in 0..PARTS_AHEAD + end {
            next.extend(answer(&mut jobs, Request::PartTaken { job: 5 }));
        }
        assert_eq!(next.len(), PARTS_AHEAD, "then it begins: {next:?}");
        assert!(next.iter().all(is_part));

        answer(&mut jobs, Request::Forget { job: 5 });
        assert!(
            answer(&mut jobs, Request::PartTaken { job: 5 }).is_empty(),
            "a forgotten job makes nothing more"
        );
    }

    #[test]
    fn read_then_convert_gives_what_reading_directly_gives() {
        let bytes = big_csv(20_000);
        let mut jobs = ImportJobs::new();
        let replies = run(
            &mut jobs,
            Request::Read {
                job: 7,
                name: "big.csv".into(),
                options: ReadOptions::default(),
                bytes: bytes.clone(),
                remembered: Vec::new(),
            },
        );
        let direct = read_any("big.csv", &bytes, ReadOptions::default()).expect("a table");
        let Some(Reply::Read { job: 7, result: Ok(preview) }) = replies.last() else {
            panic!("last reply should be the preview: {replies:?}");
        };
        assert_eq!(preview.total_rows, 20_000);
        assert_eq!(preview.rows.len(), PREVIEW_ROWS);
        assert_eq!(preview.rows[..], direct.table.rows[..PREVIEW_ROWS]);
        assert_eq!(preview.guess.mapping, crate::import::guess_mapping(&direct.table));

        let progress: Vec<Progress> = replies
            .iter()
            .filter_map(|r| match r {
                Reply::Progress { job: 7, progress } => Some(*progress),
                _ => None,
            })
            .collect();
        assert!(progress.len() >= 3, "a big file reports progress on the way: {progress:?}");
        assert!(progress.windows(2).all(|w| w[0].done <= w[1].done), "progress never goes back");
        assert_eq!(progress.last().map(Progress::per_mille), Some(1000));

        let converted = run(&mut jobs, Request::Convert { job: 7, mapping: preview.guess.mapping });
        let parts_of = |replies: &[Reply]| {
            replies.iter().filter(|r| matches!(r, Reply::ConvertedPart { job: 7, .. })).count()
        };
        // The file was converted as it was read: its full parts came before the preview,
        // the last comments when asked for, and it was not read again.
        assert_eq!(parts_of(&replies), 20_000 / CONVERTED_PART - 1, "{replies:?}");
        assert_eq!(parts_of(&converted), 1, "the last comments, then the end: {converted:?}");
        assert!(
            !converted.iter().any(|r| matches!(r, Reply::Progress { .. })),
            "not read again: {converted:?}"
        );
        // `run` takes replies as the page does, sent as bytes: the columns the worker made
        // are read back here into the comments a conversion of the table gives.
        let mut assembly = Assembly::default();
        let mut assembled: Vec<Reply> = Vec::new();
        for reply in replies.iter().chain(&converted).cloned() {
            let before = assembly.jobs.get(&7).map(|job| job.comments.as_ptr());
            assembled.extend(assembly.take(reply));
            let kept = assembly.jobs.get(&7).map(|job| &job.comments);
            assert!(kept.is_none_or(|k| k.capacity() >= 20_000), "room for every row at once");
            assert_eq!(assembly.rows(7).is_some(), kept.is_some(), "the rows told with the parts");
            assert!(
                assembly.rows(7).is_none_or(|rows| (20_000..=21_000).contains(&rows)),
                "{:?}",
                assembly.rows(7)
            );
            if let (Some(before), Some(kept)) = (before, kept) {
                assert_eq!(before, kept.as_ptr(), "the parts are never moved");
            }
        }
        let Some(Reply::Converted { job: 7, outcome, mapping }) = assembled.pop() else {
            panic!("last reply should be the comments: {replies:?}");
        };
        assert_eq!(mapping, preview.guess.mapping);
        assert_eq!(outcome, to_comments(&direct.table, &preview.guess.mapping));
        let channel = &outcome.comments[0].channel;
        assert!(
            outcome.comments.iter().all(|c| std::sync::Arc::ptr_eq(&c.channel, channel)),
            "the channel's comments hold one name across the parts"
        );

        // Another mapping, after that one's answer, reads the file again, telling how far it
        // has come.
        let changed = ColumnMapping { date: None, ..preview.guess.mapping };
        let again = run(&mut jobs, Request::Convert { job: 7, mapping: changed });
        assert!(again.iter().any(|r| matches!(
            r,
            Reply::Progress { progress: Progress { stage: Stage::Converting, .. }, .. }
        )));
        let mut assembly = Assembly::default();
        let mut assembled: Vec<Reply> =
            replies.into_iter().chain(converted).chain(again).filter_map(|r| assembly.take(r)).collect();
        let Some(Reply::Converted { outcome, mapping, .. }) = assembled.pop() else { panic!("the end") };
        assert_eq!((mapping, outcome), (changed, to_comments(&direct.table, &changed)));
    }

    #[test]
    fn a_file_whose_header_has_a_remembered_mapping_is_read_once_with_it() {
        let mut jobs = ImportJobs::new();
        let guessed = read_big(&mut jobs, 8, CONVERTED_PART * 3);
        let mine = ColumnMapping { date: None, ..guessed };
        let headers: Vec<String> = ["投稿日時", "媒体", "本文"].map(String::from).to_vec();
        let remembered = vec![(ColumnMapping::memory_key(&headers), mine.to_memory())];
        let request = Request::Read {
            job: 9,
            name: "big.csv".into(),
            options: ReadOptions::default(),
            bytes: big_csv(CONVERTED_PART * 3),
            remembered,
        };
        let read = run(&mut jobs, request);
        assert!(matches!(read.last(), Some(Reply::Read { result: Ok(_), .. })), "{read:?}");
        let converted = run(&mut jobs, Request::Convert { job: 9, mapping: mine });
        assert!(matches!(converted.last(), Some(Reply::Converted { mapping, .. }) if *mapping == mine));
        assert!(
            !converted.iter().any(|r| matches!(r, Reply::Progress { .. } | Reply::Restarted { .. })),
            "not read again: {converted:?}"
        );
        let mut assembly = Assembly::default();
        let Some(Reply::Converted { outcome, .. }) =
            read.into_iter().chain(converted).filter_map(|r| assembly.take(r)).last()
        else {
            panic!("the end")
        };
        let table =
            read_any("big.csv", &big_csv(CONVERTED_PART * 3), ReadOptions::default()).expect("a table");
        assert_eq!(outcome, to_comments(&table.table, &mine));
    }

    #[test]
    fn the_page_keeps_parts_past_a_preview_and_drops_them_when_void_or_failed() {
        let part = |job| {
            let source = crate::project::comment::SourceRef { file: "a.csv".into(), sheet: None, line: 2 };
            let comments = vec![NewComment::new("一", source)];
            Reply::ConvertedPart { job, comments: PartComments::Comments(comments), rows: 1 }
        };
        let preview = match run(&mut ImportJobs::new(), read_request(1, 3)).pop() {
            Some(Reply::Read { result: Ok(preview), .. }) => preview,
            other => panic!("a preview: {other:?}"),
        };
        let mut assembly = Assembly::default();
        assert_eq!(assembly.take(part(1)), None);
        assert!(assembly.take(Reply::Read { job: 1, result: Ok(preview) }).is_some());
        assert_eq!(assembly.parts(1).map(<[NewComment]>::len), Some(1), "kept past the preview");
        assert_eq!(assembly.take(Reply::Restarted { job: 1 }), None, "nothing to act on");
        assert_eq!(assembly.parts(1), None, "void parts dropped");
        assembly.take(part(2));
        let error = Err(ImportError::Unreadable { file: "a.csv".into() });
        assert!(assembly.take(Reply::Read { job: 2, result: error }).is_some());
        assert_eq!(assembly.parts(2), None, "a failed file's parts dropped");
    }

    #[test]
    fn a_file_that_is_not_a_table_is_answered_with_its_reason() {
        let mut jobs = ImportJobs::new();
        let bytes = b"\x89PNG\r\n\x1a\n\0\0".to_vec();
        let replies = run(
            &mut jobs,
            Request::Read {
                job: 1,
                name: "x.csv".into(),
                options: ReadOptions::default(),
                bytes,
                remembered: Vec::new(),
            },
        );
        assert!(matches!(
            replies.last(),
            Some(Reply::Read { job: 1, result: Err(ImportError::NotText { .. }) })
        ));
        let replies = run(&mut jobs, Request::Convert { job: 1, mapping: ColumnMapping::text_only(0) });
        assert_eq!(replies, vec![Reply::Missing { job: 1 }]);
    }

    #[test]
    fn a_file_handed_beside_the_request_reads_as_if_it_were_inside() {
        let bytes = big_csv(5);
        let inside = Request::Read {
            job: 3,
            name: "a.csv".into(),
            options: ReadOptions::default(),
            bytes: bytes.clone(),
            remembered: Vec::new(),
        };
        let beside = Request::Read {
            job: 3,
            name: "a.csv".into(),
            options: ReadOptions::default(),
            bytes: Vec::new(),
            remembered: Vec::new(),
        };
        let mut expected = Vec::new();
        ImportJobs::new().handle_bytes(&encode(&inside), &mut |reply| expected.push(reply.to_vec()));
        let mut jobs = ImportJobs::new();
        let mut replies = Vec::new();
        jobs.handle_bytes_with_file(&encode(&beside), Some(Box::new(bytes.clone())), &mut |reply| {
            replies.push(reply.to_vec())
        });
        assert_eq!(replies, expected);
        assert!(matches!(
            decode::<Reply>(&replies[replies.len() - 1]),
            Ok(Reply::Read { job: 3, result: Ok(_) })
        ));

        let mut replies = Vec::new();
        jobs.handle_bytes_with_file(&encode(&beside), None, &mut |reply| replies.push(reply.to_vec()));
        let unreadable =
            Reply::Read { job: 3, result: Err(ImportError::Unreadable { file: "a.csv".into() }) };
        assert_eq!(replies, vec![encode(&unreadable)], "a file the browser could not read");
        let mut replies = Vec::new();
        jobs.handle_bytes_with_file(&encode(&Request::Forget { job: 3 }), None, &mut |reply| {
            replies.push(reply.to_vec())
        });
        assert!(replies.is_empty(), "other requests go on as usual");
    }

    #[test]
    fn a_file_that_fails_partway_through_its_conversion_ends_its_job_with_the_error() {
        let bytes = big_csv(20_000);
        let mut jobs = ImportJobs::new();
        // The file fails once it has been read to its end (the preview): the second reading
        // stops partway.
        struct Failing(Vec<u8>, bool);
        impl FileSource for Failing {
            fn size(&self) -> u64 {
                self.0.len() as u64
            }
            fn read_at(&mut self, start: u64, len: usize, into: &mut Vec<u8>) -> std::io::Result<()> {
                if self.1 && start > self.0.len() as u64 / 2 {
                    return Err(std::io::Error::other("moved"));
                }
                self.0.as_slice().read_at(start, len, into)?;
                self.1 |= start + into.len() as u64 == self.0.len() as u64;
                Ok(())
            }
        }
        let request = encode(&Request::Read {
            job: 4,
            name: "s.csv".into(),
            options: ReadOptions::default(),
            bytes: Vec::new(),
            remembered: Vec::new(),
        });
        let (mut mapping, mut parts) = (None, 0);
        jobs.handle_bytes_with_file(
            &request,
            Some(Box::new(Failing(bytes, false))),
            &mut |reply| match decode::<Reply>(reply) {
                Ok(Reply::Read { result: Ok(preview), .. }) => mapping = Some(preview.guess.mapping),
                Ok(Reply::ConvertedPart { .. }) => parts += 1,
                _ => {}
            },
        );
        for _ in 0..parts {
            for reply in run(&mut jobs, Request::PartTaken { job: 4 }) {
                if let Reply::Read { result: Ok(preview), .. } = reply {
                    mapping = Some(preview.guess.mapping);
                }
            }
        }
        let guessed = mapping.expect("the preview, from the whole file");
        // Another mapping than the one it was converted with as it was read: read again.
        let mapping = ColumnMapping { date: None, ..guessed };
        let mut replies = run(&mut jobs, Request::Convert { job: 4, mapping });
        let mut taken = 0;
        while replies.last().is_some_and(is_part) && taken < 10 {
            replies.extend(run(&mut jobs, Request::PartTaken { job: 4 }));
            taken += 1;
        }
        assert!(replies.iter().any(is_part), "some parts came before the file failed");
        let unreadable =
            Reply::Read { job: 4, result: Err(ImportError::Unreadable { file: "s.csv".into() }) };
        assert_eq!(replies.last(), Some(&unreadable));
        let mut assembly = Assembly::default();
        let assembled: Vec<Reply> = replies
            .into_iter()
            .filter_map(|reply| assembly.take(reply))
            .filter(|reply| !matches!(reply, Reply::Progress { .. }))
            .collect();
        assert_eq!(assembled, vec![unreadable], "no comment reaches the page, only the error");
        assert_eq!(assembly.parts(4), None, "the parts that came are dropped");
        assert_eq!(run(&mut jobs, Request::Convert { job: 4, mapping }), vec![Reply::Missing { job: 4 }]);
    }

    #[test]
    fn forgotten_jobs_are_missing_and_garbage_is_a_bad_request() {
        let mut jobs = ImportJobs::new();
        run(
            &mut jobs,
            Request::Read {
                job: 2,
                name: "a.csv".into(),
                options: ReadOptions::default(),
                bytes: big_csv(3),
                remembered: Vec::new(),
            },
        );
        assert!(run(&mut jobs, Request::Forget { job: 2 }).is_empty());
        let replies = run(&mut jobs, Request::Convert { job: 2, mapping: ColumnMapping::text_only(2) });
        assert_eq!(replies, vec![Reply::Missing { job: 2 }]);

        let mut replies = Vec::new();
        jobs.handle_bytes(&[0xFF, 0xFF, 0xFF], &mut |bytes| replies.push(decode::<Reply>(bytes)));
        assert!(matches!(replies.as_slice(), [Ok(Reply::BadRequest { .. })]));
    }

    #[test]
    fn the_sample_comes_from_the_worker_in_the_language_asked() {
        let mut jobs = ImportJobs::new();
        for lang in [Lang::Ja, Lang::En] {
            let replies = run(&mut jobs, Request::Sample { job: 3, lang });
            let (name, bytes) = sample_in(lang);
            assert_eq!(replies, vec![Reply::Sample { job: 3, name: name.to_owned(), bytes: bytes.to_vec() }]);
        }
    }

    #[test]
    fn a_codebook_read_in_the_worker_is_what_reading_here_gives() {
        let (cp932, _, _) = encoding_rs::SHIFT_JIS
            .encode("グループ,タグ,親タグ,色,ショートカット,キーワード\n品質,固い,,,,\n");
        let current = Codebook::starter();
        let request = Request::ImportCodebook {
            job: 4,
            name: "c.csv".into(),
            bytes: cp932.to_vec(),
            current: current.clone(),
        };
        let replies = run(&mut ImportJobs::new(), request);
        let here = import_codebook(&current, "c.csv", &cp932);
        assert_eq!(replies, vec![Reply::CodebookImported { job: 4, result: here }]);
        let Reply::CodebookImported { result: Ok(imported), .. } = &replies[0] else {
            unreachable!("checked above")
        };
        assert_eq!(imported.added, 1, "the CP932 row is read as a new tag");
        assert!(imported.codebook.groups.iter().any(|g| g.name == "品質"));
        let broken =
            Request::ImportCodebook { job: 5, name: "c.csv".into(), bytes: b"a,b\n".to_vec(), current };
        let replies = run(&mut ImportJobs::new(), broken);
        assert!(matches!(
            &replies[..],
            [Reply::CodebookImported { job: 5, result: Err(CodebookCsvError::MissingColumns { .. }) }]
        ));
    }

    #[test]
    fn a_project_file_is_read_and_written_in_the_worker_as_here() {
        let mut project = crate::Project::new_in(Lang::Ja);
        let source = crate::project::comment::SourceRef { file: "声.csv".into(), sheet: None, line: 2 };
        let comment = NewComment { channel: "X".into(), ..NewComment::new("容器が固い", source) };
        project.apply(crate::Command::AddComments(vec![comment])).expect("added");
        let file = crate::saved::write_project_file(&project, "週報");
        let mut jobs = ImportJobs::new();
        let replies = run(&mut jobs, Request::OpenProject { job: 6, bytes: file.clone() });
        let [Reply::ProjectOpened { job: 6, result: Ok(opened) }] = &replies[..] else {
            panic!("one answer with the project, not {replies:?}")
        };
        let (name, read) = opened.clone().into_project().expect("records read back");
        let (name_here, read_here) = crate::saved::read_project_file(&file).expect("the file");
        assert_eq!((name.as_str(), read.comments()), (name_here.as_str(), read_here.comments()));
        assert_eq!(read.codebook(), read_here.codebook());

        let request = Request::WriteProject {
            job: 7,
            name: "週報".into(),
            bodies: crate::saved::encode_bodies(&project),
            state: crate::saved::encode_state(&project),
        };
        let replies = run(&mut jobs, request);
        let [Reply::ProjectWritten { job: 7, result: Ok(written) }] = &replies[..] else {
            panic!("one answer with the file, not {replies:?}")
        };
        let (name, again) = crate::saved::read_project_file(written).expect("the written file");
        assert_eq!((name.as_str(), again.comments()), ("週報", project.comments()));

        let replies = run(&mut jobs, Request::OpenProject { job: 8, bytes: b"not a project".to_vec() });
        assert_eq!(replies, vec![Reply::ProjectOpened { job: 8, result: Err(SavedError::Foreign) }]);
    }

    #[test]
    fn a_comparison_file_is_read_in_the_worker_as_here() {
        use crate::export::aggregate::{aggregate, aggregate_json};
        let project = crate::Project::new_in(Lang::Ja);
        let period = crate::report::period::Period::month(2026, 10).expect("October");
        let file = aggregate_json(&aggregate(&project, &period, "声"));
        let mut jobs = ImportJobs::new();
        let replies = run(&mut jobs, Request::ReadAggregate { job: 9, bytes: file.clone().into_bytes() });
        assert_eq!(replies, vec![Reply::AggregateRead { job: 9, result: read_aggregate(file.as_bytes()) }]);
        assert!(matches!(&replies[0], Reply::AggregateRead { result: Ok(a), .. } if a.label == "声"));
        let replies = run(&mut jobs, Request::ReadAggregate { job: 10, bytes: b"{\"format\": 1}".to_vec() });
        assert!(matches!(&replies[..], [Reply::AggregateRead { job: 10, result: Err(_) }]), "{replies:?}");
    }
}
