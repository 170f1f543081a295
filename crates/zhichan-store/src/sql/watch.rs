//! [`WatchStore`] in SQL shared by both backends.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::value::RawValue;
use sqlx::query::QueryAs;
use sqlx::{QueryBuilder, Transaction};
use zhichan_domain::notify::Notice;
use zhichan_domain::office::OfficeCode;
use zhichan_domain::records::{Record, RecordKey, RecordKind};
use zhichan_domain::watch::{
    Alert, AlertFilter, AlertId, AlertNote, AlertReason, AlertStatus, NewAlert, PartyRelation, PatentWatch,
    PatentWatchFields, PatentWatchId, RiskLevel, Signal, WatchParty, WatchPartyFields, WatchPartyId, WatchedMark,
    WatchedMarkFields, WatchedMarkId,
};
use zhichan_domain::{AuditEntry, MarketCode, NiceClass, OrgId, Page, UserId};

use super::audit::{RowId, create_audited, delete_audited, insert_audit, insert_audits, update_audited};
use super::notifications::queue_deliveries;
use super::{Json, ROWS_PER_STATEMENT, RowsAffected, SqlBackend, SqlStore, statement};

use crate::{StoreError, StoreResult, WatchStore};

/// The columns [`WatchedMarkRow`] reads.
const WATCHED_MARK_COLUMNS: &str =
    "id, organisation_id, label, forms, classes, offices, created_by, created_at, updated_at";
/// The columns [`WatchPartyRow`] reads.
const WATCH_PARTY_COLUMNS: &str = "id, organisation_id, name, relation, created_at, updated_at";
/// The columns [`PatentWatchRow`] reads.
const PATENT_WATCH_COLUMNS: &str = "id, organisation_id, label, query, created_by, created_at, updated_at";
/// The columns [`AlertRow`] reads.
const ALERT_COLUMNS: &str = "id, organisation_id, watched_mark_id, patent_watch_id, office, kind, number, title, \
                             applicant, score, risk, reasons, opposition_deadline, signals, status, assignee_user_id, \
                             created_at, updated_at";
/// The conditions of an [`AlertFilter`] on parameters `$1`…`$7`, bound by [`bind_alert_filter`].
const ALERT_FILTER: &str = "($1 IS NULL OR organisation_id = $1) AND ($2 IS NULL OR status = $2) \
                            AND ($3 IS NULL OR risk = $3) AND ($4 IS NULL OR watched_mark_id = $4) \
                            AND ($5 IS NULL OR office = $5) AND ($6 IS NULL OR patent_watch_id = $6) \
                            AND ($7 IS NULL OR kind = $7)";

#[async_trait]
impl<DB: SqlBackend> WatchStore for SqlStore<DB> {
    async fn create_watched_mark(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO watched_marks (label, forms, classes, offices, created_at, updated_at, organisation_id, \
             created_by) VALUES ($1, $2, $3, $4, $5, $5, $6, $7) RETURNING ",
            WATCHED_MARK_COLUMNS,
        ]));
        let insert =
            bind_watched_mark(insert, fields, audit.at).bind(organisation_id.get()).bind(created_by.map(UserId::get));
        let row: WatchedMarkRow = create_audited(&self.pool, insert, audit).await?;
        Ok(row.into())
    }

    async fn update_watched_mark(
        &self,
        id: WatchedMarkId,
        fields: &WatchedMarkFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchedMark> {
        let update = sqlx::query_as(statement(&[
            "UPDATE watched_marks SET label = $1, forms = $2, classes = $3, offices = $4, updated_at = $5 \
             WHERE id = $6 RETURNING ",
            WATCHED_MARK_COLUMNS,
        ]));
        let update = bind_watched_mark(update, fields, audit.at).bind(id.get());
        let row: WatchedMarkRow = update_audited(&self.pool, update, &audit, "watched_mark").await?;
        Ok(row.into())
    }

    async fn delete_watched_mark(&self, id: WatchedMarkId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM watched_marks WHERE id = $1", id.get(), "watched_mark", &audit).await
    }

    async fn watched_mark(&self, id: WatchedMarkId) -> StoreResult<Option<WatchedMark>> {
        let row: Option<WatchedMarkRow> =
            sqlx::query_as(statement(&["SELECT ", WATCHED_MARK_COLUMNS, " FROM watched_marks WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Into::into))
    }

    async fn watched_marks(&self, organisation_id: Option<OrgId>, page: Page) -> StoreResult<Vec<WatchedMark>> {
        let rows: Vec<WatchedMarkRow> = sqlx::query_as(statement(&[
            "SELECT ",
            WATCHED_MARK_COLUMNS,
            " FROM watched_marks WHERE id > $1 AND ($2 IS NULL OR organisation_id = $2) ORDER BY id LIMIT $3",
        ]))
        .bind(page.after.unwrap_or(0))
        .bind(organisation_id.map(OrgId::get))
        .bind(i64::from(page.limit))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn create_watch_party(
        &self,
        organisation_id: OrgId,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO watch_parties (name, relation, created_at, updated_at, organisation_id) \
             VALUES ($1, $2, $3, $3, $4) RETURNING ",
            WATCH_PARTY_COLUMNS,
        ]));
        let insert = bind_watch_party(insert, fields, audit.at).bind(organisation_id.get());
        let row: WatchPartyRow = create_audited(&self.pool, insert, audit).await?;
        row.into_model()
    }

    async fn update_watch_party(
        &self,
        id: WatchPartyId,
        fields: &WatchPartyFields,
        audit: AuditEntry,
    ) -> StoreResult<WatchParty> {
        let update = sqlx::query_as(statement(&[
            "UPDATE watch_parties SET name = $1, relation = $2, updated_at = $3 WHERE id = $4 RETURNING ",
            WATCH_PARTY_COLUMNS,
        ]));
        let update = bind_watch_party(update, fields, audit.at).bind(id.get());
        let row: WatchPartyRow = update_audited(&self.pool, update, &audit, "watch_party").await?;
        row.into_model()
    }

    async fn delete_watch_party(&self, id: WatchPartyId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM watch_parties WHERE id = $1", id.get(), "watch_party", &audit).await
    }

    async fn watch_party(&self, id: WatchPartyId) -> StoreResult<Option<WatchParty>> {
        let row: Option<WatchPartyRow> =
            sqlx::query_as(statement(&["SELECT ", WATCH_PARTY_COLUMNS, " FROM watch_parties WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        row.map(WatchPartyRow::into_model).transpose()
    }

    async fn watch_parties(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<WatchParty>> {
        let rows: Vec<WatchPartyRow> = sqlx::query_as(statement(&[
            "SELECT ",
            WATCH_PARTY_COLUMNS,
            " FROM watch_parties WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id",
        ]))
        .bind(organisation_id.map(OrgId::get))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(WatchPartyRow::into_model).collect()
    }

    async fn create_patent_watch(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO patent_watches (label, query, created_at, updated_at, organisation_id, created_by) \
             VALUES ($1, $2, $3, $3, $4, $5) RETURNING ",
            PATENT_WATCH_COLUMNS,
        ]));
        let insert =
            bind_patent_watch(insert, fields, audit.at).bind(organisation_id.get()).bind(created_by.map(UserId::get));
        let row: PatentWatchRow = create_audited(&self.pool, insert, audit).await?;
        Ok(row.into())
    }

    async fn update_patent_watch(
        &self,
        id: PatentWatchId,
        fields: &PatentWatchFields,
        audit: AuditEntry,
    ) -> StoreResult<PatentWatch> {
        let update = sqlx::query_as(statement(&[
            "UPDATE patent_watches SET label = $1, query = $2, updated_at = $3 WHERE id = $4 RETURNING ",
            PATENT_WATCH_COLUMNS,
        ]));
        let update = bind_patent_watch(update, fields, audit.at).bind(id.get());
        let row: PatentWatchRow = update_audited(&self.pool, update, &audit, "patent_watch").await?;
        Ok(row.into())
    }

    async fn delete_patent_watch(&self, id: PatentWatchId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM patent_watches WHERE id = $1", id.get(), "patent_watch", &audit).await
    }

    async fn patent_watch(&self, id: PatentWatchId) -> StoreResult<Option<PatentWatch>> {
        let row: Option<PatentWatchRow> =
            sqlx::query_as(statement(&["SELECT ", PATENT_WATCH_COLUMNS, " FROM patent_watches WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Into::into))
    }

    async fn patent_watches(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<PatentWatch>> {
        let rows: Vec<PatentWatchRow> = sqlx::query_as(statement(&[
            "SELECT ",
            PATENT_WATCH_COLUMNS,
            " FROM patent_watches WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id",
        ]))
        .bind(organisation_id.map(OrgId::get))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn watch_position(&self) -> StoreResult<i64> {
        Ok(sqlx::query_scalar("SELECT position FROM watch_state WHERE id = 1").fetch_one(&self.pool).await?)
    }

    async fn raise_alerts(
        &self,
        from: i64,
        to: i64,
        alerts: &[(NewAlert, AuditEntry)],
        at: DateTime<Utc>,
    ) -> StoreResult<Vec<AlertId>> {
        let mut tx = self.pool.begin().await?;
        // Moving the position first takes the row lock (PostgreSQL) or the write lock (SQLite),
        // so a concurrent run waits here and then finds the position moved.
        let moved = sqlx::query("UPDATE watch_state SET position = $2, updated_at = $3 WHERE id = 1 AND position = $1")
            .bind(from)
            .bind(to)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        if moved.rows_affected() == 0 {
            return Err(StoreError::Conflict { what: "watch_position" });
        }
        let mut raised = Vec::new();
        let mut deliveries = Vec::new();
        let mut audits = Vec::new();
        for chunk in first_of_each(alerts).chunks(ROWS_PER_STATEMENT) {
            let inserted = insert_alerts(&mut tx, chunk, at).await?;
            let ids: HashMap<AlertKey, i64> = inserted.iter().map(|row| (row.key(), row.id)).collect();
            for (alert, audit) in chunk {
                let Some(&id) = ids.get(&alert_key(alert)) else { continue };
                let notice = Notice::Alert { alert_id: AlertId::new(id) };
                deliveries.extend(alert.recipients.iter().map(|recipient| (notice, recipient)));
                let mut audit = audit.clone();
                audit.target_id = Some(id.to_string());
                audits.push(audit);
                raised.push(AlertId::new(id));
            }
        }
        queue_deliveries(&mut tx, &deliveries, at).await?;
        insert_audits(&mut tx, &audits).await?;
        tx.commit().await?;
        Ok(raised)
    }

    async fn alert(&self, id: AlertId) -> StoreResult<Option<Alert>> {
        let mut conn = self.pool.acquire().await?;
        alert_in::<DB>(&mut conn, id.get()).await
    }

    async fn alerts(&self, filter: &AlertFilter, page: Page) -> StoreResult<Vec<Alert>> {
        let mut conn = self.pool.acquire().await?;
        let query = sqlx::query_as(statement(&[
            "SELECT ",
            ALERT_COLUMNS,
            " FROM watch_alerts WHERE ",
            ALERT_FILTER,
            " AND ($8 IS NULL OR id < $8) ORDER BY id DESC LIMIT $9",
        ]));
        let rows: Vec<AlertRow> =
            bind_alert_filter(query, filter).bind(page.after).bind(i64::from(page.limit)).fetch_all(&mut *conn).await?;
        let (Some(newest), Some(oldest)) = (rows.first(), rows.last()) else {
            return Ok(Vec::new());
        };
        let notes = notes_between::<DB>(&mut conn, oldest.id, newest.id).await?;
        rows.into_iter().map(|row| row.into_model(&notes)).collect()
    }

    async fn count_alerts(&self, filter: &AlertFilter) -> StoreResult<u64> {
        let query = sqlx::query_as(statement(&["SELECT COUNT(*) FROM watch_alerts WHERE ", ALERT_FILTER]));
        let (count,): (i64,) = bind_alert_filter(query, filter).fetch_one(&self.pool).await?;
        Ok(u64::try_from(count).unwrap_or(0))
    }

    async fn set_alert_status(
        &self,
        id: AlertId,
        from: AlertStatus,
        to: AlertStatus,
        note: Option<(UserId, &str)>,
        audit: AuditEntry,
    ) -> StoreResult<Alert> {
        let id = id.get();
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE watch_alerts SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2")
            .bind(id)
            .bind(from.code())
            .bind(to.code())
            .bind(audit.at)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM watch_alerts WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *tx)
                .await?;
            return Err(match exists {
                Some(_) => StoreError::Conflict { what: "alert_status" },
                None => StoreError::NotFound("alert"),
            });
        }
        if let Some((author, text)) = note {
            insert_note(&mut tx, id, author, text, audit.at).await?;
        }
        finish_alert_change(tx, id, &audit).await
    }

    async fn assign_alert(
        &self,
        id: AlertId,
        assignee_user_id: Option<UserId>,
        audit: AuditEntry,
    ) -> StoreResult<Alert> {
        let id = id.get();
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE watch_alerts SET assignee_user_id = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(assignee_user_id.map(UserId::get))
            .bind(audit.at)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound("alert"));
        }
        finish_alert_change(tx, id, &audit).await
    }

    async fn add_alert_note(
        &self,
        id: AlertId,
        author_user_id: UserId,
        text: &str,
        audit: AuditEntry,
    ) -> StoreResult<Alert> {
        let id = id.get();
        let mut tx = self.pool.begin().await?;
        let changed = sqlx::query("UPDATE watch_alerts SET updated_at = $2 WHERE id = $1")
            .bind(id)
            .bind(audit.at)
            .execute(&mut *tx)
            .await?;
        if changed.rows_affected() == 0 {
            return Err(StoreError::NotFound("alert"));
        }
        insert_note(&mut tx, id, author_user_id, text, audit.at).await?;
        finish_alert_change(tx, id, &audit).await
    }

    async fn trademarks_titled(
        &self,
        titles: &[String],
        owners: &(dyn for<'o> Fn(&'o str) -> bool + Send + Sync),
        limit: u32,
    ) -> StoreResult<Vec<Record>> {
        if titles.is_empty() {
            return Ok(Vec::new());
        }
        let mut query = QueryBuilder::new("SELECT owners, document FROM records WHERE kind = ");
        query.push_bind(RecordKind::Trademark.code()).push(" AND lower(title) IN (");
        let mut list = query.separated(", ");
        for title in titles {
            list.push_bind(title.as_str());
        }
        query.push(") ORDER BY id LIMIT ").push_bind(i64::from(limit));
        let rows: Vec<TitledRow> = query.build_query_as().fetch_all(&self.pool).await?;
        rows.into_iter()
            .filter(|row| owners(row.owners.as_deref().unwrap_or_default()))
            .map(|row| decode_record(row.document.0.get()))
            .collect()
    }
}

/// Binds a watched mark's fields to `$1`…`$4` and the time of the change to `$5`.
fn bind_watched_mark<'q, DB: SqlBackend, O>(
    query: QueryAs<'q, DB, O, DB::Arguments>,
    fields: &'q WatchedMarkFields,
    at: DateTime<Utc>,
) -> QueryAs<'q, DB, O, DB::Arguments> {
    query
        .bind(fields.label.as_str())
        .bind(Json(&fields.forms))
        .bind(Json(&fields.classes))
        .bind(Json(&fields.offices))
        .bind(at)
}

/// Binds a declared party's fields to `$1`…`$2` and the time of the change to `$3`.
fn bind_watch_party<'q, DB: SqlBackend, O>(
    query: QueryAs<'q, DB, O, DB::Arguments>,
    fields: &'q WatchPartyFields,
    at: DateTime<Utc>,
) -> QueryAs<'q, DB, O, DB::Arguments> {
    query.bind(fields.name.as_str()).bind(fields.relation.code()).bind(at)
}

/// Binds a patent watch's fields to `$1`…`$2` and the time of the change to `$3`.
fn bind_patent_watch<'q, DB: SqlBackend, O>(
    query: QueryAs<'q, DB, O, DB::Arguments>,
    fields: &'q PatentWatchFields,
    at: DateTime<Utc>,
) -> QueryAs<'q, DB, O, DB::Arguments> {
    query.bind(fields.label.as_str()).bind(fields.query.as_str()).bind(at)
}

/// Binds `filter` to the parameters of [`ALERT_FILTER`].
fn bind_alert_filter<'q, DB: SqlBackend, O>(
    query: QueryAs<'q, DB, O, DB::Arguments>,
    filter: &'q AlertFilter,
) -> QueryAs<'q, DB, O, DB::Arguments> {
    query
        .bind(filter.organisation_id.map(OrgId::get))
        .bind(filter.status.map(|s| s.code()))
        .bind(filter.risk.map(|r| r.code()))
        .bind(filter.watched_mark_id.map(WatchedMarkId::get))
        .bind(filter.office.as_ref().map(OfficeCode::as_str))
        .bind(filter.patent_watch_id.map(PatentWatchId::get))
        .bind(filter.kind.map(RecordKind::code))
}

/// Inserts a chunk of new alerts, leaving out those already raised in an earlier run, and returns
/// the ones inserted.
async fn insert_alerts<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    chunk: &[&(NewAlert, AuditEntry)],
    at: DateTime<Utc>,
) -> StoreResult<Vec<RaisedRow>> {
    let mut insert = QueryBuilder::new(
        "INSERT INTO watch_alerts (organisation_id, watched_mark_id, patent_watch_id, office, kind, number, title, \
         applicant, score, risk, reasons, opposition_deadline, signals, status, created_at, updated_at) ",
    );
    insert.push_values(chunk, |mut row, (alert, _)| {
        row.push_bind(alert.organisation_id.get())
            .push_bind(alert.watched_mark_id.map(WatchedMarkId::get))
            .push_bind(alert.patent_watch_id.map(PatentWatchId::get))
            .push_bind(alert.filing.office.as_str())
            .push_bind(alert.filing.kind.code())
            .push_bind(alert.filing.number.as_str())
            .push_bind(alert.title.as_deref())
            .push_bind(alert.applicant.as_deref())
            .push_bind(alert.score)
            .push_bind(alert.risk.code())
            .push_bind(Json(&alert.reasons))
            .push_bind(alert.opposition_deadline)
            .push_bind(Json(&alert.signals))
            .push("'new'")
            .push_bind(at)
            .push_bind(at);
    });
    insert.push(" ON CONFLICT DO NOTHING RETURNING id, watched_mark_id, patent_watch_id, office, kind, number");
    Ok(insert.build_query_as().fetch_all(&mut **tx).await?)
}

/// Records `audit` and commits a change to alert `id`, returning the alert as it now is.
async fn finish_alert_change<DB: SqlBackend>(
    mut tx: Transaction<'_, DB>,
    id: i64,
    audit: &AuditEntry,
) -> StoreResult<Alert> {
    insert_audit(&mut tx, audit).await?;
    let alert = alert_in::<DB>(&mut tx, id).await?.ok_or(StoreError::NotFound("alert"))?;
    tx.commit().await?;
    Ok(alert)
}

async fn alert_in<DB: SqlBackend>(conn: &mut DB::Connection, id: i64) -> StoreResult<Option<Alert>> {
    let row: Option<AlertRow> =
        sqlx::query_as(statement(&["SELECT ", ALERT_COLUMNS, " FROM watch_alerts WHERE id = $1"]))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some(row) = row else { return Ok(None) };
    let notes = notes_between::<DB>(conn, id, id).await?;
    row.into_model(&notes).map(Some)
}

/// The notes of the alerts with ids from `first` to `last`, in order.
async fn notes_between<DB: SqlBackend>(conn: &mut DB::Connection, first: i64, last: i64) -> StoreResult<Vec<NoteRow>> {
    Ok(sqlx::query_as(
        "SELECT alert_id, author_user_id, at, text FROM watch_alert_notes \
         WHERE alert_id BETWEEN $1 AND $2 ORDER BY alert_id, id",
    )
    .bind(first)
    .bind(last)
    .fetch_all(&mut *conn)
    .await?)
}

async fn insert_note<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    alert_id: i64,
    author_user_id: UserId,
    text: &str,
    at: DateTime<Utc>,
) -> StoreResult<()> {
    sqlx::query("INSERT INTO watch_alert_notes (alert_id, author_user_id, at, text) VALUES ($1, $2, $3, $4)")
        .bind(alert_id)
        .bind(author_user_id.get())
        .bind(at)
        .bind(text)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// What identifies an alert: the watched mark or patent watch, and the filing's office, kind and
/// number.
type AlertKey<'a> = (Option<i64>, Option<i64>, &'a str, &'a str, &'a str);

fn alert_key(alert: &NewAlert) -> AlertKey<'_> {
    let filing = &alert.filing;
    (
        alert.watched_mark_id.map(WatchedMarkId::get),
        alert.patent_watch_id.map(PatentWatchId::get),
        filing.office.as_str(),
        filing.kind.code(),
        &filing.number,
    )
}

/// The alerts in order with repeats of an earlier alert's key left out, as inserting them one by
/// one would leave them out.
fn first_of_each(alerts: &[(NewAlert, AuditEntry)]) -> Vec<&(NewAlert, AuditEntry)> {
    let mut seen = HashSet::new();
    alerts.iter().filter(|(alert, _)| seen.insert(alert_key(alert))).collect()
}

/// A stored record document read back.
fn decode_record(document: &str) -> StoreResult<Record> {
    serde_json::from_str(document)
        .map_err(|error| StoreError::Corrupt { field: "records.document", value: error.to_string() })
}

/// A `watched_marks` row.
#[derive(sqlx::FromRow)]
struct WatchedMarkRow {
    id: i64,
    organisation_id: i64,
    label: String,
    forms: Json<Vec<String>>,
    classes: Json<Vec<NiceClass>>,
    offices: Json<Vec<MarketCode>>,
    created_by: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<WatchedMarkRow> for WatchedMark {
    fn from(row: WatchedMarkRow) -> Self {
        WatchedMark {
            id: WatchedMarkId::new(row.id),
            organisation_id: OrgId::new(row.organisation_id),
            label: row.label,
            forms: row.forms.0,
            classes: row.classes.0,
            offices: row.offices.0,
            created_by: row.created_by.map(UserId::new),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A `watch_parties` row.
#[derive(sqlx::FromRow)]
struct WatchPartyRow {
    id: i64,
    organisation_id: i64,
    name: String,
    relation: String,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl WatchPartyRow {
    /// The model value; [`StoreError::Corrupt`] for a relation this version does not know.
    fn into_model(self) -> StoreResult<WatchParty> {
        let relation = PartyRelation::parse(&self.relation)
            .map_err(|_| StoreError::Corrupt { field: "watch_parties.relation", value: self.relation })?;
        Ok(WatchParty {
            id: WatchPartyId::new(self.id),
            organisation_id: OrgId::new(self.organisation_id),
            name: self.name,
            relation,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A `patent_watches` row.
#[derive(sqlx::FromRow)]
struct PatentWatchRow {
    id: i64,
    organisation_id: i64,
    label: String,
    query: String,
    created_by: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<PatentWatchRow> for PatentWatch {
    fn from(row: PatentWatchRow) -> Self {
        PatentWatch {
            id: PatentWatchId::new(row.id),
            organisation_id: OrgId::new(row.organisation_id),
            label: row.label,
            query: row.query,
            created_by: row.created_by.map(UserId::new),
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

impl RowId for WatchedMarkRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl RowId for WatchPartyRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl RowId for PatentWatchRow {
    fn id(&self) -> i64 {
        self.id
    }
}

/// The id and key of an alert just raised.
#[derive(sqlx::FromRow)]
struct RaisedRow {
    id: i64,
    watched_mark_id: Option<i64>,
    patent_watch_id: Option<i64>,
    office: String,
    kind: String,
    number: String,
}

impl RaisedRow {
    fn key(&self) -> AlertKey<'_> {
        (self.watched_mark_id, self.patent_watch_id, &self.office, &self.kind, &self.number)
    }
}

/// A trademark record's owners summary and its document, not yet decoded.
#[derive(sqlx::FromRow)]
struct TitledRow {
    owners: Option<String>,
    document: Json<Box<RawValue>>,
}

/// A `watch_alert_notes` row.
#[derive(sqlx::FromRow)]
struct NoteRow {
    alert_id: i64,
    author_user_id: i64,
    at: DateTime<Utc>,
    text: String,
}

/// A `watch_alerts` row.
#[derive(sqlx::FromRow)]
struct AlertRow {
    id: i64,
    organisation_id: i64,
    watched_mark_id: Option<i64>,
    patent_watch_id: Option<i64>,
    office: String,
    kind: String,
    number: String,
    title: Option<String>,
    applicant: Option<String>,
    score: f64,
    risk: String,
    reasons: Json<Vec<AlertReason>>,
    opposition_deadline: Option<NaiveDate>,
    signals: Json<Vec<Signal>>,
    status: String,
    assignee_user_id: Option<i64>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl AlertRow {
    /// Builds the model value with the alert's notes (picked from `notes` by alert id).
    fn into_model(self, notes: &[NoteRow]) -> StoreResult<Alert> {
        let status = AlertStatus::parse(&self.status)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.status", value: self.status.clone() })?;
        let risk = RiskLevel::parse(&self.risk)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.risk", value: self.risk.clone() })?;
        let office = OfficeCode::parse(&self.office)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.office", value: self.office.clone() })?;
        let kind = RecordKind::parse(&self.kind)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.kind", value: self.kind.clone() })?;
        let notes = notes
            .iter()
            .filter(|note| note.alert_id == self.id)
            .map(|note| AlertNote {
                author_user_id: UserId::new(note.author_user_id),
                at: note.at,
                text: note.text.clone(),
            })
            .collect();
        Ok(Alert {
            id: AlertId::new(self.id),
            organisation_id: OrgId::new(self.organisation_id),
            watched_mark_id: self.watched_mark_id.map(WatchedMarkId::new),
            patent_watch_id: self.patent_watch_id.map(PatentWatchId::new),
            filing: RecordKey { office, kind, number: self.number },
            title: self.title,
            applicant: self.applicant,
            score: self.score,
            risk,
            reasons: self.reasons.0,
            opposition_deadline: self.opposition_deadline,
            signals: self.signals.0,
            status,
            assignee_user_id: self.assignee_user_id.map(UserId::new),
            notes,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
