//! The editorial pages (biên tập): the desk with what waits for whom, writing and saving
//! articles (each save a revision), pictures, the workflow steps, revisions with their diff, and
//! the view statistics.

use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::Role;
use camlo_domain::clock::{format_local, to_local};
use camlo_domain::content::{
    self, ALL_ACTIONS, ArticleAction, ArticleId, ArticleState, CATEGORIES, ContentError,
};
use camlo_store::articles::{self, Article, Filter};
use camlo_store::portal as store;
use minijinja::{Value, context};
use serde::Deserialize;

use super::service::{self, ActInput, ArticleForm, EDITORIAL};
use super::{ARTICLE, EDITORS, SITE};
use super::{html, runtime};
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppForm, AppPath, AppQuery};
use camlo_web::i18n::Lang;
use camlo_web::middleware::Ctx;
use camlo_web::pages::{form_errors, page};
use camlo_web::policy::takes_upload;
use camlo_web::templates::ser;
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/bien-tap", EDITORS, desk)
        .add(Method::GET, "/bien-tap/bai-viet/moi", EDITORS, new_page)
        .add(Method::POST, "/bien-tap/bai-viet", EDITORS, create)
        .add(Method::GET, "/bien-tap/bai-viet/{id}", ARTICLE, edit_page)
        .add(Method::POST, "/bien-tap/bai-viet/{id}", ARTICLE, save)
        .add(
            Method::POST,
            "/bien-tap/bai-viet/{id}/anh",
            takes_upload(ARTICLE),
            upload,
        )
        .add(
            Method::POST,
            "/bien-tap/bai-viet/{id}/thao-tac/{action}",
            ARTICLE,
            act,
        )
        .add(
            Method::GET,
            "/bien-tap/bai-viet/{id}/phien-ban",
            ARTICLE,
            revisions,
        )
        .add(Method::GET, "/bien-tap/thong-ke", EDITORS, statistics)
        .add(Method::GET, "/bien-tap/don-vi/{id}", SITE, site_page)
        .add(
            Method::POST,
            "/bien-tap/don-vi/{id}/gioi-thieu",
            SITE,
            site_page_save,
        )
        .add(
            Method::POST,
            "/bien-tap/don-vi/{id}/lien-he",
            SITE,
            site_profile_save,
        )
}

fn state_label(s: ArticleState, lang: Lang) -> &'static str {
    if lang == Lang::En {
        s.label_en()
    } else {
        s.label_vi()
    }
}

fn row(a: &Article, lang: Lang) -> Value {
    context! {
        id => a.id.0, title => a.title.clone(), state => a.state.as_str(), status => state_label(a.state, lang),
        updated => format_local(camlo_store::from_ts(a.updated_at)),
        publish_at => a.publish_at.map(|t| format_local(camlo_store::from_ts(t))),
        slug => a.slug.clone(),
    }
}

async fn desk(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let mut units = std::collections::HashSet::new();
    for role in EDITORIAL {
        units.extend(service::covered(&state, actor, *role).await?);
    }
    let units: Vec<_> = units.into_iter().collect();
    let mut boxes = Vec::new();
    for (key, states) in [
        ("editor.awaiting", vec![ArticleState::AwaitingReview]),
        ("editor.drafts", vec![ArticleState::Draft]),
        ("editor.published", vec![ArticleState::Published]),
        ("editor.unpublished", vec![ArticleState::Unpublished]),
    ] {
        let (list, total) = if units.is_empty() && !actor.is_system_admin() {
            (Vec::new(), 0)
        } else {
            articles::list(
                &state.store,
                &Filter {
                    states,
                    units: units.clone(),
                    limit: 50,
                    ..Filter::default()
                },
            )
            .await?
        };
        boxes.push(context! { title => camlo_web::i18n::t(ctx.lang, key), total, rows => list.iter().map(|a| row(a, ctx.lang)).collect::<Vec<_>>() });
    }
    let is_reviewer = actor.has_role(Role::Reviewer) || actor.is_system_admin();
    let sites: Vec<Value> = if is_reviewer {
        let reviewed = service::covered(&state, actor, Role::Reviewer).await?;
        service::sites_for(&state, actor)
            .await?
            .into_iter()
            .filter(|u| actor.is_system_admin() || reviewed.contains(&u.id))
            .map(|u| context! { id => u.id.0, name => u.name })
            .collect()
    } else {
        Vec::new()
    };
    page(
        &state,
        &ctx,
        "portal/desk.html",
        context! { boxes, is_reviewer, sites },
    )
}

async fn form_view(
    state: &AppState,
    ctx: &Ctx,
    a: Option<&Article>,
    form: &ArticleForm,
    errors: &[AppError],
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let sites: Vec<Value> = service::sites_for(state, actor)
        .await?
        .into_iter()
        .map(|u| context! { id => u.id.0, name => u.name })
        .collect();
    let categories: Vec<Value> = CATEGORIES
        .iter()
        .map(|c| context! { slug => c.slug, name => if ctx.lang == Lang::En { c.name_en } else { c.name_vi } })
        .collect();
    let mut extra = context! {};
    let mut editable = true;
    if let Some(a) = a {
        let roles = service::roles_over(state, actor, a.unit_id).await?;
        let actions: Vec<Value> = ALL_ACTIONS
            .iter()
            .filter(|act| content::next_state(a.state, **act).is_some())
            .filter(|act| act.roles().iter().any(|r| roles.contains(r)))
            .map(|act| context! { name => act.as_str(), label => if ctx.lang == Lang::En { act.label_en() } else { act.label_vi() }, needs_note => act.needs_note(), schedule => *act == ArticleAction::Publish })
            .collect();
        let images: Vec<Value> = articles::images(&state.store, a.id)
            .await?
            .into_iter()
            .map(|i| {
                let figure = format!(
                    "<figure><img src=\"/anh/{}\" alt=\"{}\"><figcaption>{}</figcaption></figure>",
                    i.large_sha,
                    html::escape(&i.caption),
                    html::escape(&i.caption)
                );
                context! { id => i.id, thumb => format!("/anh/{}", i.thumb_sha), caption => i.caption, figure, cover => a.cover_image_id == Some(i.id), width => i.width, height => i.height }
            })
            .collect();
        let events: Vec<Value> = articles::events(&state.store, a.id)
            .await?
            .into_iter()
            .map(|e| {
                let label = ArticleAction::parse(&e.action).map_or(e.action.clone(), |x| x.label_vi().to_owned());
                context! { at => format_local(camlo_store::from_ts(e.at)), actor => e.actor, action => label, note => e.note }
            })
            .collect();
        let visible = content::is_visible(a.state, a.publish_at, a.expire_at, state.now_ts());
        editable = content::may_edit(a.state, &roles);
        extra = context! {
            article => row(a, ctx.lang), actions, images, events, visible,
            preview => Value::from_safe_string(a.body_html.clone()),
            expire_at => a.expire_at.map(|t| format_local(camlo_store::from_ts(t))),
            views => store::article_views(&state.store, a.id.0).await?,
        };
    }
    let mut res = page(
        state,
        ctx,
        "portal/edit.html",
        context! { form => ser(form), sites, categories, errors => form_errors(ctx, errors), editable, ..extra },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn new_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let form = ArticleForm {
        author: actor.account.display_name.clone(),
        category: "tin-hoat-dong".into(),
        ..ArticleForm::default()
    };
    form_view(&state, &ctx, None, &form, &[]).await
}

async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<ArticleForm>,
) -> AppResult<Response> {
    match service::create(&state, &ctx, &form).await {
        Ok(a) => {
            Ok(Redirect::to(&format!("/bien-tap/bai-viet/{}?m=saved", a.id.0)).into_response())
        }
        Err(errors) if errors.iter().all(|e| e.status.is_client_error()) => {
            form_view(&state, &ctx, None, &form, &errors).await
        }
        Err(mut errors) => Err(errors.remove(0)),
    }
}

/// The article behind an editorial URL (the guard has checked the actor covers its unit).
pub(super) async fn load(state: &AppState, id: i64) -> AppResult<Article> {
    match articles::get(&state.store, ArticleId(id)).await {
        Ok(a) => Ok(a),
        Err(camlo_store::StoreError::NotFound) => Err(ContentError::NotFound.into()),
        Err(e) => Err(e.into()),
    }
}

fn form_of(a: &Article, tags: &[(String, String)]) -> ArticleForm {
    ArticleForm {
        title: a.title.clone(),
        summary: a.summary.clone(),
        body: a.body_html.clone(),
        author: a.author.clone(),
        source: a.source.clone(),
        category: a.category.clone(),
        tags: tags
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        unit: a.unit_id.0.to_string(),
        revision: a.revision.to_string(),
    }
}

async fn edit_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let a = load(&state, id).await?;
    let tags = articles::tags(&state.store, a.id).await?;
    form_view(&state, &ctx, Some(&a), &form_of(&a, &tags), &[]).await
}

async fn save(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<ArticleForm>,
) -> AppResult<Response> {
    let a = load(&state, id).await?;
    match service::save(&state, &ctx, &a, &form).await {
        Ok(a) => {
            Ok(Redirect::to(&format!("/bien-tap/bai-viet/{}?m=saved", a.id.0)).into_response())
        }
        Err(errors) if errors.iter().all(|e| e.status.is_client_error()) => {
            form_view(&state, &ctx, Some(&a), &form, &errors).await
        }
        Err(mut errors) => Err(errors.remove(0)),
    }
}

async fn upload(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let a = load(&state, id).await?;
    let (mut caption, mut cover, mut file) = (String::new(), false, None);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::bad_request())?
    {
        match field.name() {
            Some("caption") => caption = field.text().await.unwrap_or_default(),
            Some("cover") => cover = true,
            Some("image") => {
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::from(ContentError::ImageTooLarge))?;
                if !bytes.is_empty() {
                    file = Some(bytes.to_vec());
                }
            }
            _ => {}
        }
    }
    let Some(bytes) = file else {
        return Err(AppError::from(ContentError::ImageType));
    };
    let result = service::add_image(&state, &ctx, &a, bytes, &caption, cover).await;
    match result {
        Ok(_) => {
            Ok(Redirect::to(&format!("/bien-tap/bai-viet/{}?m=saved#anh", a.id.0)).into_response())
        }
        Err(e) if e.status.is_client_error() && e.status != StatusCode::FORBIDDEN => {
            let tags = articles::tags(&state.store, a.id).await?;
            form_view(&state, &ctx, Some(&a), &form_of(&a, &tags), &[e]).await
        }
        Err(e) => Err(e),
    }
}

async fn act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, action)): AppPath<(i64, String)>,
    AppForm(input): AppForm<ActInput>,
) -> AppResult<Response> {
    let action = ArticleAction::parse(&action).ok_or_else(AppError::not_found)?;
    let a = load(&state, id).await?;
    match service::act(&state, &ctx, &a, action, &input).await {
        Ok(a) => {
            Ok(Redirect::to(&format!("/bien-tap/bai-viet/{}?m=saved", a.id.0)).into_response())
        }
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            let tags = articles::tags(&state.store, a.id).await?;
            form_view(&state, &ctx, Some(&a), &form_of(&a, &tags), &[e]).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Default, Deserialize)]
struct RevisionQuery {
    #[serde(default)]
    from: Option<i64>,
    #[serde(default)]
    to: Option<i64>,
}

fn revision_text(r: &articles::Revision) -> String {
    let category = content::category(&r.category).map_or(r.category.as_str(), |c| c.name_vi);
    format!(
        "# {}\n{}\n[{} | {} | {}]\n{}\n",
        r.title,
        r.summary,
        content::byline(&r.author, &r.source),
        category,
        r.tags,
        html::to_text(&r.body_html)
    )
}

async fn revisions(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<RevisionQuery>,
) -> AppResult<Response> {
    let a = load(&state, id).await?;
    let list = articles::revisions(&state.store, a.id).await?;
    let newest = list.first().map_or(1, |r| r.revision);
    let to = q.to.unwrap_or(newest);
    let from = q.from.unwrap_or(to - 1);
    let find = |n: i64| list.iter().find(|r| r.revision == n);
    let diff = match (find(from), find(to)) {
        (Some(old), Some(new)) => html::diff(&revision_text(old), &revision_text(new)),
        (None, Some(new)) => html::diff("", &revision_text(new)),
        _ => Vec::new(),
    };
    let rows: Vec<Value> = list
        .iter()
        .map(|r| context! { revision => r.revision, by => r.created_by_name.clone(), at => format_local(camlo_store::from_ts(r.created_at)), title => r.title.clone() })
        .collect();
    page(
        &state,
        &ctx,
        "portal/revisions.html",
        context! { article => row(&a, ctx.lang), rows, diff => ser(&diff), from, to },
    )
}

async fn statistics(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    runtime::flush_views(&state).await?;
    let since = (to_local(state.clock.now()).date() - chrono::Duration::days(29))
        .format("%Y-%m-%d")
        .to_string();
    let days: Vec<Value> = store::views_per_day(&state.store, &since)
        .await?
        .into_iter()
        .map(|(day, views)| context! { day, views })
        .collect();
    let total: i64 = store::views_per_day(&state.store, &since)
        .await?
        .iter()
        .map(|(_, v)| v)
        .sum();
    let top: Vec<Value> = store::top_articles(&state.store, &since, 20)
        .await?
        .into_iter()
        .map(|(id, title, slug, views)| context! { id, title, url => format!("/tin-tuc/{slug}"), views })
        .collect();
    page(
        &state,
        &ctx,
        "portal/statistics.html",
        context! { days, top, total, since },
    )
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct PageForm {
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
}

async fn site_view(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    page_form: Option<&PageForm>,
    profile_form: Option<&store::Profile>,
    errors: &[AppError],
) -> AppResult<Response> {
    let unit = camlo_store::units::get(&state.store, camlo_domain::units::UnitId(id)).await?;
    let current = match store::page(&state.store, unit.id, "gioi-thieu").await {
        Ok(p) => PageForm {
            title: p.title,
            body: p.body_html,
        },
        Err(camlo_store::StoreError::NotFound) => PageForm {
            title: format!("Giới thiệu {}", unit.name),
            body: String::new(),
        },
        Err(e) => return Err(e.into()),
    };
    let profile = store::profile(&state.store, unit.id)
        .await?
        .unwrap_or_default();
    let mut res = page(
        state,
        ctx,
        "portal/site_edit.html",
        context! {
            unit => context! { id => unit.id.0, name => unit.name.clone(), slug => unit.slug.clone() },
            page_form => ser(page_form.unwrap_or(&current)),
            profile => ser(profile_form.unwrap_or(&profile)),
            errors => form_errors(ctx, errors),
        },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn site_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    site_view(&state, &ctx, id, None, None, &[]).await
}

async fn site_page_save(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<PageForm>,
) -> AppResult<Response> {
    let unit = camlo_domain::units::UnitId(id);
    match service::save_page(&state, &ctx, unit, &form.title, &form.body).await {
        Ok(()) => Ok(Redirect::to(&format!("/bien-tap/don-vi/{id}?m=saved")).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            site_view(&state, &ctx, id, Some(&form), None, &[e]).await
        }
        Err(e) => Err(e),
    }
}

async fn site_profile_save(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<store::Profile>,
) -> AppResult<Response> {
    let unit = camlo_domain::units::UnitId(id);
    match service::save_profile(&state, &ctx, unit, &form).await {
        Ok(()) => Ok(Redirect::to(&format!("/bien-tap/don-vi/{id}?m=saved")).into_response()),
        Err(errors) if errors.iter().all(|e| e.status.is_client_error()) => {
            site_view(&state, &ctx, id, None, Some(&form), &errors).await
        }
        Err(mut errors) => Err(errors.remove(0)),
    }
}
