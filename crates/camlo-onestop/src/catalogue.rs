//! Administration of the procedure catalogue: the list of procedures with their versions, a new
//! version through a form, import from CSV or JSON (all or nothing, every problem reported with
//! its row and column), and export as CSV. System administrators only (the catalogue is shared
//! by every unit of the province).

use std::collections::HashMap;

use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::audit::Outcome;
use camlo_domain::catalogue::{self, CSV_COLUMNS, Format, ImportProblem};
use camlo_domain::procedures::Procedure;
use camlo_store::{audit, procedures};
use minijinja::context;
use serde::Serialize;

use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppForm, AppPath};
use camlo_web::i18n::{Lang, t};
use camlo_web::middleware::Ctx;
use camlo_web::pages::page;
use camlo_web::policy::{Access, PUBLIC, SYSADMIN, Scope, rule};
use camlo_web::templates::ser;
use camlo_web::{AppState, Routes};

/// Largest import file (the full national catalogue of a province is well under this).
const MAX_IMPORT: usize = 4 * 1024 * 1024;

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(
        Method::GET,
        "/admin/thu-tuc",
        rule(Access::Roles(SYSADMIN), Scope::None),
        list_page,
    )
    .add(
        Method::POST,
        "/admin/thu-tuc/nhap",
        rule(Access::Roles(SYSADMIN), Scope::None),
        import_page,
    )
    .add(
        Method::GET,
        "/admin/thu-tuc/xuat.csv",
        rule(Access::Roles(SYSADMIN), Scope::None),
        export_csv,
    )
    .add(
        Method::GET,
        "/admin/thu-tuc/{code}",
        rule(Access::Roles(SYSADMIN), Scope::None),
        edit_page,
    )
    .add(
        Method::POST,
        "/admin/thu-tuc/{code}",
        rule(Access::Roles(SYSADMIN), Scope::None),
        new_version,
    )
    .add(
        Method::POST,
        "/api/v1/procedures/import",
        rule(Access::Roles(SYSADMIN), Scope::None),
        import_api,
    )
    .add(
        Method::GET,
        "/api/v1/procedures/{code}/versions",
        PUBLIC,
        versions_api,
    )
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Imported {
    /// New versions stored.
    pub added: usize,
    /// Procedures identical to the version in force (nothing stored).
    pub unchanged: usize,
}

fn dmy(d: chrono::NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// Stores the procedures that differ from their newest version as new versions, with one audit
/// record, in one transaction. A new version must start after the newest one.
async fn import(
    state: &AppState,
    ctx: &Ctx,
    list: Vec<Procedure>,
    how: &'static str,
) -> AppResult<Result<Imported, Vec<ImportProblem>>> {
    let actor = ctx.actor()?;
    // Read first: no pool reads while the transaction is open.
    let latest: HashMap<String, Procedure> = procedures::latest(&state.store)
        .await?
        .into_iter()
        .map(|p| (p.code.clone(), p))
        .collect();
    let mut problems = Vec::new();
    let mut fresh = Vec::new();
    let mut result = Imported::default();
    for (i, p) in list.into_iter().enumerate() {
        match latest.get(&p.code) {
            Some(old) if catalogue::same_content(old, &p) => result.unchanged += 1,
            Some(old) if p.valid_from <= old.valid_from => problems.push(ImportProblem {
                row: i + 1,
                field: Some("valid_from".into()),
                code: "PRO-0006",
                detail: format!(
                    "version {} of {} starts {}; a new version must start later",
                    old.version,
                    p.code,
                    dmy(old.valid_from)
                ),
            }),
            _ => fresh.push(p),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    result.added = fresh.len();
    if fresh.is_empty() {
        return Ok(Ok(result));
    }
    let now = state.now_ts();
    let codes: Vec<String> = fresh.iter().map(|p| p.code.clone()).collect();
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        "procedure.import",
        format!("procedures:{}", codes.len()),
        Outcome::Success,
    );
    entry.detail = serde_json::json!({ "via": how, "codes": codes }).to_string();
    let mut tx = state.store.begin().await?;
    for p in &fresh {
        procedures::insert_version(&mut tx, p, now).await?;
    }
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Ok(result))
}

fn problem_rows(lang: Lang, problems: &[ImportProblem]) -> minijinja::Value {
    ser(problems
        .iter()
        .map(|p| {
            serde_json::json!({
                "row": p.row, "field": p.field, "code": p.code,
                "message": t(lang, p.code), "detail": p.detail,
            })
        })
        .collect::<Vec<_>>())
}

fn summary(p: &Procedure) -> minijinja::Value {
    context! {
        code => p.code.clone(), name => p.name.clone(), sector => p.sector.clone(),
        version => p.version, valid_from => dmy(p.valid_from), valid_to => p.valid_to.map(dmy),
        online => p.online.as_str(), legal_time => p.legal_time.text_vi(),
    }
}

async fn list_view(
    state: &AppState,
    ctx: &Ctx,
    problems: &[ImportProblem],
    done: Option<Imported>,
) -> AppResult<Response> {
    let list: Vec<minijinja::Value> = procedures::latest(&state.store)
        .await?
        .iter()
        .map(summary)
        .collect();
    let mut res = page(
        state,
        ctx,
        "admin/procedures.html",
        context! {
            procedures => list, columns => CSV_COLUMNS.to_vec(),
            problems => problem_rows(ctx.lang, problems),
            added => done.map(|d| d.added), unchanged => done.map(|d| d.unchanged),
        },
    )?;
    if !problems.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

async fn list_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    list_view(&state, &ctx, &[], None).await
}

async fn import_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let mut data = String::new();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::bad_request())?
    {
        if matches!(field.name(), Some("file" | "data")) {
            let bytes = field
                .bytes()
                .await
                .map_err(|_| AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006"))?;
            if bytes.len() > MAX_IMPORT {
                return Err(AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006"));
            }
            if !bytes.iter().all(u8::is_ascii_whitespace) {
                data = String::from_utf8(bytes.to_vec())
                    .map_err(|_| AppError::invalid("PRO-0005").field("file"))?;
            }
        }
    }
    let outcome = match catalogue::parse(&data, Format::sniff(&data)) {
        Ok(list) => import(&state, &ctx, list, "page").await?,
        Err(problems) => Err(problems),
    };
    match outcome {
        Ok(done) => list_view(&state, &ctx, &[], Some(done)).await,
        Err(problems) => list_view(&state, &ctx, &problems, None).await,
    }
}

async fn export_csv(State(state): State<AppState>) -> AppResult<Response> {
    let today = camlo_domain::clock::to_local(state.clock.now()).date();
    let list = procedures::list(&state.store, today, &procedures::Filter::default()).await?;
    let csv = catalogue::to_csv(&list).map_err(AppError::internal)?;
    let mut res = csv.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    res.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"thu-tuc-hanh-chinh.csv\""),
    );
    Ok(res)
}

async fn edit_view(
    state: &AppState,
    ctx: &Ctx,
    code: &str,
    form: Option<&HashMap<String, String>>,
    problems: &[ImportProblem],
) -> AppResult<Response> {
    let versions = procedures::versions(&state.store, code).await?;
    let Some(newest) = versions.first() else {
        return Err(AppError::new(StatusCode::NOT_FOUND, "PRO-0004"));
    };
    let current = catalogue::fields_of(newest);
    let fields: Vec<minijinja::Value> = CSV_COLUMNS
        .iter()
        .zip(current)
        .filter(|(name, _)| **name != "code")
        .map(|(name, value)| {
            let value = match form {
                Some(f) => f.get(*name).cloned().unwrap_or_default(),
                // A new version starts tomorrow unless the administrator says otherwise.
                None if *name == "valid_from" => dmy(
                    camlo_domain::clock::to_local(state.clock.now()).date()
                        + chrono::Duration::days(1),
                ),
                None if *name == "valid_to" => String::new(),
                None => value,
            };
            let multiline = matches!(*name, "documents" | "steps" | "fees" | "legal_basis");
            context! { name => *name, label => t(ctx.lang, &format!("pro.field.{name}")), value, multiline }
        })
        .collect();
    let mut res = page(
        state,
        ctx,
        "admin/procedure.html",
        context! {
            code => code, name => newest.name.clone(), fields,
            versions => versions.iter().map(summary).collect::<Vec<_>>(),
            problems => problem_rows(ctx.lang, problems),
        },
    )?;
    if !problems.is_empty() {
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    Ok(res)
}

async fn edit_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    edit_view(&state, &ctx, &code, None, &[]).await
}

async fn new_version(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
    AppForm(form): AppForm<HashMap<String, String>>,
) -> AppResult<Response> {
    let get = |name: &str| -> String {
        if name == "code" {
            return code.clone();
        }
        camlo_domain::text::nfc(form.get(name).map_or("", |v| v.trim()))
    };
    let (p, mut problems) = catalogue::from_fields(1, &get);
    if problems.is_empty()
        && let Err(e) = p.validate(&camlo_calendar::OfficeHours::default())
    {
        problems.push(ImportProblem {
            row: 1,
            field: Some("steps".into()),
            code: e.code(),
            detail: e.to_string(),
        });
    }
    if problems.is_empty() {
        match import(&state, &ctx, vec![p], "form").await? {
            Ok(_) => {
                return Ok(Redirect::to(&format!("/admin/thu-tuc/{code}?m=saved")).into_response());
            }
            Err(found) => problems = found,
        }
    }
    edit_view(&state, &ctx, &code, Some(&form), &problems).await
}

/// `POST /api/v1/procedures/import`: a JSON array or CSV (`Content-Type: text/csv`).
async fn import_api(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> AppResult<Response> {
    let text = std::str::from_utf8(&body).map_err(|_| AppError::invalid("PRO-0005"))?;
    let format = match headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
    {
        Some(ct) if ct.starts_with("text/csv") => Format::Csv,
        Some(ct) if ct.starts_with("application/json") => Format::Json,
        _ => Format::sniff(text),
    };
    let outcome = match catalogue::parse(text, format) {
        Ok(list) => import(&state, &ctx, list, "api").await?,
        Err(problems) => Err(problems),
    };
    Ok(match outcome {
        Ok(done) => axum::Json(done).into_response(),
        Err(problems) => {
            let first = problems.first().map_or("PRO-0005", |p| p.code);
            let body = serde_json::json!({
                "code": first,
                "message": t(ctx.lang, first),
                "request_id": ctx.request_id,
                "problems": problems,
            });
            (StatusCode::UNPROCESSABLE_ENTITY, axum::Json(body)).into_response()
        }
    })
}

async fn versions_api(
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let versions = procedures::versions(&state.store, &code).await?;
    if versions.is_empty() {
        return Err(AppError::new(StatusCode::NOT_FOUND, "PRO-0004"));
    }
    Ok(axum::Json(versions).into_response())
}
