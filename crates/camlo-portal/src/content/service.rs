//! Editorial use cases shared by the pages and the API: who may write for which site, create,
//! save (a new revision each time), the workflow steps, pictures. Every write is one transaction
//! with its audit record; the search index and the render cache follow after the commit.

use std::collections::HashSet;

use camlo_domain::accounts::Role;
use camlo_domain::audit::Outcome;
use camlo_domain::clock::{from_local, to_local};
use camlo_domain::content::{self, ArticleAction, ArticleId, ArticleState, ContentError, MAX_BODY};
use camlo_domain::text::{nfc, slugify};
use camlo_domain::units::{Unit, UnitId, UnitKind};
use camlo_store::articles::{self, Article, By, Event, Image, StateChange, Text};
use camlo_store::{StoreError, audit, units};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use super::{html, images, index, runtime};
use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};
use camlo_web::middleware::Ctx;
use camlo_web::session::Actor;

/// Roles that work on portal content.
pub const EDITORIAL: &[Role] = &[Role::Editor, Role::Reviewer];

/// Units that have a site of their own: province, district level and commune level.
pub fn is_site(kind: UnitKind) -> bool {
    kind.is_commune_level()
        || matches!(
            kind,
            UnitKind::Province | UnitKind::District | UnitKind::Town | UnitKind::City
        )
}

/// The site a unit publishes on: itself if it is a site, else its nearest such ancestor.
pub fn site_of(all: &[Unit], unit: UnitId) -> Option<UnitId> {
    let mut cur = Some(unit);
    for _ in 0..32 {
        let u = all.iter().find(|u| Some(u.id) == cur)?;
        if is_site(u.kind) {
            return Some(u.id);
        }
        cur = u.parent_id;
    }
    None
}

/// The units (sites and everything below them) whose content the actor handles with `role`:
/// a grant in a department counts for the site of that department.
pub async fn covered(state: &AppState, actor: &Actor, role: Role) -> AppResult<HashSet<UnitId>> {
    let all = units::list(&state.store, None).await?;
    let roots: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| g.role == role || g.role == Role::SystemAdmin)
        .filter_map(|g| g.unit_id)
        .filter_map(|u| site_of(&all, u))
        .collect();
    camlo_web::units::units_under(state, &roots).await
}

/// The editorial roles the actor holds over content of `unit`.
pub async fn roles_over(state: &AppState, actor: &Actor, unit: UnitId) -> AppResult<Vec<Role>> {
    let mut out = Vec::new();
    for role in EDITORIAL {
        if actor.is_system_admin() || covered(state, actor, *role).await?.contains(&unit) {
            out.push(*role);
        }
    }
    Ok(out)
}

/// May the actor open article `id` in the editorial pages? (The `article` scope resolver.)
pub async fn may_manage(state: &AppState, actor: &Actor, id: i64) -> AppResult<bool> {
    let a = match articles::get(&state.store, ArticleId(id)).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => return Err(ContentError::NotFound.into()),
        Err(e) => return Err(e.into()),
    };
    Ok(!roles_over(state, actor, a.unit_id).await?.is_empty())
}

/// Does one of the actor's grants with `roles` cover the site pages of unit `id`? (The `site`
/// scope resolver.) An unknown unit is a 404.
pub async fn covers_site(
    state: &AppState,
    actor: &Actor,
    roles: &[Role],
    id: i64,
) -> AppResult<bool> {
    units::get(&state.store, UnitId(id)).await?;
    if actor.is_system_admin() {
        return Ok(true);
    }
    for role in roles {
        if covered(state, actor, *role).await?.contains(&UnitId(id)) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// The sites the actor may write for: those in existence today first, district level before
/// commune level. Sites of units that have since been reorganised stay available (their archive
/// and the demo's 2017 district still publish).
pub async fn sites_for(state: &AppState, actor: &Actor) -> AppResult<Vec<Unit>> {
    let today = to_local(state.clock.now()).date();
    let mut mine: HashSet<UnitId> = HashSet::new();
    for role in EDITORIAL {
        mine.extend(covered(state, actor, *role).await?);
    }
    let mut out: Vec<Unit> = units::list(&state.store, None)
        .await?
        .into_iter()
        .filter(|u| is_site(u.kind) && mine.contains(&u.id))
        .collect();
    out.sort_by_key(|u| (!u.valid_on(today), u.kind.is_commune_level(), u.id));
    Ok(out)
}

/// An article form as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct ArticleForm {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Summary.
    #[serde(default)]
    pub summary: String,
    /// HTML (or plain paragraphs).
    #[serde(default)]
    pub body: String,
    /// Author.
    #[serde(default)]
    pub author: String,
    /// Source.
    #[serde(default)]
    pub source: String,
    /// Category slug.
    #[serde(default)]
    pub category: String,
    /// Comma-separated tags.
    #[serde(default)]
    pub tags: String,
    /// Site (unit id).
    #[serde(default)]
    pub unit: String,
    /// The revision the editor started from.
    #[serde(default)]
    pub revision: String,
}

fn errors(list: Vec<ContentError>) -> Vec<AppError> {
    list.into_iter().map(AppError::from).collect()
}

/// A readable slug of at most about 80 characters, cut at a word.
pub fn slug_for(title: &str) -> String {
    let full = slugify(title);
    if full.len() <= 80 {
        return full;
    }
    let cut = full[..80].rfind('-').unwrap_or(80);
    full[..cut].to_owned()
}

/// Checks the form; returns the text and the chosen site.
async fn parse_form(
    state: &AppState,
    actor: &Actor,
    form: &ArticleForm,
) -> Result<(Text, UnitId), Vec<AppError>> {
    let mut errs = Vec::new();
    let parsed = content::parse_text(
        &form.title,
        &form.summary,
        &form.author,
        &form.source,
        &form.category,
        &form.tags,
    );
    let body_html = if form.body.len() > MAX_BODY {
        errs.push(ContentError::BodyTooLong.into());
        String::new()
    } else if form.body.contains('<') {
        html::sanitize(&nfc(&form.body))
    } else {
        html::paragraphs(&nfc(&form.body))
    };
    let sites = sites_for(state, actor).await.map_err(|e| vec![e])?;
    let unit = match form.unit.parse::<i64>() {
        Ok(id) => sites.iter().find(|u| u.id.0 == id).map(|u| u.id),
        Err(_) if form.unit.trim().is_empty() => sites.first().map(|u| u.id),
        Err(_) => None,
    };
    if unit.is_none() {
        errs.push(ContentError::UnitNotCovered.into());
    }
    match (parsed, unit) {
        (Ok(t), Some(unit)) if errs.is_empty() => Ok((
            Text {
                body_text: html::to_text(&body_html),
                body_html,
                title: t.title,
                summary: t.summary,
                author: t.author,
                source: t.source,
                category: t.category,
                tags: t.tags,
            },
            unit,
        )),
        (Err(list), _) => {
            errs.extend(errors(list));
            Err(errs)
        }
        _ => Err(errs),
    }
}

fn by(ctx: &Ctx) -> By {
    ctx.actor.as_ref().map_or(
        By {
            id: None,
            name: "system".into(),
        },
        |a| By {
            id: Some(a.account.id),
            name: a.account.username.clone(),
        },
    )
}

fn audit_entry(
    state: &AppState,
    ctx: &Ctx,
    action: &str,
    id: ArticleId,
    unit: UnitId,
    detail: serde_json::Value,
) -> camlo_domain::audit::AuditEntry {
    let mut e = ctx.who.entry(
        state,
        ctx.actor.as_ref(),
        action,
        format!("article:{}", id.0),
        Outcome::Success,
    );
    e.unit_id = Some(unit.0);
    e.detail = detail.to_string();
    e
}

/// Creates a draft from the form.
pub async fn create(
    state: &AppState,
    ctx: &Ctx,
    form: &ArticleForm,
) -> Result<Article, Vec<AppError>> {
    let actor = ctx.actor().map_err(|e| vec![e])?;
    let (text, unit) = parse_form(state, actor, form).await?;
    let now = state.now_ts();
    let result: AppResult<ArticleId> = async {
        let mut tx = state.store.begin().await?;
        let (id, slug) =
            articles::insert(&mut tx, unit, &slug_for(&text.title), &text, &by(ctx), now).await?;
        audit::append(
            &mut tx,
            &audit_entry(
                state,
                ctx,
                "article.create",
                id,
                unit,
                serde_json::json!({ "slug": slug }),
            ),
        )
        .await?;
        camlo_store::commit(tx).await?;
        Ok(id)
    }
    .await;
    let id = result.map_err(|e| vec![e])?;
    articles::get(&state.store, id)
        .await
        .map_err(|e| vec![e.into()])
}

/// Saves a new revision of an article from the form.
pub async fn save(
    state: &AppState,
    ctx: &Ctx,
    a: &Article,
    form: &ArticleForm,
) -> Result<Article, Vec<AppError>> {
    let actor = ctx.actor().map_err(|e| vec![e])?;
    let roles = roles_over(state, actor, a.unit_id)
        .await
        .map_err(|e| vec![e])?;
    if !content::may_edit(a.state, &roles) {
        return Err(vec![ContentError::NotPermitted.into()]);
    }
    let expected = form.revision.parse::<i64>().unwrap_or(a.revision);
    if expected != a.revision {
        return Err(vec![ContentError::Concurrent.into()]);
    }
    let (text, unit) = parse_form(state, actor, form).await?;
    // The address stays what readers and feeds already know once the article has been out.
    let slug = a
        .first_published_at
        .is_none()
        .then(|| slug_for(&text.title));
    let now = state.now_ts();
    let result: AppResult<i64> = async {
        let mut tx = state.store.begin().await?;
        let rev = match articles::save(
            &mut tx,
            a.id,
            expected,
            unit,
            slug.as_deref(),
            &text,
            &by(ctx),
            now,
        )
        .await
        {
            Ok(r) => r,
            Err(StoreError::Conflict(_)) => return Err(ContentError::Concurrent.into()),
            Err(e) => return Err(e.into()),
        };
        audit::append(
            &mut tx,
            &audit_entry(
                state,
                ctx,
                "article.save",
                a.id,
                unit,
                serde_json::json!({ "revision": rev }),
            ),
        )
        .await?;
        camlo_store::commit(tx).await?;
        Ok(rev)
    }
    .await;
    result.map_err(|e| vec![e])?;
    let fresh = articles::get(&state.store, a.id)
        .await
        .map_err(|e| vec![e.into()])?;
    if fresh.state == ArticleState::Published {
        index::article(state, &fresh).await;
        runtime::schedule_changed(state);
    }
    Ok(fresh)
}

/// What a workflow step carries.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActInput {
    /// Reason (returning to the editor).
    #[serde(default)]
    pub note: Option<String>,
    /// Publication time, Vietnam time (`dd/mm/yyyy hh:mm` or `yyyy-mm-ddThh:mm`); now when empty.
    #[serde(default)]
    pub publish_at: Option<String>,
    /// Expiry, same forms; none when empty.
    #[serde(default)]
    pub expire_at: Option<String>,
}

/// Parses a Vietnam wall-clock time as typed.
pub fn parse_local(s: &str) -> Result<Option<i64>, ContentError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    for fmt in ["%d/%m/%Y %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return Ok(Some(from_local(t).timestamp()));
        }
    }
    Err(ContentError::BadTime)
}

/// Takes a workflow step; returns the article after it.
pub async fn act(
    state: &AppState,
    ctx: &Ctx,
    a: &Article,
    action: ArticleAction,
    input: &ActInput,
) -> AppResult<Article> {
    let actor = ctx.actor()?;
    let roles = roles_over(state, actor, a.unit_id).await?;
    let note = input.note.as_deref().map(nfc).filter(|n| !n.is_empty());
    let to = content::check(a.state, action, &roles, note.as_deref())?;
    let now = state.now_ts();
    let mut change = StateChange {
        from: a.state,
        to,
        publish_at: None,
        expire_at: None,
        set_expiry: false,
    };
    if action == ArticleAction::Publish {
        let publish_at = parse_local(input.publish_at.as_deref().unwrap_or(""))?.unwrap_or(now);
        let expire_at = parse_local(input.expire_at.as_deref().unwrap_or(""))?;
        if expire_at.is_some_and(|e| e <= publish_at) {
            return Err(ContentError::ExpiryBeforePublish.into());
        }
        change.publish_at = Some(publish_at);
        change.expire_at = expire_at;
        change.set_expiry = true;
    }
    let mut tx = state.store.begin().await?;
    match articles::set_state(&mut tx, a.id, &change, now).await {
        Ok(()) => {}
        Err(StoreError::Conflict(_)) => return Err(ContentError::Concurrent.into()),
        Err(e) => return Err(e.into()),
    }
    let who = by(ctx);
    articles::add_event(
        &mut tx,
        a.id,
        &Event {
            at: now,
            actor_id: who.id.map(|i| i.0),
            actor: who.name,
            action: action.as_str().into(),
            from_state: a.state.as_str().into(),
            to_state: to.as_str().into(),
            note: note.clone(),
        },
    )
    .await?;
    audit::append(
        &mut tx,
        &audit_entry(
            state,
            ctx,
            &format!("article.{}", action.as_str()),
            a.id,
            a.unit_id,
            serde_json::json!({ "from": a.state.as_str(), "to": to.as_str(), "publish_at": change.publish_at, "expire_at": change.expire_at, "note": note }),
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    let fresh = articles::get(&state.store, a.id).await?;
    if a.state == ArticleState::Published || to == ArticleState::Published {
        index::article(state, &fresh).await;
        runtime::schedule_changed(state);
    }
    Ok(fresh)
}

/// Stores a picture for an article in the theme's sizes; `cover` makes it the cover picture.
pub async fn add_image(
    state: &AppState,
    ctx: &Ctx,
    a: &Article,
    bytes: Vec<u8>,
    caption: &str,
    cover: bool,
) -> AppResult<Image> {
    let actor = ctx.actor()?;
    let roles = roles_over(state, actor, a.unit_id).await?;
    if !content::may_edit(a.state, &roles) {
        return Err(ContentError::NotPermitted.into());
    }
    let caption = nfc(caption);
    if caption.chars().count() > 300 {
        return Err(ContentError::CaptionTooLong.into());
    }
    let blobs = state.blobs();
    let stored = tokio::task::spawn_blocking(move || -> AppResult<_> {
        let r = images::resize(&bytes)?;
        let original = blobs.put(&bytes)?;
        let [large, medium, thumb] = &r.sizes;
        Ok((
            r.width,
            r.height,
            original,
            blobs.put(large)?,
            blobs.put(medium)?,
            blobs.put(thumb)?,
        ))
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))??;
    let (width, height, original_sha, large_sha, medium_sha, thumb_sha) = stored;
    let mut img = Image {
        id: 0,
        article_id: a.id,
        caption,
        width: i64::from(width),
        height: i64::from(height),
        original_sha,
        large_sha,
        medium_sha,
        thumb_sha,
    };
    let now = state.now_ts();
    let mut tx = state.store.begin().await?;
    img.id = articles::add_image(&mut tx, &img, cover, now).await?;
    audit::append(
        &mut tx,
        &audit_entry(
            state,
            ctx,
            "article.image",
            a.id,
            a.unit_id,
            serde_json::json!({ "image": img.id, "sha256": img.original_sha, "cover": cover }),
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    if a.state == ArticleState::Published {
        runtime::schedule_changed(state);
    }
    Ok(img)
}

/// Saves a site's introduction page (`gioi-thieu`); live at once.
pub async fn save_page(
    state: &AppState,
    ctx: &Ctx,
    unit: UnitId,
    title: &str,
    body: &str,
) -> AppResult<()> {
    let title = nfc(title);
    if title.is_empty() {
        return Err(ContentError::TitleRequired.into());
    }
    if title.chars().count() > content::MAX_TITLE {
        return Err(ContentError::TitleTooLong.into());
    }
    if body.len() > MAX_BODY {
        return Err(ContentError::BodyTooLong.into());
    }
    let body_html = if body.contains('<') {
        html::sanitize(&nfc(body))
    } else {
        html::paragraphs(&nfc(body))
    };
    let now = state.now_ts();
    let mut tx = state.store.begin().await?;
    camlo_store::portal::put_page(
        &mut tx,
        &camlo_store::portal::Page {
            unit_id: unit,
            slug: "gioi-thieu".into(),
            title,
            body_html,
            updated_by: by(ctx).name,
            updated_at: now,
        },
    )
    .await?;
    let mut e = ctx.who.entry(
        state,
        ctx.actor.as_ref(),
        "page.save",
        format!("page:{}/gioi-thieu", unit.0),
        Outcome::Success,
    );
    e.unit_id = Some(unit.0);
    audit::append(&mut tx, &e).await?;
    camlo_store::commit(tx).await?;
    state.cache.invalidate();
    Ok(())
}

/// Checks and saves a unit's contact profile; live at once.
pub async fn save_profile(
    state: &AppState,
    ctx: &Ctx,
    unit: UnitId,
    input: &camlo_store::portal::Profile,
) -> Result<(), Vec<AppError>> {
    let mut errs = Vec::new();
    let mut p = input.clone();
    for (value, limit, field) in [
        (&mut p.address, 300, "address"),
        (&mut p.phone, 60, "phone"),
        (&mut p.email, 120, "email"),
        (&mut p.website, 200, "website"),
        (&mut p.duties, 4000, "duties"),
        (&mut p.contact_name, 120, "contact_name"),
        (&mut p.contact_title, 200, "contact_title"),
        (&mut p.contact_phone, 60, "contact_phone"),
        (&mut p.contact_email, 120, "contact_email"),
    ] {
        *value = nfc(value);
        if value.chars().count() > limit {
            errs.push(AppError::from(ContentError::FieldTooLong).field(field));
        }
    }
    for (value, field) in [
        (&mut p.email, "email"),
        (&mut p.contact_email, "contact_email"),
    ] {
        if !value.is_empty() {
            match camlo_domain::accounts::Email::parse(value) {
                Ok(e) => *value = e.as_str().to_owned(),
                Err(e) => errs.push(AppError::from(e).field(field)),
            }
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let now = state.now_ts();
    let result: AppResult<()> = async {
        let mut tx = state.store.begin().await?;
        camlo_store::portal::put_profile(&mut tx, unit, &p, now).await?;
        let mut e = ctx.who.entry(
            state,
            ctx.actor.as_ref(),
            "profile.save",
            format!("unit:{}", unit.0),
            Outcome::Success,
        );
        e.unit_id = Some(unit.0);
        audit::append(&mut tx, &e).await?;
        camlo_store::commit(tx).await?;
        Ok(())
    }
    .await;
    result.map_err(|e| vec![e])?;
    state.cache.invalidate();
    Ok(())
}
