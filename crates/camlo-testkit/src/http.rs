//! A small HTTP/1.1 client for tests, with a cookie jar, over the real network stack.

use std::collections::BTreeMap;
use std::sync::Mutex;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::Request;
use hyper::header::HeaderMap;
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;

/// A response, fully read.
#[derive(Debug)]
pub struct Resp {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: HeaderMap,
    /// Body as text (lossy for binary bodies; see `bytes`).
    pub text: String,
    /// Body as received.
    pub bytes: Vec<u8>,
}

impl Resp {
    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }
    /// The body with the HTML escapes of `/`, `'`, `"` and `&` undone (for text assertions).
    pub fn page_text(&self) -> String {
        self.text
            .replace("&#x2f;", "/")
            .replace("&#x27;", "'")
            .replace("&quot;", "\"")
            .replace("&amp;", "&")
    }
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
    /// The redirect target.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }
    /// The first `name="_csrf" value="…"` in an HTML page.
    pub fn csrf(&self) -> Option<String> {
        let i = self.text.find("name=\"_csrf\" value=\"")?;
        let rest = &self.text[i + 20..];
        Some(rest[..rest.find('"')?].to_owned())
    }
}

/// A browser-like client: keeps cookies, optionally sends a Bearer token.
pub struct Client {
    base: String,
    inner: HyperClient<HttpConnector, Full<Bytes>>,
    cookies: Mutex<BTreeMap<String, String>>,
    bearer: Mutex<Option<String>>,
    extra: Mutex<Vec<(String, String)>>,
}

impl Client {
    /// A client for `http://addr`.
    pub fn new(base: &str) -> Self {
        Self {
            base: base.trim_end_matches('/').to_owned(),
            inner: HyperClient::builder(TokioExecutor::new()).build_http(),
            cookies: Mutex::new(BTreeMap::new()),
            bearer: Mutex::new(None),
            extra: Mutex::new(Vec::new()),
        }
    }

    /// Sends `Authorization: Bearer` from now on (`None` stops).
    pub fn set_bearer(&self, token: Option<String>) {
        *self.bearer.lock().unwrap() = token;
    }

    /// Adds a header to every request.
    pub fn set_header(&self, name: &str, value: &str) {
        self.extra
            .lock()
            .unwrap()
            .push((name.to_owned(), value.to_owned()));
    }

    /// A cookie's value.
    pub fn cookie(&self, name: &str) -> Option<String> {
        self.cookies.lock().unwrap().get(name).cloned()
    }

    /// Forgets all cookies.
    pub fn clear_cookies(&self) {
        self.cookies.lock().unwrap().clear();
    }

    /// Sends a request; a connection failure is an error instead of a panic (for tests that
    /// kill the server). Cookies are not used.
    pub async fn try_send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Result<Resp, String> {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(t) = self.bearer.lock().unwrap().as_ref() {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .inner
            .request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .map_err(|e| e.to_string())?;
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok(Resp {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        })
    }

    /// Sends a request.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        content_type: Option<&str>,
        body: Vec<u8>,
        headers: &[(&str, &str)],
    ) -> Resp {
        let mut req = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        let cookie = self
            .cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        if !cookie.is_empty() {
            req = req.header("cookie", cookie);
        }
        if let Some(t) = self.bearer.lock().unwrap().as_ref() {
            req = req.header("authorization", format!("Bearer {t}"));
        }
        if let Some(ct) = content_type {
            req = req.header("content-type", ct);
        }
        for (k, v) in self.extra.lock().unwrap().iter() {
            req = req.header(k.as_str(), v.as_str());
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let res = self
            .inner
            .request(req.body(Full::new(Bytes::from(body))).unwrap())
            .await
            .unwrap();
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        for v in headers.get_all("set-cookie") {
            let v = v.to_str().unwrap();
            let pair = v.split(';').next().unwrap();
            let (k, val) = pair.split_once('=').unwrap();
            let mut jar = self.cookies.lock().unwrap();
            if v.contains("Max-Age=0") || val.is_empty() {
                jar.remove(k);
            } else {
                jar.insert(k.to_owned(), val.to_owned());
            }
        }
        let bytes = res.into_body().collect().await.unwrap().to_bytes();
        Resp {
            status,
            headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
            bytes: bytes.to_vec(),
        }
    }

    /// GET.
    pub async fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None, Vec::new(), &[]).await
    }

    /// GET asking for JSON.
    pub async fn get_json(&self, path: &str) -> Resp {
        self.send(
            "GET",
            path,
            None,
            Vec::new(),
            &[("accept", "application/json")],
        )
        .await
    }

    /// POST a URL-encoded form.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Resp {
        let body = fields
            .iter()
            .map(|(k, v)| format!("{}={}", enc(k), enc(v)))
            .collect::<Vec<_>>()
            .join("&");
        self.send(
            "POST",
            path,
            Some("application/x-www-form-urlencoded"),
            body.into_bytes(),
            &[],
        )
        .await
    }

    /// POST JSON.
    pub async fn post_json(&self, path: &str, value: &serde_json::Value) -> Resp {
        self.send(
            "POST",
            path,
            Some("application/json"),
            value.to_string().into_bytes(),
            &[],
        )
        .await
    }

    /// POST with no body and extra headers.
    pub async fn post_empty(&self, path: &str, headers: &[(&str, &str)]) -> Resp {
        self.send("POST", path, None, Vec::new(), headers).await
    }

    /// DELETE.
    pub async fn delete(&self, path: &str) -> Resp {
        self.send("DELETE", path, None, Vec::new(), &[]).await
    }
}

/// Percent-encodes a form value.
pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
