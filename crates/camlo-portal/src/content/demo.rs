//! Demo portal content for `camlo demo` (`demo.json`): the seed article with its photo caption
//! and a handful of demo news for the district and its communes, introduction pages, contact
//! profiles. Loaded once, when the database has no article yet.

use std::collections::HashMap;

use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_domain::clock::from_local;
use camlo_domain::content::ArticleState;
use camlo_domain::units::{Unit, UnitKind};
use camlo_store::articles::{self, By, Image, StateChange, Text};
use camlo_store::portal::{self as store, Page, Profile};
use camlo_store::{audit, units};
use chrono::NaiveDateTime;
use serde::Deserialize;

use super::{html, images, service::slug_for};
use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};

static DEMO: &str = include_str!("demo.json");

#[derive(Deserialize)]
struct Demo {
    articles: Vec<DemoArticle>,
    pages: Vec<DemoPage>,
    profiles: Vec<DemoProfile>,
}

#[derive(Deserialize)]
struct DemoPicture {
    caption: String,
    seed: u32,
    /// `top`: also placed at the head of the body; `cover`: cover only.
    position: String,
}

#[derive(Deserialize)]
struct DemoArticle {
    unit: String,
    title: String,
    summary: String,
    paragraphs: Vec<String>,
    author: String,
    source: String,
    category: String,
    tags: String,
    published: String,
    picture: Option<DemoPicture>,
}

#[derive(Deserialize)]
struct DemoPage {
    unit: String,
    slug: String,
    title: String,
    body_html: String,
}

#[derive(Deserialize)]
struct DemoProfile {
    unit: String,
    #[serde(flatten)]
    profile: Profile,
}

fn bad(what: impl std::fmt::Display) -> AppError {
    AppError::internal(format!("portal demo: {what}"))
}

/// A department's duties, by a word of its name (DOMAIN.md §12).
fn duties(name: &str) -> &'static str {
    const LIST: &[(&str, &str)] = &[
        (
            "Tư pháp",
            "Chứng thực, hộ tịch, phổ biến giáo dục pháp luật.",
        ),
        ("Tài chính", "Tài chính, kế hoạch, đăng ký hộ kinh doanh."),
        (
            "Kinh tế và Hạ tầng",
            "Quy hoạch, xây dựng, cấp giấy phép xây dựng, giao thông.",
        ),
        (
            "Nông nghiệp",
            "Nông nghiệp, xây dựng nông thôn mới, chương trình OCOP.",
        ),
        (
            "Văn hóa",
            "Văn hóa, thông tin, công nghệ thông tin, Cổng thông tin điện tử.",
        ),
        (
            "Văn phòng",
            "Tham mưu, tổng hợp; Bộ phận Một cửa của huyện.",
        ),
        (
            "Nội vụ",
            "Tổ chức bộ máy, cán bộ, công chức, thi đua khen thưởng.",
        ),
        ("Tài nguyên", "Đất đai, tài nguyên, môi trường."),
        ("Lao động", "Lao động, người có công, bảo trợ xã hội."),
        ("Giáo dục", "Giáo dục và đào tạo."),
        ("Y tế", "Y tế, an toàn thực phẩm."),
        (
            "Thanh tra",
            "Thanh tra, tiếp công dân, giải quyết khiếu nại, tố cáo.",
        ),
    ];
    LIST.iter()
        .find(|(k, _)| name.contains(k))
        .map_or("", |(_, v)| v)
}

fn generated_profile(u: &Unit, district: Option<&Unit>) -> Option<Profile> {
    let place = district.map_or_else(String::new, |d| format!(", {}", d.name.to_lowercase()));
    if u.kind.is_commune_level() {
        return Some(Profile {
            address: format!("Trụ sở UBND {}{place}, tỉnh Quảng Trị", u.name.to_lowercase()),
            email: format!("ubnd.{}@example.vn", u.slug),
            duties: "Ủy ban nhân dân cấp xã quản lý nhà nước trên địa bàn; Bộ phận Một cửa tiếp nhận và trả kết quả thủ tục hành chính.".into(),
            contact_name: "Văn phòng HĐND và UBND".into(),
            contact_title: "Công chức Văn phòng – Thống kê".into(),
            contact_email: format!("vanphong.{}@example.vn", u.slug),
            ..Profile::default()
        });
    }
    if u.kind == UnitKind::Department {
        return Some(Profile {
            address: "Đường 2 tháng 4, khu phố 2, thị trấn Cam Lộ".into(),
            email: format!("{}@example.vn", u.slug),
            duties: duties(&u.name).into(),
            ..Profile::default()
        });
    }
    None
}

fn at(s: &str) -> AppResult<i64> {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
        .map(|t| from_local(t).timestamp())
        .map_err(bad)
}

/// Loads the demo content once; returns the number of articles created (0 when already there).
pub async fn seed(state: &AppState) -> AppResult<usize> {
    if articles::count(&state.store).await? > 0 {
        return Ok(0);
    }
    let demo: Demo = serde_json::from_str(DEMO).map_err(bad)?;
    let all = units::list(&state.store, None).await?;
    let by_slug: HashMap<&str, &Unit> = all.iter().map(|u| (u.slug.as_str(), u)).collect();
    if !demo
        .articles
        .iter()
        .all(|a| by_slug.contains_key(a.unit.as_str()))
    {
        // Not the Cam Lộ demo units (e.g. a test fixture): nothing to do.
        return Ok(0);
    }
    // Pictures are made and stored before the transaction.
    let mut pictures = Vec::new();
    for a in &demo.articles {
        pictures.push(match &a.picture {
            Some(p) => {
                let blobs = state.blobs();
                let seed = p.seed;
                let stored = tokio::task::spawn_blocking(move || -> AppResult<_> {
                    let bytes = images::demo_picture(1600, 1000, seed);
                    let r = images::resize(&bytes)?;
                    let [l, m, t] = &r.sizes;
                    Ok((
                        r.width,
                        r.height,
                        blobs.put(&bytes)?,
                        blobs.put(l)?,
                        blobs.put(m)?,
                        blobs.put(t)?,
                    ))
                })
                .await
                .map_err(bad)??;
                Some(stored)
            }
            None => None,
        });
    }
    let now = state.now_ts();
    let system = By {
        id: None,
        name: "demo".into(),
    };
    let mut tx = state.store.begin().await?;
    for (a, pic) in demo.articles.iter().zip(&pictures) {
        let unit = by_slug.get(a.unit.as_str()).ok_or_else(|| bad(&a.unit))?;
        let mut body = html::paragraphs(&a.paragraphs.join("\n"));
        if let (Some(p), Some((_, _, _, large, _, _))) = (&a.picture, pic)
            && p.position == "top"
        {
            body = format!(
                "<figure><img src=\"/anh/{large}\" alt=\"{c}\"><figcaption>{c}</figcaption></figure>\n{body}",
                c = html::escape(&p.caption)
            );
        }
        let body = html::sanitize(&body);
        let text = Text {
            title: a.title.clone(),
            summary: a.summary.clone(),
            body_text: html::to_text(&body),
            body_html: body,
            author: a.author.clone(),
            source: a.source.clone(),
            category: a.category.clone(),
            tags: camlo_domain::content::parse_tags(&a.tags).map_err(bad)?,
        };
        let published = at(&a.published)?;
        let (id, _) = articles::insert(
            &mut tx,
            unit.id,
            &slug_for(&a.title),
            &text,
            &system,
            published,
        )
        .await?;
        if let (Some(p), Some((w, h, original, large, medium, thumb))) = (&a.picture, pic) {
            let img = Image {
                id: 0,
                article_id: id,
                caption: p.caption.clone(),
                width: i64::from(*w),
                height: i64::from(*h),
                original_sha: original.clone(),
                large_sha: large.clone(),
                medium_sha: medium.clone(),
                thumb_sha: thumb.clone(),
            };
            articles::add_image(&mut tx, &img, true, published).await?;
        }
        articles::set_state(
            &mut tx,
            id,
            &StateChange {
                from: ArticleState::Draft,
                to: ArticleState::Published,
                publish_at: Some(published),
                expire_at: None,
                set_expiry: true,
            },
            published,
        )
        .await?;
    }
    for p in &demo.pages {
        let unit = by_slug.get(p.unit.as_str()).ok_or_else(|| bad(&p.unit))?;
        store::put_page(
            &mut tx,
            &Page {
                unit_id: unit.id,
                slug: p.slug.clone(),
                title: p.title.clone(),
                body_html: html::sanitize(&p.body_html),
                updated_by: "demo".into(),
                updated_at: now,
            },
        )
        .await?;
    }
    let explicit: Vec<&str> = demo.profiles.iter().map(|p| p.unit.as_str()).collect();
    for p in &demo.profiles {
        let unit = by_slug.get(p.unit.as_str()).ok_or_else(|| bad(&p.unit))?;
        store::put_profile(&mut tx, unit.id, &p.profile, now).await?;
    }
    for u in &all {
        if explicit.contains(&u.slug.as_str()) {
            continue;
        }
        let district = u
            .parent_id
            .and_then(|p| all.iter().find(|x| x.id == p))
            .filter(|d| d.kind == UnitKind::District);
        if let Some(p) = generated_profile(u, district) {
            store::put_profile(&mut tx, u.id, &p, now).await?;
        }
    }
    audit::append(
        &mut tx,
        &AuditEntry {
            at: state.clock.now(),
            actor_id: None,
            actor: "system".into(),
            role: None,
            unit_id: None,
            action: "demo.portal".into(),
            object: "database".into(),
            outcome: Outcome::Success,
            request_id: "-".into(),
            client_addr: "-".into(),
            detail:
                serde_json::json!({ "articles": demo.articles.len(), "pages": demo.pages.len() })
                    .to_string(),
        },
    )
    .await?;
    camlo_store::commit(tx).await?;
    camlo_web::search::rebuild(state).await?;
    super::runtime::schedule_changed(state);
    Ok(demo.articles.len())
}
