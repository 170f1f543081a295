//! [`CaseStore`] in SQL shared by both backends.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Transaction};
use zhichan_domain::case::chain::{self, Link};
use zhichan_domain::case::{
    Authority, Case, CaseChange, CaseDeadline, CaseDeadlineId, CaseEvent, CaseEventBody, CaseEventId, CaseFilter,
    CaseId, CaseKind, CaseParticulars, CaseParty, CaseState, DeadlineKind, DueCase, Jurisdiction, NewCase,
    NewCaseDeadline, NewCaseEvent, Outcome, PartySide, Visibility,
};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::notify::{Notice, Recipient};
use zhichan_domain::station::{Station, StationId, StationKind};
use zhichan_domain::watch::AlertId;
use zhichan_domain::{AuditEntry, OrgId, Page, Street, UserId};

use super::audit::{RowId, commit_with_audit, create_audited};
use super::notifications::queue_deliveries;
use super::{RowsAffected, SqlBackend, SqlStore, statement};
use crate::cases::NewStation;
use crate::error::classify;
use crate::{CaseStore, StoreError, StoreResult};

/// The columns [`StationRow`] reads.
const STATION_COLUMNS: &str = "id, kind, name_zh, name_en, street, address";
/// The columns [`CaseRow`] reads, qualified so they can be read from a join.
const CASE_COLUMNS: &str = "cases.id, cases.kind, cases.state, cases.title, cases.summary, cases.station_id, \
                            cases.assignee_user_id, cases.technical_field, cases.language, cases.requesting_body, \
                            cases.authority, cases.jurisdiction, cases.outcome, cases.opened_by, cases.created_at, \
                            cases.state_since, cases.closed_at";
/// The columns [`DeadlineRow`] reads.
const DEADLINE_COLUMNS: &str = "case_deadlines.id, case_deadlines.case_id, case_deadlines.kind, case_deadlines.label, \
                                case_deadlines.due, case_deadlines.alert_id, case_deadlines.met_at";
/// The columns [`EventRow`] reads.
const EVENT_COLUMNS: &str = "id, case_id, seq, at, actor_user_id, visibility, body, prev_hash, hash";
/// The conditions of a [`CaseFilter`] on parameters `$1`…`$7`, bound by [`bind_case_filter`].
const CASE_FILTER: &str = "($1 IS NULL OR cases.kind = $1) AND ($2 IS NULL OR cases.state = $2) \
     AND ($3 IS NULL OR ($3 = 1 AND cases.closed_at IS NULL) OR ($3 = 0 AND cases.closed_at IS NOT NULL)) \
     AND ($4 IS NULL OR EXISTS (SELECT 1 FROM case_parties p WHERE p.case_id = cases.id AND p.organisation_id = $4)) \
     AND ($5 IS NULL OR cases.assignee_user_id = $5) AND ($6 IS NULL OR cases.station_id = $6) \
     AND ($7 IS NULL OR EXISTS (SELECT 1 FROM case_alerts a WHERE a.case_id = cases.id AND a.alert_id = $7))";

#[async_trait]
impl<DB: SqlBackend> CaseStore for SqlStore<DB> {
    async fn stations(&self) -> StoreResult<Vec<Station>> {
        let rows: Vec<StationRow> = sqlx::query_as(statement(&[
            "SELECT ",
            STATION_COLUMNS,
            " FROM stations ORDER BY CASE WHEN kind = 'centre' THEN 0 ELSE 1 END, id",
        ]))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(StationRow::into_model).collect()
    }

    async fn create_station(&self, station: &NewStation, audit: AuditEntry) -> StoreResult<Station> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO stations (kind, name_zh, name_en, street, address) VALUES ($1, $2, $3, $4, $5) RETURNING ",
            STATION_COLUMNS,
        ]))
        .bind(station.kind.code())
        .bind(station.name_zh.as_str())
        .bind(station.name_en.as_str())
        .bind(station.street.map(Street::code))
        .bind(station.address.as_str());
        let row: StationRow = create_audited(&self.pool, insert, audit).await?;
        row.into_model()
    }

    async fn staff_station(&self, user_id: UserId) -> StoreResult<Option<StationId>> {
        let station: Option<i64> = sqlx::query_scalar("SELECT station_id FROM station_staff WHERE user_id = $1")
            .bind(user_id.get())
            .fetch_optional(&self.pool)
            .await?;
        Ok(station.map(StationId::new))
    }

    async fn station_staff(&self, station_id: StationId) -> StoreResult<Vec<UserId>> {
        let ids: Vec<i64> =
            sqlx::query_scalar("SELECT user_id FROM station_staff WHERE station_id = $1 ORDER BY user_id")
                .bind(station_id.get())
                .fetch_all(&self.pool)
                .await?;
        Ok(ids.into_iter().map(UserId::new).collect())
    }

    async fn set_staff_station(
        &self,
        user_id: UserId,
        station_id: Option<StationId>,
        audit: AuditEntry,
    ) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM station_staff WHERE user_id = $1").bind(user_id.get()).execute(&mut *tx).await?;
        if let Some(station_id) = station_id {
            sqlx::query("INSERT INTO station_staff (user_id, station_id) VALUES ($1, $2)")
                .bind(user_id.get())
                .bind(station_id.get())
                .execute(&mut *tx)
                .await
                .map_err(classify)?;
        }
        commit_with_audit(tx, &audit).await
    }

    async fn open_case(
        &self,
        case: &NewCase,
        first: &NewCaseEvent,
        deadlines: &[NewCaseDeadline],
        notify: &[Recipient],
        at: DateTime<Utc>,
        mut audit: AuditEntry,
    ) -> StoreResult<Case> {
        let mut tx = self.pool.begin().await?;
        let particulars = &case.particulars;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO cases (kind, state, title, summary, station_id, technical_field, language, \
             requesting_body, authority, jurisdiction, opened_by, created_at, state_since, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12) RETURNING id",
        )
        .bind(case.kind.code())
        .bind(case.kind.initial().code())
        .bind(case.title.as_str())
        .bind(case.summary.as_str())
        .bind(case.station_id.get())
        .bind(particulars.technical_field.map(TechnicalField::code))
        .bind(particulars.language.map(Language::code))
        .bind(particulars.requesting_body.as_deref())
        .bind(particulars.authority.map(Authority::code))
        .bind(particulars.jurisdiction.map(Jurisdiction::code))
        .bind(case.opened_by.map(UserId::get))
        .bind(at)
        .fetch_one(&mut *tx)
        .await?;
        for (position, party) in case.parties.iter().enumerate() {
            sqlx::query(
                "INSERT INTO case_parties (case_id, position, side, organisation_id, name, region) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(position as i64)
            .bind(party.side.code())
            .bind(party.organisation_id.map(OrgId::get))
            .bind(party.name.as_str())
            .bind(party.region.map(Region::code))
            .execute(&mut *tx)
            .await?;
        }
        join_alerts(&mut tx, id, &case.alert_ids, at).await?;
        append_events(&mut tx, id, std::slice::from_ref(first), notify, at).await?;
        add_deadlines(&mut tx, id, deadlines).await?;
        audit.target_id = Some(id.to_string());
        let case = case_in(&mut tx, id).await?;
        commit_with_audit(tx, &audit).await?;
        Ok(case)
    }

    async fn change_case(&self, id: CaseId, change: &CaseChange, audit: AuditEntry) -> StoreResult<Case> {
        let id = id.get();
        let mut tx = self.pool.begin().await?;
        // Writing first takes the row lock (PostgreSQL) or the write lock (SQLite): a concurrent
        // change waits here, then finds the state moved.
        let current = sqlx::query("UPDATE cases SET updated_at = $3 WHERE id = $1 AND state = $2")
            .bind(id)
            .bind(change.expected.code())
            .bind(change.at)
            .execute(&mut *tx)
            .await?;
        if current.rows_affected() == 0 {
            let exists: Option<i64> =
                sqlx::query_scalar("SELECT id FROM cases WHERE id = $1").bind(id).fetch_optional(&mut *tx).await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict { what: "case_state" },
                None => StoreError::NotFound("case"),
            });
        }
        if let Some(state) = change.state {
            let kind: String =
                sqlx::query_scalar("SELECT kind FROM cases WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
            let kind = CaseKind::parse(&kind).map_err(|_| StoreError::Corrupt { field: "cases.kind", value: kind })?;
            let closed_at = kind.is_closed(state).then_some(change.at);
            sqlx::query("UPDATE cases SET state = $2, state_since = $3, closed_at = $4 WHERE id = $1")
                .bind(id)
                .bind(state.code())
                .bind(change.at)
                .bind(closed_at)
                .execute(&mut *tx)
                .await?;
        }
        if let Some(assignee) = change.assignee {
            sqlx::query("UPDATE cases SET assignee_user_id = $2 WHERE id = $1")
                .bind(id)
                .bind(assignee.map(UserId::get))
                .execute(&mut *tx)
                .await?;
        }
        if let Some(outcome) = change.outcome {
            sqlx::query("UPDATE cases SET outcome = $2 WHERE id = $1")
                .bind(id)
                .bind(outcome.code())
                .execute(&mut *tx)
                .await?;
        }
        join_alerts(&mut tx, id, &change.alerts, change.at).await?;
        append_events(&mut tx, id, &change.events, &change.notify, change.at).await?;
        add_deadlines(&mut tx, id, &change.deadlines).await?;
        for met in &change.met {
            sqlx::query("UPDATE case_deadlines SET met_at = $3 WHERE id = $1 AND case_id = $2 AND met_at IS NULL")
                .bind(met.get())
                .bind(id)
                .bind(change.at)
                .execute(&mut *tx)
                .await?;
        }
        let case = case_in(&mut tx, id).await?;
        commit_with_audit(tx, &audit).await?;
        Ok(case)
    }

    async fn case(&self, id: CaseId) -> StoreResult<Option<Case>> {
        let mut conn = self.pool.acquire().await?;
        let row: Option<CaseRow> =
            sqlx::query_as(statement(&["SELECT ", CASE_COLUMNS, " FROM cases WHERE cases.id = $1"]))
                .bind(id.get())
                .fetch_optional(&mut *conn)
                .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(load_cases::<DB>(&mut conn, vec![row]).await?.pop())
    }

    async fn cases(&self, filter: &CaseFilter, page: Page) -> StoreResult<Vec<Case>> {
        let mut conn = self.pool.acquire().await?;
        let query = sqlx::query_as(statement(&[
            "SELECT ",
            CASE_COLUMNS,
            " FROM cases WHERE ",
            CASE_FILTER,
            " AND ($8 IS NULL OR cases.id < $8) ORDER BY cases.id DESC LIMIT $9",
        ]));
        let rows: Vec<CaseRow> =
            bind_case_filter(query, filter).bind(page.after).bind(i64::from(page.limit)).fetch_all(&mut *conn).await?;
        load_cases::<DB>(&mut conn, rows).await
    }

    async fn count_cases(&self, filter: &CaseFilter) -> StoreResult<u64> {
        let query = sqlx::query_as(statement(&["SELECT COUNT(*) FROM cases WHERE ", CASE_FILTER]));
        let (count,): (i64,) = bind_case_filter(query, filter).fetch_one(&self.pool).await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn case_events(&self, id: CaseId, internal: bool) -> StoreResult<Vec<CaseEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(statement(&[
            "SELECT ",
            EVENT_COLUMNS,
            " FROM case_events WHERE case_id = $1 AND ($2 OR visibility = 'parties') ORDER BY seq",
        ]))
        .bind(id.get())
        .bind(internal)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(EventRow::into_model).collect()
    }

    async fn case_chain(&self, id: CaseId) -> StoreResult<Vec<Link>> {
        let rows: Vec<EventRow> =
            sqlx::query_as(statement(&["SELECT ", EVENT_COLUMNS, " FROM case_events WHERE case_id = $1 ORDER BY seq"]))
                .bind(id.get())
                .fetch_all(&self.pool)
                .await?;
        Ok(rows.into_iter().map(EventRow::into_link).collect())
    }

    async fn case_deadlines(&self, id: CaseId) -> StoreResult<Vec<CaseDeadline>> {
        let rows: Vec<DeadlineRow> = sqlx::query_as(statement(&[
            "SELECT ",
            DEADLINE_COLUMNS,
            " FROM case_deadlines WHERE case_id = $1 ORDER BY due, id",
        ]))
        .bind(id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DeadlineRow::into_model).collect()
    }

    async fn case_deadline(&self, id: CaseDeadlineId) -> StoreResult<Option<CaseDeadline>> {
        let row: Option<DeadlineRow> =
            sqlx::query_as(statement(&["SELECT ", DEADLINE_COLUMNS, " FROM case_deadlines WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        row.map(DeadlineRow::into_model).transpose()
    }

    async fn due_cases(&self, filter: &CaseFilter, until: NaiveDate) -> StoreResult<Vec<DueCase>> {
        let mut conn = self.pool.acquire().await?;
        let query = sqlx::query_as(statement(&[
            "SELECT ",
            DEADLINE_COLUMNS,
            " FROM case_deadlines JOIN cases ON cases.id = case_deadlines.case_id WHERE ",
            CASE_FILTER,
            " AND case_deadlines.met_at IS NULL AND cases.closed_at IS NULL AND case_deadlines.due <= $8 \
             ORDER BY case_deadlines.due, case_deadlines.id",
        ]));
        let deadlines: Vec<DeadlineRow> =
            bind_case_filter(query, filter).bind(Some(until)).fetch_all(&mut *conn).await?;
        let mut ids: Vec<i64> = deadlines.iter().map(|row| row.case_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let cases: HashMap<i64, Case> =
            cases_by_id::<DB>(&mut conn, &ids).await?.into_iter().map(|case| (case.id.get(), case)).collect();
        deadlines
            .into_iter()
            .map(|row| {
                let case = cases.get(&row.case_id).cloned().ok_or(StoreError::NotFound("case"))?;
                Ok(DueCase { deadline: row.into_model()?, case })
            })
            .collect()
    }
}

/// Binds a [`CaseFilter`] to `$1`…`$7` of [`CASE_FILTER`].
fn bind_case_filter<'q, DB: SqlBackend, O>(
    query: sqlx::query::QueryAs<'q, DB, O, DB::Arguments>,
    filter: &'q CaseFilter,
) -> sqlx::query::QueryAs<'q, DB, O, DB::Arguments> {
    query
        .bind(filter.kind.map(CaseKind::code))
        .bind(filter.state.map(CaseState::code))
        .bind(filter.open.map(i64::from))
        .bind(filter.party_organisation_id.map(OrgId::get))
        .bind(filter.assignee_user_id.map(UserId::get))
        .bind(filter.station_id.map(StationId::get))
        .bind(filter.alert_id.map(AlertId::get))
}

/// Escalates `alerts` into case `id` (their status becomes `escalated`); an alert already in a
/// case is a conflict.
async fn join_alerts<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
    alerts: &[AlertId],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    for alert in alerts {
        sqlx::query("UPDATE watch_alerts SET status = 'escalated', updated_at = $2 WHERE id = $1")
            .bind(alert.get())
            .bind(at)
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO case_alerts (alert_id, case_id) VALUES ($1, $2)")
            .bind(alert.get())
            .bind(id)
            .execute(&mut **tx)
            .await
            .map_err(|error| match classify(error) {
                StoreError::Conflict { .. } => StoreError::Conflict { what: "case_alert" },
                other => other,
            })?;
    }
    Ok(())
}

/// Appends `events` to case `id`'s chain, each hashed with the one before, and queues a delivery
/// to each of `notify` for every entry that [`NewCaseEvent::notifies`].
async fn append_events<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
    events: &[NewCaseEvent],
    notify: &[Recipient],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    if events.is_empty() {
        return Ok(());
    }
    let last: Option<(i64, String)> =
        sqlx::query_as("SELECT seq, hash FROM case_events WHERE case_id = $1 ORDER BY seq DESC LIMIT 1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let (mut seq, mut prev) = last.unwrap_or_else(|| (0, chain::GENESIS.to_owned()));
    for event in events {
        seq += 1;
        let body = serde_json::to_string(&event.body).map_err(StoreError::Encode)?;
        let visibility = event.visibility.code();
        let hash = chain::link_hash(&prev, CaseId::new(id), seq, at, event.actor_user_id, visibility, &body);
        let event_id: i64 = sqlx::query_scalar(
            "INSERT INTO case_events (case_id, seq, at, actor_user_id, visibility, body, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(id)
        .bind(seq)
        .bind(at)
        .bind(event.actor_user_id.map(UserId::get))
        .bind(visibility)
        .bind(body.as_str())
        .bind(prev.as_str())
        .bind(hash.as_str())
        .fetch_one(&mut **tx)
        .await?;
        if event.notifies() {
            let notice = Notice::Case { case_id: CaseId::new(id), event_id: CaseEventId::new(event_id) };
            let deliveries: Vec<(Notice, &Recipient)> = notify.iter().map(|recipient| (notice, recipient)).collect();
            queue_deliveries(tx, &deliveries, at).await?;
        }
        prev = hash;
    }
    Ok(())
}

/// Adds `deadlines` to case `id`.
async fn add_deadlines<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    id: i64,
    deadlines: &[NewCaseDeadline],
) -> StoreResult<()> {
    for deadline in deadlines {
        sqlx::query("INSERT INTO case_deadlines (case_id, kind, label, due, alert_id) VALUES ($1, $2, $3, $4, $5)")
            .bind(id)
            .bind(deadline.kind.code())
            .bind(deadline.label.as_str())
            .bind(Some(deadline.due))
            .bind(deadline.alert_id.map(AlertId::get))
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Case `id` as it stands inside `tx`.
async fn case_in<DB: SqlBackend>(tx: &mut Transaction<'_, DB>, id: i64) -> StoreResult<Case> {
    cases_by_id::<DB>(&mut **tx, &[id]).await?.pop().ok_or(StoreError::NotFound("case"))
}

/// The cases with `ids`, with their parties and alerts, in id order.
async fn cases_by_id<DB: SqlBackend>(conn: &mut DB::Connection, ids: &[i64]) -> StoreResult<Vec<Case>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut query = QueryBuilder::<DB>::new(statement(&["SELECT ", CASE_COLUMNS, " FROM cases WHERE cases.id IN ("]).0);
    let mut list = query.separated(", ");
    for id in ids {
        list.push_bind(*id);
    }
    query.push(") ORDER BY cases.id");
    let rows: Vec<CaseRow> = query.build_query_as().fetch_all(&mut *conn).await?;
    load_cases::<DB>(conn, rows).await
}

/// Completes case rows with their parties and escalated alerts, keeping the rows' order.
async fn load_cases<DB: SqlBackend>(conn: &mut DB::Connection, rows: Vec<CaseRow>) -> StoreResult<Vec<Case>> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut parties_query = QueryBuilder::<DB>::new(
        "SELECT case_id, side, organisation_id, name, region FROM case_parties WHERE case_id IN (",
    );
    let mut list = parties_query.separated(", ");
    for row in &rows {
        list.push_bind(row.id);
    }
    parties_query.push(") ORDER BY case_id, position");
    let parties: Vec<PartyRow> = parties_query.build_query_as().fetch_all(&mut *conn).await?;
    let mut alerts_query = QueryBuilder::<DB>::new("SELECT case_id, alert_id FROM case_alerts WHERE case_id IN (");
    let mut list = alerts_query.separated(", ");
    for row in &rows {
        list.push_bind(row.id);
    }
    alerts_query.push(") ORDER BY alert_id");
    let alerts: Vec<(i64, i64)> = alerts_query.build_query_as().fetch_all(&mut *conn).await?;

    let mut parties_of: HashMap<i64, Vec<CaseParty>> = HashMap::new();
    for party in parties {
        let case_id = party.case_id;
        parties_of.entry(case_id).or_default().push(party.into_model()?);
    }
    let mut alerts_of: HashMap<i64, Vec<AlertId>> = HashMap::new();
    for (case_id, alert_id) in alerts {
        alerts_of.entry(case_id).or_default().push(AlertId::new(alert_id));
    }
    rows.into_iter()
        .map(|row| {
            let id = row.id;
            row.into_model(parties_of.remove(&id).unwrap_or_default(), alerts_of.remove(&id).unwrap_or_default())
        })
        .collect()
}

/// Reads a stored code with `parse`, or says the column holds what this version cannot read.
fn decode<T, E>(field: &'static str, value: String, parse: impl Fn(&str) -> Result<T, E>) -> StoreResult<T> {
    parse(&value).map_err(|_| StoreError::Corrupt { field, value })
}

/// [`decode`] for a nullable column.
fn decode_optional<T, E>(
    field: &'static str,
    value: Option<String>,
    parse: impl Fn(&str) -> Result<T, E>,
) -> StoreResult<Option<T>> {
    value.map(|value| decode(field, value, parse)).transpose()
}

/// A `stations` row.
#[derive(sqlx::FromRow)]
struct StationRow {
    id: i64,
    kind: String,
    name_zh: String,
    name_en: String,
    street: Option<String>,
    address: String,
}

impl RowId for StationRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl StationRow {
    fn into_model(self) -> StoreResult<Station> {
        Ok(Station {
            id: StationId::new(self.id),
            kind: decode("stations.kind", self.kind, StationKind::parse)?,
            name_zh: self.name_zh,
            name_en: self.name_en,
            street: decode_optional("stations.street", self.street, Street::parse)?,
            address: self.address,
        })
    }
}

/// A `cases` row.
#[derive(sqlx::FromRow)]
struct CaseRow {
    id: i64,
    kind: String,
    state: String,
    title: String,
    summary: String,
    station_id: i64,
    assignee_user_id: Option<i64>,
    technical_field: Option<String>,
    language: Option<String>,
    requesting_body: Option<String>,
    authority: Option<String>,
    jurisdiction: Option<String>,
    outcome: Option<String>,
    opened_by: Option<i64>,
    created_at: DateTime<Utc>,
    state_since: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
}

impl CaseRow {
    fn into_model(self, parties: Vec<CaseParty>, alert_ids: Vec<AlertId>) -> StoreResult<Case> {
        let kind = decode("cases.kind", self.kind, CaseKind::parse)?;
        Ok(Case {
            id: CaseId::new(self.id),
            kind,
            state: decode("cases.state", self.state, |code| kind.state(code))?,
            title: self.title,
            summary: self.summary,
            station_id: StationId::new(self.station_id),
            parties,
            assignee_user_id: self.assignee_user_id.map(UserId::new),
            particulars: CaseParticulars {
                technical_field: decode_optional("cases.technical_field", self.technical_field, TechnicalField::parse)?,
                language: decode_optional("cases.language", self.language, Language::parse)?,
                requesting_body: self.requesting_body,
                authority: decode_optional("cases.authority", self.authority, Authority::parse)?,
                jurisdiction: decode_optional("cases.jurisdiction", self.jurisdiction, Jurisdiction::parse)?,
            },
            outcome: decode_optional("cases.outcome", self.outcome, Outcome::parse)?,
            alert_ids,
            opened_by: self.opened_by.map(UserId::new),
            created_at: self.created_at,
            state_since: self.state_since,
            closed_at: self.closed_at,
        })
    }
}

/// A `case_parties` row.
#[derive(sqlx::FromRow)]
struct PartyRow {
    case_id: i64,
    side: String,
    organisation_id: Option<i64>,
    name: String,
    region: Option<String>,
}

impl PartyRow {
    fn into_model(self) -> StoreResult<CaseParty> {
        let side = match self.side.as_str() {
            "applicant" => PartySide::Applicant,
            "respondent" => PartySide::Respondent,
            _ => return Err(StoreError::Corrupt { field: "case_parties.side", value: self.side }),
        };
        Ok(CaseParty {
            side,
            organisation_id: self.organisation_id.map(OrgId::new),
            name: self.name,
            region: decode_optional("case_parties.region", self.region, Region::parse)?,
        })
    }
}

/// A `case_events` row.
#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    case_id: i64,
    seq: i64,
    at: DateTime<Utc>,
    actor_user_id: Option<i64>,
    visibility: String,
    body: String,
    prev_hash: String,
    hash: String,
}

impl EventRow {
    fn into_model(self) -> StoreResult<CaseEvent> {
        let visibility = decode("case_events.visibility", self.visibility, |code| Visibility::parse(code).ok_or(()))?;
        let body: CaseEventBody = serde_json::from_str(&self.body)
            .map_err(|_| StoreError::Corrupt { field: "case_events.body", value: self.body.clone() })?;
        Ok(CaseEvent {
            id: CaseEventId::new(self.id),
            case_id: CaseId::new(self.case_id),
            seq: self.seq,
            at: self.at,
            actor_user_id: self.actor_user_id.map(UserId::new),
            visibility,
            body,
            hash: self.hash,
        })
    }

    fn into_link(self) -> Link {
        Link {
            case_id: CaseId::new(self.case_id),
            seq: self.seq,
            at: self.at,
            actor_user_id: self.actor_user_id.map(UserId::new),
            visibility: self.visibility,
            body: self.body,
            prev_hash: self.prev_hash,
            hash: self.hash,
        }
    }
}

/// A `case_deadlines` row.
#[derive(sqlx::FromRow)]
struct DeadlineRow {
    id: i64,
    case_id: i64,
    kind: String,
    label: String,
    due: Option<NaiveDate>,
    alert_id: Option<i64>,
    met_at: Option<DateTime<Utc>>,
}

impl DeadlineRow {
    fn into_model(self) -> StoreResult<CaseDeadline> {
        Ok(CaseDeadline {
            id: CaseDeadlineId::new(self.id),
            case_id: CaseId::new(self.case_id),
            kind: decode("case_deadlines.kind", self.kind, |code| DeadlineKind::parse(code).ok_or(()))?,
            label: self.label,
            due: self.due.ok_or(StoreError::Corrupt { field: "case_deadlines.due", value: String::new() })?,
            alert_id: self.alert_id.map(AlertId::new),
            met_at: self.met_at,
        })
    }
}
