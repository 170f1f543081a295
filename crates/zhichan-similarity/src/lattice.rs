//! Reading lattices: a Chinese mark read as a path of spellings, one edge per character reading
//! (every reading of a polyphonic character) or per dictionary word, and the cheapest edit
//! alignment of any path against a Latin string.
//!
//! Spellings are byte strings over one of two alphabets: plain lower-case letters (pinyin spelled
//! as written) or the sound skeleton of [`crate::latin_phonetic::sound_skeleton`]: consonants
//! folded into upper-case classes, each run of vowels one lower-case class (`a` open, `e` front,
//! `o` back or rounded).

/// One spelling of the characters `from..to`.
#[derive(Debug, Clone)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub spelling: Box<[u8]>,
}

/// All readings of a mark of `len` characters.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lattice {
    pub len: usize,
    /// Sorted by `from`.
    pub edges: Vec<Edge>,
    /// What the full paths hold, for a lower bound of the alignment cost before aligning.
    counts: PathCounts,
}

/// The fewest and most symbols, and consonant classes (upper case), on any full path. Until
/// [`Lattice::seal`] they allow anything.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PathCounts {
    pub symbols: (usize, usize),
    pub consonants: (usize, usize),
}

impl Default for PathCounts {
    fn default() -> Self {
        Self { symbols: (0, usize::MAX), consonants: (0, usize::MAX) }
    }
}

/// How far `count` lies below `range` (positive `below`) or above it (positive `above`).
fn outside(count: usize, (least, most): (usize, usize)) -> (f32, f32) {
    (least.saturating_sub(count) as f32, count.saturating_sub(most) as f32)
}

/// Edit costs of an alphabet.
pub(crate) trait Costs {
    /// Cost of inserting or deleting a symbol.
    fn indel(&self, symbol: u8) -> f32;
    /// Cost of replacing one symbol by another.
    fn substitute(&self, a: u8, b: u8) -> f32;
    /// Cost of a path symbol left unmatched (the path's side of an indel).
    fn skip(&self, symbol: u8) -> f32 {
        self.indel(symbol)
    }
    /// A lower bound of the cost of aligning `target` against any path that `paths` describes.
    fn least_cost(&self, target: &[u8], paths: &PathCounts, tail: f32) -> f32;
}

/// Unit costs over plain letters.
pub(crate) struct Unit;

impl Costs for Unit {
    fn indel(&self, _: u8) -> f32 {
        1.0
    }
    fn substitute(&self, a: u8, b: u8) -> f32 {
        if a == b { 0.0 } else { 1.0 }
    }
    /// Each symbol one side has more than the other is skipped (1) or left over (`tail`).
    fn least_cost(&self, target: &[u8], paths: &PathCounts, tail: f32) -> f32 {
        let (short, long) = outside(target.len(), paths.symbols);
        short + long * tail.min(1.0)
    }
}

/// Costs over the sound skeleton: vowels are cheap, near consonant classes half price.
pub(crate) struct Skeleton;

/// What a vowel of a reading costs where the Latin word has none.
const PATH_VOWEL: f32 = 0.2;

/// Whether a skeleton symbol is a vowel class.
pub(crate) fn is_vowel(symbol: u8) -> bool {
    symbol.is_ascii_lowercase()
}

/// The skeleton's vowel class of a vowel letter (either case; `ü` as `v`).
pub(crate) fn vowel_class(letter: u8) -> u8 {
    match letter.to_ascii_lowercase() {
        b'a' => b'a',
        b'o' | b'u' | b'w' => b'o',
        _ => b'e',
    }
}

const NEAR: &[(u8, u8)] =
    &[(b'S', b'J'), (b'J', b'K'), (b'M', b'N'), (b'L', b'N'), (b'F', b'W'), (b'P', b'F'), (b'H', b'F'), (b'H', b'K')];

impl Costs for Skeleton {
    fn indel(&self, symbol: u8) -> f32 {
        match symbol {
            // An H is often silent or dropped in transliteration (HERMES ~ 爱马仕).
            b'H' => 0.5,
            s if is_vowel(s) => 0.4,
            _ => 1.0,
        }
    }
    fn skip(&self, symbol: u8) -> f32 {
        // Chinese syllables put a vowel after nearly every consonant, so a reading carries vowels
        // the Latin word lacks (MONCLER ~ 盟可睐 meng-ke-lai); a Latin vowel missing from the
        // reading costs the full indel.
        if is_vowel(symbol) { PATH_VOWEL } else { self.indel(symbol) }
    }
    /// Consonants pair only with consonants for less than 1; each consonant one side has more is
    /// skipped or inserted (at least 0.5, an H) or left over (`tail` of that).
    fn least_cost(&self, target: &[u8], paths: &PathCounts, tail: f32) -> f32 {
        let consonants = target.iter().filter(|&&s| !is_vowel(s)).count();
        let (short, long) = outside(consonants, paths.consonants);
        0.5 * short + 0.5 * tail.min(1.0) * long
    }
    fn substitute(&self, a: u8, b: u8) -> f32 {
        if a == b {
            0.0
        } else if is_vowel(a) && is_vowel(b) {
            0.3
        } else if NEAR.contains(&(a, b)) || NEAR.contains(&(b, a)) {
            0.6
        } else {
            1.0
        }
    }
}

impl Lattice {
    /// A lattice over `len` characters.
    pub fn new(len: usize) -> Self {
        Self { len, edges: Vec::new(), counts: PathCounts::default() }
    }

    /// Adds a spelling for characters `from..to`, once.
    pub fn add(&mut self, from: usize, to: usize, spelling: Vec<u8>) {
        let duplicate = self.edges.iter().any(|e| e.from == from && e.to == to && *e.spelling == *spelling);
        if !duplicate {
            self.edges.push(Edge { from, to, spelling: spelling.into_boxed_slice() });
        }
    }

    /// Sorts edges for [`Lattice::similarity`] and counts what the paths hold; call once after
    /// the last [`Lattice::add`].
    pub fn seal(&mut self) {
        self.edges.sort_by_key(|e| (e.from, e.to));
        let mut reach: Vec<Option<PathCounts>> = vec![None; self.len + 1];
        reach[0] = Some(PathCounts { symbols: (0, 0), consonants: (0, 0) });
        for edge in &self.edges {
            let Some(start) = reach[edge.from] else { continue };
            let symbols = edge.spelling.len();
            let consonants = edge.spelling.iter().filter(|&&s| s.is_ascii_uppercase()).count();
            let end =
                reach[edge.to].get_or_insert(PathCounts { symbols: (usize::MAX, 0), consonants: (usize::MAX, 0) });
            let widen = |(least, most): (usize, usize), (from_least, from_most): (usize, usize), add: usize| {
                (least.min(from_least + add), most.max(from_most + add))
            };
            end.symbols = widen(end.symbols, start.symbols, symbols);
            end.consonants = widen(end.consonants, start.consonants, consonants);
        }
        self.counts = reach[self.len].unwrap_or_default();
    }

    /// Similarity in [0, 1]: one minus the cheapest edit cost between `target` and any full path,
    /// normalised by the larger of the target's and the lightest path's indel weight. Symbols of
    /// the target left over after the path cost `tail` times their indel cost (1 for a plain
    /// alignment; less where a transliteration may render only the start of a word).
    ///
    /// Only similarities of at least `at_least` are computed in full; below it the similarity is
    /// 0, found from the symbols the paths hold where they differ too much from the target's,
    /// and otherwise by an alignment that stops as soon as it cannot get there (screening asks
    /// for a high bar, and most pairs fail it at once).
    pub fn similarity(&self, target: &[u8], costs: &impl Costs, tail: f32, at_least: f32) -> f32 {
        if at_least > 1.0 {
            return 0.0;
        }
        let Some(weight) = self.weight(target, costs) else { return 0.0 };
        let weight = weight.max(1.0);
        let max_cost = (1.0 - at_least) * weight;
        if costs.least_cost(target, &self.counts, tail) > max_cost {
            return 0.0;
        }
        self.cost_within(target, costs, tail, max_cost).map_or(0.0, |cost| (1.0 - cost / weight).max(0.0))
    }

    /// The larger of the target's indel weight and the lightest full path's; `None` when either
    /// side is empty or no path reaches the end.
    fn weight(&self, target: &[u8], costs: &impl Costs) -> Option<f32> {
        if self.len == 0 || target.is_empty() {
            return None;
        }
        let lightest = SCRATCH.with(|scratch| {
            let weights = &mut scratch.borrow_mut().weights;
            refill(weights, self.len + 1, f32::INFINITY);
            weights[0] = 0.0;
            for edge in &self.edges {
                let mut weight = weights[edge.from];
                if !weight.is_finite() {
                    continue;
                }
                for &s in edge.spelling.iter() {
                    weight += costs.indel(s);
                }
                weights[edge.to] = weights[edge.to].min(weight);
            }
            weights[self.len]
        });
        let target_weight: f32 = target.iter().map(|&t| costs.indel(t)).sum();
        lightest.is_finite().then(|| target_weight.max(lightest))
    }

    /// The cheapest alignment cost (see [`Lattice::similarity`]) where it is at most `max_cost`.
    /// Costs only grow along an alignment, so an edge whose row has nothing left at or under
    /// `max_cost` is abandoned: every cell that could end at or under it is still exact.
    fn cost_within(&self, target: &[u8], costs: &impl Costs, tail: f32, max_cost: f32) -> Option<f32> {
        SCRATCH.with(|scratch| {
            let Scratch { rows, prev, cur, .. } = &mut *scratch.borrow_mut();
            let width = target.len() + 1;
            refill(rows, (self.len + 1) * width, f32::INFINITY);
            refill(prev, width, 0.0);
            refill(cur, width, 0.0);
            rows[0] = 0.0;
            for j in 1..width {
                rows[j] = rows[j - 1] + costs.indel(target[j - 1]);
            }
            'edges: for edge in &self.edges {
                let start = &rows[edge.from * width..(edge.from + 1) * width];
                if !start[0].is_finite() || start.iter().all(|&c| c > max_cost) {
                    continue;
                }
                prev.copy_from_slice(start);
                for &s in edge.spelling.iter() {
                    let del = costs.skip(s);
                    cur[0] = prev[0] + del;
                    let mut lowest = cur[0];
                    for j in 1..width {
                        let t = target[j - 1];
                        cur[j] =
                            (prev[j] + del).min(cur[j - 1] + costs.indel(t)).min(prev[j - 1] + costs.substitute(s, t));
                        lowest = lowest.min(cur[j]);
                    }
                    std::mem::swap(prev, cur);
                    if lowest > max_cost {
                        continue 'edges;
                    }
                }
                let end = &mut rows[edge.to * width..(edge.to + 1) * width];
                for (e, p) in end.iter_mut().zip(prev.iter()) {
                    *e = e.min(*p);
                }
            }
            let end = &rows[self.len * width..];
            let mut left_over = 0.0;
            let mut cost = end[target.len()];
            for j in (0..target.len()).rev() {
                left_over += tail * costs.indel(target[j]);
                cost = cost.min(end[j] + left_over);
            }
            (cost <= max_cost).then_some(cost)
        })
    }

    /// Up to `limit` full paths (first readings first), each as its edges' spellings.
    pub fn paths(&self, limit: usize) -> Vec<Vec<&[u8]>> {
        let mut out = Vec::new();
        let mut stack: Vec<(usize, Vec<&[u8]>)> = vec![(0, Vec::new())];
        while let Some((node, path)) = stack.pop() {
            if out.len() >= limit {
                break;
            }
            if node == self.len {
                out.push(path);
                continue;
            }
            for edge in self.edges.iter().rev().filter(|e| e.from == node) {
                let mut next = path.clone();
                next.push(&edge.spelling);
                stack.push((edge.to, next));
            }
        }
        out
    }
}

/// The alignment's working rows, kept per thread: screening aligns millions of pairs, and
/// allocating them for each was a tenth of the time.
#[derive(Default)]
struct Scratch {
    rows: Vec<f32>,
    weights: Vec<f32>,
    prev: Vec<f32>,
    cur: Vec<f32>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Makes `buffer` `len` copies of `value`, keeping its allocation.
fn refill(buffer: &mut Vec<f32>, len: usize, value: f32) {
    buffer.clear();
    buffer.resize(len, value);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_any_reading_path() {
        let mut lattice = Lattice::new(2);
        lattice.add(0, 1, b"hai".to_vec());
        lattice.add(0, 1, b"huan".to_vec());
        lattice.add(1, 2, b"xin".to_vec());
        lattice.seal();
        assert_eq!(lattice.similarity(b"huanxin", &Unit, 1.0, 0.0), 1.0);
        assert!((lattice.similarity(b"haixing", &Unit, 1.0, 0.0) - 6.0 / 7.0).abs() < 1e-6);
        assert!((lattice.similarity(b"haixing", &Unit, 1.0, 0.85) - 6.0 / 7.0).abs() < 1e-6);
        assert_eq!(lattice.similarity(b"haixing", &Unit, 1.0, 0.9), 0.0, "below the bar: not computed");
        assert_eq!(lattice.similarity(b"haixinda", &Unit, 0.5, 0.0), 1.0 - 1.0 / 8.0, "half a cost for the tail");
        assert_eq!(lattice.paths(10).len(), 2);
    }

    #[test]
    fn the_counting_bound_never_exceeds_the_alignment_cost() {
        let han: Vec<char> = "乔丹海信王老吉".chars().collect();
        let pinyin: Vec<Vec<crate::mandarin::Syllable>> = han.iter().map(|c| crate::mandarin::readings(*c)).collect();
        let lattices = [
            crate::cross_script::mandarin_lattice(&han[..2], &pinyin[..2]),
            crate::cross_script::mandarin_lattice(&han[2..4], &pinyin[2..4]),
            crate::cross_script::mandarin_lattice(&han[4..], &pinyin[4..]),
        ];
        let words = ["JORDAN", "HISENSE", "WONG LO KAT", "A", "STRZKWX", "OOOOOO", "HHH"];
        for lattice in &lattices {
            for word in words {
                let target = crate::latin_phonetic::sound_skeleton(word);
                for tail in [1.0, 0.5] {
                    let cost = lattice.cost_within(&target, &Skeleton, tail, f32::INFINITY).unwrap_or(f32::INFINITY);
                    assert!(Skeleton.least_cost(&target, &lattice.counts, tail) <= cost, "{word}");
                }
            }
        }
        let mut plain = Lattice::new(2);
        plain.add(0, 1, b"hai".to_vec());
        plain.add(1, 2, b"xin".to_vec());
        plain.add(1, 2, b"xing".to_vec());
        plain.seal();
        assert_eq!((plain.counts.symbols, plain.counts.consonants), ((6, 7), (0, 0)));
        assert_eq!(Unit.least_cost(b"haixingpai", &plain.counts, 1.0), 3.0);
        assert_eq!(plain.similarity(b"haixingpai", &Unit, 1.0, 0.8), 0.0, "3 letters too many at most 2 allowed");
    }
}
