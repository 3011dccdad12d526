//! Writes the golden saved files under `tests/data/saved/`: a `.koe` project file of every
//! version and the autosave records of every version, from one small project. They are
//! committed and read by `tests/saved_golden.rs` forever, so a change to a domain type that
//! would turn members' saved work into "damaged" fails CI.
//!
//! Run `cargo run -p koe-core --example make_saved_golden` only to add the files of a new
//! version; never rewrite the files of an old one.

use std::path::PathBuf;

use koe_core::import::dates::parse_local;
use koe_core::project::comment::{NewComment, SourceRef};
use koe_core::project::response::{Response, ResponseStatus};
use koe_core::report::{Template, TemplatePeriod};
use koe_core::saved::{encode_bodies, encode_state, write_project_file};
use koe_core::{Command, CommentId, GroupId, Project};

/// The project every golden file holds.
fn project() -> Project {
    let mut project = Project::new();
    let source = |line| SourceRef { file: "10月.csv".into(), sheet: None, line };
    let comments = vec![
        NewComment {
            date: parse_local("2026-10-01 09:05"),
            channel: "電話".into(),
            author: "山田 様".into(),
            external_id: "R-1".into(),
            attributes: vec![("店舗".into(), "渋谷".into())],
            ..NewComment::new("プリンの容器が開けにくい", source(2))
        },
        NewComment {
            date: parse_local("2026-10-02 18:30"),
            channel: "X".into(),
            author: "@mogu".into(),
            url: "https://x.example/mogu/status/1".into(),
            ..NewComment::new("新しい豆乳、おいしかった！", source(3))
        },
        NewComment::new("三つ目の声（後で削除）", source(4)),
    ];
    project.apply(Command::AddComments(comments)).expect("added");
    let tag = |p: &Project, name: &str| {
        p.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect(name)
    };
    let (package, positive) = (tag(&project, "パッケージ"), tag(&project, "ポジティブ"));
    project.apply(Command::AddTags(vec![(CommentId(0), package), (CommentId(1), positive)])).expect("tags");
    let response = Response {
        needed: true,
        status: ResponseStatus::Done,
        responded_on: chrono::NaiveDate::from_ymd_opt(2026, 10, 3),
        person: "佐藤".into(),
        note: "電話で回答".into(),
    };
    project.apply(Command::SetResponse { comment: CommentId(0), response }).expect("response");
    project.apply(Command::NewTag { group: GroupId(1), name: "店舗".into() }).expect("tag");
    let layout =
        project.report().with_quote(CommentId(0), true).with_text("kpi", "今月の概況", "容器の声が多い");
    project.apply(Command::SetReport(layout)).expect("layout");
    let template = Template::from_layout("月報", project.report(), TemplatePeriod::Month, 4);
    project.apply(Command::SetTemplates(vec![template])).expect("template");
    project.apply(Command::RemoveComments(vec![CommentId(2)])).expect("removed");
    project
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/saved");
    std::fs::create_dir_all(&dir).expect("folder");
    let project = project();
    let write_new = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        if !path.exists() {
            std::fs::write(path, bytes).expect("written");
        }
    };
    let current = write_project_file(&project, "10月の声");
    write_new(&format!("project-v{}.koe", koe_core::saved::VERSION), &current);
    // Version 1 was written before report layouts and templates existed; version 2 still
    // wrote every comment's normalised text. Both were made from the same project, once
    // (when this build wrote version 2, so these lines only run where the files are missing).
    let mut json = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&current[..]), &mut json).expect("gzip");
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    let object = value.as_object_mut().expect("object");
    object.remove("report");
    object.remove("templates");
    object.insert("version".into(), 1.into());
    write_new("project-v1.koe", value.to_string().as_bytes());
    // Autosave records: version 1 had no header on the bodies; version 2 has one.
    let bodies = encode_bodies(&project);
    // The header is b"\0KOEB" and a version byte.
    let unversioned = &bodies[6..];
    write_new("autosave-v1.bodies", unversioned);
    write_new("autosave-v1.state", &encode_state(&project));
    write_new("autosave-v2.bodies", &bodies);
    write_new("autosave-v2.state", &encode_state(&project));
}
