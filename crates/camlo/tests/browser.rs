//! Browser journeys in headless Chromium (through chromedriver) against the real `camlo demo`
//! process: a demo official signs in, the idle warning appears 60 s before the server's idle
//! limit and counts down, "stay" extends the server session (and hides the warning in the other
//! tab), and at zero the page signs out and says why.
//!
//! Skipped with a message where Chromium is missing; `.ci/run` installs it and sets
//! `CAMLO_TEST_REQUIRE_BROWSER=1` so CI never skips.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use camlo_testkit::process::start;
use camlo_testkit::webdriver::{self, Browser};

fn skip(test: &str) -> bool {
    if let Some(why) = webdriver::unavailable() {
        assert!(
            !webdriver::required(),
            "{test}: browser tests are required here but {why}"
        );
        eprintln!("{test}: skipped: {why}");
        return true;
    }
    false
}

fn demo_official(data: &std::path::Path) -> (String, String) {
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    let a = list
        .iter()
        .find(|a| a["role"] == "one_stop_officer")
        .unwrap();
    (
        a["username"].as_str().unwrap().to_owned(),
        a["password"].as_str().unwrap().to_owned(),
    )
}

async fn sign_in(b: &Browser, url: &str, user: &str, password: &str) {
    sign_in_with(b, url, user, password, None).await;
}

/// Signs in, typing the current code of `totp` (the account's secret from demo-accounts.json)
/// on the second-factor page when the account has one.
async fn sign_in_with(b: &Browser, url: &str, user: &str, password: &str, totp: Option<&str>) {
    b.goto(&format!("{url}/login")).await;
    b.type_into(&b.find("#username").await, user).await;
    b.type_into(&b.find("#password").await, password).await;
    b.click(&b.find("form.form button[type=submit]").await)
        .await;
    if let Some(secret) = totp {
        b.wait_until(10, "the second-factor page", || async {
            b.url().await.contains("/login/totp")
        })
        .await;
        // The demo server runs on the real clock.
        #[allow(clippy::disallowed_methods)]
        let now = chrono::Utc::now().timestamp();
        let code = camlo_domain::accounts::totp::current_code(secret, now).unwrap();
        b.type_into(&b.find("#code").await, &code).await;
        b.click(&b.find("form.form button[type=submit]").await)
            .await;
    }
    b.wait_until(10, "the home page after sign-in", || async {
        !b.url().await.contains("/login")
    })
    .await;
}

async fn status(b: &Browser) -> serde_json::Value {
    let text = b.script("var x = new XMLHttpRequest(); x.open('GET', '/session/status', false); x.setRequestHeader('Accept', 'application/json'); x.send(); return x.responseText;").await;
    serde_json::from_str(text.as_str().unwrap()).unwrap()
}

async fn seconds_shown(b: &Browser) -> i64 {
    b.text(&b.find("#idle-seconds").await)
        .await
        .parse()
        .unwrap_or(-1)
}

#[tokio::test]
async fn browser_idle_warning_counts_down_stays_and_signs_out() {
    if skip("browser_idle_warning_counts_down_stays_and_signs_out") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    // Officials' idle limit shortened to 64 s: the warning shows after 4 s of inactivity.
    let server = start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[("CAMLO_SESSIONS__OFFICIAL_IDLE_SECS", "64")],
    );
    let (user, password) = demo_official(&data);
    let b = Browser::start().await;
    sign_in(&b, &server.url, &user, &password).await;
    b.goto(&format!("{}/account", server.url)).await;
    let dialog = b.find("#idle-dialog").await;
    assert!(
        !b.displayed(&dialog).await,
        "no warning right after activity"
    );
    assert_eq!(
        b.attr(&dialog, "role").await.as_deref(),
        Some("alertdialog")
    );

    // The warning appears with the portal's wording and counts down.
    b.wait_until(15, "the idle warning", || async {
        b.displayed(&dialog).await
    })
    .await;
    let text = b.text(&dialog).await;
    assert!(
        text.contains("Bạn đã không thao tác trong một thời gian. Phiên đăng nhập sẽ kết thúc sau"),
        "{text}"
    );
    assert!(
        text.contains("giây.") && text.contains("Tiếp tục làm việc"),
        "{text}"
    );
    let first = seconds_shown(&b).await;
    assert!(
        (50..=60).contains(&first),
        "countdown starts near 60: {first}"
    );
    b.wait_until(5, "the countdown to move", || async {
        seconds_shown(&b).await < first
    })
    .await;
    // Focus is on the button, so the keyboard works.
    let stay = b.find("#idle-stay").await;
    assert_eq!(b.active().await, stay, "focus moves to the button");
    // Polling does not extend the server session.
    let before = status(&b).await["idle_remaining"].as_i64().unwrap();
    assert!(before <= 60, "server agrees the warning is due: {before}");

    // A second tab shows the same warning; "stay" in one hides it in both.
    let first_tab = b.window().await;
    b.new_tab().await;
    b.goto(&format!("{}/account", server.url)).await;
    let second_tab = b.window().await;
    b.switch_to(&first_tab).await;
    b.keys("\u{E007}").await; // Enter on the focused button
    b.wait_until(5, "the warning to close", || async {
        !b.displayed(&b.find("#idle-dialog").await).await
    })
    .await;
    let after = status(&b).await["idle_remaining"].as_i64().unwrap();
    assert!(after > 60, "stay extended the server session: {after}");
    b.switch_to(&second_tab).await;
    b.wait_until(10, "the other tab to follow", || async {
        !b.displayed(&b.find("#idle-dialog").await).await
    })
    .await;
    b.switch_to(&first_tab).await;

    // The officer starts a counter intake and leaves it half typed.
    b.goto(&format!("{}/mot-cua/tiep-nhan", server.url)).await;
    b.type_into(&b.find("#applicant_name").await, "Nguyễn Văn Khôi")
        .await;

    // No more activity: at zero the page signs out and says why.
    b.wait_until(90, "the sign-out at zero", || async {
        b.url().await.contains("/login?reason=idle")
    })
    .await;
    assert!(
        b.url().await.contains("next=%2Fmot-cua%2Ftiep-nhan"),
        "{}",
        b.url().await
    );
    let notice = main_text(&b).await;
    assert!(
        notice.contains("Bạn đã được đăng xuất vì không sử dụng"),
        "{notice}"
    );
    assert_eq!(
        status(&b).await["authenticated"],
        false,
        "the server session is gone"
    );
    b.screenshot(&dir.path().join("signed-out.png")).await;

    // Signing in again returns to the same page, with what was typed put back.
    b.type_into(&b.find("#username").await, &user).await;
    b.type_into(&b.find("#password").await, &password).await;
    b.click(&b.find("form.form button[type=submit]").await)
        .await;
    b.wait_until(10, "back on the intake page", || async {
        b.url().await.ends_with("/mot-cua/tiep-nhan")
    })
    .await;
    b.wait_until(5, "the typed name restored", || async {
        b.script("return document.getElementById('applicant_name').value;")
            .await
            .as_str()
            == Some("Nguyễn Văn Khôi")
    })
    .await;
    assert!(b.displayed(&b.find("#draft-restored").await).await);
    drop(server);
}

#[tokio::test]
async fn browser_every_demo_account_signs_in_through_the_form() {
    if skip("browser_every_demo_account_signs_in_through_the_form") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let server = start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    );
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    let b = Browser::start().await;
    b.goto(&server.url).await;
    let h1 = b.text(&b.find("h1").await).await;
    assert_eq!(h1, "Huyện Cam Lộ");
    for a in &list {
        sign_in_with(
            &b,
            &server.url,
            a["username"].as_str().unwrap(),
            a["password"].as_str().unwrap(),
            a["totp"].as_str(),
        )
        .await;
        assert_eq!(status(&b).await["authenticated"], true, "{}", a["username"]);
        b.script(
            "var f = document.querySelector('form[action=\"/logout\"]'); f.submit(); return 1;",
        )
        .await;
        b.wait_until(10, "sign-out", || async {
            b.url().await.contains("reason=logout")
        })
        .await;
    }
}

fn demo_account(data: &std::path::Path, role: &str) -> (String, String) {
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    let a = list.iter().find(|a| a["role"] == role).unwrap();
    (
        a["username"].as_str().unwrap().to_owned(),
        a["password"].as_str().unwrap().to_owned(),
    )
}

/// Fetches a URL with the page's own session and returns the body bytes (what "download" gets).
async fn download(b: &Browser, path: &str) -> Vec<u8> {
    let js = format!(
        "var x = new XMLHttpRequest(); x.open('GET', '{path}', false); \
         x.overrideMimeType('text/plain; charset=x-user-defined'); x.send(); \
         if (x.status !== 200) {{ return 'status ' + x.status; }} \
         var s = x.responseText, out = ''; \
         for (var i = 0; i < s.length; i++) {{ out += String.fromCharCode(s.charCodeAt(i) & 0xff); }} \
         return 'ok ' + btoa(out);"
    );
    let v = b.script(&js).await;
    let text = v.as_str().unwrap();
    let b64 = text
        .strip_prefix("ok ")
        .unwrap_or_else(|| panic!("{path}: {text}"));
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .unwrap()
}

#[tokio::test]
async fn browser_citizen_files_with_an_attachment_and_downloads_the_receipt() {
    if skip("browser_citizen_files_with_an_attachment_and_downloads_the_receipt") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let server = start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    );
    // The officer of the 2025 commune Cam Lộ's public service centre receives the dossier.
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    let officer = list
        .iter()
        .find(|a| a["username"] == "motcua.xacamlo")
        .unwrap();
    let api = camlo_testkit::http::Client::new(&server.url);
    let login = api
        .post_json(
            "/api/v1/session",
            &serde_json::json!({ "username": officer["username"], "password": officer["password"] }),
        )
        .await;
    assert_eq!(login.status, 200, "{}", login.text);
    api.set_bearer(Some(login.json()["token"].as_str().unwrap().to_owned()));

    // The citizen files online: details, one attachment, review, submit.
    let (citizen, password) = demo_account(&data, "citizen");
    let b = Browser::start().await;
    sign_in(&b, &server.url, &citizen, &password).await;
    b.goto(&format!("{}/thu-tuc/1.004873", server.url)).await;
    b.click(&b.find("a[href='/nop-ho-so/1.004873']").await)
        .await;
    let name = b.find("#applicant_name").await;
    if b.attr(&name, "value").await.unwrap_or_default().is_empty() {
        b.type_into(&name, "Hồ Văn Bình").await;
    }
    b.type_into(
        &b.find("#applicant_address").await,
        "Thôn Nghĩa Hy, xã Cam Lộ",
    )
    .await;
    let chosen = b
        .script(
            "var s = document.getElementById('receiving_unit_id'); \
             for (var i = 0; i < s.options.length; i++) { \
               if (s.options[i].text.indexOf('xã Cam Lộ') >= 0) { s.selectedIndex = i; return s.options[i].text; } } \
             return '';",
        )
        .await;
    assert!(chosen.as_str().unwrap().contains("Cam Lộ"), "{chosen}");
    b.click(&b.find("form.form button[type=submit]").await)
        .await;
    b.wait_until(10, "the documents step", || async {
        b.url().await.contains("/tai-lieu")
    })
    .await;
    let scan = dir.path().join("to-khai.pdf");
    std::fs::write(
        &scan,
        camlo_testkit::files::pdf("to khai xac nhan tinh trang hon nhan"),
    )
    .unwrap();
    b.type_into(&b.find("#file-0").await, scan.to_str().unwrap())
        .await;
    b.click(&b.find("form.upload button[type=submit]").await)
        .await;
    b.wait_until(10, "the uploaded file listed", || async {
        b.script("return document.body.innerText.indexOf('to-khai.pdf') >= 0;")
            .await
            .as_bool()
            .unwrap_or(false)
    })
    .await;
    b.click(&b.find("a.button[href$='/kiem-tra']").await).await;
    b.wait_until(10, "the review step", || async {
        b.url().await.contains("/kiem-tra")
    })
    .await;
    let review = main_text(&b).await;
    assert!(review.contains("to-khai.pdf"), "{review}");
    b.click(&b.find("form[action$='/thao-tac/submit'] button").await)
        .await;
    b.wait_until(10, "the confirmation with the code", || async {
        b.script("var p = document.querySelector('p.big'); return p ? p.innerText : '';")
            .await
            .as_str()
            .is_some_and(|s| s.contains('-'))
    })
    .await;
    let code = b
        .script("return document.querySelector('p.big').innerText.trim();")
        .await
        .as_str()
        .unwrap()
        .to_owned();
    let dossier_url = b.url().await;

    // The officer receives it; the citizen downloads the receipt from the dossier page.
    let res = api
        .post_json(
            &format!("/api/v1/dossiers/{code}/actions/accept"),
            &serde_json::json!({}),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let due_date = res.json()["due_at_local"].as_str().unwrap()[..10].to_owned();
    b.goto(&dossier_url).await;
    let link = b.find("a[href$='/giay-hen.pdf']").await;
    let href = b.attr(&link, "href").await.unwrap();
    let pdf = download(&b, &href).await;
    assert!(pdf.starts_with(b"%PDF"));
    let text = pdf_extract::extract_text_from_mem(&pdf)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains(&code), "code {code} in {text}");
    assert!(
        text.contains("xác nhận tình trạng hôn nhân"),
        "procedure in {text}"
    );
    assert!(text.contains(&due_date), "due {due_date} in {text}");
    drop(server);
}

/// axe-core from npm: `CAMLO_TEST_AXE_JS`, or where `.ci/run` installs it.
fn axe_source() -> Option<String> {
    let path = std::env::var("CAMLO_TEST_AXE_JS").unwrap_or_else(|_| {
        format!(
            "{}/.cache/camlo-npm/node_modules/axe-core/axe.min.js",
            std::env::var("HOME").unwrap_or_default()
        )
    });
    std::fs::read_to_string(&path).ok()
}

/// Runs axe-core on the open page for WCAG 2.x levels A and AA; returns the violations.
async fn axe(b: &Browser, source: &str) -> Vec<serde_json::Value> {
    b.script(&format!("{source}\n;return typeof axe;")).await;
    let result = b
        .script_async(
            "var done = arguments[arguments.length - 1]; \
             axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }) \
               .then(function (r) { done(JSON.stringify(r.violations.map(function (v) { \
                 return { id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' :: ' + n.failureSummary; }) }; }))); }) \
               .catch(function (e) { done(JSON.stringify([{ id: 'axe-error', help: String(e) }])); });",
        )
        .await;
    serde_json::from_str(result.as_str().unwrap()).unwrap()
}

#[tokio::test]
async fn browser_axe_core_finds_no_wcag_a_or_aa_violations() {
    let test = "browser_axe_core_finds_no_wcag_a_or_aa_violations";
    if skip(test) {
        return;
    }
    let Some(source) = axe_source() else {
        assert!(
            !webdriver::required(),
            "{test}: axe-core is required here (npm install axe-core, or set CAMLO_TEST_AXE_JS)"
        );
        eprintln!("{test}: skipped: axe-core not installed (npm install axe-core)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let server = start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    );
    let api = camlo_testkit::http::Client::new(&server.url);
    let first_document = api.get("/api/v1/documents").await.json()[0]["url"]
        .as_str()
        .unwrap()
        .to_owned();
    let articles = api.get("/api/v1/articles").await.json();
    let first_article = articles["items"][0]["url"]
        .as_str()
        .or_else(|| articles[0]["url"].as_str())
        .unwrap_or_else(|| panic!("no article in {articles}"))
        .to_owned();
    let pages = [
        "/".to_owned(),
        first_article,
        "/tim-kiem?q=cai+cach+hanh+chinh".to_owned(),
        "/van-ban".to_owned(),
        first_document,
        "/thu-tuc".to_owned(),
        "/thu-tuc/1.004873".to_owned(),
        "/tra-cuu".to_owned(),
        "/login".to_owned(),
        "/phan-anh".to_owned(),
        "/hoi-dap".to_owned(),
    ];
    let b = Browser::start().await;
    let mut failures = Vec::new();
    for path in &pages {
        b.goto(&format!("{}{path}", server.url)).await;
        let violations = axe(&b, &source).await;
        if !violations.is_empty() {
            failures.push(format!(
                "{path}: {}",
                serde_json::to_string_pretty(&violations).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The check itself works: an image without a text alternative is reported.
    b.script("document.body.insertAdjacentHTML('beforeend', '<img src=\"/static/none.png\">'); return 1;")
        .await;
    let violations = axe(&b, &source).await;
    assert!(
        violations.iter().any(|v| v["id"] == "image-alt"),
        "{violations:?}"
    );
    drop(server);
}

fn demo_password(data: &std::path::Path, username: &str) -> String {
    let list: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(data.join("demo-accounts.json")).unwrap()).unwrap();
    list.iter()
        .find(|a| a["username"] == username)
        .unwrap_or_else(|| panic!("no demo account {username}"))["password"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The text of `<main>` read in one step (a find followed by a read can go stale when the page
/// navigates in between).
async fn main_text(b: &Browser) -> String {
    b.script("var m = document.querySelector('main'); return m ? m.innerText : '';")
        .await
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

async fn sign_out(b: &Browser) {
    b.script("var f = document.querySelector('form[action=\"/logout\"]'); f.submit(); return 1;")
        .await;
    b.wait_until(10, "sign-out", || async {
        b.url().await.contains("reason=logout")
    })
    .await;
}

#[tokio::test]
async fn browser_editor_writes_reviewer_publishes_and_a_visitor_finds_it() {
    if skip("browser_editor_writes_reviewer_publishes_and_a_visitor_finds_it") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("demo");
    let server = start(
        env!("CARGO_BIN_EXE_camlo"),
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[],
    );
    let url = &server.url;
    let title = "Khánh thành nhà văn hóa thôn An Mỹ";
    let b = Browser::start().await;

    // The editor writes and sends for review.
    sign_in(
        &b,
        url,
        "bientap.camlo",
        &demo_password(&data, "bientap.camlo"),
    )
    .await;
    b.goto(&format!("{url}/bien-tap/bai-viet/moi")).await;
    b.type_into(&b.find("#title").await, title).await;
    b.type_into(
        &b.find("#summary").await,
        "Thôn An Mỹ, xã Cam Tuyền có nhà văn hóa mới.",
    )
    .await;
    b.type_into(
        &b.find("#body").await,
        "Nhà văn hóa thôn An Mỹ được khánh thành, phục vụ sinh hoạt cộng đồng.",
    )
    .await;
    b.click(&b.find("form.wide button[type=submit]").await)
        .await;
    b.wait_until(10, "the saved draft", || async {
        b.url().await.contains("m=saved")
    })
    .await;
    let article = b.url().await.split('?').next().unwrap().to_owned();
    assert!(main_text(&b).await.contains("Nháp"));
    assert!(
        b.script("return document.querySelector('button[value=publish]') === null;")
            .await
            .as_bool()
            .unwrap(),
        "an editor is not offered Publish"
    );
    b.click(&b.find("button[value=submit]").await).await;
    b.wait_until(10, "the article awaiting review", || async {
        main_text(&b).await.contains("Chờ duyệt")
    })
    .await;
    sign_out(&b).await;

    // The reviewer publishes.
    sign_in(
        &b,
        url,
        "duyettin.camlo",
        &demo_password(&data, "duyettin.camlo"),
    )
    .await;
    b.goto(&article).await;
    b.click(&b.find("button[value=publish]").await).await;
    b.wait_until(10, "the published article", || async {
        main_text(&b).await.contains("Đã đăng")
    })
    .await;
    sign_out(&b).await;

    // A visitor sees it on the home page and finds it typing without diacritics.
    b.goto(url).await;
    assert!(main_text(&b).await.contains(title));
    b.goto(&format!("{url}/tim-kiem")).await;
    b.type_into(&b.find("#q").await, "nha van hoa an my").await;
    b.click(&b.find("form.search-form button[type=submit]").await)
        .await;
    b.wait_until(10, "the search results", || async {
        b.url().await.contains("q=nha")
    })
    .await;
    let first = b.find("ol.hits li h2 a").await;
    assert_eq!(b.text(&first).await, title);
    assert!(b.text(&b.find("ol.hits mark").await).await.len() > 1);
    b.click(&first).await;
    b.wait_until(10, "the article page", || async {
        b.url()
            .await
            .contains("/tin-tuc/khanh-thanh-nha-van-hoa-thon-an-my")
    })
    .await;
    assert_eq!(b.text(&b.find("h1").await).await, title);
    b.screenshot(&dir.path().join("article.png")).await;
}
