//! One stable sort for the whole program, so the page's download carries one copy of it.
//!
//! The standard library's sort is generic over the item and the comparison, and each call site
//! gets its own copy of the sorting routine (some 5 KB each at the domain's opt-level 3): 30
//! copies were 184 KB of the page's 2.1 MB of WebAssembly. Here the routine sorts item numbers
//! (`u32`) and asks a `dyn` comparison about them, so it exists once, and the items are then
//! moved into that order. A comparison costs an indirect call more, so the grid's sort by a
//! column (again on every keystroke of a search) keeps the standard routine, as do the
//! `sort_unstable` calls on plain numbers.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in the order they came (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if items.len() < 2 {
        return;
    }
    let Ok(count) = u32::try_from(items.len()) else {
        // More items than item numbers: the standard routine, a copy for this call alone.
        items.sort_by(compare);
        return;
    };
    let mut order: Vec<u32> = (0..count).collect();
    {
        let shared: &[T] = items;
        sort_numbers(&mut order, &|a, b| compare(&shared[a as usize], &shared[b as usize]));
    }
    put_in_order(items, &mut order);
}

/// Sorts `items` by the key `key` gives each, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The one copy of the sorting routine: item numbers, compared by what they number.
#[inline(never)]
fn sort_numbers(order: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    order.sort_by(|a, b| compare(*a, *b));
}

/// Moves `items` so that the item at position `i` is the one `order[i]` numbered, following each
/// cycle of the permutation with swaps (no copy of the items, no `Clone`). `order` is used up:
/// each position is marked done as it is filled.
fn put_in_order<T>(items: &mut [T], order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for start in 0..order.len() {
        if order[start] == DONE {
            continue;
        }
        // Position `here` takes the item at `order[here]`, which in turn takes from further on,
        // until the cycle comes back to `start`.
        let mut here = start;
        loop {
            let from = order[here] as usize;
            order[here] = DONE;
            if from == start {
                break;
            }
            items.swap(here, from);
            here = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        /// Equal keys, many of them, so stability is tested, not only order.
        #[test]
        fn sorts_as_the_standard_stable_sort(keys in proptest::collection::vec(0u8..6, 0..300)) {
            let items: Vec<(u8, usize)> = keys.iter().copied().zip(0..).collect();
            let mut expected = items.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = items.clone();
            sort_by_key(&mut sorted, |item| item.0);
            proptest::prop_assert_eq!(&sorted, &expected);
            let mut descending = items;
            let mut expected_descending = descending.clone();
            expected_descending.sort_by_key(|item| std::cmp::Reverse(item.0));
            sort_by(&mut descending, |a, b| b.0.cmp(&a.0));
            proptest::prop_assert_eq!(&descending, &expected_descending);
            // A second sort of sorted items keeps the first sort's order among equals.
            expected.sort_by_key(|item| std::cmp::Reverse(item.0));
            sort_by(&mut sorted, |a, b| b.0.cmp(&a.0));
            proptest::prop_assert_eq!(&sorted, &expected);
        }
    }

    #[test]
    fn moves_owned_items_without_copying_them() {
        let mut names: Vec<String> = ["c", "a", "d", "b", "a"].map(String::from).to_vec();
        sort_by(&mut names, |a, b| a.cmp(b));
        assert_eq!(names, ["a", "a", "b", "c", "d"]);
    }
}
