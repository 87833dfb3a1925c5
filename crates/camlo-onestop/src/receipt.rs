//! The receipt (Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 01, A5) of a received dossier, as a
//! PDF from camlo-print, with a QR code that opens the lookup page.

use camlo_domain::clock::to_local;
use camlo_domain::units::UnitKind;
use camlo_print::{
    Agency, Applicant, DocumentForm, DocumentRow, Issued, Lookup, ReceiptCopy, ReceiptData,
    RefusalData, Request, SupplementRequestData,
};
use camlo_store::dossiers::Dossier;
use camlo_store::{accounts, procedures, units};

use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};

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

/// The parts every form shares: the agency heading, the place for the date line, the applicant
/// and the request.
struct Heading {
    agency: Agency,
    place: String,
    applicant: Applicant,
    request: Request,
}

async fn heading(
    state: &AppState,
    d: &Dossier,
) -> AppResult<(
    Heading,
    camlo_domain::procedures::Procedure,
    camlo_domain::units::Unit,
)> {
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
    let h = Heading {
        agency: Agency {
            parent: parent_name,
            name: office.name.clone(),
        },
        place,
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
    };
    Ok((h, p, office))
}

/// The latest event with one of `actions`, and the display name of who did it.
async fn last_event(
    state: &AppState,
    d: &Dossier,
    actions: &[&str],
) -> AppResult<Option<(camlo_store::dossiers::Event, String)>> {
    let events = camlo_store::dossiers::events(&state.store, d.id).await?;
    let Some(e) = events
        .into_iter()
        .rev()
        .find(|e| actions.contains(&e.action.as_str()))
    else {
        return Ok(None);
    };
    let name = match e.actor_id {
        Some(id) => accounts::get(&state.store, camlo_domain::accounts::AccountId(id))
            .await
            .map(|a| a.display_name)
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(Some((e, name)))
}

/// The lines of an officer's note: one item or reason per line.
fn lines(note: Option<&str>) -> Vec<String> {
    note.unwrap_or_default()
        .lines()
        .map(|l| {
            l.trim()
                .trim_start_matches(['-', '•', '*'])
                .trim()
                .to_owned()
        })
        .filter(|l| !l.is_empty())
        .collect()
}

async fn render<F>(f: F) -> AppResult<Vec<u8>>
where
    F: FnOnce() -> Result<Vec<u8>, camlo_print::PrintError> + Send + 'static,
{
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::internal(format!("{}: {e}", e.code())))
}

/// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02) for a dossier whose completion or supplement
/// was requested; the officer's note gives the items, one per line.
pub async fn supplement_pdf(state: &AppState, d: &Dossier) -> AppResult<Vec<u8>> {
    let Some((e, officer)) =
        last_event(state, d, &["request_completion", "request_supplement"]).await?
    else {
        return Err(AppError::not_found());
    };
    let (h, _, _) = heading(state, d).await?;
    let items = lines(e.note.as_deref());
    let data = SupplementRequestData {
        agency: h.agency,
        issued: Issued {
            place: h.place,
            date: to_local(camlo_store::from_ts(e.at)).date(),
        },
        dossier_code: d.code.clone(),
        applicant: h.applicant,
        request: h.request,
        reason: if e.action == "request_supplement" {
            "Hồ sơ cần bổ sung để thẩm định, giải quyết theo quy định".into()
        } else {
            "Hồ sơ chưa đầy đủ, chưa hợp lệ theo quy định".into()
        },
        items,
        contact_officer: officer.clone(),
        // Units carry no telephone yet; the form leaves the line blank to fill in by hand.
        contact_phone: "....................".into(),
        officer,
    };
    render(move || camlo_print::supplement_request_pdf(&data)).await
}

/// Phiếu từ chối tiếp nhận, giải quyết hồ sơ (Mẫu 03) for a refused dossier; the officer's note
/// gives the reasons, one per line.
pub async fn refusal_pdf(state: &AppState, d: &Dossier) -> AppResult<Vec<u8>> {
    let Some((e, officer)) = last_event(state, d, &["refuse", "reject"]).await? else {
        return Err(AppError::not_found());
    };
    let (h, _, _) = heading(state, d).await?;
    let data = RefusalData {
        agency: h.agency,
        issued: Issued {
            place: h.place,
            date: to_local(camlo_store::from_ts(e.at)).date(),
        },
        dossier_code: d.code.clone(),
        applicant: h.applicant,
        request: h.request,
        reasons: lines(e.note.as_deref()),
        officer,
    };
    render(move || camlo_print::refusal_pdf(&data)).await
}

/// Renders the receipt of a received dossier.
pub async fn pdf(state: &AppState, d: &Dossier, base_url: &str) -> AppResult<Vec<u8>> {
    let (Some(code), Some(received), Some(due)) = (d.code.clone(), d.received_at, d.due_at) else {
        return Err(AppError::conflict("DOS-0001"));
    };
    let (h, p, office) = heading(state, d).await?;
    let officer = last_event(state, d, &["accept"])
        .await?
        .map(|(_, name)| name)
        .unwrap_or_default();
    let data = ReceiptData {
        agency: h.agency,
        issued: Issued {
            place: h.place,
            date: to_local(camlo_store::from_ts(received)).date(),
        },
        dossier_code: code.clone(),
        copy: ReceiptCopy::Customer,
        applicant: h.applicant,
        request: h.request,
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
    render(move || camlo_print::receipt_pdf(&data)).await
}
