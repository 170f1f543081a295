//! Facet counts over every hit of a query: office, record kind, status, year and classes.

use std::collections::HashMap;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::schema::facet_fields;

/// How many values one facet lists at most (the most frequent first).
pub const FACET_VALUES: usize = 30;

/// One value of a facet and how many hits carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FacetCount {
    /// The value as shown and as queried (`US`, `trademark`, `registered`, `2023`, `9`, `H04W`).
    pub value: String,
    /// Hits carrying it.
    pub count: u64,
}

/// The facets of a result set, each most frequent first (ties by value).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Facets {
    /// Offices (`US`, `CN`…).
    pub office: Vec<FacetCount>,
    /// `trademark` or `patent`.
    pub kind: Vec<FacetCount>,
    /// Status: a mark's stage (`registered`…), a patent's `granted` or `published`.
    pub status: Vec<FacetCount>,
    /// Year of publication (filing when unpublished).
    pub year: Vec<FacetCount>,
    /// Nice classes of marks.
    pub nice: Vec<FacetCount>,
    /// IPC subclasses of patents (`H04W`).
    pub ipc: Vec<FacetCount>,
}

/// Counts string values by term ordinal, per segment.
struct StrCounter {
    column: Option<StrColumn>,
    counts: Vec<u64>,
}

impl StrCounter {
    fn new(column: Option<StrColumn>) -> Self {
        let terms = column.as_ref().map_or(0, |column| column.num_terms());
        StrCounter { column, counts: vec![0; terms] }
    }

    fn collect(&mut self, doc: DocId) {
        if let Some(column) = &self.column {
            for ord in column.term_ords(doc) {
                if let Some(count) = usize::try_from(ord).ok().and_then(|ord| self.counts.get_mut(ord)) {
                    *count += 1;
                }
            }
        }
    }

    fn harvest(self, upper_case: bool) -> HashMap<String, u64> {
        let mut out = HashMap::new();
        let Some(column) = self.column else { return out };
        let mut text = String::new();
        for (ord, count) in self.counts.into_iter().enumerate().filter(|(_, count)| *count > 0) {
            text.clear();
            if column.ord_to_str(ord as u64, &mut text).unwrap_or(false) {
                let value = if upper_case { text.to_uppercase() } else { text.clone() };
                *out.entry(value).or_insert(0) += count;
            }
        }
        out
    }
}

/// Counts u64 values, per segment.
struct U64Counter {
    column: Option<Column<u64>>,
    counts: HashMap<u64, u64>,
}

impl U64Counter {
    fn new(column: Option<Column<u64>>) -> Self {
        U64Counter { column, counts: HashMap::new() }
    }

    fn collect(&mut self, doc: DocId) {
        if let Some(column) = &self.column {
            for value in column.values_for_doc(doc) {
                *self.counts.entry(value).or_insert(0) += 1;
            }
        }
    }

    fn harvest(self) -> HashMap<String, u64> {
        self.counts.into_iter().map(|(value, count)| (value.to_string(), count)).collect()
    }
}

/// Collects [`Facets`] over every matching document.
pub(crate) struct FacetCollector;

pub(crate) struct FacetSegmentCollector {
    office: StrCounter,
    kind: StrCounter,
    status: StrCounter,
    ipc: StrCounter,
    year: U64Counter,
    nice: U64Counter,
}

/// Facet values of one segment, keyed by value.
pub(crate) type SegmentFacets = [HashMap<String, u64>; 6];

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(&self, _: SegmentOrdinal, segment: &SegmentReader) -> tantivy::Result<FacetSegmentCollector> {
        let fast = segment.fast_fields();
        let names = facet_fields();
        Ok(FacetSegmentCollector {
            office: StrCounter::new(fast.str(names.office)?),
            kind: StrCounter::new(fast.str(names.kind)?),
            status: StrCounter::new(fast.str(names.status)?),
            ipc: StrCounter::new(fast.str(names.ipc)?),
            year: U64Counter::new(fast.u64(names.year).ok()),
            nice: U64Counter::new(fast.u64(names.nice).ok()),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<SegmentFacets>) -> tantivy::Result<Facets> {
        let mut merged: SegmentFacets = Default::default();
        for fruit in fruits {
            for (into, from) in merged.iter_mut().zip(fruit) {
                for (value, count) in from {
                    *into.entry(value).or_insert(0) += count;
                }
            }
        }
        let [office, kind, status, ipc, year, nice] = merged;
        Ok(Facets {
            office: ranked(office),
            kind: ranked(kind),
            status: ranked(status),
            year: ranked(year),
            nice: ranked(nice),
            ipc: ranked(ipc),
        })
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = SegmentFacets;

    fn collect(&mut self, doc: DocId, _: Score) {
        self.office.collect(doc);
        self.kind.collect(doc);
        self.status.collect(doc);
        self.ipc.collect(doc);
        self.year.collect(doc);
        self.nice.collect(doc);
    }

    fn harvest(self) -> SegmentFacets {
        [
            self.office.harvest(true),
            self.kind.harvest(false),
            self.status.harvest(false),
            self.ipc.harvest(false),
            self.year.harvest(),
            self.nice.harvest(),
        ]
    }
}

/// The most frequent [`FACET_VALUES`] values, ties by value.
fn ranked(counts: HashMap<String, u64>) -> Vec<FacetCount> {
    let mut values: Vec<FacetCount> = counts.into_iter().map(|(value, count)| FacetCount { value, count }).collect();
    values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| natural(&a.value, &b.value)));
    values.truncate(FACET_VALUES);
    values
}

/// Numbers by value, other text alphabetically.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(a), Ok(b)) => a.cmp(&b),
        _ => a.cmp(b),
    }
}
