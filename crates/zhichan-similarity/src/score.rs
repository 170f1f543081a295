//! Combination: the strongest dimension, a small bonus where independent dimensions agree, CNIPA
//! practice adjustments, then the goods; a risk level and the reasons.
//!
//! | risk | score |
//! |---|---|
//! | high | ≥ 0.85 |
//! | medium | ≥ 0.70 (alert threshold) |
//! | low | ≥ 0.50 |
//! | none | below |

use serde::Serialize;

use crate::compare;
use zhichan_domain::watch::{ALERT_THRESHOLD, GoodsRelation, MarkReason, RiskLevel};

use crate::goods::{Goods, GoodsRelations, closeness, compare_goods};
use crate::practice;
use crate::profile::MarkProfile;
use crate::reason::DimensionScore;

/// Bonus per further dimension that agrees (scores at least [`AGREEING`]), and its cap.
const AGREEMENT_BONUS: f32 = 0.03;
const AGREEMENT_CAP: f32 = 0.06;
const AGREEING: f32 = 0.6;

/// The weight of goods: unrelated goods keep this share of the mark score, so that an identical
/// copy in other goods (squatting) still alerts while a merely similar one does not.
const UNRELATED_GOODS_SHARE: f32 = 0.7;

/// How many dimension reasons an assessment keeps.
const MAX_DIMENSION_REASONS: usize = 3;

/// Marks compared without goods.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkComparison {
    /// Combined mark similarity in [0, 1].
    pub score: f32,
    /// Every dimension that scored, strongest first.
    pub dimensions: Vec<DimensionScore>,
    /// Notes: practice rules, set-aside words, traditional characters.
    pub notes: Vec<MarkReason>,
}

/// A filing assessed against a watched mark, goods included.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    /// Final score in [0, 1].
    pub score: f32,
    /// Mark similarity before goods.
    pub mark_score: f32,
    /// How the goods relate.
    pub goods: GoodsRelation,
    /// Risk level of `score`.
    pub risk: RiskLevel,
    /// Whether the pair raises an alert (`score >= ALERT_THRESHOLD`).
    pub alert: bool,
    /// Every dimension that scored, strongest first.
    pub dimensions: Vec<DimensionScore>,
    /// The reasons to show: strongest dimensions, practice notes, then goods.
    pub reasons: Vec<MarkReason>,
}

/// Compares a filed mark with a watched (earlier) mark, without goods.
pub fn compare_marks(watched: &MarkProfile, filing: &MarkProfile) -> MarkComparison {
    let mut notes = Vec::new();
    let aside: Vec<String> = watched.set_aside().iter().chain(filing.set_aside()).cloned().collect();
    if !aside.is_empty() {
        notes.push(MarkReason::SetAside { words: aside });
    }
    if watched.is_empty() || filing.is_empty() {
        return MarkComparison { score: 0.0, dimensions: Vec::new(), notes };
    }
    if watched.latin == filing.latin && watched.han() == filing.han() {
        let folded = watched.normalised.folded_traditional || filing.normalised.folded_traditional;
        if folded && !filing.han().is_empty() {
            notes.insert(0, MarkReason::TraditionalSimplified { simplified: filing.han_text() });
        }
        let mark = filing.normalised.text.clone();
        let dimension = DimensionScore {
            dimension: crate::reason::Dimension::Orthographic,
            score: 1.0,
            reason: MarkReason::Identical { mark },
        };
        return MarkComparison { score: 1.0, dimensions: vec![dimension], notes };
    }
    let mut dimensions = compare::dimensions(watched, filing, compare::FLOOR);
    dimensions.sort_by(|a, b| b.score.total_cmp(&a.score));
    let best = dimensions.first();
    let top = best.map_or(0.0, |d| d.score);
    let agreeing = dimensions
        .iter()
        .skip(1)
        .filter(|d| d.score >= AGREEING && Some(d.dimension) != best.map(|b| b.dimension))
        .count();
    let bonus = (agreeing as f32 * AGREEMENT_BONUS).min(AGREEMENT_CAP);
    let combined = (top + bonus).min(1.0);
    let (score, practice) = practice::adjust(watched, filing, combined, &dimensions, best);
    notes.extend(practice);
    MarkComparison { score, dimensions, notes }
}

/// Assesses a filing against a watched mark with both marks' goods; `relations` supplies
/// cross-group notes and class relations where the caller has them.
pub fn assess(
    watched: &MarkProfile,
    watched_goods: &Goods,
    filing: &MarkProfile,
    filing_goods: &Goods,
    relations: Option<&dyn GoodsRelations>,
) -> Assessment {
    let goods = compare_goods(watched_goods, filing_goods, relations);
    assess_marks(watched, filing, goods)
}

/// [`assess`] for screening: the assessment where the pair alerts, `None` where it does not.
/// Most candidate pairs are strangers, and they are told apart from a bound rather than the
/// full comparison; a pair that alerts gets exactly [`assess`]'s answer.
pub fn assess_alert(
    watched: &MarkProfile,
    watched_goods: &Goods,
    filing: &MarkProfile,
    filing_goods: &Goods,
    relations: Option<&dyn GoodsRelations>,
) -> Option<Assessment> {
    let goods = compare_goods(watched_goods, filing_goods, relations);
    if !could_alert(watched, filing, goods_share(&goods)) {
        return None;
    }
    Some(assess_marks(watched, filing, goods)).filter(|assessment| assessment.alert)
}

/// The share of the mark score that goods as close as `goods` keep.
fn goods_share(goods: &GoodsRelation) -> f32 {
    UNRELATED_GOODS_SHARE + (1.0 - UNRELATED_GOODS_SHARE) * closeness(goods)
}

/// How far below the needed score the screening bar is set. The bound is sound with any margin;
/// without one, a pair whose every dimension fell short would get a bound of exactly the needed
/// score, and rounding could keep it from being told apart.
const SCREEN_MARGIN: f32 = 0.01;

/// Whether the marks could score enough to alert with goods keeping `share` of it: `false` only
/// where an upper bound of the mark score falls short. Dimensions are asked only down to the
/// score that could still reach the threshold with the full agreement bonus; those left out
/// scored below it. Practice rules only raise to or cap at fixed scores, so applying them to the
/// bound bounds their result.
fn could_alert(watched: &MarkProfile, filing: &MarkProfile, share: f32) -> bool {
    if watched.is_empty() || filing.is_empty() {
        return false;
    }
    if watched.latin == filing.latin && watched.han() == filing.han() {
        return true;
    }
    let at_least = ALERT_THRESHOLD / share - AGREEMENT_CAP - SCREEN_MARGIN;
    let dimensions = compare::dimensions(watched, filing, at_least);
    let best = dimensions.iter().max_by(|a, b| a.score.total_cmp(&b.score));
    let top = best.map_or(at_least, |d| d.score.max(at_least));
    let combined = (top + AGREEMENT_CAP).min(1.0);
    if combined.max(practice::HIGHEST_RAISE) * share < ALERT_THRESHOLD {
        return false;
    }
    let (most, _) = practice::adjust(watched, filing, combined, &dimensions, best);
    most * share >= ALERT_THRESHOLD
}

fn assess_marks(watched: &MarkProfile, filing: &MarkProfile, goods: GoodsRelation) -> Assessment {
    let marks = compare_marks(watched, filing);
    let share = goods_share(&goods);
    let score = (marks.score * share).clamp(0.0, 1.0);
    let mut reasons: Vec<MarkReason> = marks
        .dimensions
        .iter()
        .take(MAX_DIMENSION_REASONS)
        .filter(|d| d.score >= 0.5)
        .map(|d| d.reason.clone())
        .collect();
    reasons.extend(marks.notes);
    reasons.push(MarkReason::Goods { relation: goods.clone() });
    Assessment {
        score,
        mark_score: marks.score,
        goods,
        risk: RiskLevel::of(score),
        alert: score >= ALERT_THRESHOLD,
        dimensions: marks.dimensions,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(a: &str, b: &str) -> f32 {
        compare_marks(&MarkProfile::new(a), &MarkProfile::new(b)).score
    }

    #[test]
    fn copies_score_high_and_strangers_low() {
        assert_eq!(score("Hisense", "HiSense"), 1.0);
        assert_eq!(score("康師傅", "康师傅"), 1.0);
        assert!(score("FACE BOOK", "FACEBOOK") > 0.9);
        assert!(score("HONDA", "HONDAKIT") >= 0.9);
        assert!(score("五粮液", "WULIANGYE") > 0.85);
        assert!(score("王老吉", "WONG LO KAT") > 0.85);
        assert!(score("乔丹", "JORDAN") > 0.8);
        assert!(score("苹果", "APPLE") > 0.85);
        assert!(score("海信", "JORDAN") < 0.7);
        assert!(score("Hisense", "Siemens") < 0.7);
    }

    #[test]
    fn goods_weigh_in() {
        let watched = MarkProfile::new("Hisense");
        let filing = MarkProfile::new("HISENSE");
        let same = assess(&watched, &Goods::classes([9]), &filing, &Goods::classes([9]), None);
        assert_eq!(same.risk, RiskLevel::High);
        let other = assess(&watched, &Goods::classes([9]), &filing, &Goods::classes([30]), None);
        assert!(other.alert && other.risk == RiskLevel::Medium);
        assert!(other.reasons.iter().any(|r| r.code() == "goods"));
    }

    #[test]
    fn own_pinyin_is_cited_as_caution() {
        let comparison = compare_marks(&MarkProfile::new("五粮液"), &MarkProfile::new("WULIANGYE"));
        let cited = comparison
            .notes
            .iter()
            .any(|r| matches!(r, MarkReason::Practice { rule: zhichan_domain::watch::PracticeRule::OwnPinyin, .. }));
        assert!(cited);
    }
}
