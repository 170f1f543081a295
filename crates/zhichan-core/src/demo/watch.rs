//! The demo's watch: the demo enterprises watch their brands in every form, declare a distributor
//! and a patent query, and a batch of fictitious filings — the copies squatters make — is imported
//! so the alert inbox and the deadline calendar have something to show. Dates are counted back
//! from today, so the deadlines lie ahead whenever the demo starts.

use std::path::Path;

use chrono::{Days, NaiveDate, Utc};
use serde_json::json;
use zhichan_domain::records::{ClassEntry, LocalizedText, MarkStatus, Party, Patent, Record, Trademark};
use zhichan_domain::{OfficeCode, OrgId, OrganisationFilter, Page};

use crate::import::{ImportOptions, ImportReport, Quiet};
use crate::watch::{PatentWatchInput, WatchPartyInput, WatchedMarkInput};
use crate::{Core, CoreError, CoreResult, RequestContext};

/// What one demo enterprise watches.
struct DemoWatch {
    organisation: &'static str,
    label: &'static str,
    forms: &'static [&'static str],
    classes: &'static [u8],
    distributor: Option<&'static str>,
    patent_query: Option<(&'static str, &'static str)>,
}

const WATCHES: &[DemoWatch] = &[
    DemoWatch {
        organisation: "深圳市海鹰电子科技有限公司",
        label: "海鹰 HAIYING",
        forms: &["海鹰", "HAIYING", "HOI YING"],
        classes: &[9, 11],
        distributor: Some("Elektro Vertrieb Schmidt GmbH"),
        patent_query: Some(("竞争对手：充电器", "ti:charger AND applicant:voltmax")),
    },
    DemoWatch {
        organisation: "深圳市光域照明有限公司",
        label: "光域 GUANGYU",
        forms: &["光域", "GUANGYU", "KWONG WIK"],
        classes: &[11],
        distributor: None,
        patent_query: None,
    },
    DemoWatch {
        organisation: "深圳市福永无人机系统有限公司",
        label: "福永 FUYONG",
        forms: &["福永", "FUYONG"],
        classes: &[12],
        distributor: None,
        patent_query: Some(("无人机避障", "ipc:B64* AND (obstacle OR collision)")),
    },
];

impl Core {
    /// Sets up the demo enterprises' watch once (when the first of them watches nothing yet) and
    /// imports the fictitious filings it should catch, writing them to `dir` first. `None` when
    /// the demo watch already exists.
    pub async fn seed_demo_watch(&self, dir: &Path) -> CoreResult<Option<ImportReport>> {
        let context = RequestContext::cli();
        for (n, demo) in WATCHES.iter().enumerate() {
            let filter = OrganisationFilter { name_contains: Some(demo.organisation.into()), ..Default::default() };
            let Some(organisation) = self.store.organisations(&filter, Page::first(1)).await?.into_iter().next() else {
                return Err(CoreError::internal(format!("demo organisation {} is missing", demo.organisation)));
            };
            if n == 0 && !self.store.watched_marks(Some(organisation.id), Page::first(1)).await?.is_empty() {
                return Ok(None);
            }
            let mark = WatchedMarkInput {
                label: demo.label.into(),
                forms: demo.forms.iter().map(|f| (*f).to_owned()).collect(),
                classes: demo.classes.to_vec(),
                offices: Vec::new(),
            }
            .parse()?;
            let audit = demo_audit(&context, "watched_mark.create", organisation.id);
            self.store.create_watched_mark(organisation.id, None, &mark, audit).await?;
            if let Some(name) = demo.distributor {
                let party = WatchPartyInput { name: name.into(), relation: "distributor".into() }.parse()?;
                let audit = demo_audit(&context, "watch_party.create", organisation.id);
                self.store.create_watch_party(organisation.id, &party, audit).await?;
            }
            if let Some((label, query)) = demo.patent_query {
                let watch = PatentWatchInput { label: label.into(), query: query.into() }.parse()?;
                let audit = demo_audit(&context, "patent_watch.create", organisation.id);
                self.store.create_patent_watch(organisation.id, None, &watch, audit).await?;
            }
        }
        std::fs::create_dir_all(dir).map_err(|e| CoreError::internal(format!("{}: {e}", dir.display())))?;
        let path = dir.join("demo-filings.jsonl");
        let lines: Vec<String> = demo_filings(Utc::now().date_naive())
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<_, _>>()
            .map_err(CoreError::internal)?;
        std::fs::write(&path, lines.join("\n")).map_err(|e| CoreError::internal(format!("{}: {e}", path.display())))?;
        Ok(Some(self.import(None, &[path], &ImportOptions::default(), &Quiet).await?))
    }
}

fn demo_audit(context: &RequestContext, action: &str, organisation_id: OrgId) -> zhichan_domain::AuditEntry {
    let target = action.split('.').next().unwrap_or(action);
    crate::audit::entry(None, context, action, (target, None), Some(organisation_id), json!({ "demo": true }))
}

/// The fictitious filings: the copies a squatter makes of the demo brands, one stranger, and two
/// patents for the patent watches.
fn demo_filings(today: NaiveDate) -> Vec<Record> {
    let ago = |days: u64| today.checked_sub_days(Days::new(days));
    let mark = |office: &str, number: &str, text: &str, class: u8, owner: &str, published: u64| {
        let mut mark = Trademark::new(OfficeCode::parse(office).expect("demo office codes are valid"), number);
        mark.mark_text = Some(text.into());
        mark.classes = vec![ClassEntry::new(zhichan_domain::NiceClass::new(class).expect("demo classes are valid"))];
        mark.owners = vec![Party { name: owner.into(), ..Party::default() }];
        mark.dates.filing = ago(published + 60);
        mark.dates.publication = ago(published);
        mark.status.stage = MarkStatus::Published;
        Record::from(mark)
    };
    let mut registered = mark("DE", "3020260417731", "HAIYING", 9, "Elektro Vertrieb Schmidt GmbH", 25);
    if let Record::Trademark(mark) = &mut registered {
        mark.dates.registration = ago(25);
        mark.status.stage = MarkStatus::Registered;
    }
    let patent = |number: &str, title: &str, applicant: &str, ipc: &str| {
        let mut patent = Patent::new(OfficeCode::parse("US").expect("valid"), number);
        patent.titles = vec![LocalizedText::new(Some("en"), title)];
        patent.applicants = vec![Party { name: applicant.into(), ..Party::default() }];
        patent.ipc = vec![ipc.into()];
        patent.dates.publication = ago(7);
        Record::from(patent)
    };
    vec![
        registered,
        mark("BR", "930118452", "HAI YING", 11, "Rio Importadora de Eletrônicos Ltda", 12),
        mark("US", "99512377", "海鷹", 9, "Pacific Gadget Trading LLC", 9),
        mark("EM", "019204561", "HAIYNG", 9, "Nordlicht Handels GmbH", 30),
        mark("GB", "UK00004123987", "KWONG WIK", 11, "Bright Lamps UK Ltd", 20),
        mark("US", "99512400", "SUNFLOWER GARDEN", 9, "Sunflower Garden Inc.", 5),
        patent("US20260412345A1", "Fast charger with gallium nitride switches", "VoltMax Power Inc.", "H02J 7/00"),
        patent(
            "US20260498765A1",
            "Obstacle avoidance for small unmanned aircraft",
            "Skyward Drones Inc.",
            "B64C 39/02",
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_watches_are_valid() {
        for demo in WATCHES {
            if let Some((label, query)) = demo.patent_query {
                PatentWatchInput { label: label.into(), query: query.into() }.parse().expect(query);
            }
        }
        assert_eq!(demo_filings(NaiveDate::from_ymd_opt(2026, 12, 4).expect("date")).len(), 8);
    }
}
