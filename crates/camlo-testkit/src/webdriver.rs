//! A minimal W3C WebDriver client for headless Chromium through chromedriver: enough to type,
//! click, read text and run scripts. (fantoccini would pull a TLS stack for a localhost-only job.)

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{Value, json};

use crate::http::Client;

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// Why browser tests cannot run here, if they cannot.
pub fn unavailable() -> Option<String> {
    for bin in ["/usr/bin/chromedriver", "/usr/bin/chromium"] {
        if !std::path::Path::new(bin).exists() {
            return Some(format!(
                "{bin} not found (install Debian's chromium and chromium-driver; .ci/run does)"
            ));
        }
    }
    None
}

/// True when this run must not skip browser tests (`.ci/run` sets `CAMLO_TEST_REQUIRE_BROWSER=1`).
pub fn required() -> bool {
    std::env::var("CAMLO_TEST_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

/// A chromedriver process with one browser session.
pub struct Browser {
    driver: Child,
    http: Client,
    session: String,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// An element handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element(pub String);

impl Browser {
    /// Starts chromedriver and a headless Chromium.
    pub async fn start() -> Self {
        let port = {
            let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            l.local_addr().unwrap().port()
        };
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let http = Client::new(&format!("http://127.0.0.1:{port}"));
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap();
        let caps = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1200,900",
                     format!("--user-data-dir={}", profile.path().display())]
        } } } });
        let res = http.post_json("/session", &caps).await;
        assert_eq!(
            res.status, 200,
            "chromedriver refused a session: {}",
            res.text
        );
        let session = res.json()["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session id: {}", res.text))
            .to_owned();
        Self {
            driver,
            http,
            session,
            _profile: profile,
        }
    }

    async fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let url = format!("/session/{}{path}", self.session);
        let res = match body {
            Some(b) => {
                self.http
                    .send(
                        method,
                        &url,
                        Some("application/json"),
                        b.to_string().into_bytes(),
                        &[],
                    )
                    .await
            }
            None => self.http.send(method, &url, None, Vec::new(), &[]).await,
        };
        let v = res.json();
        assert_eq!(res.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    /// Opens a URL.
    pub async fn goto(&self, url: &str) {
        self.cmd("POST", "/url", Some(json!({ "url": url }))).await;
    }

    /// The current URL.
    pub async fn url(&self) -> String {
        self.cmd("GET", "/url", None)
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// The first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> Element {
        let v = self
            .cmd(
                "POST",
                "/element",
                Some(json!({ "using": "css selector", "value": css })),
            )
            .await;
        Element(
            v[ELEMENT]
                .as_str()
                .unwrap_or_else(|| panic!("find {css}: {v}"))
                .to_owned(),
        )
    }

    /// Types into an element.
    pub async fn type_into(&self, e: &Element, text: &str) {
        self.cmd(
            "POST",
            &format!("/element/{}/value", e.0),
            Some(json!({ "text": text })),
        )
        .await;
    }

    /// Clicks an element.
    pub async fn click(&self, e: &Element) {
        self.cmd("POST", &format!("/element/{}/click", e.0), Some(json!({})))
            .await;
    }

    /// Visible text of an element.
    pub async fn text(&self, e: &Element) -> String {
        self.cmd("GET", &format!("/element/{}/text", e.0), None)
            .await
            .as_str()
            .unwrap_or("")
            .to_owned()
    }

    /// An attribute of an element.
    pub async fn attr(&self, e: &Element, name: &str) -> Option<String> {
        self.cmd("GET", &format!("/element/{}/attribute/{name}", e.0), None)
            .await
            .as_str()
            .map(str::to_owned)
    }

    /// Whether an element is displayed.
    pub async fn displayed(&self, e: &Element) -> bool {
        self.cmd("GET", &format!("/element/{}/displayed", e.0), None)
            .await
            .as_bool()
            .unwrap_or(false)
    }

    /// The focused element.
    pub async fn active(&self) -> Element {
        let v = self.cmd("GET", "/element/active", None).await;
        Element(v[ELEMENT].as_str().unwrap().to_owned())
    }

    /// Sends keys to the focused element (e.g. "\u{E007}" for Enter).
    pub async fn keys(&self, text: &str) {
        let e = self.active().await;
        self.type_into(&e, text).await;
    }

    /// Runs a synchronous script and returns its result.
    pub async fn script(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": js, "args": [] })),
        )
        .await
    }

    /// Runs an asynchronous script: it ends by calling its last argument with the result.
    pub async fn script_async(&self, js: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/async",
            Some(json!({ "script": js, "args": [] })),
        )
        .await
    }

    /// Opens a new tab and switches to it; returns the previous handle.
    pub async fn new_tab(&self) -> String {
        let old = self
            .cmd("GET", "/window", None)
            .await
            .as_str()
            .unwrap()
            .to_owned();
        let v = self
            .cmd("POST", "/window/new", Some(json!({ "type": "tab" })))
            .await;
        let handle = v["handle"].as_str().unwrap().to_owned();
        self.switch_to(&handle).await;
        old
    }

    /// The current window handle.
    pub async fn window(&self) -> String {
        self.cmd("GET", "/window", None)
            .await
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Switches to a window.
    pub async fn switch_to(&self, handle: &str) {
        self.cmd("POST", "/window", Some(json!({ "handle": handle })))
            .await;
    }

    /// Saves a PNG screenshot.
    pub async fn screenshot(&self, path: &std::path::Path) {
        let v = self.cmd("GET", "/screenshot", None).await;
        let b64 = v.as_str().unwrap();
        std::fs::write(path, base64_decode(b64)).unwrap();
    }

    /// Waits (polling every 250 ms, up to `secs`) until `check` holds.
    pub async fn wait_until<F, Fut>(&self, secs: u64, what: &str, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        for _ in 0..secs * 4 {
            if check().await {
                return;
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        panic!("timed out after {secs} s waiting for {what}");
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'+' => 62,
            _ => 63,
        }
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |acc, (i, c)| acc | (val(*c) << (18 - 6 * i)));
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    out
}
