//! The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01, A5) of a received dossier, as a
//! PDF from camlo-print, with a QR code that opens the lookup page.

use camlo_domain::clock::to_local;
use camlo_domain::units::UnitKind;
use camlo_print::{
    Agency, Applicant, DocumentForm, DocumentRow, Issued, Lookup, ReceiptCopy, ReceiptData, Request,
};
use camlo_store::dossiers::Dossier;
use camlo_store::{accounts, procedures, units};

use crate::AppState;
use crate::error::{AppError, AppResult};

/// "10 giờ 15 phút, ngày 02/11/2026" in Vietnam's time.
pub fn vn_time(ts: i64) -> String {
    let t = to_local(camlo_store::from_ts(ts));
    t.format("%H giờ %M phút, ngày %d/%m/%Y").to_string()
}

fn form_of(text: &str) -> DocumentForm {
    let t = camlo_domain::text::fold(text);
    if t.contains("chinh") {
        DocumentForm::Original
    } else if t.contains("sao") {
        DocumentForm::Copy
    } else {
        DocumentForm::Scan
    }
}

/// Renders the receipt of a received dossier.
pub async fn pdf(state: &AppState, d: &Dossier, base_url: &str) -> AppResult<Vec<u8>> {
    let (Some(code), Some(received), Some(due)) = (d.code.clone(), d.received_at, d.due_at) else {
        return Err(AppError::conflict("DOS-0001"));
    };
    let p = procedures::get(&state.store, d.procedure_id).await?;
    let office = units::get(&state.store, d.receiving_unit_id).await?;
    let mut parent_name = None;
    let mut place = office.name.clone();
    for id in units::ancestors(&state.store, office.id).await? {
        let u = units::get(&state.store, id).await?;
        if parent_name.is_none() {
            parent_name = Some(u.name.clone());
        }
        if u.kind.is_administrative() {
            place = [
                "Thị trấn ",
                "Xã ",
                "Phường ",
                "Huyện ",
                "Thị xã ",
                "Thành phố ",
                "Tỉnh ",
                "Đặc khu ",
            ]
            .iter()
            .find_map(|prefix| u.name.strip_prefix(prefix))
            .unwrap_or(&u.name)
            .to_owned();
            break;
        }
        if u.kind == UnitKind::PeopleCommittee {
            continue;
        }
    }
    let events = camlo_store::dossiers::events(&state.store, d.id).await?;
    let officer = match events
        .iter()
        .rev()
        .find(|e| e.action == "accept")
        .and_then(|e| e.actor_id)
    {
        Some(id) => accounts::get(&state.store, camlo_domain::accounts::AccountId(id))
            .await
            .map(|a| a.display_name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let data = ReceiptData {
        agency: Agency {
            parent: parent_name,
            name: office.name.clone(),
        },
        issued: Issued {
            place,
            date: to_local(camlo_store::from_ts(received)).date(),
        },
        dossier_code: code.clone(),
        copy: ReceiptCopy::Customer,
        applicant: Applicant {
            name: d.applicant_name.clone(),
            address: d.applicant_address.clone(),
            phone: d.applicant_phone.clone(),
            email: d.applicant_email.clone(),
        },
        request: Request {
            procedure_name: p.name.clone(),
            procedure_code: Some(p.code.clone()),
        },
        documents: p
            .documents
            .iter()
            .map(|doc| DocumentRow {
                name: doc.name.clone(),
                form: form_of(&doc.form),
                quantity: doc.quantity,
            })
            .collect(),
        sets: 1,
        legal_time: p.legal_time.text_vi(),
        received_at: vn_time(received),
        due_at: vn_time(due),
        return_place: office.name.clone(),
        register: None,
        officer,
        lookup: d.lookup_secret.clone().map(|secret| Lookup {
            url: format!("{base_url}/tra-cuu?code={code}"),
            secret,
        }),
    };
    tokio::task::spawn_blocking(move || camlo_print::receipt_pdf(&data))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::internal(format!("{}: {e}", e.code())))
}
