//! Acknowledged means durable: the server is killed with SIGKILL while citizens file dossiers;
//! after a restart every dossier whose creation was acknowledged (201 with a code) is there.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::{Arc, Mutex};

use camlo_testkit::http::Client;
use camlo_testkit::process::start;

fn demo(data: &std::path::Path) -> camlo_testkit::process::Server {
    start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    )
}

async fn citizen(url: &str) -> Client {
    let c = Client::new(url);
    let res = c
        .post_json(
            "/api/v1/session",
            &serde_json::json!({ "username": "congdan", "password": "AnMy@CaGaiLeo-5sao" }),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let token = res.json()["token"].as_str().unwrap().to_owned();
    let c = Client::new(url);
    c.set_bearer(Some(token));
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_acknowledged_dossier_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let mut server = demo(&data);
    let url = server.url.clone();
    let units = Client::new(&url).get("/api/v1/units").await.json();
    let office = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "one_stop_office")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let acked = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for w in 0..4 {
        let (url, acked) = (url.clone(), Arc::clone(&acked));
        tasks.push(tokio::spawn(async move {
            let c = citizen(&url).await;
            for i in 0..10_000 {
                let body = serde_json::json!({ "procedure_code": "1.001193", "receiving_unit_id": office, "applicant": { "name": "Nguyễn Văn Bền", "address": "Thôn 2" } });
                let key = format!("w{w}-{i}");
                match c.try_send("POST", "/api/v1/dossiers", Some("application/json"), body.to_string().into_bytes(), &[("idempotency-key", &key)]).await {
                    Ok(r) if r.status == 201 => acked.lock().unwrap().push(r.json()["code"].as_str().unwrap().to_owned()),
                    Ok(r) => panic!("unexpected {}: {}", r.status, r.text),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    // Let some filings be acknowledged, then kill the server mid-stream.
    for _ in 0..200 {
        if acked.lock().unwrap().len() >= 40 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    let acked = acked.lock().unwrap().clone();
    assert!(
        acked.len() >= 40,
        "only {} acknowledged before the kill",
        acked.len()
    );

    let server = demo(&data);
    let c = citizen(&server.url).await;
    let mine = c.get("/api/v1/dossiers").await.json();
    let stored: std::collections::HashSet<String> = mine
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str().map(str::to_owned))
        .collect();
    let lost: Vec<&String> = acked
        .iter()
        .filter(|code| !stored.contains(*code))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged dossiers lost after kill -9: {lost:?}",
        lost.len()
    );
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_camlo"))
        .args([
            "audit",
            "verify",
            "--database",
            &format!("sqlite://{}", data.join("camlo.db").display()),
        ])
        .env("CAMLO_LOG", "warn")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "audit chain intact after the crash: {}",
        String::from_utf8_lossy(&out.stdout)
    );
}
