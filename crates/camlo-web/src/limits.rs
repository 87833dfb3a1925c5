//! Every rate limit and lockout camlo applies, in one list. They are counted in the database
//! (`camlo_store::throttle`, one table shared by every instance), under the account, the
//! username or the client's keyed address hash ([`crate::session::Requester::client_key`]),
//! never under a raw address. docs/SECURITY.md describes each and names its test.

use camlo_domain::audit::AuditEntry;
use camlo_store::throttle::{self, Count, Limit};

use crate::AppState;
use crate::error::{AppError, AppResult};

const MINUTE: i64 = 60;

/// Wrong passwords for one username from one address: the first lock, for that address only.
pub const LOGIN_PAIR: Limit = Limit {
    bucket: "login.pair",
    max: 5,
    window: 15 * MINUTE,
};
/// Wrong passwords for one username from anywhere: locks the account for everyone, so it needs
/// failures from at least four addresses (each stops at [`LOGIN_PAIR`]).
pub const LOGIN_ACCOUNT: Limit = Limit {
    bucket: "login.account",
    max: 20,
    window: 15 * MINUTE,
};
/// Failed sign-ins from one address, whatever the usernames (guessing across many accounts).
pub const LOGIN_ADDRESS: Limit = Limit {
    bucket: "login.address",
    max: 30,
    window: 15 * MINUTE,
};
/// Wrong second-factor codes in one pending session: the session ends at the limit.
pub const TOTP_SESSION: Limit = Limit {
    bucket: "totp.session",
    max: 5,
    window: 15 * MINUTE,
};
/// Wrong second-factor codes for one account, over all its sessions; never cleared by a right
/// password, only by a right code.
pub const TOTP_ACCOUNT: Limit = Limit {
    bucket: "totp.account",
    max: 10,
    window: 15 * MINUTE,
};
/// Registrations from one address.
pub const REGISTER_ADDRESS: Limit = Limit {
    bucket: "register.address",
    max: 5,
    window: 60 * MINUTE,
};
/// Requests for scoped records (dossiers, feedback items, articles, sites) that do not exist or
/// may not be seen, per account.
pub const PROBE_ACCOUNT: Limit = Limit {
    bucket: "probe.account",
    max: 30,
    window: 10 * MINUTE,
};
/// The same per address, higher: the officials of one office usually share one address.
pub const PROBE_ADDRESS: Limit = Limit {
    bucket: "probe.address",
    max: 100,
    window: 10 * MINUTE,
};
/// Comments on draft legal documents per address.
pub const COMMENTS: Limit = Limit {
    bucket: "document.comment",
    max: 5,
    window: 10 * MINUTE,
};

/// Public lookups (dossier and feedback codes) per address, as configured.
pub fn lookups(state: &AppState) -> Limit {
    Limit {
        bucket: "lookup.address",
        max: i64::from(state.cfg.lookups_per_minute),
        window: MINUTE,
    }
}

/// Counts one request of `limit` for `subject` and refuses it (429 with `code` and
/// `Retry-After`) when the window already held the maximum. Written through the group commit, so
/// concurrent requests share one durable commit.
pub async fn request(
    state: &AppState,
    limit: Limit,
    subject: &str,
    code: &'static str,
) -> AppResult<()> {
    let now = state.now_ts();
    let subject = subject.to_owned();
    let count = state
        .store
        .write(move |tx| Box::pin(async move { throttle::hit(tx, &limit, &subject, now).await }))
        .await?;
    match count.over(&limit) {
        Some(until) => Err(AppError::too_many(code, now, until)),
        None => Ok(()),
    }
}

/// When `subject` is locked under `limit` at `now`, the time it ends (a read).
pub async fn locked(state: &AppState, limit: &Limit, subject: &str) -> AppResult<Option<i64>> {
    let now = state.now_ts();
    Ok(throttle::count(&state.store, limit, subject, now)
        .await?
        .locked(limit))
}

/// Refuses with 429 `WEB-0013` while the account or the address has probed too many scoped
/// records that are missing or hidden.
pub async fn check_probes(state: &AppState, account: i64, client_key: &str) -> AppResult<()> {
    let now = state.now_ts();
    for (limit, subject) in [
        (PROBE_ACCOUNT, account.to_string()),
        (PROBE_ADDRESS, client_key.to_owned()),
    ] {
        if let Some(until) = throttle::count(&state.store, &limit, &subject, now)
            .await?
            .locked(&limit)
        {
            return Err(AppError::too_many("WEB-0013", now, until));
        }
    }
    Ok(())
}

/// Counts a probe (a scoped record answered "not found") for the account and the address, and
/// appends the denial's audit record when it was one, in one job of the group commit: under a
/// burst of probes, many share one durable commit instead of paying an fsync each.
pub async fn record_probe(
    state: &AppState,
    account: i64,
    client_key: &str,
    denial: Option<AuditEntry>,
) -> AppResult<()> {
    let now = state.now_ts();
    let key = client_key.to_owned();
    state
        .store
        .write(move |tx| {
            Box::pin(async move {
                throttle::hit(tx, &PROBE_ACCOUNT, &account.to_string(), now).await?;
                throttle::hit(tx, &PROBE_ADDRESS, &key, now).await?;
                if let Some(entry) = &denial {
                    camlo_store::audit::append(tx, entry).await?;
                }
                Ok::<_, camlo_store::StoreError>(())
            })
        })
        .await?;
    Ok(())
}

/// The count of `subject` under `limit` (a read), for callers that decide themselves.
pub async fn count(state: &AppState, limit: &Limit, subject: &str) -> AppResult<Count> {
    Ok(throttle::count(&state.store, limit, subject, state.now_ts()).await?)
}
