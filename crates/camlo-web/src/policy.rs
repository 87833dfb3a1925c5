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

/// Which data a route touches, checked against the actor's grants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// No unit-scoped object in the path.
    None,
    /// The `{id}` path parameter is a unit: the actor's grant (with an allowed role) must be on
    /// that unit or one of its ancestors.
    UnitPath,
    /// The `{id}` path parameter is an account: every unit the account belongs to must be covered.
    AccountPath,
    /// The object in the path belongs to a feature, which registered a resolver of this name
    /// ([`crate::feature::Resolver`]): the resolver finds it and says whether the actor may touch
    /// it. The frame refuses to start when no feature registered the name.
    Resolver(&'static str),
}

impl Scope {
    /// The name printed in the policy table.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "-",
            Self::UnitPath => "unit",
            Self::AccountPath => "account",
            Self::Resolver(name) => name,
        }
    }
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
    /// the same cached bytes (see `cache::front_door`).
    pub anon_token: bool,
    /// Takes a file upload: the body may be up to [`crate::UPLOAD_LIMIT`] instead of the
    /// configured `limits.body_bytes` (each handler still enforces its own, smaller, cap per file).
    pub upload: bool,
}

/// A rule with the usual flags: counts as activity, needs TOTP set up, anonymous writes carry
/// the anonymous CSRF token, the general body limit.
pub const fn rule(access: Access, scope: Scope) -> Rule {
    Rule {
        access,
        scope,
        touch: true,
        before_totp: false,
        anon_token: true,
        upload: false,
    }
}

/// Anyone; not activity; allowed before TOTP is set up.
pub const PUBLIC: Rule = Rule {
    access: Access::Public,
    scope: Scope::None,
    touch: false,
    before_totp: true,
    anon_token: true,
    upload: false,
};

/// `r` for a route that takes a file upload.
pub const fn takes_upload(r: Rule) -> Rule {
    Rule { upload: true, ..r }
}

/// The language switch: same-origin check only, no anonymous token.
pub const LANG: Rule = Rule {
    anon_token: false,
    upload: false,
    ..PUBLIC
};

/// Any fully signed-in account.
pub const SIGNED_IN: Rule = Rule {
    access: Access::Authenticated,
    scope: Scope::None,
    touch: true,
    before_totp: true,
    anon_token: true,
    upload: false,
};

/// Any live session, also one waiting for its second factor; not activity.
pub const SESSION: Rule = Rule {
    access: Access::Session,
    scope: Scope::None,
    touch: false,
    before_totp: true,
    anon_token: true,
    upload: false,
};

/// Unit administrators (system administrators always pass).
pub const ADMINS: &[Role] = &[Role::UnitAdmin];
/// System administrators only.
pub const SYSADMIN: &[Role] = &[Role::SystemAdmin];

/// One row of the policy table: a route and its rule, with the feature that declared it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// HTTP method.
    pub method: Method,
    /// Route pattern as the router matches it.
    pub path: &'static str,
    /// The rule.
    pub rule: Rule,
    /// `frame` or the feature's name.
    pub feature: &'static str,
}

/// The assembled policy: every route's rule, looked up by the matched route.
#[derive(Debug, Default)]
pub struct Policy {
    by_path: std::collections::HashMap<&'static str, Vec<(Method, Rule)>>,
    entries: Vec<Entry>,
}

impl Policy {
    /// Builds the table; a route declared twice is an error.
    pub fn new(entries: Vec<Entry>) -> Result<Self, String> {
        let mut by_path: std::collections::HashMap<&'static str, Vec<(Method, Rule)>> =
            std::collections::HashMap::new();
        for e in &entries {
            let rules = by_path.entry(e.path).or_default();
            if rules.iter().any(|(m, _)| *m == e.method) {
                return Err(format!("route {} {} is declared twice", e.method, e.path));
            }
            rules.push((e.method.clone(), e.rule));
        }
        Ok(Self { by_path, entries })
    }

    /// The rule for a route, if it has one.
    pub fn lookup(&self, method: &Method, path: &str) -> Option<Rule> {
        self.by_path
            .get(path)?
            .iter()
            .find(|(m, _)| m == method)
            .map(|(_, r)| *r)
    }

    /// Every row, in the order the features declared them.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The table as Markdown (`camlo policy`, docs/POLICY.md).
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "# Policy\n\nEvery route camlo serves and who may call it, as `camlo policy` prints it \
             (generated; a test checks this file is current). Access: `public` anyone, `session` \
             any live session, `signed-in` a fully signed-in account, or the roles named \
             (system administrators always pass). Scope: the object in the path the actor's \
             grants must cover (`unit`, `account`, or a feature's resolver). Flags: `idle` does not \
             count as activity, `before-totp` allowed before TOTP is set up, `no-anon-token` an \
             anonymous write needs no CSRF token (same-origin check only), `upload` takes a file.\n\n\
             | feature | method | path | access | scope | flags |\n|---|---|---|---|---|---|\n",
        );
        for e in &self.entries {
            let access = match e.rule.access {
                Access::Public => "public".to_owned(),
                Access::Session => "session".to_owned(),
                Access::Authenticated => "signed-in".to_owned(),
                Access::Roles(roles) => roles
                    .iter()
                    .map(|r| r.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            let mut flags = Vec::new();
            if !e.rule.touch {
                flags.push("idle");
            }
            if e.rule.before_totp {
                flags.push("before-totp");
            }
            if !e.rule.anon_token {
                flags.push("no-anon-token");
            }
            if e.rule.upload {
                flags.push("upload");
            }
            out.push_str(&format!(
                "| {} | {} | `{}` | {} | {} | {} |\n",
                e.feature,
                e.method,
                e.path,
                access,
                e.rule.scope.name(),
                flags.join(" ")
            ));
        }
        out
    }
}
