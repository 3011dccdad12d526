//! The comments of one period counted once for every section of a report: per channel and
//! time bucket, per tag and bucket, per tag and channel. Sections read their figures from here
//! instead of walking all comments again (a report at 200,000 comments has a dozen sections).

use rustc_hash::FxHashMap;

use super::buckets::Buckets;
use crate::project::codebook::{Codebook, TagId};
use crate::project::comment::Comment;
use crate::query::distinct::Distinct;
use crate::sorting::sort_by;

/// What a period's comments add up to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally<'a> {
    /// The period's time buckets.
    pub buckets: Buckets,
    /// Comments counted.
    pub comments: u64,
    /// Their channels, busiest first (ties by name).
    pub channels: Vec<&'a str>,
    /// Comments per channel (in the order of `channels`).
    pub channel_totals: Vec<u64>,
    /// Comments per channel and bucket: `[channel][bucket]`.
    pub channel_buckets: Vec<Vec<u64>>,
    /// Comments per bucket (comments dated outside every bucket are not in any).
    pub bucket_totals: Vec<u64>,
    /// Position in the codebook's tag list of each tag id.
    tag_positions: FxHashMap<TagId, usize>,
    /// Comments carrying each tag (codebook order).
    tag_totals: Vec<u64>,
    /// `[tag][bucket]`.
    tag_buckets: Vec<Vec<u64>>,
    /// `[tag][channel]`.
    tag_channels: Vec<Vec<u64>>,
}

impl<'a> Tally<'a> {
    /// Counts `comments` in one pass: each comment is read once (a report's comments lie
    /// anywhere among the project's, so each read is a trip to memory), its channel counted
    /// under the number it was first seen with, the channels put busiest first at the end.
    pub fn of(comments: &[&'a Comment], buckets: Buckets, codebook: &Codebook) -> Tally<'a> {
        let tag_positions: FxHashMap<TagId, usize> =
            codebook.tags.iter().enumerate().map(|(position, tag)| (tag.id, position)).collect();
        let (tags, bucket_count) = (codebook.tags.len(), buckets.len());
        let mut distinct = Distinct::default();
        // Indexed by the channel's number in order of first appearance.
        let mut seen_totals: Vec<u64> = Vec::new();
        let mut seen_buckets: Vec<Vec<u64>> = Vec::new();
        let mut tag_seen: Vec<Vec<u64>> = vec![Vec::new(); tags];
        let mut bucket_totals = vec![0; bucket_count];
        let mut tag_totals = vec![0; tags];
        let mut tag_buckets = vec![vec![0; bucket_count]; tags];
        for comment in comments {
            let bucket = comment.date.and_then(|d| buckets.index_of(d.date()));
            let seen = distinct.number(&comment.channel);
            if seen == seen_totals.len() {
                seen_totals.push(0);
                seen_buckets.push(vec![0; bucket_count]);
                for counts in &mut tag_seen {
                    counts.push(0);
                }
            }
            seen_totals[seen] += 1;
            if let Some(bucket) = bucket {
                seen_buckets[seen][bucket] += 1;
                bucket_totals[bucket] += 1;
            }
            for tag in comment.tags() {
                let Some(&position) = tag_positions.get(tag) else { continue };
                tag_totals[position] += 1;
                tag_seen[position][seen] += 1;
                if let Some(bucket) = bucket {
                    tag_buckets[position][bucket] += 1;
                }
            }
        }
        let first_seen = distinct.values();
        let mut order: Vec<usize> = (0..first_seen.len()).collect();
        sort_by(&mut order, |a, b| {
            seen_totals[*b].cmp(&seen_totals[*a]).then_with(|| first_seen[*a].cmp(first_seen[*b]))
        });
        Tally {
            channels: order.iter().map(|seen| first_seen[*seen]).collect(),
            channel_totals: order.iter().map(|seen| seen_totals[*seen]).collect(),
            channel_buckets: order.iter().map(|seen| std::mem::take(&mut seen_buckets[*seen])).collect(),
            bucket_totals,
            tag_totals,
            tag_buckets,
            tag_channels: tag_seen
                .iter()
                .map(|counts| order.iter().map(|seen| counts[*seen]).collect())
                .collect(),
            comments: comments.len() as u64,
            tag_positions,
            buckets,
        }
    }

    fn position(&self, tag: TagId) -> Option<usize> {
        self.tag_positions.get(&tag).copied()
    }

    /// Comments carrying `tag`.
    pub fn tag_total(&self, tag: TagId) -> u64 {
        self.position(tag).map_or(0, |p| self.tag_totals[p])
    }

    /// Comments carrying `tag`, per bucket.
    pub fn tag_buckets(&self, tag: TagId) -> Vec<u64> {
        self.position(tag).map_or_else(|| vec![0; self.buckets.len()], |p| self.tag_buckets[p].clone())
    }

    /// Comments carrying `tag`, per channel (in the order of `channels`).
    pub fn tag_channels(&self, tag: TagId) -> Vec<u64> {
        self.position(tag).map_or_else(|| vec![0; self.channels.len()], |p| self.tag_channels[p].clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::dates::parse_local;
    use crate::project::comment::{NewComment, SourceRef};
    use crate::project::{Command, Project};
    use crate::report::period::Period;

    /// Counts the slow way, section by section, as the report did before: the tally must agree.
    #[test]
    fn one_pass_agrees_with_counting_each_figure_on_its_own() {
        let mut project = Project::new();
        let channels = ["X", "電話", "", "メール", "X", "X", "電話"];
        let comments = (0..300)
            .map(|i| NewComment {
                date: parse_local(&format!("2024-04-{:02} 10:00", 1 + (i * 7) % 30)),
                channel: channels[i % channels.len()].into(),
                ..NewComment::new(format!("c{i}"), SourceRef { file: "f.csv".into(), sheet: None, line: 2 })
            })
            .collect();
        project.apply(Command::AddComments(comments)).expect("added");
        let tags: Vec<TagId> = project.codebook().tags.iter().map(|t| t.id).collect();
        for (step, tag) in tags.iter().enumerate() {
            let chosen = project
                .comments()
                .iter()
                .filter(|c| (c.id.0 as usize).is_multiple_of(step + 2))
                .map(|c| c.id);
            project
                .apply(Command::TagMany { comments: chosen.collect(), tag: *tag, on: true })
                .expect("tagged");
        }
        let period = Period::month(2024, 4).expect("April");
        let all: Vec<&Comment> = project.comments().iter().collect();
        let tally = Tally::of(&all, Buckets::of(&period), project.codebook());

        assert_eq!(tally.comments, 300);
        assert_eq!(tally.channels, ["X", "電話", "", "メール"], "busiest first, ties by name");
        for (position, channel) in tally.channels.iter().enumerate() {
            let count = all.iter().filter(|c| *c.channel == **channel).count() as u64;
            assert_eq!(tally.channel_totals[position], count, "{channel}");
        }
        for bucket in 0..tally.buckets.len() {
            let in_bucket =
                |c: &&&Comment| c.date.and_then(|d| tally.buckets.index_of(d.date())) == Some(bucket);
            assert_eq!(tally.bucket_totals[bucket], all.iter().filter(in_bucket).count() as u64);
            for (position, channel) in tally.channels.iter().enumerate() {
                let count = all.iter().filter(in_bucket).filter(|c| *c.channel == **channel).count() as u64;
                assert_eq!(tally.channel_buckets[position][bucket], count);
            }
            for tag in &tags {
                let count = all.iter().filter(in_bucket).filter(|c| c.tags().contains(tag)).count() as u64;
                assert_eq!(tally.tag_buckets(*tag)[bucket], count);
            }
        }
        for tag in &tags {
            let total = all.iter().filter(|c| c.tags().contains(tag)).count() as u64;
            assert!(total > 0, "every tag is used");
            assert_eq!(tally.tag_total(*tag), total);
            for (position, channel) in tally.channels.iter().enumerate() {
                let count =
                    all.iter().filter(|c| *c.channel == **channel && c.tags().contains(tag)).count() as u64;
                assert_eq!(tally.tag_channels(*tag)[position], count);
            }
        }
        assert_eq!(tally.tag_total(TagId(9999)), 0, "a tag not in the codebook");
    }
}
