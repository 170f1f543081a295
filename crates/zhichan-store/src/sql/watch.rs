//! [`crate::WatchStore`] in SQL shared by both backends.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::types::Json;
use zhichan_domain::{MarketCode, NiceClass};

use zhichan_domain::watch::{AlertReason, AlertStatus, PartyRelation, RiskLevel, Signal};

use crate::watch::{Alert, AlertNote, NewAlert, PatentWatch, WatchParty, WatchedMark};
use crate::{AuditEntry, StoreError, StoreResult};

/// What identifies an alert: the watched mark or patent watch, and the filing.
pub(crate) type AlertKey = (Option<i64>, Option<i64>, String, String, String);

pub(crate) fn alert_key(alert: &NewAlert) -> AlertKey {
    (alert.watched_mark_id, alert.patent_watch_id, alert.office.clone(), alert.kind.clone(), alert.number.clone())
}

/// The alerts in order with repeats of an earlier alert's key left out, as inserting them one by
/// one would leave them out.
pub(crate) fn first_of_each(alerts: &[(NewAlert, AuditEntry)]) -> Vec<&(NewAlert, AuditEntry)> {
    let mut seen = std::collections::HashSet::new();
    alerts.iter().filter(|(alert, _)| seen.insert(alert_key(alert))).collect()
}

/// A stored record document read back.
pub(crate) fn decode_record(document: &str) -> StoreResult<zhichan_domain::records::Record> {
    serde_json::from_str(document)
        .map_err(|error| StoreError::Corrupt { field: "records.document", value: error.to_string() })
}

macro_rules! watched_mark_columns {
    () => {
        "id, organisation_id, label, forms, classes, offices, created_by, created_at, updated_at"
    };
}
macro_rules! watch_party_columns {
    () => {
        "id, organisation_id, name, relation, created_at, updated_at"
    };
}
macro_rules! patent_watch_columns {
    () => {
        "id, organisation_id, label, query, created_by, created_at, updated_at"
    };
}
/// The conditions of an [`crate::watch::AlertFilter`] on parameters `$1`…`$7`, bound by
/// `bind_alert_filter`.
macro_rules! alert_filter {
    () => {
        "($1 IS NULL OR organisation_id = $1) AND ($2 IS NULL OR status = $2) AND ($3 IS NULL OR risk = $3) \
         AND ($4 IS NULL OR watched_mark_id = $4) AND ($5 IS NULL OR office = $5) \
         AND ($6 IS NULL OR patent_watch_id = $6) AND ($7 IS NULL OR kind = $7)"
    };
}
macro_rules! alert_columns {
    () => {
        "id, organisation_id, watched_mark_id, patent_watch_id, office, kind, number, title, applicant, score, risk, reasons, \
         opposition_deadline, signals, status, assignee_user_id, created_at, updated_at"
    };
}

/// Implements [`crate::WatchStore`] for an adapter struct with a `pool` field.
macro_rules! sql_watch_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::WatchStore for $store {
            async fn create_watched_mark(
                &self,
                organisation_id: i64,
                created_by: Option<i64>,
                fields: &$crate::watch::WatchedMarkFields,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::WatchedMark> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::sql::watch::WatchedMarkRow = sqlx::query_as(concat!(
                    "INSERT INTO watched_marks (organisation_id, label, forms, classes, offices, created_by, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ",
                    $crate::sql::watch::watched_mark_columns!()
                ))
                .bind(organisation_id)
                .bind(fields.label.as_str())
                .bind(sqlx::types::Json(&fields.forms))
                .bind(sqlx::types::Json(&fields.classes))
                .bind(sqlx::types::Json(&fields.offices))
                .bind(created_by)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                audit.target_id = Some(row.id.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(row.into())
            }

            async fn update_watched_mark(
                &self,
                id: i64,
                fields: &$crate::watch::WatchedMarkFields,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::WatchedMark> {
                let mut tx = self.pool.begin().await?;
                let row: Option<$crate::sql::watch::WatchedMarkRow> = sqlx::query_as(concat!(
                    "UPDATE watched_marks SET label = $2, forms = $3, classes = $4, offices = $5, updated_at = $6 \
                     WHERE id = $1 RETURNING ",
                    $crate::sql::watch::watched_mark_columns!()
                ))
                .bind(id)
                .bind(fields.label.as_str())
                .bind(sqlx::types::Json(&fields.forms))
                .bind(sqlx::types::Json(&fields.classes))
                .bind(sqlx::types::Json(&fields.offices))
                .bind(audit.at)
                .fetch_optional(&mut *tx)
                .await?;
                let row = row.ok_or($crate::StoreError::NotFound("watched_mark"))?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(row.into())
            }

            async fn delete_watched_mark(&self, id: i64, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                delete_audited(&self.pool, "DELETE FROM watched_marks WHERE id = $1", id, "watched_mark", &audit).await
            }

            async fn watched_mark(&self, id: i64) -> $crate::StoreResult<Option<$crate::watch::WatchedMark>> {
                let row: Option<$crate::sql::watch::WatchedMarkRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::watched_mark_columns!(),
                    " FROM watched_marks WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map(Into::into))
            }

            async fn watched_marks(
                &self,
                organisation_id: Option<i64>,
                page: $crate::Page,
            ) -> $crate::StoreResult<Vec<$crate::watch::WatchedMark>> {
                let rows: Vec<$crate::sql::watch::WatchedMarkRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::watched_mark_columns!(),
                    " FROM watched_marks WHERE id > $1 AND ($2 IS NULL OR organisation_id = $2) ORDER BY id LIMIT $3"
                ))
                .bind(page.after.unwrap_or(0))
                .bind(organisation_id)
                .bind(i64::from(page.limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn create_watch_party(
                &self,
                organisation_id: i64,
                fields: &$crate::watch::WatchPartyFields,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::WatchParty> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::sql::watch::WatchPartyRow = sqlx::query_as(concat!(
                    "INSERT INTO watch_parties (organisation_id, name, relation, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) RETURNING ",
                    $crate::sql::watch::watch_party_columns!()
                ))
                .bind(organisation_id)
                .bind(fields.name.as_str())
                .bind(fields.relation.code())
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                audit.target_id = Some(row.0.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                $crate::sql::watch::party(row)
            }

            async fn update_watch_party(
                &self,
                id: i64,
                fields: &$crate::watch::WatchPartyFields,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::WatchParty> {
                let mut tx = self.pool.begin().await?;
                let row: Option<$crate::sql::watch::WatchPartyRow> = sqlx::query_as(concat!(
                    "UPDATE watch_parties SET name = $2, relation = $3, updated_at = $4 WHERE id = $1 RETURNING ",
                    $crate::sql::watch::watch_party_columns!()
                ))
                .bind(id)
                .bind(fields.name.as_str())
                .bind(fields.relation.code())
                .bind(audit.at)
                .fetch_optional(&mut *tx)
                .await?;
                let row = row.ok_or($crate::StoreError::NotFound("watch_party"))?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                $crate::sql::watch::party(row)
            }

            async fn delete_watch_party(&self, id: i64, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                delete_audited(&self.pool, "DELETE FROM watch_parties WHERE id = $1", id, "watch_party", &audit).await
            }

            async fn watch_party(&self, id: i64) -> $crate::StoreResult<Option<$crate::watch::WatchParty>> {
                let row: Option<$crate::sql::watch::WatchPartyRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::watch_party_columns!(),
                    " FROM watch_parties WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                row.map($crate::sql::watch::party).transpose()
            }

            async fn watch_parties(
                &self,
                organisation_id: Option<i64>,
            ) -> $crate::StoreResult<Vec<$crate::watch::WatchParty>> {
                let rows: Vec<$crate::sql::watch::WatchPartyRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::watch_party_columns!(),
                    " FROM watch_parties WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id"
                ))
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map($crate::sql::watch::party).collect()
            }

            async fn create_patent_watch(
                &self,
                organisation_id: i64,
                created_by: Option<i64>,
                fields: &$crate::watch::PatentWatchFields,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::PatentWatch> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::sql::watch::PatentWatchRow = sqlx::query_as(concat!(
                    "INSERT INTO patent_watches (organisation_id, label, query, created_by, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $5) RETURNING ",
                    $crate::sql::watch::patent_watch_columns!()
                ))
                .bind(organisation_id)
                .bind(fields.label.as_str())
                .bind(fields.query.as_str())
                .bind(created_by)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                audit.target_id = Some(row.0.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok($crate::sql::watch::patent_watch(row))
            }

            async fn update_patent_watch(
                &self,
                id: i64,
                fields: &$crate::watch::PatentWatchFields,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::PatentWatch> {
                let mut tx = self.pool.begin().await?;
                let row: Option<$crate::sql::watch::PatentWatchRow> = sqlx::query_as(concat!(
                    "UPDATE patent_watches SET label = $2, query = $3, updated_at = $4 WHERE id = $1 RETURNING ",
                    $crate::sql::watch::patent_watch_columns!()
                ))
                .bind(id)
                .bind(fields.label.as_str())
                .bind(fields.query.as_str())
                .bind(audit.at)
                .fetch_optional(&mut *tx)
                .await?;
                let row = row.ok_or($crate::StoreError::NotFound("patent_watch"))?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok($crate::sql::watch::patent_watch(row))
            }

            async fn delete_patent_watch(&self, id: i64, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                delete_audited(&self.pool, "DELETE FROM patent_watches WHERE id = $1", id, "patent_watch", &audit).await
            }

            async fn patent_watch(&self, id: i64) -> $crate::StoreResult<Option<$crate::watch::PatentWatch>> {
                let row: Option<$crate::sql::watch::PatentWatchRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::patent_watch_columns!(),
                    " FROM patent_watches WHERE id = $1"
                ))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map($crate::sql::watch::patent_watch))
            }

            async fn patent_watches(
                &self,
                organisation_id: Option<i64>,
            ) -> $crate::StoreResult<Vec<$crate::watch::PatentWatch>> {
                let rows: Vec<$crate::sql::watch::PatentWatchRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::patent_watch_columns!(),
                    " FROM patent_watches WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id"
                ))
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::sql::watch::patent_watch).collect())
            }

            async fn watch_position(&self) -> $crate::StoreResult<i64> {
                Ok(sqlx::query_scalar("SELECT position FROM watch_state WHERE id = 1").fetch_one(&self.pool).await?)
            }

            async fn raise_alerts(
                &self,
                from: i64,
                to: i64,
                alerts: &[($crate::watch::NewAlert, $crate::AuditEntry)],
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Vec<i64>> {
                let mut tx = self.pool.begin().await?;
                // Moving the position first takes the row lock (PostgreSQL) or the write lock
                // (SQLite), so a concurrent run waits here and then finds the position moved.
                let moved = sqlx::query("UPDATE watch_state SET position = $2, updated_at = $3 WHERE id = 1 AND position = $1")
                    .bind(from)
                    .bind(to)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                if moved.rows_affected() == 0 {
                    return Err($crate::StoreError::Conflict { what: "watch_position" });
                }
                let mut raised = Vec::new();
                let mut deliveries = Vec::new();
                let mut audits = Vec::new();
                for chunk in $crate::sql::watch::first_of_each(alerts).chunks($crate::sql::ROWS_PER_STATEMENT) {
                    let mut insert = sqlx::QueryBuilder::new(
                        "INSERT INTO watch_alerts (organisation_id, watched_mark_id, patent_watch_id, office, kind, number, \
                         title, applicant, score, risk, reasons, opposition_deadline, signals, status, created_at, \
                         updated_at) ",
                    );
                    insert.push_values(chunk, |mut row, (alert, _)| {
                        row.push_bind(alert.organisation_id)
                            .push_bind(alert.watched_mark_id)
                            .push_bind(alert.patent_watch_id)
                            .push_bind(alert.office.as_str())
                            .push_bind(alert.kind.as_str())
                            .push_bind(alert.number.as_str())
                            .push_bind(alert.title.as_deref())
                            .push_bind(alert.applicant.as_deref())
                            .push_bind(alert.score)
                            .push_bind(alert.risk.code())
                            .push_bind(sqlx::types::Json(&alert.reasons))
                            .push_bind(alert.opposition_deadline)
                            .push_bind(sqlx::types::Json(&alert.signals))
                            .push("'new'")
                            .push_bind(at)
                            .push_bind(at);
                    });
                    // Alerts already raised in an earlier run are left as they are.
                    insert.push(
                        " ON CONFLICT DO NOTHING RETURNING id, watched_mark_id, patent_watch_id, office, kind, number",
                    );
                    let inserted: Vec<(i64, Option<i64>, Option<i64>, String, String, String)> =
                        insert.build_query_as().fetch_all(&mut *tx).await?;
                    let ids: std::collections::HashMap<$crate::sql::watch::AlertKey, i64> = inserted
                        .into_iter()
                        .map(|(id, mark, watch, office, kind, number)| ((mark, watch, office, kind, number), id))
                        .collect();
                    for (alert, audit) in chunk {
                        let Some(&id) = ids.get(&$crate::sql::watch::alert_key(alert)) else { continue };
                        deliveries.extend(alert.recipients.iter().map(|recipient| (id, recipient)));
                        let mut audit = audit.clone();
                        audit.target_id = Some(id.to_string());
                        audits.push(audit);
                        raised.push(id);
                    }
                }
                queue_deliveries(&mut tx, &deliveries, at).await?;
                insert_audits(&mut tx, &audits).await?;
                tx.commit().await?;
                Ok(raised)
            }

            async fn alert(&self, id: i64) -> $crate::StoreResult<Option<$crate::watch::Alert>> {
                let mut conn = self.pool.acquire().await?;
                watch_alert_in(&mut conn, id).await
            }

            async fn alerts(
                &self,
                filter: &$crate::watch::AlertFilter,
                page: $crate::Page,
            ) -> $crate::StoreResult<Vec<$crate::watch::Alert>> {
                let mut conn = self.pool.acquire().await?;
                let query = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::watch::alert_columns!(),
                    " FROM watch_alerts WHERE ",
                    $crate::sql::watch::alert_filter!(),
                    " AND ($8 IS NULL OR id < $8) ORDER BY id DESC LIMIT $9"
                ));
                let rows: Vec<$crate::sql::watch::AlertRow> = bind_alert_filter(query, filter)
                    .bind(page.after)
                    .bind(i64::from(page.limit))
                .fetch_all(&mut *conn)
                .await?;
                let (Some(newest), Some(oldest)) = (rows.first(), rows.last()) else {
                    return Ok(Vec::new());
                };
                let notes = watch_notes_between(&mut conn, oldest.id(), newest.id()).await?;
                rows.into_iter().map(|row| row.into_model(&notes)).collect()
            }

            async fn count_alerts(&self, filter: &$crate::watch::AlertFilter) -> $crate::StoreResult<u64> {
                let query = sqlx::query_as(concat!(
                    "SELECT COUNT(*) FROM watch_alerts WHERE ",
                    $crate::sql::watch::alert_filter!()
                ));
                let (count,): (i64,) = bind_alert_filter(query, filter).fetch_one(&self.pool).await?;
                Ok(u64::try_from(count).unwrap_or(0))
            }

            async fn set_alert_status(
                &self,
                id: i64,
                from: zhichan_domain::watch::AlertStatus,
                to: zhichan_domain::watch::AlertStatus,
                note: Option<(i64, &str)>,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::Alert> {
                let mut tx = self.pool.begin().await?;
                let changed =
                    sqlx::query("UPDATE watch_alerts SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2")
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
                        Some(_) => $crate::StoreError::Conflict { what: "alert_status" },
                        None => $crate::StoreError::NotFound("alert"),
                    });
                }
                if let Some((author, text)) = note {
                    watch_insert_note(&mut tx, id, author, text, audit.at).await?;
                }
                insert_audit(&mut tx, &audit).await?;
                let alert = watch_alert_in(&mut tx, id).await?.ok_or($crate::StoreError::NotFound("alert"))?;
                tx.commit().await?;
                Ok(alert)
            }

            async fn assign_alert(
                &self,
                id: i64,
                assignee_user_id: Option<i64>,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::Alert> {
                let mut tx = self.pool.begin().await?;
                let changed = sqlx::query("UPDATE watch_alerts SET assignee_user_id = $2, updated_at = $3 WHERE id = $1")
                    .bind(id)
                    .bind(assignee_user_id)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await?;
                if changed.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound("alert"));
                }
                insert_audit(&mut tx, &audit).await?;
                let alert = watch_alert_in(&mut tx, id).await?.ok_or($crate::StoreError::NotFound("alert"))?;
                tx.commit().await?;
                Ok(alert)
            }

            async fn add_alert_note(
                &self,
                id: i64,
                author_user_id: i64,
                text: &str,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::watch::Alert> {
                let mut tx = self.pool.begin().await?;
                let changed = sqlx::query("UPDATE watch_alerts SET updated_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(audit.at)
                    .execute(&mut *tx)
                    .await?;
                if changed.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound("alert"));
                }
                watch_insert_note(&mut tx, id, author_user_id, text, audit.at).await?;
                insert_audit(&mut tx, &audit).await?;
                let alert = watch_alert_in(&mut tx, id).await?.ok_or($crate::StoreError::NotFound("alert"))?;
                tx.commit().await?;
                Ok(alert)
            }

            async fn trademarks_titled(
                &self,
                titles: &[String],
                owners: &(dyn for<'o> Fn(&'o str) -> bool + Send + Sync),
                limit: u32,
            ) -> $crate::StoreResult<Vec<zhichan_domain::records::Record>> {
                if titles.is_empty() {
                    return Ok(Vec::new());
                }
                let mut query = sqlx::QueryBuilder::new(
                    "SELECT owners, document FROM records WHERE kind = 'trademark' AND lower(title) IN (",
                );
                let mut list = query.separated(", ");
                for title in titles {
                    list.push_bind(title.as_str());
                }
                query.push(") ORDER BY id LIMIT ").push_bind(i64::from(limit));
                let rows: Vec<(Option<String>, sqlx::types::Json<Box<serde_json::value::RawValue>>)> =
                    query.build_query_as().fetch_all(&self.pool).await?;
                rows.into_iter()
                    .filter(|(names, _)| owners(names.as_deref().unwrap_or_default()))
                    .map(|(_, document)| $crate::sql::watch::decode_record(document.0.get()))
                    .collect()
            }
        }

        /// Binds `filter` to the parameters of [`alert_filter`]'s conditions.
        fn bind_alert_filter<'q, O>(
            query: sqlx::query::QueryAs<'q, <$store as $crate::sql::Adapter>::Db, O, <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Arguments>,
            filter: &'q $crate::watch::AlertFilter,
        ) -> sqlx::query::QueryAs<'q, <$store as $crate::sql::Adapter>::Db, O, <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Arguments> {
            query
                .bind(filter.organisation_id)
                .bind(filter.status.map(|s| s.code()))
                .bind(filter.risk.map(|r| r.code()))
                .bind(filter.watched_mark_id)
                .bind(filter.office.as_deref())
                .bind(filter.patent_watch_id)
                .bind(filter.kind.as_deref())
        }

        async fn watch_alert_in(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            id: i64,
        ) -> $crate::StoreResult<Option<$crate::watch::Alert>> {
            let row: Option<$crate::sql::watch::AlertRow> = sqlx::query_as(concat!(
                "SELECT ",
                $crate::sql::watch::alert_columns!(),
                " FROM watch_alerts WHERE id = $1"
            ))
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            let Some(row) = row else { return Ok(None) };
            let notes = watch_notes_between(conn, id, id).await?;
            row.into_model(&notes).map(Some)
        }

        async fn watch_notes_between(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            first: i64,
            last: i64,
        ) -> $crate::StoreResult<Vec<$crate::sql::watch::NoteRow>> {
            Ok(sqlx::query_as(
                "SELECT alert_id, author_user_id, at, text FROM watch_alert_notes \
                 WHERE alert_id BETWEEN $1 AND $2 ORDER BY alert_id, id",
            )
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?)
        }

        async fn watch_insert_note(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            alert_id: i64,
            author_user_id: i64,
            text: &str,
            at: chrono::DateTime<chrono::Utc>,
        ) -> $crate::StoreResult<()> {
            sqlx::query("INSERT INTO watch_alert_notes (alert_id, author_user_id, at, text) VALUES ($1, $2, $3, $4)")
                .bind(alert_id)
                .bind(author_user_id)
                .bind(at)
                .bind(text)
                .execute(&mut *conn)
                .await?;
            Ok(())
        }
    };
}

pub(crate) use {
    alert_columns, alert_filter, patent_watch_columns, sql_watch_store, watch_party_columns, watched_mark_columns,
};

/// A `watched_marks` row.
#[derive(sqlx::FromRow)]
pub(crate) struct WatchedMarkRow {
    pub(crate) id: i64,
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
            id: row.id,
            organisation_id: row.organisation_id,
            label: row.label,
            forms: row.forms.0,
            classes: row.classes.0,
            offices: row.offices.0,
            created_by: row.created_by,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A `watch_parties` row: id, organisation, name, relation code, created, updated.
pub(crate) type WatchPartyRow = (i64, i64, String, String, DateTime<Utc>, DateTime<Utc>);

/// A party row as the model type.
pub(crate) fn party(
    (id, organisation_id, name, relation, created_at, updated_at): WatchPartyRow,
) -> StoreResult<WatchParty> {
    let relation = PartyRelation::parse(&relation)
        .map_err(|_| StoreError::Corrupt { field: "watch_parties.relation", value: relation })?;
    Ok(WatchParty { id, organisation_id, name, relation, created_at, updated_at })
}

/// A `patent_watches` row: id, organisation, label, query, created by, created, updated.
pub(crate) type PatentWatchRow = (i64, i64, String, String, Option<i64>, DateTime<Utc>, DateTime<Utc>);

/// A patent watch row as the model type.
pub(crate) fn patent_watch(
    (id, organisation_id, label, query, created_by, created_at, updated_at): PatentWatchRow,
) -> PatentWatch {
    PatentWatch { id, organisation_id, label, query, created_by, created_at, updated_at }
}

/// A `watch_alert_notes` row: alert, author, time, text.
pub(crate) type NoteRow = (i64, i64, DateTime<Utc>, String);

/// A `watch_alerts` row.
#[derive(sqlx::FromRow)]
pub(crate) struct AlertRow {
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
    pub(crate) fn id(&self) -> i64 {
        self.id
    }

    /// Builds the model value with the alert's notes (picked from `notes` by alert id).
    pub(crate) fn into_model(self, notes: &[NoteRow]) -> StoreResult<Alert> {
        let status = AlertStatus::parse(&self.status)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.status", value: self.status.clone() })?;
        let risk = RiskLevel::parse(&self.risk)
            .map_err(|_| StoreError::Corrupt { field: "watch_alerts.risk", value: self.risk.clone() })?;
        let notes = notes
            .iter()
            .filter(|(alert, ..)| *alert == self.id)
            .map(|(_, author_user_id, at, text)| AlertNote {
                author_user_id: *author_user_id,
                at: *at,
                text: text.clone(),
            })
            .collect();
        Ok(Alert {
            id: self.id,
            organisation_id: self.organisation_id,
            watched_mark_id: self.watched_mark_id,
            patent_watch_id: self.patent_watch_id,
            office: self.office,
            kind: self.kind,
            number: self.number,
            title: self.title,
            applicant: self.applicant,
            score: self.score,
            risk,
            reasons: self.reasons.0,
            opposition_deadline: self.opposition_deadline,
            signals: self.signals.0,
            status,
            assignee_user_id: self.assignee_user_id,
            notes,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}
