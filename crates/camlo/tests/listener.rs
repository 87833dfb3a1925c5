//! The hardened listener: a silent connection, or headers sent a byte at a time, are closed
//! within the header deadline while other clients are served. The deadline is shortened to 2 s
//! here (production default 10 s); bounds are generous so a loaded machine does not flake.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::Duration;

use camlo_testkit::{AppOptions, spawn_app_with};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

async fn app() -> camlo_testkit::TestApp {
    let mut opts = AppOptions::default();
    opts.limits.header_timeout = Duration::from_secs(2);
    spawn_app_with(opts).await
}

/// Reads until the peer closes; returns false if it is still open after `within`.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    tokio::time::timeout(within, async {
        loop {
            match stream.read(&mut buf).await {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
        }
    })
    .await
    .is_ok()
}

#[tokio::test]
async fn a_silent_connection_is_closed_while_others_are_served() {
    let app = app().await;
    let mut silent = TcpStream::connect(app.addr).await.unwrap();
    let served = app.client().get("/healthz").await;
    assert_eq!(served.text, "ok");
    assert!(
        closed_within(&mut silent, Duration::from_secs(8)).await,
        "silent connection left open"
    );
}

#[tokio::test]
async fn headers_sent_a_byte_at_a_time_are_cut_off() {
    let app = app().await;
    let mut slow = TcpStream::connect(app.addr).await.unwrap();
    let request = b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Padding: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    let writer = tokio::spawn(async move {
        for b in request.iter().cycle().take(400) {
            if slow.write_all(&[*b]).await.is_err() {
                return (true, slow);
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        (false, slow)
    });
    // Meanwhile the server answers others.
    for _ in 0..5 {
        assert_eq!(app.client().get("/healthz").await.text, "ok");
    }
    let (write_failed, mut slow) = writer.await.unwrap();
    // 400 bytes at 25 ms take 10 s; the 2 s header deadline must have ended it long before.
    assert!(
        write_failed || closed_within(&mut slow, Duration::from_secs(1)).await,
        "slow headers were not cut off"
    );
}

#[tokio::test]
async fn an_idle_keep_alive_connection_is_closed() {
    let app = app().await;
    let mut conn = TcpStream::connect(app.addr).await.unwrap();
    conn.write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let mut buf = [0u8; 512];
    let n = conn.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(
        closed_within(&mut conn, Duration::from_secs(8)).await,
        "idle keep-alive connection left open"
    );
}
