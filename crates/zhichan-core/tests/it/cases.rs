//! Service cases through the use cases, on SQLite and (when configured) PostgreSQL: every kind's
//! table walked and refused, who sees and moves what, escalation from an alert, and tampering
//! detected after a direct edit of the database.

use chrono::Utc;
use zhichan_core::case::{AssignInput, CaseQuery, EntryInput, EntryKind, EscalateInput, OpenCase, TransitionInput};
use zhichan_core::organisations::{MemberInput, ProfileInput};
use zhichan_core::{Actor, Core, CoreError, CoreSettings, RequestContext};
use zhichan_domain::case::{CaseEventBody, CaseId, CaseKind, CaseState, DeadlineKind, Outcome};
use zhichan_domain::{OrgId, OrgKind, Page};

/// The cores under test: SQLite always, PostgreSQL when `ZHICHAN_TEST_DATABASE_URL` is set.
async fn cores() -> Vec<(Core, String, Option<tempfile::TempDir>)> {
    let dir = tempfile::tempdir().expect("temporary directory");
    let sqlite = format!("sqlite:{}", dir.path().join("core.sqlite3").display());
    let mut cores = vec![(Core::open(&sqlite, CoreSettings::default()).await.expect("open"), sqlite, Some(dir))];
    if let Some(url) = zhichan_testkit::postgres_test_database().await {
        cores.push((Core::open(&url, CoreSettings::default()).await.expect("open"), url, None));
    }
    cores
}

/// The people of one case world.
struct World {
    core: Core,
    url: String,
    admin: Actor,
    staff: Actor,
    shajing_staff: Actor,
    xixiang_staff: Actor,
    expert: Actor,
    mediator: Actor,
    other_mediator: Actor,
    investigator: Actor,
    haiying: (OrgId, Actor),
    gangtong: (OrgId, Actor),
    stranger: (OrgId, Actor),
    _dir: Option<tempfile::TempDir>,
}

async fn member(core: &Core, admin: &Actor, organisation: OrgId, email: &str, role: &str) -> Actor {
    let input = MemberInput {
        email: email.into(),
        display_name: email.into(),
        password: "a-long-secret-1".into(),
        roles: vec![role.into()],
    };
    Actor::new(core.add_member(admin, organisation, &input, &RequestContext::cli()).await.unwrap())
}

async fn organisation(core: &Core, admin: &Actor, kind: OrgKind, name: &str, street: Option<&str>) -> OrgId {
    let profile = ProfileInput { name_zh: name.into(), street: street.map(str::to_owned), ..ProfileInput::default() };
    core.create_organisation(admin, kind, &profile, &RequestContext::cli()).await.unwrap().id
}

async fn world(core: Core, url: String, dir: Option<tempfile::TempDir>) -> World {
    let admin = Actor::new(core.create_administrator("root@example.cn", "管理员", "a-long-secret-1").await.unwrap());
    let centre = organisation(&core, &admin, OrgKind::Centre, "宝安区知识产权公共服务中心", None).await;
    let firm = organisation(&core, &admin, OrgKind::ServiceProvider, "港澳调解中心", None).await;
    let staff = member(&core, &admin, centre, "staff@centre.cn", "staff").await;
    let shajing_staff = member(&core, &admin, centre, "shajing@centre.cn", "staff").await;
    let xixiang_staff = member(&core, &admin, centre, "xixiang@centre.cn", "staff").await;
    let stations = core.stations().await.unwrap();
    let window = |street: &str| stations.iter().find(|s| s.street.map(|s| s.code()) == Some(street)).unwrap().id;
    let context = RequestContext::cli();
    core.set_staff_station(&admin, &context, shajing_staff.user_id(), Some(window("shajing"))).await.unwrap();
    core.set_staff_station(&admin, &context, xixiang_staff.user_id(), Some(window("xixiang"))).await.unwrap();
    let shajing_staff = Actor::new(shajing_staff.user().clone());
    let expert = member(&core, &admin, centre, "expert@centre.cn", "expert").await;
    let mediator = member(&core, &admin, firm, "mediator@hk.cn", "mediator").await;
    let other_mediator = member(&core, &admin, firm, "other@hk.cn", "mediator").await;
    let investigator = member(&core, &admin, centre, "investigator@centre.cn", "technical_investigator").await;
    let haiying_id = organisation(&core, &admin, OrgKind::Enterprise, "深圳市海鹰电子有限公司", Some("shajing")).await;
    let gangtong_id = organisation(&core, &admin, OrgKind::Enterprise, "港通贸易有限公司", Some("fuyong")).await;
    let stranger_id = organisation(&core, &admin, OrgKind::Enterprise, "远方科技有限公司", Some("xixiang")).await;
    World {
        haiying: (haiying_id, member(&core, &admin, haiying_id, "ip@haiying.cn", "enterprise_member").await),
        gangtong: (gangtong_id, member(&core, &admin, gangtong_id, "legal@gangtong.cn", "enterprise_admin").await),
        stranger: (stranger_id, member(&core, &admin, stranger_id, "boss@yuanfang.cn", "enterprise_member").await),
        core,
        url,
        admin,
        staff,
        shajing_staff,
        xixiang_staff,
        expert,
        mediator,
        other_mediator,
        investigator,
        _dir: dir,
    }
}

fn context() -> RequestContext {
    RequestContext::cli()
}

fn step(to: CaseState) -> TransitionInput {
    TransitionInput { to: to.code().into(), ..TransitionInput::default() }
}

impl World {
    /// A mediation 海鹰 applies for against 港通 (on the platform).
    async fn mediation(&self) -> CaseId {
        let input = OpenCase {
            kind: "mediation".into(),
            title: "前经销商在香港抢注商标".into(),
            summary: "港通在香港以自己的名义申请注册了我司的 HAIYING 商标，希望调解解决。".into(),
            organisation_id: Some(self.haiying.0),
            respondent_organisation_id: Some(self.gangtong.0),
            language: Some("cantonese".into()),
            ..OpenCase::default()
        };
        // Only the centre may name a respondent organisation on the platform.
        self.core.open_case(&self.staff, &context(), input).await.unwrap().id
    }

    async fn moves(&self, actor: &Actor, id: CaseId, to: CaseState) -> Result<CaseState, CoreError> {
        self.core.transition_case(actor, &context(), id, step(to)).await.map(|case| case.state)
    }
}

#[tokio::test]
async fn a_mediation_runs_from_application_to_settlement() {
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let id = w.mediation().await;
        let case = w.core.case(&w.haiying.1, id).await.unwrap().case;
        assert_eq!(case.state, CaseState::Applied);
        assert_eq!(case.reference(), format!("MED-{:06}", id.get()));
        let shajing = w.core.stations().await.unwrap().into_iter().find(|s| s.name_en.starts_with("Shajing")).unwrap();
        assert_eq!(case.station_id, shajing.id, "routed to the applicant's street window");

        // The applicant cannot accept its own application; the respondent can.
        assert!(matches!(w.moves(&w.haiying.1, id, CaseState::Accepted).await, Err(CoreError::Forbidden)));
        assert_eq!(w.moves(&w.gangtong.1, id, CaseState::Accepted).await.unwrap(), CaseState::Accepted);
        let detail = w.core.case(&w.staff, id).await.unwrap();
        let target = detail.deadlines.iter().find(|d| d.kind == DeadlineKind::Target).expect("the 30-day clock");
        assert_eq!(target.label, "mediation_settlement");
        assert_eq!(target.due, zhichan_core::district_today() + chrono::Days::new(30));

        // A mediator is appointed by the centre, which moves the case.
        let appoint = AssignInput { user_id: w.mediator.user_id(), consent: false };
        assert!(matches!(
            w.core.assign_case(&w.haiying.1, &context(), id, appoint.clone()).await,
            Err(CoreError::Forbidden)
        ));
        let appointed = w.core.assign_case(&w.shajing_staff, &context(), id, appoint).await.unwrap();
        assert_eq!(
            (appointed.state, appointed.assignee_user_id),
            (CaseState::MediatorAppointed, Some(w.mediator.user_id()))
        );
        let not_a_mediator = AssignInput { user_id: w.expert.user_id(), consent: false };
        assert!(matches!(
            w.core.assign_case(&w.staff, &context(), id, not_a_mediator).await,
            Err(CoreError::Invalid(_))
        ));

        assert_eq!(w.moves(&w.mediator, id, CaseState::InSession).await.unwrap(), CaseState::InSession);
        assert!(matches!(w.moves(&w.mediator, id, CaseState::Closed).await, Err(CoreError::IllegalTransition(_))));
        assert_eq!(w.moves(&w.mediator, id, CaseState::Settled).await.unwrap(), CaseState::Settled);
        assert!(
            matches!(w.moves(&w.mediator, id, CaseState::Closed).await, Err(CoreError::Forbidden)),
            "the centre closes"
        );
        assert_eq!(w.moves(&w.staff, id, CaseState::Closed).await.unwrap(), CaseState::Closed);

        let detail = w.core.case(&w.admin, id).await.unwrap();
        assert!(detail.case.closed_at.is_some());
        assert!(detail.deadlines.iter().all(|d| d.met_at.is_some()), "settling met the 30-day target");
        let steps: Vec<CaseState> = detail
            .history
            .iter()
            .filter_map(|event| match event.body {
                CaseEventBody::Transition { to, .. } => Some(to),
                _ => None,
            })
            .collect();
        use CaseState::*;
        assert_eq!(steps, [Accepted, MediatorAppointed, InSession, Settled, Closed]);
        assert!(w.core.verify_case(Some(&w.haiying.1), id).await.unwrap().is_intact());
    }
}

#[tokio::test]
async fn every_kind_walks_its_table_and_refuses_other_steps() {
    use CaseState::*;
    let walks: [(&str, &[CaseState]); 6] = [
        ("consultation", &[Submitted, Assigned, Answered, Assigned, Answered, Closed, Assigned, Answered, Closed]),
        ("rights_assistance", &[Intake, Triage, Assigned, Strategy, Action, Closed]),
        ("mediation", &[Applied, Accepted, MediatorAppointed, InSession, Failed, Closed]),
        (
            "technical_investigation",
            &[Requested, Assigned, Notified, RecusalRequested, Requested, Assigned, Notified, OpinionFiled, Closed],
        ),
        ("enforcement_referral", &[Clue, Referred, Action, Feedback]),
        ("evidence_service", &[Requested, Sent, Returned]),
    ];
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        for (kind, walk) in walks {
            let input = OpenCase {
                kind: kind.into(),
                title: format!("{kind} 测试"),
                summary: "案情".into(),
                organisation_id: Some(w.haiying.0),
                respondent_name: Some("某公司".into()),
                technical_field: Some("electronics".into()),
                requesting_body: Some("深圳市中级人民法院".into()),
                authority: Some("customs".into()),
                jurisdiction: Some("hong_kong".into()),
                ..OpenCase::default()
            };
            let case = w.core.open_case(&w.staff, &context(), input).await.unwrap();
            assert_eq!(case.state, walk[0], "{kind}");
            let assignee = match case.kind {
                CaseKind::Consultation | CaseKind::RightsAssistance => Some(&w.expert),
                CaseKind::Mediation => Some(&w.mediator),
                CaseKind::TechnicalInvestigation => Some(&w.investigator),
                _ => None,
            };
            for pair in walk.windows(2) {
                let (from, to) = (pair[0], pair[1]);
                // Every state of the kind that is not a legal next step is refused with 409.
                for &other in case.kind.states() {
                    if !case.kind.next(from).contains(&other) {
                        let refused = w.moves(&w.admin, case.id, other).await;
                        assert!(
                            matches!(refused, Err(CoreError::IllegalTransition(_))),
                            "{kind}: {from} → {other}: {refused:?}"
                        );
                    }
                }
                let appointment = case.kind.appointed(from) == Some(to);
                let moved = if appointment {
                    let input = AssignInput { user_id: assignee.unwrap().user_id(), consent: false };
                    w.core.assign_case(&w.staff, &context(), case.id, input).await.unwrap().state
                } else {
                    let outcome = (case.kind == CaseKind::RightsAssistance && to == Closed).then(|| "won".to_owned());
                    let input = TransitionInput { to: to.code().into(), outcome, reason: None };
                    w.core.transition_case(&w.admin, &context(), case.id, input).await.unwrap().state
                };
                assert_eq!(moved, to, "{kind}: {from} → {to}");
            }
            let detail = w.core.case(&w.admin, case.id).await.unwrap();
            assert!(detail.case.is_closed(), "{kind} ends closed");
            if case.kind == CaseKind::RightsAssistance {
                assert_eq!(detail.case.outcome, Some(Outcome::Won));
            }
            // A state of another kind is not a step at all.
            assert!(matches!(
                w.moves(&w.admin, case.id, InSession).await,
                Err(CoreError::Invalid(_)) | Err(CoreError::IllegalTransition(_))
            ));
        }
    }
}

#[tokio::test]
async fn everyone_sees_and_moves_only_what_the_access_table_allows() {
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let id = w.mediation().await;
        w.core
            .add_case_entry(
                &w.staff,
                &context(),
                id,
                EntryInput { kind: EntryKind::Note, text: "内部：对方曾有恶意注册记录".into() },
            )
            .await
            .unwrap();
        w.core
            .add_case_entry(
                &w.haiying.1,
                &context(),
                id,
                EntryInput { kind: EntryKind::Message, text: "希望尽快安排".into() },
            )
            .await
            .unwrap();
        let note = |detail: &zhichan_core::case::CaseDetail| {
            detail.history.iter().any(|event| matches!(event.body, CaseEventBody::Note { .. }))
        };

        // Parties see their case without internal notes, and cannot write them.
        for party in [&w.haiying.1, &w.gangtong.1] {
            let detail = w.core.case(party, id).await.unwrap();
            assert!(!note(&detail), "a party never sees internal notes");
            let refused = w
                .core
                .add_case_entry(party, &context(), id, EntryInput { kind: EntryKind::Note, text: "x".into() })
                .await;
            assert!(matches!(refused, Err(CoreError::Forbidden)));
        }
        // Staff of the case's station, the centre and admins see everything; others nothing.
        for insider in [&w.admin, &w.staff, &w.shajing_staff] {
            assert!(note(&w.core.case(insider, id).await.unwrap()));
        }
        for outsider in [&w.stranger.1, &w.xixiang_staff, &w.mediator, &w.other_mediator, &w.expert] {
            assert!(
                matches!(w.core.case(outsider, id).await, Err(CoreError::NotFound("case"))),
                "{}",
                outsider.user().email
            );
            assert!(matches!(w.moves(outsider, id, CaseState::Accepted).await, Err(CoreError::NotFound("case"))));
            let listed = w.core.cases(outsider, &CaseQuery::default(), Page::first(50)).await.unwrap();
            assert!(listed.cases.iter().all(|case| case.id != id));
        }
        // Once appointed, the mediator sees the case (internal notes too); the other does not.
        w.moves(&w.gangtong.1, id, CaseState::Accepted).await.unwrap();
        let appoint = AssignInput { user_id: w.mediator.user_id(), consent: false };
        w.core.assign_case(&w.staff, &context(), id, appoint).await.unwrap();
        assert!(note(&w.core.case(&w.mediator, id).await.unwrap()));
        assert!(matches!(w.core.case(&w.other_mediator, id).await, Err(CoreError::NotFound(_))));
        let mediators_cases = w.core.cases(&w.mediator, &CaseQuery::default(), Page::first(50)).await.unwrap();
        assert_eq!(mediators_cases.cases.iter().map(|case| case.id).collect::<Vec<_>>(), [id]);
        let stations_cases = w.core.cases(&w.xixiang_staff, &CaseQuery::default(), Page::first(50)).await.unwrap();
        assert!(stations_cases.cases.is_empty(), "another station's staff list nothing of Shajing's");

        // Enterprises open only their own party cases, and never the centre's kinds.
        let own = OpenCase {
            kind: "consultation".into(),
            title: "海外商标".into(),
            summary: "问题".into(),
            ..OpenCase::default()
        };
        let mine = w.core.open_case(&w.stranger.1, &context(), own.clone()).await.unwrap();
        assert_eq!(mine.parties[0].organisation_id, Some(w.stranger.0));
        let for_another = OpenCase { organisation_id: Some(w.haiying.0), ..own.clone() };
        assert!(matches!(w.core.open_case(&w.stranger.1, &context(), for_another).await, Err(CoreError::Forbidden)));
        let investigation = OpenCase { kind: "technical_investigation".into(), ..own };
        assert!(matches!(w.core.open_case(&w.stranger.1, &context(), investigation).await, Err(CoreError::Forbidden)));
    }
}

#[tokio::test]
async fn the_technical_opinion_stays_internal() {
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let input = OpenCase {
            kind: "technical_investigation".into(),
            title: "专利侵权纠纷技术事实查明".into(),
            summary: "电源管理芯片方案比对".into(),
            organisation_id: Some(w.haiying.0),
            respondent_organisation_id: Some(w.gangtong.0),
            technical_field: Some("electronics".into()),
            requesting_body: Some("深圳市中级人民法院".into()),
            ..OpenCase::default()
        };
        let id = w.core.open_case(&w.staff, &context(), input).await.unwrap().id;
        w.core
            .assign_case(&w.staff, &context(), id, AssignInput { user_id: w.investigator.user_id(), consent: false })
            .await
            .unwrap();
        w.moves(&w.investigator, id, CaseState::Notified).await.unwrap();
        let opinion =
            EntryInput { kind: EntryKind::Opinion, text: "被诉方案落入权利要求1的保护范围".into() };
        assert!(matches!(
            w.core.add_case_entry(&w.haiying.1, &context(), id, opinion.clone()).await,
            Err(CoreError::Forbidden)
        ));
        let filed = w.core.add_case_entry(&w.investigator, &context(), id, opinion).await.unwrap();
        assert_eq!(filed.state, CaseState::OpinionFiled);
        for party in [&w.haiying.1, &w.gangtong.1] {
            let history = w.core.case(party, id).await.unwrap().history;
            assert!(!history.iter().any(|e| matches!(e.body, CaseEventBody::Opinion { .. })), "never shown to a party");
        }
        let history = w.core.case(&w.investigator, id).await.unwrap().history;
        assert!(history.iter().any(|e| matches!(e.body, CaseEventBody::Opinion { .. })));
    }
}

#[tokio::test]
async fn tampering_with_the_history_is_detected() {
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let id = w.mediation().await;
        w.moves(&w.gangtong.1, id, CaseState::Accepted).await.unwrap();
        w.core
            .add_case_entry(
                &w.haiying.1,
                &context(),
                id,
                EntryInput { kind: EntryKind::Message, text: "同意和解金额 20 万元".into() },
            )
            .await
            .unwrap();
        assert_eq!(w.core.verify_case(None, id).await.unwrap().entries, 3);

        let forge = "UPDATE case_events SET body = replace(body, '20 万元', '2 万元') WHERE seq = 3";
        let move_back = format!("UPDATE cases SET state = 'applied' WHERE id = {}", id.get());
        zhichan_testkit::tamper(&w.url, forge).await;
        zhichan_testkit::tamper(&w.url, &move_back).await;
        let integrity = w.core.verify_case(Some(&w.staff), id).await.unwrap();
        assert!(!integrity.is_intact());
        assert_eq!(integrity.first_altered, Some(3));
        assert_eq!(integrity.recorded_state, Some(CaseState::Accepted), "the row says applied, the history accepted");
        assert!(matches!(w.core.verify_case(Some(&w.stranger.1), id).await, Err(CoreError::NotFound(_))));
    }
}

#[tokio::test]
async fn an_escalated_alert_becomes_a_case_and_keeps_its_deadline() {
    use zhichan_domain::office::OfficeCode;
    use zhichan_domain::records::{RecordKey, RecordKind};
    use zhichan_domain::watch::{AlertStatus, NewAlert, RiskLevel, WatchedMarkFields};
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let store = w.core.store();
        let audit = |action: &str| zhichan_domain::AuditEntry {
            at: Utc::now(),
            actor_user_id: None,
            actor_org_id: None,
            organisation_id: Some(w.haiying.0),
            action: action.into(),
            target_kind: "alert".into(),
            target_id: None,
            ip: None,
            detail: serde_json::json!({}),
        };
        let fields =
            WatchedMarkFields {
                label: "海鹰".into(), forms: vec!["HAIYING".into()], classes: vec![], offices: vec![]
            };
        let mark = store.create_watched_mark(w.haiying.0, None, &fields, audit("watched_mark.create")).await.unwrap();
        let due = zhichan_core::district_today() + chrono::Days::new(20);
        let alert = NewAlert {
            organisation_id: w.haiying.0,
            watched_mark_id: Some(mark.id),
            patent_watch_id: None,
            filing: RecordKey {
                office: OfficeCode::parse("HK").unwrap(),
                kind: RecordKind::Trademark,
                number: "306123456".into(),
            },
            title: Some("HAIYlNG".into()),
            applicant: Some("港通贸易有限公司".into()),
            score: 0.93,
            risk: RiskLevel::High,
            reasons: vec![],
            opposition_deadline: Some(due),
            signals: vec![],
            recipients: vec![],
        };
        let raised = store.raise_alerts(0, 1, &[(alert, audit("alert.raise"))], Utc::now()).await.unwrap();

        let case = w.core.escalate_alert(&w.haiying.1, &context(), raised[0], EscalateInput::default()).await.unwrap();
        assert_eq!(
            (case.kind, case.state, case.alert_ids.as_slice()),
            (CaseKind::RightsAssistance, CaseState::Intake, raised.as_slice())
        );
        assert_eq!(w.core.alert(&w.haiying.1, raised[0]).await.unwrap().status, AlertStatus::Escalated);
        let detail = w.core.case(&w.haiying.1, case.id).await.unwrap();
        assert_eq!(detail.deadlines[0].kind, DeadlineKind::Opposition, "the alert's deadline is the case's first");
        assert_eq!(detail.deadlines[0].due, due);
        let (found, _) = w.core.case_of_alert(&w.staff, raised[0]).await.unwrap().expect("the alert shows its case");
        assert_eq!(found.id, case.id);
        // Escalating again is refused: the alert is already in a case.
        assert!(w.core.escalate_alert(&w.haiying.1, &context(), raised[0], EscalateInput::default()).await.is_err());

        // The deadline stays on the enterprise's calendar and the staff queue until the case closes.
        let calendar = |actor: &Actor| {
            let core = w.core.clone();
            let actor = actor.clone();
            let organisation = w.haiying.0;
            async move { core.upcoming_deadlines(&actor, organisation, 60).await.unwrap() }
        };
        assert!(calendar(&w.haiying.1).await.iter().any(|d| d.alert_id == Some(raised[0]) && d.due == due));
        let queue = w.core.work_queue(&w.staff).await.unwrap();
        assert!(queue.upcoming.iter().any(|d| d.deadline.due == due && d.case.id == case.id));
        let closed = TransitionInput {
            to: "closed".into(),
            outcome: Some("withdrawn".into()),
            reason: Some("已与对方和解".into()),
        };
        w.core.transition_case(&w.haiying.1, &context(), case.id, closed).await.unwrap();
        assert!(
            !calendar(&w.haiying.1).await.iter().any(|d| d.alert_id == Some(raised[0])),
            "gone once the case closes"
        );
        assert!(w.core.work_queue(&w.staff).await.unwrap().upcoming.is_empty());
    }
}

#[tokio::test]
async fn the_people_on_a_case_and_those_to_appoint_are_told_only_to_who_may_see_it() {
    for (core, url, dir) in cores().await {
        let w = world(core, url, dir).await;
        let id = w.mediation().await;
        let names = |people: Vec<zhichan_core::case::CasePerson>| -> Vec<String> {
            people.into_iter().map(|person| person.display_name).collect()
        };

        // The centre appoints from the kind's role: mediators for a mediation.
        let appointable = w.core.appointable(&w.staff, id).await.unwrap();
        let ids: Vec<_> = appointable.iter().map(|user| user.id).collect();
        assert_eq!(ids, [w.mediator.user_id(), w.other_mediator.user_id()]);
        assert!(matches!(w.core.appointable(&w.haiying.1, id).await, Err(CoreError::Forbidden)));
        assert!(matches!(w.core.appointable(&w.mediator, id).await, Err(CoreError::NotFound(_))));

        assert_eq!(w.moves(&w.gangtong.1, id, CaseState::Accepted).await.unwrap(), CaseState::Accepted);
        let appoint = AssignInput { user_id: w.mediator.user_id(), consent: false };
        w.core.assign_case(&w.staff, &context(), id, appoint).await.unwrap();
        let seen_by_party = names(w.core.case_people(&w.haiying.1, id).await.unwrap());
        assert_eq!(
            seen_by_party,
            ["staff@centre.cn", "mediator@hk.cn", "legal@gangtong.cn"],
            "who opened it, who handles it, who accepted it"
        );
        assert!(matches!(w.core.case_people(&w.stranger.1, id).await, Err(CoreError::NotFound(_))));

        let (overviews, next) =
            w.core.case_overviews(&w.haiying.1, &CaseQuery::default(), Page::first(10)).await.unwrap();
        assert_eq!((overviews.len(), next), (1, None));
        let overview = &overviews[0];
        assert_eq!(overview.assignee.as_ref().map(|person| person.display_name.as_str()), Some("mediator@hk.cn"));
        assert_eq!(
            overview.next_deadline.as_ref().map(|deadline| deadline.label.as_str()),
            Some("mediation_settlement")
        );
        let (theirs, _) = w.core.case_overviews(&w.stranger.1, &CaseQuery::default(), Page::first(10)).await.unwrap();
        assert!(theirs.is_empty());
    }
}
