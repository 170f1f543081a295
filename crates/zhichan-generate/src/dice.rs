//! Seeded randomness with integer-only draws.
//!
//! Every record, owner and lexicon word gets its own generator, seeded from `(seed, stream, index)`.
//! That is what makes output independent of how it is split: record 7 is the same whether 10 or
//! 10 million records are written, in one file or many, by one thread or several.
//!
//! Draws use only the xoshiro256++ stream and integer arithmetic (no `powf`, no `rand` sampling
//! helpers whose algorithm may change between versions), so a seed gives the same bytes on every
//! platform and every future build.

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, SeedableRng};

/// Independent random streams derived from one seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    /// One trademark record per index.
    Trademark = 1,
    /// One patent record per index.
    Patent = 2,
    /// One owner (company) per rank of the owner pool.
    Owner = 3,
    /// One popular Latin-script mark word per rank.
    LatinWord = 4,
    /// One popular Chinese mark word per rank.
    ChineseWord = 5,
}

/// A deterministic source of draws for one record, owner or word.
pub(crate) struct Dice(Xoshiro256PlusPlus);

/// SplitMix64 finaliser: spreads nearby inputs (index 1, 2, 3…) over the whole state space.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Dice {
    /// The generator for item `index` of `stream` under `seed`.
    pub(crate) fn new(seed: u64, stream: Stream, index: u64) -> Self {
        let mut state = mix(seed ^ 0x5a17_c0de) ^ mix((stream as u64) << 56 ^ index);
        let mut bytes = [0u8; 32];
        for chunk in bytes.chunks_exact_mut(8) {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            chunk.copy_from_slice(&mix(state).to_le_bytes());
        }
        Self(Xoshiro256PlusPlus::from_seed(bytes))
    }

    /// 64 random bits.
    pub(crate) fn bits(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A number in `0..n` (0 when `n` is 0). Multiply-shift: the bias is below 2⁻³² for the
    /// small `n` used here, far under anything a benchmark could notice.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.bits()) * u128::from(n)) >> 64) as u64
    }

    /// An index into a slice of length `n`.
    pub(crate) fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// A number in `low..=high`.
    pub(crate) fn between(&mut self, low: u64, high: u64) -> u64 {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `per_mille`/1000.
    pub(crate) fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// One element of a non-empty slice.
    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// An element of `items` chosen with the given relative weights.
    pub(crate) fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (item, weight) in items {
            let weight = u64::from(*weight);
            if roll < weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }

    /// A popularity rank in `0..2^bits` with Zipf-like weights (exponent 1): rank `r` is drawn about
    /// `1/(r+1)` as often as rank 0. Each power-of-two band of ranks carries the same mass, so one
    /// integer draw picks the band and another the rank inside it.
    pub(crate) fn zipf_rank(&mut self, bits: u32) -> u64 {
        let band = self.below(u64::from(bits) + 1) as u32;
        if band == 0 {
            return 0;
        }
        let low = 1u64 << (band - 1);
        low + self.below(low)
    }
}

/// A weighted table prepared for fast draws: cumulative weights searched by bisection.
#[derive(Debug)]
pub(crate) struct WeightedTable<T> {
    items: Vec<T>,
    cumulative: Vec<u64>,
}

impl<T: Copy> WeightedTable<T> {
    /// The table of `items` with their relative weights. Zero weights are never drawn.
    pub(crate) fn new(items: impl IntoIterator<Item = (T, u32)>) -> Self {
        let mut total = 0u64;
        let (items, cumulative) = items
            .into_iter()
            .filter(|(_, w)| *w > 0)
            .map(|(item, w)| {
                total += u64::from(w);
                (item, total)
            })
            .unzip();
        Self { items, cumulative }
    }

    /// One item, by weight.
    pub(crate) fn draw(&self, dice: &mut Dice) -> T {
        let total = self.cumulative.last().copied().unwrap_or(0);
        let roll = dice.below(total);
        let at = self.cumulative.partition_point(|&c| c <= roll);
        self.items[at.min(self.items.len() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_draws_and_streams_differ() {
        let draws = |stream, index| {
            let mut dice = Dice::new(42, stream, index);
            (0..4).map(|_| dice.bits()).collect::<Vec<_>>()
        };
        assert_eq!(draws(Stream::Trademark, 7), draws(Stream::Trademark, 7));
        assert_ne!(draws(Stream::Trademark, 7), draws(Stream::Trademark, 8));
        assert_ne!(draws(Stream::Trademark, 7), draws(Stream::Patent, 7));
    }

    #[test]
    fn draws_stay_in_range() {
        let mut dice = Dice::new(1, Stream::Owner, 0);
        for _ in 0..10_000 {
            assert!(dice.below(7) < 7);
            assert!((3..=5).contains(&dice.between(3, 5)));
            assert!(dice.zipf_rank(10) < 1024);
        }
        assert_eq!(dice.below(0), 0);
    }

    #[test]
    fn zipf_favours_low_ranks() {
        let mut dice = Dice::new(1, Stream::LatinWord, 0);
        let mut counts = [0u32; 16];
        for _ in 0..60_000 {
            counts[dice.zipf_rank(4) as usize] += 1;
        }
        // Rank 0 gets one band of five alone; each rank of the last band (8..16) gets 1/8 of one.
        assert!(counts[0] > 10_000, "{counts:?}");
        assert!(counts[15] < 2_000, "{counts:?}");
    }

    #[test]
    fn weighted_table_follows_weights() {
        let table = WeightedTable::new([('a', 1), ('b', 0), ('c', 3)]);
        let mut dice = Dice::new(3, Stream::Owner, 1);
        let mut seen = [0u32; 3];
        for _ in 0..4_000 {
            match table.draw(&mut dice) {
                'a' => seen[0] += 1,
                'b' => seen[1] += 1,
                _ => seen[2] += 1,
            }
        }
        assert_eq!(seen[1], 0);
        assert!(seen[2] > 2 * seen[0], "{seen:?}");
    }
}
