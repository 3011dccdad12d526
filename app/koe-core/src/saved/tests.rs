//! Project files and autosave records: exact round trips, migration, damaged and foreign input.

use super::*;
use crate::import::dates::parse_local;
use crate::project::Command;
use crate::project::comment::{NewComment, SourceRef};
use crate::project::response::ResponseStatus;
use crate::report::{SectionKind, TemplatePeriod};

/// A project with something in every field a user can change.
fn busy_project() -> Project {
    let mut project = Project::new();
    let comments = vec![
        NewComment {
            date: parse_local("2024-04-01 09:05"),
            channel: "X".into(),
            author: "@someone".into(),
            url: "https://example.com/1".into(),
            attributes: vec![("店舗".into(), "渋谷".into())],
            ..NewComment::new(
                "<script>①㈱髙～</script>\n2行目",
                SourceRef { file: "a.csv".into(), sheet: None, line: 2 },
            )
        },
        NewComment::new(
            "ｱｲﾌｫﾝ が 高い",
            SourceRef { file: "b.xlsx".into(), sheet: Some("シート1".into()), line: 7 },
        ),
        NewComment::new(
            "三つ目",
            SourceRef { file: "b.xlsx".into(), sheet: Some("シート1".into()), line: 8 },
        ),
    ];
    project.apply(Command::AddComments(comments)).expect("added");
    let tag = |p: &Project, name: &str| {
        p.codebook().tags.iter().find(|t| t.name == name).map(|t| t.id).expect(name)
    };
    let (price, negative) = (tag(&project, "価格"), tag(&project, "ネガティブ"));
    project.apply(Command::AddTags(vec![(CommentId(1), price), (CommentId(0), negative)])).expect("tags");
    project.apply(Command::ApplyRules).expect("rules");
    project.apply(Command::RemoveTag { comment: CommentId(1), tag: price }).expect("a person says no");
    let response = Response {
        needed: true,
        status: ResponseStatus::Done,
        responded_on: chrono::NaiveDate::from_ymd_opt(2024, 4, 3),
        person: "佐藤".into(),
        note: "電話で回答".into(),
    };
    project.apply(Command::SetResponse { comment: CommentId(0), response }).expect("response");
    project.apply(Command::NewTag { group: crate::GroupId(1), name: "店舗".into() }).expect("tag");
    let layout = project
        .report()
        .with_quote(CommentId(0), true)
        .with_text("kpi", "今月", "所感")
        .with_section(SectionKind::Attribute("店舗".into()))
        .with_section(SectionKind::CrossTab(
            crate::report::Dimension::Group(crate::GroupId(1)),
            crate::report::Dimension::Attribute("店舗".into()),
        ))
        .with_section(SectionKind::Cooccurrence(25))
        .with_summary("2024-04-01..2024-04-30", "4月のまとめ（書き直し）");
    project.apply(Command::SetReport(layout)).expect("layout");
    let template = Template::from_layout("月報", project.report(), TemplatePeriod::Quarter, 1);
    project.apply(Command::SetTemplates(vec![template])).expect("template");
    project.apply(Command::RemoveComments(vec![CommentId(2)])).expect("one removed");
    let coding = crate::project::team::Coding {
        coder: "佐藤".into(),
        tags: [(CommentId(0), [negative].into_iter().collect())].into_iter().collect(),
        adopted: [CommentId(1)].into_iter().collect(),
    };
    let team = crate::project::team::Team { coder: "田中".into(), codings: vec![coding] };
    project.apply(Command::SetTeam(team)).expect("team");
    project
}

/// Everything saved, field by field (the undo history is not).
fn content(
    p: &Project,
) -> (Vec<Comment>, Codebook, ReportLayout, Vec<Template>, u32, crate::project::team::Team) {
    (
        p.comments().to_vec(),
        p.codebook().clone(),
        p.report().clone(),
        p.templates().to_vec(),
        p.next_id(),
        p.team().clone(),
    )
}

#[test]
fn a_project_file_round_trip_is_exact() {
    let project = busy_project();
    let bytes = write_project_file(&project, "4月の声");
    assert!(bytes.starts_with(&[0x1f, 0x8b]), "gzip");
    let (name, read) = read_project_file(&bytes).expect("read back");
    assert_eq!(name, "4月の声");
    assert_eq!(content(&read), content(&project));
    assert_eq!(read.next_id(), 3, "a removed comment's identity is not given again");
    assert!(!read.can_undo(), "history stays behind");
}

#[test]
fn version_1_files_get_the_default_report() {
    let project = busy_project();
    let file = write_project_file(&project, "old");
    let mut gz = GzDecoder::new(&file[..]);
    let mut json = String::new();
    gz.read_to_string(&mut json).expect("json");
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("value");
    let object = value.as_object_mut().expect("object");
    object.remove("report");
    object.remove("templates");
    object.insert("version".into(), 1.into());
    let (name, migrated) = read_project_file(value.to_string().as_bytes()).expect("migrated");
    assert_eq!(name, "old");
    assert_eq!(migrated.comments(), project.comments());
    assert_eq!(migrated.report(), &ReportLayout::monthly(project.codebook()));
    assert!(migrated.templates().is_empty());
}

#[test]
fn damaged_and_foreign_files_are_named_as_such() {
    let bytes = write_project_file(&busy_project(), "x");
    let cut = &bytes[..bytes.len() / 2];
    assert!(matches!(read_project_file(cut), Err(SavedError::Damaged { .. })));
    let json = r#"{"format": "koe-project", "version": 2, "name": "x", "comments": [ {"#;
    let Err(SavedError::Damaged { detail }) = read_project_file(json.as_bytes()) else { panic!("damaged") };
    assert!(detail.contains("line 1"), "{detail}");
    assert_eq!(read_project_file(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").err(), Some(SavedError::Foreign));
    assert_eq!(read_project_file(b"date,text\n2024-04-01,hi\n").err(), Some(SavedError::Foreign));
    assert_eq!(read_project_file(br#"{"name": "another program"}"#).err(), Some(SavedError::Foreign));
    assert_eq!(read_project_file(br#"[1, 2]"#).err(), Some(SavedError::Foreign));
    assert_eq!(
        read_project_file(br#"{"format": "koe-project", "version": 9}"#).err(),
        Some(SavedError::TooNew(9))
    );
    assert_eq!(read_project_file(b"").err(), Some(SavedError::Foreign));
    let message = SavedError::Foreign.message("voices.csv", Lang::Ja);
    assert!(message.starts_with("voices.csv: ") && message.contains("今のデータはそのまま"), "{message}");
}

#[test]
fn autosave_records_round_trip_and_the_state_wins_over_older_bodies() {
    let project = busy_project();
    let restored = decode_saved(&encode_bodies(&project), &encode_state(&project)).expect("restored");
    assert_eq!(content(&restored), content(&project));

    // Bodies written at import time, state written after the tagging: the tags are there.
    let mut fresh = Project::new();
    fresh
        .apply(Command::AddComments(vec![NewComment::new(
            "a",
            SourceRef { file: "f".into(), sheet: None, line: 2 },
        )]))
        .expect("added");
    let bodies = encode_bodies(&fresh);
    let quality = fresh.codebook().tags.iter().find(|t| t.name == "品質").map(|t| t.id).expect("品質");
    fresh.apply(Command::AddTag { comment: CommentId(0), tag: quality }).expect("tagged");
    let restored = decode_saved(&bodies, &encode_state(&fresh)).expect("restored");
    assert_eq!(restored.comments()[0].tags().iter().copied().collect::<Vec<_>>(), [quality]);
    // And an untag after that: the older body's tag does not come back.
    fresh.apply(Command::RemoveTag { comment: CommentId(0), tag: quality }).expect("untagged");
    let body_with_tag = encode_bodies(&restored);
    let restored = decode_saved(&body_with_tag, &encode_state(&fresh)).expect("restored");
    assert!(restored.comments()[0].tags().is_empty());

    assert!(matches!(decode_saved(b"\xff\xff", &encode_state(&fresh)), Err(SavedError::Damaged { .. })));
}

#[test]
fn a_state_record_of_version_2_still_reads_and_rewritten_summaries_come_back() {
    let project = busy_project();
    assert_eq!(project.report().summaries.len(), 1);
    let restored = decode_saved(&encode_bodies(&project), &encode_state(&project)).expect("restored");
    assert_eq!(restored.report().summary("2024-04-01..2024-04-30"), Some("4月のまとめ（書き直し）"));
    // A version 2 record is the version 3 one without what follows the state: written before
    // summaries existed, it reads with none.
    let mut plain = busy_project();
    plain
        .apply(Command::SetReport(plain.report().with_summary("2024-04-01..2024-04-30", "")))
        .expect("no rewrite");
    plain.apply(Command::SetTeam(crate::project::team::Team::default())).expect("no team");
    let mut old = encode_state(&plain);
    // Version 3, and at the end three empty things: summaries, the coder's name, codings.
    assert_eq!((old[0], &old[old.len() - 3..]), (3, &[0u8, 0, 0][..]));
    old[0] = 2;
    old.truncate(old.len() - 3);
    let restored = decode_saved(&encode_bodies(&plain), &old).expect("a version 2 record");
    assert_eq!(content(&restored), content(&plain));
}

#[cfg(not(target_arch = "wasm32"))]
proptest::proptest! {
    #[test]
    fn no_bytes_make_reading_panic(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..400)) {
        let _ = read_project_file(&bytes);
        let mut gzipped = GzEncoder::new(Vec::new(), Compression::fast());
        gzipped.write_all(&bytes).expect("gzip");
        let _ = read_project_file(&gzipped.finish().expect("gzip"));
        let _ = decode_saved(&bytes, &bytes);
    }
}

#[test]
fn bodies_encoded_a_slice_at_a_time_are_the_same_bytes() {
    let project = busy_project();
    let whole = encode_bodies(&project);
    for budget in [1, 2, 1000] {
        let mut encoder = BodiesEncoder::new(project.comments());
        let mut steps = 1;
        while !encoder.step(project.comments(), budget) {
            steps += 1;
        }
        assert_eq!(encoder.finish(), whole, "budget {budget}");
        assert!(steps >= project.comments().len() / budget, "it stopped between slices");
    }
    let mut encoder = BodiesEncoder::new(project.comments());
    let mut pieces = encoder.take_bytes();
    while !encoder.step(project.comments(), 1) {
        pieces.extend(encoder.take_bytes());
    }
    pieces.extend(encoder.take_bytes());
    assert_eq!(pieces, whole, "taken piece by piece");
    let empty = Project::new();
    let mut encoder = BodiesEncoder::new(empty.comments());
    assert!(encoder.step(empty.comments(), 10));
    assert_eq!(encoder.finish(), encode_bodies(&empty));
}

/// The project file of `busy_project` as JSON, changed by `edit`, written back as a `.koe`.
fn tampered(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let bytes = write_project_file(&busy_project(), "攻撃");
    let mut json = String::new();
    GzDecoder::new(&bytes[..]).read_to_string(&mut json).expect("gzip");
    let mut value: serde_json::Value = serde_json::from_str(&json).expect("json");
    edit(&mut value);
    serde_json::to_vec(&value).expect("json")
}

fn refused(bytes: &[u8]) -> (String, Invalid) {
    match read_project_file(bytes) {
        Err(SavedError::Invalid { field, reason }) => (field, reason),
        other => panic!("expected a refusal, got {:?}", other.map(|(name, _)| name)),
    }
}

#[test]
fn a_colour_that_would_break_out_of_svg_is_refused_naming_the_field() {
    let hostile = "#000\" onload=\"alert(1)\"/><script>document.title='pwned'</script><rect fill=\"";
    let bytes = tampered(|v| v["codebook"]["tags"][0]["colour"] = hostile.into());
    assert_eq!(refused(&bytes), ("codebook.tags[0].colour".to_owned(), Invalid::Colour));
    let message =
        read_project_file(&bytes).err().map(|e| e.message("evil.koe", Lang::Ja)).unwrap_or_default();
    assert!(
        message.contains("codebook.tags[0].colour") && message.contains("今のデータはそのまま"),
        "{message}"
    );
}

#[test]
fn ids_that_repeat_or_could_wrap_and_dangling_references_are_refused() {
    let bytes = tampered(|v| v["comments"][1]["id"] = v["comments"][0]["id"].clone());
    assert_eq!(refused(&bytes), ("comments[1].id".to_owned(), Invalid::DuplicateId));
    let bytes = tampered(|v| v["comments"][0]["id"] = u32::MAX.into());
    assert_eq!(refused(&bytes), ("comments[0].id".to_owned(), Invalid::IdTooLarge));
    let bytes = tampered(|v| v["next_id"] = u32::MAX.into());
    assert_eq!(refused(&bytes).1, Invalid::IdTooLarge);
    let bytes = tampered(|v| v["codebook"]["tags"][0]["group"] = 999.into());
    assert_eq!(refused(&bytes), ("codebook.tags[0].group".to_owned(), Invalid::UnknownReference));
    let bytes = tampered(|v| v["comments"][0]["tagging"]["tags"] = serde_json::json!([4242]));
    assert_eq!(refused(&bytes), ("comments[0].tagging".to_owned(), Invalid::UnknownReference));
    let bytes =
        tampered(|v| v["codebook"]["tags"][1]["rule"]["regex"] = "(a{1,100}){1,100}(b{1,100}){1,100}".into());
    assert!(
        matches!(refused(&bytes), (field, Invalid::Regex { .. }) if field == "codebook.tags[1].rule.regex")
    );
    let bytes =
        tampered(|v| v["report"]["sections"][0]["title"] = "題".repeat(validate::MAX_TITLE_CHARS + 1).into());
    assert_eq!(
        refused(&bytes),
        ("report.sections[0].title".to_owned(), Invalid::TooLong { max: validate::MAX_TITLE_CHARS })
    );
}

#[test]
fn markup_in_every_string_field_opens_as_text_and_the_stored_normalised_text_is_not_trusted() {
    let markup = "<img src=x onerror=alert(1)>\"'&";
    let bytes = tampered(|v| {
        v["name"] = markup.into();
        v["codebook"]["groups"][0]["name"] = markup.into();
        v["codebook"]["tags"][0]["name"] = markup.into();
        v["report"]["sections"][0]["title"] = markup.into();
        v["report"]["sections"][0]["commentary"] = markup.into();
        v["templates"][0]["name"] = markup.into();
        v["comments"][0]["channel"] = markup.into();
        v["comments"][0]["author"] = markup.into();
        v["comments"][0]["normalized"] = "rule bait".into();
    });
    let (name, project) = read_project_file(&bytes).expect("markup is only text: the file opens");
    assert_eq!(name, markup);
    let first = &project.comments()[0];
    assert_eq!(first.normalized(), crate::text::normalize::normalize(&first.text), "derived again");
    let report = crate::report::build_report(
        &project,
        crate::report::period::Period::month(2024, 4).expect("April"),
        Lang::Ja,
        true,
    );
    let html = crate::export::html::report_html(&report);
    assert!(!html.contains("<img"), "escaped in the exported report");
}

#[test]
fn a_gzip_bomb_is_refused_after_reading_no_more_than_the_limit() {
    let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(b"{\"format\":\"koe-project\",\"version\":2,\"name\":\"").expect("write");
    encoder.write_all(&vec![b' '; 4 * 1024 * 1024]).expect("write");
    let bomb = encoder.finish().expect("gzip");
    assert!(bomb.len() < 64 * 1024, "small packed");
    assert_eq!(
        read_project_file_within(&bomb, 1024 * 1024).err(),
        Some(SavedError::TooLarge { max: 1024 * 1024 })
    );
}
