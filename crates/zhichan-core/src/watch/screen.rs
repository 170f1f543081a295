//! Screening filings against watched marks in memory: a candidate index from every watched form's
//! blocking keys ([`MarkProfile::keys`]) to the watched marks that have it, so a filing is scored
//! only against the marks it shares a key with — never against every mark.
//!
//! Public so that the watch benchmark (`zhichan-bench`) measures the screening a watch run does,
//! rather than a copy of it.

use std::collections::HashMap;

use zhichan_domain::records::Trademark;
use zhichan_similarity::{Assessment, Goods, MarkProfile, assess, assess_alert};

/// One watched mark as the screener holds it: its goods and the profile of every form.
pub struct ScreenedMark {
    /// The watched mark's goods.
    pub goods: Goods,
    /// One profile per form.
    pub profiles: Vec<MarkProfile>,
}

impl ScreenedMark {
    /// A mark with `forms` in `classes`; forms with nothing distinctive are left out.
    pub fn new(forms: &[String], classes: impl IntoIterator<Item = u8>) -> Self {
        let profiles = forms.iter().map(|form| MarkProfile::new(form)).filter(|p| !p.keys().is_empty()).collect();
        Self { goods: Goods::classes(classes), profiles }
    }
}

/// A watched mark a filing alerts on, with the assessment of its closest form.
#[derive(Debug, Clone)]
pub struct Match {
    /// Index of the watched mark in the screener.
    pub mark: usize,
    /// The closest form's assessment.
    pub assessment: Assessment,
}

/// What screening one filing found.
#[derive(Debug, Clone, Default)]
pub struct Screening {
    /// Watched marks sharing at least one key with the filing.
    pub candidates: usize,
    /// Candidates whose assessment raises an alert.
    pub matches: Vec<Match>,
}

/// The candidate index over a set of watched marks.
pub struct Screener {
    marks: Vec<ScreenedMark>,
    index: HashMap<String, Vec<u32>>,
}

impl Screener {
    /// Indexes the keys of every form of every mark.
    pub fn new(marks: Vec<ScreenedMark>) -> Self {
        let mut index: HashMap<String, Vec<u32>> = HashMap::new();
        for (position, mark) in marks.iter().enumerate() {
            let position = u32::try_from(position).unwrap_or(u32::MAX);
            for key in mark.profiles.iter().flat_map(MarkProfile::keys) {
                let holders = index.entry(key).or_default();
                if holders.last() != Some(&position) {
                    holders.push(position);
                }
            }
        }
        Self { marks, index }
    }

    /// The watched marks, in the order given.
    pub fn marks(&self) -> &[ScreenedMark] {
        &self.marks
    }

    /// How many distinct keys the index holds.
    pub fn keys(&self) -> usize {
        self.index.len()
    }

    /// The watched marks (by index) sharing a key with `filing`, ascending.
    pub fn candidates(&self, filing: &MarkProfile) -> Vec<usize> {
        let mut found: Vec<usize> = filing
            .keys()
            .iter()
            .filter_map(|key| self.index.get(key))
            .flatten()
            .map(|&position| position as usize)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// Assesses `filing` against every candidate's forms and keeps the alerting ones, each with
    /// its closest form's assessment (as [`Screener::best`] gives it).
    pub fn screen(&self, filing: &MarkProfile, goods: &Goods) -> Screening {
        let candidates = self.candidates(filing);
        let matches = candidates
            .iter()
            .filter_map(|&mark| {
                let assessment = self.closest(mark, |form, own| assess_alert(form, own, filing, goods, None))?;
                Some(Match { mark, assessment })
            })
            .collect();
        Screening { candidates: candidates.len(), matches }
    }

    /// The assessment of the watched mark's closest form against `filing`.
    pub fn best(&self, mark: usize, filing: &MarkProfile, goods: &Goods) -> Option<Assessment> {
        self.closest(mark, |form, own| Some(assess(form, own, filing, goods, None)))
    }

    /// The highest-scoring of `assess`'s answers for each form of the watched mark (given with the
    /// mark's goods).
    fn closest(&self, mark: usize, assess: impl Fn(&MarkProfile, &Goods) -> Option<Assessment>) -> Option<Assessment> {
        let watched = self.marks.get(mark)?;
        watched
            .profiles
            .iter()
            .filter_map(|form| assess(form, &watched.goods))
            .max_by(|a, b| a.score.total_cmp(&b.score))
    }
}

/// A filing's goods: its Nice classes (similar groups are not compared).
pub fn goods_of(filing: &Trademark) -> Goods {
    Goods::classes(filing.classes.iter().map(|c| c.number.number()))
}

/// `f` over `items` on every available core, results in input order.
pub fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).max(1);
    if threads == 1 || items.len() < 64 {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let workers: Vec<_> =
            items.chunks(chunk).map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>())).collect();
        // A worker only panics if `f` does; re-raise it here rather than lose results silently.
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn screener() -> Screener {
        let hisense = ScreenedMark::new(&["海信".into(), "HAIXIN".into(), "HISENSE".into()], [7, 9, 11]);
        let gree = ScreenedMark::new(&["格力".into(), "GREE".into()], [11]);
        Screener::new(vec![hisense, gree])
    }

    #[test]
    fn only_marks_sharing_a_key_are_scored() {
        let screener = screener();
        let copy = screener.screen(&MarkProfile::new("HiSense"), &Goods::classes([9]));
        assert_eq!(copy.matches.iter().map(|m| m.mark).collect::<Vec<_>>(), [0], "Hisense, the first mark");
        assert!(screener.candidates(&MarkProfile::new("PAPAYA")).is_empty());
        let pinyin = screener.screen(&MarkProfile::new("HAI XIN"), &Goods::classes([7]));
        assert_eq!(pinyin.matches.len(), 1);
        assert!(screener.keys() > 10);
    }

    #[test]
    fn parallel_map_keeps_order() {
        let items: Vec<u32> = (0..1000).collect();
        assert_eq!(parallel_map(&items, |i| i * 2), items.iter().map(|i| i * 2).collect::<Vec<_>>());
    }
}
