//! The co-occurrence network of a period's frequent words, as KH Coder draws it: words as
//! nodes sized by the comments that contain them, links between words found in the same
//! comments weighted by the Jaccard coefficient, only the strongest links, and communities of
//! words that hang together. The layout is computed here, once, so the app and the HTML report
//! draw the same picture.

use crate::report::terms::TermCount;
use crate::sorting::sort_by;

/// Frequent words a network is drawn from.
pub const NETWORK_WORDS: usize = 60;
/// Comments a word, and a pair of words, must occur in to be part of the network: a pair seen
/// once has a Jaccard coefficient of 1 and says nothing.
pub const MIN_COMMENTS: u64 = 2;

/// A word of the network.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The word.
    pub term: String,
    /// Comments of the period containing it.
    pub comments: u64,
    /// Its community, numbered from 0 in the order of the most frequent word of each.
    pub community: usize,
    /// Where it is drawn, from 0 to 1 across.
    pub x: f64,
    /// Where it is drawn, from 0 to 1 down.
    pub y: f64,
}

/// A link between two words.
#[derive(Clone, Debug, PartialEq)]
pub struct Edge {
    /// One word (index into the nodes).
    pub from: usize,
    /// The other word.
    pub to: usize,
    /// Comments containing both.
    pub both: u64,
    /// Comments with both ÷ comments with either.
    pub jaccard: f64,
}

/// A co-occurrence network ready to draw.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    /// Words that have at least one link, most frequent first.
    pub nodes: Vec<Node>,
    /// The strongest links, strongest first.
    pub edges: Vec<Edge>,
}

impl Network {
    /// How many communities there are.
    pub fn communities(&self) -> usize {
        self.nodes.iter().map(|n| n.community + 1).max().unwrap_or(0)
    }
}

/// The network of `terms` (with their comment counts) given which of them each comment
/// contains (`presence`, indexes into `terms`), keeping the `max_edges` strongest links.
pub fn cooccurrence(terms: &[TermCount], presence: &[Vec<usize>], max_edges: usize) -> Network {
    let n = terms.len();
    let mut both = vec![0u64; n * n];
    for found in presence {
        for (position, &a) in found.iter().enumerate() {
            for &b in &found[position + 1..] {
                let (a, b) = (a.min(b), a.max(b));
                if a < n && b < n {
                    both[a * n + b] += 1;
                }
            }
        }
    }
    let mut links: Vec<Edge> = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let together = both[a * n + b];
            let either = (terms[a].comments + terms[b].comments).saturating_sub(together);
            if together >= MIN_COMMENTS && either > 0 {
                links.push(Edge { from: a, to: b, both: together, jaccard: together as f64 / either as f64 });
            }
        }
    }
    sort_by(&mut links, |x, y| {
        y.jaccard
            .total_cmp(&x.jaccard)
            .then(y.both.cmp(&x.both))
            .then(x.from.cmp(&y.from))
            .then(x.to.cmp(&y.to))
    });
    links.truncate(max_edges);
    // The words that keep a link, in frequency order, numbered anew.
    let mut used: Vec<usize> = links.iter().flat_map(|e| [e.from, e.to]).collect();
    used.sort_unstable();
    used.dedup();
    let mut number = vec![usize::MAX; n];
    for (new, old) in used.iter().enumerate() {
        number[*old] = new;
    }
    let edges: Vec<Edge> =
        links.into_iter().map(|e| Edge { from: number[e.from], to: number[e.to], ..e }).collect();
    let communities = communities(used.len(), &edges);
    let positions = layout(used.len(), &edges);
    let nodes = used
        .iter()
        .zip(communities)
        .zip(positions)
        .map(|((old, community), (x, y))| Node {
            term: terms[*old].term.clone(),
            comments: terms[*old].comments,
            community,
            x,
            y,
        })
        .collect();
    Network { nodes, edges }
}

/// Communities by weighted label propagation, in a fixed order so the same network always
/// gets the same colours: each word takes the label its links weigh most for (ties to the
/// smaller label) until nothing changes. Labels are then numbered by their first word.
fn communities(nodes: usize, edges: &[Edge]) -> Vec<usize> {
    let mut label: Vec<usize> = (0..nodes).collect();
    for _ in 0..50 {
        let mut changed = false;
        for node in 0..nodes {
            let mut weights: Vec<(usize, f64)> = Vec::new();
            for edge in edges.iter().filter(|e| e.from == node || e.to == node) {
                let other = if edge.from == node { edge.to } else { edge.from };
                match weights.iter_mut().find(|(l, _)| *l == label[other]) {
                    Some((_, w)) => *w += edge.jaccard,
                    None => weights.push((label[other], edge.jaccard)),
                }
            }
            let best = weights
                .iter()
                .copied()
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
                .map(|(l, _)| l);
            if let Some(best) = best.filter(|b| *b != label[node]) {
                let current = weights.iter().find(|(l, _)| *l == label[node]).map_or(0.0, |(_, w)| *w);
                let best_weight = weights.iter().find(|(l, _)| *l == best).map_or(0.0, |(_, w)| *w);
                if best_weight > current || (best_weight == current && best < label[node]) {
                    label[node] = best;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    let mut numbers: Vec<usize> = Vec::new();
    label
        .iter()
        .map(|l| match numbers.iter().position(|seen| seen == l) {
            Some(position) => position,
            None => {
                numbers.push(*l);
                numbers.len() - 1
            }
        })
        .collect()
}

/// Width over height of the picture the layout fills (the HTML report's SVG).
const ASPECT: f64 = 720.0 / 560.0;
/// Space added round each group of words, in the units where a group of n words is √n wide.
const GROUP_MARGIN: f64 = 1.0;

/// The layout: each connected group of words laid out on its own by [`force_layout`], then
/// the groups packed in rows, each in a square whose side grows with the root of its words,
/// so no group lands on another. Scaled into 0.06–0.94 both ways.
fn layout(nodes: usize, edges: &[Edge]) -> Vec<(f64, f64)> {
    let mut component = vec![usize::MAX; nodes];
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for start in 0..nodes {
        if component[start] != usize::MAX {
            continue;
        }
        let mut members = vec![start];
        component[start] = groups.len();
        let mut next = 0;
        while next < members.len() {
            let node = members[next];
            next += 1;
            for edge in edges.iter().filter(|e| e.from == node || e.to == node) {
                let other = if edge.from == node { edge.to } else { edge.from };
                if component[other] == usize::MAX {
                    component[other] = groups.len();
                    members.push(other);
                }
            }
        }
        members.sort_unstable();
        groups.push(members);
    }
    sort_by(&mut groups, |a, b| b.len().cmp(&a.len()).then(a[0].cmp(&b[0])));
    let side_of = |g: &Vec<usize>| (g.len() as f64).sqrt() + GROUP_MARGIN;
    let area: f64 = groups.iter().map(|g| side_of(g).powi(2)).sum();
    let width = (area * ASPECT).sqrt().max(groups.first().map_or(1.0, side_of));
    let mut at = vec![(0.0, 0.0); nodes];
    let (mut x, mut y, mut row_height) = (0.0f64, 0.0f64, 0.0f64);
    for members in &groups {
        // A margin of its own round each group, so a pair's labels do not reach the next one.
        let side = (members.len() as f64).sqrt() + GROUP_MARGIN;
        if x > 0.0 && x + side > width + 1e-9 {
            x = 0.0;
            y += row_height;
            row_height = 0.0;
        }
        let local: Vec<Edge> = edges
            .iter()
            .filter(|e| component[e.from] == component[members[0]])
            .map(|e| Edge {
                from: members.binary_search(&e.from).unwrap_or(0),
                to: members.binary_search(&e.to).unwrap_or(0),
                ..e.clone()
            })
            .collect();
        for (member, (lx, ly)) in members.iter().zip(force_layout(members.len(), &local)) {
            let content = side - GROUP_MARGIN;
            at[*member] = (x + GROUP_MARGIN / 2.0 + content * lx, y + GROUP_MARGIN / 2.0 + content * ly);
        }
        x += side;
        row_height = row_height.max(side);
    }
    let height = y + row_height;
    // Scaled the same both ways, so the packing keeps its shape, then centred.
    let scale = 1.0 / width.max(height * ASPECT).max(1e-9);
    at.into_iter()
        .map(|(px, py)| {
            let fx = px * scale + (1.0 - width * scale) / 2.0;
            let fy = py * scale * ASPECT + (1.0 - height * scale * ASPECT) / 2.0;
            (0.06 + 0.88 * fx, 0.06 + 0.88 * fy)
        })
        .collect()
}

/// A force-directed layout of one connected group (Fruchterman–Reingold, fixed start on a
/// circle and fixed steps, so it is the same every time), scaled into 0–1.
fn force_layout(nodes: usize, edges: &[Edge]) -> Vec<(f64, f64)> {
    if nodes <= 1 {
        return vec![(0.5, 0.5); nodes];
    }
    let mut at: Vec<(f64, f64)> = (0..nodes)
        .map(|i| {
            // From the top, so a pair stands upright and its labels, beside the words, have
            // the width of the group to themselves.
            let angle = std::f64::consts::TAU * i as f64 / nodes as f64 - std::f64::consts::FRAC_PI_2;
            (0.5 + 0.4 * angle.cos(), 0.5 + 0.4 * angle.sin())
        })
        .collect();
    let k = (1.0 / nodes as f64).sqrt();
    let steps = 200;
    for step in 0..steps {
        let temperature = 0.1 * (1.0 - step as f64 / steps as f64) + 0.002;
        let mut moved = vec![(0.0f64, 0.0f64); nodes];
        for i in 0..nodes {
            for j in i + 1..nodes {
                let (dx, dy) = (at[i].0 - at[j].0, at[i].1 - at[j].1);
                let distance = (dx * dx + dy * dy).sqrt().max(1e-4);
                let push = k * k / distance;
                let (ux, uy) = (dx / distance, dy / distance);
                moved[i].0 += ux * push;
                moved[i].1 += uy * push;
                moved[j].0 -= ux * push;
                moved[j].1 -= uy * push;
            }
        }
        for edge in edges {
            let (a, b) = (edge.from, edge.to);
            let (dx, dy) = (at[a].0 - at[b].0, at[a].1 - at[b].1);
            let distance = (dx * dx + dy * dy).sqrt().max(1e-4);
            let pull = distance * distance / k * (0.5 + edge.jaccard);
            let (ux, uy) = (dx / distance, dy / distance);
            moved[a].0 -= ux * pull;
            moved[a].1 -= uy * pull;
            moved[b].0 += ux * pull;
            moved[b].1 += uy * pull;
        }
        for (point, shift) in at.iter_mut().zip(&moved) {
            let length = (shift.0 * shift.0 + shift.1 * shift.1).sqrt();
            if length > 0.0 {
                let step = length.min(temperature);
                point.0 += shift.0 / length * step;
                point.1 += shift.1 / length * step;
            }
        }
    }
    // A tight clique with words hanging off it would shrink to a blot once scaled: words are
    // pushed apart until no two are closer than a share of the group's width.
    let mut at = fitted(at);
    let least = 1.0 / (nodes as f64).sqrt();
    for _ in 0..6 {
        for _ in 0..50 {
            for i in 0..nodes {
                for j in i + 1..nodes {
                    let (dx, dy) = (at[j].0 - at[i].0, at[j].1 - at[i].1);
                    let distance = (dx * dx + dy * dy).sqrt();
                    if distance < least {
                        let (ux, uy) =
                            if distance < 1e-9 { (1.0, 0.0) } else { (dx / distance, dy / distance) };
                        let half = (least - distance) / 2.0;
                        at[i] = (at[i].0 - ux * half, at[i].1 - uy * half);
                        at[j] = (at[j].0 + ux * half, at[j].1 + uy * half);
                    }
                }
            }
        }
        at = fitted(at);
    }
    at
}

/// Points scaled and centred into 0–1, the same both ways.
fn fitted(at: Vec<(f64, f64)>) -> Vec<(f64, f64)> {
    let (min_x, max_x) = at.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.0), hi.max(p.0)));
    let (min_y, max_y) = at.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p.1), hi.max(p.1)));
    let span = (max_x - min_x).max(max_y - min_y).max(1e-9);
    at.into_iter()
        .map(|(x, y)| (0.5 + (x - (min_x + max_x) / 2.0) / span, 0.5 + (y - (min_y + max_y) / 2.0) / span))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(term: &str, comments: u64) -> TermCount {
        TermCount { term: term.to_owned(), comments }
    }

    #[test]
    fn jaccard_is_comments_with_both_over_comments_with_either() {
        // 配送 in comments 0–4, 遅い in 2–6, 返品 in 7–8, 返金 in 7–9.
        let terms = [term("配送", 5), term("遅い", 5), term("返品", 2), term("返金", 3)];
        let presence: Vec<Vec<usize>> = (0..10)
            .map(|c| {
                let mut found = Vec::new();
                if c < 5 {
                    found.push(0);
                }
                if (2..7).contains(&c) {
                    found.push(1);
                }
                if (7..9).contains(&c) {
                    found.push(2);
                }
                if c >= 7 {
                    found.push(3);
                }
                found
            })
            .collect();
        let network = cooccurrence(&terms, &presence, 60);
        let pairs: Vec<(&str, &str, u64, f64)> = network
            .edges
            .iter()
            .map(|e| {
                (network.nodes[e.from].term.as_str(), network.nodes[e.to].term.as_str(), e.both, e.jaccard)
            })
            .collect();
        // 返品–返金: 2 both, 3 either → 0.667; 配送–遅い: 3 both (2, 3, 4), 7 either → 0.429.
        assert_eq!(pairs.len(), 2, "{pairs:?}");
        assert_eq!((pairs[0].0, pairs[0].1, pairs[0].2), ("返品", "返金", 2));
        assert!((pairs[0].3 - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!((pairs[1].0, pairs[1].1, pairs[1].2), ("配送", "遅い", 3));
        assert!((pairs[1].3 - 3.0 / 7.0).abs() < 1e-12);
        assert_eq!(network.communities(), 2, "two separate pairs are two communities");
        assert_ne!(network.nodes[0].community, network.nodes[2].community);
        let cut = cooccurrence(&terms, &presence, 1);
        assert_eq!((cut.edges.len(), cut.nodes.len()), (1, 2), "only the strongest link and its words");
    }

    #[test]
    fn two_cliques_joined_by_one_weak_link_are_two_communities_laid_out_inside_the_frame() {
        let terms: Vec<TermCount> = ["a", "b", "c", "x", "y", "z"].iter().map(|t| term(t, 10)).collect();
        let mut presence: Vec<Vec<usize>> = Vec::new();
        for _ in 0..8 {
            presence.push(vec![0, 1, 2]);
            presence.push(vec![3, 4, 5]);
        }
        presence.push(vec![2, 3]);
        presence.push(vec![2, 3]);
        let network = cooccurrence(&terms, &presence, 60);
        let community: Vec<usize> = network.nodes.iter().map(|n| n.community).collect();
        assert_eq!(community, [0, 0, 0, 1, 1, 1]);
        assert!(network.nodes.iter().all(|n| (0.0..=1.0).contains(&n.x) && (0.0..=1.0).contains(&n.y)));
        assert_eq!(network, cooccurrence(&terms, &presence, 60), "the same picture every time");
        let distance = |a: &Node, b: &Node| ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt();
        let nodes = &network.nodes;
        assert!(distance(&nodes[0], &nodes[1]) < distance(&nodes[0], &nodes[4]), "a clique stays together");
    }

    #[test]
    fn words_seen_together_once_make_no_link() {
        let terms = [term("a", 1), term("b", 1)];
        assert_eq!(cooccurrence(&terms, &[vec![0, 1]], 60), Network::default());
    }
}
