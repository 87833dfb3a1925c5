//! Storage conformance: every test runs on SQLite, or on PostgreSQL when
//! `CAMLO_TEST_DATABASE_URL` is set, each in a fresh database.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_domain::audit::{AuditEntry, ChainBreak, Checkpoint, Outcome, new_signing_key};
use camlo_store::migrations::{TABLES, introspect};
use camlo_store::{OpenOptions, Store, admin_execute, audit, backup, demo, units};
use camlo_testkit::TestDb;
use camlo_testkit::db::{PG_ENV, create_pg_database, skip_without_pg};
use chrono::{TimeZone, Utc};

fn entry(n: i64) -> AuditEntry {
    AuditEntry {
        at: Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap() + chrono::Duration::seconds(n),
        actor_id: Some(n),
        actor: format!("user{n}"),
        role: Some("clerk".into()),
        unit_id: Some(1),
        action: "test.write".into(),
        object: format!("thing:{n}"),
        outcome: Outcome::Success,
        request_id: format!("req-{n}"),
        client_addr: "127.0.0.1".into(),
        detail: "{}".into(),
    }
}

async fn store_with_chain(n: i64) -> (TestDb, Store) {
    let db = TestDb::new().await;
    let store = db.open().await;
    for i in 1..=n {
        audit::append_alone(&store, &entry(i)).await.unwrap();
    }
    (db, store)
}

async fn verify(store: &Store) -> Result<i64, ChainBreak> {
    audit::verify(store, &[], |_, _| {}).await.unwrap()
}

#[tokio::test]
async fn migrations_are_idempotent_and_cover_the_backup_table_list() {
    let db = TestDb::new().await;
    let store = db.open().await;
    camlo_store::migrations::run(&store).await.unwrap();
    let schema = introspect(&store).await.unwrap();
    let mut names: Vec<&str> = schema
        .tables
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| *t != "schema_migrations")
        .collect();
    names.sort_unstable();
    let mut listed = TABLES.to_vec();
    listed.sort_unstable();
    assert_eq!(
        names, listed,
        "migrations::TABLES must list every table (backups depend on it)"
    );
}

#[tokio::test]
async fn migration_parity_between_sqlite_and_postgres() {
    let dir = tempfile::tempdir().unwrap();
    let sqlite = Store::open(
        &camlo_store::sqlite_url(&dir.path().join("p.db")),
        &OpenOptions {
            create: true,
            max_connections: 2,
            ..OpenOptions::default()
        },
    )
    .await
    .unwrap();
    let lite = introspect(&sqlite).await.unwrap();
    assert!(lite.tables.len() >= TABLES.len());
    if skip_without_pg("migration_parity") {
        return;
    }
    let url = create_pg_database(&std::env::var(PG_ENV).unwrap()).await;
    let pg = Store::open(&url, &OpenOptions::default()).await.unwrap();
    let pgs = introspect(&pg).await.unwrap();
    assert_eq!(
        lite.tables, pgs.tables,
        "tables, columns, types and nullability must match"
    );
    assert_eq!(lite.indexes, pgs.indexes, "indexes must match");
}

#[tokio::test]
async fn sqlite_refuses_a_missing_file_without_create() {
    let dir = tempfile::tempdir().unwrap();
    let url = camlo_store::sqlite_url(&dir.path().join("typo.db"));
    let err = Store::open(&url, &OpenOptions::default())
        .await
        .unwrap_err();
    assert_eq!(err.code(), "STO-0005");
    assert!(!dir.path().join("typo.db").exists());
}

#[tokio::test]
async fn audit_chain_verifies_when_intact() {
    let (_db, store) = store_with_chain(5).await;
    assert_eq!(verify(&store).await, Ok(5));
}

#[tokio::test]
async fn audit_verify_detects_an_edit() {
    let (_db, store) = store_with_chain(5).await;
    admin_execute(
        &store,
        "UPDATE audit_log SET outcome = 'failure' WHERE seq = 3",
    )
    .await
    .unwrap();
    assert_eq!(verify(&store).await, Err(ChainBreak::Content { seq: 3 }));
}

#[tokio::test]
async fn audit_verify_detects_a_deletion() {
    let (_db, store) = store_with_chain(5).await;
    admin_execute(&store, "DELETE FROM audit_log WHERE seq = 2")
        .await
        .unwrap();
    assert_eq!(
        verify(&store).await,
        Err(ChainBreak::Sequence {
            expected: 2,
            found: 3
        })
    );
    let (_db2, store2) = store_with_chain(5).await;
    admin_execute(&store2, "DELETE FROM audit_log WHERE seq = 5")
        .await
        .unwrap();
    assert_eq!(
        verify(&store2).await,
        Err(ChainBreak::Head { last: 4, head: 5 })
    );
}

#[tokio::test]
async fn audit_verify_detects_an_insertion() {
    let (_db, store) = store_with_chain(5).await;
    // A forged record appended directly, copying the last hash as its link.
    let last = audit::recent(&store, 1).await.unwrap().remove(0);
    admin_execute(
        &store,
        &format!(
            "INSERT INTO audit_log (seq, at_us, actor_id, actor, role, unit_id, action, object, outcome, request_id, client_addr, detail, prev_hash, hash, version) \
             VALUES (6, 0, NULL, 'intruder', NULL, NULL, 'account.create', 'account:99', 'success', 'x', 'x', '{{}}', '{}', 'forged', 2)",
            last.hash
        ),
    )
    .await
    .unwrap();
    assert_eq!(verify(&store).await, Err(ChainBreak::Content { seq: 6 }));
}

#[tokio::test]
async fn concurrent_appends_keep_one_chain() {
    let (_db, store) = store_with_chain(0).await;
    let mut tasks = Vec::new();
    for i in 0..20 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            audit::append_alone(&s, &entry(i)).await.unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    assert_eq!(verify(&store).await, Ok(20));
}

#[tokio::test]
async fn audit_verify_reads_one_snapshot_while_records_are_appended() {
    let (_db, store) = store_with_chain(50).await;
    let writer = {
        let s = store.clone();
        tokio::spawn(async move {
            for i in 51..=250 {
                audit::append_alone(&s, &entry(i)).await.unwrap();
            }
        })
    };
    // Whatever the interleaving, every verification sees an intact chain of at least 50.
    while !writer.is_finished() {
        let n = verify(&store).await.unwrap();
        assert!(n >= 50);
    }
    writer.await.unwrap();
    assert_eq!(verify(&store).await, Ok(250));
}

async fn signed_at(store: &Store, key: &camlo_domain::audit::SigningKey, seq: i64) -> Checkpoint {
    let rows = audit::recent(store, 1000).await.unwrap();
    let r = rows.iter().find(|r| r.seq == seq).unwrap();
    Checkpoint::sign(
        key,
        seq,
        &r.hash,
        Utc.with_ymd_and_hms(2026, 11, 3, 0, 0, 0).unwrap(),
    )
}

#[tokio::test]
async fn audit_checkpoint_catches_a_cut_tail_with_a_rewritten_head() {
    let (_db, store) = store_with_chain(8).await;
    let key = new_signing_key().unwrap();
    let cps = vec![signed_at(&store, &key, 7).await];
    assert_eq!(audit::verify(&store, &cps, |_, _| {}).await.unwrap(), Ok(8));
    // Cut records 5..8 and make the head agree: the chain alone verifies.
    let four = audit::recent(&store, 8)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.seq == 4)
        .unwrap();
    admin_execute(&store, "DELETE FROM audit_log WHERE seq > 4")
        .await
        .unwrap();
    admin_execute(
        &store,
        &format!(
            "UPDATE audit_head SET seq = 4, hash = '{}' WHERE id = 1",
            four.hash
        ),
    )
    .await
    .unwrap();
    assert_eq!(verify(&store).await, Ok(4));
    assert_eq!(
        audit::verify(&store, &cps, |_, _| {}).await.unwrap(),
        Err(ChainBreak::Truncated {
            checkpoint: 7,
            last: 4
        })
    );
}

#[tokio::test]
async fn audit_checkpoint_catches_an_edit_rehashed_to_the_end() {
    let (_db, store) = store_with_chain(6).await;
    let key = new_signing_key().unwrap();
    let cps = vec![signed_at(&store, &key, 5).await];
    // Change record 2 and recompute every hash after it, head included.
    let mut rows = audit::recent(&store, 100).await.unwrap();
    rows.reverse();
    rows[1].entry.actor = "someone else".into();
    let mut prev = rows[0].hash.clone();
    for r in rows.iter_mut().skip(1) {
        r.prev_hash.clone_from(&prev);
        r.hash = r.entry.chain_hash(r.seq, &prev);
        prev.clone_from(&r.hash);
        admin_execute(
            &store,
            &format!(
                "UPDATE audit_log SET actor = '{}', prev_hash = '{}', hash = '{}' WHERE seq = {}",
                r.entry.actor, r.prev_hash, r.hash, r.seq
            ),
        )
        .await
        .unwrap();
    }
    admin_execute(
        &store,
        &format!("UPDATE audit_head SET hash = '{prev}' WHERE id = 1"),
    )
    .await
    .unwrap();
    assert_eq!(verify(&store).await, Ok(6), "the chain alone cannot tell");
    assert_eq!(
        audit::verify(&store, &cps, |_, _| {}).await.unwrap(),
        Err(ChainBreak::Rewritten { seq: 5 })
    );
}

#[tokio::test]
async fn demo_seed_loads_with_dated_units() {
    let db = TestDb::new().await;
    let store = db.open().await;
    let accounts = demo::load(
        &store,
        Utc::now_fixed(),
        &camlo_domain::accounts::SECOND_FACTOR_ROLES,
    )
    .await
    .unwrap();
    assert!(accounts.iter().any(|a| a.role == "system_admin"));
    assert!(
        accounts
            .iter()
            .any(|a| a.role == "citizen" && a.unit.is_empty())
    );
    let d = |y, m, dd| chrono::NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let in_2017 = units::list(&store, Some(d(2017, 6, 1))).await.unwrap();
    let in_2021 = units::list(&store, Some(d(2021, 6, 1))).await.unwrap();
    let names =
        |v: &[camlo_domain::units::Unit]| v.iter().map(|u| u.name.clone()).collect::<Vec<_>>();
    assert!(names(&in_2017).iter().any(|n| n.contains("Cam An")));
    assert!(!names(&in_2021).iter().any(|n| n == "Xã Cam An"));
    assert!(names(&in_2021).iter().any(|n| n == "Xã Thanh An"));
    let cam_an = in_2017.iter().find(|u| u.name == "Xã Cam An").unwrap();
    let links = units::links_of(&store, cam_an.id).await.unwrap();
    assert_eq!(links[0].on, d(2020, 1, 1));
    assert_eq!(verify(&store).await, Ok(1));
}

/// A stand-in for "some fixed now" in storage tests, which do not depend on the time.
trait FixedNow {
    fn now_fixed() -> chrono::DateTime<Utc>;
}
impl FixedNow for Utc {
    fn now_fixed() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap()
    }
}

#[tokio::test]
async fn backup_during_writes_restores_the_same_data() {
    let db = TestDb::new().await;
    let store = db.open().await;
    demo::load(
        &store,
        Utc::now_fixed(),
        &camlo_domain::accounts::SECOND_FACTOR_ROLES,
    )
    .await
    .unwrap();
    // Writers keep appending while the backup runs.
    let writer = {
        let s = store.clone();
        tokio::spawn(async move {
            for i in 0..200 {
                audit::append_alone(&s, &entry(i)).await.unwrap();
                tokio::task::yield_now().await;
            }
        })
    };
    let files = db.dir.path().join("files");
    std::fs::create_dir_all(files.join("ab")).unwrap();
    std::fs::write(files.join("ab").join("blob"), b"scan").unwrap();
    let dest = db.dir.path().join("backup1");
    let m1 = backup::backup(&store, Some(&files), &dest, &mut |_, _, _| {})
        .await
        .unwrap();
    writer.await.unwrap();
    assert_eq!(m1.files, 1);

    // Restore into a new SQLite database (and, on PostgreSQL runs, into a new PostgreSQL one).
    let mut targets = vec![db.sqlite_sibling("restored.db")];
    if db.is_postgres() {
        targets.push(create_pg_database(&std::env::var(PG_ENV).unwrap()).await);
    }
    for (i, target) in targets.iter().enumerate() {
        let restored_files = db.dir.path().join(format!("restored-files-{i}"));
        backup::restore(&dest, target, &restored_files, &mut |_, _, _| {})
            .await
            .unwrap();
        assert_eq!(
            std::fs::read(restored_files.join("ab").join("blob")).unwrap(),
            b"scan"
        );
        let restored = Store::open(target, &OpenOptions::default()).await.unwrap();
        // A consistent snapshot keeps the audit chain and its head in agreement.
        assert_eq!(
            verify(&restored).await.map(|n| n as u64),
            Ok(m1.rows["audit_log"])
        );
        // Backing up the restored copy gives the same rows, table by table.
        let dest2 = db.dir.path().join(format!("backup-again-{i}"));
        let m2 = backup::backup(&restored, None, &dest2, &mut |_, _, _| {})
            .await
            .unwrap();
        assert_eq!(m1.rows, m2.rows);
        for t in TABLES {
            let a =
                std::fs::read_to_string(dest.join("tables").join(format!("{t}.jsonl"))).unwrap();
            let b =
                std::fs::read_to_string(dest2.join("tables").join(format!("{t}.jsonl"))).unwrap();
            assert_eq!(a, b, "table {t} differs after restore");
        }
        // New rows get fresh ids after a restore (PostgreSQL identity sequences reset).
        let mut tx = restored.begin().await.unwrap();
        let u = camlo_domain::units::NewUnit::parse(
            "99999",
            "Xã Mới",
            camlo_domain::units::UnitKind::Commune,
            None,
            chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            None,
        )
        .unwrap();
        units::insert(&mut tx, &u, 0).await.unwrap();
        tx.commit().await.unwrap();
    }
    // A restore never overwrites data.
    let err = backup::restore(
        &dest,
        &targets[0],
        &db.dir.path().join("x"),
        &mut |_, _, _| {},
    )
    .await
    .unwrap_err();
    assert_eq!(err.code(), "STO-0003");
}

fn marked(object: &str) -> AuditEntry {
    let mut e = entry(0);
    e.action = "test.cancel".into();
    e.object = object.into();
    e
}

async fn wait_until(mut done: impl FnMut() -> bool) {
    while !done() {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn group_commit_never_runs_a_cancelled_callers_job_later() {
    let db = TestDb::new().await;
    let store = db.open().await;
    // The leader's batch is held open by its own job until we let it go.
    let (release, held) = tokio::sync::oneshot::channel::<()>();
    let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
    let leader = {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .write(move |tx| {
                    Box::pin(async move {
                        let _ = started_tx.send(());
                        let _ = held.await;
                        audit::append(tx, &marked("leader")).await
                    })
                })
                .await
        })
    };
    started.await.unwrap();
    // A second caller queues behind the held batch, then is cancelled (its request timed out).
    let queued = {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .write(move |tx| {
                    Box::pin(async move { audit::append(tx, &marked("cancelled")).await })
                })
                .await
        })
    };
    wait_until(|| store.queued() == 1).await;
    queued.abort();
    assert!(queued.await.unwrap_err().is_cancelled());
    assert_eq!(
        store.queued(),
        0,
        "the cancelled caller's job left the queue"
    );
    release.send(()).unwrap();
    leader.await.unwrap().unwrap();
    // A later write drains the queue: the cancelled job is not in it.
    store
        .write(move |tx| Box::pin(async move { audit::append(tx, &marked("later")).await }))
        .await
        .unwrap();
    let written: Vec<String> = audit::by_action(&store, "test.cancel")
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.entry.object)
        .collect();
    assert_eq!(written, ["leader", "later"]);
    assert_eq!(verify(&store).await, Ok(2));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn group_commit_skips_a_job_whose_caller_left_after_the_batch_took_it() {
    let db = TestDb::new().await;
    let store = db.open().await;
    let hold = |name: &'static str| {
        let store = store.clone();
        let (release, held) = tokio::sync::oneshot::channel::<()>();
        let (started_tx, started) = tokio::sync::oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            store
                .write(move |tx| {
                    Box::pin(async move {
                        let _ = started_tx.send(());
                        let _ = held.await;
                        audit::append(tx, &marked(name)).await
                    })
                })
                .await
        });
        (task, release, started)
    };
    let (first, release_first, started_first) = hold("first");
    started_first.await.unwrap();
    // Second and third queue behind the first batch; the second leads the next one, which
    // takes both jobs and holds inside the second's.
    let (second, release_second, started_second) = hold("second");
    wait_until(|| store.queued() == 1).await;
    let third = {
        let store = store.clone();
        tokio::spawn(async move {
            store
                .write(move |tx| Box::pin(async move { audit::append(tx, &marked("third")).await }))
                .await
        })
    };
    wait_until(|| store.queued() == 2).await;
    release_first.send(()).unwrap();
    first.await.unwrap().unwrap();
    started_second.await.unwrap();
    assert_eq!(store.queued(), 0, "the second batch took both jobs");
    third.abort();
    assert!(third.await.unwrap_err().is_cancelled());
    release_second.send(()).unwrap();
    second.await.unwrap().unwrap();
    let written: Vec<String> = audit::by_action(&store, "test.cancel")
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.entry.object)
        .collect();
    assert_eq!(written, ["first", "second"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn group_commit_shares_transactions_and_rolls_back_failed_jobs_alone() {
    let db = TestDb::new().await;
    let store = db.open().await;
    let mut tasks = Vec::new();
    for i in 1..=40_i64 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            store
                .write(move |tx| {
                    Box::pin(async move {
                        let seq = audit::append(tx, &entry(i)).await?;
                        if i % 4 == 0 {
                            // Fails after writing: its entry must vanish, the others' must not.
                            return Err(camlo_store::StoreError::Conflict("test"));
                        }
                        Ok(seq)
                    })
                })
                .await
        }));
    }
    let mut ok = 0;
    for (i, t) in (1..=40_i64).zip(tasks) {
        match t.await.unwrap() {
            Ok(_) => {
                assert_ne!(i % 4, 0);
                ok += 1;
            }
            Err(camlo_store::StoreError::Conflict("test")) => assert_eq!(i % 4, 0),
            Err(e) => panic!("job {i}: {e}"),
        }
    }
    assert_eq!(ok, 30);
    // Only the successful jobs' entries are in the chain, and it verifies.
    assert_eq!(verify(&store).await.unwrap(), 30);
    let written: Vec<String> = audit::by_action(&store, "test.write")
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.entry.object)
        .collect();
    assert_eq!(written.len(), 30);
    assert!(written.iter().all(|o| {
        let n: i64 = o.trim_start_matches("thing:").parse().unwrap();
        n % 4 != 0
    }));
    let stats = store.group_stats();
    assert_eq!(stats.jobs, 30);
    assert!(
        stats.batches < 40,
        "concurrent writers should share commits: {stats:?}"
    );
}

/// The workflow kernel on both backends: a stale revision is a conflict, the history reads back
/// what was written, the daily series count per key, and a withdrawn legal document stays
/// withdrawn.
#[tokio::test]
async fn workflow_kernel_revisions_history_series_and_document_table() {
    use camlo_domain::feedback::{FeedbackId, FeedbackState, Kind};
    use camlo_store::{StoreError, feedback, legal, workflow};

    let db = TestDb::new().await;
    let store = db.open().await;
    demo::load(
        &store,
        Utc::now_fixed(),
        &camlo_domain::accounts::SECOND_FACTOR_ROLES,
    )
    .await
    .unwrap();
    let unit = units::list(&store, None).await.unwrap()[0].id;

    // Revision-checked transition and history, through feedback.
    let mut f = feedback::Feedback {
        id: FeedbackId(0),
        code: "PAKN-261102-0001".into(),
        kind: Kind::Question,
        unit_id: unit,
        submitted_unit_id: unit,
        title: "Đường liên thôn".into(),
        body: "Khi nào sửa đường liên thôn?".into(),
        asker_name: "Lê Văn Tám".into(),
        contact_phone: None,
        contact_email: None,
        consent_at: None,
        state: FeedbackState::New,
        revision: 1,
        answer: None,
        answered_by: None,
        answered_at: None,
        published_at: None,
        rejected_at: None,
        reject_reason: None,
        idempotency_key: None,
        created_at: 100,
    };
    let mut tx = store.begin().await.unwrap();
    f.id = feedback::insert(&mut tx, &f, 100).await.unwrap();
    f.state = FeedbackState::Routed;
    feedback::update(&mut tx, &f, 110).await.unwrap();
    let event = feedback::Event {
        at: 110,
        actor: "tiepnhan".into(),
        actor_id: None,
        action: "route".into(),
        from_state: "new".into(),
        to_state: "routed".into(),
        from_unit_id: Some(unit.0),
        to_unit_id: Some(unit.0),
        note: Some("chuyển".into()),
    };
    feedback::add_event(&mut tx, f.id, &event).await.unwrap();
    // Still revision 1 in hand: the row is at 2 now.
    f.state = FeedbackState::Rejected;
    assert!(matches!(
        feedback::update(&mut tx, &f, 120).await,
        Err(StoreError::Conflict("revision"))
    ));
    f.revision = 2;
    feedback::update(&mut tx, &f, 120).await.unwrap();

    // Daily series: per key, from 1, never reused.
    let mut seq = Vec::new();
    for (agency, day) in [
        ("A", "261102"),
        ("A", "261102"),
        ("B", "261102"),
        ("A", "261103"),
    ] {
        seq.push(
            camlo_store::dossiers::next_sequence(&mut tx, agency, day)
                .await
                .unwrap(),
        );
    }
    assert_eq!(seq, [1, 2, 1, 1]);
    assert_eq!(feedback::next_sequence(&mut tx, "261102").await.unwrap(), 1);
    assert_eq!(feedback::next_sequence(&mut tx, "261102").await.unwrap(), 2);

    // Legal documents: the table is enforced against the stored state.
    let doc = legal::LegalDocument {
        id: 0,
        unit_id: unit.0,
        number_symbol: "15/QĐ-UBND".into(),
        family: "state".into(),
        doc_type: "Quyết định".into(),
        issuer: "UBND huyện Cam Lộ".into(),
        signer: "Nguyễn Văn A".into(),
        issued_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        effective_on: None,
        expires_on: None,
        summary: "Về việc thử".into(),
        replaces_id: None,
        state: "draft".into(),
        comment_until: None,
        created_at: 100,
        published_at: None,
    };
    let id = legal::insert(&mut tx, &doc, None).await.unwrap();
    legal::set_state(&mut tx, id, "published", None, 200)
        .await
        .unwrap();
    legal::set_state(&mut tx, id, "withdrawn", None, 300)
        .await
        .unwrap();
    assert!(matches!(
        legal::set_state(&mut tx, id, "published", None, 400).await,
        Err(StoreError::Conflict("state"))
    ));
    assert!(matches!(
        legal::set_state(&mut tx, 9_999_999, "published", None, 400).await,
        Err(StoreError::NotFound)
    ));
    // The kernel's update directly: revision 3 after two changes; 1 is stale.
    assert!(matches!(
        workflow::update_checked(
            &mut tx,
            "legal_documents",
            id,
            1,
            &[("summary", "x".into())]
        )
        .await,
        Err(StoreError::Conflict("revision"))
    ));
    workflow::update_checked(
        &mut tx,
        "legal_documents",
        id,
        3,
        &[("summary", "y".into())],
    )
    .await
    .unwrap();
    camlo_store::commit(tx).await.unwrap();

    let d = legal::get(&store, id).await.unwrap();
    assert_eq!((d.state.as_str(), d.published_at), ("withdrawn", Some(200)));
    assert_eq!(d.summary, "y");
    let got = feedback::get(&store, f.id).await.unwrap();
    assert_eq!((got.state, got.revision), (FeedbackState::Rejected, 3));
    assert_eq!(feedback::events(&store, f.id).await.unwrap(), vec![event]);
}

#[tokio::test]
async fn like_searches_take_percent_and_underscore_literally() {
    use camlo_store::procedures::{Filter, list};
    let db = TestDb::new().await;
    let store = db.open().await;
    let mut tx = store.begin().await.unwrap();
    for p in demo::demo_procedures().unwrap() {
        camlo_store::procedures::insert_version(&mut tx, &p, 0)
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
    let on = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let all = list(&store, on, &Filter::default()).await.unwrap();
    assert!(!all.is_empty());
    let first_word = camlo_domain::text::fold(&all[0].name)
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let found = |text: &str| {
        let store = store.clone();
        let text = text.to_owned();
        async move {
            list(
                &store,
                on,
                &Filter {
                    text: Some(text),
                    ..Filter::default()
                },
            )
            .await
            .unwrap()
            .len()
        }
    };
    assert!(found(&first_word).await > 0);
    // Wildcards typed by a visitor match themselves, not everything.
    for w in ["%", "_", "\\", "%%", "_%_"] {
        assert_eq!(found(w).await, 0, "{w}");
    }
    let mut chars: Vec<char> = first_word.chars().collect();
    chars.pop();
    let underscored = format!("{}_", chars.into_iter().collect::<String>());
    assert_eq!(found(&underscored).await, 0, "{underscored}");
}
