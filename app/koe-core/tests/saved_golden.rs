//! Saved work of every version, committed under `tests/data/saved/` (written once by
//! `examples/make_saved_golden.rs`), opens with its content: a change to the domain types that
//! would make members' saved projects unreadable fails here.

use std::path::PathBuf;

use koe_core::saved::{SavedError, decode_saved, read_project_file};
use koe_core::{CommentId, Project};

fn golden(name: &str) -> Vec<u8> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/saved").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What the golden project holds, as the generator made it.
fn check_content(project: &Project, with_report: bool) {
    let texts: Vec<&str> = project.comments().iter().map(|c| &*c.text).collect();
    assert_eq!(texts, ["プリンの容器が開けにくい", "新しい豆乳、おいしかった！"]);
    assert_eq!(project.next_id(), 3, "the removed comment's id is not given again");
    let first = &project.comments()[0];
    assert_eq!(&*first.channel, "電話");
    assert_eq!(&*first.external_id, "R-1");
    assert_eq!(first.attributes, vec![("店舗".to_owned(), "渋谷".to_owned())]);
    assert_eq!(first.date.map(|d| d.to_string()).as_deref(), Some("2026-10-01 09:05:00"));
    assert_eq!(first.response.person, "佐藤");
    let names = |id: CommentId| -> Vec<String> {
        let comment = project.comments().iter().find(|c| c.id == id).expect("comment");
        comment.tags().iter().filter_map(|t| project.codebook().tag(*t)).map(|t| t.name.clone()).collect()
    };
    assert_eq!(names(CommentId(0)), ["パッケージ"]);
    assert_eq!(names(CommentId(1)), ["ポジティブ"]);
    assert!(project.codebook().tags.iter().any(|t| t.name == "店舗"));
    assert_eq!(
        project.comments()[1].normalized(),
        koe_core::text::normalize::normalize("新しい豆乳、おいしかった！")
    );
    if with_report {
        assert_eq!(project.templates().len(), 1);
        assert_eq!(project.templates()[0].name, "月報");
        assert_eq!(project.report().quotes, vec![CommentId(0)]);
        let kpi = project.report().sections.iter().find(|s| s.id == "kpi").expect("kpi section");
        assert_eq!((kpi.title.as_str(), kpi.commentary.as_str()), ("今月の概況", "容器の声が多い"));
    }
}

#[test]
fn project_files_of_every_version_open() {
    for (file, with_report) in [("project-v1.koe", false), ("project-v2.koe", true), ("project-v3.koe", true)]
    {
        let (name, project) = read_project_file(&golden(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(name, "10月の声", "{file}");
        check_content(&project, with_report);
    }
}

#[test]
fn version_3_files_do_not_store_derived_texts() {
    let mut json = String::new();
    let bytes = golden("project-v3.koe");
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut json).expect("gzip");
    assert!(json.contains("\"version\":3") && !json.contains("normalized"), "{json}");
}

#[test]
fn autosave_records_of_every_version_open() {
    for version in ["v1", "v2"] {
        let bodies = golden(&format!("autosave-{version}.bodies"));
        let state = golden(&format!("autosave-{version}.state"));
        let project = decode_saved(&bodies, &state).unwrap_or_else(|e| panic!("{version}: {e}"));
        check_content(&project, true);
    }
}

#[test]
fn a_record_from_a_newer_koe_is_reported_as_newer() {
    let mut bodies = golden("autosave-v2.bodies");
    bodies[5] = 9;
    let state = golden("autosave-v2.state");
    assert_eq!(decode_saved(&bodies, &state).err(), Some(SavedError::TooNew(9)));
    let mut state = golden("autosave-v2.state");
    state[0] = 7;
    let bodies = golden("autosave-v2.bodies");
    assert_eq!(decode_saved(&bodies, &state).err(), Some(SavedError::TooNew(7)));
}
