//! What the shared SQL needs of a database, stated once: [`SqlBackend`].
//!
//! Rust carries a trait's bounds to the code that uses it only when they bound `Self` or its
//! associated types; a bound such as `i64: Encode<DB>` written on the trait would have to be
//! repeated on every generic function. [`ColumnTypes`] names each Rust type the SQL binds or reads
//! as an associated type equal to itself, so its bounds become bounds on an associated type and
//! `DB: SqlBackend` alone implies them.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migrate, Migrator};
use sqlx::{ColumnIndex, Database, Decode, Encode, Executor, IntoArguments, Type};

/// A database the shared SQL runs on: SQLite or PostgreSQL. Both accept the same statements
/// (`$n` parameters, `RETURNING`, `ON CONFLICT`); what differs is stated here.
pub trait SqlBackend:
    Database<Arguments: IntoArguments<Self>, Connection: Migrate, QueryResult: RowsAffected>
    + for<'a> ColumnTypes<
        'a,
        ConnectionRef = &'a mut <Self as Database>::Connection,
        Index = usize,
        Str = &'a str,
        OptionStr = Option<&'a str>,
        String = String,
        Bool = bool,
        I32 = i32,
        I64 = i64,
        OptionI64 = Option<i64>,
        F64 = f64,
        DateTime = DateTime<Utc>,
        OptionDateTime = Option<DateTime<Utc>>,
        OptionDate = Option<NaiveDate>,
        SqlxJson = sqlx::types::Json<()>,
        ConnectionRef: Executor<'a, Database = Self>,
        Index: ColumnIndex<<Self as Database>::Row>,
        Str: Encode<'a, Self> + Type<Self> + ColumnIndex<<Self as Database>::Row>,
        OptionStr: Encode<'a, Self> + Type<Self>,
        String: Codec<'a, Self>,
        Bool: Codec<'a, Self>,
        I32: Codec<'a, Self>,
        I64: Codec<'a, Self>,
        OptionI64: Encode<'a, Self>,
        F64: Codec<'a, Self>,
        DateTime: Codec<'a, Self>,
        OptionDateTime: Encode<'a, Self>,
        OptionDate: Codec<'a, Self>,
        SqlxJson: Type<Self>,
    >
{
    /// Which backend this is.
    const KIND: crate::Backend;
    /// The migrations of this backend (`migrations/<backend>/`).
    const MIGRATOR: Migrator;
    /// Starts a transaction that reads before it writes. SQLite must take the write lock at the
    /// start (`BEGIN IMMEDIATE`): a deferred transaction that read first cannot wait for the lock
    /// when it writes and fails at once with "database is locked".
    const BEGIN_WRITE: &'static str;

    /// Writes `value` as a JSON parameter.
    fn encode_json<T: Serialize>(value: &T, buf: &mut Self::ArgumentBuffer) -> Result<IsNull, BoxDynError>;
    /// Reads a JSON column.
    fn decode_json<'r, T: Deserialize<'r> + 'r>(value: Self::ValueRef<'r>) -> Result<T, BoxDynError>;
}

/// The Rust types the shared SQL binds and reads, each equal to itself (see the module docs).
/// Add one here, with its bound in [`SqlBackend`], when a statement first needs it.
pub trait ColumnTypes<'a> {
    /// A connection, as statements run on it.
    type ConnectionRef;
    /// A column position.
    type Index;
    /// Text parameters, and column names.
    type Str;
    /// Nullable text parameters.
    type OptionStr;
    /// Text columns.
    type String;
    /// Boolean columns.
    type Bool;
    /// 32-bit integer columns.
    type I32;
    /// 64-bit integer columns: ids, counts.
    type I64;
    /// Nullable 64-bit integer parameters.
    type OptionI64;
    /// Floating-point columns.
    type F64;
    /// Timestamps.
    type DateTime;
    /// Nullable timestamp parameters.
    type OptionDateTime;
    /// Nullable dates.
    type OptionDate;
    /// sqlx's JSON type, whose SQL type a [`Json`] column takes.
    type SqlxJson;
}

impl<'a, DB: Database> ColumnTypes<'a> for DB {
    type ConnectionRef = &'a mut DB::Connection;
    type Index = usize;
    type Str = &'a str;
    type OptionStr = Option<&'a str>;
    type String = String;
    type Bool = bool;
    type I32 = i32;
    type I64 = i64;
    type OptionI64 = Option<i64>;
    type F64 = f64;
    type DateTime = DateTime<Utc>;
    type OptionDateTime = Option<DateTime<Utc>>;
    type OptionDate = Option<NaiveDate>;
    type SqlxJson = sqlx::types::Json<()>;
}

/// How many rows a statement changed (each backend has its own result type).
pub trait RowsAffected {
    /// The number of rows inserted, updated or deleted.
    fn rows_affected(&self) -> u64;
}

/// A type both bound as a parameter and read from a column.
pub trait Codec<'a, DB: Database>: Encode<'a, DB> + Decode<'a, DB> + Type<DB> {}

impl<'a, DB: Database, T: Encode<'a, DB> + Decode<'a, DB> + Type<DB>> Codec<'a, DB> for T {}

/// A JSON column (TEXT in SQLite, JSONB in PostgreSQL) holding a `T`, for any backend.
pub struct Json<T>(pub T);

impl<T, DB: SqlBackend> Type<DB> for Json<T> {
    fn type_info() -> DB::TypeInfo {
        <sqlx::types::Json<()> as Type<DB>>::type_info()
    }

    fn compatible(ty: &DB::TypeInfo) -> bool {
        <sqlx::types::Json<()> as Type<DB>>::compatible(ty)
    }
}

impl<T: Serialize, DB: SqlBackend> Encode<'_, DB> for Json<T> {
    fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer) -> Result<IsNull, BoxDynError> {
        DB::encode_json(&self.0, buf)
    }
}

impl<'r, T: Deserialize<'r> + 'r, DB: SqlBackend> Decode<'r, DB> for Json<T> {
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        DB::decode_json(value).map(Json)
    }
}
