//! An alert's reasons and signals in the reader's language. Each variant of the domain's
//! [`AlertReason`], [`MarkReason`] and [`Signal`] names the catalogue template that says it
//! (`explain.<code>`) and the values that fill it, in one exhaustive `match` per enum: a new
//! variant or a renamed detail does not compile until it is explained here. Coded values inside
//! (practice rules, effects, goods relations, anchors, periods, party relations) are translated in
//! turn. An entry this version cannot read, or a template missing from a catalogue, is shown in
//! the watch's English.

use zhichan_core::watch::DeadlineRule;
use zhichan_domain::Locale;
use zhichan_domain::deadline::{Deadline, RenewalWindow};
use zhichan_domain::office::Period;
use zhichan_domain::watch::{AlertReason, MarkReason, Signal};

use crate::i18n::Catalogues;

/// A reason or signal of an alert, ready to show.
pub struct Explained {
    /// The stable code (`spelling`, `no_own_mark`, …).
    pub code: String,
    /// What it says, in the page's language where the catalogue can say it.
    pub text: String,
}

/// An alert's reasons, explained in `locale`.
pub fn reasons(reasons: &[AlertReason], catalogues: &Catalogues, locale: Locale) -> Vec<Explained> {
    let texts = Texts { catalogues, locale };
    explain_each(reasons, |reason| (reason.code(), texts.reason(reason)))
}

/// An alert's squatting signals, explained in `locale`.
pub fn signals(signals: &[Signal], catalogues: &Catalogues, locale: Locale) -> Vec<Explained> {
    let texts = Texts { catalogues, locale };
    explain_each(signals, |signal| (signal.code(), texts.signal(signal)))
}

/// The rule behind a calendar deadline, explained in `locale`.
pub fn deadline_rule(rule: &DeadlineRule, catalogues: &Catalogues, locale: Locale) -> String {
    let texts = Texts { catalogues, locale };
    let explained = match rule {
        DeadlineRule::Opposition(deadline) => texts.opposition(deadline),
        DeadlineRule::Renewal(window) => texts.renewal(window),
    };
    explained.unwrap_or_else(|| rule.to_string())
}

/// Each entry with its code and what `say` makes of it, or its English `Display` where nothing.
fn explain_each<T: std::fmt::Display>(entries: &[T], say: impl Fn(&T) -> (&str, Option<String>)) -> Vec<Explained> {
    entries
        .iter()
        .map(|entry| {
            let (code, text) = say(entry);
            Explained { code: code.to_owned(), text: text.unwrap_or_else(|| entry.to_string()) }
        })
        .collect()
}

/// The catalogue's template `key` in `locale` with every `{name}` replaced by its value in
/// `values`; `None` when the template is missing or names a value not given.
pub(super) fn fill(catalogues: &Catalogues, locale: Locale, key: &str, values: &[(&str, String)]) -> Option<String> {
    let template = catalogues.get(locale, key)?;
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        let name = &rest[open + 1..close];
        out.push_str(&values.iter().find(|(given, _)| *given == name)?.1);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// The catalogues in one language.
struct Texts<'a> {
    catalogues: &'a Catalogues,
    locale: Locale,
}

impl Texts<'_> {
    fn reason(&self, reason: &AlertReason) -> Option<String> {
        match reason {
            AlertReason::OppositionDeadline(deadline) => self.opposition(deadline),
            AlertReason::PatentQuery { label, query, .. } => {
                self.fill("explain.patent_query", &[("label", label.clone()), ("query", query.clone())])
            }
            AlertReason::Mark(reason) => self.mark(reason),
            AlertReason::Unreadable(_) => None,
        }
    }

    /// An opposition window with its rule.
    fn opposition(&self, deadline: &Deadline) -> Option<String> {
        let extension = match deadline.extendable_to {
            Some(date) => self.fill("explain.extendable", &[("date", date.to_string())])?,
            None => String::new(),
        };
        let period = match &deadline.rule {
            zhichan_domain::office::OppositionRule::Fixed { period, .. }
            | zhichan_domain::office::OppositionRule::Extensible { period, .. } => *period,
        };
        self.fill(
            "explain.opposition_deadline",
            &[
                ("office", deadline.office.as_str().to_owned()),
                ("due", deadline.due.to_string()),
                ("extension", extension),
                ("period", self.period(period)?),
                ("anchor_text", self.text(&format!("explain.anchor.{}", deadline.anchor.code()))?),
                ("anchor_date", deadline.anchor_date.to_string()),
                ("source", deadline.source.to_string()),
            ],
        )
    }

    /// A renewal or declaration window with its source.
    fn renewal(&self, window: &RenewalWindow) -> Option<String> {
        let grace = match window.grace_ends {
            Some(date) => self.fill("explain.grace", &[("date", date.to_string())])?,
            None => String::new(),
        };
        self.fill(
            "explain.renewal",
            &[
                ("office", window.office.as_str().to_owned()),
                ("due", window.due.to_string()),
                ("opens", window.opens.to_string()),
                ("grace", grace),
                ("source", window.source.to_owned()),
            ],
        )
    }

    fn mark(&self, reason: &MarkReason) -> Option<String> {
        let key = format!("explain.{}", reason.code());
        match reason {
            MarkReason::Identical { mark } => self.fill(&key, &[("mark", mark.clone())]),
            MarkReason::TraditionalSimplified { simplified } => self.fill(&key, &[("simplified", simplified.clone())]),
            MarkReason::SetAside { words } => self.fill(&key, &[("words", self.list(words))]),
            MarkReason::SplitOrJoined { joined } => self.fill(&key, &[("joined", joined.clone())]),
            MarkReason::Spelling { watched, filing } | MarkReason::PinyinHomophone { watched, filing } => {
                self.fill(&key, &[("watched", watched.clone()), ("filing", filing.clone())])
            }
            MarkReason::Contains { earlier, added } => {
                self.fill(&key, &[("earlier", earlier.clone()), ("added", added.clone())])
            }
            MarkReason::SoundsAlike { watched_code, filing_code } => {
                self.fill(&key, &[("watched_code", watched_code.clone()), ("filing_code", filing_code.clone())])
            }
            MarkReason::PinyinSpelling { han, pinyin, latin } => {
                self.fill(&key, &[("han", han.clone()), ("pinyin", pinyin.clone()), ("latin", latin.clone())])
            }
            MarkReason::CantoneseSpelling { han, jyutping, hong_kong, latin } => self.fill(
                &key,
                &[
                    ("han", han.clone()),
                    ("jyutping", jyutping.clone()),
                    ("hong_kong", hong_kong.clone()),
                    ("latin", latin.clone()),
                ],
            ),
            MarkReason::LookAlike { pairs } => {
                let pairs: Vec<String> = pairs.iter().map(|(watched, filed)| format!("{watched}/{filed}")).collect();
                self.fill(&key, &[("pairs", self.list(&pairs))])
            }
            MarkReason::Transliteration { han, reading, latin, translated } => {
                let translated_text = if translated.is_empty() {
                    String::new()
                } else {
                    self.fill("explain.partly_translated", &[("translated", self.list(translated))])?
                };
                self.fill(
                    &key,
                    &[
                        ("han", han.clone()),
                        ("reading", reading.clone()),
                        ("latin", latin.clone()),
                        ("translated_text", translated_text),
                    ],
                )
            }
            MarkReason::SameMeaning { concepts } => self.fill(&key, &[("concepts", self.list(concepts))]),
            MarkReason::Goods { relation } => {
                use zhichan_domain::watch::GoodsRelation as Goods;
                let relation_key = format!("explain.goods.{}", relation.code());
                let relation_text = match relation {
                    Goods::SameGroup { group } => self.fill(&relation_key, &[("group", group.clone())]),
                    Goods::RelatedGroups { watched, filing } => {
                        self.fill(&relation_key, &[("watched", watched.clone()), ("filing", filing.clone())])
                    }
                    Goods::SameClass { class } | Goods::SameClassOtherGroups { class } => {
                        self.fill(&relation_key, &[("class", class.to_string())])
                    }
                    Goods::RelatedClasses { watched, filing } => {
                        self.fill(&relation_key, &[("watched", watched.to_string()), ("filing", filing.to_string())])
                    }
                    Goods::Unrelated | Goods::NotGiven => self.fill(&relation_key, &[]),
                }?;
                self.fill(&key, &[("relation_text", relation_text)])
            }
            MarkReason::Practice { rule, effect } => self.fill(
                &key,
                &[
                    ("effect_text", self.text(&format!("explain.effect.{}", effect.code()))?),
                    ("rule_text", self.text(&format!("explain.rule.{}", rule.code()))?),
                ],
            ),
        }
    }

    fn signal(&self, signal: &Signal) -> Option<String> {
        let key = format!("explain.{}", signal.code());
        match signal {
            Signal::DeclaredParty { name, relation, .. } => self.fill(
                &key,
                &[
                    ("name", name.clone()),
                    ("party_relation", self.text(&format!("watch.relation.{}", relation.code()))?),
                ],
            ),
            Signal::SerialFiler { applicant, filings, organisations } => self.fill(
                &key,
                &[
                    ("applicant", applicant.clone()),
                    ("filings", filings.to_string()),
                    ("organisations", organisations.to_string()),
                ],
            ),
            Signal::NoOwnMark { territories, own_offices } => {
                let codes = |offices: &[zhichan_domain::OfficeCode]| -> Vec<String> {
                    offices.iter().map(|office| office.as_str().to_owned()).collect()
                };
                let own_offices_text = if own_offices.is_empty() {
                    self.text("explain.none_found")?
                } else {
                    self.list(&codes(own_offices))
                };
                self.fill(
                    &key,
                    &[("territories", self.list(&codes(territories))), ("own_offices_text", own_offices_text)],
                )
            }
            Signal::Unreadable(_) => None,
        }
    }

    /// The catalogue's text for `key`.
    fn text(&self, key: &str) -> Option<String> {
        self.catalogues.get(self.locale, key).map(str::to_owned)
    }

    /// The catalogue's template `key` filled with `values` (see [`fill`]).
    fn fill(&self, key: &str, values: &[(&str, String)]) -> Option<String> {
        fill(self.catalogues, self.locale, key, values)
    }

    /// A period as `30 天`, `1 month`.
    fn period(&self, period: Period) -> Option<String> {
        let (unit, count) = match period {
            Period::Days(count) => ("days", count),
            Period::Months(count) => ("months", count),
            Period::Years(count) => ("years", count),
        };
        let key = match count {
            1 => format!("explain.period.{unit}_one"),
            _ => format!("explain.period.{unit}"),
        };
        self.fill(&key, &[("count", count.to_string())])
    }

    /// Items joined with the language's list separator.
    fn list(&self, items: &[String]) -> String {
        let separator = self.catalogues.get(self.locale, "explain.separator").unwrap_or(", ");
        items.join(separator)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use zhichan_domain::watch::{Effect, GoodsRelation, PartyRelation, PracticeRule};

    use super::*;

    fn catalogues() -> Catalogues {
        Catalogues::builtin().expect("catalogues")
    }

    /// Reasons as the watch stores them, one of each kind the page explains.
    fn stored_reasons() -> Vec<AlertReason> {
        serde_json::from_str(
            r#"[
            {"code":"spelling","details":{"watched":"HISENSE","filing":"HISENCE"}},
            {"code":"look_alike","details":{"pairs":[["哈","恰"],["哈","恰"]]}},
            {"code":"practice","details":{"rule":"one_character_differs","effect":"raised"}},
            {"code":"goods","details":{"relation":{"kind":"same_class","class":9}}},
            {"code":"opposition_deadline","details":{"office":"US","anchor":"publication","anchor_date":"2025-12-01",
              "due":"2026-01-01","extendable_to":"2026-06-01","source":"15 U.S.C. 1063",
              "rule":{"shape":"extensible","period":{"days":30},"max":{"days":180},"from":"publication",
                      "extension":"requests for extension of time"}}}
        ]"#,
        )
        .expect("stored reasons")
    }

    fn stored_signals() -> Vec<Signal> {
        vec![
            Signal::NoOwnMark {
                territories: ["DE", "FR"].iter().filter_map(|c| zhichan_domain::OfficeCode::parse(c).ok()).collect(),
                own_offices: Vec::new(),
            },
            Signal::DeclaredParty {
                party_id: 1.into(),
                name: "Euro Trade GmbH".into(),
                relation: PartyRelation::Distributor,
            },
        ]
    }

    fn texts(explained: Vec<Explained>) -> Vec<String> {
        explained.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn details_fill_the_readers_language() {
        let catalogues = catalogues();
        let zh = texts(reasons(&stored_reasons(), &catalogues, Locale::ZhHans));
        assert!(zh[0].contains("HISENSE") && zh[0].contains("拼写"), "{}", zh[0]);
        assert!(zh[1].contains("哈/恰、哈/恰"), "{}", zh[1]);
        assert!(zh[2].contains("规则4") && zh[2].contains("提高"), "{}", zh[2]);
        assert!(zh[3].contains("第9类"), "{}", zh[3]);
        assert!(zh[4].contains("2026-01-01") && zh[4].contains("30 天") && zh[4].contains("2026-06-01"), "{}", zh[4]);
        let zh_signals = texts(signals(&stored_signals(), &catalogues, Locale::ZhHans));
        assert!(zh_signals[0].contains("DE、FR") && zh_signals[0].contains("未找到"), "{}", zh_signals[0]);
        assert!(zh_signals[1].contains("Euro Trade GmbH") && zh_signals[1].contains("经销商"), "{}", zh_signals[1]);
        let hant = texts(reasons(&stored_reasons(), &catalogues, Locale::ZhHant));
        assert!(hant[3].contains("第9類"), "{}", hant[3]);
        let en = texts(reasons(&stored_reasons(), &catalogues, Locale::En));
        assert!(en[2].contains("rule 4") && en[2].contains("raised"), "{}", en[2]);
        assert!(en[4].contains("30 days"), "{}", en[4]);
    }

    #[test]
    fn calendar_rules_are_explained_in_the_readers_language() {
        let catalogues = catalogues();
        let office = zhichan_domain::OfficeCode::parse("CN").expect("an office");
        let dates = zhichan_domain::AnchorDates {
            registration: NaiveDate::from_ymd_opt(2017, 3, 7),
            ..zhichan_domain::AnchorDates::default()
        };
        let window = zhichan_domain::renewal_due(office, &dates).expect("CN renews");
        let rule = DeadlineRule::Renewal(window);
        let zh = deadline_rule(&rule, &catalogues, Locale::ZhHans);
        assert!(zh.starts_with("CN：") && zh.contains("届满") && zh.contains("起可办理"), "{zh}");
        assert!(!zh.contains("due") && !zh.contains("opens"), "no English in: {zh}");
        let hant = deadline_rule(&rule, &catalogues, Locale::ZhHant);
        assert!(hant.contains("屆滿") && hant.contains("附加費"), "{hant}");
        let en = deadline_rule(&rule, &catalogues, Locale::En);
        assert!(en.contains("can be filed from") && en.contains("surcharge"), "{en}");
        let AlertReason::OppositionDeadline(deadline) = &stored_reasons()[4] else { panic!("a deadline") };
        let opposition = deadline_rule(&DeadlineRule::Opposition(deadline.clone()), &catalogues, Locale::ZhHans);
        assert!(opposition.contains("异议期") && opposition.contains("30 天"), "{opposition}");
    }

    #[test]
    fn unreadable_entries_keep_the_stored_text() {
        let older: Vec<AlertReason> =
            serde_json::from_str(r#"[{"code":"something_new","text":"said in English","details":{}}]"#)
                .expect("tolerated");
        assert_eq!(texts(reasons(&older, &catalogues(), Locale::ZhHans)), ["said in English"]);
    }

    /// Every variant with every coded value inside it is explained in every language, with every
    /// placeholder of its template filled: a missing template or a misnamed placeholder fails here.
    #[test]
    fn every_reason_and_signal_is_explained_in_every_language() {
        let catalogues = catalogues();
        let mut all = stored_reasons();
        let text = String::from;
        all.extend(
            [
                MarkReason::Identical { mark: text("A") },
                MarkReason::TraditionalSimplified { simplified: text("海信") },
                MarkReason::SetAside { words: vec![text("LTD")] },
                MarkReason::SplitOrJoined { joined: text("FACEBOOK") },
                MarkReason::Contains { earlier: text("A"), added: text("B") },
                MarkReason::SoundsAlike { watched_code: text("A"), filing_code: text("B") },
                MarkReason::PinyinHomophone { watched: text("a"), filing: text("b") },
                MarkReason::PinyinSpelling { han: text("海信"), pinyin: text("haixin"), latin: text("HAIXIN") },
                MarkReason::CantoneseSpelling {
                    han: text("王老吉"),
                    jyutping: text("wong4 lou5 gat1"),
                    hong_kong: text("wong lo kat"),
                    latin: text("WONG LO KAT"),
                },
                MarkReason::Transliteration {
                    han: text("新百伦"),
                    reading: text("xin bai lun"),
                    latin: text("NEW BALANCE"),
                    translated: vec![text("新 = NEW")],
                },
                MarkReason::SameMeaning { concepts: vec![text("apple")] },
            ]
            .into_iter()
            .map(AlertReason::Mark),
        );
        let relations = [
            GoodsRelation::SameGroup { group: text("0901") },
            GoodsRelation::RelatedGroups { watched: text("0901"), filing: text("0907") },
            GoodsRelation::SameClassOtherGroups { class: 9 },
            GoodsRelation::RelatedClasses { watched: 9, filing: 28 },
            GoodsRelation::Unrelated,
            GoodsRelation::NotGiven,
        ];
        all.extend(relations.into_iter().map(|relation| AlertReason::Mark(MarkReason::Goods { relation })));
        for rule in PracticeRule::ALL {
            for effect in Effect::ALL {
                all.push(AlertReason::Mark(MarkReason::Practice { rule, effect }));
            }
        }
        all.push(AlertReason::PatentQuery { patent_watch_id: 1.into(), label: text("L"), query: text("q") });
        let mut all_signals = stored_signals();
        all_signals.push(Signal::SerialFiler { applicant: text("X"), filings: 3, organisations: 2 });
        all_signals.extend(PartyRelation::ALL.into_iter().map(|relation| Signal::DeclaredParty {
            party_id: 1.into(),
            name: text("X"),
            relation,
        }));
        for locale in Locale::ALL {
            let texts = Texts { catalogues: &catalogues, locale };
            for reason in &all {
                let explained = texts.reason(reason);
                assert!(explained.is_some(), "{locale:?}: {reason:?} is not explained");
            }
            for signal in &all_signals {
                assert!(texts.signal(signal).is_some(), "{locale:?}: {signal:?} is not explained");
            }
            for anchor in zhichan_domain::office::Anchor::ALL {
                assert!(texts.text(&format!("explain.anchor.{}", anchor.code())).is_some(), "{locale:?}: {anchor:?}");
            }
        }
    }
}
