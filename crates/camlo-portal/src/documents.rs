//! Leadership and legal documents on the portal (văn bản chỉ đạo điều hành): the public list with
//! filters by type, issuer and year, a page per document with its PDFs and "replaces / replaced
//! by" links, public comment on drafts (moderated), the editors' pages and the API.
//!
//! The number and symbol is checked in the state format (NĐ 30/2020) or the Party format
//! (HD 36-HD/VPTW) by `camlo_domain::documents` and stored in its canonical form.

use std::collections::HashSet;

use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::Role;
use camlo_domain::audit::Outcome;
use camlo_domain::clock::to_local;
use camlo_domain::documents::{DocumentFamily, DocumentState, NumberSymbol};
use camlo_domain::text::nfc;
use camlo_domain::units::UnitId;
use camlo_store::legal::{self, Comment, DocumentFile, Filter, LegalDocument};
use camlo_store::{StoreError, audit, units};
use chrono::NaiveDate;
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppForm, AppJson, AppPath, AppQuery};
use camlo_web::middleware::Ctx;
use camlo_web::pages::{form_errors, page};
use camlo_web::policy::{Access, PUBLIC, Scope, rule, takes_upload};
use camlo_web::session::Actor;
use camlo_web::{AppState, Routes};

/// Documents per page.
const PAGE: i64 = 20;
/// Largest PDF of a document.
const MAX_PDF: usize = 20 * 1024 * 1024;
/// Roles that publish documents on the portal, within their units.
pub const EDITORS: &[Role] = &[Role::Editor, Role::Clerk, Role::UnitAdmin];

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/van-ban", PUBLIC, list_page)
        .add(Method::GET, "/van-ban/{id}", PUBLIC, show_page)
        .add(Method::GET, "/van-ban/{id}/tep/{file}", PUBLIC, download)
        .add(Method::POST, "/van-ban/{id}/gop-y", PUBLIC, comment)
        .add(
            Method::GET,
            "/quan-tri/van-ban",
            rule(Access::Roles(EDITORS), Scope::None),
            manage_list,
        )
        .add(
            Method::POST,
            "/quan-tri/van-ban",
            rule(Access::Roles(EDITORS), Scope::None),
            create_page,
        )
        .add(
            Method::GET,
            "/quan-tri/van-ban/{id}",
            rule(Access::Roles(EDITORS), Scope::None),
            manage_page,
        )
        .add(
            Method::POST,
            "/quan-tri/van-ban/{id}/tep",
            takes_upload(rule(Access::Roles(EDITORS), Scope::None)),
            upload,
        )
        .add(
            Method::POST,
            "/quan-tri/van-ban/{id}/trang-thai",
            rule(Access::Roles(EDITORS), Scope::None),
            set_state,
        )
        .add(
            Method::POST,
            "/quan-tri/van-ban/{id}/gop-y/{comment}",
            rule(Access::Roles(EDITORS), Scope::None),
            moderate,
        )
        .add(Method::GET, "/api/v1/documents", PUBLIC, api_list)
        .add(
            Method::POST,
            "/api/v1/documents",
            rule(Access::Roles(EDITORS), Scope::None),
            api_create,
        )
        .add(Method::GET, "/api/v1/documents/{id}", PUBLIC, api_get)
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

fn parse_date(s: &str, field: &'static str) -> AppResult<Option<NaiveDate>> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .map(Some)
        .map_err(|_| AppError::invalid("DOC-0022").field(field))
}

/// A new document as typed (form or JSON).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct DocumentInput {
    /// Unit whose site lists it.
    #[serde(default)]
    pub unit_id: String,
    /// Number and symbol, with or without "Số:".
    #[serde(default)]
    pub number_symbol: String,
    /// `state`, `party` or empty (recognised from the text).
    #[serde(default)]
    pub family: String,
    /// Issuing body as printed, e.g. "UBND huyện Cam Lộ".
    #[serde(default)]
    pub issuer: String,
    /// Signer.
    #[serde(default)]
    pub signer: String,
    /// dd/mm/yyyy.
    #[serde(default)]
    pub issued_on: String,
    /// dd/mm/yyyy.
    #[serde(default)]
    pub effective_on: String,
    /// dd/mm/yyyy.
    #[serde(default)]
    pub expires_on: String,
    /// Trích yếu.
    #[serde(default)]
    pub summary: String,
    /// Id of the document this one replaces.
    #[serde(default)]
    pub replaces_id: String,
    /// `publish`, `comment` (a draft open for comment) or `draft`.
    #[serde(default)]
    pub publish: String,
    /// Days a draft stays open for comment.
    #[serde(default)]
    pub comment_days: String,
}

/// Checks the input, reporting every problem at once.
fn parse_input(
    input: &DocumentInput,
    now: i64,
    allowed: &Allowed,
) -> Result<LegalDocument, Vec<AppError>> {
    let mut errors = Vec::new();
    let unit_id = input.unit_id.trim().parse::<i64>().unwrap_or(0);
    if !allowed.covers(unit_id) {
        errors.push(AppError::invalid("UNIT-0006").field("unit_id"));
    }
    let raw = nfc(input.number_symbol.trim());
    let parsed = match input.family.as_str() {
        "state" => NumberSymbol::parse_state(&raw),
        "party" => NumberSymbol::parse_party(&raw),
        _ => NumberSymbol::parse(&raw),
    };
    let issued = parse_date(&input.issued_on, "issued_on")
        .and_then(|d| d.ok_or_else(|| AppError::invalid("DOC-0022").field("issued_on")));
    let effective = parse_date(&input.effective_on, "effective_on");
    let expires = parse_date(&input.expires_on, "expires_on");
    let number = match parsed {
        Ok(n) => {
            if let Ok(d) = &issued
                && let Err(e) = n.check_year(chrono::Datelike::year(d))
            {
                errors.push(e.into());
            }
            Some(n)
        }
        Err(e) => {
            errors.push(e.into());
            None
        }
    };
    let summary = nfc(input.summary.trim());
    if summary.is_empty() || summary.chars().count() > 2000 {
        errors.push(AppError::invalid("DOC-0021").field("summary"));
    }
    let issuer = nfc(input.issuer.trim());
    if issuer.is_empty() || issuer.chars().count() > 200 {
        errors.push(AppError::invalid("DOC-0008").field("issuer"));
    }
    let signer = nfc(input.signer.trim());
    if signer.chars().count() > 100 {
        errors.push(AppError::invalid("WEB-0005").field("signer"));
    }
    let (issued, effective, expires) = match (issued, effective, expires) {
        (Ok(i), Ok(f), Ok(t)) => {
            if let (Some(f), Some(t)) = (f, t)
                && t < f
            {
                errors.push(AppError::invalid("DOC-0022").field("expires_on"));
            }
            (Some(i), f, t)
        }
        (i, f, t) => {
            errors.extend([i.err(), f.err(), t.err()].into_iter().flatten());
            (None, None, None)
        }
    };
    let replaces_id = input.replaces_id.trim().parse::<i64>().ok();
    let days = input
        .comment_days
        .trim()
        .parse::<i64>()
        .unwrap_or(30)
        .clamp(1, 90);
    let (state, comment_until, published_at) = match input.publish.as_str() {
        "publish" => ("published", None, Some(now)),
        // A draft open for public comment: listed publicly until the end of the period.
        "comment" => ("consultation", Some(now + days * 86_400), Some(now)),
        _ => ("draft", None, None),
    };
    match (errors.is_empty(), number, issued) {
        (true, Some(n), Some(issued_on)) => Ok(LegalDocument {
            id: 0,
            unit_id,
            number_symbol: n.short(),
            family: match n.family {
                DocumentFamily::State => "state".into(),
                DocumentFamily::Party => "party".into(),
            },
            doc_type: n.type_name().into(),
            issuer,
            signer,
            issued_on,
            effective_on: effective,
            expires_on: expires,
            summary,
            replaces_id,
            state: state.into(),
            comment_until,
            created_at: now,
            published_at,
        }),
        _ => Err(errors),
    }
}

/// The units an actor may publish for (None: every unit).
struct Allowed(Option<HashSet<UnitId>>);

impl Allowed {
    fn covers(&self, unit: i64) -> bool {
        self.0.as_ref().is_none_or(|s| s.contains(&UnitId(unit)))
    }
}

async fn allowed(state: &AppState, actor: &Actor) -> AppResult<Allowed> {
    if actor.is_system_admin() {
        return Ok(Allowed(None));
    }
    Ok(Allowed(Some(
        camlo_web::units::units_for(state, actor, EDITORS).await?,
    )))
}

/// Whether the public may see it: published, or a draft open for comment.
fn is_public(d: &LegalDocument) -> bool {
    matches!(d.state.as_str(), "published" | "consultation")
}

fn open_for_comment(d: &LegalDocument, now: i64) -> bool {
    d.state == "consultation" && d.comment_until.is_some_and(|t| now < t)
}

/// Stores a document with its audit record.
async fn create(state: &AppState, ctx: &Ctx, d: &LegalDocument) -> AppResult<i64> {
    let actor = ctx.actor()?;
    if let Some(r) = d.replaces_id {
        // The replaced document must exist (read before the transaction).
        legal::get(&state.store, r)
            .await
            .map_err(|_| AppError::invalid("WEB-0005").field("replaces_id"))?;
    }
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        "document.create",
        String::new(),
        Outcome::Success,
    );
    entry.unit_id = Some(d.unit_id);
    let mut tx = state.store.begin().await?;
    let id = match legal::insert(&mut tx, d, Some(actor.account.id.0)).await {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => {
            return Err(AppError::conflict("DOC-0020").field("number_symbol"));
        }
        Err(e) => return Err(e.into()),
    };
    entry.object = format!("document:{id}");
    entry.detail = serde_json::json!({ "number": d.number_symbol, "state": d.state }).to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    reindex(state, id).await;
    Ok(id)
}

// ---------------------------------------------------------------------------------------------
// Search.

async fn searchable(
    state: &AppState,
    d: &LegalDocument,
) -> AppResult<camlo_web::search::Searchable> {
    let unit = units::get(&state.store, UnitId(d.unit_id)).await?;
    Ok(camlo_web::search::Searchable {
        kind: "document",
        id: d.id.to_string(),
        title: format!("{} số {}: {}", d.doc_type, d.number_symbol, d.summary),
        body: format!("{}\n{}\n{}", d.issuer, d.signer, d.number_symbol),
        url: format!("/van-ban/{}", d.id),
        unit: Some(unit.slug),
        date: Some(d.issued_on),
    })
}

/// Every public document as search items (for `camlo reindex` and an empty index at start).
pub async fn searchable_all(state: &AppState) -> AppResult<Vec<camlo_web::search::Searchable>> {
    let filter = Filter {
        published_only: true,
        ..Filter::default()
    };
    let mut out = Vec::new();
    let mut offset = 0;
    loop {
        let page = legal::list(&state.store, &filter, 500, offset).await?;
        if page.is_empty() {
            break;
        }
        offset += i64::try_from(page.len()).unwrap_or(500);
        for d in &page {
            out.push(searchable(state, d).await?);
        }
    }
    Ok(out)
}

/// Puts a document in the index when it is public, removes it otherwise. The document's own
/// change has committed: a failure is logged (`camlo reindex` repairs it), never returned.
async fn reindex(state: &AppState, id: i64) {
    // The sitemap (a cached page) lists public documents.
    state.cache.invalidate();
    let result = match legal::get(&state.store, id).await {
        Ok(d) if is_public(&d) => match searchable(state, &d).await {
            Ok(item) => camlo_web::search::put(state, vec![item]).await,
            Err(e) => Err(e),
        },
        Ok(_) => camlo_web::search::remove(state, "document", &id.to_string()).await,
        Err(e) => Err(e.into()),
    };
    if let Err(e) = result {
        tracing::warn!(
            document = id,
            detail = e.detail.as_deref().unwrap_or(""),
            "search index not updated; run `camlo reindex`"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Public pages.

/// List filters.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Type name.
    #[serde(default)]
    pub loai: Option<String>,
    /// Issuing body.
    #[serde(default, rename = "co-quan")]
    pub co_quan: Option<String>,
    /// Year.
    #[serde(default)]
    pub nam: Option<String>,
    /// Words.
    #[serde(default)]
    pub q: Option<String>,
    /// Unit slug (a commune's own documents).
    #[serde(default)]
    pub don_vi: Option<String>,
    /// Page, from 1.
    #[serde(default)]
    pub trang: Option<String>,
}

fn some(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(nfc)
}

async fn filter_of(state: &AppState, q: &ListQuery) -> AppResult<Filter> {
    let units = match some(&q.don_vi) {
        Some(slug) => match units::by_slug(&state.store, &slug).await {
            Ok(u) => Some(
                camlo_web::units::units_under(state, &[u.id])
                    .await?
                    .into_iter()
                    .map(|u| u.0)
                    .collect(),
            ),
            Err(_) => Some(Vec::new()),
        },
        None => None,
    };
    Ok(Filter {
        published_only: true,
        doc_type: some(&q.loai),
        issuer: some(&q.co_quan),
        year: some(&q.nam).and_then(|y| y.parse().ok()),
        units,
        text: some(&q.q),
    })
}

fn summary_value(d: &LegalDocument) -> Value {
    context! {
        id => d.id, number => d.number_symbol.clone(), doc_type => d.doc_type.clone(),
        issuer => d.issuer.clone(), signer => d.signer.clone(), issued_on => dmy(d.issued_on),
        summary => d.summary.clone(), state => d.state.clone(),
    }
}

async fn list_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let filter = filter_of(&state, &q).await?;
    let page_no = some(&q.trang)
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    let list = legal::list(&state.store, &filter, PAGE + 1, (page_no - 1) * PAGE).await?;
    let more = list.len() as i64 > PAGE;
    let (types, issuers, years) = legal::facets(&state.store).await?;
    page(
        &state,
        &ctx,
        "documents/list.html",
        context! {
            documents => list.iter().take(PAGE as usize).map(summary_value).collect::<Vec<_>>(),
            types, issuers, years,
            loai => some(&q.loai).unwrap_or_default(), co_quan => some(&q.co_quan).unwrap_or_default(),
            nam => some(&q.nam).unwrap_or_default(), q => some(&q.q).unwrap_or_default(),
            don_vi => some(&q.don_vi).unwrap_or_default(),
            page_no, more,
        },
    )
}

async fn document_value(
    state: &AppState,
    d: &LegalDocument,
    all_comments: bool,
) -> AppResult<Value> {
    let files: Vec<Value> = legal::files(&state.store, d.id)
        .await?
        .into_iter()
        .map(|f| context! { id => f.id, name => f.file_name, size => f.size })
        .collect();
    let replaces = match d.replaces_id {
        Some(r) => legal::get(&state.store, r)
            .await
            .ok()
            .filter(is_public)
            .map(|x| summary_value(&x)),
        None => None,
    };
    let replaced_by: Vec<Value> = legal::replaced_by(&state.store, d.id)
        .await?
        .iter()
        .map(summary_value)
        .collect();
    let comments: Vec<Value> = legal::comments(&state.store, d.id, all_comments)
        .await?
        .into_iter()
        .map(|c| {
            context! {
                id => c.id, author => c.author_name, body => c.body, state => c.state,
                at => camlo_domain::clock::format_local(camlo_store::from_ts(c.created_at)),
            }
        })
        .collect();
    let unit = units::get(&state.store, UnitId(d.unit_id)).await?;
    let now = state.now_ts();
    Ok(context! {
        id => d.id, number => d.number_symbol.clone(), family => d.family.clone(),
        doc_type => d.doc_type.clone(), issuer => d.issuer.clone(), signer => d.signer.clone(),
        issued_on => dmy(d.issued_on), effective_on => d.effective_on.map(dmy),
        expires_on => d.expires_on.map(dmy), summary => d.summary.clone(), state => d.state.clone(),
        unit => unit.name, unit_slug => unit.slug,
        comment_until => d.comment_until.map(|t| camlo_domain::clock::format_local(camlo_store::from_ts(t))),
        open_for_comment => open_for_comment(d, now),
        files, replaces, replaced_by, comments,
    })
}

async fn public_document(state: &AppState, id: &str) -> AppResult<LegalDocument> {
    let id: i64 = id.parse().map_err(|_| AppError::not_found())?;
    match legal::get(&state.store, id).await {
        Ok(d) if is_public(&d) => Ok(d),
        Ok(_) | Err(StoreError::NotFound) => Err(AppError::not_found()),
        Err(e) => Err(e.into()),
    }
}

async fn show_view(
    state: &AppState,
    ctx: &Ctx,
    d: &LegalDocument,
    errors: &[AppError],
    sent: bool,
) -> AppResult<Response> {
    let mut res = page(
        state,
        ctx,
        "documents/show.html",
        context! { d => document_value(state, d, false).await?, errors => form_errors(ctx, errors), sent },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn show_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<String>,
) -> AppResult<Response> {
    let d = public_document(&state, &id).await?;
    show_view(&state, &ctx, &d, &[], ctx.query.contains("m=comment")).await
}

async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, file)): AppPath<(String, i64)>,
) -> AppResult<Response> {
    let d = match public_document(&state, &id).await {
        Ok(d) => d,
        // Editors may download the files of their drafts.
        Err(_) => {
            let d =
                legal::get(&state.store, id.parse().map_err(|_| AppError::not_found())?).await?;
            let actor = ctx.actor().map_err(|_| AppError::not_found())?;
            if !allowed(&state, actor).await?.covers(d.unit_id) {
                return Err(AppError::not_found());
            }
            d
        }
    };
    let f = legal::files(&state.store, d.id)
        .await?
        .into_iter()
        .find(|f| f.id == file)
        .ok_or_else(AppError::not_found)?;
    let blobs = state.blobs();
    let sha = f.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || blobs.get(&sha))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    let ascii: String = camlo_domain::text::slugify(f.file_name.trim_end_matches(".pdf"));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{ascii}.pdf\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

/// A public comment.
#[derive(Debug, Default, Deserialize)]
pub struct CommentForm {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Text.
    #[serde(default)]
    pub body: String,
    /// Honeypot: a field people do not see; robots fill it.
    #[serde(default)]
    pub website: String,
}

async fn comment(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<String>,
    AppForm(form): AppForm<CommentForm>,
) -> AppResult<Response> {
    let d = public_document(&state, &id).await?;
    let now = state.now_ts();
    if !open_for_comment(&d, now) {
        return show_view(&state, &ctx, &d, &[AppError::conflict("DOC-0024")], false).await;
    }
    let thanks = Redirect::to(&format!("/van-ban/{}?m=comment#gop-y", d.id)).into_response();
    if !form.website.trim().is_empty() {
        // A robot: thank it and keep nothing.
        return Ok(thanks);
    }
    let name = nfc(form.name.trim());
    let body = nfc(form.body.trim());
    if name.is_empty()
        || name.chars().count() > 100
        || body.is_empty()
        || body.chars().count() > 5000
    {
        let field = if name.is_empty() { "name" } else { "body" };
        return show_view(
            &state,
            &ctx,
            &d,
            &[AppError::invalid("DOC-0025").field(field)],
            false,
        )
        .await;
    }
    let limited = camlo_web::limits::request(
        &state,
        camlo_web::limits::COMMENTS,
        &ctx.who.client_key,
        "DOC-0026",
    )
    .await;
    if limited.is_err() {
        return show_view(
            &state,
            &ctx,
            &d,
            &[AppError::new(StatusCode::TOO_MANY_REQUESTS, "DOC-0026")],
            false,
        )
        .await;
    }
    let mut entry = ctx.who.entry(
        &state,
        ctx.actor.as_ref(),
        "document.comment",
        format!("document:{}", d.id),
        Outcome::Success,
    );
    entry.unit_id = Some(d.unit_id);
    let mut tx = state.store.begin().await?;
    let cid = legal::add_comment(
        &mut tx,
        &Comment {
            id: 0,
            document_id: d.id,
            author_name: name,
            body,
            state: "pending".into(),
            created_at: now,
        },
    )
    .await?;
    entry.detail = serde_json::json!({ "comment": cid }).to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(thanks)
}

// ---------------------------------------------------------------------------------------------
// Editors.

async fn unit_choices(state: &AppState, allowed: &Allowed) -> AppResult<Vec<Value>> {
    let today = to_local(state.clock.now()).date();
    Ok(units::list(&state.store, Some(today))
        .await?
        .into_iter()
        .filter(|u| allowed.covers(u.id.0))
        .filter(|u| {
            u.kind.is_administrative()
                || u.kind == camlo_domain::units::UnitKind::PeopleCommittee
                || u.kind == camlo_domain::units::UnitKind::PartyCommittee
        })
        .map(|u| context! { id => u.id.0, name => u.name })
        .collect())
}

async fn manage_view(
    state: &AppState,
    ctx: &Ctx,
    form: &DocumentInput,
    errors: &[AppError],
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let allowed = allowed(state, actor).await?;
    let mut filter = Filter::default();
    if let Some(set) = &allowed.0 {
        filter.units = Some(set.iter().map(|u| u.0).collect());
    }
    let list = legal::list(&state.store, &filter, 200, 0).await?;
    let mut res = page(
        state,
        ctx,
        "documents/manage.html",
        context! {
            documents => list.iter().map(summary_value).collect::<Vec<_>>(),
            units => unit_choices(state, &allowed).await?,
            form => camlo_web::templates::ser(form), errors => form_errors(ctx, errors),
        },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn manage_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    manage_view(&state, &ctx, &DocumentInput::default(), &[]).await
}

async fn create_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<DocumentInput>,
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let allowed = allowed(&state, actor).await?;
    let d = match parse_input(&form, state.now_ts(), &allowed) {
        Ok(d) => d,
        Err(errors) => return manage_view(&state, &ctx, &form, &errors).await,
    };
    match create(&state, &ctx, &d).await {
        Ok(id) => Ok(Redirect::to(&format!("/quan-tri/van-ban/{id}?m=saved")).into_response()),
        Err(e) if e.status.is_client_error() => manage_view(&state, &ctx, &form, &[e]).await,
        Err(e) => Err(e),
    }
}

/// Loads a document the editor may manage (404 otherwise, so ids cannot be probed).
async fn managed(state: &AppState, ctx: &Ctx, id: &str) -> AppResult<LegalDocument> {
    let id: i64 = id.parse().map_err(|_| AppError::not_found())?;
    let d = legal::get(&state.store, id).await?;
    if allowed(state, ctx.actor()?).await?.covers(d.unit_id) {
        Ok(d)
    } else {
        Err(AppError::not_found())
    }
}

async fn manage_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<String>,
) -> AppResult<Response> {
    let d = managed(&state, &ctx, &id).await?;
    page(
        &state,
        &ctx,
        "documents/edit.html",
        context! { d => document_value(&state, &d, true).await? },
    )
}

async fn upload(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<String>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let d = managed(&state, &ctx, &id).await?;
    let actor = ctx.actor()?;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::bad_request())?
    {
        if field.name() != Some("file") {
            continue;
        }
        let name = field.file_name().unwrap_or("van-ban.pdf").to_owned();
        let bytes = field
            .bytes()
            .await
            .map_err(|_| AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006"))?;
        if bytes.is_empty() {
            continue;
        }
        if bytes.len() > MAX_PDF {
            return Err(AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006"));
        }
        // A PDF and nothing else, parsed whole, without scripts, actions or embedded files.
        let owned = bytes.to_vec();
        let checked = tokio::task::spawn_blocking(move || {
            camlo_domain::files::check(&owned, &[camlo_domain::files::Kind::Pdf])
        })
        .await
        .map_err(|e| AppError::internal(e.to_string()))?;
        match checked {
            Ok(_) => {}
            Err(camlo_domain::files::FileError::Type) => {
                return Err(AppError::invalid("DOC-0023").field("file"));
            }
            Err(e) => return Err(AppError::from(e).field("file")),
        }
        let blobs = state.blobs();
        let data = bytes.to_vec();
        let sha = tokio::task::spawn_blocking(move || blobs.put(&data))
            .await
            .map_err(|e| AppError::internal(e.to_string()))??;
        let f = DocumentFile {
            id: 0,
            file_name: camlo_domain::files::safe_name(&name, camlo_domain::files::Kind::Pdf),
            sha256: sha,
            size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        };
        let now = state.now_ts();
        let mut entry = ctx.who.entry(
            &state,
            Some(actor),
            "document.attach",
            format!("document:{}", d.id),
            Outcome::Success,
        );
        entry.unit_id = Some(d.unit_id);
        let mut tx = state.store.begin().await?;
        let fid = legal::add_file(&mut tx, d.id, &f, now).await?;
        entry.detail =
            serde_json::json!({ "file": fid, "sha256": f.sha256, "size": f.size }).to_string();
        audit::append(&mut tx, &entry).await?;
        camlo_store::commit(tx).await?;
    }
    Ok(Redirect::to(&format!("/quan-tri/van-ban/{}?m=saved", d.id)).into_response())
}

/// Publish, withdraw, or open for comment.
#[derive(Debug, Default, Deserialize)]
pub struct StateForm {
    /// `publish`, `withdraw` or `comment`.
    #[serde(default)]
    pub action: String,
    /// Days open for comment.
    #[serde(default)]
    pub comment_days: String,
}

async fn set_state(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<String>,
    AppForm(form): AppForm<StateForm>,
) -> AppResult<Response> {
    let d = managed(&state, &ctx, &id).await?;
    let now = state.now_ts();
    let (to, until) = match form.action.as_str() {
        "publish" => ("published", None),
        "withdraw" => ("withdrawn", None),
        "comment" => {
            let days = form
                .comment_days
                .trim()
                .parse::<i64>()
                .unwrap_or(30)
                .clamp(1, 90);
            ("consultation", Some(now + days * 86_400))
        }
        _ => return Err(AppError::bad_request()),
    };
    // The documents' workflow table (withdrawn is final); the store checks it again.
    if let (Some(from), Some(next)) = (DocumentState::parse(&d.state), DocumentState::parse(to)) {
        camlo_domain::documents::check_change(from, next)?;
    }
    let mut entry = ctx.who.entry(
        &state,
        ctx.actor.as_ref(),
        &format!("document.{}", form.action),
        format!("document:{}", d.id),
        Outcome::Success,
    );
    entry.unit_id = Some(d.unit_id);
    entry.detail = serde_json::json!({ "from": d.state, "to": to }).to_string();
    let mut tx = state.store.begin().await?;
    legal::set_state(&mut tx, d.id, to, until, now).await?;
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    reindex(&state, d.id).await;
    Ok(Redirect::to(&format!("/quan-tri/van-ban/{}?m=saved", d.id)).into_response())
}

/// Approve or reject a comment.
#[derive(Debug, Default, Deserialize)]
pub struct ModerateForm {
    /// `approve` or `reject`.
    #[serde(default)]
    pub action: String,
}

async fn moderate(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, comment)): AppPath<(String, i64)>,
    AppForm(form): AppForm<ModerateForm>,
) -> AppResult<Response> {
    let d = managed(&state, &ctx, &id).await?;
    let actor = ctx.actor()?;
    let to = match form.action.as_str() {
        "approve" => "approved",
        "reject" => "rejected",
        _ => return Err(AppError::bad_request()),
    };
    let mut entry = ctx.who.entry(
        &state,
        Some(actor),
        &format!("document.comment_{}", form.action),
        format!("document:{}", d.id),
        Outcome::Success,
    );
    entry.unit_id = Some(d.unit_id);
    entry.detail = serde_json::json!({ "comment": comment }).to_string();
    let mut tx = state.store.begin().await?;
    legal::moderate(
        &mut tx,
        d.id,
        comment,
        to,
        actor.account.id.0,
        state.now_ts(),
    )
    .await?;
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/quan-tri/van-ban/{}?m=saved", d.id)).into_response())
}

// ---------------------------------------------------------------------------------------------
// API.

/// A document as the API shows it.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    /// Id.
    pub id: i64,
    /// Number and symbol, e.g. `15/QĐ-UBND`.
    pub number_symbol: String,
    /// `state` or `party`.
    pub family: String,
    /// Type name.
    pub doc_type: String,
    /// Issuing body.
    pub issuer: String,
    /// Signer.
    pub signer: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    /// `dd/mm/yyyy`.
    pub issued_on_local: String,
    /// `YYYY-MM-DD`.
    pub effective_on: Option<String>,
    /// `YYYY-MM-DD`.
    pub expires_on: Option<String>,
    /// Trích yếu.
    pub summary: String,
    /// `published`, `consultation` (a draft open for comment), `draft`, `withdrawn`.
    pub state: String,
    /// Replaces this document.
    pub replaces_id: Option<i64>,
    /// Page.
    pub url: String,
}

fn view(d: &LegalDocument) -> DocumentView {
    DocumentView {
        id: d.id,
        number_symbol: d.number_symbol.clone(),
        family: d.family.clone(),
        doc_type: d.doc_type.clone(),
        issuer: d.issuer.clone(),
        signer: d.signer.clone(),
        issued_on: d.issued_on.to_string(),
        issued_on_local: dmy(d.issued_on),
        effective_on: d.effective_on.map(|x| x.to_string()),
        expires_on: d.expires_on.map(|x| x.to_string()),
        summary: d.summary.clone(),
        state: d.state.clone(),
        replaces_id: d.replaces_id,
        url: format!("/van-ban/{}", d.id),
    }
}

async fn api_list(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<AppJson<Vec<DocumentView>>> {
    let filter = filter_of(&state, &q).await?;
    let page_no = some(&q.trang)
        .and_then(|p| p.parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000);
    let list = legal::list(&state.store, &filter, PAGE, (page_no - 1) * PAGE).await?;
    Ok(AppJson(list.iter().map(view).collect()))
}

async fn api_get(
    State(state): State<AppState>,
    AppPath(id): AppPath<String>,
) -> AppResult<AppJson<DocumentView>> {
    Ok(AppJson(view(&public_document(&state, &id).await?)))
}

async fn api_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppJson(input): AppJson<DocumentInput>,
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let allowed = allowed(&state, actor).await?;
    let d = parse_input(&input, state.now_ts(), &allowed).map_err(|mut e| e.remove(0))?;
    let id = create(&state, &ctx, &d).await?;
    let stored = legal::get(&state.store, id).await?;
    Ok((StatusCode::CREATED, axum::Json(view(&stored))).into_response())
}

// ---------------------------------------------------------------------------------------------
// Demo data.

/// (unit slug, number and symbol, issuer, signer, issued, summary, state, replaces index).
/// The two Huyện ủy documents are the ones the seed article cites; the others are illustrative
/// demo entries in the state format.
type DemoDocument = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<usize>,
);
const DEMO: &[DemoDocument] = &[
    (
        "huyen-uy-cam-lo",
        "26-CV/HU",
        "Ban Thường vụ Huyện ủy Cam Lộ",
        "",
        "2016-01-25",
        "Tăng cường kỷ cương, lề lối làm việc, nâng cao ý thức công vụ thực hiện nhiệm vụ được giao",
        "published",
        None,
    ),
    (
        "huyen-uy-cam-lo",
        "15-KH/HU",
        "Ban Thường vụ Huyện ủy Cam Lộ",
        "",
        "2016-06-01",
        "Kế hoạch hành động đẩy mạnh cải cách hành chính, nâng cao năng lực, hiệu quả hoạt động của hệ thống chính trị năm 2016, định hướng đến năm 2020",
        "published",
        None,
    ),
    (
        "ubnd-huyen-cam-lo",
        "45/KH-UBND",
        "UBND huyện Cam Lộ",
        "Chủ tịch UBND huyện",
        "2017-03-10",
        "Kế hoạch hành động cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh huyện Cam Lộ năm 2017, định hướng năm 2020 (dữ liệu minh họa)",
        "published",
        None,
    ),
    (
        "ubnd-huyen-cam-lo",
        "12/2017/QĐ-UBND",
        "UBND huyện Cam Lộ",
        "Chủ tịch UBND huyện",
        "2017-05-15",
        "Ban hành Quy chế tiếp nhận, giải quyết thủ tục hành chính theo cơ chế một cửa, một cửa liên thông tại UBND huyện và các xã, thị trấn (dữ liệu minh họa)",
        "published",
        None,
    ),
    (
        "ubnd-huyen-cam-lo",
        "08/2018/QĐ-UBND",
        "UBND huyện Cam Lộ",
        "Chủ tịch UBND huyện",
        "2018-09-20",
        "Sửa đổi Quy chế một cửa, một cửa liên thông theo Nghị định số 61/2018/NĐ-CP, thay thế Quyết định số 12/2017/QĐ-UBND (dữ liệu minh họa)",
        "published",
        Some(3),
    ),
    (
        "ubnd-huyen-cam-lo",
        "03/TB-UBND",
        "UBND huyện Cam Lộ",
        "Phó Chủ tịch UBND huyện",
        "2017-01-06",
        "Dự thảo Quy định về văn hóa công sở, lấy ý kiến nhân dân (dữ liệu minh họa)",
        "consultation",
        None,
    ),
];

/// Loads the demo documents once (nothing when any document exists). Returns how many.
pub async fn seed_demo(state: &AppState) -> AppResult<usize> {
    if !legal::list(&state.store, &Filter::default(), 1, 0)
        .await?
        .is_empty()
    {
        return Ok(0);
    }
    let now = state.now_ts();
    let mut unit_ids = Vec::new();
    for (slug, ..) in DEMO {
        unit_ids.push(
            units::by_slug(&state.store, slug)
                .await
                .ok()
                .map(|u| u.id.0),
        );
    }
    let mut tx = state.store.begin().await?;
    let mut ids: Vec<i64> = Vec::new();
    for ((slug, number, issuer, signer, issued, summary, doc_state, replaces), unit) in
        DEMO.iter().zip(unit_ids)
    {
        let Some(unit_id) = unit else {
            tracing::warn!(slug, "demo documents: unit missing");
            continue;
        };
        let n = NumberSymbol::parse(number)?;
        let d = LegalDocument {
            id: 0,
            unit_id,
            number_symbol: n.short(),
            family: match n.family {
                DocumentFamily::State => "state".into(),
                DocumentFamily::Party => "party".into(),
            },
            doc_type: n.type_name().into(),
            issuer: (*issuer).into(),
            signer: (*signer).into(),
            issued_on: NaiveDate::parse_from_str(issued, "%Y-%m-%d")
                .map_err(|e| AppError::internal(e.to_string()))?,
            effective_on: None,
            expires_on: None,
            summary: (*summary).into(),
            replaces_id: replaces.and_then(|i| ids.get(i).copied()),
            state: (*doc_state).into(),
            comment_until: (*doc_state == "consultation").then_some(now + 30 * 86_400),
            created_at: now,
            published_at: Some(now),
        };
        ids.push(legal::insert(&mut tx, &d, None).await?);
    }
    camlo_store::commit(tx).await?;
    for id in &ids {
        reindex(state, *id).await;
    }
    Ok(ids.len())
}
