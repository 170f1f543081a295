//! Trademark records.
//!
//! A record is drawn in the order a real one comes about: an owner from the pool, the office it
//! files at (its home office more often than not), the mark, the classes and goods, then a
//! lifecycle — examination, publication, registration, renewals or the end of the right — cut off at
//! [`AS_OF`]: dates after it are unknown and the status is the stage reached by then.
//!
//! Lifecycle stages, with the outcome drawn at filing:
//!
//! | outcome | path | share |
//! |---|---|---|
//! | registered | filed → published → registered → (renewed \| expired \| cancelled) | ~75 % |
//! | opposed | filed → published → opposed → registered or refused | ~5 % |
//! | refused | filed → refused at examination | ~12 % |
//! | withdrawn | filed → withdrawn | ~8 % |

use chrono::NaiveDate;
use zhichan_domain::records::{
    ClassEntry, LocalizedText, MadridInfo, MarkEvent, MarkKind, MarkStatus, PriorityClaim, Trademark, TrademarkDates,
    TrademarkStatus,
};

use crate::Generator;
use crate::calendar::{AS_OF, after, before, filing_date, plus_years, some_days_after, year};
use crate::dice::{Dice, Stream};
use crate::numbers::{Family, serial};
use crate::offices::Office;
use crate::parties::{Owner, agency, draw_owner_rank, person};
use crate::tables::{GOODS, SIMILAR_GROUPS};
use crate::words::{ChineseWord, chinese_mark, draw_popular_chinese, latin_mark};

/// Where marks are filed when not at the owner's home office.
pub(crate) const OFFICE_MIX: &[(Office, u32)] = &[
    (Office::Cn, 280),
    (Office::Us, 130),
    (Office::Em, 80),
    (Office::Jp, 50),
    (Office::Kr, 50),
    (Office::Gb, 40),
    (Office::In, 60),
    (Office::Au, 30),
    (Office::Br, 40),
    (Office::De, 30),
    (Office::Wo, 60),
    (Office::Ca, 20),
    (Office::Fr, 20),
    (Office::Hk, 10),
];

/// Share (per mille) of filings made at the owner's home office.
const HOME_FILING_PER_MILLE: u64 = 550;

/// Figurative element codes in the Vienna classification's `category.division.section` shape.
const DESIGN_CODES: &[&str] = &[
    "01.01.01", "01.03.01", "02.01.01", "02.03.01", "03.01.01", "03.07.01", "04.05.01", "05.03.11", "05.05.20",
    "06.01.04", "07.01.01", "09.01.05", "11.03.01", "14.01.06", "17.02.02", "18.01.01", "24.01.03", "24.17.05",
    "25.01.01", "26.01.01", "26.01.03", "26.04.01", "26.04.02", "26.11.01", "27.05.01", "27.05.10", "27.07.01",
    "28.03.00", "29.01.01", "29.01.04",
];

/// Parties designated in Madrid filings.
const DESIGNATIONS: &[&str] = &[
    "CN", "US", "EM", "JP", "KR", "GB", "AU", "IN", "RU", "SG", "CH", "TR", "MX", "VN", "PH", "BR", "CA", "NO", "NZ",
    "ID",
];

/// The owner's home office, if filings there are common.
fn home_office(country: &str, dice: &mut Dice) -> Option<Office> {
    Some(match country {
        "CN" => Office::Cn,
        "US" => Office::Us,
        "JP" => Office::Jp,
        "KR" => Office::Kr,
        "GB" => Office::Gb,
        "IN" => Office::In,
        "AU" => Office::Au,
        "BR" => Office::Br,
        "CA" => Office::Ca,
        "HK" => Office::Hk,
        "DE" => *dice.pick(&[Office::De, Office::Em]),
        "FR" => *dice.pick(&[Office::Fr, Office::Em]),
        "IT" | "ES" | "NL" | "SE" => Office::Em,
        "CH" => Office::Wo,
        _ => return None,
    })
}

/// How long after filing an office publishes and then registers, in days; `None` where the office
/// publishes no application for opposition before registration (DE, WO).
fn timeline(office: Office, filed: NaiveDate) -> (Option<(u64, u64)>, (u64, u64)) {
    match office {
        Office::Cn if year(filed) < 2014 => (Some((400, 900)), (90, 100)),
        Office::Cn => (Some((150, 330)), (90, 100)),
        Office::Us => (Some((240, 420)), (80, 140)),
        Office::Em => (Some((25, 90)), (95, 150)),
        Office::Jp => (Some((20, 60)), (200, 400)),
        Office::Kr => (Some((300, 450)), (60, 100)),
        Office::Gb => (Some((20, 60)), (61, 90)),
        Office::In => (Some((180, 700)), (120, 300)),
        Office::Au => (Some((120, 300)), (60, 120)),
        Office::Br => (Some((20, 60)), (300, 700)),
        Office::Ca => (Some((400, 900)), (60, 120)),
        Office::Fr => (Some((20, 45)), (120, 180)),
        Office::Hk => (Some((120, 240)), (90, 120)),
        Office::De => (None, (60, 200)),
        Office::Wo | Office::Ep => (None, (30, 90)),
    }
}

/// The application number in the office's shape.
fn application_number(office: Office, filed: NaiveDate, serial: u64, dice: &mut Dice) -> String {
    let y = year(filed);
    match office {
        // CN numbers grew from 7 to 8 digits; the first digit rises with the year.
        Office::Cn => format!("{}{serial}", 1 + (y.saturating_sub(2000)) * 8 / 27),
        // US serial series 7x, 8x, 9x by era.
        Office::Us => format!(
            "{}{serial}",
            if y < 2007 {
                7
            } else if y < 2019 {
                8
            } else {
                9
            }
        ),
        Office::Em => format!("0{}{serial}", u32::from(y >= 2018)),
        Office::Jp => format!("{y}-{serial}"),
        Office::Kr => format!("40{y}{serial}"),
        Office::Gb => format!("UK0000{serial}"),
        Office::Br => format!("9{serial}{}", dice.below(10)),
        Office::De => format!("30{y}{serial}"),
        Office::Hk => format!("30{serial}"),
        Office::In | Office::Au | Office::Wo | Office::Ca | Office::Fr | Office::Ep => serial.to_string(),
    }
}

/// The registration number: its own series at US, JP, KR and CA; the application number elsewhere.
fn registration_number(office: Office, application: &str, index: u64) -> String {
    let own = serial(Family::MarkRegistration, index);
    match office {
        Office::Us | Office::Jp => own.to_string(),
        Office::Kr => format!("40{own}0000"),
        Office::Ca => format!("TMA{own}"),
        _ => application.to_owned(),
    }
}

/// Status wording as the office prints it, per stage.
fn raw_status(office: Office, stage: MarkStatus, renewed: bool) -> &'static str {
    use MarkStatus::*;
    match office {
        Office::Cn => match stage {
            Filed => "等待实质审查",
            Published => "初审公告",
            Registered => "注册",
            Opposed => "异议审查中",
            Refused => "驳回",
            Withdrawn => "撤回",
            Expired => "注册商标无效",
            Cancelled => "撤销",
            Unknown => "未知",
        },
        Office::Us => match stage {
            Filed => "630",
            Published => "686",
            Registered if renewed => "800",
            Registered => "700",
            Opposed => "OPPOSITION PENDING",
            Refused => "ABANDONED AFTER FINAL REFUSAL",
            Withdrawn => "602",
            Expired => "EXPIRED",
            Cancelled => "710",
            Unknown => "UNKNOWN",
        },
        _ => match stage {
            Filed => "Application under examination",
            Published => "Application published",
            Registered => "Registered",
            Opposed => "Opposition pending",
            Refused => "Application refused",
            Withdrawn => "Application withdrawn",
            Expired => "Registration expired",
            Cancelled => "Registration cancelled",
            Unknown => "Unknown",
        },
    }
}

/// Generic event codes with their Chinese and English wording.
fn event(code: &'static str, date: NaiveDate, chinese: bool) -> MarkEvent {
    let description = match (code, chinese) {
        ("FILED", true) => "商标注册申请",
        ("FILED", false) => "Application filed",
        ("PUBLISHED", true) => "初步审定公告",
        ("PUBLISHED", false) => "Published for opposition",
        ("OPPOSED", true) => "异议申请",
        ("OPPOSED", false) => "Opposition filed",
        ("REGISTERED", true) => "注册公告",
        ("REGISTERED", false) => "Registered",
        ("RENEWED", true) => "续展",
        ("RENEWED", false) => "Renewed",
        ("REFUSED", true) => "驳回通知",
        ("REFUSED", false) => "Refused",
        ("WITHDRAWN", true) => "撤回申请",
        ("WITHDRAWN", false) => "Withdrawn",
        ("CANCELLED", true) => "撤销注册",
        ("CANCELLED", false) => "Cancelled",
        (_, true) => "注册商标无效",
        (_, false) => "Expired",
    };
    MarkEvent { date: Some(date), code: code.to_owned(), description: Some(description.to_owned()) }
}

/// The mark's text and, where the office records one, its transliteration.
struct MarkWords {
    text: String,
    transliteration: Option<String>,
}

/// The words of a word or combined mark: the script mix depends on the register and the owner.
fn mark_words(seed: u64, office: Office, owner: &Owner, dice: &mut Dice) -> MarkWords {
    let plain = |text| MarkWords { text, transliteration: None };
    // 0 Chinese, 1 Latin, 2 Chinese with its pinyin, 3 pinyin alone.
    let weights: &[(u8, u32)] = match (office.chinese(), owner.country == "CN") {
        (true, _) => &[(0, 58), (1, 30), (2, 7), (3, 5)],
        (false, true) => &[(0, 15), (1, 55), (2, 5), (3, 25)],
        (false, false) if office == Office::Hk => &[(0, 25), (1, 70), (2, 5)],
        (false, false) => &[(0, 2), (1, 96), (3, 2)],
    };
    match dice.weighted(weights) {
        0 => {
            let word = chinese_mark(seed, dice);
            let pinyin = (!office.chinese() && dice.chance(700)).then(|| word.pinyin());
            MarkWords { text: word.text(), transliteration: pinyin }
        }
        2 => {
            let word = chinese_mark(seed, dice);
            plain(format!("{} {}", word.text(), word.pinyin()))
        }
        3 => {
            // The pinyin of a popular Chinese brand: the commonest squatting copy.
            let word: ChineseWord = draw_popular_chinese(seed, dice);
            plain(word.pinyin())
        }
        _ => plain(latin_mark(seed, dice)),
    }
}

/// Between `low` and `high` distinct indexes `0..n` (at most `n`), in ascending order.
fn distinct(dice: &mut Dice, n: usize, low: u64, high: u64) -> Vec<usize> {
    let count = dice.between(low, high) as usize;
    let mut chosen: Vec<usize> = Vec::with_capacity(count);
    while chosen.len() < count.min(n) {
        let i = dice.index(n);
        if !chosen.contains(&i) {
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    chosen
}

impl Generator {
    /// The Nice classes of one filing, most-filed classes most often.
    fn draw_classes(&self, office: Office, dice: &mut Dice) -> Vec<u8> {
        let count = if office == Office::Cn {
            *dice.weighted(&[(1usize, 92), (2, 5), (3, 3)])
        } else {
            *dice.weighted(&[(1usize, 55), (2, 20), (3, 12), (4, 5), (5, 3), (6, 2), (8, 2), (12, 1)])
        };
        let mut classes: Vec<u8> = Vec::with_capacity(count);
        // Retries bound the loop; a record with fewer classes than drawn is still a record.
        for _ in 0..count * 8 {
            if classes.len() == count {
                break;
            }
            let class = self.classes.draw(dice);
            if !classes.contains(&class) {
                classes.push(class);
            }
        }
        classes.sort_unstable();
        classes
    }

    /// The class entry for `class`: goods in English, plus Chinese and similar groups at CNIPA.
    fn class_entry(&self, office: Office, class: u8, filed: NaiveDate, dice: &mut Dice) -> ClassEntry {
        let goods = GOODS[usize::from(class - 1)];
        let picked = distinct(dice, goods.len(), 2, 6);
        let mut entry = ClassEntry::new(self.nice[usize::from(class - 1)]);
        if office == Office::Cn {
            let zh: Vec<&str> = picked.iter().map(|&i| goods[i].1).collect();
            entry.goods_services.push(LocalizedText::new(Some("zh"), zh.join("；")));
            let groups = SIMILAR_GROUPS[usize::from(class - 1)];
            let chosen = distinct(dice, groups.len(), 1, 3);
            entry.national_classes = chosen.iter().map(|&i| groups[i].to_owned()).collect();
        }
        let en: Vec<&str> = picked.iter().map(|&i| goods[i].0).collect();
        entry.goods_services.push(LocalizedText::new(Some("en"), en.join("; ")));
        if office == Office::Us && class <= 34 && dice.chance(400) {
            let first_use = before(filed, dice.between(30, 2000));
            entry.first_use = Some(first_use);
            entry.first_use_in_commerce = Some(after(first_use, dice.below(60)).min(filed));
        }
        entry
    }

    /// Trademark number `index`: the same record for the same seed and index, whatever else is
    /// generated.
    pub fn trademark(&self, index: u64) -> Trademark {
        let seed = self.seed;
        let mut dice = Dice::new(seed, Stream::Trademark, index);
        let owner = Owner::at(seed, draw_owner_rank(&mut dice));
        let home = home_office(owner.country, &mut dice);
        let office = match home {
            Some(home) if dice.chance(HOME_FILING_PER_MILLE) => home,
            _ => *dice.weighted(OFFICE_MIX),
        };
        let chinese = office.chinese();
        let filed = filing_date(&mut dice);
        let application = application_number(office, filed, serial(Family::MarkApplication, index), &mut dice);
        let mut mark = Trademark::new(self.codes.get(office), application);

        mark.mark_kind = *dice.weighted(&[
            (MarkKind::Word, 620),
            (MarkKind::Combined, 250),
            (MarkKind::Figurative, 110),
            (MarkKind::ThreeDimensional, 10),
            (MarkKind::Colour, 5),
            (MarkKind::Sound, 5),
        ]);
        if matches!(mark.mark_kind, MarkKind::Word | MarkKind::Combined) {
            let words = mark_words(seed, office, &owner, &mut dice);
            mark.mark_text = Some(words.text);
            mark.transliteration = words.transliteration;
        }
        if matches!(mark.mark_kind, MarkKind::Combined | MarkKind::Figurative) {
            let picked = distinct(&mut dice, DESIGN_CODES.len(), 1, 3);
            mark.design_codes = picked.iter().map(|&i| DESIGN_CODES[i].to_owned()).collect();
        }
        mark.classes = self
            .draw_classes(office, &mut dice)
            .into_iter()
            .map(|class| self.class_entry(office, class, filed, &mut dice))
            .collect();

        mark.owners.push(owner.party(chinese));
        if dice.chance(40) {
            mark.owners.push(Owner::at(seed, draw_owner_rank(&mut dice)).party(chinese));
        }
        if dice.chance(if chinese { 750 } else { 600 }) {
            mark.representative = Some(agency(&mut dice, chinese));
        }
        if office == Office::Us {
            mark.register = Some(if dice.chance(50) { "Supplemental" } else { "Principal" }.to_owned());
            mark.examiner = Some(person(&mut dice, "US", false).name);
        }
        if let Some(home) = home.filter(|&h| h != office && dice.chance(150)) {
            mark.priority_claims.push(PriorityClaim {
                country: Some(home.as_str().to_owned()),
                number: Some(dice.between(1_000_000, 99_999_999).to_string()),
                date: Some(before(filed, dice.between(10, 180))),
            });
        }
        if office == Office::Wo {
            let picked = distinct(&mut dice, DESIGNATIONS.len(), 1, 12);
            mark.madrid = Some(MadridInfo {
                international_registration_number: Some(mark.application_number.clone()),
                international_application_number: None,
                designations: picked.iter().map(|&i| DESIGNATIONS[i].to_owned()).collect(),
            });
        } else if office != Office::Hk && dice.chance(50) {
            mark.madrid = Some(MadridInfo {
                international_registration_number: Some(dice.between(1_000_000, 1_899_999).to_string()),
                international_application_number: None,
                designations: vec![office.as_str().to_owned()],
            });
        }
        lifecycle(&mut mark, office, filed, index, &mut dice);
        mark
    }
}

/// Dates, status and events: the outcome drawn now, cut off at [`AS_OF`].
fn lifecycle(mark: &mut Trademark, office: Office, filed: NaiveDate, index: u64, dice: &mut Dice) {
    let chinese = office.chinese();
    let (publication_delay, registration_delay) = timeline(office, filed);
    let published = publication_delay.map(|(low, high)| some_days_after(dice, filed, low, high));
    let registered = some_days_after(dice, published.unwrap_or(filed), registration_delay.0, registration_delay.1);
    let outcome = dice.below(1000);

    let mut dates = TrademarkDates { filing: Some(filed), ..TrademarkDates::default() };
    let mut events = vec![event("FILED", filed, chinese)];
    let mut stage = MarkStatus::Filed;
    let mut stage_date = filed;
    let mut renewed = false;
    let mut reach = |code: &'static str, date: NaiveDate, to: MarkStatus, events: &mut Vec<MarkEvent>| {
        let happened = date <= AS_OF;
        if happened {
            events.push(event(code, date, chinese));
            stage = to;
            stage_date = date;
        }
        happened
    };

    match outcome {
        // Refused at examination, around when it would have been published.
        0..120 => {
            let refused = published.unwrap_or(registered);
            reach("REFUSED", refused, MarkStatus::Refused, &mut events);
        }
        // Withdrawn at some point before registration.
        120..200 => {
            let withdrawn = some_days_after(dice, filed, 30, (registered - filed).num_days().unsigned_abs().max(31));
            reach("WITHDRAWN", withdrawn, MarkStatus::Withdrawn, &mut events);
        }
        _ => {
            let mut registered = registered;
            if let Some(published) = published {
                if reach("PUBLISHED", published, MarkStatus::Published, &mut events) {
                    dates.publication = Some(published);
                }
                if outcome < 250 {
                    let opposed = some_days_after(dice, published, 20, 85);
                    if !reach("OPPOSED", opposed, MarkStatus::Opposed, &mut events) {
                        // Not opposed yet on AS_OF; it may still be, so nothing more is known.
                        registered = NaiveDate::MAX;
                    } else if outcome < 225 {
                        let refused = some_days_after(dice, opposed, 300, 700);
                        reach("REFUSED", refused, MarkStatus::Refused, &mut events);
                        registered = NaiveDate::MAX;
                    } else {
                        registered = some_days_after(dice, opposed, 300, 700);
                    }
                }
            }
            if registered != NaiveDate::MAX && reach("REGISTERED", registered, MarkStatus::Registered, &mut events) {
                dates.registration = Some(registered);
                mark.registration_number = Some(registration_number(office, &mark.application_number, index));
                // Terms run from registration at CN, JP, KR, US, BR, CA, WO; from filing elsewhere.
                let term_start = match office {
                    Office::Em | Office::Gb | Office::De | Office::Au | Office::Fr | Office::Hk | Office::In => filed,
                    _ => registered,
                };
                let mut expiry = plus_years(term_start, 10);
                if office == Office::Cn {
                    expiry = before(expiry, 1);
                }
                let cancelled = (outcome >= 980).then(|| some_days_after(dice, registered, 400, 3000));
                loop {
                    if cancelled.is_some_and(|c| c < expiry) {
                        let c = cancelled.unwrap_or(expiry);
                        reach("CANCELLED", c, MarkStatus::Cancelled, &mut events);
                        break;
                    }
                    if expiry > AS_OF {
                        break;
                    }
                    if dice.chance(650) {
                        let renewal = before(expiry, dice.below(300)).max(registered);
                        reach("RENEWED", renewal, MarkStatus::Registered, &mut events);
                        dates.renewal = Some(renewal);
                        renewed = true;
                        expiry = plus_years(expiry, 10);
                    } else {
                        // Renewal is still possible in the six months' grace.
                        reach("EXPIRED", after(expiry, 183), MarkStatus::Expired, &mut events);
                        break;
                    }
                }
                dates.expiry = Some(expiry);
            }
        }
    }
    mark.dates = dates;
    mark.status =
        TrademarkStatus { stage, raw: Some(raw_status(office, stage, renewed).to_owned()), date: Some(stage_date) };
    mark.events = events;
}
