//! Pairs scored per second: profiles are built once (as a watch run does) and every filing is
//! assessed against every watched mark, mixing scripts.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zhichan_similarity::{Goods, MarkProfile, assess};

const WATCHED: &[&str] =
    &["海信", "Hisense", "王老吉", "五粮液", "JORDAN", "TESLA", "大白兔", "NEW BALANCE", "康师傅", "PENFOLDS"];
const FILINGS: &[&str] = &[
    "HiSense",
    "WONG LO KAT",
    "WULIANGYE",
    "乔丹",
    "特斯拉",
    "WHITE RABBIT",
    "新百伦",
    "康帅傅",
    "奔富酒园",
    "SAMSUNG",
    "联想",
    "LENOVO",
    "雪碧",
    "GOOGLE",
    "华为",
    "NIKE",
    "格力",
    "CANON",
    "茅台",
    "SIEMENS",
];

fn pairs(c: &mut Criterion) {
    let watched: Vec<MarkProfile> = WATCHED.iter().map(|m| MarkProfile::new(m)).collect();
    let filings: Vec<MarkProfile> = FILINGS.iter().map(|m| MarkProfile::new(m)).collect();
    let goods = Goods::classes([9, 30]);
    let mut group = c.benchmark_group("similarity");
    group.throughput(Throughput::Elements((watched.len() * filings.len()) as u64));
    group.bench_function("assess_pairs", |b| {
        b.iter(|| {
            let mut alerts = 0;
            for w in &watched {
                for f in &filings {
                    alerts += usize::from(assess(w, &goods, f, &goods, None).alert);
                }
            }
            black_box(alerts)
        });
    });
    group.throughput(Throughput::Elements(FILINGS.len() as u64));
    group.bench_function("build_profiles", |b| {
        b.iter(|| {
            for mark in FILINGS {
                black_box(MarkProfile::new(black_box(mark)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, pairs);
criterion_main!(benches);
