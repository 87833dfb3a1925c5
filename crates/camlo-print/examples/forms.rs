//! Writes sample Mẫu 01–03 PDFs to a folder (default `.`) and times the receipt:
//! `cargo run -p camlo-print --example forms -- /tmp/forms`.

use std::path::PathBuf;
use std::time::Instant;

use camlo_print::*;
use chrono::NaiveDate;

fn agency() -> Agency {
    Agency {
        parent: Some("UBND xã Cam Thành".into()),
        name: "Bộ phận Tiếp nhận và Trả kết quả".into(),
    }
}

fn issued() -> Issued {
    Issued {
        place: "Cam Thành".into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default(),
    }
}

fn applicant() -> Applicant {
    Applicant {
        name: "Nguyễn Thị Hằng".into(),
        address: "Thôn Tân Xuân, xã Cam Thành, huyện Cam Lộ, tỉnh Quảng Trị".into(),
        phone: Some("0912 345 678".into()),
        email: Some("hang.nguyen@example.vn".into()),
    }
}

fn request() -> Request {
    Request {
        procedure_name: "Đăng ký khai sinh".into(),
        procedure_code: Some("1.001193".into()),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    std::fs::create_dir_all(&dir)?;
    let receipt = ReceiptData {
        agency: agency(),
        issued: issued(),
        dossier_code: "000.00.08.H50-261102-0001".into(),
        copy: ReceiptCopy::Customer,
        applicant: applicant(),
        request: request(),
        documents: vec![
            DocumentRow {
                name: "Tờ khai đăng ký khai sinh".into(),
                form: DocumentForm::Original,
                quantity: 1,
            },
            DocumentRow {
                name: "Giấy chứng sinh".into(),
                form: DocumentForm::Original,
                quantity: 1,
            },
            DocumentRow {
                name: "Giấy chứng nhận kết hôn của cha, mẹ".into(),
                form: DocumentForm::Copy,
                quantity: 1,
            },
        ],
        sets: 1,
        legal_time: "03 ngày làm việc".into(),
        received_at: "10 giờ 15 phút, ngày 02/11/2026".into(),
        due_at: "10 giờ 15 phút, ngày 05/11/2026".into(),
        return_place: "Bộ phận Tiếp nhận và Trả kết quả xã Cam Thành".into(),
        register: Some(RegisterEntry {
            book: "01/2026".into(),
            line: "0001".into(),
        }),
        officer: "Lê Văn Đức".into(),
        lookup: Some(Lookup {
            url: "https://dichvucong.camlo.example.vn/tra-cuu/000.00.08.H50-261102-0001".into(),
            secret: "7KQ-4MX-29P".into(),
        }),
    };
    let started = Instant::now();
    warm_up()?;
    let warm = started.elapsed();
    let started = Instant::now();
    let pdf = receipt_pdf(&receipt)?;
    let first = started.elapsed();
    // Each run prints a different dossier, as a counter does; identical data would be
    // answered from typst's memo cache.
    let runs: u32 = 20;
    let started = Instant::now();
    for n in 0..runs {
        let mut other = receipt.clone();
        other.dossier_code = format!("000.00.08.H50-261102-{:04}", n + 2);
        other.applicant.name = format!("Nguyễn Thị Hằng {n}");
        receipt_pdf(&other)?;
    }
    println!(
        "warm_up {warm:?}; first receipt {first:?}; then {:?} per receipt over {runs} different receipts",
        started.elapsed() / runs
    );
    std::fs::write(dir.join("mau-01-receipt.pdf"), pdf)?;

    let supplement = SupplementRequestData {
        agency: agency(),
        issued: issued(),
        dossier_code: None,
        applicant: applicant(),
        request: request(),
        items: vec![
            "Bản sao Giấy chứng nhận kết hôn của cha, mẹ (có chứng thực)".into(),
            "Văn bản ủy quyền của người đi đăng ký".into(),
        ],
        reason: "Hồ sơ chưa có giấy tờ chứng minh quan hệ hôn nhân của cha, mẹ.".into(),
        contact_officer: "Lê Văn Đức".into(),
        contact_phone: "0233 3871 234".into(),
        officer: "Lê Văn Đức".into(),
    };
    std::fs::write(
        dir.join("mau-02-supplement.pdf"),
        supplement_request_pdf(&supplement)?,
    )?;

    let refusal = RefusalData {
        agency: agency(),
        issued: issued(),
        dossier_code: None,
        applicant: applicant(),
        request: request(),
        reasons: vec![
            "Thủ tục không thuộc thẩm quyền giải quyết của UBND xã Cam Thành.".into(),
            "Đề nghị bà liên hệ UBND xã Cam Lộ để được hướng dẫn.".into(),
        ],
        officer: "Lê Văn Đức".into(),
    };
    std::fs::write(dir.join("mau-03-refusal.pdf"), refusal_pdf(&refusal)?)?;
    println!("wrote {}", dir.display());
    Ok(())
}
