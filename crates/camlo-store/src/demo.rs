//! The Cam Lộ demo data set (`demo/seed.json`): units as of 2017 with their dated changes,
//! and one demo account per role. Loaded once into a fresh database by `camlo demo`.

use std::collections::HashMap;

use camlo_domain::accounts::{Audience, Role, password, totp};
use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_domain::units::{LinkKind, NewUnit, UnitId, UnitKind};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::{Result, Store, StoreError, accounts, audit, units};

static SEED: &str = include_str!("demo/seed.json");

#[derive(Deserialize)]
struct Seed {
    units: Vec<SeedUnit>,
    links: Vec<SeedLink>,
    accounts: Vec<SeedAccount>,
}

#[derive(Deserialize)]
struct SeedUnit {
    key: String,
    code: String,
    name: String,
    kind: String,
    parent: Option<String>,
    valid_from: NaiveDate,
    valid_to: Option<NaiveDate>,
    slug: String,
    /// What the unit does (`tu-phap`, `cong-an`…): how procedures find their competent unit.
    #[serde(default)]
    function: Option<String>,
    /// Telephone printed on the one-stop forms.
    #[serde(default)]
    phone: Option<String>,
}

#[derive(Deserialize)]
struct SeedLink {
    from: String,
    to: String,
    kind: String,
    on: NaiveDate,
}

#[derive(Deserialize)]
struct SeedAccount {
    username: String,
    password: String,
    display_name: String,
    role: String,
    unit: Option<String>,
    position: Option<String>,
    email: Option<String>,
}

/// A demo account as printed for trainers (also written to `demo-accounts.json`).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DemoAccount {
    /// Login name.
    pub username: String,
    /// Password (demo only).
    pub password: String,
    /// Role name.
    pub role: String,
    /// Unit name, empty for citizens.
    pub unit: String,
    /// Base32 TOTP secret, for the officials whose roles require a second factor (demo only:
    /// add it to an authenticator app, or compute codes from it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totp: Option<String>,
}

fn corrupt(what: String) -> StoreError {
    StoreError::Corrupt(format!("demo seed: {what}"))
}

/// Loads the demo data into an empty database; returns the demo accounts. Officials holding one
/// of `totp_roles` are enrolled with a fresh random TOTP secret (returned with the password), so
/// a newcomer can walk every journey where the deployment requires a second factor.
pub async fn load(
    store: &Store,
    now: DateTime<Utc>,
    totp_roles: &[Role],
) -> Result<Vec<DemoAccount>> {
    let seed: Seed = serde_json::from_str(SEED).map_err(|e| corrupt(e.to_string()))?;
    let mut tx = store.begin().await?;
    let t = now.timestamp();
    let mut ids: HashMap<&str, (UnitId, String)> = HashMap::new();
    for u in &seed.units {
        let kind = UnitKind::parse(&u.kind).map_err(|e| corrupt(e.to_string()))?;
        let parent = match &u.parent {
            Some(p) => Some(
                ids.get(p.as_str())
                    .ok_or_else(|| corrupt(format!("parent {p} before child")))?
                    .0,
            ),
            None => None,
        };
        let new = NewUnit::parse(&u.code, &u.name, kind, parent, u.valid_from, u.valid_to)
            .map_err(|e| corrupt(format!("{}: {e}", u.key)))?;
        let id = units::insert_with_slug(&mut tx, &new, &u.slug, t).await?;
        if u.function.is_some() || u.phone.is_some() {
            units::set_profile(&mut tx, id, u.function.as_deref(), u.phone.as_deref()).await?;
        }
        ids.insert(&u.key, (id, new.name));
    }
    for l in &seed.links {
        let from = ids
            .get(l.from.as_str())
            .ok_or_else(|| corrupt(format!("link from {}", l.from)))?
            .0;
        let to = ids
            .get(l.to.as_str())
            .ok_or_else(|| corrupt(format!("link to {}", l.to)))?
            .0;
        let kind = LinkKind::parse(&l.kind).map_err(|e| corrupt(e.to_string()))?;
        units::insert_link(&mut tx, from, to, kind, l.on).await?;
    }
    let mut out = Vec::new();
    for a in &seed.accounts {
        let role = Role::parse(&a.role).map_err(|e| corrupt(e.to_string()))?;
        let unit = match &a.unit {
            Some(k) => Some(
                ids.get(k.as_str())
                    .ok_or_else(|| corrupt(format!("unit {k}")))?
                    .clone(),
            ),
            None => None,
        };
        let hash = password::hash(&a.password).map_err(|e| corrupt(e.to_string()))?;
        let id = accounts::insert(
            &mut tx,
            &accounts::NewAccount {
                username: a.username.clone(),
                display_name: a.display_name.clone(),
                audience: if role == Role::Citizen {
                    Audience::Citizen
                } else {
                    Audience::Official
                },
                password_hash: hash,
                email: a.email.clone(),
                phone: None,
                cccd: None,
                position: a.position.clone(),
                language: "vi".into(),
            },
            t,
        )
        .await?;
        accounts::grant(&mut tx, id, role, unit.as_ref().map(|u| u.0), None, t).await?;
        let totp = if totp_roles.contains(&role) {
            let secret = totp::new_secret().map_err(|e| corrupt(e.to_string()))?;
            accounts::set_totp(&mut tx, id, Some(&secret), Some(t)).await?;
            Some(secret)
        } else {
            None
        };
        out.push(DemoAccount {
            username: a.username.clone(),
            password: a.password.clone(),
            role: role.as_str().into(),
            unit: unit.map(|u| u.1).unwrap_or_default(),
            totp,
        });
    }
    audit::append(
        &mut tx,
        &AuditEntry {
            at: now,
            actor_id: None,
            actor: "system".into(),
            role: None,
            unit_id: None,
            action: "demo.seed".into(),
            object: "database".into(),
            outcome: Outcome::Success,
            request_id: "-".into(),
            client_addr: "-".into(),
            detail: format!(
                "{{\"units\":{},\"accounts\":{}}}",
                seed.units.len(),
                seed.accounts.len()
            ),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(out)
}

static PROCEDURES: &str = include_str!("demo/procedures.json");
/// Later versions of the same procedures: CMND no longer accepted from 1/1/2025 (Luật Căn cước
/// 2023); district procedures moved to the commune's People's Committee on 1/7/2025.
static PROCEDURES_LATER: &str = include_str!("demo/procedures-2025.json");

/// Parses a procedure catalogue in the seed/import JSON format (an array of procedures).
pub fn parse_procedures(json: &str) -> Result<Vec<camlo_domain::procedures::Procedure>> {
    camlo_domain::catalogue::parse(json, camlo_domain::catalogue::Format::Json).map_err(
        |problems| {
            let first = problems
                .first()
                .map(|p| format!("row {}: {}", p.row, p.detail))
                .unwrap_or_default();
            corrupt(format!("procedures: {first}"))
        },
    )
}

/// The demo procedure catalogue: every version, oldest first (each later one closes the one
/// before).
pub fn demo_procedures() -> Result<Vec<camlo_domain::procedures::Procedure>> {
    let mut list = parse_procedures(PROCEDURES)?;
    list.extend(parse_procedures(PROCEDURES_LATER)?);
    Ok(list)
}

/// Loads the demo procedure catalogue; returns how many procedures were stored.
pub async fn load_procedures(store: &Store, now: DateTime<Utc>) -> Result<usize> {
    let list = demo_procedures()?;
    let mut tx = store.begin().await?;
    for p in &list {
        crate::procedures::insert_version(&mut tx, p, now.timestamp()).await?;
    }
    tx.commit().await?;
    Ok(list.len())
}
