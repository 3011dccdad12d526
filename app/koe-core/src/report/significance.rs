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

/// ln(k!) for k up to a bound, summed once.
struct LogFactorials(Vec<f64>);

impl LogFactorials {
    fn up_to(n: u64) -> Self {
        let mut logs = Vec::with_capacity(n as usize + 1);
        let mut sum = 0.0;
        logs.push(0.0);
        for k in 1..=n {
            sum += (k as f64).ln();
            logs.push(sum);
        }
        LogFactorials(logs)
    }

    fn of(&self, k: u64) -> f64 {
        self.0.get(k as usize).copied().unwrap_or(f64::NAN)
    }
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
