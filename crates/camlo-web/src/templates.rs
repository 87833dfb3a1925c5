//! Server-rendered HTML with minijinja: the default theme is embedded in the binary; a
//! deployment's theme folder (`<theme>/templates/*.html`, `<theme>/static/*`) overrides any file.

use std::path::PathBuf;

use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};
use minijinja::{Environment, State, Value};

use crate::error::AppError;
use crate::i18n::{Lang, t};

/// The embedded default theme: (name, source).
const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("home.html", include_str!("../templates/home.html")),
    ("login.html", include_str!("../templates/login.html")),
    ("totp.html", include_str!("../templates/totp.html")),
    ("register.html", include_str!("../templates/register.html")),
    ("account.html", include_str!("../templates/account.html")),
    ("error.html", include_str!("../templates/error.html")),
    ("calendar.html", include_str!("../templates/calendar.html")),
    (
        "admin/index.html",
        include_str!("../templates/admin/index.html"),
    ),
    (
        "admin/units.html",
        include_str!("../templates/admin/units.html"),
    ),
    (
        "documents/list.html",
        include_str!("../templates/documents/list.html"),
    ),
    (
        "documents/show.html",
        include_str!("../templates/documents/show.html"),
    ),
    (
        "documents/manage.html",
        include_str!("../templates/documents/manage.html"),
    ),
    (
        "documents/edit.html",
        include_str!("../templates/documents/edit.html"),
    ),
    (
        "admin/procedures.html",
        include_str!("../templates/admin/procedures.html"),
    ),
    (
        "admin/procedure.html",
        include_str!("../templates/admin/procedure.html"),
    ),
    (
        "admin/unit.html",
        include_str!("../templates/admin/unit.html"),
    ),
    (
        "admin/accounts.html",
        include_str!("../templates/admin/accounts.html"),
    ),
    (
        "admin/account_new.html",
        include_str!("../templates/admin/account_new.html"),
    ),
    (
        "admin/account.html",
        include_str!("../templates/admin/account.html"),
    ),
    (
        "admin/audit.html",
        include_str!("../templates/admin/audit.html"),
    ),
    (
        "admin/calendar.html",
        include_str!("../templates/admin/calendar.html"),
    ),
    (
        "admin/office_hours.html",
        include_str!("../templates/admin/office_hours.html"),
    ),
    (
        "onestop/catalogue.html",
        include_str!("../templates/onestop/catalogue.html"),
    ),
    (
        "onestop/procedure.html",
        include_str!("../templates/onestop/procedure.html"),
    ),
    (
        "onestop/start.html",
        include_str!("../templates/onestop/start.html"),
    ),
    (
        "onestop/documents.html",
        include_str!("../templates/onestop/documents.html"),
    ),
    (
        "onestop/review.html",
        include_str!("../templates/onestop/review.html"),
    ),
    (
        "onestop/dossier.html",
        include_str!("../templates/onestop/dossier.html"),
    ),
    (
        "onestop/mine.html",
        include_str!("../templates/onestop/mine.html"),
    ),
    (
        "onestop/rows.html",
        include_str!("../templates/onestop/rows.html"),
    ),
    (
        "onestop/inbox.html",
        include_str!("../templates/onestop/inbox.html"),
    ),
    (
        "onestop/intake.html",
        include_str!("../templates/onestop/intake.html"),
    ),
    (
        "onestop/lookup.html",
        include_str!("../templates/onestop/lookup.html"),
    ),
    (
        "feedback/form.html",
        include_str!("../templates/feedback/form.html"),
    ),
    (
        "feedback/sent.html",
        include_str!("../templates/feedback/sent.html"),
    ),
    (
        "feedback/follow.html",
        include_str!("../templates/feedback/follow.html"),
    ),
    (
        "feedback/answers.html",
        include_str!("../templates/feedback/answers.html"),
    ),
    (
        "feedback/inbox.html",
        include_str!("../templates/feedback/inbox.html"),
    ),
    (
        "feedback/item.html",
        include_str!("../templates/feedback/item.html"),
    ),
    (
        "portal/cards.html",
        include_str!("../templates/portal/cards.html"),
    ),
    (
        "portal/list.html",
        include_str!("../templates/portal/list.html"),
    ),
    (
        "portal/article.html",
        include_str!("../templates/portal/article.html"),
    ),
    (
        "portal/site.html",
        include_str!("../templates/portal/site.html"),
    ),
    (
        "portal/profile.html",
        include_str!("../templates/portal/profile.html"),
    ),
    (
        "portal/page.html",
        include_str!("../templates/portal/page.html"),
    ),
    (
        "portal/organisation.html",
        include_str!("../templates/portal/organisation.html"),
    ),
    (
        "portal/contacts.html",
        include_str!("../templates/portal/contacts.html"),
    ),
    (
        "portal/search.html",
        include_str!("../templates/portal/search.html"),
    ),
    (
        "portal/desk.html",
        include_str!("../templates/portal/desk.html"),
    ),
    (
        "portal/edit.html",
        include_str!("../templates/portal/edit.html"),
    ),
    (
        "portal/revisions.html",
        include_str!("../templates/portal/revisions.html"),
    ),
    (
        "portal/site_edit.html",
        include_str!("../templates/portal/site_edit.html"),
    ),
    (
        "portal/statistics.html",
        include_str!("../templates/portal/statistics.html"),
    ),
];

/// The embedded static assets: (name, content type, bytes).
const ASSETS: &[(&str, &str, &str)] = &[
    (
        "camlo.css",
        "text/css; charset=utf-8",
        include_str!("../static/camlo.css"),
    ),
    (
        "idle.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/idle.js"),
    ),
];

/// Any serialisable value as a template value.
pub fn ser<T: serde::Serialize>(value: T) -> Value {
    Value::from(minijinja::value::Serde(value))
}

/// The template environment and the theme folder.
pub struct Templates {
    env: Environment<'static>,
    theme: Option<PathBuf>,
}

fn safe_name(name: &str) -> bool {
    !name.contains("..") && !name.starts_with('/') && !name.contains('\\')
}

/// `t(key)` inside templates, in the page's language.
fn translate(state: &State, key: &str) -> String {
    let lang = state
        .lookup("lang")
        .and_then(|v| v.as_str().map(Lang::parse))
        .unwrap_or_default();
    t(lang, key).to_owned()
}

impl Templates {
    /// Loads the embedded theme with the given override folder.
    pub fn new(theme: Option<PathBuf>) -> Result<Self, AppError> {
        let mut env = Environment::new();
        let theme_for_loader = theme.clone();
        env.set_loader(move |name: &str| {
            if !safe_name(name) {
                return Ok(None);
            }
            if let Some(dir) = &theme_for_loader {
                let path = dir.join("templates").join(name);
                if let Ok(source) = std::fs::read_to_string(&path) {
                    return Ok(Some(source));
                }
            }
            Ok(TEMPLATES
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| (*s).to_owned()))
        });
        env.add_function("t", translate);
        let templates = Self { env, theme };
        // Parse every template once at start so a broken theme fails loudly, not per request.
        for (name, _) in TEMPLATES {
            templates
                .env
                .get_template(name)
                .map_err(|e| AppError::internal(format!("template {name}: {e}")))?;
        }
        Ok(templates)
    }

    /// Renders a template to HTML.
    pub fn render(&self, name: &str, ctx: Value) -> Result<Response, AppError> {
        let tpl = self
            .env
            .get_template(name)
            .map_err(|e| AppError::internal(format!("template {name}: {e}")))?;
        let html = tpl
            .render(ctx)
            .map_err(|e| AppError::internal(format!("render {name}: {e:#}")))?;
        Ok(Html(html).into_response())
    }

    /// A static asset, from the theme folder if it has one, else embedded.
    pub fn asset(&self, name: &str) -> Option<Response> {
        let (_, ctype, embedded) = ASSETS.iter().find(|(n, _, _)| *n == name)?;
        let body = self
            .theme
            .as_ref()
            .filter(|_| safe_name(name))
            .and_then(|dir| std::fs::read_to_string(dir.join("static").join(name)).ok())
            .unwrap_or_else(|| (*embedded).to_owned());
        let mut res = body.into_response();
        res.headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(ctype));
        res.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        );
        Some(res)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            let name = format!("{prefix}{}", p.file_name().unwrap().to_string_lossy());
            if p.is_dir() {
                files(&p, &format!("{name}/"), out);
            } else {
                out.push(name);
            }
        }
    }

    #[test]
    fn every_theme_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut on_disk = Vec::new();
        files(&root.join("templates"), "", &mut on_disk);
        on_disk.sort();
        let mut embedded: Vec<String> = TEMPLATES.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded, "templates/ and TEMPLATES differ");
        let mut assets = Vec::new();
        files(&root.join("static"), "", &mut assets);
        assets.sort();
        let mut listed: Vec<String> = ASSETS.iter().map(|(n, _, _)| (*n).to_owned()).collect();
        listed.sort();
        assert_eq!(assets, listed, "static/ and ASSETS differ");
    }
}
