//! Group commit: concurrent writers share one transaction and one durable commit.
//!
//! With `synchronous=FULL` every SQLite commit waits for the disk (an `fsync` of the WAL); with
//! twenty citizens filing at once, twenty `fsync`s in a row would cap throughput at the disk's
//! flush rate. [`Store::write`](crate::Store::write) queues the caller's work instead. The first
//! caller to find no batch running becomes the leader: it takes every job queued so far, runs
//! each inside its own savepoint of one transaction (a job that fails is rolled back alone),
//! commits once, and only then answers each caller, so a success is never reported before it is
//! durable. Callers that arrived while the leader was committing form the next batch.
//!
//! The leader runs the batch in a spawned task that owns the batch lock: if the leader's request
//! is cancelled (client gone, request timeout), the batch still finishes and answers the others.
//! A caller cancelled while its job waits runs now or never: its job leaves the queue when its
//! future is dropped, and a job already taken into a batch is skipped if its caller is gone when
//! its turn comes (so no job runs later, in someone else's batch, with stale times).
//! The same code runs on PostgreSQL, where it saves round trips and commits.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};

use tokio::sync::oneshot;

use crate::{Result, Store, StoreError, Tx};

/// A boxed future borrowing the batch's transaction.
pub type TxFuture<'c, T> = Pin<Box<dyn Future<Output = T> + Send + 'c>>;

/// Tells a caller how its job ended once the batch is over (`None`: committed).
type Done = Box<dyn FnOnce(Option<&StoreError>) + Send>;

/// One queued piece of work: runs in the transaction, says whether it succeeded, and hands back
/// how to answer its caller.
type Job = Box<dyn for<'c> FnOnce(&'c mut Tx) -> TxFuture<'c, (bool, Done)> + Send>;

/// Most jobs in one transaction (bounds the time a batch holds the writer).
const MAX_BATCH: usize = 128;

/// The queue and the batch lock of one store.
#[derive(Default)]
pub(crate) struct Group {
    /// Jobs waiting, each with its caller's ticket.
    queue: Mutex<Vec<(u64, Job)>>,
    next_ticket: std::sync::atomic::AtomicU64,
    running: Arc<tokio::sync::Mutex<()>>,
    batches: std::sync::atomic::AtomicU64,
    jobs: std::sync::atomic::AtomicU64,
}

impl std::fmt::Debug for Group {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Group")
            .field("batches", &self.batches)
            .field("jobs", &self.jobs)
            .finish_non_exhaustive()
    }
}

/// Batches and jobs committed so far (for `/metrics` and the benchmark).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GroupStats {
    /// Transactions committed by the group writer.
    pub batches: u64,
    /// Jobs they carried.
    pub jobs: u64,
}

impl Store {
    /// Runs `work` inside a shared write transaction and returns its result once that
    /// transaction has committed. An `Err` from `work` rolls back only `work`'s own changes (a
    /// savepoint). `work` must not read through the pool: everything it needs is read before.
    ///
    /// ```text
    /// let id = store.write(move |tx| Box::pin(async move { insert(tx, &row).await })).await?;
    /// ```
    pub async fn write<T, E, F>(&self, work: F) -> std::result::Result<T, E>
    where
        T: Send + 'static,
        E: From<StoreError> + Send + 'static,
        F: for<'c> FnOnce(&'c mut Tx) -> TxFuture<'c, std::result::Result<T, E>> + Send + 'static,
    {
        let (answer, mut reply) = oneshot::channel::<std::result::Result<T, E>>();
        let job: Job = Box::new(move |tx: &mut Tx| {
            Box::pin(async move {
                if answer.is_closed() {
                    // The caller was cancelled before its turn: the job never runs.
                    let skipped: Done = Box::new(|_| {});
                    return (true, skipped);
                }
                let outcome = work(tx).await;
                let ok = outcome.is_ok();
                let done: Done = Box::new(move |commit: Option<&StoreError>| {
                    let result = match (outcome, commit) {
                        (Ok(_), Some(e)) => Err(E::from(StoreError::Batch(e.to_string()))),
                        (outcome, _) => outcome,
                    };
                    // The caller may be gone (request cancelled); its work is committed anyway.
                    let _ = answer.send(result);
                });
                (ok, done)
            })
        });
        let ticket = self
            .group
            .next_ticket
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.group
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((ticket, job));
        // Dropped while waiting (request cancelled): the job leaves the queue with its caller.
        let unqueue = Unqueue {
            group: &self.group,
            ticket,
        };
        let guard = Arc::clone(&self.group.running).lock_owned().await;
        std::mem::forget(unqueue);
        // A leader before us may have carried our job already.
        match reply.try_recv() {
            Ok(result) => return result,
            Err(oneshot::error::TryRecvError::Closed) => {
                return Err(E::from(StoreError::Batch("the batch ended early".into())));
            }
            Err(oneshot::error::TryRecvError::Empty) => {}
        }
        let batch: Vec<Job> = std::mem::take(
            &mut *self
                .group
                .queue
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        )
        .into_iter()
        .map(|(_, job)| job)
        .collect();
        let store = self.clone();
        tokio::spawn(async move {
            let _guard = guard;
            store.run_batch(batch).await;
        });
        match reply.await {
            Ok(result) => result,
            Err(_) => Err(E::from(StoreError::Batch("the batch ended early".into()))),
        }
    }

    /// Jobs waiting for a batch (tests hold a batch and watch the queue).
    pub fn queued(&self) -> usize {
        self.group
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }

    /// Batches and jobs committed by [`Store::write`] so far.
    pub fn group_stats(&self) -> GroupStats {
        use std::sync::atomic::Ordering::Relaxed;
        GroupStats {
            batches: self.group.batches.load(Relaxed),
            jobs: self.group.jobs.load(Relaxed),
        }
    }

    async fn run_batch(&self, mut batch: Vec<Job>) {
        while !batch.is_empty() {
            let rest = if batch.len() > MAX_BATCH {
                batch.split_off(MAX_BATCH)
            } else {
                Vec::new()
            };
            self.run_one(batch).await;
            batch = rest;
        }
    }

    async fn run_one(&self, batch: Vec<Job>) {
        use std::sync::atomic::Ordering::Relaxed;
        let mut tx = match self.begin().await {
            Ok(tx) => tx,
            Err(e) => {
                // Dropping the jobs closes their callers' reply channels: each reports the error.
                tracing::error!(error = %e, jobs = batch.len(), "group commit: cannot begin");
                return;
            }
        };
        let mut answers: Vec<(bool, Done)> = Vec::with_capacity(batch.len());
        let mut jobs = batch.into_iter();
        while let Some(job) = jobs.next() {
            let opened = savepoint(&mut tx, "SAVEPOINT camlo_job").await;
            let (ok, done, closed) = match opened {
                Ok(()) => {
                    let (ok, done) = job(&mut tx).await;
                    let closed = if ok {
                        savepoint(&mut tx, "RELEASE SAVEPOINT camlo_job").await
                    } else {
                        // Undo this job alone, then leave the savepoint stack as before it.
                        match savepoint(&mut tx, "ROLLBACK TO SAVEPOINT camlo_job").await {
                            Ok(()) => savepoint(&mut tx, "RELEASE SAVEPOINT camlo_job").await,
                            Err(e) => Err(e),
                        }
                    };
                    (ok, Some(done), closed)
                }
                Err(e) => (false, None, Err(e)),
            };
            if let Err(e) = closed {
                // The transaction is in an unknown state: abandon the whole batch. Jobs not yet
                // run are dropped, which tells their callers.
                tracing::error!(error = %e, "group commit: savepoint failed");
                drop(tx);
                for (_, done) in answers.into_iter().chain(done.map(|d| (ok, d))) {
                    done(Some(&e));
                }
                drop(jobs);
                return;
            }
            if let Some(done) = done {
                answers.push((ok, done));
            }
        }
        let committed = tx.commit().await.map_err(StoreError::from);
        let jobs = answers.iter().filter(|(ok, _)| *ok).count();
        if committed.is_ok() {
            self.group.batches.fetch_add(1, Relaxed);
            self.group.jobs.fetch_add(jobs as u64, Relaxed);
        }
        for (_, done) in answers {
            done(committed.as_ref().err());
        }
    }
}

/// Takes a cancelled caller's job out of the queue.
struct Unqueue<'a> {
    group: &'a Group,
    ticket: u64,
}

impl Drop for Unqueue<'_> {
    fn drop(&mut self) {
        self.group
            .queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|(t, _)| *t != self.ticket);
    }
}

async fn savepoint(tx: &mut Tx, statement: &'static str) -> Result<()> {
    sqlx::query(statement).execute(&mut **tx).await?;
    Ok(())
}
