//! The suggestion model judged on `data/labelled_voices.csv`: 240 invented customer comments to a
//! food and daily-goods company, each labelled with a sentiment and a topic. Cross-validated
//! agreement must clearly beat always guessing the most frequent label, or the suggestions are not
//! worth showing.

use std::path::PathBuf;

use koe_core::project::codebook::TagId;
use koe_core::project::suggest::{Evaluation, evaluate};
use koe_core::text::normalize::normalize;

const SENTIMENTS: [&str; 3] = ["ポジティブ", "ニュートラル", "ネガティブ"];
const TOPICS: [&str; 7] =
    ["品質", "味・使用感", "価格", "パッケージ", "接客・対応", "配送・在庫", "要望・提案"];
/// How much better than the majority baseline the model must agree.
const MARGIN: f64 = 0.15;
const FOLDS: usize = 5;

struct Labelled {
    text: String,
    sentiment: [TagId; 1],
    topic: [TagId; 1],
}

fn tag(names: &[&str], name: &str, first_id: u32) -> TagId {
    let index = names.iter().position(|n| *n == name).unwrap_or_else(|| panic!("unknown label {name:?}"));
    TagId(first_id + u32::try_from(index).expect("few labels"))
}

fn read_fixture() -> Vec<Labelled> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/labelled_voices.csv");
    let mut reader = csv::Reader::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().expect("a header row").clone();
    assert_eq!(headers.iter().collect::<Vec<_>>(), ["text", "sentiment", "topic"]);
    reader
        .records()
        .map(|record| {
            let record = record.expect("a well-formed record");
            assert_eq!(record.len(), 3, "{record:?}");
            Labelled {
                text: normalize(&record[0]),
                sentiment: [tag(&SENTIMENTS, &record[1], 0)],
                topic: [tag(&TOPICS, &record[2], 100)],
            }
        })
        .collect()
}

fn report(name: &str, evaluation: &Evaluation) {
    println!(
        "{name}: agreement {:.1}% vs most-frequent baseline {:.1}% ({} of {} held out agreed, baseline {})",
        evaluation.agreement() * 100.0,
        evaluation.baseline() * 100.0,
        evaluation.agreed,
        evaluation.held_out,
        evaluation.baseline_agreed,
    );
}

#[test]
fn suggestions_clearly_beat_the_majority_baseline() {
    let voices = read_fixture();
    assert!(voices.len() >= 200, "the fixture has {} comments", voices.len());
    assert!(voices.iter().all(|v| !v.text.is_empty()));

    let sentiment: Vec<(&str, &[TagId])> =
        voices.iter().map(|v| (v.text.as_str(), &v.sentiment[..])).collect();
    let topic: Vec<(&str, &[TagId])> = voices.iter().map(|v| (v.text.as_str(), &v.topic[..])).collect();
    let by_sentiment = evaluate(&sentiment, FOLDS);
    let by_topic = evaluate(&topic, FOLDS);
    report("sentiment", &by_sentiment);
    report("topic", &by_topic);

    for (name, evaluation) in [("sentiment", by_sentiment), ("topic", by_topic)] {
        assert_eq!(evaluation.held_out, voices.len(), "{name}: every comment is held out once");
        assert!(
            evaluation.agreement() >= evaluation.baseline() + MARGIN,
            "{name}: agreement {:.3} is not {MARGIN} above the baseline {:.3}",
            evaluation.agreement(),
            evaluation.baseline(),
        );
    }
}
