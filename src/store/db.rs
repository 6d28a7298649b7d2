//! The store's handle on its database, and the read transaction (a snapshot).
//!
//! [`Db`] is what the store's query functions take (`subjects::get(db, …)`). Outside `store` it
//! is opaque: the services hold and pass it, but cannot run SQL through it, so SQL and the
//! `rusqlite` types stay in this module tree. Inside, it forwards the few connection methods the
//! query functions use. A second backend (a shared database server for several officers) would
//! replace what is behind `Db` and the query functions, not the services.
//!
//! Three ways to read and write, all over a `Db`:
//! - a plain `&Db` (from [`super::Store::db`]): each query sees the latest committed data;
//! - a [`Snapshot`] (from [`Db::snapshot`]): every query in it sees one consistent snapshot, for
//!   whole-store reads such as the review queue or a sweep plan;
//! - a [`super::Write`] (from [`super::Store::write`]): one write transaction that seals,
//!   counts seals and appends its audit entry together.

use std::ops::Deref;

use rusqlite::{
    CachedStatement, Connection, Params, Row, Statement, ToSql, Transaction, TransactionBehavior,
};

use super::StoreResult;

/// A connection to a store, as the query functions see it (see the module documentation).
#[derive(Debug)]
pub struct Db {
    conn: Connection,
}

impl Db {
    /// Wraps an open connection.
    pub(super) fn new(conn: Connection) -> Self {
        Self { conn }
    }

    /// The connection itself, for what the forwarders below do not cover.
    pub(super) fn sql(&self) -> &Connection {
        &self.conn
    }

    /// The connection, mutably (migrations).
    pub(super) fn sql_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    /// Gives the connection back (to close it).
    pub(super) fn into_inner(self) -> Connection {
        self.conn
    }

    /// A read transaction: every query through it sees the same snapshot of the store, and a
    /// change committed meanwhile (by the window's writer) is seen entirely or not at all.
    pub fn snapshot(&self) -> StoreResult<Snapshot<'_>> {
        Ok(Snapshot {
            _tx: Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)?,
            db: self,
        })
    }

    pub(super) fn execute<P: Params>(&self, sql: &str, params: P) -> rusqlite::Result<usize> {
        self.conn.execute(sql, params)
    }

    pub(super) fn execute_batch(&self, sql: &str) -> rusqlite::Result<()> {
        self.conn.execute_batch(sql)
    }

    pub(super) fn prepare(&self, sql: &str) -> rusqlite::Result<Statement<'_>> {
        self.conn.prepare(sql)
    }

    pub(super) fn prepare_cached(&self, sql: &str) -> rusqlite::Result<CachedStatement<'_>> {
        self.conn.prepare_cached(sql)
    }

    pub(super) fn query_row<T, P, F>(&self, sql: &str, params: P, f: F) -> rusqlite::Result<T>
    where
        P: Params,
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.conn.query_row(sql, params, f)
    }

    pub(super) fn pragma_update<V: ToSql>(
        &self,
        schema: Option<&str>,
        name: &str,
        value: V,
    ) -> rusqlite::Result<()> {
        self.conn.pragma_update(schema, name, value)
    }

    pub(super) fn pragma_query_value<T, F>(
        &self,
        schema: Option<&str>,
        name: &str,
        f: F,
    ) -> rusqlite::Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.conn.pragma_query_value(schema, name, f)
    }

    pub(super) fn last_insert_rowid(&self) -> i64 {
        self.conn.last_insert_rowid()
    }

    pub(super) fn busy_timeout(&self, timeout: std::time::Duration) -> rusqlite::Result<()> {
        self.conn.busy_timeout(timeout)
    }
}

/// A read transaction over a [`Db`] (see [`Db::snapshot`]); ends when dropped.
#[derive(Debug)]
pub struct Snapshot<'c> {
    _tx: Transaction<'c>,
    db: &'c Db,
}

impl Deref for Snapshot<'_> {
    type Target = Db;

    fn deref(&self) -> &Db {
        self.db
    }
}
