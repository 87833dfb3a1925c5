//! Authorisation is decided here and only here: one entry per (method, route). The guard
//! middleware denies any route without an entry, and a test fails when one is missing.

use axum::http::Method;
use camlo_domain::accounts::Role;

/// Who may call a route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any live session, including one still waiting for its second factor.
    Session,
    /// A fully signed-in account.
    Authenticated,
    /// A signed-in account holding one of these roles (system administrators always pass).
    Roles(&'static [Role]),
}

/// Which unit's data a route touches, checked against the actor's grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No unit-scoped object in the path.
    None,
    /// The `{id}` path parameter is a unit: the actor's grant (with an allowed role) must be on
    /// that unit or one of its ancestors.
    UnitPath,
    /// The `{id}` path parameter is an account: every unit the account belongs to must be covered.
    AccountPath,
    /// The `{id}` path parameter is a dossier: the actor is its applicant, or an official whose
    /// grants cover the unit holding it or the office that received it.
    DossierPath,
    /// The `{code}` path parameter is a dossier code, with the same rule.
    DossierCode,
    /// The `{id}` path parameter is a feedback item: the actor's grants (with a feedback role)
    /// cover the unit it is routed to.
    FeedbackPath,
    /// The `{id}` path parameter is an article: the actor's editor or reviewer grant must cover
    /// its unit (a grant counts for the site of its unit and everything below it).
    ArticlePath,
    /// The `{id}` path parameter is a unit whose site pages are edited: the actor's grant (with an
    /// allowed role) counts for the site of its unit and everything below it.
    SitePath,
}

/// The rule for one route.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Who.
    pub access: Access,
    /// Which data.
    pub scope: Scope,
    /// Whether the request counts as activity (extends the idle limit). Status polling does not.
    pub touch: bool,
    /// Allowed for a system administrator who has not yet turned on TOTP (to set it up).
    pub before_totp: bool,
    /// A state-changing request without a session must carry the anonymous CSRF token. `false`
    /// only where the same-origin check is enough and nothing of value can be forged (the
    /// language switch): anonymous pages then hold no per-visitor token, so every visitor gets
    /// the same cached bytes (see `portal::runtime::front_door`).
    pub anon_token: bool,
    /// Takes a file upload: the body may be up to [`crate::UPLOAD_LIMIT`] instead of the
    /// configured `limits.body_bytes` (each handler still enforces its own, smaller, cap per file).
    pub upload: bool,
}

const fn rule(access: Access, scope: Scope) -> Rule {
    Rule {
        access,
        scope,
        touch: true,
        before_totp: false,
        anon_token: true,
        upload: false,
    }
}
const PUBLIC: Rule = Rule {
    access: Access::Public,
    scope: Scope::None,
    touch: false,
    before_totp: true,
    anon_token: true,
    upload: false,
};
/// `r` for a route that takes a file upload.
const fn upload(r: Rule) -> Rule {
    Rule { upload: true, ..r }
}
const LANG: Rule = Rule {
    anon_token: false,
    upload: false,
    ..PUBLIC
};
const SIGNED_IN: Rule = Rule {
    access: Access::Authenticated,
    scope: Scope::None,
    touch: true,
    before_totp: true,
    anon_token: true,
    upload: false,
};
const ADMINS: &[Role] = &[Role::UnitAdmin];
const HANDLERS: &[Role] = &[Role::OneStopOfficer, Role::Specialist, Role::UnitLeader];
const OFFICERS: &[Role] = &[Role::OneStopOfficer];
const DOSSIER: Rule = rule(Access::Authenticated, Scope::DossierPath);
const DOSSIER_CODE: Rule = rule(Access::Authenticated, Scope::DossierCode);
const SYSADMIN: &[Role] = &[Role::SystemAdmin];
const DOC_EDITORS: &[Role] = crate::documents::EDITORS;
const FEEDBACK: &[Role] = crate::feedback::service::HANDLER_ROLES;
const FEEDBACK_ITEM: Rule = rule(Access::Roles(FEEDBACK), Scope::FeedbackPath);
const EDITORIAL: &[Role] = &[Role::Editor, Role::Reviewer];
const EDITORS: Rule = rule(Access::Roles(EDITORIAL), Scope::None);
const ARTICLE: Rule = rule(Access::Roles(EDITORIAL), Scope::ArticlePath);
const SITE: Rule = rule(Access::Roles(&[Role::Reviewer]), Scope::SitePath);

/// The policy table.
pub const POLICY: &[(&str, &str, Rule)] = &[
    // Public pages and probes.
    ("GET", "/healthz", PUBLIC),
    ("GET", "/readyz", PUBLIC),
    ("GET", "/metrics", PUBLIC),
    ("GET", "/static/{file}", PUBLIC),
    ("GET", "/login", PUBLIC),
    ("POST", "/login", PUBLIC),
    ("GET", "/register", PUBLIC),
    ("POST", "/register", PUBLIC),
    ("POST", "/lang", LANG),
    ("GET", "/calendar", PUBLIC),
    // Sessions.
    (
        "GET",
        "/login/totp",
        Rule {
            access: Access::Session,
            scope: Scope::None,
            touch: false,
            before_totp: true,
            anon_token: true,
            upload: false,
        },
    ),
    (
        "POST",
        "/login/totp",
        Rule {
            access: Access::Session,
            scope: Scope::None,
            touch: false,
            before_totp: true,
            anon_token: true,
            upload: false,
        },
    ),
    (
        "POST",
        "/logout",
        Rule {
            access: Access::Session,
            scope: Scope::None,
            touch: false,
            before_totp: true,
            anon_token: true,
            upload: false,
        },
    ),
    (
        "GET",
        "/session/status",
        Rule {
            access: Access::Public,
            scope: Scope::None,
            touch: false,
            before_totp: true,
            anon_token: true,
            upload: false,
        },
    ),
    ("POST", "/session/extend", SIGNED_IN),
    // The account page.
    ("GET", "/account", SIGNED_IN),
    ("POST", "/account/password", SIGNED_IN),
    ("POST", "/account/sessions/{id}/revoke", SIGNED_IN),
    ("POST", "/account/totp/setup", SIGNED_IN),
    ("POST", "/account/totp/enable", SIGNED_IN),
    ("POST", "/account/totp/disable", SIGNED_IN),
    // Administration.
    ("GET", "/admin", rule(Access::Roles(ADMINS), Scope::None)),
    (
        "GET",
        "/admin/units",
        rule(Access::Roles(ADMINS), Scope::None),
    ),
    (
        "POST",
        "/admin/units",
        rule(Access::Roles(ADMINS), Scope::None),
    ),
    (
        "GET",
        "/admin/units/{id}",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
    ),
    (
        "POST",
        "/admin/units/{id}",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
    ),
    (
        "GET",
        "/admin/accounts",
        rule(Access::Roles(ADMINS), Scope::None),
    ),
    (
        "GET",
        "/admin/accounts/new",
        rule(Access::Roles(ADMINS), Scope::None),
    ),
    (
        "POST",
        "/admin/accounts",
        rule(Access::Roles(ADMINS), Scope::None),
    ),
    (
        "GET",
        "/admin/accounts/{id}",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "POST",
        "/admin/accounts/{id}/grants",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "POST",
        "/admin/accounts/{id}/grants/{grant}/revoke",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "POST",
        "/admin/accounts/{id}/disable",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "POST",
        "/admin/accounts/{id}/enable",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "GET",
        "/admin/audit",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "GET",
        "/admin/calendar/{year}",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "POST",
        "/admin/calendar/{year}",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    // One-stop shop.
    ("GET", "/thu-tuc", PUBLIC),
    ("GET", "/thu-tuc/{code}", PUBLIC),
    ("GET", "/tra-cuu", PUBLIC),
    ("GET", "/nop-ho-so/{code}", SIGNED_IN),
    ("POST", "/nop-ho-so/{code}", SIGNED_IN),
    ("GET", "/ho-so", SIGNED_IN),
    ("GET", "/ho-so/{id}", DOSSIER),
    ("GET", "/ho-so/{id}/tai-lieu", DOSSIER),
    ("POST", "/ho-so/{id}/tai-lieu", upload(DOSSIER)),
    ("GET", "/ho-so/{id}/kiem-tra", DOSSIER),
    ("POST", "/ho-so/{id}/thao-tac/{action}", DOSSIER),
    ("GET", "/ho-so/{id}/tep/{file}", DOSSIER),
    ("GET", "/ho-so/{id}/giay-hen.pdf", DOSSIER),
    ("GET", "/ho-so/{id}/phieu-bo-sung.pdf", DOSSIER),
    ("GET", "/ho-so/{id}/phieu-tu-choi.pdf", DOSSIER),
    (
        "GET",
        "/mot-cua",
        rule(Access::Roles(HANDLERS), Scope::None),
    ),
    (
        "GET",
        "/mot-cua/tiep-nhan",
        rule(Access::Roles(OFFICERS), Scope::None),
    ),
    (
        "POST",
        "/mot-cua/tiep-nhan",
        rule(Access::Roles(OFFICERS), Scope::None),
    ),
    // Leadership and legal documents: the editor checks the document's unit in the handler.
    ("GET", "/van-ban", PUBLIC),
    ("GET", "/van-ban/{id}", PUBLIC),
    ("GET", "/van-ban/{id}/tep/{file}", PUBLIC),
    ("POST", "/van-ban/{id}/gop-y", PUBLIC),
    (
        "GET",
        "/quan-tri/van-ban",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    (
        "POST",
        "/quan-tri/van-ban",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    (
        "GET",
        "/quan-tri/van-ban/{id}",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    (
        "POST",
        "/quan-tri/van-ban/{id}/tep",
        upload(rule(Access::Roles(DOC_EDITORS), Scope::None)),
    ),
    (
        "POST",
        "/quan-tri/van-ban/{id}/trang-thai",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    (
        "POST",
        "/quan-tri/van-ban/{id}/gop-y/{comment}",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    ("GET", "/api/v1/documents", PUBLIC),
    (
        "POST",
        "/api/v1/documents",
        rule(Access::Roles(DOC_EDITORS), Scope::None),
    ),
    ("GET", "/api/v1/documents/{id}", PUBLIC),
    ("GET", "/api/v1/procedures", PUBLIC),
    (
        "POST",
        "/api/v1/procedures/import",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    ("GET", "/api/v1/procedures/{code}/versions", PUBLIC),
    (
        "GET",
        "/admin/thu-tuc",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "POST",
        "/admin/thu-tuc/nhap",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "GET",
        "/admin/thu-tuc/xuat.csv",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "GET",
        "/admin/thu-tuc/{code}",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    (
        "POST",
        "/admin/thu-tuc/{code}",
        rule(Access::Roles(SYSADMIN), Scope::None),
    ),
    ("GET", "/api/v1/procedures/{code}", PUBLIC),
    ("POST", "/api/v1/dossiers", SIGNED_IN),
    ("GET", "/api/v1/dossiers", SIGNED_IN),
    ("GET", "/api/v1/dossiers/{code}", DOSSIER_CODE),
    (
        "POST",
        "/api/v1/dossiers/{code}/actions/{action}",
        DOSSIER_CODE,
    ),
    ("GET", "/api/v1/dossiers/{code}/receipt.pdf", DOSSIER_CODE),
    (
        "GET",
        "/api/v1/dossiers/{code}/supplement-request.pdf",
        DOSSIER_CODE,
    ),
    ("GET", "/api/v1/dossiers/{code}/refusal.pdf", DOSSIER_CODE),
    ("GET", "/api/v1/lookup/{code}", PUBLIC),
    // Feedback and questions.
    ("GET", "/phan-anh", PUBLIC),
    ("POST", "/phan-anh", PUBLIC),
    ("GET", "/phan-anh/{code}", PUBLIC),
    ("GET", "/hoi-dap", PUBLIC),
    (
        "GET",
        "/quan-tri/phan-anh",
        rule(Access::Roles(FEEDBACK), Scope::None),
    ),
    ("GET", "/quan-tri/phan-anh/{id}", FEEDBACK_ITEM),
    (
        "GET",
        "/api/v1/feedback-inbox",
        rule(Access::Roles(FEEDBACK), Scope::None),
    ),
    ("GET", "/api/v1/feedback-inbox/{id}", FEEDBACK_ITEM),
    (
        "POST",
        "/api/v1/feedback-inbox/{id}/actions/{action}",
        FEEDBACK_ITEM,
    ),
    (
        "POST",
        "/quan-tri/phan-anh/{id}/thao-tac/{action}",
        FEEDBACK_ITEM,
    ),
    ("POST", "/api/v1/feedback", PUBLIC),
    ("GET", "/api/v1/feedback", PUBLIC),
    ("GET", "/api/v1/feedback/{code}", PUBLIC),
    // Portal: public pages, feeds, search.
    ("GET", "/", PUBLIC),
    ("GET", "/tin-tuc", PUBLIC),
    ("GET", "/tin-tuc/{slug}", PUBLIC),
    ("GET", "/chuyen-muc/{slug}", PUBLIC),
    ("GET", "/the/{slug}", PUBLIC),
    ("GET", "/xa/{slug}", PUBLIC),
    ("GET", "/gioi-thieu", PUBLIC),
    ("GET", "/co-cau-to-chuc", PUBLIC),
    ("GET", "/lien-he", PUBLIC),
    ("GET", "/tim-kiem", PUBLIC),
    ("GET", "/anh/{sha}", PUBLIC),
    ("GET", "/rss", PUBLIC),
    ("GET", "/atom", PUBLIC),
    ("GET", "/rss/chuyen-muc/{slug}", PUBLIC),
    ("GET", "/atom/chuyen-muc/{slug}", PUBLIC),
    ("GET", "/rss/don-vi/{slug}", PUBLIC),
    ("GET", "/atom/don-vi/{slug}", PUBLIC),
    ("GET", "/sitemap.xml", PUBLIC),
    ("GET", "/robots.txt", PUBLIC),
    ("GET", "/api/v1/search", PUBLIC),
    ("GET", "/api/v1/articles", PUBLIC),
    // Portal: the editorial desk (editors write, reviewers publish; checked again per step).
    ("GET", "/bien-tap", EDITORS),
    ("GET", "/bien-tap/bai-viet/moi", EDITORS),
    ("POST", "/bien-tap/bai-viet", EDITORS),
    ("GET", "/bien-tap/bai-viet/{id}", ARTICLE),
    ("POST", "/bien-tap/bai-viet/{id}", ARTICLE),
    ("POST", "/bien-tap/bai-viet/{id}/anh", upload(ARTICLE)),
    // The editorial desk as JSON (portal/editorial.rs).
    ("GET", "/api/v1/editorial/articles", EDITORS),
    ("POST", "/api/v1/editorial/articles", EDITORS),
    ("GET", "/api/v1/editorial/articles/{id}", ARTICLE),
    ("PUT", "/api/v1/editorial/articles/{id}", ARTICLE),
    (
        "POST",
        "/api/v1/editorial/articles/{id}/actions/{action}",
        ARTICLE,
    ),
    (
        "POST",
        "/api/v1/editorial/articles/{id}/pictures",
        upload(ARTICLE),
    ),
    ("POST", "/bien-tap/bai-viet/{id}/thao-tac/{action}", ARTICLE),
    ("GET", "/bien-tap/bai-viet/{id}/phien-ban", ARTICLE),
    ("GET", "/bien-tap/thong-ke", EDITORS),
    // Portal: a site's introduction and contacts (reviewers: they go live on saving).
    ("GET", "/bien-tap/don-vi/{id}", SITE),
    ("POST", "/bien-tap/don-vi/{id}/gioi-thieu", SITE),
    ("POST", "/bien-tap/don-vi/{id}/lien-he", SITE),
    // JSON API.
    ("GET", "/api/v1/openapi.json", PUBLIC),
    ("POST", "/api/v1/session", PUBLIC),
    (
        "DELETE",
        "/api/v1/session",
        Rule {
            access: Access::Session,
            scope: Scope::None,
            touch: false,
            before_totp: true,
            anon_token: true,
            upload: false,
        },
    ),
    ("GET", "/api/v1/me", SIGNED_IN),
    ("GET", "/api/v1/units", PUBLIC),
    ("GET", "/api/v1/units/{id}", PUBLIC),
    (
        "GET",
        "/api/v1/accounts/{id}",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
    ),
    (
        "GET",
        "/api/v1/admin/units/{id}/accounts",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
    ),
    ("GET", "/api/v1/calendar/lunar", PUBLIC),
    ("GET", "/api/v1/calendar/solar", PUBLIC),
    ("GET", "/api/v1/calendar/holidays", PUBLIC),
    ("GET", "/api/v1/calendar/deadline", PUBLIC),
    ("GET", "/api/v1/units/{id}/office-hours", PUBLIC),
    (
        "GET",
        "/admin/units/{id}/office-hours",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
    ),
    (
        "POST",
        "/admin/units/{id}/office-hours",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
    ),
];

/// The rule for a route, if it has one.
pub fn lookup(method: &Method, path: &str) -> Option<Rule> {
    POLICY
        .iter()
        .find(|(m, p, _)| *m == method.as_str() && *p == path)
        .map(|(_, _, r)| *r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_a_policy_and_every_policy_a_route() {
        let routes = crate::route_list();
        for (method, path) in &routes {
            assert!(
                lookup(method, path).is_some(),
                "route {method} {path} has no policy entry"
            );
        }
        for (m, p, _) in POLICY {
            assert!(
                routes.iter().any(|(rm, rp)| rm.as_str() == *m && rp == p),
                "policy entry {m} {p} names no route"
            );
        }
    }
}
