//! An alert's reasons and signals in the reader's language. The watch stores each as
//! `{ code, text, details }` with an English `text`; a page fills the catalogue's
//! `explain.<code>` template with the entry's `details` instead — `{name}` stands for a detail,
//! lists are joined, and coded values (practice rules, goods relations, anchors, party relations)
//! are translated in turn. Where the catalogue has no template or the details lack a field the
//! template names (an entry written by an older version), the stored English text is shown.

use serde_json::Value;
use zhichan_domain::Locale;

use crate::i18n::Catalogues;

/// A reason or signal of an alert, ready to show.
pub struct Explained {
    /// The stable code (`spelling`, `no_own_mark`, …).
    pub code: String,
    /// What it says, in the page's language where the catalogue can say it.
    pub text: String,
}

/// The entries of a reasons or signals array, explained in `locale`.
pub fn explained(entries: &Value, catalogues: &Catalogues, locale: Locale) -> Vec<Explained> {
    let texts = Texts { catalogues, locale };
    let entries = entries.as_array().map(Vec::as_slice).unwrap_or_default();
    entries
        .iter()
        .map(|entry| {
            let code = entry["code"].as_str().unwrap_or_default().to_owned();
            let stored = || entry["text"].as_str().unwrap_or_default().to_owned();
            let text = texts.template("explain", &code, &entry["details"]).unwrap_or_else(stored);
            Explained { code, text }
        })
        .collect()
}

/// The catalogues in one language.
struct Texts<'a> {
    catalogues: &'a Catalogues,
    locale: Locale,
}

impl Texts<'_> {
    /// The catalogue's `{group}.{code}` template filled from `details`.
    fn template(&self, group: &str, code: &str, details: &Value) -> Option<String> {
        let template = self.catalogues.get(self.locale, &format!("{group}.{code}"))?;
        fill(template, |name| self.field(name, details))
    }

    /// The text of `{group}.{code}` for a coded value.
    fn coded(&self, group: &str, code: &Value) -> Option<String> {
        self.catalogues.get(self.locale, &format!("{group}.{}", code.as_str()?)).map(str::to_owned)
    }

    /// A template's `{name}`: a coded value translated, else the detail itself.
    fn field(&self, name: &str, details: &Value) -> Option<String> {
        match name {
            "rule_text" => self.coded("explain.rule", &details["rule"]),
            "effect_text" => self.coded("explain.effect", &details["effect"]),
            "relation_text" => {
                let relation = &details["relation"];
                self.template("explain.goods", relation["kind"].as_str()?, relation)
            }
            "party_relation" => self.coded("watch.relation", &details["relation"]),
            "anchor_text" => self.coded("explain.anchor", &details["anchor"]),
            "period" => {
                let (unit, count) = details["rule"]["period"].as_object()?.iter().next()?;
                let unit = if count.as_u64() == Some(1) { format!("{unit}_one") } else { unit.clone() };
                self.template("explain.period", &unit, &serde_json::json!({ "count": count }))
            }
            "translated_text" => match details["translated"].as_array() {
                Some(words) if !words.is_empty() => self.template("explain", "partly_translated", details),
                _ => Some(String::new()),
            },
            "extension" => match details["extendable_to"].as_str() {
                Some(date) => self.template("explain", "extendable", &serde_json::json!({ "date": date })),
                None => Some(String::new()),
            },
            "own_offices_text" => match self.list(&details["own_offices"])? {
                held if held.is_empty() => self.catalogues.get(self.locale, "explain.none_found").map(str::to_owned),
                held => Some(held),
            },
            _ => self.list(&details[name]),
        }
    }

    /// A detail as text: a string or number as it is, a list joined, a pair as `a/b`.
    fn list(&self, value: &Value) -> Option<String> {
        let pair = |item: &Value| Some(format!("{}/{}", item.get(0)?.as_str()?, item.get(1)?.as_str()?));
        let items: Vec<String> = match value {
            Value::String(text) => return Some(text.clone()),
            Value::Number(number) => return Some(number.to_string()),
            Value::Array(items) => items
                .iter()
                .map(|item| item.as_str().map(str::to_owned).or_else(|| pair(item)))
                .collect::<Option<_>>()?,
            _ => return None,
        };
        let separator = self.catalogues.get(self.locale, "explain.separator").unwrap_or(", ");
        Some(items.join(separator))
    }
}

/// `template` with every `{name}` replaced by `value(name)`; `None` when a value is missing.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> Option<String> {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}')? + open;
        out.push_str(&value(&rest[open + 1..close])?);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Some(out)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn explain(locale: Locale, entries: Value) -> Vec<String> {
        let catalogues = Catalogues::builtin().expect("catalogues");
        explained(&entries, &catalogues, locale).into_iter().map(|e| e.text).collect()
    }

    /// Reasons and signals as the watch stores them (the similarity crate's serialisation).
    fn stored() -> Value {
        json!([
            { "code": "spelling", "text": "similar spelling: HISENSE ~ HISENCE",
              "details": { "code": "spelling", "watched": "HISENSE", "filing": "HISENCE" } },
            { "code": "look_alike", "text": "look-alike characters: 哈/恰",
              "details": { "code": "look_alike", "pairs": [["哈", "恰"], ["哈", "恰"]] } },
            { "code": "practice", "text": "CNIPA practice, rule 4 (raised): one of three or more characters differs",
              "details": { "code": "practice", "rule": "one_character_differs", "effect": "raised" } },
            { "code": "goods", "text": "goods: same class 9",
              "details": { "code": "goods", "relation": { "kind": "same_class", "class": 9 } } },
            { "code": "opposition_deadline", "text": "US opposition closes 2026-03-01 …",
              "details": { "office": "US", "anchor": "publication", "anchor_date": "2025-12-01", "due": "2026-01-01",
                           "extendable_to": "2026-06-01", "source": "15 U.S.C. 1063",
                           "rule": { "shape": "extensible", "period": { "days": 30 }, "from": "publication" } } },
            { "code": "no_own_mark", "text": "the organisation holds no mark of its own in DE",
              "details": { "territories": ["DE", "FR"], "own_offices": [] } },
            { "code": "declared_party", "text": "the applicant X is the organisation's declared distributor",
              "details": { "party_id": 1, "name": "Euro Trade GmbH", "relation": "distributor" } },
        ])
    }

    #[test]
    fn details_fill_the_readers_language() {
        let zh = explain(Locale::ZhHans, stored());
        assert!(zh[0].contains("HISENSE") && zh[0].contains("拼写"), "{}", zh[0]);
        assert!(zh[1].contains("哈/恰、哈/恰"), "{}", zh[1]);
        assert!(zh[2].contains("规则4") && zh[2].contains("提高"), "{}", zh[2]);
        assert!(zh[3].contains("第9类"), "{}", zh[3]);
        assert!(zh[4].contains("2026-01-01") && zh[4].contains("30 天") && zh[4].contains("2026-06-01"), "{}", zh[4]);
        assert!(zh[5].contains("DE、FR") && zh[5].contains("未找到"), "{}", zh[5]);
        assert!(zh[6].contains("Euro Trade GmbH") && zh[6].contains("经销商"), "{}", zh[6]);
        let hant = explain(Locale::ZhHant, stored());
        assert!(hant[3].contains("第9類"), "{}", hant[3]);
        let en = explain(Locale::En, stored());
        assert!(en[2].contains("rule 4") && en[2].contains("raised"), "{}", en[2]);
        assert!(en[4].contains("30 days"), "{}", en[4]);
        for text in zh.iter().chain(&hant).chain(&en) {
            assert!(!text.contains('{') && !text.contains('}'), "unfilled: {text}");
        }
    }

    #[test]
    fn entries_without_usable_details_keep_the_stored_text() {
        let older = json!([
            { "code": "spelling", "text": "similar spelling: A ~ B", "details": { "code": "spelling" } },
            { "code": "something_new", "text": "said in English", "details": {} },
        ]);
        assert_eq!(explain(Locale::ZhHans, older), ["similar spelling: A ~ B", "said in English"]);
        assert!(explain(Locale::En, Value::Null).is_empty());
    }

    #[test]
    fn every_reason_and_signal_has_a_template_in_every_language() {
        let catalogues = Catalogues::builtin().expect("catalogues");
        for locale in [Locale::ZhHans, Locale::ZhHant, Locale::En] {
            for key in catalogues.keys(locale) {
                let code = key.strip_prefix("alert.reason.").or_else(|| key.strip_prefix("alert.signal."));
                if let Some(code) = code {
                    assert!(catalogues.get(locale, &format!("explain.{code}")).is_some(), "explain.{code}");
                }
            }
        }
    }
}
