//! Data-driven tests of the index: one fixture, one `check` helper.

use chrono::NaiveDate;

use crate::{Doc, Query, SearchIndex};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn doc(key: &str, kind: &str, title: &str, body: &str, unit: &str, day: &str) -> Doc {
    Doc {
        key: key.into(),
        kind: kind.into(),
        title: title.into(),
        body: body.into(),
        url: format!("/{}", key.replace(':', "/")),
        unit: (!unit.is_empty()).then(|| unit.into()),
        date: (!day.is_empty()).then(|| date(day)),
    }
}

fn fixture() -> SearchIndex {
    let index = SearchIndex::in_memory().unwrap();
    index
        .upsert(&[
            doc(
                "article:1",
                "article",
                "Tin hoạt động",
                "Cam Lộ đẩy mạnh cải cách hành chính, xây dựng phong trào Dân vận khéo",
                "cam-lo",
                "2025-03-10",
            ),
            // Different diacritics on the same letters: "cài" (to fasten), not "cải".
            doc(
                "article:2",
                "article",
                "Thông báo",
                "Hướng dẫn cài cách đặt lịch hẹn trực tuyến",
                "cam-thuy",
                "2025-06-01",
            ),
            doc(
                "document:3",
                "document",
                "Quyết định 15/QĐ-UBND",
                "Ban hành kế hoạch cải tạo đường giao thông nông thôn",
                "cam-lo",
                "2024-12-31",
            ),
            doc(
                "procedure:4",
                "procedure",
                "Đăng ký khai sinh",
                "Thủ tục hành chính đăng ký khai sinh tại Ủy ban nhân dân xã",
                "",
                "",
            ),
            doc(
                "article:5",
                "article",
                "Cảnh báo",
                "Không chạy <script>alert(1)</script> cải cách & an toàn",
                "cam-lo",
                "2025-01-05",
            ),
        ])
        .unwrap();
    index
}

/// The keys found for `q`, in rank order, must be `expect`.
fn check(index: &SearchIndex, q: &Query, expect: &[&str]) {
    let results = index.search(q).unwrap();
    let keys: Vec<&str> = results.hits.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, expect, "query {q:?}");
    assert_eq!(results.total, expect.len(), "total for {q:?}");
}

fn text(t: &str) -> Query {
    Query::text(t)
}

#[test]
fn words_match_with_or_without_diacritics() {
    let index = fixture();
    for (q, expect) in [
        ("cai cach hanh chinh", &["article:1"][..]),
        ("dan van kheo", &["article:1"]),
        ("Dân vận khéo", &["article:1"]),
        ("đẩy mạnh", &["article:1"]),
        ("day manh", &["article:1"]),
        ("ĐẨY MẠNH", &["article:1"]),
        // NFD input is normalised before tokenising.
        ("đa\u{0302}\u{0309}y", &["article:1"]),
        ("15/QĐ-UBND", &["document:3"]),
        ("qd ubnd", &["document:3"]),
        ("", &[]),
        ("  , . ", &[]),
        ("không-có-từ-này", &[]),
    ] {
        check(&index, &text(q), expect);
    }
}

#[test]
fn exact_diacritics_rank_first() {
    let index = fixture();
    // "cải cách" is in articles 1 and 5 with these diacritics; article 2 has "cài cách".
    let hits = index.search(&text("Cải cách")).unwrap().hits;
    let keys: Vec<&str> = hits.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys.len(), 3);
    assert_eq!(keys[2], "article:2", "{keys:?}");
    // And the other way round: "cài cách" puts article 2 first.
    let hits = index.search(&text("cài cách")).unwrap().hits;
    assert_eq!(hits[0].key, "article:2");
    assert_eq!(hits.len(), 3);
    assert!(hits[0].score > hits[1].score);
}

#[test]
fn all_words_must_match() {
    let index = fixture();
    for (q, expect) in [
        // "cải" alone is in 1, 2 (folded), 3 (cải tạo) and 5.
        ("cải hành chính", &["article:1"][..]),
        ("cải tạo", &["document:3"]),
        ("cải cách khai sinh", &[]),
        ("đăng ký khai sinh", &["procedure:4"]),
        ("dang ky khai tu", &[]),
    ] {
        check(&index, &text(q), expect);
    }
}

#[test]
fn phrase_ranks_above_scattered_words() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .upsert(&[
            doc(
                "a:1",
                "article",
                "x",
                "hành động chính là cải thiện",
                "",
                "",
            ),
            doc("a:2", "article", "x", "cải cách hành chính", "", ""),
        ])
        .unwrap();
    check(&index, &text("hanh chinh"), &["a:2", "a:1"]);
}

#[test]
fn filters() {
    let index = fixture();
    let q = |kind: Option<&str>, unit: Option<&str>, from: &str, to: &str| Query {
        kind: kind.map(Into::into),
        unit: unit.map(Into::into),
        from: (!from.is_empty()).then(|| date(from)),
        to: (!to.is_empty()).then(|| date(to)),
        ..text("cai")
    };
    for (query, expect) in [
        (
            q(None, None, "", ""),
            &["article:1", "article:2", "article:5", "document:3"][..],
        ),
        (q(Some("document"), None, "", ""), &["document:3"]),
        (q(Some("procedure"), None, "", ""), &[]),
        (q(None, Some("cam-thuy"), "", ""), &["article:2"]),
        (
            q(Some("article"), Some("cam-lo"), "", ""),
            &["article:1", "article:5"],
        ),
        (
            q(None, None, "2025-01-01", ""),
            &["article:1", "article:2", "article:5"],
        ),
        (
            q(None, None, "", "2025-01-05"),
            &["article:5", "document:3"],
        ),
        (
            q(None, None, "2025-01-06", "2025-06-01"),
            &["article:1", "article:2"],
        ),
        (q(None, None, "2024-12-31", "2024-12-31"), &["document:3"]),
    ] {
        let mut keys: Vec<String> = index
            .search(&query)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.key)
            .collect();
        // Equal-scoring order is not the point here.
        keys.sort();
        assert_eq!(keys, expect, "query {query:?}");
    }
}

#[test]
fn paging_and_limits() {
    let index = fixture();
    let all = index.search(&text("cai")).unwrap();
    assert_eq!(all.total, 4);
    let page = index
        .search(&Query {
            offset: 1,
            limit: 2,
            ..text("cai")
        })
        .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(page.hits, all.hits[1..3]);
    let none = index
        .search(&Query {
            limit: 0,
            ..text("cai")
        })
        .unwrap();
    assert_eq!((none.total, none.hits.len()), (4, 0));
}

#[test]
fn upsert_replaces_and_delete_removes() {
    let index = fixture();
    assert_eq!(index.len(), 5);
    index
        .upsert(&[doc(
            "article:1",
            "article",
            "Tin mới",
            "Nội dung đã sửa về chuyển đổi số",
            "cam-lo",
            "2025-03-11",
        )])
        .unwrap();
    assert_eq!(index.len(), 5);
    check(&index, &text("dan van kheo"), &[]);
    check(&index, &text("chuyển đổi số"), &["article:1"]);
    let hit = &index.search(&text("chuyen doi so")).unwrap().hits[0];
    assert_eq!(
        (hit.title.as_str(), hit.date),
        ("Tin mới", Some(date("2025-03-11")))
    );

    index.delete("article:1").unwrap();
    index.delete("article:999").unwrap();
    check(&index, &text("chuyen doi so"), &[]);
    assert_eq!(index.len(), 4);

    index.clear().unwrap();
    assert!(index.is_empty());
    check(&index, &text("cai"), &[]);
}

#[test]
fn hits_carry_their_fields() {
    let index = fixture();
    let hit = &index.search(&text("khai sinh")).unwrap().hits[0];
    assert_eq!(
        (
            hit.key.as_str(),
            hit.kind.as_str(),
            hit.title.as_str(),
            hit.url.as_str(),
            hit.unit.as_deref(),
            hit.date
        ),
        (
            "procedure:4",
            "procedure",
            "Đăng ký khai sinh",
            "/procedure/4",
            None,
            None
        )
    );
    let hit = &index.search(&text("kế hoạch")).unwrap().hits[0];
    assert_eq!(
        (hit.unit.as_deref(), hit.date),
        (Some("cam-lo"), Some(date("2024-12-31")))
    );
}

/// The snippet of `key` for `q` contains every `expect` and no `absent`.
fn check_snippet(index: &SearchIndex, q: &str, key: &str, expect: &[&str], absent: &[&str]) {
    let hits = index.search(&text(q)).unwrap().hits;
    let hit = hits.iter().find(|h| h.key == key).unwrap();
    for e in expect {
        assert!(
            hit.snippet.contains(e),
            "{q:?}: {:?} lacks {e:?}",
            hit.snippet
        );
    }
    for a in absent {
        assert!(
            !hit.snippet.contains(a),
            "{q:?}: {:?} has {a:?}",
            hit.snippet
        );
    }
}

#[test]
fn snippets_mark_the_original_words() {
    let index = fixture();
    for (q, key, expect, absent) in [
        (
            "cai cach hanh chinh",
            "article:1",
            &[
                "<mark>cải</mark> <mark>cách</mark> <mark>hành</mark> <mark>chính</mark>",
                "Cam Lộ đẩy mạnh",
            ][..],
            &[][..],
        ),
        (
            "Dân vận khéo",
            "article:1",
            &["<mark>Dân</mark> <mark>vận</mark> <mark>khéo</mark>"],
            &[],
        ),
        // Found through the folded form: the original "cài" is marked.
        (
            "Cải cách",
            "article:2",
            &["<mark>cài</mark> <mark>cách</mark>"],
            &[],
        ),
        // Bodies are escaped; only our <mark> is markup.
        (
            "alert an toàn",
            "article:5",
            &["&lt;script&gt;", "<mark>alert</mark>", "&amp;"],
            &["<script>"],
        ),
        // A title-only match shows the start of the body.
        (
            "tin hoạt động",
            "article:1",
            &["Cam Lộ đẩy mạnh"],
            &["<mark>"],
        ),
    ] {
        check_snippet(&index, q, key, expect, absent);
    }
}

#[test]
fn snippets_prefer_the_exact_form_when_it_covers_the_query() {
    let index = SearchIndex::in_memory().unwrap();
    index
        .upsert(&[doc(
            "a:1",
            "article",
            "x",
            "cài cách này, cải cách kia",
            "",
            "",
        )])
        .unwrap();
    check_snippet(
        &index,
        "cải cách",
        "a:1",
        &["cài <mark>cách</mark> này, <mark>cải</mark> <mark>cách</mark> kia"],
        &["<mark>cài</mark>"],
    );
    check_snippet(
        &index,
        "cai cach",
        "a:1",
        &["<mark>cài</mark> <mark>cách</mark> này, <mark>cải</mark> <mark>cách</mark>"],
        &[],
    );
}

#[test]
fn a_folder_index_survives_reopening() {
    let dir = std::env::temp_dir().join(format!("camlo-search-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    {
        let index = SearchIndex::open(&dir).unwrap();
        assert!(index.is_empty());
        index
            .upsert(&[doc(
                "article:1",
                "article",
                "Cam Lộ",
                "Dân vận khéo",
                "",
                "",
            )])
            .unwrap();
        // A second open while the first holds the writer lock fails instead of corrupting.
        assert!(SearchIndex::open(&dir).is_err());
    }
    let index = SearchIndex::open(&dir).unwrap();
    check(&index, &text("dan van"), &["article:1"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn error_codes_are_stable() {
    use crate::SearchError;
    assert_eq!(SearchError::SchemaChanged.code(), "SRCH-0003");
    assert_eq!(SearchError::Poisoned.code(), "SRCH-0004");
    assert_eq!(SearchError::Folder(String::new()).code(), "SRCH-0002");
}

#[test]
fn the_index_can_be_shared_between_request_handlers() {
    fn shareable<T: Send + Sync + 'static>() {}
    shareable::<SearchIndex>();
}
