//! `spawn_app()`: the real server on 127.0.0.1 with a fresh database and a fake clock.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use camlo_domain::accounts::{AccountId, Audience, Role, password, totp};
use camlo_domain::units::{NewUnit, UnitId, UnitKind};
use camlo_store::{Store, accounts, demo, units};
use camlo_web::WebConfig;
use camlo_web::server::Limits;
use chrono::NaiveDate;

use crate::http::Client;
use crate::{FakeClock, TestDb};

/// The password of every fixture account.
pub const PASSWORD: &str = "fixture-password-1";
/// The TOTP secret of the fixture's system administrator.
pub const ADMIN_TOTP: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
/// The TOTP secret of the fixture's unit administrators and leaders (every role that must sign
/// in with a second factor by default is enrolled, as in a real deployment).
pub const OFFICIAL_TOTP: &str = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";

/// The fixture's TOTP secret for an account, when it has one.
pub fn fixture_totp(username: &str) -> Option<&'static str> {
    match username {
        "sysadmin" => Some(ADMIN_TOTP),
        "district.admin" | "admin.a" | "admin.b" | "leader.a" => Some(OFFICIAL_TOTP),
        _ => None,
    }
}

/// What data a test starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seed {
    /// Nothing but the schema.
    Empty,
    /// A district with two communes, A and B, and accounts in each (see [`Fixture`]).
    Fixture,
    /// The full Cam Lộ demo data.
    Demo,
}

/// Ids in the two-commune fixture.
#[derive(Debug, Clone, Default)]
pub struct Fixture {
    /// The district.
    pub district: Option<UnitId>,
    /// Commune A and B.
    pub commune_a: Option<UnitId>,
    /// Commune B.
    pub commune_b: Option<UnitId>,
    /// Commune A's one-stop office.
    pub office_a: Option<UnitId>,
    /// Commune B's one-stop office.
    pub office_b: Option<UnitId>,
    /// (username, id) of each fixture account.
    pub accounts: Vec<(String, AccountId)>,
}

impl Fixture {
    /// The id of a fixture account.
    pub fn id(&self, username: &str) -> AccountId {
        self.accounts
            .iter()
            .find(|(u, _)| u == username)
            .map(|(_, id)| *id)
            .unwrap()
    }
}

/// A running server.
pub struct TestApp {
    /// Address.
    pub addr: SocketAddr,
    /// `http://addr`.
    pub url: String,
    /// The database.
    pub store: Store,
    /// The clock the server reads.
    pub clock: FakeClock,
    /// Fixture ids.
    pub fixture: Fixture,
    /// Demo accounts when seeded with the demo.
    pub demo_accounts: Vec<demo::DemoAccount>,
    /// Keeps the database alive.
    pub db: TestDb,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
    }
}

/// Options for [`spawn_app_with`].
#[derive(Debug, Clone)]
pub struct AppOptions {
    /// Data to start with.
    pub seed: Seed,
    /// Web settings.
    pub web: WebConfig,
    /// Listener limits.
    pub limits: Limits,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            seed: Seed::Fixture,
            web: WebConfig {
                secure_cookies: false,
                site_name: "Huyện Thử nghiệm".into(),
                home_unit: Some("huyen-thu-nghiem".into()),
                ..WebConfig::default()
            },
            limits: Limits {
                max_connections: 64,
                header_timeout: Duration::from_secs(10),
            },
        }
    }
}

/// Starts the fixture server.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

/// The features the application runs, as the binary assembles them.
pub const FEATURES: &[&camlo_web::feature::Feature] =
    &[&camlo_onestop::FEATURE, &camlo_portal::FEATURE];

/// Starts a server with options.
pub async fn spawn_app_with(opts: AppOptions) -> TestApp {
    if let Ok(filter) = std::env::var("CAMLO_TEST_LOG") {
        // Server logs in test output when asked: CAMLO_TEST_LOG=camlo_web=debug cargo test …
        let _ = tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .with_test_writer()
            .try_init();
    }
    let db = TestDb::new().await;
    let store = db.open().await;
    let clock = FakeClock::new();
    let mut fixture = Fixture::default();
    let mut demo_accounts = Vec::new();
    match opts.seed {
        Seed::Empty => {}
        Seed::Fixture => fixture = load_fixture(&store).await,
        Seed::Demo => {
            use camlo_domain::Clock;
            demo_accounts = demo::load(
                &store,
                clock.now(),
                &camlo_domain::accounts::SECOND_FACTOR_ROLES,
            )
            .await
            .unwrap();
            demo::load_procedures(&store, clock.now()).await.unwrap();
        }
    }
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let mut web = opts.web;
    web.data_dir = db.dir.path().to_path_buf();
    // As `camlo demo` does: the listen address is the public one unless the test names another.
    web.public_url
        .get_or_insert_with(|| format!("http://{addr}"));
    let state = camlo_web::AppState::new(store.clone(), Arc::new(clock.clone()), web, FEATURES)
        .await
        .unwrap();
    if opts.seed == Seed::Demo {
        for f in FEATURES {
            if let Some(demo) = f.demo {
                demo(&state).await.unwrap();
            }
        }
    }
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let app = camlo_web::app(state);
    tokio::spawn(camlo_web::server::serve(
        listener,
        app,
        opts.limits,
        async move {
            let _ = rx.await;
        },
    ));
    TestApp {
        addr,
        url: format!("http://{addr}"),
        store,
        clock,
        fixture,
        demo_accounts,
        db,
        stop: Some(tx),
    }
}

async fn load_fixture(store: &Store) -> Fixture {
    let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    let mut tx = store.begin().await.unwrap();
    let district = units::insert(
        &mut tx,
        &NewUnit::parse(
            "468",
            "Huyện Thử nghiệm",
            UnitKind::District,
            None,
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    let a = units::insert(
        &mut tx,
        &NewUnit::parse(
            "19612",
            "Xã Cam Thành",
            UnitKind::Commune,
            Some(district),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    let b = units::insert(
        &mut tx,
        &NewUnit::parse(
            "19600",
            "Xã Cam Tuyền",
            UnitKind::Commune,
            Some(district),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    // As in the real tree: the office belongs to the commune's People's Committee, which
    // decides (competence routing looks for it).
    let ubnd_a = units::insert(
        &mut tx,
        &NewUnit::parse(
            "000.21.08.H50",
            "Ủy ban nhân dân xã Cam Thành",
            UnitKind::PeopleCommittee,
            Some(a),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    let office_a = units::insert(
        &mut tx,
        &NewUnit::parse(
            "001.21.08.H50",
            "Bộ phận một cửa xã Cam Thành",
            UnitKind::OneStopOffice,
            Some(ubnd_a),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    // As in the real tree: the office belongs to the commune's People's Committee, which
    // decides (competence routing looks for it).
    let ubnd_b = units::insert(
        &mut tx,
        &NewUnit::parse(
            "000.22.08.H50",
            "Ủy ban nhân dân xã Cam Tuyền",
            UnitKind::PeopleCommittee,
            Some(b),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    let office_b = units::insert(
        &mut tx,
        &NewUnit::parse(
            "001.22.08.H50",
            "Bộ phận một cửa xã Cam Tuyền",
            UnitKind::OneStopOffice,
            Some(ubnd_b),
            d(1991, 10, 19),
            None,
        )
        .unwrap(),
        0,
    )
    .await
    .unwrap();
    for p in demo::demo_procedures().unwrap() {
        camlo_store::procedures::insert_version(&mut tx, &p, 0)
            .await
            .unwrap();
    }
    let hash = password::hash(PASSWORD).unwrap();
    let people: [(&str, Role, Option<UnitId>); 15] = [
        ("sysadmin", Role::SystemAdmin, Some(district)),
        ("district.admin", Role::UnitAdmin, Some(district)),
        ("admin.a", Role::UnitAdmin, Some(a)),
        ("admin.b", Role::UnitAdmin, Some(b)),
        ("officer.a", Role::OneStopOfficer, Some(a)),
        ("officer.b", Role::OneStopOfficer, Some(b)),
        ("leader.a", Role::UnitLeader, Some(a)),
        ("specialist.a", Role::Specialist, Some(a)),
        ("specialist.b", Role::Specialist, Some(b)),
        ("citizen", Role::Citizen, None),
        ("editor", Role::Editor, Some(district)),
        ("reviewer", Role::Reviewer, Some(district)),
        ("editor.a", Role::Editor, Some(a)),
        ("editor.b", Role::Editor, Some(b)),
        ("reviewer.a", Role::Reviewer, Some(a)),
    ];
    let mut fixture = Fixture {
        district: Some(district),
        commune_a: Some(a),
        commune_b: Some(b),
        office_a: Some(office_a),
        office_b: Some(office_b),
        accounts: Vec::new(),
    };
    for (name, role, unit) in people {
        let id = accounts::insert(
            &mut tx,
            &accounts::NewAccount {
                username: name.into(),
                display_name: format!("Người dùng {name}"),
                audience: if role == Role::Citizen {
                    Audience::Citizen
                } else {
                    Audience::Official
                },
                password_hash: hash.clone(),
                email: None,
                phone: None,
                cccd: None,
                position: None,
                language: "vi".into(),
            },
            0,
        )
        .await
        .unwrap();
        accounts::grant(&mut tx, id, role, unit, None, 0)
            .await
            .unwrap();
        if let Some(secret) = fixture_totp(name) {
            accounts::set_totp(&mut tx, id, Some(secret), Some(0))
                .await
                .unwrap();
        }
        fixture.accounts.push((name.to_owned(), id));
    }
    tx.commit().await.unwrap();
    fixture
}

impl TestApp {
    /// A fresh client for this server.
    pub fn client(&self) -> Client {
        Client::new(&self.url)
    }

    /// A client signed in through the API (Bearer token), with a TOTP code when needed.
    pub async fn api_client(&self, username: &str) -> Client {
        let c = self.client();
        let token = self.api_login(&c, username, PASSWORD).await;
        c.clear_cookies();
        c.set_bearer(Some(token));
        c
    }

    /// A client signed in through the API as one of the demo accounts (with [`Seed::Demo`]).
    pub async fn demo_client(&self, username: &str) -> Client {
        let password = self
            .demo_accounts
            .iter()
            .find(|a| a.username == username)
            .map(|a| a.password.clone())
            .unwrap_or_else(|| panic!("no demo account {username}"));
        let c = self.client();
        let token = self.api_login(&c, username, &password).await;
        c.clear_cookies();
        c.set_bearer(Some(token));
        c
    }

    /// The TOTP secret of a fixture or demo account, when it has one.
    pub fn totp_secret(&self, username: &str) -> Option<String> {
        fixture_totp(username).map(str::to_owned).or_else(|| {
            self.demo_accounts
                .iter()
                .find(|a| a.username == username)
                .and_then(|a| a.totp.clone())
        })
    }

    /// A TOTP code the server accepts now for the account: the earliest step inside the allowed
    /// skew that it has not used yet (a code is never accepted twice); when all three are used,
    /// the fake clock moves on one step.
    pub async fn totp_code(&self, username: &str) -> Option<String> {
        use camlo_domain::Clock;
        let secret = self.totp_secret(username)?;
        loop {
            let last = accounts::credentials(&self.store, username)
                .await
                .unwrap()
                .and_then(|c| c.totp_last_step);
            let step = self.clock.now().timestamp() / 30;
            if let Some(s) = (step - 1..=step + 1).find(|s| last.is_none_or(|l| *s > l)) {
                return totp::current_code(&secret, s * 30);
            }
            self.clock.advance(chrono::Duration::seconds(30));
        }
    }

    /// Signs in through the API and returns the token (with a TOTP code when the account has a
    /// second factor).
    pub async fn api_login(&self, c: &Client, username: &str, password_text: &str) -> String {
        let mut body = serde_json::json!({ "username": username, "password": password_text });
        if let Some(code) = self.totp_code(username).await {
            body["totp"] = serde_json::Value::from(code);
        }
        let res = c.post_json("/api/v1/session", &body).await;
        assert_eq!(res.status, 200, "login {username}: {}", res.text);
        res.json()["token"].as_str().unwrap().to_owned()
    }

    /// A client signed in through the login form (cookies, CSRF token kept), through the
    /// second-factor page when the account has one.
    pub async fn browser(&self, username: &str) -> Client {
        let c = self.client();
        let page = c.get("/login").await;
        let csrf = page.csrf().unwrap();
        let res = c
            .post_form(
                "/login",
                &[
                    ("_csrf", &csrf),
                    ("username", username),
                    ("password", PASSWORD),
                ],
            )
            .await;
        assert_eq!(res.status, 303, "form login {username}: {}", res.text);
        if res.location().is_some_and(|l| l.starts_with("/login/totp")) {
            let page = c.get("/login/totp").await;
            let code = self.totp_code(username).await.unwrap();
            let done = c
                .post_form(
                    "/login/totp",
                    &[("_csrf", &page.csrf().unwrap()), ("code", &code)],
                )
                .await;
            assert_eq!(done.status, 303, "second factor {username}: {}", done.text);
        }
        c
    }
}
