//! Helpers every feature needs about the unit tree and the acting person: which units a grant
//! covers, and the name an event or audit record gives the actor.

use std::collections::HashSet;

use camlo_domain::accounts::Role;
use camlo_domain::units::UnitId;
use camlo_store::units;

use crate::AppState;
use crate::error::AppResult;
use crate::middleware::Ctx;
use crate::session::Actor;

/// Units covered by the actor's grants with one of `roles` (each grant's unit and everything below).
pub async fn units_for(
    state: &AppState,
    actor: &Actor,
    roles: &[Role],
) -> AppResult<HashSet<UnitId>> {
    let roots: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| roles.contains(&g.role) || g.role == Role::SystemAdmin)
        .filter_map(|g| g.unit_id)
        .collect();
    units_under(state, &roots).await
}

/// Every unit at or below one of `roots` in the unit tree (the units a grant covers).
pub async fn units_under(state: &AppState, roots: &[UnitId]) -> AppResult<HashSet<UnitId>> {
    let all = units::list(&state.store, None).await?;
    let parent: std::collections::HashMap<UnitId, Option<UnitId>> =
        all.iter().map(|u| (u.id, u.parent_id)).collect();
    let mut out = HashSet::new();
    for u in &all {
        let mut cur = Some(u.id);
        // Depth-bounded: a corrupt loop in the data cannot hang a request.
        for _ in 0..32 {
            let Some(id) = cur else { break };
            if roots.contains(&id) {
                out.insert(u.id);
                break;
            }
            cur = parent.get(&id).copied().flatten();
        }
    }
    Ok(out)
}

/// Who acted, for events and audit.
pub fn actor_name(ctx: &Ctx) -> (Option<i64>, String) {
    ctx.actor.as_ref().map_or((None, "anonymous".into()), |a| {
        (Some(a.account.id.0), a.account.username.clone())
    })
}
