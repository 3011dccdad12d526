//! A project as stored: the `.koe` project file a user moves between browsers, and the two
//! records the app autosaves to the browser's storage.
//!
//! The project file is gzip-compressed JSON, `{"format": "koe-project", "version": 2, ...}`.
//! Version 1 (before report layouts and templates) is migrated on reading. Autosave splits a
//! project in two so that tagging 200,000 comments does not rewrite their texts each time:
//! the comment bodies (written when comments are added or removed) and the state (codebook,
//! report, templates and every comment's tags and response, written on every change).

use std::borrow::Cow;
use std::io::{Read, Write};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::project::Project;
use crate::project::codebook::Codebook;
use crate::project::comment::{Comment, CommentId};
use crate::project::rare::Rare;
use crate::project::response::Response;
use crate::project::tagging::Tagging;
use crate::project::team::Team;
use crate::report::{ReportLayout, Template};
use crate::text::lang::Lang;

/// What the `format` field of a project file says.
pub const FORMAT: &str = "koe-project";
/// The project file version this build writes (3: the normalised texts are no longer written).
pub const VERSION: u32 = 3;
/// The version of the autosave state record this build writes (3: rewritten summaries after
/// the state).
pub const STATE_VERSION: u32 = 3;
/// The file name extension of project files.
pub const EXTENSION: &str = "koe";

/// Why a project file or a stored project could not be read. Nothing is changed when it
/// happens: the caller keeps what it had. Serialisable: the app reads project files in its
/// worker.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize, Deserialize)]
pub enum SavedError {
    /// Compressed data or JSON that breaks off or is corrupt.
    #[error("damaged: {detail}")]
    Damaged {
        /// What the reader said, with line and column for JSON.
        detail: String,
    },
    /// Readable, but not a Koe project (another program's JSON, an image, a CSV).
    #[error("not a Koe project file")]
    Foreign,
    /// Written by a newer Koe than this one.
    #[error("version {0} is newer than this app")]
    TooNew(u32),
    /// A field that fails its check (a colour that is not `#rrggbb`, an id used twice, …).
    #[error("field {field}: {reason:?}")]
    Invalid {
        /// Where in the file, such as `codebook.tags[3].colour`.
        field: String,
        /// What is wrong.
        reason: Invalid,
    },
    /// Unpacks to more than Koe reads (possibly a "gzip bomb"); refused while unpacking.
    #[error("unpacks to more than {max} bytes")]
    TooLarge {
        /// The most bytes Koe unpacks.
        max: u64,
    },
}

impl SavedError {
    /// The message to show for file `file`, in the user's language.
    pub fn message(&self, file: &str, lang: Lang) -> String {
        match (self, lang) {
            (SavedError::Damaged { detail }, Lang::Ja) => format!(
                "{file}: プロジェクトファイルが壊れているため開けません（{detail}）。書き出し直したファイルを選んでください。今のデータはそのままです。"
            ),
            (SavedError::Damaged { detail }, Lang::En) => format!(
                "{file}: the project file is damaged and cannot be opened ({detail}). Please export it again. Your current data is unchanged."
            ),
            (SavedError::Foreign, Lang::Ja) => format!(
                "{file}: Koe のプロジェクトファイル（.koe）ではありません。コメントの CSV や Excel は「コメント」画面から取り込んでください。今のデータはそのままです。"
            ),
            (SavedError::Foreign, Lang::En) => format!(
                "{file}: this is not a Koe project file (.koe). Import comment CSV or Excel files on the Comments page. Your current data is unchanged."
            ),
            (SavedError::TooNew(version), Lang::Ja) => format!(
                "{file}: 新しい版の Koe（形式 {version}）で保存されたファイルです。ページを再読み込みして最新の Koe で開いてください。"
            ),
            (SavedError::TooNew(version), Lang::En) => format!(
                "{file}: saved by a newer Koe (format {version}). Reload the page to get the latest Koe and open it there."
            ),
            (SavedError::Invalid { field, reason }, Lang::Ja) => format!(
                "{file}: 項目 {field} が正しくないため開けません（{}）。信頼できる人から受け取ったファイルか確かめてください。今のデータはそのままです。",
                reason.describe(lang)
            ),
            (SavedError::Invalid { field, reason }, Lang::En) => format!(
                "{file}: the field {field} is not valid ({}), so the file was not opened. Check that it came from someone you trust. Your current data is unchanged.",
                reason.describe(lang)
            ),
            (SavedError::TooLarge { max }, Lang::Ja) => format!(
                "{file}: 展開すると {} MB を超えるため開けません。壊れているか、Koe のファイルではない可能性があります。今のデータはそのままです。",
                max / (1024 * 1024)
            ),
            (SavedError::TooLarge { max }, Lang::En) => format!(
                "{file}: it unpacks to more than {} MB, so it was not opened. It may be damaged or not a Koe file. Your current data is unchanged.",
                max / (1024 * 1024)
            ),
        }
    }
}

/// Most bytes of JSON a project file may unpack to (a million comments take about half).
pub const MAX_PROJECT_JSON: u64 = 768 * 1024 * 1024;

/// The project file's outer shape, read first to learn its version.
#[derive(Deserialize)]
struct Envelope {
    format: String,
    version: u32,
}

/// A project file of versions 2 and 3 (3 no longer writes the normalised texts).
#[derive(Serialize, Deserialize)]
struct FileV3<'a> {
    format: Cow<'a, str>,
    version: u32,
    name: Cow<'a, str>,
    comments: Vec<v2::FileComment<'a>>,
    codebook: v2::Codebook,
    report: v2::ReportLayout,
    templates: Vec<v2::Template>,
    next_id: u32,
    /// The summaries rewritten per period (absent in files written before summaries).
    #[serde(default)]
    summaries: Vec<(String, String)>,
    /// The coder's name and merged codings (absent in files written before merging).
    #[serde(default)]
    team: v2::Team,
}

/// A project file of version 1: no report layout, no templates.
#[derive(Deserialize)]
struct FileV1<'a> {
    name: String,
    comments: Vec<v2::FileComment<'a>>,
    codebook: v2::Codebook,
    next_id: u32,
}

/// The project as a `.koe` file named `name` (gzip-compressed JSON).
pub fn write_project_file(project: &Project, name: &str) -> Vec<u8> {
    let file = FileV3 {
        format: Cow::Borrowed(FORMAT),
        version: VERSION,
        name: Cow::Borrowed(name),
        comments: project.comments().iter().map(v2::FileComment::from).collect(),
        codebook: project.codebook().into(),
        report: project.report().into(),
        templates: project.templates().iter().map(v2::Template::from).collect(),
        next_id: project.next_id(),
        summaries: project.report().summaries.clone(),
        team: project.team().into(),
    };
    let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
    // Writing JSON into memory cannot fail.
    let _ = serde_json::to_writer(&mut encoder, &file);
    let _ = encoder.flush();
    encoder.finish().unwrap_or_default()
}

/// The project of a file, once every field has passed [`validate`].
fn opened(
    name: String,
    comments: Vec<Comment>,
    codebook: Codebook,
    report: ReportLayout,
    templates: Vec<Template>,
    next_id: u32,
) -> Result<(String, Project), SavedError> {
    checked(Parts {
        name: &name,
        comments: &comments,
        codebook: &codebook,
        report: &report,
        templates: &templates,
        next_id,
    })?;
    Ok((name, Project::from_parts(comments, codebook, report, templates, next_id)))
}

/// The team's names and size, checked like every other field.
fn checked_team(team: &Team) -> Result<(), SavedError> {
    validate::team(team).map_err(|(field, reason)| SavedError::Invalid { field, reason })
}

/// [`validate`]'s verdict as a [`SavedError`].
fn checked(parts: Parts<'_>) -> Result<(), SavedError> {
    validate(parts).map_err(|(field, reason)| SavedError::Invalid { field, reason })
}

fn json_error(error: &serde_json::Error) -> SavedError {
    SavedError::Damaged { detail: format!("JSON line {}, column {}: {error}", error.line(), error.column()) }
}

/// Reads a `.koe` file (or its uncompressed JSON): the project's name and the project, with
/// older versions migrated.
pub fn read_project_file(bytes: &[u8]) -> Result<(String, Project), SavedError> {
    read_project_file_within(bytes, MAX_PROJECT_JSON)
}

/// [`read_project_file`] with a limit on the unpacked size (tests use a small one).
fn read_project_file_within(bytes: &[u8], max_json: u64) -> Result<(String, Project), SavedError> {
    let json = if bytes.starts_with(&[0x1f, 0x8b]) {
        // Unpacked as a stream that stops one byte past the limit: a "gzip bomb" is refused
        // after reading no more than the limit, never inflated whole.
        let mut text = Vec::new();
        GzDecoder::new(bytes)
            .take(max_json + 1)
            .read_to_end(&mut text)
            .map_err(|e| SavedError::Damaged { detail: format!("gzip: {e}") })?;
        if text.len() as u64 > max_json {
            return Err(SavedError::TooLarge { max: max_json });
        }
        text
    } else if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{') {
        if bytes.len() as u64 > max_json {
            return Err(SavedError::TooLarge { max: max_json });
        }
        bytes.to_vec()
    } else {
        return Err(SavedError::Foreign);
    };
    let envelope: Envelope = match serde_json::from_slice(&json) {
        Ok(envelope) => envelope,
        Err(error) if error.is_data() => return Err(SavedError::Foreign),
        Err(error) => return Err(json_error(&error)),
    };
    if envelope.format != FORMAT {
        return Err(SavedError::Foreign);
    }
    match envelope.version {
        1 => {
            let file: FileV1 = serde_json::from_slice(&json).map_err(|e| json_error(&e))?;
            let codebook: Codebook = file.codebook.into();
            let report = ReportLayout::monthly(&codebook);
            let comments = file.comments.into_iter().map(Comment::from).collect();
            opened(file.name, comments, codebook, report, Vec::new(), file.next_id)
        }
        2 | 3 => {
            let file: FileV3 = serde_json::from_slice(&json).map_err(|e| json_error(&e))?;
            let _ = (&file.format, file.version);
            let comments = file.comments.into_iter().map(Comment::from).collect();
            let templates = file.templates.into_iter().map(Template::from).collect();
            let report = ReportLayout { summaries: file.summaries, ..file.report.into() };
            let team: Team = file.team.into();
            checked_team(&team)?;
            let (name, project) = opened(
                file.name.into_owned(),
                comments,
                file.codebook.into(),
                report,
                templates,
                file.next_id,
            )?;
            Ok((name, project.with_team(team)))
        }
        newer => Err(SavedError::TooNew(newer)),
    }
}

/// A project file opened where its reader is (the app's worker: gzip and the file's JSON are not
/// in the page's download): its name and the project as the two autosave records, which
/// [`OpenedFile::into_project`] reads back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenedFile {
    /// The project's name in the file.
    pub name: String,
    /// The comment bodies record.
    #[serde(with = "serde_bytes")]
    pub bodies: Vec<u8>,
    /// The state record.
    #[serde(with = "serde_bytes")]
    pub state: Vec<u8>,
}

impl OpenedFile {
    /// Reads a `.koe` file (checked and migrated as [`read_project_file`] does) into records.
    pub fn read(bytes: &[u8]) -> Result<Self, SavedError> {
        let (name, project) = read_project_file(bytes)?;
        Ok(OpenedFile { name, bodies: encode_bodies(&project), state: encode_state(&project) })
    }

    /// The project's name and the project.
    pub fn into_project(self) -> Result<(String, Project), SavedError> {
        Ok((self.name, decode_saved(&self.bodies, &self.state)?))
    }
}

/// The `.koe` file of a project handed over as its autosave records (as the page hands it to
/// the worker, which writes the file).
pub fn write_project_records(name: &str, bodies: &[u8], state: &[u8]) -> Result<Vec<u8>, SavedError> {
    Ok(write_project_file(&decode_saved(bodies, state)?, name))
}

/// What the project list shows of a stored project, kept next to its records.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectMeta {
    /// Key of its records in the browser's storage.
    pub id: String,
    /// The name the user gave it.
    pub name: String,
    /// How many comments it holds.
    pub comments: usize,
    /// Bytes its records take.
    pub bytes: u64,
    /// Last change, in milliseconds since 1970 (the browser's clock).
    pub changed_ms: f64,
}

impl ProjectMeta {
    /// The metadata as stored next to the records.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Stored metadata read back; `None` for a record this build cannot read.
    pub fn from_json(json: &str) -> Option<ProjectMeta> {
        serde_json::from_str(json).ok()
    }

    /// The size for people: `1.2 MB`, `340 KB`.
    pub fn size_text(&self) -> String {
        match self.bytes {
            b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1_000_000.0),
            b => format!("{} KB", b.div_ceil(1000)),
        }
    }
}

/// The autosaved state: everything but the comment bodies.
#[derive(Serialize, Deserialize)]
struct State<'a> {
    version: u32,
    codebook: v2::Codebook,
    report: v2::ReportLayout,
    templates: Vec<v2::Template>,
    next_id: u32,
    /// Tags and response of every comment that has any.
    marks: Vec<(u32, v2::Tagging, v2::Response<'a>)>,
}

/// The first bytes of a versioned bodies record, before its version byte. An unversioned
/// record (written before versions) starts with its comment count, whose first byte is 0 only
/// for an empty list, which is then the whole record: the two can never be confused.
const BODIES_MAGIC: &[u8] = b"\0KOEB";

/// The version of the autosave records this build writes.
pub const RECORD_VERSION: u8 = 2;

/// The comment bodies record of autosave (compact binary, after a version header).
pub fn encode_bodies(project: &Project) -> Vec<u8> {
    let mut encoder = BodiesEncoder::new(project.comments());
    encoder.step(project.comments(), usize::MAX);
    encoder.finish()
}

fn bodies_header() -> Vec<u8> {
    let mut header = BODIES_MAGIC.to_vec();
    header.push(RECORD_VERSION);
    header
}

/// The bodies record's version and the bytes after its header (version 1 had no header).
fn bodies_version(bodies: &[u8]) -> (u8, &[u8]) {
    match bodies.strip_prefix(BODIES_MAGIC).and_then(|rest| rest.split_first()) {
        Some((version, rest)) => (*version, rest),
        None => (1, bodies),
    }
}

/// [`encode_bodies`] a slice of comments at a time, so the page can draw between slices of a
/// big project; the bytes are the same. Give every step the same comments.
#[derive(Debug)]
pub struct BodiesEncoder {
    bytes: Vec<u8>,
    done: usize,
}

impl BodiesEncoder {
    /// Starts the record of `comments` (its header, then its length as one serialised list has).
    pub fn new(comments: &[Comment]) -> Self {
        let bytes = postcard::to_extend(&comments.len(), bodies_header()).unwrap_or_default();
        BodiesEncoder { bytes, done: 0 }
    }

    /// Encodes up to `budget` more comments; `true` when all are in.
    pub fn step(&mut self, comments: &[Comment], budget: usize) -> bool {
        let end = comments.len().min(self.done.saturating_add(budget));
        let slice = comments.get(self.done..end).unwrap_or_default();
        // Room for this slice only: a sliced save hands each slice's bytes on, so room for the
        // whole record would be one big allocation dropped after the first slice.
        self.bytes.reserve(slice.iter().map(|c| c.text.len() + c.normalized().len() + 64).sum());
        for comment in slice {
            // Serialising plain data into a growable buffer cannot fail.
            let stored = v2::Comment::from(comment);
            self.bytes = postcard::to_extend(&stored, std::mem::take(&mut self.bytes)).unwrap_or_default();
        }
        self.done = end;
        self.done == comments.len()
    }

    /// The record, or what is left of it after [`BodiesEncoder::take_bytes`].
    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// The bytes encoded since the last call, handed over so a caller can keep the record
    /// elsewhere piece by piece (their concatenation is the record).
    pub fn take_bytes(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.bytes)
    }
}

/// The state record of autosave (compact binary): small next to the bodies.
pub fn encode_state(project: &Project) -> Vec<u8> {
    let marks = project
        .comments()
        .iter()
        .filter(|c| *c.tagging != Tagging::default() || *c.response != Response::default())
        .map(|c| (c.id.0, (&*c.tagging).into(), (&*c.response).into()))
        .collect();
    let state = State {
        version: STATE_VERSION,
        codebook: project.codebook().into(),
        report: project.report().into(),
        templates: project.templates().iter().map(v2::Template::from).collect(),
        next_id: project.next_id(),
        marks,
    };
    let extras = StateExtras { summaries: project.report().summaries.clone(), team: project.team().into() };
    let bytes = postcard::to_allocvec(&state).unwrap_or_default();
    postcard::to_extend(&extras, bytes).unwrap_or_default()
}

/// What the state record holds after [`State`] since version 3; a version 2 record ends
/// before it.
#[derive(Default, Serialize, Deserialize)]
struct StateExtras {
    /// The summaries rewritten per period.
    summaries: Vec<(String, String)>,
    /// The coder's name and merged codings.
    team: v2::Team,
}

/// The project from its two autosave records: bodies as last written, tags and responses
/// from the state (which is always the newer of the two).
pub fn decode_saved(bodies: &[u8], state: &[u8]) -> Result<Project, SavedError> {
    let damaged = |e: postcard::Error| SavedError::Damaged { detail: e.to_string() };
    // Versions are read before anything else, so a newer record is reported as such.
    let (bodies_version, bodies) = bodies_version(bodies);
    if bodies_version > RECORD_VERSION {
        return Err(SavedError::TooNew(u32::from(bodies_version)));
    }
    let (state_version, _) = postcard::take_from_bytes::<u32>(state).map_err(damaged)?;
    if state_version > STATE_VERSION {
        return Err(SavedError::TooNew(state_version));
    }
    let stored: Vec<v2::Comment<'_>> = postcard::from_bytes(bodies).map_err(damaged)?;
    let mut comments: Vec<Comment> = stored.into_iter().map(Comment::from).collect();
    let (state, rest): (State<'_>, &[u8]) = postcard::take_from_bytes(state).map_err(damaged)?;
    let extras: StateExtras = if state.version >= 3 {
        postcard::from_bytes(rest).map_err(damaged)?
    } else {
        StateExtras::default()
    };
    let mut marks = state
        .marks
        .into_iter()
        .map(|(id, tagging, response)| (CommentId(id), Tagging::from(tagging), Response::from(response)))
        .peekable();
    sort_by_key(&mut comments, |c| c.id);
    for comment in &mut comments {
        while marks.peek().is_some_and(|(id, _, _)| *id < comment.id) {
            marks.next();
        }
        match marks.next_if(|(id, _, _)| *id == comment.id) {
            Some((_, tagging, response)) => {
                comment.tagging = tagging.into();
                comment.response = response.into();
            }
            None => {
                comment.tagging = Rare::default();
                comment.response = Rare::default();
            }
        }
    }
    let templates = state.templates.into_iter().map(Template::from).collect();
    let report = ReportLayout { summaries: extras.summaries, ..state.report.into() };
    let team: Team = extras.team.into();
    Ok(Project::from_parts(comments, state.codebook.into(), report, templates, state.next_id).with_team(team))
}

impl crate::project::sliced::Sliced for BodiesEncoder {
    type Context = ();
    /// The record, or what is left of it after [`BodiesEncoder::take_bytes`].
    type Output = Vec<u8>;

    fn step(&mut self, comments: &[Comment], _: &(), budget: usize) -> bool {
        BodiesEncoder::step(self, comments, budget)
    }

    fn finish(self) -> Vec<u8> {
        BodiesEncoder::finish(self)
    }
}

pub mod texts;
pub mod v2;
pub mod validate;

use crate::sorting::sort_by_key;
pub use validate::Invalid;
use validate::{Parts, validate};

#[cfg(test)]
mod tests;
