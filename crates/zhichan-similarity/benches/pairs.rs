//! Pairs scored per second: profiles are built once (as a watch run does) and every filing is
//! assessed against every watched mark, mixing scripts — in full (`assess`, what the alert page
//! and `watch screen` show) and as screening asks (`assess_alert`, which decides most pairs from a
//! bound), with the same goods and with unrelated goods, as most candidate pairs of a watch run have.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use zhichan_similarity::{Goods, MarkProfile, assess, assess_alert};

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
    let other = Goods::classes([41]);
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
    for (name, filing_goods) in [("screen_pairs_same_goods", &goods), ("screen_pairs_unrelated_goods", &other)] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut alerts = 0;
                for w in &watched {
                    for f in &filings {
                        alerts += usize::from(assess_alert(w, &goods, f, filing_goods, None).is_some());
                    }
                }
                black_box(alerts)
            });
        });
    }
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
