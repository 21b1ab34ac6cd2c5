//! Lining up two lists of entries by their canonical texts, keeping as
//! many unchanged entries as can be, in linear memory.

use std::collections::HashMap;

pub(super) enum Op {
    Keep(usize),
    Del(usize),
    Ins(usize),
}

/// Aligns two lists of canonical texts on a longest common subsequence:
/// the items kept are as many as can be, in order.
///
/// Myers' algorithm (the `similar` crate, no deadline, so the result is
/// always the same) needs memory linear in the lists and time growing with
/// the lists times the number of differences: a few edits in a long list
/// cost little. Lists whose items are all different (the usual case) take
/// a shorter way, [`unique_lcs`]. Texts are compared as small integers, and items found on
/// one side only are set aside first: they can never be kept, and leaving
/// them out does not change which items are (a whole list rewritten costs
/// no search at all).
pub(super) fn diff<'t>(a: &[&'t str], b: &[&'t str]) -> Vec<Op> {
    let mut ids: HashMap<&'t str, u32> = HashMap::with_capacity(a.len() + b.len());
    let mut id_of = |t: &'t str| -> u32 {
        let next = ids.len() as u32;
        *ids.entry(t).or_insert(next)
    };
    let a_ids: Vec<u32> = a.iter().map(|t| id_of(t)).collect();
    let b_ids: Vec<u32> = b.iter().map(|t| id_of(t)).collect();
    let mut in_a = vec![false; ids.len()];
    let mut in_b = vec![false; ids.len()];
    for &x in &a_ids {
        in_a[x as usize] = true;
    }
    for &x in &b_ids {
        in_b[x as usize] = true;
    }
    let fa: Vec<usize> = (0..a.len()).filter(|&i| in_b[a_ids[i] as usize]).collect();
    let fb: Vec<usize> = (0..b.len()).filter(|&j| in_a[b_ids[j] as usize]).collect();
    let fa_ids: Vec<u32> = fa.iter().map(|&i| a_ids[i]).collect();
    let fb_ids: Vec<u32> = fb.iter().map(|&j| b_ids[j]).collect();
    let kept = unique_lcs(&fa_ids, &fb_ids, ids.len()).unwrap_or_else(|| {
        let mut kept = Kept(Vec::new());
        let Ok(()) = similar::algorithms::myers::diff(
            &mut kept,
            &fa_ids[..],
            0..fa_ids.len(),
            &fb_ids[..],
            0..fb_ids.len(),
        );
        kept.0
    });
    let mut ops = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    for (x, y) in kept {
        let (ki, kj) = (fa[x], fb[y]);
        ops.extend((i..ki).map(Op::Del));
        ops.extend((j..kj).map(Op::Ins));
        ops.push(Op::Keep(ki));
        (i, j) = (ki + 1, kj + 1);
    }
    ops.extend((i..a.len()).map(Op::Del));
    ops.extend((j..b.len()).map(Op::Ins));
    ops
}

/// When no text occurs twice on either side (list items with their own
/// ids), a longest common subsequence is a longest increasing run of the
/// new positions taken in the old order: found in `O(n log n)` by patience
/// sorting, so even a list turned upside down costs no search. `None` when
/// some text repeats.
pub(super) fn unique_lcs(a: &[u32], b: &[u32], ids: usize) -> Option<Vec<(usize, usize)>> {
    let mut in_b = vec![usize::MAX; ids];
    for (j, &x) in b.iter().enumerate() {
        if in_b[x as usize] != usize::MAX {
            return None;
        }
        in_b[x as usize] = j;
    }
    let mut seen = vec![false; ids];
    for &x in a {
        if std::mem::replace(&mut seen[x as usize], true) {
            return None;
        }
    }
    let at: Vec<usize> = a.iter().map(|&x| in_b[x as usize]).collect();
    // `tails[k]`: the old index ending the best run of length k + 1 found so far.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; a.len()];
    for i in 0..a.len() {
        let k = tails.partition_point(|&t| at[t] < at[i]);
        if k > 0 {
            prev[i] = tails[k - 1];
        }
        if k == tails.len() {
            tails.push(i);
        } else {
            tails[k] = i;
        }
    }
    let mut run = Vec::with_capacity(tails.len());
    let mut i = tails.last().copied().unwrap_or(usize::MAX);
    while i != usize::MAX {
        run.push((i, at[i]));
        i = prev[i];
    }
    run.reverse();
    Some(run)
}

/// The pairs of equal items a diff keeps, as indices into the two lists.
pub(super) struct Kept(Vec<(usize, usize)>);

impl similar::algorithms::DiffHook for Kept {
    type Error = std::convert::Infallible;

    fn equal(&mut self, old: usize, new: usize, len: usize) -> Result<(), Self::Error> {
        self.0.extend((0..len).map(|k| (old + k, new + k)));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_aligns_by_longest_common_subsequence() {
        let ops = diff(&["a", "b", "c", "d"], &["a", "c", "x", "d"]);
        let s: Vec<String> = ops
            .iter()
            .map(|o| match o {
                Op::Keep(i) => format!("k{i}"),
                Op::Del(i) => format!("d{i}"),
                Op::Ins(j) => format!("i{j}"),
            })
            .collect();
        assert_eq!(s, ["k0", "d1", "k2", "i2", "k3"]);
    }

    /// The length of a longest common subsequence, by the textbook table.
    fn lcs_len(a: &[&str], b: &[&str]) -> usize {
        let mut t = vec![vec![0usize; b.len() + 1]; a.len() + 1];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                t[i][j] = if a[i] == b[j] {
                    t[i + 1][j + 1] + 1
                } else {
                    t[i + 1][j].max(t[i][j + 1])
                };
            }
        }
        t[0][0]
    }

    proptest::proptest! {
        /// Every item of both lists is accounted for once, in order; kept
        /// items are equal; and as many are kept as any alignment could.
        #[test]
        fn diff_keeps_as_many_items_as_a_longest_common_subsequence(
            a in proptest::collection::vec(0u8..6, 0..40),
            b in proptest::collection::vec(0u8..6, 0..40),
        ) {
            let names = ["a", "b", "c", "d", "e", "f"];
            let a: Vec<&str> = a.iter().map(|x| names[*x as usize]).collect();
            let b: Vec<&str> = b.iter().map(|x| names[*x as usize]).collect();
            let ops = diff(&a, &b);
            let (mut i, mut j, mut kept) = (0, 0, 0);
            for op in &ops {
                match *op {
                    Op::Keep(x) => {
                        proptest::prop_assert!(x >= i && a[x] == b[j]);
                        proptest::prop_assert_eq!(x, i);
                        i += 1;
                        j += 1;
                        kept += 1;
                    }
                    Op::Del(x) => {
                        proptest::prop_assert_eq!(x, i);
                        i += 1;
                    }
                    Op::Ins(y) => {
                        proptest::prop_assert_eq!(y, j);
                        j += 1;
                    }
                }
            }
            proptest::prop_assert_eq!((i, j), (a.len(), b.len()));
            proptest::prop_assert_eq!(kept, lcs_len(&a, &b));
        }

        /// The same for lists whose items are all different, reordered.
        #[test]
        fn diff_of_reordered_distinct_items_keeps_a_longest_common_subsequence(
            a in proptest::strategy::Strategy::prop_shuffle(proptest::sample::subsequence((0..40).collect::<Vec<u8>>(), 0..40)),
            b in proptest::strategy::Strategy::prop_shuffle(proptest::sample::subsequence((0..40).collect::<Vec<u8>>(), 0..40)),
        ) {
            let names: Vec<String> = (0..40).map(|x| format!("item{x}")).collect();
            let a: Vec<&str> = a.iter().map(|x| names[*x as usize].as_str()).collect();
            let b: Vec<&str> = b.iter().map(|x| names[*x as usize].as_str()).collect();
            let ops = diff(&a, &b);
            let mut kept = Vec::new();
            let (mut i, mut j) = (0, 0);
            for op in &ops {
                match *op {
                    Op::Keep(x) => {
                        proptest::prop_assert_eq!((x, a[x]), (i, b[j]));
                        kept.push(x);
                        i += 1;
                        j += 1;
                    }
                    Op::Del(x) => {
                        proptest::prop_assert_eq!(x, i);
                        i += 1;
                    }
                    Op::Ins(y) => {
                        proptest::prop_assert_eq!(y, j);
                        j += 1;
                    }
                }
            }
            proptest::prop_assert_eq!((i, j), (a.len(), b.len()));
            proptest::prop_assert_eq!(kept.len(), lcs_len(&a, &b));
        }
    }
}
