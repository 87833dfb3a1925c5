//! `camlo`: the one binary. Parses the command line, loads the configuration, picks the concrete
//! backends and runs the chosen subcommand. The only place that reads the system clock.

mod checkpoints;
mod config;
mod progress;

use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Context, bail};
use camlo_domain::Clock;
use camlo_domain::accounts::{
    Audience, Role, Username, check_new_password, parse_display_name, password,
};
use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_store::demo::DemoAccount;
use camlo_store::{OpenOptions, Store, accounts, audit, backup, demo, units};
use chrono::{DateTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::config::{Config, Overrides};
use crate::progress::Progress;

/// The features this program runs: each is a crate contributing routes, pages, messages and
/// demo data to the web frame (see ARCHITECTURE.md). A new feature is one more line here.
const FEATURES: &[&camlo_web::feature::Feature] =
    &[&camlo_onestop::FEATURE, &camlo_portal::FEATURE];

/// The wall clock: the one place camlo reads the system time.
struct SystemClock;

impl Clock for SystemClock {
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

#[derive(Parser)]
#[command(
    name = "camlo",
    version,
    about = "camlo: e-government for Vietnamese local government (portal, one-stop shop, documents)"
)]
struct Cli {
    /// Configuration file (TOML).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone, Default)]
struct DbArgs {
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(long)]
    database: Option<String>,
    /// Data folder.
    #[arg(long)]
    data: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Create (first run) or reopen a demo database with Cam Lộ data and serve it.
    Demo {
        /// Data folder.
        #[arg(long)]
        data: Option<PathBuf>,
        /// Address to listen on.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Serve a configured database.
    Serve {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long)]
        listen: Option<String>,
        /// Create the SQLite file if it does not exist.
        #[arg(long)]
        create: bool,
    },
    /// Apply pending schema migrations.
    Migrate {
        #[command(flatten)]
        db: DbArgs,
        /// Create the SQLite file if it does not exist.
        #[arg(long)]
        create: bool,
    },
    /// Print the policy table: every route with who may call it (Markdown; docs/POLICY.md).
    Policy,
    /// Print the effective configuration (secrets masked).
    CheckConfig {
        #[command(flatten)]
        db: DbArgs,
        /// Address to listen on.
        #[arg(long)]
        listen: Option<String>,
    },
    /// Create the first system administrator (asks for missing values).
    CreateAdmin {
        #[command(flatten)]
        db: DbArgs,
        /// Login name.
        #[arg(long)]
        username: Option<String>,
        /// Full name.
        #[arg(long)]
        name: Option<String>,
        /// Password (prefer the prompt; a flag may end up in shell history).
        #[arg(long)]
        password: Option<String>,
        /// Slug or id of the unit the administrator belongs to.
        #[arg(long)]
        unit: Option<String>,
    },
    /// Take a consistent online backup into DEST (a new or empty folder).
    Backup {
        /// Destination folder.
        dest: PathBuf,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Restore a backup into an empty data folder (or an empty database given by --database).
    Restore {
        /// Backup folder.
        src: PathBuf,
        /// Data folder to create.
        #[arg(long)]
        data: PathBuf,
        /// Target database (default: SQLite in the data folder).
        #[arg(long)]
        database: Option<String>,
    },
    /// Rebuild the search index from the database (the server must be stopped: the index
    /// folder has one writer).
    Reindex {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Audit log tools.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Lunar calendar, holidays and deadlines.
    Calendar {
        #[command(subcommand)]
        command: CalendarCommand,
        /// Print JSON (the same shapes as /api/v1/calendar).
        #[arg(long, global = true)]
        json: bool,
        /// Use the holiday years confirmed in this database (default: computed rules).
        #[arg(long, global = true)]
        database: Option<String>,
    },
}

#[derive(Subcommand)]
enum AuditCommand {
    /// Check the hash chain and the signed checkpoints; exit 0 when intact, 1 naming the first
    /// bad record.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
    /// Sign the chain's head now and write the checkpoint (the server also does it on its own).
    Checkpoint {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Solar YYYY-MM-DD to lunar D/M/YYYY (" nhuận" for a leap month).
    ToLunar { date: String },
    /// Lunar YEAR MONTH DAY to solar YYYY-MM-DD.
    ToSolar {
        year: i32,
        month: u8,
        day: u8,
        /// The leap month.
        #[arg(long)]
        leap: bool,
    },
    /// One line per day off: YYYY-MM-DD<TAB>name.
    Holidays { year: i32 },
    /// Deadline for a reception time and a number of working days.
    Deadline {
        /// "YYYY-MM-DD HH:MM", Vietnam time.
        #[arg(long)]
        received: String,
        /// Working days (0 = same day).
        #[arg(long)]
        working_days: u32,
    },
}

fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("camlo: cannot start: {e}");
            return std::process::ExitCode::from(2);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => std::process::ExitCode::from(code),
        Err(e) => {
            eprintln!("camlo: {e:#}");
            std::process::ExitCode::from(2)
        }
    }
}

/// The configured database, or else the SQLite file in the data folder (`<data>/camlo.db`, where
/// `demo` and `restore` put it) when it exists or is to be created.
fn database_url(cfg: &Config, create: bool) -> anyhow::Result<String> {
    if let Some(url) = &cfg.database {
        return Ok(url.clone());
    }
    let file = cfg.data.join("camlo.db");
    if file.exists() || create {
        if create {
            std::fs::create_dir_all(&cfg.data)
                .with_context(|| format!("cannot create {}", cfg.data.display()))?;
        }
        return Ok(camlo_store::sqlite_url(&file));
    }
    bail!(
        "no database configured and none in {}: pass --database sqlite://PATH or postgres://…, set CAMLO_DATABASE, or --data DIR holding camlo.db",
        cfg.data.display()
    )
}

async fn open(cfg: &Config, create: bool) -> anyhow::Result<Store> {
    let url = database_url(cfg, create)?;
    Ok(Store::open(
        &url,
        &OpenOptions {
            create,
            synchronous: cfg.sqlite_synchronous,
            ..OpenOptions::default()
        },
    )
    .await?)
}

async fn run(cli: Cli) -> anyhow::Result<u8> {
    let file = cli.config.as_deref();
    match cli.command {
        Command::Demo { data, listen } => {
            let mut base = Config {
                secure_cookies: false,
                site_name: "Huyện Cam Lộ".into(),
                home_unit: Some("cam-lo".into()),
                ..Config::default()
            };
            base.data = PathBuf::from("./camlo-data");
            let cfg = Config::load(
                file,
                base,
                &Overrides {
                    database: None,
                    listen,
                    data,
                },
            )?;
            init_logging(&cfg.log);
            run_demo(cfg).await
        }
        Command::Serve { db, listen, create } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen,
                    data: db.data,
                },
            )?;
            init_logging(&cfg.log);
            if cfg.public_url.is_none() {
                bail!(
                    "public_url is required: the address citizens use, e.g. --config with public_url = \"https://dichvucong.example.vn\" or CAMLO_PUBLIC_URL (links, feeds and QR codes are built from it; other hosts are refused)"
                );
            }
            let store = open(&cfg, create).await?;
            serve(cfg, store, false).await
        }
        Command::Migrate { db, create } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            init_logging(&cfg.log);
            let store = open(&cfg, create).await?;
            cfg.client_key()?;
            println!("migrated {}", config::mask_url(store.url()));
            store.close().await;
            checkpoints::ensure_key(&cfg)?;
            Ok(0)
        }
        Command::Policy => {
            let doc = camlo_web::policy_document(FEATURES).map_err(|e| anyhow::anyhow!(e))?;
            print!("{doc}");
            Ok(0)
        }
        Command::CheckConfig { db, listen } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen,
                    data: db.data,
                },
            )?;
            cfg.security()?;
            print!("{}", cfg.to_display());
            Ok(0)
        }
        Command::CreateAdmin {
            db,
            username,
            name,
            password,
            unit,
        } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            let store = open(&cfg, false).await?;
            let code = create_admin(&store, username, name, password, unit).await?;
            store.close().await;
            Ok(code)
        }
        Command::Backup { dest, db } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            let store = open(&cfg, false).await?;
            let mut p = Progress::new("backup");
            let files = cfg.data.join("files");
            let m = backup::backup(&store, Some(&files), &dest, &mut |what, done, total| {
                p.step(what, done, total)
            })
            .await?;
            p.finish();
            let rows: u64 = m.rows.values().sum();
            println!(
                "backup written to {}: {rows} rows in {} tables, {} files",
                dest.display(),
                m.rows.len(),
                m.files
            );
            store.close().await;
            Ok(0)
        }
        Command::Restore {
            src,
            data,
            database,
        } => {
            if data.exists() && std::fs::read_dir(&data)?.next().is_some() {
                bail!(
                    "{} is not empty: restore only into an empty data folder",
                    data.display()
                );
            }
            std::fs::create_dir_all(&data)?;
            let url = database.unwrap_or_else(|| camlo_store::sqlite_url(&data.join("camlo.db")));
            let mut p = Progress::new("restore");
            let m = backup::restore(&src, &url, &data.join("files"), &mut |what, done, total| {
                p.step(what, done, total)
            })
            .await?;
            p.finish();
            let rows: u64 = m.rows.values().sum();
            println!(
                "restored {rows} rows and {} files into {}",
                m.files,
                config::mask_url(&url)
            );
            Ok(0)
        }
        Command::Audit {
            command: AuditCommand::Verify { db },
        } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            let key = checkpoints::load_key(&cfg)?;
            let dir = checkpoints::dir(&cfg);
            let signed = match &key {
                Some(k) => match checkpoints::read_all(&dir, k)? {
                    Ok(list) => list,
                    Err(b) => {
                        println!("audit chain BROKEN ({}): {b}", b.code());
                        return Ok(1);
                    }
                },
                None => Vec::new(),
            };
            let store = open(&cfg, false).await?;
            let mut p = Progress::new("audit verify");
            let result = audit::verify(&store, &signed, |done, total| {
                p.step(
                    "records",
                    u64::try_from(done).unwrap_or(0),
                    u64::try_from(total).unwrap_or(0),
                )
            })
            .await?;
            p.finish();
            store.close().await;
            match result {
                Ok(n) => {
                    println!("audit chain intact: {n} records");
                    match (&key, signed.last()) {
                        (None, _) => println!(
                            "warning: no audit key at {}: signed checkpoints not checked",
                            checkpoints::key_path(&cfg).display()
                        ),
                        (Some(_), None) => println!(
                            "warning: no signed checkpoints in {}: a cut tail or a re-hashed chain would go unnoticed",
                            dir.display()
                        ),
                        (Some(_), Some(last)) => println!(
                            "{} signed checkpoints hold (the last at record {})",
                            signed.len(),
                            last.seq
                        ),
                    }
                    Ok(0)
                }
                Err(b) => {
                    println!("audit chain BROKEN ({}): {b}", b.code());
                    Ok(1)
                }
            }
        }
        Command::Audit {
            command: AuditCommand::Checkpoint { db },
        } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            let key = checkpoints::load_key(&cfg)?.with_context(|| {
                format!(
                    "no audit key at {} (camlo migrate creates it)",
                    checkpoints::key_path(&cfg).display()
                )
            })?;
            let store = open(&cfg, false).await?;
            let dir = checkpoints::dir(&cfg);
            let written = checkpoints::write(&store, &key, &dir, SystemClock.now()).await?;
            store.close().await;
            match written {
                Some(seq) => println!("checkpoint written: record {seq} in {}", dir.display()),
                None => println!("no new records since the last checkpoint"),
            }
            Ok(0)
        }
        Command::Reindex { db } => {
            let cfg = Config::load(
                file,
                Config::default(),
                &Overrides {
                    database: db.database,
                    listen: None,
                    data: db.data,
                },
            )?;
            init_logging(&cfg.log);
            let store = open(&cfg, false).await?;
            let n = reindex(&cfg, &store).await?;
            store.close().await;
            println!(
                "search index rebuilt: {n} items in {}",
                cfg.data.join("search").display()
            );
            Ok(0)
        }
        Command::Calendar {
            command,
            json,
            database,
        } => calendar(command, json, database).await,
    }
}

async fn calendar(
    command: CalendarCommand,
    json: bool,
    database: Option<String>,
) -> anyhow::Result<u8> {
    use camlo_web::calendar as cal;
    let work = match database {
        Some(url) => {
            let store = Store::open(&url, &OpenOptions::default()).await?;
            let c = cal::load(&store)
                .await
                .map_err(|e| anyhow::anyhow!("{}", e.detail.unwrap_or_default()))?;
            store.close().await;
            c.default
        }
        None => Arc::new(camlo_calendar::WorkCalendar::standard()?),
    };
    let err = |e: camlo_web::AppError| {
        anyhow::anyhow!(
            "{}: {}",
            e.code,
            camlo_web::i18n::t(camlo_web::i18n::Lang::En, e.code)
        )
    };
    let out = match command {
        CalendarCommand::ToLunar { date } => {
            let a = cal::lunar_answer(cal::parse_day(&date).map_err(err)?).map_err(err)?;
            if json {
                serde_json::to_string(&a)?
            } else {
                a.text
            }
        }
        CalendarCommand::ToSolar {
            year,
            month,
            day,
            leap,
        } => {
            let a = cal::solar_answer(year, month, day, leap).map_err(err)?;
            if json {
                serde_json::to_string(&a)?
            } else {
                a.date
            }
        }
        CalendarCommand::Holidays { year } => {
            let a = cal::holidays_answer(&work, year).map_err(err)?;
            if json {
                serde_json::to_string(&a)?
            } else {
                a.days
                    .iter()
                    .map(|d| format!("{}\t{}", d.date, d.name))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
        CalendarCommand::Deadline {
            received,
            working_days,
        } => {
            let a = cal::deadline_answer(
                &work,
                cal::parse_time(&received).map_err(err)?,
                working_days,
            )
            .map_err(err)?;
            if json {
                serde_json::to_string(&a)?
            } else {
                a.due
            }
        }
    };
    println!("{out}");
    Ok(0)
}

fn web_error(e: camlo_web::AppError) -> anyhow::Error {
    anyhow::anyhow!("{}: {}", e.code, e.detail.unwrap_or_default())
}

/// Rebuilds the search index in the data folder. An index of an older layout is deleted first
/// (it is derived data); an index held by a running server is refused by its lock.
async fn reindex(cfg: &Config, store: &Store) -> anyhow::Result<usize> {
    // Nothing is served: the index holds paths, never absolute links.
    let mut web = cfg.web()?;
    web.public_url
        .get_or_insert_with(|| "http://localhost".into());
    let state =
        match camlo_web::AppState::new(store.clone(), Arc::new(SystemClock), web.clone(), FEATURES)
            .await
        {
            Ok(s) => s,
            Err(e)
                if e.detail
                    .as_deref()
                    .is_some_and(|d| d.starts_with("SRCH-0003")) =>
            {
                std::fs::remove_dir_all(cfg.data.join("search"))?;
                camlo_web::AppState::new(store.clone(), Arc::new(SystemClock), web, FEATURES)
                    .await
                    .map_err(web_error)?
            }
            Err(e) => return Err(web_error(e)),
        };
    camlo_web::search::rebuild(&state).await.map_err(web_error)
}

/// Serves until Ctrl-C. `demo`: the demo dossiers are seeded, and without a configured
/// `public_url` the listen address is the public one (`localhost` accepted too).
async fn serve(mut cfg: Config, store: Store, demo: bool) -> anyhow::Result<u8> {
    let listener = tokio::net::TcpListener::bind(&cfg.listen)
        .await
        .with_context(|| format!("cannot listen on {}", cfg.listen))?;
    let addr = listener.local_addr()?;
    let mut web = cfg.web()?;
    if demo && cfg.public_url.is_none() {
        let shown = if addr.ip().is_unspecified() {
            std::net::SocketAddr::from(([127, 0, 0, 1], addr.port()))
        } else {
            addr
        };
        let url = format!("http://{shown}");
        web.public_url = Some(url.clone());
        web.extra_hosts = vec![format!("localhost:{}", addr.port()), shown.to_string()];
        cfg.public_url = Some(url);
    }
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let state = camlo_web::AppState::new(store.clone(), clock, web, FEATURES)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {}", e.code, e.detail.unwrap_or_default()))?;
    if demo {
        for f in FEATURES {
            if let Some(demo) = f.demo {
                for line in demo(&state).await.map_err(web_error)? {
                    println!("camlo demo: {line}");
                }
            }
        }
    }
    let key = checkpoints::load_key(&cfg)?;
    let dir = checkpoints::dir(&cfg);
    let checkpointing = match &key {
        Some(k) if k.signing().is_some() => Some(tokio::spawn(checkpoints::run(
            store.clone(),
            k.clone(),
            dir.clone(),
            cfg.audit_checkpoint_records,
            cfg.audit_checkpoint_secs,
            || SystemClock.now(),
        ))),
        _ => {
            tracing::warn!(
                key = %checkpoints::key_path(&cfg).display(),
                "no private audit key: signed checkpoints are not written (camlo migrate creates the key)"
            );
            None
        }
    };
    tracing::info!(%addr, database = %config::mask_url(store.url()), "camlo serving");
    println!("camlo: serving on http://{addr}/");
    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    camlo_web::server::serve(
        listener,
        camlo_web::app(state),
        cfg.server_limits(),
        shutdown,
    )
    .await?;
    if let (Some(task), Some(k)) = (checkpointing, &key) {
        task.abort();
        if let Err(e) = checkpoints::write(&store, k, &dir, SystemClock.now()).await {
            tracing::error!(error = %e, "audit checkpoint at shutdown failed");
        }
    }
    store.close().await;
    Ok(0)
}

async fn run_demo(mut cfg: Config) -> anyhow::Result<u8> {
    std::fs::create_dir_all(&cfg.data)
        .with_context(|| format!("cannot create {}", cfg.data.display()))?;
    checkpoints::ensure_key(&cfg)?;
    let db_path = cfg.data.join("camlo.db");
    let fresh = !db_path.exists();
    let url = camlo_store::sqlite_url(&db_path);
    cfg.database = Some(url.clone());
    let store = Store::open(
        &url,
        &OpenOptions {
            create: true,
            synchronous: cfg.sqlite_synchronous,
            ..OpenOptions::default()
        },
    )
    .await?;
    let list_path = cfg.data.join("demo-accounts.json");
    let accounts: Vec<DemoAccount> = if fresh || units::count(&store).await? == 0 {
        let (_, totp_roles) = cfg.security()?;
        let list = demo::load(&store, SystemClock.now(), &totp_roles).await?;
        demo::load_procedures(&store, SystemClock.now()).await?;
        let json = serde_json::to_string_pretty(&list)?;
        std::fs::write(&list_path, json)?;
        list
    } else {
        serde_json::from_slice(&std::fs::read(&list_path).unwrap_or_default()).unwrap_or_default()
    };
    let host = cfg.listen.replace("0.0.0.0", "127.0.0.1");
    println!();
    println!(
        "camlo demo: http://{host}/   (data in {})",
        cfg.data.display()
    );
    println!();
    print_accounts(&accounts);
    println!("(also in {})", list_path.display());
    println!();
    serve(cfg, store, true).await
}

fn print_accounts(accounts: &[DemoAccount]) {
    let w = |f: fn(&DemoAccount) -> &str, title: &str| {
        accounts
            .iter()
            .map(|a| f(a).chars().count())
            .max()
            .unwrap_or(0)
            .max(title.chars().count())
    };
    let (wu, wp, wr) = (
        w(|a| &a.username, "username"),
        w(|a| &a.password, "password"),
        w(|a| &a.role, "role"),
    );
    let pad = |s: &str, n: usize| format!("{s}{}", " ".repeat(n.saturating_sub(s.chars().count())));
    let wt = accounts
        .iter()
        .filter_map(|a| a.totp.as_deref())
        .map(str::len)
        .max()
        .unwrap_or(0)
        .max("TOTP secret".len());
    println!(
        "{}  {}  {}  {}  unit",
        pad("username", wu),
        pad("password", wp),
        pad("role", wr),
        pad("TOTP secret", wt)
    );
    for a in accounts {
        println!(
            "{}  {}  {}  {}  {}",
            pad(&a.username, wu),
            pad(&a.password, wp),
            pad(&a.role, wr),
            pad(a.totp.as_deref().unwrap_or("-"), wt),
            a.unit
        );
    }
    if accounts.iter().any(|a| a.totp.is_some()) {
        println!();
        println!(
            "Accounts with a TOTP secret sign in with a second factor: add the secret to an \
             authenticator app (or run `oathtool --totp -b SECRET`) and type its 6-digit code."
        );
    }
}

fn prompt(label: &str, given: Option<String>) -> anyhow::Result<String> {
    if let Some(v) = given {
        return Ok(v);
    }
    print!("{label}: ");
    std::io::stdout().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

async fn create_admin(
    store: &Store,
    username: Option<String>,
    name: Option<String>,
    password_flag: Option<String>,
    unit: Option<String>,
) -> anyhow::Result<u8> {
    let username = Username::parse(&prompt("Username", username)?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    let name = parse_display_name(&prompt("Full name", name)?)
        .map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    let pw = prompt("Password (8+ characters)", password_flag)?;
    check_new_password(&pw, username.as_str()).map_err(|e| anyhow::anyhow!("{}: {e}", e.code()))?;
    let unit_ref = prompt("Unit (slug or id, empty for none)", unit)?;
    let unit_id = if unit_ref.is_empty() {
        None
    } else {
        let u = match unit_ref.parse::<i64>() {
            Ok(id) => units::get(store, camlo_domain::units::UnitId(id)).await,
            Err(_) => units::by_slug(store, &unit_ref).await,
        }
        .with_context(|| format!("no unit {unit_ref}"))?;
        Some(u.id)
    };
    let hash = password::hash(&pw).map_err(|e| anyhow::anyhow!("{e}"))?;
    let now = SystemClock.now();
    let mut tx = store.begin().await?;
    let id = accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            username: username.as_str().to_owned(),
            display_name: name,
            audience: Audience::Official,
            password_hash: hash,
            email: None,
            phone: None,
            cccd: None,
            position: Some("Quản trị hệ thống".into()),
            language: "vi".into(),
        },
        now.timestamp(),
    )
    .await
    .with_context(|| format!("cannot create {}", username.as_str()))?;
    accounts::grant(
        &mut tx,
        id,
        Role::SystemAdmin,
        unit_id,
        None,
        now.timestamp(),
    )
    .await?;
    audit::append(
        &mut tx,
        &AuditEntry {
            at: now,
            actor_id: None,
            actor: "cli".into(),
            role: None,
            unit_id: unit_id.map(|u| u.0),
            action: "account.create_admin".into(),
            object: format!("account:{}", id.0),
            outcome: Outcome::Success,
            request_id: "cli".into(),
            client_addr: "local".into(),
            detail: format!("{{\"username\":\"{}\"}}", username.as_str()),
        },
    )
    .await?;
    camlo_store::commit(tx).await?;
    println!(
        "system administrator {} created; sign in and turn on two-step verification (required).",
        username.as_str()
    );
    Ok(0)
}
