//! Whether a share moved by more than chance between two periods: shares in small periods
//! jump (2 → 4 comments is "+100 %"), and a report should mark only the changes that hold.
//!
//! The test is the two-proportion z-test (pooled, two-sided); when any expected count of the
//! 2×2 table is below 5 it is Fisher's exact test (two-sided: the tables no more likely than
//! the one seen). Significant means p < 0.05.

/// The level below which a change is marked significant.
pub const ALPHA: f64 = 0.05;

/// The two-sided p-value of `x1` of `n1` against `x2` of `n2` (comments with a tag among the
/// period's comments, this period and the compared one), by the test that suits the counts.
pub fn change_p_value(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return 1.0;
    }
    let (with, total) = ((x1 + x2) as f64, (n1 + n2) as f64);
    let without = total - with;
    let smallest_expected = [with * n1 as f64, with * n2 as f64, without * n1 as f64, without * n2 as f64]
        .into_iter()
        .fold(f64::INFINITY, f64::min)
        / total;
    if smallest_expected < 5.0 {
        fisher_exact(x1, n1 - x1, x2, n2 - x2)
    } else {
        two_proportion(x1, n1, x2, n2)
    }
}

/// Whether the change from `x2`/`n2` to `x1`/`n1` is significant at [`ALPHA`].
pub fn is_significant(x1: u64, n1: u64, x2: u64, n2: u64) -> bool {
    change_p_value(x1, n1, x2, n2) < ALPHA
}

/// Two-sided p-value of the pooled two-proportion z-test.
pub fn two_proportion(x1: u64, n1: u64, x2: u64, n2: u64) -> f64 {
    let (x1, n1, x2, n2) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let pooled = (x1 + x2) / (n1 + n2);
    let spread = (pooled * (1.0 - pooled) * (1.0 / n1 + 1.0 / n2)).sqrt();
    if spread == 0.0 {
        return 1.0;
    }
    let z = (x1 / n1 - x2 / n2) / spread;
    (2.0 * (1.0 - normal_cdf(z.abs()))).clamp(0.0, 1.0)
}

/// Two-sided p-value of Fisher's exact test of the table [[a, b], [c, d]]: the sum of the
/// probabilities of every table with the same margins that is no more likely than this one.
pub fn fisher_exact(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let (row1, col1, total) = (a + b, a + c, a + b + c + d);
    let logs = LogFactorials::up_to(total);
    // Probability of the table whose top-left cell is `x`, margins fixed.
    let probability = |x: u64| {
        let (b, c) = (row1 - x, col1 - x);
        let d = total + x - row1 - col1;
        (logs.of(row1) + logs.of(total - row1) + logs.of(col1) + logs.of(total - col1)
            - logs.of(total)
            - logs.of(x)
            - logs.of(b)
            - logs.of(c)
            - logs.of(d))
        .exp()
    };
    let seen = probability(a);
    let lowest = (row1 + col1).saturating_sub(total);
    let highest = row1.min(col1);
    // A relative tolerance, as R's fisher.test uses, so equal tables are not lost to rounding.
    let p: f64 = (lowest..=highest).map(probability).filter(|p| *p <= seen * (1.0 + 1e-7)).sum();
    p.clamp(0.0, 1.0)
}

/// The absolute adjusted standardised residual above which a cross-tab cell is marked: the
/// two-sided 5 % point of the normal distribution.
pub const RESIDUAL_LIMIT: f64 = 1.96;

/// The adjusted standardised residual of every cell of a table of counts
/// (`[row][column]`): (observed − expected) / √(expected × (1 − row share) × (1 − column share)),
/// which is standard normal under independence, so |r| ≥ 1.96 marks a cell at the 5 % level.
/// A cell of an empty row or column, or of a table with one row or column, gets 0.
pub fn adjusted_residuals(counts: &[Vec<u64>]) -> Vec<Vec<f64>> {
    let columns = counts.iter().map(Vec::len).max().unwrap_or(0);
    let row_totals: Vec<f64> = counts.iter().map(|row| row.iter().sum::<u64>() as f64).collect();
    let column_totals: Vec<f64> = (0..columns)
        .map(|c| counts.iter().map(|row| row.get(c).copied().unwrap_or(0)).sum::<u64>() as f64)
        .collect();
    let total: f64 = row_totals.iter().sum();
    counts
        .iter()
        .zip(&row_totals)
        .map(|(row, row_total)| {
            (0..columns)
                .map(|c| {
                    let observed = row.get(c).copied().unwrap_or(0) as f64;
                    let expected = row_total * column_totals[c] / total;
                    let spread =
                        (expected * (1.0 - row_total / total) * (1.0 - column_totals[c] / total)).sqrt();
                    if total > 0.0 && spread > 0.0 && spread.is_finite() {
                        (observed - expected) / spread
                    } else {
                        0.0
                    }
                })
                .collect()
        })
        .collect()
}

/// The smallest expected count at which a cell's residual is judged: below it the normal
/// approximation does not hold (five comments would otherwise "prove" a pattern).
pub const MIN_EXPECTED: f64 = 5.0;

/// [`adjusted_residuals`] with every cell whose expected count is below [`MIN_EXPECTED`] set
/// to 0, so it is never marked.
pub fn judged_residuals(counts: &[Vec<u64>]) -> Vec<Vec<f64>> {
    let columns = counts.iter().map(Vec::len).max().unwrap_or(0);
    let row_totals: Vec<f64> = counts.iter().map(|row| row.iter().sum::<u64>() as f64).collect();
    let column_totals: Vec<f64> = (0..columns)
        .map(|c| counts.iter().map(|row| row.get(c).copied().unwrap_or(0)).sum::<u64>() as f64)
        .collect();
    let total: f64 = row_totals.iter().sum();
    let mut residuals = adjusted_residuals(counts);
    for (row, row_total) in residuals.iter_mut().zip(&row_totals) {
        for (cell, column_total) in row.iter_mut().zip(&column_totals) {
            if total == 0.0 || row_total * column_total / total < MIN_EXPECTED {
                *cell = 0.0;
            }
        }
    }
    residuals
}

/// Below this, ln(k!) is summed once into a table; from it on, Stirling's series gives it.
const SUMMED_BELOW: u64 = 256;

/// ln(k!): a table of sums for small k, Stirling's series for the rest, so a test over
/// 100,000 comments does not take the logarithm of every number up to 100,000 (a report of
/// a month of 1,000,000 comments spent about 13 ms so).
struct LogFactorials(Vec<f64>);

impl LogFactorials {
    /// The table for k up to `n` (or up to [`SUMMED_BELOW`], beyond which none is needed).
    fn up_to(n: u64) -> Self {
        let summed = n.min(SUMMED_BELOW - 1);
        let mut logs = Vec::with_capacity(summed as usize + 1);
        let mut sum = 0.0;
        logs.push(0.0);
        for k in 1..=summed {
            sum += (k as f64).ln();
            logs.push(sum);
        }
        LogFactorials(logs)
    }

    fn of(&self, k: u64) -> f64 {
        match usize::try_from(k).ok().and_then(|k| self.0.get(k)) {
            Some(summed) => *summed,
            None if k >= SUMMED_BELOW => stirling_ln_factorial(k as f64),
            None => f64::NAN,
        }
    }
}

/// ln(k!) by Stirling's series to the k⁻⁵ term: from k = 256 on, what it leaves out is below
/// 1/(1680·k⁷) < 1e-19, far under a double's rounding of ln(k!).
fn stirling_ln_factorial(k: f64) -> f64 {
    let (inverse, inverse_squared) = (1.0 / k, 1.0 / (k * k));
    let series = inverse * (1.0 / 12.0 - inverse_squared * (1.0 / 360.0 - inverse_squared / 1260.0));
    k * k.ln() - k + 0.5 * (std::f64::consts::TAU * k).ln() + series
}

/// The standard normal distribution function, from the complementary error function
/// (Numerical Recipes' `erfc` approximation, relative error below 1.2e-7).
fn normal_cdf(z: f64) -> f64 {
    0.5 * erfc(-z / std::f64::consts::SQRT_2)
}

fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    let value = t * poly.exp();
    if x >= 0.0 { value } else { 2.0 - value }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, within: f64) -> bool {
        (a - b).abs() <= within
    }

    #[test]
    fn the_normal_distribution_matches_its_table() {
        // Standard normal table: Φ(1.96) = 0.975002, Φ(1) = 0.841345, Φ(0) = 0.5.
        assert!(close(normal_cdf(1.96), 0.975_002, 1e-6));
        assert!(close(normal_cdf(1.0), 0.841_345, 1e-6));
        assert!(close(normal_cdf(-1.0), 0.158_655, 1e-6));
        assert!(close(normal_cdf(0.0), 0.5, 1e-6));
    }

    #[test]
    fn two_proportions_match_a_hand_computed_z_test() {
        // 30/100 against 15/100: pooled 0.225, SE = sqrt(0.225 × 0.775 × 0.02) = 0.059055,
        // z = 0.15 / 0.059055 = 2.5400, p = 2 × (1 − Φ(2.54)) = 0.01109 (R: prop.test(c(30, 15),
        // c(100, 100), correct = FALSE) gives X² = 6.4516, p = 0.01109).
        assert!(close(two_proportion(30, 100, 15, 100), 0.011_09, 5e-5));
        assert!(close(two_proportion(15, 100, 30, 100), 0.011_09, 5e-5), "two-sided");
        assert_eq!(two_proportion(0, 10, 0, 10), 1.0, "no variation, no evidence");
    }

    #[test]
    fn fisher_matches_the_textbook_example() {
        // The 2×2 table [[1, 9], [11, 3]] (Wikipedia, "Fisher's exact test"; R's fisher.test
        // gives p = 0.002759 two-sided).
        assert!(close(fisher_exact(1, 9, 11, 3), 0.002_759, 1e-6));
        // A table with no association at all: p = 1.
        assert!(close(fisher_exact(2, 2, 2, 2), 1.0, 1e-9));
    }

    #[test]
    fn adjusted_residuals_match_agrestis_table() {
        // Agresti, An Introduction to Categorical Data Analysis (2nd ed.), table 2.10: party
        // identification by gender (GSS); the book's standardised residuals are 4.50, 0.70,
        // −5.32 for females and the opposite for males.
        let counts = vec![vec![762, 327, 468], vec![484, 239, 477]];
        let residuals = adjusted_residuals(&counts);
        let expected = [[4.50, 0.70, -5.32], [-4.50, -0.70, 5.32]];
        for (row, want) in residuals.iter().zip(expected) {
            for (got, want) in row.iter().zip(want) {
                assert!(close(*got, want, 0.01), "{got} against {want}");
            }
        }
        assert!(residuals[0][0] > RESIDUAL_LIMIT && residuals[0][1].abs() < RESIDUAL_LIMIT);
    }

    #[test]
    fn cells_expected_below_five_are_not_judged() {
        // Expected counts: row totals 12 and 4, column totals 8 and 8, so 6, 6, 2, 2.
        let counts = vec![vec![9, 3], vec![0, 4]];
        let raw = adjusted_residuals(&counts);
        let judged = judged_residuals(&counts);
        assert!(raw[1][1] > RESIDUAL_LIMIT, "the raw residual would mark the small row: {raw:?}");
        assert_eq!(judged[1], vec![0.0, 0.0]);
        assert_eq!(judged[0], raw[0], "cells expected 6 keep theirs");
    }

    #[test]
    fn degenerate_tables_have_no_residuals() {
        assert_eq!(adjusted_residuals(&[vec![3, 4]]), vec![vec![0.0, 0.0]], "one row: nothing to compare");
        assert_eq!(adjusted_residuals(&[vec![0, 0], vec![0, 0]]), vec![vec![0.0; 2]; 2], "no comments");
        let with_empty_column = adjusted_residuals(&[vec![5, 0], vec![1, 0]]);
        assert!(with_empty_column.iter().flatten().all(|r| *r == 0.0), "{with_empty_column:?}");
    }

    #[test]
    fn log_factorials_by_stirling_agree_with_the_sums() {
        // Summed with compensation (Kahan), the sums are good to a few units of the last place:
        // near k = 256 that is below the series' k⁻³ term (1.7e-10), so a wrong term shows.
        let (mut sum, mut lost) = (0.0_f64, 0.0_f64);
        for k in 1..=200_000_u64 {
            let term = (k as f64).ln() - lost;
            let next = sum + term;
            lost = (next - sum) - term;
            sum = next;
            if k >= SUMMED_BELOW {
                let by_series = stirling_ln_factorial(k as f64);
                let tolerance = if k < 3_000 { 2e-11 } else { sum * 1e-14 };
                assert!((by_series - sum).abs() <= tolerance, "ln({k}!): {by_series} against {sum}");
            }
        }
        let logs = LogFactorials::up_to(1_000);
        assert_eq!(logs.of(3), 6.0_f64.ln());
        assert_eq!(logs.of(SUMMED_BELOW), stirling_ln_factorial(SUMMED_BELOW as f64), "past the table");
    }

    #[test]
    fn fisher_over_many_comments_agrees_with_the_summed_logarithms() {
        // One comment with a tag of 80,000 against three of 83,000: as a report of a big month.
        let p = fisher_exact(1, 79_999, 3, 82_997);
        let mut logs = vec![0.0_f64];
        for k in 1..=163_000_u64 {
            logs.push(logs[logs.len() - 1] + (k as f64).ln());
        }
        let table = |a: u64, b: u64, c: u64, d: u64| {
            let (row1, col1, total) = (a + b, a + c, a + b + c + d);
            let of = |k: u64| logs[k as usize];
            (of(row1) + of(total - row1) + of(col1) + of(total - col1)
                - of(total)
                - of(a)
                - of(b)
                - of(c)
                - of(d))
            .exp()
        };
        let seen = table(1, 79_999, 3, 82_997);
        let by_sums: f64 = (0..=4_u64)
            .map(|x| table(x, 80_000 - x, 4 - x, 82_996 + x))
            .filter(|q| *q <= seen * (1.0 + 1e-7))
            .sum();
        assert!(close(p, by_sums, 1e-9), "{p} against {by_sums}");
    }

    #[test]
    fn small_counts_use_fisher_and_a_doubling_of_two_is_not_significant() {
        // 2 → 4 comments of 50: the "+100 %" a report must not shout about.
        let p = change_p_value(4, 50, 2, 50);
        assert!(close(p, fisher_exact(4, 46, 2, 48), 1e-12), "expected counts below 5: Fisher");
        assert!(!is_significant(4, 50, 2, 50), "p = {p}");
        // 120 of 400 against 60 of 400: large counts, the z-test, clearly significant.
        assert!(close(change_p_value(120, 400, 60, 400), two_proportion(120, 400, 60, 400), 1e-12));
        assert!(is_significant(120, 400, 60, 400));
        assert_eq!(change_p_value(1, 0, 1, 10), 1.0, "an empty period proves nothing");
    }
}
