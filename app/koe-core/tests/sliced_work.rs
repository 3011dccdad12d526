//! Every piece of sliced work gives the same answer a comment at a time as all at once: the
//! page may cut it anywhere.

use koe_core::import::duplicates::RepeatScan;
use koe_core::import::sample::sample_in;
use koe_core::import::{guess_mapping, read_table, to_comments};
use koe_core::project::rules::RulePlanner;
use koe_core::project::sliced::Sliced;
use koe_core::query::distinct::FilterChoices;
use koe_core::saved::{BodiesEncoder, encode_bodies};
use koe_core::{Command, Lang, NewComment, Project};

fn sample(lang: Lang) -> Vec<NewComment> {
    let (name, bytes) = sample_in(lang);
    let read = read_table(name, bytes).expect("the sample reads");
    to_comments(&read.table, &guess_mapping(&read.table)).comments
}

#[test]
fn each_sliced_work_gives_the_same_answer_in_slices_of_one_and_at_once() {
    let mut project = Project::new_in(Lang::Ja);
    project.apply(Command::AddComments(sample(Lang::Ja))).expect("added");
    let comments = project.comments();
    // The same sample again as incoming rows: every one repeats a project comment.
    let incoming = sample(Lang::Ja);

    let slices = RepeatScan::default().run_to_end(comments, &incoming, 1);
    let whole = RepeatScan::default().run_to_end(comments, &incoming, usize::MAX);
    assert_eq!(slices.found, whole.found);
    assert_eq!(whole.found.len(), incoming.len(), "every row of the second copy is found");

    let codebook = project.codebook();
    let slices = RulePlanner::new(codebook).run_to_end(comments, codebook, 1);
    let whole = RulePlanner::new(codebook).run_to_end(comments, codebook, usize::MAX);
    assert_eq!(slices, whole);
    assert!(whole.added > 0, "the starter's keywords find some comments");

    let slices = FilterChoices::default().run_to_end(comments, &(), 1);
    let whole = FilterChoices::default().run_to_end(comments, &(), usize::MAX);
    assert_eq!(slices, whole);
    assert_eq!(whole.0.len(), 6, "six channels: {:?}", whole.0);

    let slices = BodiesEncoder::new(comments).run_to_end(comments, &(), 1);
    assert_eq!(slices, encode_bodies(&project), "the same record as encoding at once");
}
