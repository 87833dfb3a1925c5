//! The portal's items in the search index: articles (put when visible, removed otherwise, after
//! each change) and, for a full rebuild, every visible article and public legal document.

use camlo_domain::clock::to_local;
use camlo_domain::content::is_visible;
use camlo_store::articles::{self, Article};
use camlo_store::units;

use camlo_web::AppState;
use camlo_web::error::AppResult;
use camlo_web::search::{Searchable, put, remove};

async fn article_item(state: &AppState, a: &Article) -> AppResult<Searchable> {
    let unit = units::get(&state.store, a.unit_id).await?;
    Ok(Searchable {
        kind: "article",
        id: a.id.0.to_string(),
        title: a.title.clone(),
        body: format!("{}\n{}", a.summary, a.body_text),
        url: format!("/tin-tuc/{}", a.slug),
        unit: Some(unit.slug),
        date: a
            .publish_at
            .map(|t| to_local(camlo_store::from_ts(t)).date()),
    })
}

/// Puts an article in the index if it is visible now, removes it otherwise. Errors are logged:
/// the article's own change has already committed.
pub async fn article(state: &AppState, a: &Article) {
    let result = if is_visible(a.state, a.publish_at, a.expire_at, state.now_ts()) {
        match article_item(state, a).await {
            Ok(item) => put(state, vec![item]).await,
            Err(e) => Err(e),
        }
    } else {
        remove(state, "article", &a.id.0.to_string()).await
    };
    if let Err(e) = result {
        tracing::warn!(
            article = a.id.0,
            detail = e.detail.as_deref().unwrap_or(""),
            "search index not updated; run `camlo reindex`"
        );
    }
}

/// The portal's items for a full rebuild: every visible article and every public document.
pub async fn searchable(state: &AppState) -> AppResult<Vec<Searchable>> {
    let mut items = crate::documents::searchable_all(state).await?;
    let now = state.now_ts();
    let mut offset = 0;
    loop {
        let (page, _) = articles::list(
            &state.store,
            &articles::Filter {
                visible_at: Some(now),
                offset,
                limit: 500,
                ..articles::Filter::default()
            },
        )
        .await?;
        if page.is_empty() {
            break;
        }
        offset += i64::try_from(page.len()).unwrap_or(500);
        for a in &page {
            items.push(article_item(state, a).await?);
        }
    }
    Ok(items)
}
