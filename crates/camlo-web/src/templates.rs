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

/// The template environment, the embedded assets and the theme folder.
pub struct Templates {
    env: Environment<'static>,
    assets: Vec<(&'static str, &'static str, &'static str)>,
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
    /// Loads the embedded theme (the frame's templates and every feature's) with the given
    /// override folder.
    pub fn new(
        theme: Option<PathBuf>,
        features: &[&'static crate::feature::Feature],
    ) -> Result<Self, AppError> {
        let mut all: Vec<(&'static str, &'static str)> = TEMPLATES.to_vec();
        let mut assets = ASSETS.to_vec();
        for f in features {
            all.extend_from_slice(f.templates);
            assets.extend_from_slice(f.assets);
        }
        let names: Vec<&'static str> = all.iter().map(|(n, _)| *n).collect();
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
            Ok(all
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| (*s).to_owned()))
        });
        env.add_function("t", translate);
        let templates = Self { env, assets, theme };
        // Parse every template once at start so a broken theme fails loudly, not per request.
        for name in names {
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
        let (_, ctype, embedded) = self.assets.iter().find(|(n, _, _)| *n == name)?;
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

/// Compares a crate's `templates/` folder with its embedded list (each crate's test calls this,
/// so a template file cannot be forgotten). `Err` names the difference.
pub fn check_embedded(root: &std::path::Path, listed: &[(&str, &str)]) -> Result<(), String> {
    fn files(dir: &std::path::Path, prefix: &str, out: &mut Vec<String>) -> std::io::Result<()> {
        for e in std::fs::read_dir(dir)? {
            let p = e?.path();
            let name = format!(
                "{prefix}{}",
                p.file_name().unwrap_or_default().to_string_lossy()
            );
            if p.is_dir() {
                files(&p, &format!("{name}/"), out)?;
            } else {
                out.push(name);
            }
        }
        Ok(())
    }
    let mut on_disk = Vec::new();
    files(&root.join("templates"), "", &mut on_disk).map_err(|e| e.to_string())?;
    on_disk.sort();
    let mut embedded: Vec<String> = listed.iter().map(|(n, _)| (*n).to_owned()).collect();
    embedded.sort();
    if on_disk == embedded {
        Ok(())
    } else {
        Err(format!(
            "templates/ {on_disk:?} and the list {embedded:?} differ"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_theme_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        check_embedded(root, TEMPLATES).unwrap();
        let mut assets: Vec<String> = std::fs::read_dir(root.join("static"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assets.sort();
        let mut listed: Vec<String> = ASSETS.iter().map(|(n, _, _)| (*n).to_owned()).collect();
        listed.sort();
        assert_eq!(assets, listed, "static/ and ASSETS differ");
    }
}
