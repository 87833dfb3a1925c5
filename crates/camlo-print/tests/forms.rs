//! Renders each form with Vietnamese data and reads the PDF back: page size from the
//! MediaBox (lopdf), printed text by extraction (pdf-extract). Needs nothing installed.

// A test crate: failing loudly is the point.
#![allow(clippy::unwrap_used, clippy::panic)]

use camlo_print::*;
use chrono::NaiveDate;

const CODE: &str = "000.00.08.H50-261102-0001";
const DUE: &str = "10 giờ 15 phút, ngày 05/11/2026";
/// A5 in PostScript points: 148 × 210 mm.
const A5: (f32, f32) = (419.53, 595.28);

fn agency() -> Agency {
    Agency {
        parent: Some("UBND xã Cam Thành".into()),
        name: "Bộ phận Tiếp nhận và Trả kết quả".into(),
    }
}

fn issued() -> Issued {
    Issued {
        place: "Cam Thành".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
    }
}

fn applicant(name: &str) -> Applicant {
    Applicant {
        name: name.into(),
        address: "Xã Cam Thành, huyện Cam Lộ, tỉnh Quảng Trị".into(),
        phone: Some("0912 345 678".into()),
        email: None,
    }
}

fn request() -> Request {
    Request {
        procedure_name: "Đăng ký khai sinh".into(),
        procedure_code: Some("1.001193".into()),
    }
}

fn receipt(name: &str) -> ReceiptData {
    ReceiptData {
        agency: agency(),
        issued: issued(),
        dossier_code: CODE.into(),
        copy: ReceiptCopy::Customer,
        applicant: applicant(name),
        request: request(),
        documents: vec![
            DocumentRow {
                name: "Tờ khai đăng ký khai sinh".into(),
                form: DocumentForm::Original,
                quantity: 1,
            },
            DocumentRow {
                name: "Giấy chứng nhận kết hôn của cha, mẹ".into(),
                form: DocumentForm::Copy,
                quantity: 2,
            },
        ],
        sets: 1,
        legal_time: "03 ngày làm việc".into(),
        received_at: "10 giờ 15 phút, ngày 02/11/2026".into(),
        due_at: DUE.into(),
        return_place: "Bộ phận Tiếp nhận và Trả kết quả xã Cam Thành".into(),
        register: Some(RegisterEntry {
            book: "01/2026".into(),
            line: "0417".into(),
        }),
        officer: "Lê Văn Đức".into(),
        lookup: Some(Lookup {
            url: format!("https://dichvucong.example.vn/tra-cuu/{CODE}"),
            secret: "7KQ-4MX-29P".into(),
        }),
    }
}

fn supplement(name: &str) -> SupplementRequestData {
    SupplementRequestData {
        agency: agency(),
        issued: issued(),
        dossier_code: Some(CODE.into()),
        applicant: applicant(name),
        request: request(),
        items: vec![
            "Bản sao Giấy chứng nhận kết hôn của cha, mẹ".into(),
            "Văn bản ủy quyền có chứng thực".into(),
        ],
        reason: "Thiếu giấy tờ chứng minh quan hệ cha, mẹ, con".into(),
        contact_officer: "Lê Văn Đức".into(),
        contact_phone: "0233 3871 234".into(),
        officer: "Trương Thị Ngọc Ánh".into(),
    }
}

fn refusal(name: &str) -> RefusalData {
    RefusalData {
        agency: agency(),
        issued: issued(),
        dossier_code: None,
        applicant: applicant(name),
        request: request(),
        reasons: vec!["Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân xã".into()],
        officer: "Lê Văn Đức".into(),
    }
}

/// Whitespace runs become one space: extraction breaks lines where the layout did.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page sizes from each page's MediaBox, in points.
fn page_sizes(pdf: &[u8]) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).unwrap();
            let (_, media_box) = doc.dereference(page.get(b"MediaBox").unwrap()).unwrap();
            let n: Vec<f32> = media_box
                .as_array()
                .unwrap()
                .iter()
                .map(|o| doc.dereference(o).unwrap().1.as_float().unwrap())
                .collect();
            (n[2] - n[0], n[3] - n[1])
        })
        .collect()
}

/// Asserts `pdf` is a PDF of A5 pages whose text holds every string in `expect`; returns the
/// squashed text.
fn check_pdf(pdf: &[u8], expect: &[&str]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "not a PDF");
    let sizes = page_sizes(pdf);
    assert!(!sizes.is_empty());
    for (w, h) in sizes {
        assert!(
            (w - A5.0).abs() < 0.5 && (h - A5.1).abs() < 0.5,
            "{w} × {h} is not A5"
        );
    }
    let text = squash(&pdf_extract::extract_text_from_mem(pdf).unwrap());
    for want in expect {
        assert!(
            text.contains(&squash(want)),
            "{want:?} missing from:\n{text}"
        );
    }
    text
}

#[test]
fn receipt_is_a5_and_prints_its_data() {
    let pdf = receipt_pdf(&receipt("Nguyễn Thị Hằng")).unwrap();
    check_pdf(
        &pdf,
        &[
            CODE,
            "Đăng ký khai sinh",
            "Nguyễn Thị Hằng",
            DUE,
            "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc",
            "Cam Thành, ngày 02 tháng 11 năm 2026",
            "UBND XÃ CAM THÀNH",
            "Liên: Giao khách hàng",
            "Xã Cam Thành, huyện Cam Lộ, tỉnh Quảng Trị",
            "Giấy chứng nhận kết hôn của cha, mẹ",
            "Bản sao",
            "03 ngày làm việc",
            "quyển số: 01/2026",
            "Lê Văn Đức",
            "7KQ-4MX-29P",
        ],
    );
}

#[test]
fn receipt_archive_copy_without_register_or_lookup() {
    let mut data = receipt("Hồ Sỹ Quý");
    data.copy = ReceiptCopy::Archive;
    data.register = None;
    data.lookup = None;
    data.applicant.phone = None;
    let text = check_pdf(
        &receipt_pdf(&data).unwrap(),
        &["Liên: Lưu", "Hồ Sỹ Quý", CODE],
    );
    assert!(!text.contains("quyển số"));
    assert!(!text.contains("Mã tra cứu"));
}

#[test]
fn supplement_request_is_a5_and_numbers_its_items() {
    let pdf = supplement_request_pdf(&supplement("Nguyễn Thị Hằng")).unwrap();
    check_pdf(
        &pdf,
        &[
            "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
            CODE,
            "Nguyễn Thị Hằng",
            "Đăng ký khai sinh",
            "1. Bản sao Giấy chứng nhận kết hôn của cha, mẹ",
            "2. Văn bản ủy quyền có chứng thực",
            "Thiếu giấy tờ chứng minh quan hệ cha, mẹ, con",
            "0233 3871 234",
            "Trương Thị Ngọc Ánh",
        ],
    );
}

#[test]
fn refusal_is_a5_and_states_the_reason() {
    let mut data = refusal("Nguyễn Thị Hằng");
    data.request.procedure_code = None;
    let pdf = refusal_pdf(&data).unwrap();
    let text = check_pdf(
        &pdf,
        &[
            "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ",
            "Nguyễn Thị Hằng",
            "Đăng ký khai sinh",
            "Thủ tục không thuộc thẩm quyền của Ủy ban nhân dân xã",
            "Lê Văn Đức",
        ],
    );
    assert!(!text.contains("mã thủ tục"));
}

#[test]
fn refusal_lists_several_reasons() {
    let mut data = refusal("Nguyễn Thị Hằng");
    data.reasons.push("Hồ sơ giả mạo chữ ký".into());
    check_pdf(
        &refusal_pdf(&data).unwrap(),
        &["• Thủ tục không thuộc", "• Hồ sơ giả mạo chữ ký"],
    );
}

#[test]
fn characters_missing_from_the_font_do_not_fail_the_render() {
    let pdf = receipt_pdf(&receipt("Nguyễn Thị Hằng 阮氏姮 🙂")).unwrap();
    check_pdf(&pdf, &["Nguyễn Thị Hằng", CODE, DUE]);
}

#[test]
fn empty_lists_still_render() {
    let mut data = receipt("Nguyễn Thị Hằng");
    data.documents.clear();
    check_pdf(&receipt_pdf(&data).unwrap(), &[CODE]);
    let mut data = supplement("Nguyễn Thị Hằng");
    data.items.clear();
    check_pdf(
        &supplement_request_pdf(&data).unwrap(),
        &["Nguyễn Thị Hằng"],
    );
}

/// Text that would be markup or code if it were pasted into the template.
const HOSTILE: &str =
    r#"Trần #Văn *Bình* $x^2$ ] \ <nhãn> @ref _nghiêng_ `mã` #panic("x") // chú thích"#;

#[test]
fn markup_characters_in_user_text_print_literally() {
    let mut data = receipt(HOSTILE);
    data.request.procedure_name = "Đăng ký #khai #sinh]".into();
    data.documents[0].name = "Tờ khai *mẫu* #1 \\ [bản in]".into();
    let text = check_pdf(
        &receipt_pdf(&data).unwrap(),
        &[
            HOSTILE,
            "Đăng ký #khai #sinh]",
            "Tờ khai *mẫu* #1 \\ [bản in]",
        ],
    );
    assert!(text.contains(CODE));
    check_pdf(
        &supplement_request_pdf(&supplement(HOSTILE)).unwrap(),
        &[HOSTILE],
    );
    check_pdf(&refusal_pdf(&refusal(HOSTILE)).unwrap(), &[HOSTILE]);
}

#[test]
fn a_long_documents_table_flows_onto_more_a5_pages() {
    let mut data = receipt("Nguyễn Thị Hằng");
    let row = data.documents[0].clone();
    data.documents = (1..=40)
        .map(|n| DocumentRow {
            name: format!("{} số {n}", row.name),
            ..row.clone()
        })
        .collect();
    let pdf = receipt_pdf(&data).unwrap();
    assert!(page_sizes(&pdf).len() > 1);
    check_pdf(&pdf, &["số 40", DUE]);
}

#[test]
fn rendering_is_deterministic() {
    let data = receipt("Nguyễn Thị Hằng");
    assert_eq!(receipt_pdf(&data).unwrap(), receipt_pdf(&data).unwrap());
}

#[test]
fn renders_from_several_threads_at_once() {
    let pdfs: Vec<Vec<u8>> = std::thread::scope(|s| {
        let handles: Vec<_> = ["Nguyễn Thị Hằng", "Lê Văn Đức"]
            .into_iter()
            .map(|name| s.spawn(move || receipt_pdf(&receipt(name)).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    check_pdf(&pdfs[0], &["Nguyễn Thị Hằng"]);
    check_pdf(&pdfs[1], &["Lê Văn Đức"]);
}

#[test]
fn data_round_trips_through_json() {
    let data = receipt("Nguyễn Thị Hằng");
    let json = serde_json::to_value(&data).unwrap();
    assert_eq!(json["copy"], "customer");
    assert_eq!(json["documents"][1]["form"], "copy");
    assert_eq!(json["issued"]["date"], "2026-11-02");
    let back: ReceiptData = serde_json::from_value(json).unwrap();
    assert_eq!(back, data);
}

#[test]
fn a_lookup_url_too_long_for_a_qr_code_is_an_error() {
    let mut data = receipt("Nguyễn Thị Hằng");
    if let Some(lookup) = data.lookup.as_mut() {
        lookup.url = "x".repeat(3000);
    }
    let err = receipt_pdf(&data).unwrap_err();
    assert_eq!(err.code(), "PRN-0005");
}
