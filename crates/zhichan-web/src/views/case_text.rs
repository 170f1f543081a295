//! The case vocabulary in the reader's words. Coded values (kinds, states, outcomes, authorities,
//! jurisdictions, regions, fields, languages, service categories, party sides) are named by
//! `page.coded(group, code)` (the groups are listed in the tests); each step of each kind's table
//! is said as an action (its button) and as an event (its history entry); each state says what
//! happens next; deadlines are named by their rule's label and target clocks say how far they
//! have run. The tests below check every one of these in every catalogue, so no code ever
//! reaches a page.

use zhichan_domain::UserId;
use zhichan_domain::calendar::{self, OffsetUnit, Trigger};
use zhichan_domain::case::{Case, CaseDeadline, CaseEvent, CaseEventBody, CaseKind, CaseState, DeadlineKind};
use zhichan_domain::station::ServiceCategory;

use super::PageContext;

/// Steps said in their own words rather than as the usual step into the same state.
const OWN_WORDS: [(CaseKind, CaseState, CaseState); 4] = [
    // A follow-up question, and a reopened consultation, both go back to the expert.
    (CaseKind::Consultation, CaseState::Answered, CaseState::Assigned),
    (CaseKind::Consultation, CaseState::Closed, CaseState::Assigned),
    // A recusal refused, and granted.
    (CaseKind::TechnicalInvestigation, CaseState::RecusalRequested, CaseState::Notified),
    (CaseKind::TechnicalInvestigation, CaseState::RecusalRequested, CaseState::Requested),
];

/// The catalogue key of a step under `prefix` (`case.move` for its button, `case.step` for its
/// history entry): `prefix.kind.to`, or `prefix.kind.from.to` for the steps of [`OWN_WORDS`].
pub fn step_key(prefix: &str, kind: CaseKind, from: CaseState, to: CaseState) -> String {
    if OWN_WORDS.contains(&(kind, from, to)) {
        format!("{prefix}.{kind}.{from}.{to}")
    } else {
        format!("{prefix}.{kind}.{to}")
    }
}

/// The catalogue key saying what happens next to a case of `kind` in `state`.
pub fn next_key(kind: CaseKind, state: CaseState) -> String {
    format!("case.next.{kind}.{state}")
}

/// The code of a service category, as its catalogue group names it.
pub fn category_code(category: ServiceCategory) -> &'static str {
    match category {
        ServiceCategory::Advice => "advice",
        ServiceCategory::Disputes => "disputes",
        ServiceCategory::Enforcement => "enforcement",
    }
}

/// A deadline's name: the service target's, the opposition deadline with the filing it comes
/// from, or the words of who set it.
pub fn deadline_name(page: &PageContext, deadline: &CaseDeadline) -> String {
    match deadline.kind {
        DeadlineKind::Target => page.t(&format!("case.deadline.{}", deadline.label)).to_owned(),
        DeadlineKind::Opposition => page.fill("case.deadline.opposition", &[("filing", deadline.label.clone())]),
        DeadlineKind::Set => deadline.label.clone(),
    }
}

/// How far an open service target has run: "30-day target: day 12 of 30" (the day counted
/// from the step that started it, when the history shows it), "2-working-day target". `None`
/// for other deadlines and met targets.
pub fn clock(page: &PageContext, case: &Case, history: &[CaseEvent], deadline: &CaseDeadline) -> Option<String> {
    if deadline.kind != DeadlineKind::Target || deadline.met_at.is_some() {
        return None;
    }
    let rules: Vec<&calendar::DeadlineRule> = calendar::TARGETS
        .iter()
        .filter(|rule| rule.label == deadline.label && trigger_kind(rule.trigger) == case.kind)
        .collect();
    let offset = rules.first()?.offset;
    let count = offset.amount.to_string();
    let target = match offset.unit {
        OffsetUnit::Days => page.fill("case.clock.days", &[("count", count.clone())]),
        OffsetUnit::WorkingDays => page.fill("case.clock.working_days", &[("count", count.clone())]),
        OffsetUnit::Months => page.fill("case.clock.months", &[("count", count.clone())]),
    };
    let started = history.iter().rev().find(|event| rules.iter().any(|rule| starts(rule.trigger, event)));
    match (offset.unit, started) {
        (OffsetUnit::Days, Some(event)) => {
            let start = page.local_date(&event.at);
            let day = (page.today() - start).num_days().max(1).to_string();
            let progress = page.fill("case.clock.progress", &[("day", day), ("count", count)]);
            Some(format!("{target}{}{progress}", page.t("case.clock.separator")))
        }
        _ => Some(target),
    }
}

/// The kind of case a rule's trigger is about.
fn trigger_kind(trigger: Trigger) -> CaseKind {
    match trigger {
        Trigger::Entered(kind, _) | Trigger::Step(kind, _, _) => kind,
    }
}

/// Whether a history entry is the event that starts a rule's clock.
fn starts(trigger: Trigger, event: &CaseEvent) -> bool {
    match (trigger, &event.body) {
        (Trigger::Entered(_, state), CaseEventBody::Opened { state: opened }) => state == *opened,
        (Trigger::Entered(_, state), CaseEventBody::Transition { to, .. }) => state == *to,
        (Trigger::Step(_, from, to), CaseEventBody::Transition { from: moved_from, to: moved_to, .. }) => {
            (from, to) == (*moved_from, *moved_to)
        }
        _ => false,
    }
}

/// What a history entry of a case of `kind` says happened, naming people with `name`: the step
/// taken (with the outcome a case closed with), who was appointed, or what was added.
pub fn headline(page: &PageContext, kind: CaseKind, body: &CaseEventBody, name: impl Fn(UserId) -> String) -> String {
    match body {
        CaseEventBody::Opened { state } => {
            page.fill("case.event.opened", &[("state", page.coded("case.state", state.code()).to_owned())])
        }
        CaseEventBody::Transition { from, to, outcome, .. } => {
            let step = page.t(&step_key("case.step", kind, *from, *to)).to_owned();
            match outcome {
                Some(outcome) => page.fill(
                    "case.event.closed_with",
                    &[("step", step), ("outcome", page.coded("case.outcome", outcome.code()).to_owned())],
                ),
                None => step,
            }
        }
        CaseEventBody::Assigned { user_id: Some(user_id) } => {
            page.fill("case.event.assigned", &[("person", name(*user_id))])
        }
        CaseEventBody::Assigned { user_id: None } => page.t("case.event.unassigned").to_owned(),
        CaseEventBody::Disclosed { user_id, .. } => page.fill("case.event.disclosed", &[("person", name(*user_id))]),
        CaseEventBody::Message { .. } => page.t("case.event.message").to_owned(),
        CaseEventBody::Note { .. } => page.t("case.event.note").to_owned(),
        CaseEventBody::Evidence(_) => page.t("case.event.evidence").to_owned(),
        CaseEventBody::Opinion { .. } => page.t("case.event.opinion").to_owned(),
        CaseEventBody::AlertJoined { .. } => page.t("case.event.alert_joined").to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use chrono::{TimeZone, Utc};
    use zhichan_domain::Locale;
    use zhichan_domain::case::{
        Authority, CaseDeadlineId, CaseEventId, CaseId, CaseParticulars, EvidenceFile, Jurisdiction, Outcome,
        Visibility,
    };
    use zhichan_domain::expertise::{Language, Region, TechnicalField};
    use zhichan_domain::station::StationId;

    use super::*;
    use crate::i18n::Catalogues;

    fn page(locale: Locale) -> PageContext {
        PageContext::anonymous(locale, Arc::new(Catalogues::builtin().expect("catalogues")), "/cases/1")
    }

    fn missing(page: &PageContext, keys: impl IntoIterator<Item = String>) -> Vec<String> {
        keys.into_iter().filter(|key| page.t(key) == key.as_str()).collect()
    }

    /// The groups of coded values the case pages name with `page.coded`, each with every code.
    fn vocabularies() -> Vec<(&'static str, Vec<&'static str>)> {
        fn codes<T: Copy>(all: &[T], code: impl Fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|value| code(*value)).collect()
        }
        let categories = [ServiceCategory::Advice, ServiceCategory::Disputes, ServiceCategory::Enforcement];
        vec![
            ("case.kind", codes(CaseKind::ALL, CaseKind::code)),
            ("case.kind_about", codes(CaseKind::ALL, CaseKind::code)),
            ("case.state", codes(&CaseState::ALL, CaseState::code)),
            ("case.outcome", codes(Outcome::ALL, Outcome::code)),
            ("case.authority", codes(Authority::ALL, Authority::code)),
            ("case.jurisdiction", codes(Jurisdiction::ALL, Jurisdiction::code)),
            ("case.category", codes(&categories, category_code)),
            ("case.side", vec!["applicant", "respondent"]),
            ("case.role", vec!["admin", "staff", "assignee", "applicant", "respondent"]),
            ("case.entry", vec!["message", "note", "opinion"]),
            ("case.stage", vec!["done", "current", "ahead"]),
            ("expertise.region", codes(Region::ALL, Region::code)),
            ("expertise.field", codes(TechnicalField::ALL, TechnicalField::code)),
            ("expertise.language", codes(Language::ALL, Language::code)),
        ]
    }

    /// Every key the case pages build from the domain's tables.
    fn built_keys() -> Vec<String> {
        let mut keys = Vec::new();
        for (group, codes) in vocabularies() {
            keys.extend(codes.into_iter().map(|code| format!("{group}.{code}")));
        }
        for &kind in CaseKind::ALL {
            for &from in kind.states() {
                keys.push(next_key(kind, from));
                for &to in kind.next(from) {
                    keys.push(step_key("case.move", kind, from, to));
                    keys.push(step_key("case.step", kind, from, to));
                }
            }
        }
        for rule in calendar::TARGETS {
            keys.push(format!("case.deadline.{}", rule.label));
        }
        keys
    }

    #[test]
    fn every_kind_state_step_and_coded_value_has_text_in_every_language() {
        let keys = built_keys();
        assert!(keys.len() > 150, "the tables were walked ({})", keys.len());
        for locale in Locale::ALL {
            let page = page(locale);
            assert_eq!(missing(&page, keys.clone()), Vec::<String>::new(), "{}", locale.tag());
        }
    }

    #[test]
    fn chinese_pages_never_show_a_code() {
        for locale in [Locale::ZhHans, Locale::ZhHant] {
            let page = page(locale);
            for key in built_keys() {
                let text = page.t(&key);
                assert!(!text.contains('_'), "{} {key}: {text}", locale.tag());
                if key.starts_with("case.state.") || key.starts_with("case.kind.") {
                    assert!(!text.is_ascii(), "{} {key}: {text}", locale.tag());
                }
            }
        }
    }

    fn event(at: chrono::DateTime<Utc>, body: CaseEventBody) -> CaseEvent {
        CaseEvent {
            id: CaseEventId::new(1),
            case_id: CaseId::new(1),
            seq: 1,
            at,
            actor_user_id: None,
            visibility: Visibility::Parties,
            body,
            hash: String::new(),
        }
    }

    fn mediation() -> Case {
        Case {
            id: CaseId::new(1),
            kind: CaseKind::Mediation,
            state: CaseState::Accepted,
            title: "t".into(),
            summary: "s".into(),
            station_id: StationId::new(1),
            parties: vec![],
            assignee_user_id: None,
            particulars: CaseParticulars::default(),
            outcome: None,
            alert_ids: vec![],
            opened_by: None,
            created_at: Utc::now(),
            state_since: Utc::now(),
            closed_at: None,
        }
    }

    #[test]
    fn a_target_clock_counts_from_the_step_that_started_it() {
        let case = mediation();
        let accepted_at = Utc::now() - chrono::Duration::days(11);
        let history = [
            event(accepted_at - chrono::Duration::days(3), CaseEventBody::Opened { state: CaseState::Applied }),
            event(
                accepted_at,
                CaseEventBody::Transition {
                    from: CaseState::Applied,
                    to: CaseState::Accepted,
                    outcome: None,
                    reason: None,
                },
            ),
        ];
        let deadline = CaseDeadline {
            id: CaseDeadlineId::new(1),
            case_id: case.id,
            kind: DeadlineKind::Target,
            label: "mediation_settlement".into(),
            due: (accepted_at + chrono::Duration::days(30)).date_naive(),
            alert_id: None,
            met_at: None,
        };
        let en = page(Locale::En);
        let said = clock(&en, &case, &history, &deadline).expect("a clock");
        let day = (en.today() - en.local_date(&accepted_at)).num_days();
        assert_eq!(said, format!("30-day target: day {day} of 30"));
        let hans = clock(&page(Locale::ZhHans), &case, &history, &deadline).expect("a clock");
        assert!(hans.contains("30 天") && hans.contains(&format!("第 {day} 天")), "{hans}");

        let met = CaseDeadline { met_at: Some(Utc::now()), ..deadline.clone() };
        assert_eq!(clock(&en, &case, &history, &met), None, "a met target has stopped");
        let working = CaseDeadline { label: "consultation_answer".into(), ..deadline.clone() };
        let consultation = Case { kind: CaseKind::Consultation, ..case };
        assert_eq!(clock(&en, &consultation, &[], &working).as_deref(), Some("2-working-day target"));
    }

    #[test]
    fn deadlines_and_history_entries_are_named_in_words() {
        let zh = page(Locale::ZhHans);
        let at = Utc.with_ymd_and_hms(2026, 12, 6, 8, 30, 0).single().expect("a time");
        let opposition = CaseDeadline {
            id: CaseDeadlineId::new(1),
            case_id: CaseId::new(1),
            kind: DeadlineKind::Opposition,
            label: "EM 019000001".into(),
            due: at.date_naive(),
            alert_id: None,
            met_at: None,
        };
        let named = deadline_name(&zh, &opposition);
        assert!(named.contains("EM 019000001") && named.contains("异议"), "{named}");
        let file = EvidenceFile {
            file_name: "a.pdf".into(),
            media_type: "application/pdf".into(),
            size: 1,
            sha256: "0".into(),
        };
        let bodies = [
            CaseEventBody::Opened { state: CaseState::Applied },
            CaseEventBody::Transition {
                from: CaseState::Applied,
                to: CaseState::Accepted,
                outcome: None,
                reason: None,
            },
            CaseEventBody::Transition {
                from: CaseState::Settled,
                to: CaseState::Closed,
                outcome: Some(Outcome::Settled),
                reason: Some("r".into()),
            },
            CaseEventBody::Assigned { user_id: Some(UserId::new(1)) },
            CaseEventBody::Assigned { user_id: None },
            CaseEventBody::Disclosed { user_id: UserId::new(1), text: "t".into() },
            CaseEventBody::Message { text: "t".into() },
            CaseEventBody::Note { text: "t".into() },
            CaseEventBody::Evidence(file),
            CaseEventBody::Opinion { text: "t".into() },
            CaseEventBody::AlertJoined { alert_id: 1.into() },
        ];
        for locale in Locale::ALL {
            let page = page(locale);
            for body in &bodies {
                let said = headline(&page, CaseKind::Mediation, body, |_| "黄嘉慧".to_owned());
                assert!(!said.contains("case.") && !said.contains('{'), "{}: {said}", locale.tag());
            }
        }
    }
}
