//! [`crate::AccountStore`] in SQL shared by both backends.

/// Implements [`crate::AccountStore`] for an adapter struct with a `pool` field.
macro_rules! sql_account_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::AccountStore for $store {
            async fn create_organisation(
                &self,
                new: &$crate::NewOrganisation,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::Organisation> {
                let mut tx = self.pool.begin().await?;
                let p = &new.profile;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organisations (kind, name_zh, name_en, uscc, street, industry, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                )
                .bind(new.kind.code())
                .bind(p.name_zh.as_str())
                .bind(p.name_en.as_ref().map(|n| n.as_str()))
                .bind(p.uscc.as_ref().map(|u| u.as_str()))
                .bind(p.street.map(|s| s.code()))
                .bind(p.industry.as_deref())
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::error::classify)?;
                insert_markets(&mut tx, id, &p.export_markets).await?;
                audit.organisation_id = Some(id);
                audit.target_id = Some(id.to_string());
                insert_audit(&mut tx, &audit).await?;
                let organisation = organisation_in(&mut tx, id).await?;
                tx.commit().await?;
                Ok(organisation)
            }

            async fn update_organisation(
                &self,
                id: i64,
                p: &$crate::OrganisationProfile,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::Organisation> {
                let mut tx = self.pool.begin().await?;
                let changed = sqlx::query(
                    "UPDATE organisations SET name_zh = $2, name_en = $3, uscc = $4, street = $5, industry = $6, \
                     updated_at = $7 WHERE id = $1",
                )
                .bind(id)
                .bind(p.name_zh.as_str())
                .bind(p.name_en.as_ref().map(|n| n.as_str()))
                .bind(p.uscc.as_ref().map(|u| u.as_str()))
                .bind(p.street.map(|s| s.code()))
                .bind(p.industry.as_deref())
                .bind(audit.at)
                .execute(&mut *tx)
                .await
                .map_err($crate::error::classify)?;
                if changed.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound("organisation"));
                }
                sqlx::query("DELETE FROM organisation_markets WHERE organisation_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                insert_markets(&mut tx, id, &p.export_markets).await?;
                insert_audit(&mut tx, &audit).await?;
                let organisation = organisation_in(&mut tx, id).await?;
                tx.commit().await?;
                Ok(organisation)
            }

            async fn organisation(&self, id: i64) -> $crate::StoreResult<Option<$crate::Organisation>> {
                let mut conn = self.pool.acquire().await?;
                let row: Option<$crate::rows::OrganisationRow> =
                    sqlx::query_as(concat!("SELECT ", $crate::sql::organisation_columns!(), " FROM organisations WHERE id = $1"))
                        .bind(id)
                        .fetch_optional(&mut *conn)
                        .await?;
                match row {
                    Some(row) => {
                        let markets = markets_between(&mut conn, id, id).await?;
                        Ok(Some(row.into_model(&markets)?))
                    }
                    None => Ok(None),
                }
            }

            async fn organisations(
                &self,
                filter: &$crate::OrganisationFilter,
                page: $crate::Page,
            ) -> $crate::StoreResult<Vec<$crate::Organisation>> {
                let mut conn = self.pool.acquire().await?;
                let pattern = filter.name_contains.as_ref().map(|n| format!("%{}%", n.to_lowercase()));
                let rows: Vec<$crate::rows::OrganisationRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::organisation_columns!(),
                    " FROM organisations WHERE id > $1 AND ($2 IS NULL OR id = $2) AND ($3 IS NULL OR kind = $3) \
                     AND ($4 IS NULL OR street = $4) \
                     AND ($5 IS NULL OR lower(name_zh) LIKE $5 OR lower(coalesce(name_en, '')) LIKE $5) \
                     ORDER BY id LIMIT $6"
                ))
                .bind(page.after.unwrap_or(0))
                .bind(filter.only_id)
                .bind(filter.kind.map(|k| k.code()))
                .bind(filter.street.map(|s| s.code()))
                .bind(pattern)
                .bind(i64::from(page.limit))
                .fetch_all(&mut *conn)
                .await?;
                let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
                    return Ok(Vec::new());
                };
                let markets = markets_between(&mut conn, first.id(), last.id()).await?;
                rows.into_iter().map(|row| row.into_model(&markets)).collect()
            }

            async fn create_user(
                &self,
                new: &$crate::NewUser,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::User> {
                let mut tx = self.pool.begin().await?;
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO users (organisation_id, email, display_name, password_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(new.organisation_id)
                .bind(new.email.as_str())
                .bind(new.display_name.as_str())
                .bind(new.password_hash.as_str())
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::error::classify)?;
                for role in &new.roles {
                    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
                        .bind(id)
                        .bind(role.code())
                        .execute(&mut *tx)
                        .await?;
                }
                audit.target_id = Some(id.to_string());
                insert_audit(&mut tx, &audit).await?;
                let user = user_in(&mut tx, id).await?.ok_or($crate::StoreError::NotFound("user"))?;
                tx.commit().await?;
                Ok(user)
            }

            async fn user(&self, id: i64) -> $crate::StoreResult<Option<$crate::User>> {
                let mut conn = self.pool.acquire().await?;
                user_in(&mut conn, id).await
            }

            async fn user_credentials(&self, email: &str) -> $crate::StoreResult<Option<$crate::UserCredentials>> {
                let mut conn = self.pool.acquire().await?;
                let found: Option<(i64, String)> =
                    sqlx::query_as("SELECT id, password_hash FROM users WHERE email = $1")
                        .bind(email)
                        .fetch_optional(&mut *conn)
                        .await?;
                let Some((id, password_hash)) = found else { return Ok(None) };
                let user = user_in(&mut conn, id).await?.ok_or($crate::StoreError::NotFound("user"))?;
                Ok(Some($crate::UserCredentials { user, password_hash }))
            }

            async fn users_in_organisation(&self, organisation_id: i64) -> $crate::StoreResult<Vec<$crate::User>> {
                let mut conn = self.pool.acquire().await?;
                let rows: Vec<$crate::rows::UserRow> =
                    sqlx::query_as(concat!("SELECT ", $crate::sql::user_columns!(), " FROM users WHERE organisation_id = $1 ORDER BY id"))
                        .bind(organisation_id)
                        .fetch_all(&mut *conn)
                        .await?;
                let roles: Vec<(i64, String)> = sqlx::query_as(
                    "SELECT r.user_id, r.role FROM user_roles r JOIN users u ON u.id = r.user_id \
                     WHERE u.organisation_id = $1",
                )
                .bind(organisation_id)
                .fetch_all(&mut *conn)
                .await?;
                rows.into_iter().map(|row| row.into_model(&roles)).collect()
            }

            async fn count_users_with_role(&self, role: zhichan_domain::Role) -> $crate::StoreResult<i64> {
                let count: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id \
                     WHERE r.role = $1 AND u.disabled = $2",
                )
                .bind(role.code())
                .bind(false)
                .fetch_one(&self.pool)
                .await?;
                Ok(count)
            }

            async fn set_user_locale(
                &self,
                user_id: i64,
                locale: zhichan_domain::Locale,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                let changed = sqlx::query("UPDATE users SET locale = $2 WHERE id = $1")
                    .bind(user_id)
                    .bind(locale.tag())
                    .execute(&mut *tx)
                    .await?;
                if changed.rows_affected() == 0 {
                    return Err($crate::StoreError::NotFound("user"));
                }
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn create_session(
                &self,
                session: &$crate::NewSession,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query(
                    "INSERT INTO sessions (token_hash, user_id, created_at, expires_at, ip, user_agent) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(session.token_hash.as_str())
                .bind(session.user_id)
                .bind(session.created_at)
                .bind(session.expires_at)
                .bind(session.ip.as_deref())
                .bind(session.user_agent.as_deref())
                .execute(&mut *tx)
                .await?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn session_user(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::User>> {
                let mut conn = self.pool.acquire().await?;
                let user_id: Option<i64> =
                    sqlx::query_scalar("SELECT user_id FROM sessions WHERE token_hash = $1 AND expires_at > $2")
                        .bind(token_hash)
                        .bind(now)
                        .fetch_optional(&mut *conn)
                        .await?;
                match user_id {
                    Some(id) => Ok(user_in(&mut conn, id).await?.filter(|u| !u.disabled)),
                    None => Ok(None),
                }
            }

            async fn delete_session(&self, token_hash: &str, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                    .bind(token_hash)
                    .execute(&mut *tx)
                    .await?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn delete_expired_sessions(&self, now: chrono::DateTime<chrono::Utc>) -> $crate::StoreResult<u64> {
                let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1").bind(now).execute(&self.pool).await?;
                Ok(done.rows_affected())
            }

            async fn create_api_token(
                &self,
                token: &$crate::NewApiToken,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::ApiToken> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::rows::ApiTokenRow = sqlx::query_as(concat!(
                    "INSERT INTO api_tokens (user_id, name, token_prefix, token_hash, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING ",
                    $crate::sql::api_token_columns!()
                ))
                .bind(token.user_id)
                .bind(token.name.as_str())
                .bind(token.token_prefix.as_str())
                .bind(token.token_hash.as_str())
                .bind(token.created_at)
                .fetch_one(&mut *tx)
                .await
                .map_err($crate::error::classify)?;
                let token = $crate::ApiToken::from(row);
                audit.target_id = Some(token.id.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(token)
            }

            async fn api_tokens(&self, user_id: i64) -> $crate::StoreResult<Vec<$crate::ApiToken>> {
                let rows: Vec<$crate::rows::ApiTokenRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::api_token_columns!(),
                    " FROM api_tokens WHERE user_id = $1 ORDER BY id DESC"
                ))
                .bind(user_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }

            async fn api_token_user(
                &self,
                token_hash: &str,
                now: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<Option<$crate::User>> {
                let mut conn = self.pool.acquire().await?;
                let user_id: Option<i64> = sqlx::query_scalar(
                    "UPDATE api_tokens SET last_used_at = $2 WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id",
                )
                .bind(token_hash)
                .bind(now)
                .fetch_optional(&mut *conn)
                .await?;
                match user_id {
                    Some(id) => Ok(user_in(&mut conn, id).await?.filter(|u| !u.disabled)),
                    None => Ok(None),
                }
            }

            async fn revoke_api_token(
                &self,
                user_id: i64,
                token_id: i64,
                audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::ApiToken> {
                let mut tx = self.pool.begin().await?;
                let row: Option<$crate::rows::ApiTokenRow> = sqlx::query_as(concat!(
                    "UPDATE api_tokens SET revoked_at = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING ",
                    $crate::sql::api_token_columns!()
                ))
                .bind(token_id)
                .bind(user_id)
                .bind(audit.at)
                .fetch_optional(&mut *tx)
                .await?;
                let token = row.ok_or($crate::StoreError::NotFound("api_token"))?;
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok(token.into())
            }

            async fn append_audit(&self, event: $crate::AuditEntry) -> $crate::StoreResult<()> {
                let mut conn = self.pool.acquire().await?;
                insert_audit(&mut conn, &event).await
            }

            async fn audit_events(
                &self,
                filter: &$crate::AuditFilter,
                page: $crate::Page,
            ) -> $crate::StoreResult<Vec<$crate::AuditEvent>> {
                let prefix = filter.action_prefix.as_ref().map(|p| format!("{}%", p.replace(['%', '_'], "")));
                let rows: Vec<$crate::rows::AuditRow> = sqlx::query_as(
                    "SELECT id, at, actor_user_id, actor_org_id, organisation_id, action, target_kind, target_id, ip, detail \
                     FROM audit_events WHERE ($1 IS NULL OR id < $1) AND ($2 IS NULL OR organisation_id = $2) \
                     AND ($3 IS NULL OR actor_user_id = $3) AND ($4 IS NULL OR action LIKE $4) \
                     AND ($5 IS NULL OR at >= $5) AND ($6 IS NULL OR at < $6) ORDER BY id DESC LIMIT $7",
                )
                .bind(page.after)
                .bind(filter.organisation_id)
                .bind(filter.actor_user_id)
                .bind(prefix)
                .bind(filter.since)
                .bind(filter.until)
                .bind(i64::from(page.limit))
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map(Into::into).collect())
            }
        }

        /// Deletes the row `id` with `delete` (a `DELETE … WHERE id = $1`) and records `audit`, in
        /// one transaction; [`crate::StoreError::NotFound`] (`what`) when there is no such row.
        async fn delete_audited(
            pool: &sqlx::Pool<<$store as $crate::sql::Adapter>::Db>,
            delete: &'static str,
            id: i64,
            what: &'static str,
            audit: &$crate::AuditEntry,
        ) -> $crate::StoreResult<()> {
            let mut tx = pool.begin().await?;
            let deleted = sqlx::query(delete).bind(id).execute(&mut *tx).await?;
            if deleted.rows_affected() == 0 {
                return Err($crate::StoreError::NotFound(what));
            }
            insert_audit(&mut tx, audit).await?;
            tx.commit().await?;
            Ok(())
        }

        async fn insert_audit(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            event: &$crate::AuditEntry,
        ) -> $crate::StoreResult<()> {
            insert_audits(conn, std::slice::from_ref(event)).await
        }

        /// Writes `events` with multi-row statements.
        async fn insert_audits(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            events: &[$crate::AuditEntry],
        ) -> $crate::StoreResult<()> {
            for chunk in events.chunks($crate::sql::ROWS_PER_STATEMENT) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO audit_events (at, actor_user_id, actor_org_id, organisation_id, action, target_kind, \
                     target_id, ip, detail) ",
                );
                insert.push_values(chunk, |mut row, event| {
                    row.push_bind(event.at)
                        .push_bind(event.actor_user_id)
                        .push_bind(event.actor_org_id)
                        .push_bind(event.organisation_id)
                        .push_bind(event.action.as_str())
                        .push_bind(event.target_kind.as_str())
                        .push_bind(event.target_id.as_deref())
                        .push_bind(event.ip.as_deref())
                        .push_bind(sqlx::types::Json(&event.detail));
                });
                insert.build().execute(&mut *conn).await?;
            }
            Ok(())
        }

        async fn insert_markets(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            organisation_id: i64,
            markets: &[zhichan_domain::MarketCode],
        ) -> $crate::StoreResult<()> {
            for (position, market) in markets.iter().enumerate() {
                sqlx::query("INSERT INTO organisation_markets (organisation_id, position, market) VALUES ($1, $2, $3)")
                    .bind(organisation_id)
                    .bind(position as i32)
                    .bind(market.as_str())
                    .execute(&mut *conn)
                    .await
                    .map_err($crate::error::classify)?;
            }
            Ok(())
        }

        async fn markets_between(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            first: i64,
            last: i64,
        ) -> $crate::StoreResult<Vec<(i64, String)>> {
            Ok(sqlx::query_as(
                "SELECT organisation_id, market FROM organisation_markets \
                 WHERE organisation_id BETWEEN $1 AND $2 ORDER BY organisation_id, position",
            )
            .bind(first)
            .bind(last)
            .fetch_all(&mut *conn)
            .await?)
        }

        async fn organisation_in(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            id: i64,
        ) -> $crate::StoreResult<$crate::Organisation> {
            let row: $crate::rows::OrganisationRow =
                sqlx::query_as(concat!("SELECT ", $crate::sql::organisation_columns!(), " FROM organisations WHERE id = $1"))
                    .bind(id)
                    .fetch_one(&mut *conn)
                    .await?;
            let markets = markets_between(conn, id, id).await?;
            row.into_model(&markets)
        }

        async fn user_in(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            id: i64,
        ) -> $crate::StoreResult<Option<$crate::User>> {
            let row: Option<$crate::rows::UserRow> =
                sqlx::query_as(concat!("SELECT ", $crate::sql::user_columns!(), " FROM users WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(&mut *conn)
                    .await?;
            let Some(row) = row else { return Ok(None) };
            let roles: Vec<(i64, String)> = sqlx::query_as("SELECT user_id, role FROM user_roles WHERE user_id = $1")
                .bind(row.id())
                .fetch_all(&mut *conn)
                .await?;
            row.into_model(&roles).map(Some)
        }
    };
}

pub(crate) use sql_account_store;
