//! The `camlo` binary as an operator uses it: demo, serve, migrate, check-config, create-admin,
//! backup, restore, audit verify and the calendar commands.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output, Stdio};

use camlo_testkit::http::Client;

fn camlo() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_camlo"));
    // Commands given no --data use ./camlo-data (migrate creates the audit key there): never
    // the source tree.
    let cwd = std::env::temp_dir().join(format!("camlo-cli-{}", std::process::id()));
    std::fs::create_dir_all(&cwd).unwrap();
    c.current_dir(cwd)
        .env_remove("CAMLO_TEST_DATABASE_URL")
        .env("CAMLO_LOG", "warn");
    c
}

fn run(args: &[&str]) -> Output {
    camlo().args(args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn start(args: &[&str], envs: &[(&str, &str)]) -> (camlo_testkit::process::Server, Vec<String>) {
    let s = camlo_testkit::process::start(env!("CARGO_BIN_EXE_camlo"), args, envs);
    let banner = s.banner.clone();
    (s, banner)
}

#[test]
fn calendar_commands_print_the_documented_formats() {
    let cases: &[(&[&str], &str)] = &[
        (&["calendar", "to-lunar", "2026-02-17"], "1/1/2026"),
        (&["calendar", "to-lunar", "2025-07-25"], "1/6/2025 nhuận"),
        (&["calendar", "to-lunar", "1985-01-21"], "1/1/1985"),
        (
            &["calendar", "to-solar", "2025", "6", "1", "--leap"],
            "2025-07-25",
        ),
        (&["calendar", "to-solar", "2026", "3", "10"], "2026-04-26"),
        (
            &[
                "calendar",
                "deadline",
                "--received",
                "2026-02-13 10:00",
                "--working-days",
                "3",
            ],
            "2026-02-25 17:00",
        ),
    ];
    for (args, expect) in cases {
        let o = run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert_eq!(stdout(&o).trim(), *expect, "{args:?}");
    }
    let o = run(&["calendar", "holidays", "2026"]);
    let text = stdout(&o);
    assert!(
        text.lines().any(|l| l.starts_with("2026-04-27\t")),
        "{text}"
    );
    assert!(
        text.lines()
            .all(|l| l.len() > 11 && l.as_bytes()[10] == b'\t')
    );
    let bad = run(&["calendar", "to-solar", "2026", "2", "1", "--leap"]);
    assert!(!bad.status.success());
    assert!(stderr(&bad).contains("CAL-0004"));
}

#[tokio::test]
async fn cli_json_and_api_give_the_same_answers() {
    let app = camlo_testkit::spawn_app().await;
    let c = app.client();
    let pairs: &[(&[&str], &str)] = &[
        (
            &["calendar", "--json", "to-lunar", "2025-07-25"],
            "/api/v1/calendar/lunar?date=2025-07-25",
        ),
        (
            &["calendar", "--json", "to-solar", "2025", "6", "1", "--leap"],
            "/api/v1/calendar/solar?year=2025&month=6&day=1&leap=true",
        ),
        (
            &["calendar", "--json", "holidays", "2026"],
            "/api/v1/calendar/holidays?year=2026",
        ),
        (
            &[
                "calendar",
                "--json",
                "deadline",
                "--received",
                "2026-04-24 09:00",
                "--working-days",
                "5",
            ],
            "/api/v1/calendar/deadline?received=2026-04-24%2009:00&working_days=5",
        ),
    ];
    for (args, path) in pairs {
        let cli: serde_json::Value = serde_json::from_str(&stdout(&run(args))).unwrap();
        let api = c.get(path).await.json();
        assert_eq!(cli, api, "{args:?} vs {path}");
    }
}

#[test]
fn check_config_layers_file_env_and_flags_and_masks_secrets() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("camlo.toml");
    std::fs::write(&file, "database = \"postgres://camlo:s3cret@db/camlo\"\nlisten = \"0.0.0.0:9000\"\nsite_name = \"Xã Cam Thành\"\n[sessions]\nofficial_idle_secs = 600\n").unwrap();
    let cfg = file.to_str().unwrap();
    let o = camlo()
        .args(["--config", cfg, "check-config"])
        .env("CAMLO_LISTEN", "127.0.0.1:9100")
        .env("CAMLO_SESSIONS__CITIZEN_IDLE_SECS", "900")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(
        text.contains("postgres://camlo:***@db/camlo") && !text.contains("s3cret"),
        "{text}"
    );
    assert!(
        text.contains("listen = \"127.0.0.1:9100\""),
        "environment beats the file: {text}"
    );
    assert!(text.contains("official_idle_secs = 600") && text.contains("citizen_idle_secs = 900"));
    assert!(text.contains("site_name = \"Xã Cam Thành\""));
    let o = camlo()
        .args([
            "--config",
            cfg,
            "check-config",
            "--listen",
            "127.0.0.1:9200",
        ])
        .env("CAMLO_LISTEN", "127.0.0.1:9100")
        .output()
        .unwrap();
    assert!(
        stdout(&o).contains("listen = \"127.0.0.1:9200\""),
        "flags beat the environment"
    );

    std::fs::write(&file, "databse = \"sqlite://x.db\"\n").unwrap();
    let o = camlo()
        .args(["--config", cfg, "check-config"])
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("databse"),
        "unknown keys are named: {}",
        stderr(&o)
    );
    let o = camlo()
        .args(["check-config"])
        .env("CAMLO_LISTNE", "x")
        .output()
        .unwrap();
    assert!(!o.status.success(), "unknown environment keys are refused");
}

#[test]
fn serve_refuses_a_missing_sqlite_file_and_never_creates_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("typo.db");
    let url = format!("sqlite://{}", db.display());
    let o = run(&["serve", "--database", &url, "--listen", "127.0.0.1:0"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("public_url is required"),
        "{}",
        stderr(&o)
    );
    let public = ("CAMLO_PUBLIC_URL", "http://127.0.0.1:8080");
    let o = camlo()
        .args(["serve", "--database", &url, "--listen", "127.0.0.1:0"])
        .env(public.0, public.1)
        .output()
        .unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!db.exists());
    let o = run(&["migrate", "--database", &url, "--create"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let (server, _) = start(
        &["serve", "--database", &url, "--listen", "127.0.0.1:0"],
        &[public],
    );
    drop(server);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = camlo_store::Store::open(&url, &camlo_store::OpenOptions::default())
            .await
            .unwrap();
        assert!(
            camlo_store::accounts::list(&store)
                .await
                .unwrap()
                .is_empty()
        );
    });
}

#[test]
fn create_admin_then_audit_verify_then_tamper() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("c.db").display());
    assert!(
        run(&["migrate", "--database", &url, "--create"])
            .status
            .success()
    );
    let weak = run(&[
        "create-admin",
        "--database",
        &url,
        "--username",
        "root",
        "--name",
        "Quản trị",
        "--password",
        "12345678",
        "--unit",
        "",
    ]);
    assert!(!weak.status.success() && stderr(&weak).contains("ACC-0004"));
    let o = run(&[
        "create-admin",
        "--database",
        &url,
        "--username",
        "quantri",
        "--name",
        "Quản trị viên",
        "--password",
        "đồng lúa Cam Lộ xanh",
        "--unit",
        "",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Interactive: values come from the prompts.
    let mut child = camlo()
        .args(["create-admin", "--database", &url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let stdin = child.stdin.as_mut().unwrap();
        stdin
            .write_all("quantri2\nNgười thứ hai\nsông Hiếu chảy qua\n\n".as_bytes())
            .unwrap();
    }
    assert!(child.wait_with_output().unwrap().status.success());
    let ok = run(&["audit", "verify", "--database", &url]);
    assert!(ok.status.success());
    assert!(stdout(&ok).contains("intact: 2 records"), "{}", stdout(&ok));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let store = camlo_store::Store::open(&url, &camlo_store::OpenOptions::default())
            .await
            .unwrap();
        camlo_store::admin_execute(
            &store,
            "UPDATE audit_log SET actor = 'someone else' WHERE seq = 1",
        )
        .await
        .unwrap();
        store.close().await;
    });
    let bad = run(&["audit", "verify", "--database", &url]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stdout(&bad).contains("record 1"), "{}", stdout(&bad));
}

fn create_admin(db: &[&str], username: &str) {
    let mut args = vec!["create-admin"];
    args.extend_from_slice(db);
    args.extend_from_slice(&[
        "--username",
        username,
        "--name",
        "Quản trị viên",
        "--password",
        "đồng lúa Cam Lộ xanh",
        "--unit",
        "",
    ]);
    let o = run(&args);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn commands_find_the_database_in_the_data_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("camlo-data");
    let data_s = data.to_str().unwrap();
    let o = run(&["audit", "verify", "--data", data_s]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains(data_s), "{}", stderr(&o));
    let o = run(&["migrate", "--data", data_s, "--create"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(data.join("camlo.db").exists() && data.join("audit-signing.key").exists());
    create_admin(&["--data", data_s], "quantri");
    let o = run(&["audit", "verify", "--data", data_s]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("intact: 1 records"), "{}", stdout(&o));
    let dest = dir.path().join("backup");
    let o = run(&["backup", dest.to_str().unwrap(), "--data", data_s]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[tokio::test]
async fn signed_checkpoints_catch_a_restored_truncated_backup_and_a_forged_checkpoint() {
    let db = camlo_testkit::TestDb::new().await;
    let data = db.dir.path().join("data");
    let data_s = data.to_str().unwrap().to_owned();
    let with = ["--database", db.url.as_str(), "--data", data_s.as_str()];
    let o = run(&["migrate", "--create", with[0], with[1], with[2], with[3]]);
    assert!(o.status.success(), "{}", stderr(&o));
    create_admin(&with, "quantri");
    let verify = |extra: &[(&str, &str)]| {
        let mut c = camlo();
        c.args(["audit", "verify"]).args(with);
        for (k, v) in extra {
            c.env(k, v);
        }
        c.output().unwrap()
    };
    let o = verify(&[]);
    assert!(
        stdout(&o).contains("no signed checkpoints"),
        "{}",
        stdout(&o)
    );
    let mut checkpoint_args = vec!["audit", "checkpoint"];
    checkpoint_args.extend_from_slice(&with);
    let o = run(&checkpoint_args);
    assert!(
        stdout(&o).contains("record 1"),
        "{}{}",
        stdout(&o),
        stderr(&o)
    );
    // A backup now holds one record; two more records and a checkpoint follow.
    let dest = db.dir.path().join("backup");
    let mut backup_args = vec!["backup", dest.to_str().unwrap()];
    backup_args.extend_from_slice(&with);
    let o = run(&backup_args);
    assert!(o.status.success(), "{}", stderr(&o));
    create_admin(&with, "quantri2");
    create_admin(&with, "quantri3");
    let o = run(&checkpoint_args);
    assert!(stdout(&o).contains("record 3"), "{}", stdout(&o));
    let o = verify(&[]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("2 signed checkpoints hold (the last at record 3)"),
        "{}",
        stdout(&o)
    );
    // The old backup restored: its chain is whole, but the checkpoints know of record 3.
    let restored = db.dir.path().join("restored");
    let o = run(&[
        "restore",
        dest.to_str().unwrap(),
        "--data",
        restored.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let key = data.join("audit-signing.key");
    let cps = data.join("audit-checkpoints");
    let o = camlo()
        .args(["audit", "verify", "--data", restored.to_str().unwrap()])
        .env("CAMLO_AUDIT_KEY", key.to_str().unwrap())
        .env("CAMLO_AUDIT_CHECKPOINTS", cps.to_str().unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("AUD-0006") && stdout(&o).contains("record 3"),
        "{}",
        stdout(&o)
    );
    // Only the public key is needed to verify.
    let public = data.join("audit-signing.pub");
    let o = camlo()
        .args(["audit", "verify", "--data", restored.to_str().unwrap()])
        .env("CAMLO_AUDIT_KEY", public.to_str().unwrap())
        .env("CAMLO_AUDIT_CHECKPOINTS", cps.to_str().unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    // A checkpoint not signed by the key is itself a finding.
    let mut forged: serde_json::Value =
        serde_json::from_slice(&std::fs::read(cps.join("checkpoint-000000000003.json")).unwrap())
            .unwrap();
    forged["seq"] = serde_json::json!(2);
    std::fs::write(
        cps.join("checkpoint-000000000002.json"),
        serde_json::to_vec(&forged).unwrap(),
    )
    .unwrap();
    let o = verify(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("AUD-0008"), "{}", stdout(&o));
}

fn assert_demo_home(url: &str) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = Client::new(url);
        let home = c.get("/").await;
        assert_eq!(home.status, 200);
        assert!(home.text.contains("<html lang=\"vi\">") && home.text.contains("Huyện Cam Lộ"));
    });
}

#[test]
fn demo_creates_data_lists_accounts_and_keeps_data_on_restart() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("camlo-data");
    let data_s = data.to_str().unwrap();
    let (server, lines) = start(&["demo", "--data", data_s, "--listen", "127.0.0.1:0"], &[]);
    let printed = lines.join("\n");
    assert!(
        printed.contains("username")
            && printed.contains("password")
            && printed.contains("role")
            && printed.contains("unit")
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    assert!(list.len() >= 8);
    for a in &list {
        let keys: Vec<&String> = a.as_object().unwrap().keys().collect();
        // The officials who grant roles or decide dossiers come with their TOTP secret.
        let second =
            ["system_admin", "unit_admin", "unit_leader"].contains(&a["role"].as_str().unwrap());
        assert_eq!(keys.len(), if second { 5 } else { 4 }, "{a}");
        assert!(
            printed.contains(a["username"].as_str().unwrap())
                && printed.contains(a["password"].as_str().unwrap())
                && a["totp"].as_str().is_none_or(|t| printed.contains(t))
        );
    }
    // The key that client addresses are hashed with lives in the data folder, not the database.
    let key = std::fs::read_to_string(data.join("client-key")).unwrap();
    assert_eq!(key.trim().len(), 64);
    assert_demo_home(&server.url);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let url = server.url.clone();
    rt.block_on(async {
        for a in &list {
            let c = Client::new(&url);
            let mut body =
                serde_json::json!({ "username": a["username"], "password": a["password"] });
            if let Some(secret) = a["totp"].as_str() {
                // The demo server runs on the real clock.
                #[allow(clippy::disallowed_methods)]
                let now = chrono::Utc::now().timestamp();
                body["totp"] = camlo_domain::accounts::totp::current_code(secret, now)
                    .unwrap()
                    .into();
            }
            let res = c.post_json("/api/v1/session", &body).await;
            assert_eq!(res.status, 200, "{}: {}", a["username"], res.text);
        }
    });
    drop(server);
    let before = std::fs::read(data.join("demo-accounts.json")).unwrap();
    let (server, lines) = start(&["demo", "--data", data_s, "--listen", "127.0.0.1:0"], &[]);
    assert!(lines.join("\n").contains("admin"));
    assert_eq!(
        before,
        std::fs::read(data.join("demo-accounts.json")).unwrap()
    );
    assert_demo_home(&server.url);
    drop(server);
    let o = run(&[
        "audit",
        "verify",
        "--database",
        &format!("sqlite://{}", data.join("camlo.db").display()),
    ]);
    assert!(o.status.success(), "{}", stdout(&o));
}

#[test]
fn backup_of_a_running_server_restores_the_same_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("live");
    let data_s = data.to_str().unwrap();
    let (server, _) = start(&["demo", "--data", data_s, "--listen", "127.0.0.1:0"], &[]);
    std::fs::create_dir_all(data.join("files")).unwrap();
    std::fs::write(data.join("files").join("scan.pdf"), b"%PDF-1.4 scan").unwrap();
    // Writes continue while the backup runs: failed logins append audit records.
    let url = server.url.clone();
    let writer = std::thread::spawn(move || {
        let rt = tokio::runtime::Runtime::new().unwrap();
        rt.block_on(async {
            let c = Client::new(&url);
            for i in 0..30 {
                c.post_json("/api/v1/session", &serde_json::json!({ "username": format!("ghost{i}"), "password": "wrong-password" })).await;
            }
        });
    });
    let db_url = format!("sqlite://{}", data.join("camlo.db").display());
    let dest = dir.path().join("backup");
    let o = camlo()
        .args([
            "backup",
            dest.to_str().unwrap(),
            "--database",
            &db_url,
            "--data",
            data_s,
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("backup:"),
        "plain progress lines when not on a terminal: {}",
        stderr(&o)
    );
    writer.join().unwrap();
    drop(server);
    let restored = dir.path().join("restored");
    let o = run(&[
        "restore",
        dest.to_str().unwrap(),
        "--data",
        restored.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(restored.join("files").join("scan.pdf")).unwrap(),
        b"%PDF-1.4 scan"
    );
    let o = run(&[
        "audit",
        "verify",
        "--database",
        &format!("sqlite://{}", restored.join("camlo.db").display()),
    ]);
    assert!(
        o.status.success(),
        "restored chain is consistent: {}",
        stdout(&o)
    );
    // A restore never writes into a folder that holds data.
    let o = run(&[
        "restore",
        dest.to_str().unwrap(),
        "--data",
        restored.to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    assert!(Path::new(&restored).join("camlo.db").exists());
}

#[test]
fn reindex_rebuilds_the_search_index_from_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("camlo-data");
    let data_s = data.to_str().unwrap();
    let db = format!("sqlite://{}", data.join("camlo.db").display());
    let (server, lines) = start(&["demo", "--data", data_s, "--listen", "127.0.0.1:0"], &[]);
    assert!(lines.join("\n").contains("portal articles"));
    // The running server holds the index: a second writer is refused, nothing is damaged.
    let busy = run(&["reindex", "--database", &db, "--data", data_s]);
    assert!(!busy.status.success(), "{}", stdout(&busy));
    drop(server);
    // The index is derived data: delete it, rebuild it, find the seed article again.
    std::fs::remove_dir_all(data.join("search")).unwrap();
    let o = run(&["reindex", "--database", &db, "--data", data_s]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let n: usize = stdout(&o)
        .split("rebuilt: ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{}", stdout(&o)));
    assert!(n >= 38, "procedures and articles: {n}");
    let (server, _) = start(&["demo", "--data", data_s, "--listen", "127.0.0.1:0"], &[]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let hits = Client::new(&server.url)
            .get_json("/api/v1/search?q=dan%20van%20kheo")
            .await
            .json();
        assert!(
            hits["hits"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["url"]
                    == "/tin-tuc/doi-moi-phong-cach-lanh-dao-dieu-hanh-o-dang-bo-cam-lo"),
            "{hits}"
        );
    });
}

#[test]
fn policy_prints_every_route_and_docs_policy_md_is_that_output() {
    let out = run(&["policy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let kept = std::fs::read_to_string(root.join("docs/POLICY.md")).unwrap();
    assert!(
        printed == kept,
        "docs/POLICY.md is not current: run `cargo run -- policy > docs/POLICY.md`"
    );
    // The test harness runs the same features as the binary.
    assert_eq!(
        camlo_web::policy_document(camlo_testkit::FEATURES).unwrap(),
        printed
    );
    // The route inventory: adding or removing a route is a deliberate change of
    // tests/data/routes.txt (it began as the routes served before the split into the frame and
    // feature crates, issue 10).
    let mut routes: Vec<String> = printed
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains(" | `/"))
        .map(|l| {
            let cols: Vec<&str> = l.split('|').map(str::trim).collect();
            format!("{} {}", cols[2], cols[3].trim_matches('`'))
        })
        .collect();
    routes.sort_by(|a, b| {
        let key = |s: &str| {
            let (m, p) = s.split_once(' ').unwrap();
            (p.to_owned(), m.to_owned())
        };
        key(a).cmp(&key(b))
    });
    let before = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/routes.txt"),
    )
    .unwrap();
    assert_eq!(routes.join("\n") + "\n", before);
}

#[test]
fn every_api_route_is_in_the_openapi_document() {
    let doc = camlo_web::openapi::document(camlo_testkit::FEATURES);
    let (policy, _) = camlo_web::assemble(camlo_testkit::FEATURES).unwrap();
    let mut checked = 0;
    for e in policy.entries() {
        if !e.path.starts_with("/api/") {
            continue;
        }
        let op = &doc["paths"][e.path][e.method.as_str().to_lowercase()];
        assert!(
            op.is_object(),
            "{} {} is missing from openapi.json",
            e.method,
            e.path
        );
        checked += 1;
    }
    assert!(checked > 40, "{checked}");
    for schema in [
        "Error",
        "Unit",
        "Procedure",
        "Dossier",
        "LegalDocument",
        "Feedback",
        "Article",
    ] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
}
