//! The shape of a sample: class skew, office mix, mark reuse, owner reuse.

use std::collections::HashMap;

use zhichan_domain::records::{Record, Trademark};
use zhichan_generate::GenerateConfig;

use crate::records;

const N: usize = 20_000;

fn marks() -> Vec<Trademark> {
    records(&GenerateConfig { trademarks: N as u64, patents: 0, seed: 3 })
        .into_iter()
        .filter_map(|r| match r {
            Record::Trademark(mark) => Some(*mark),
            Record::Patent(_) => None,
        })
        .collect()
}

fn share(count: usize, of: usize) -> f64 {
    count as f64 / of as f64
}

#[test]
fn classes_are_skewed_like_filings() {
    let mut counts: HashMap<u8, usize> = HashMap::new();
    for mark in marks() {
        for class in &mark.classes {
            *counts.entry(class.number.number()).or_default() += 1;
        }
    }
    let total: usize = counts.values().sum();
    let mut ranked: Vec<(u8, usize)> = counts.iter().map(|(&k, &v)| (k, v)).collect();
    ranked.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    let top: Vec<u8> = ranked.iter().take(4).map(|(class, _)| *class).collect();
    assert!(top.contains(&9) && top.contains(&35), "{ranked:?}");
    assert!((0.05..0.15).contains(&share(counts[&9], total)), "{ranked:?}");
    assert_eq!(counts.len(), 45, "every class appears");
    assert!(share(counts.get(&13).copied().unwrap_or(0), total) < 0.005);
}

#[test]
fn offices_are_cn_heavy() {
    let marks = marks();
    let mut offices: HashMap<String, usize> = HashMap::new();
    for mark in &marks {
        *offices.entry(mark.office.to_string()).or_default() += 1;
    }
    let cn = share(offices["CN"], marks.len());
    assert!((0.35..0.65).contains(&cn), "{offices:?}");
    let us = share(offices["US"], marks.len());
    assert!((0.05..0.2).contains(&us) && us < cn, "{offices:?}");
    for office in ["EM", "JP", "KR", "GB", "IN", "AU", "BR", "DE", "WO"] {
        assert!(offices.get(office).copied().unwrap_or(0) > 50, "{office}: {offices:?}");
    }
}

#[test]
fn some_mark_texts_recur_but_most_are_unique() {
    let marks = marks();
    let mut texts: HashMap<&str, usize> = HashMap::new();
    for mark in &marks {
        if let Some(text) = &mark.mark_text {
            *texts.entry(text).or_default() += 1;
        }
    }
    let with_text: usize = texts.values().sum();
    let repeated: usize = texts.values().filter(|&&n| n > 1).sum();
    let most = texts.values().copied().max().unwrap_or(0);
    assert!((0.03..0.4).contains(&share(repeated, with_text)), "{repeated} of {with_text}");
    assert!(share(most, with_text) < 0.02, "most common text {most} times");
    // Pinyin copies: a Latin mark equal to the recorded pinyin of a Chinese one.
    let pinyin: std::collections::HashSet<&str> = marks.iter().filter_map(|m| m.transliteration.as_deref()).collect();
    assert!(texts.keys().any(|t| pinyin.contains(t)), "no pinyin copy");
    let chinese = marks.iter().filter(|m| m.mark_text.as_deref().is_some_and(|t| !t.is_ascii())).count();
    assert!((0.15..0.45).contains(&share(chinese, marks.len())), "{chinese}");
}

#[test]
fn a_few_owners_file_often_most_once() {
    let marks = marks();
    let mut owners: HashMap<&str, usize> = HashMap::new();
    for mark in &marks {
        *owners.entry(&mark.owners[0].name).or_default() += 1;
    }
    let top = owners.values().copied().max().unwrap_or(0);
    let once = owners.values().filter(|&&n| n == 1).count();
    assert!(top >= 30, "top owner files {top} times");
    assert!(share(once, owners.len()) > 0.6, "{once} of {}", owners.len());
}
