//! Goods: how close two marks' goods are, from Nice classes, CNIPA similar groups (类似群) and the
//! caller's cross-group notes, falling back to class overlap when groups are not known.

use serde::{Deserialize, Serialize};
use zhichan_domain::watch::GoodsRelation;

/// Goods of one mark as plain inputs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goods {
    /// Nice classes (1–45).
    #[serde(default)]
    pub classes: Vec<u8>,
    /// CNIPA similar-group codes, e.g. `"0901"`; the first two digits are the class.
    #[serde(default)]
    pub groups: Vec<String>,
}

impl Goods {
    /// Goods given as classes only.
    pub fn classes(classes: impl IntoIterator<Item = u8>) -> Self {
        Self { classes: classes.into_iter().collect(), groups: Vec::new() }
    }

    fn is_empty(&self) -> bool {
        self.classes.is_empty() && self.groups.is_empty()
    }

    fn all_classes(&self) -> impl Iterator<Item = u8> + '_ {
        self.classes.iter().copied().chain(self.groups.iter().filter_map(|g| group_class(g)))
    }

    fn groups_in(&self, class: u8) -> impl Iterator<Item = &str> {
        self.groups.iter().map(String::as_str).filter(move |g| group_class(g) == Some(class))
    }
}

fn group_class(group: &str) -> Option<u8> {
    group.get(..2).and_then(|c| c.parse().ok())
}

/// The caller's knowledge of related goods: cross-group notes (交叉检索) of the CNIPA table and
/// class-level relations (e.g. 9 and 28 for game devices).
pub trait GoodsRelations {
    /// Whether goods of two different similar groups are treated as similar.
    fn groups_related(&self, watched: &str, filing: &str) -> bool;
    /// Whether two different classes hold related goods.
    fn classes_related(&self, watched: u8, filing: u8) -> bool;
}

/// Closeness of related goods in [0, 1]: how much of the mark score they keep beyond the share
/// unrelated goods keep.
pub(crate) fn closeness(relation: &GoodsRelation) -> f32 {
    match relation {
        GoodsRelation::SameGroup { .. } | GoodsRelation::NotGiven => 1.0,
        GoodsRelation::SameClass { .. } => 0.95,
        GoodsRelation::RelatedGroups { .. } => 0.9,
        GoodsRelation::SameClassOtherGroups { .. } => 0.6,
        GoodsRelation::RelatedClasses { .. } => 0.55,
        GoodsRelation::Unrelated => 0.0,
    }
}

/// Compares goods: same group → cross-group note → same class → class relation → unrelated.
pub fn compare_goods(watched: &Goods, filing: &Goods, relations: Option<&dyn GoodsRelations>) -> GoodsRelation {
    if watched.is_empty() || filing.is_empty() {
        return GoodsRelation::NotGiven;
    }
    if let Some(group) = watched.groups.iter().find(|g| filing.groups.contains(g)) {
        return GoodsRelation::SameGroup { group: group.clone() };
    }
    if let Some(relations) = relations {
        for w in &watched.groups {
            if let Some(f) = filing.groups.iter().find(|f| relations.groups_related(w, f)) {
                return GoodsRelation::RelatedGroups { watched: w.clone(), filing: f.clone() };
            }
        }
    }
    let mut best: Option<GoodsRelation> = None;
    for class in watched.all_classes() {
        if !filing.all_classes().any(|c| c == class) {
            continue;
        }
        let both_grouped = watched.groups_in(class).next().is_some() && filing.groups_in(class).next().is_some();
        if !both_grouped {
            return GoodsRelation::SameClass { class };
        }
        best.get_or_insert(GoodsRelation::SameClassOtherGroups { class });
    }
    if let Some(best) = best {
        return best;
    }
    if let Some(relations) = relations {
        for w in watched.all_classes() {
            if let Some(f) = filing.all_classes().find(|f| relations.classes_related(w, *f)) {
                return GoodsRelation::RelatedClasses { watched: w, filing: f };
            }
        }
    }
    GoodsRelation::Unrelated
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Notes;
    impl GoodsRelations for Notes {
        fn groups_related(&self, watched: &str, filing: &str) -> bool {
            (watched, filing) == ("0901", "0907")
        }
        fn classes_related(&self, watched: u8, filing: u8) -> bool {
            (watched, filing) == (9, 28)
        }
    }

    fn grouped(groups: &[&str]) -> Goods {
        Goods { classes: Vec::new(), groups: groups.iter().map(|g| g.to_string()).collect() }
    }

    #[test]
    fn group_then_notes_then_class_then_relations() {
        let notes: Option<&dyn GoodsRelations> = Some(&Notes);
        let same = compare_goods(&grouped(&["0901"]), &grouped(&["0901", "0902"]), notes);
        assert_eq!(same, GoodsRelation::SameGroup { group: "0901".into() });
        let noted = compare_goods(&grouped(&["0901"]), &grouped(&["0907"]), notes);
        assert!(matches!(noted, GoodsRelation::RelatedGroups { .. }));
        let other = compare_goods(&grouped(&["0901"]), &grouped(&["0909"]), notes);
        assert_eq!(other, GoodsRelation::SameClassOtherGroups { class: 9 });
        let class = compare_goods(&Goods::classes([9]), &grouped(&["0909"]), None);
        assert_eq!(class, GoodsRelation::SameClass { class: 9 });
        let related = compare_goods(&Goods::classes([9]), &Goods::classes([28]), notes);
        assert!(matches!(related, GoodsRelation::RelatedClasses { .. }));
        let none = compare_goods(&Goods::classes([9]), &Goods::classes([28]), None);
        assert_eq!(none, GoodsRelation::Unrelated);
        let unknown = compare_goods(&Goods::default(), &Goods::classes([28]), None);
        assert_eq!(unknown, GoodsRelation::NotGiven);
    }
}
