//! Messages in Vietnamese (first) and English. Keys are error codes or dotted UI names.
//!
//! A plain table rather than Fluent for now: the foundation has no plurals or arguments beyond
//! simple `{name}` substitution, and the table keeps the build lean. A test checks that every
//! key has both languages and that every error code used has a message.

/// The user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// From a code; anything not English is Vietnamese.
    pub fn parse(s: &str) -> Self {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Self::En
        } else {
            Self::Vi
        }
    }

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }
}

/// A crate's messages: Fluent sources in Vietnamese and English.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    /// Vietnamese.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Messages {
    /// No messages of its own.
    pub const NONE: Self = Self { vi: "", en: "" };
}

/// Adds the features' messages to the frame's (idempotent).
pub fn install(_features: impl Iterator<Item = Messages>) {}

/// (key, Vietnamese, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // Errors: HTTP-level.
    (
        "WEB-0001",
        "Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.",
        "The page or record you asked for was not found.",
    ),
    (
        "WEB-0002",
        "Bạn cần đăng nhập để tiếp tục.",
        "Please sign in to continue.",
    ),
    (
        "WEB-0003",
        "Bạn không có quyền thực hiện thao tác này.",
        "You are not allowed to do this.",
    ),
    (
        "WEB-0004",
        "Yêu cầu không hợp lệ hoặc đã hết hạn (CSRF). Hãy tải lại trang và thử lại.",
        "The request was not valid or has expired (CSRF). Reload the page and try again.",
    ),
    (
        "WEB-0005",
        "Dữ liệu gửi lên không đúng định dạng.",
        "The submitted data is not in the expected format.",
    ),
    (
        "WEB-0006",
        "Dữ liệu gửi lên quá lớn.",
        "The submitted data is too large.",
    ),
    (
        "WEB-0007",
        "Phương thức không được hỗ trợ cho địa chỉ này.",
        "This method is not allowed here.",
    ),
    (
        "WEB-0008",
        "Hệ thống đang bận, vui lòng thử lại sau ít phút.",
        "The system is busy; please try again in a few minutes.",
    ),
    (
        "WEB-0009",
        "Yêu cầu mất quá nhiều thời gian.",
        "The request took too long.",
    ),
    (
        "WEB-0010",
        "Dữ liệu đã bị thay đổi hoặc đã tồn tại.",
        "The record was changed or already exists.",
    ),
    (
        "WEB-0011",
        "Quản trị hệ thống phải bật xác thực hai lớp (TOTP) trước khi tiếp tục.",
        "System administrators must turn on two-step verification (TOTP) before going on.",
    ),
    // Errors: authentication.
    (
        "AUTH-0001",
        "Tên đăng nhập hoặc mật khẩu không đúng.",
        "The username or password is not correct.",
    ),
    (
        "AUTH-0002",
        "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau {until}.",
        "Too many failed attempts. You may try again after {until}.",
    ),
    (
        "AUTH-0003",
        "Mã xác thực không đúng hoặc đã được dùng.",
        "The verification code is not correct or was already used.",
    ),
    (
        "AUTH-0004",
        "Cần nhập mã xác thực hai lớp.",
        "A two-step verification code is required.",
    ),
    (
        "AUTH-0005",
        "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
        "Your session has expired. Please sign in again.",
    ),
    (
        "AUTH-0006",
        "Mật khẩu hiện tại không đúng.",
        "The current password is not correct.",
    ),
    (
        "AUTH-0007",
        "Hai mật khẩu mới không khớp.",
        "The two new passwords do not match.",
    ),
    // Errors: accounts (from camlo-domain).
    (
        "ACC-0001",
        "Tên đăng nhập dài 3–64 ký tự, gồm chữ a-z, số, dấu chấm, gạch dưới, gạch ngang.",
        "Usernames are 3 to 64 characters: letters a-z, digits, dot, underscore, hyphen.",
    ),
    (
        "ACC-0002",
        "Mật khẩu phải có ít nhất 8 ký tự.",
        "The password must have at least 8 characters.",
    ),
    (
        "ACC-0003",
        "Mật khẩu không được dài quá 128 ký tự.",
        "The password must have at most 128 characters.",
    ),
    (
        "ACC-0004",
        "Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.",
        "This password is too common and easy to guess. Choose another.",
    ),
    (
        "ACC-0005",
        "Số định danh cá nhân (CCCD) không hợp lệ: cần 12 chữ số với mã tỉnh và năm sinh đúng.",
        "The citizen ID number is not valid: 12 digits with a valid province code and birth year.",
    ),
    (
        "ACC-0006",
        "Số điện thoại di động không hợp lệ (ví dụ 0912345678).",
        "The mobile number is not valid (for example 0912345678).",
    ),
    (
        "ACC-0007",
        "Địa chỉ thư điện tử không hợp lệ.",
        "The e-mail address is not valid.",
    ),
    (
        "ACC-0008",
        "Cần nhập số điện thoại hoặc thư điện tử.",
        "Enter a phone number or an e-mail address.",
    ),
    ("ACC-0009", "Vai trò không hợp lệ.", "Unknown role."),
    (
        "ACC-0010",
        "Họ tên dài 1–100 ký tự.",
        "The name must be 1 to 100 characters.",
    ),
    (
        "ACC-0011",
        "Mã xác thực không đúng.",
        "The verification code is not correct.",
    ),
    (
        "ACC-0012",
        "Tên đăng nhập đã được sử dụng.",
        "This username is taken.",
    ),
    // Errors: units.
    (
        "UNIT-0001",
        "Loại đơn vị không hợp lệ.",
        "Unknown kind of unit.",
    ),
    (
        "UNIT-0002",
        "Loại liên kết không hợp lệ.",
        "Unknown kind of link.",
    ),
    (
        "UNIT-0003",
        "Tên đơn vị dài 1–200 ký tự.",
        "The unit name must be 1 to 200 characters.",
    ),
    (
        "UNIT-0004",
        "Mã đơn vị không đúng định dạng (mã thống kê cho đơn vị hành chính, mã định danh QCVN 102 như 000.00.00.H50 cho cơ quan).",
        "The unit code is not valid (a statistical code for administrative units, a QCVN 102 identifier such as 000.00.00.H50 for agencies).",
    ),
    (
        "UNIT-0005",
        "Ngày hết hiệu lực phải sau ngày có hiệu lực.",
        "The end date must be after the start date.",
    ),
    ("UNIT-0006", "Không tìm thấy đơn vị.", "Unit not found."),
    // Errors: calendar.
    (
        "CAL-0001",
        "Ngày nằm ngoài phạm vi lịch hỗ trợ (1800–2199).",
        "The date is outside the supported calendar range (1800–2199).",
    ),
    (
        "CAL-0002",
        "Năm nằm ngoài phạm vi lịch hỗ trợ (1800–2199).",
        "The year is outside the supported calendar range (1800–2199).",
    ),
    (
        "CAL-0003",
        "Tháng âm lịch phải từ 1 đến 12.",
        "Lunar months run from 1 to 12.",
    ),
    (
        "CAL-0004",
        "Năm này không có tháng nhuận đó.",
        "This year has no such leap month.",
    ),
    (
        "CAL-0005",
        "Tháng âm lịch này không có ngày đó.",
        "This lunar month has no such day.",
    ),
    (
        "CAL-0006",
        "Giờ làm việc không hợp lệ.",
        "The office hours are not valid.",
    ),
    (
        "CAL-0007",
        "Ngày không thuộc năm đang xác nhận.",
        "A date is outside the year being confirmed.",
    ),
    (
        "CAL-0008",
        "Một ngày bị nhập hai lần.",
        "A date is listed twice.",
    ),
    (
        "CAL-0009",
        "Một ngày vừa là ngày nghỉ vừa là ngày làm việc bù.",
        "A date is both a day off and a make-up working day.",
    ),
    (
        "CAL-0010",
        "Năm này đã có lịch nghỉ.",
        "This year already has rules.",
    ),
    (
        "CAL-0011",
        "Tổng thời gian các bước không bằng thời hạn giải quyết theo quy định.",
        "The step budgets do not add up to the legal processing time.",
    ),
    (
        "CAL-0100",
        "Ngày phải theo dạng YYYY-MM-DD.",
        "Dates must be written YYYY-MM-DD.",
    ),
    (
        "CAL-0101",
        "Thời điểm phải theo dạng YYYY-MM-DD HH:MM.",
        "Times must be written YYYY-MM-DD HH:MM.",
    ),
    (
        "CAL-0102",
        "Danh sách ngày nghỉ không hợp lệ: mỗi dòng một ngày YYYY-MM-DD của năm đó, có thể kèm tên sau dấu tab hoặc dấu cách.",
        "The list of days off is not valid: one YYYY-MM-DD date of that year per line, optionally followed by a name.",
    ),
    // One-stop shop.
    (
        "WEB-0012",
        "Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau một phút.",
        "Too many lookups. Please try again in a minute.",
    ),
    // Document numbers and symbols (NĐ 30/2020, HD 36-HD/VPTW).
    (
        "doc.title",
        "Văn bản chỉ đạo điều hành",
        "Leadership and legal documents",
    ),
    ("doc.of_unit", "Văn bản của", "Documents of"),
    (
        "doc.search",
        "Tìm trong số, ký hiệu, trích yếu",
        "Search number, symbol, summary",
    ),
    ("doc.type", "Loại văn bản", "Type"),
    ("doc.issuer", "Cơ quan ban hành", "Issuing body"),
    ("doc.year", "Năm ban hành", "Year"),
    ("doc.all", "Tất cả", "All"),
    ("doc.filter", "Lọc", "Filter"),
    ("doc.number", "Số, ký hiệu", "Number and symbol"),
    ("doc.issued_on", "Ngày ban hành", "Issued on"),
    ("doc.effective_on", "Ngày có hiệu lực", "In force from"),
    ("doc.expires_on", "Ngày hết hiệu lực", "In force until"),
    ("doc.summary", "Trích yếu", "Summary"),
    ("doc.signer", "Người ký", "Signed by"),
    ("doc.replaces", "Thay thế văn bản", "Replaces"),
    ("doc.replaced_by", "Được thay thế bởi", "Replaced by"),
    ("doc.files", "Tệp văn bản", "Files"),
    ("doc.none", "Chưa có văn bản nào.", "No documents."),
    ("doc.pages", "Trang", "Pages"),
    ("doc.previous", "« Trang trước", "« Previous"),
    ("doc.next", "Trang sau »", "Next »"),
    (
        "doc.consultation",
        "Dự thảo lấy ý kiến",
        "Draft open for comment",
    ),
    (
        "doc.consultation_until",
        "Dự thảo đang lấy ý kiến nhân dân đến",
        "Draft open for public comment until",
    ),
    ("doc.comments", "Ý kiến góp ý", "Comments"),
    ("doc.comment", "Nội dung góp ý", "Your comment"),
    ("doc.send_comment", "Gửi góp ý", "Send comment"),
    (
        "doc.comment_sent",
        "Cảm ơn bạn. Góp ý sẽ được hiển thị sau khi được kiểm duyệt.",
        "Thank you. Your comment will appear once it has been moderated.",
    ),
    ("doc.manage", "Quản lý văn bản", "Manage documents"),
    ("doc.new", "Đăng văn bản mới", "Publish a new document"),
    ("doc.unit", "Đơn vị đăng", "Publishing unit"),
    ("doc.family", "Thể thức", "Format"),
    ("doc.family.auto", "Tự nhận biết", "Recognise automatically"),
    (
        "doc.family.state",
        "Văn bản hành chính Nhà nước (NĐ 30/2020)",
        "State (Decree 30/2020)",
    ),
    (
        "doc.family.party",
        "Văn bản của Đảng (HD 36-HD/VPTW)",
        "Party (Guidance 36-HD/VPTW)",
    ),
    (
        "doc.number_hint",
        "Ví dụ: 15/QĐ-UBND, 12/2026/QĐ-UBND, 26/UBND-VP (công văn), 26-CV/HU (văn bản của Đảng). Không có dấu cách; số nhỏ hơn 10 ghi 01–09.",
        "E.g. 15/QĐ-UBND, 12/2026/QĐ-UBND, 26/UBND-VP (công văn), 26-CV/HU (Party). No spaces; numbers below 10 as 01–09.",
    ),
    ("doc.state", "Trạng thái", "State"),
    ("doc.state.published", "Công bố", "Published"),
    (
        "doc.state.consultation",
        "Dự thảo lấy ý kiến",
        "Draft open for comment",
    ),
    (
        "doc.state.draft",
        "Bản nháp (chưa công bố)",
        "Draft (not public)",
    ),
    ("doc.state.withdrawn", "Đã gỡ", "Withdrawn"),
    (
        "doc.comment_days",
        "Số ngày lấy ý kiến",
        "Days open for comment",
    ),
    ("doc.publish", "Công bố", "Publish"),
    ("doc.withdraw", "Gỡ khỏi cổng", "Withdraw"),
    (
        "doc.open_comment",
        "Lấy ý kiến nhân dân",
        "Open for public comment",
    ),
    ("doc.public_page", "Xem trên cổng", "View on the portal"),
    ("doc.attach", "Đính kèm tệp PDF", "Attach a PDF"),
    ("doc.approve", "Duyệt", "Approve"),
    ("doc.reject", "Không duyệt", "Reject"),
    ("doc.comment.approved", "Đã duyệt", "Approved"),
    ("doc.comment.rejected", "Không duyệt", "Rejected"),
    ("doc.comment.pending", "Chờ duyệt", "Pending"),
    (
        "DOC-0001",
        "Chưa nhập số, ký hiệu văn bản.",
        "The number and symbol is empty.",
    ),
    (
        "DOC-0002",
        "Thiếu dấu \"/\" giữa số và ký hiệu (ví dụ 15/QĐ-UBND).",
        "Missing \"/\" between the number and the symbol (e.g. 15/QĐ-UBND).",
    ),
    (
        "DOC-0003",
        "Số, ký hiệu văn bản không được có dấu cách (kể cả quanh dấu \"/\" và \"-\").",
        "No spaces in a number and symbol, not even around \"/\" or \"-\".",
    ),
    (
        "DOC-0004",
        "Số văn bản phải là chữ số, bắt đầu từ 01.",
        "The document number must be digits, starting from 01.",
    ),
    (
        "DOC-0005",
        "Số nhỏ hơn 10 phải ghi thêm số 0 phía trước (01 đến 09).",
        "Numbers below 10 are written with a leading zero (01 to 09).",
    ),
    (
        "DOC-0006",
        "Số văn bản có quá nhiều chữ số 0 ở đầu.",
        "The document number has too many leading zeros.",
    ),
    (
        "DOC-0007",
        "Chữ viết tắt tên loại văn bản không đúng quy định: {found}.",
        "Unknown document type abbreviation: {found}.",
    ),
    (
        "DOC-0008",
        "Thiếu chữ viết tắt tên cơ quan ban hành.",
        "The issuer abbreviation is missing.",
    ),
    (
        "DOC-0009",
        "Ký hiệu chỉ gồm chữ in hoa, chữ Đ và chữ số.",
        "A symbol holds capital letters, Đ and digits only.",
    ),
    (
        "DOC-0010",
        "Ký hiệu có phần trống giữa hai dấu \"-\".",
        "The symbol has an empty part between hyphens.",
    ),
    (
        "DOC-0011",
        "Văn bản của Đảng ghi số và tên loại nối bằng dấu \"-\" (ví dụ 26-CV/HU).",
        "Party documents join the number and the type with \"-\" (e.g. 26-CV/HU).",
    ),
    (
        "DOC-0012",
        "Số, ký hiệu có quá nhiều dấu \"/\".",
        "Too many \"/\" in the number and symbol.",
    ),
    (
        "DOC-0013",
        "Năm ban hành trong ký hiệu phải có bốn chữ số.",
        "The year in the symbol must have four digits.",
    ),
    (
        "DOC-0014",
        "Số, ký hiệu không đúng thể thức đã chọn (Nhà nước: 15/QĐ-UBND; Đảng: 26-CV/HU).",
        "The number and symbol does not follow the chosen format (state: 15/QĐ-UBND; Party: 26-CV/HU).",
    ),
    (
        "DOC-0015",
        "Chỉ công văn mới ghi tên đơn vị soạn thảo sau tên cơ quan.",
        "Only a công văn names the drafting unit after the issuer.",
    ),
    (
        "DOC-0016",
        "Năm trong ký hiệu khác năm ban hành văn bản.",
        "The year in the symbol differs from the year of issue.",
    ),
    (
        "DOC-0020",
        "Số, ký hiệu này đã được dùng cho một văn bản khác của cơ quan trong cùng ngày.",
        "This number and symbol is already used by another document of the body on that day.",
    ),
    (
        "DOC-0021",
        "Vui lòng nhập trích yếu nội dung.",
        "Please enter the summary.",
    ),
    (
        "DOC-0022",
        "Ngày không hợp lệ (dd/mm/yyyy), hoặc ngày hết hiệu lực trước ngày có hiệu lực.",
        "Invalid date (dd/mm/yyyy), or the end is before the start.",
    ),
    (
        "DOC-0023",
        "Chỉ nhận tệp PDF cho văn bản.",
        "Documents accept PDF files only.",
    ),
    (
        "DOC-0024",
        "Văn bản này không lấy ý kiến, hoặc đã hết thời gian góp ý.",
        "This document is not open for comment, or the comment period is over.",
    ),
    (
        "DOC-0025",
        "Vui lòng nhập họ tên và nội dung góp ý (tối đa 5.000 ký tự).",
        "Please enter your name and your comment (at most 5,000 characters).",
    ),
    (
        "DOC-0026",
        "Bạn đã gửi quá nhiều góp ý. Vui lòng thử lại sau ít phút.",
        "Too many comments from you. Please try again in a few minutes.",
    ),
    (
        "PRO-0001",
        "Mã thủ tục phải có dạng 1.001193.",
        "Procedure codes look like 1.001193.",
    ),
    (
        "PRO-0002",
        "Tên thủ tục không được để trống.",
        "The procedure name must not be empty.",
    ),
    (
        "PRO-0003",
        "Tổng thời gian các bước không bằng thời hạn giải quyết.",
        "The step budgets do not add up to the legal time.",
    ),
    (
        "PRO-0004",
        "Không tìm thấy thủ tục hành chính.",
        "No such procedure.",
    ),
    (
        "PRO-0005",
        "Tệp nhập thủ tục không hợp lệ.",
        "The procedure import file is not valid.",
    ),
    (
        "PRO-0006",
        "Phiên bản mới phải có hiệu lực sau phiên bản hiện hành.",
        "A new version must take effect after the current one.",
    ),
    (
        "admin.procedures",
        "Thủ tục hành chính",
        "Administrative procedures",
    ),
    (
        "pro.import",
        "Nhập từ tệp CSV hoặc JSON",
        "Import from a CSV or JSON file",
    ),
    (
        "pro.import_hint",
        "Mỗi dòng một thủ tục; thành phần hồ sơ và các bước mỗi mục một dòng trong ô, các phần cách nhau bởi dấu |. Tệp chỉ được nhập khi không còn lỗi nào.",
        "One procedure per row; documents and steps one per line inside their cell, parts separated by |. Nothing is stored until the whole file is valid.",
    ),
    (
        "pro.export",
        "Tải danh mục (CSV)",
        "Download the catalogue (CSV)",
    ),
    ("pro.imported", "Đã nhập", "Imported"),
    ("pro.added", "phiên bản mới", "new versions"),
    ("pro.unchanged", "không thay đổi", "unchanged"),
    (
        "pro.problems",
        "Tệp có lỗi, chưa nhập gì",
        "The file has problems; nothing was imported",
    ),
    ("pro.row", "Dòng", "Row"),
    ("pro.column", "Cột", "Column"),
    ("pro.versions", "Các phiên bản", "Versions"),
    ("pro.version", "Phiên bản", "Version"),
    (
        "pro.new_version",
        "Tạo phiên bản mới",
        "Create a new version",
    ),
    ("pro.valid", "Hiệu lực", "In force"),
    ("pro.field.name", "Tên thủ tục", "Name"),
    ("pro.field.sector", "Lĩnh vực", "Sector"),
    (
        "pro.field.levels",
        "Cấp thực hiện (commune; district; province)",
        "Levels (commune; district; province)",
    ),
    ("pro.field.agency", "Cơ quan thực hiện", "Competent agency"),
    (
        "pro.field.legal_time",
        "Thời hạn giải quyết (3d, 8h hoặc same_day)",
        "Legal time (3d, 8h or same_day)",
    ),
    ("pro.field.fees", "Phí, lệ phí", "Fees and charges"),
    (
        "pro.field.documents",
        "Thành phần hồ sơ (mỗi dòng: tên|hình thức|số lượng)",
        "Required documents (per line: name|form|quantity)",
    ),
    ("pro.field.result", "Kết quả", "Result"),
    ("pro.field.legal_basis", "Căn cứ pháp lý", "Legal basis"),
    (
        "pro.field.online",
        "Mức trực tuyến (full, partial, none)",
        "Online level (full, partial, none)",
    ),
    (
        "pro.field.steps",
        "Các bước (mỗi dòng: tên|vai trò|thời gian)",
        "Steps (per line: name|role|time)",
    ),
    (
        "pro.field.valid_from",
        "Hiệu lực từ ngày (dd/mm/yyyy)",
        "In force from (dd/mm/yyyy)",
    ),
    (
        "pro.field.valid_to",
        "Hết hiệu lực (dd/mm/yyyy, để trống nếu chưa có)",
        "In force until (dd/mm/yyyy, empty if open)",
    ),
    (
        "DOS-0001",
        "Không thể thực hiện thao tác này ở trạng thái hiện tại của hồ sơ.",
        "This action is not possible in the dossier's current state.",
    ),
    (
        "DOS-0002",
        "Bạn không được thực hiện thao tác này với hồ sơ.",
        "You may not do this to this dossier.",
    ),
    (
        "DOS-0003",
        "Cần ghi rõ lý do hoặc nội dung.",
        "A reason or note is required.",
    ),
    (
        "DOS-0004",
        "Chỉ được yêu cầu bổ sung trong vòng 3 ngày làm việc kể từ ngày tiếp nhận.",
        "A supplement may be requested only within 3 working days of reception.",
    ),
    (
        "DOS-0005",
        "Chỉ thủ tục giải quyết trong ngày mới được trả kết quả ngay.",
        "Only same-day procedures are returned on the spot.",
    ),
    (
        "DOS-0006",
        "Mã hồ sơ không đúng định dạng.",
        "Not a dossier code.",
    ),
    (
        "DOS-0007",
        "Không tìm thấy hồ sơ với mã và mã tra cứu đã nhập.",
        "No dossier matches this code and secret.",
    ),
    (
        "DOS-0008",
        "Hồ sơ vừa được người khác cập nhật. Hãy tải lại trang và thử lại.",
        "The dossier was changed meanwhile. Reload and try again.",
    ),
    (
        "DOS-0009",
        "Thủ tục này chưa nhận hồ sơ trực tuyến; vui lòng nộp tại Bộ phận Một cửa.",
        "This procedure is not available online; please file at the one-stop counter.",
    ),
    (
        "DOS-0010",
        "Đã hết số hồ sơ trong ngày (tối đa 9.999).",
        "The day's 9,999 dossier numbers are used up.",
    ),
    (
        "DOS-0011",
        "Tệp quá lớn (tối đa 10 MB).",
        "The file is too large (10 MB at most).",
    ),
    (
        "DOS-0012",
        "Chỉ nhận tệp PDF, JPEG hoặc PNG.",
        "Only PDF, JPEG and PNG files are accepted.",
    ),
    (
        "DOS-0013",
        "Hồ sơ đã có quá nhiều tệp.",
        "The dossier has too many files.",
    ),
    (
        "DOS-0014",
        "Cần nhập họ tên và địa chỉ người nộp.",
        "The applicant's name and address are required.",
    ),
    (
        "DOS-0015",
        "Nơi tiếp nhận không hợp lệ: hãy chọn một Bộ phận Một cửa đang hoạt động.",
        "Choose a one-stop office that is in operation.",
    ),
    (
        "DOS-0016",
        "Hãy chọn một tệp để tải lên.",
        "Choose a file to upload.",
    ),
    ("nav.procedures", "Thủ tục hành chính", "Procedures"),
    ("nav.lookup", "Tra cứu hồ sơ", "Track a dossier"),
    ("nav.inbox", "Một cửa", "One-stop"),
    ("nav.my_dossiers", "Hồ sơ của tôi", "My dossiers"),
    (
        "os.catalogue",
        "Thủ tục hành chính",
        "Administrative procedures",
    ),
    ("os.search", "Tìm thủ tục", "Find a procedure"),
    ("os.find", "Tìm", "Search"),
    ("os.found", "thủ tục", "procedures"),
    ("os.sector", "Lĩnh vực", "Sector"),
    ("os.level", "Cấp thực hiện", "Level"),
    ("os.procedure", "Thủ tục", "Procedure"),
    ("os.legal_time", "Thời hạn giải quyết", "Processing time"),
    ("os.online", "Dịch vụ công trực tuyến", "Online service"),
    ("os.online_full", "Toàn trình", "Fully online"),
    ("os.online_partial", "Một phần", "Partly online"),
    ("os.online_none", "Nộp trực tiếp", "At the counter"),
    ("os.agency", "Cơ quan thực hiện", "Competent agency"),
    ("os.fees", "Phí, lệ phí", "Fees"),
    ("os.result", "Kết quả", "Result"),
    ("os.legal_basis", "Căn cứ pháp lý", "Legal basis"),
    ("os.documents", "Thành phần hồ sơ", "Required documents"),
    ("os.document", "Giấy tờ", "Document"),
    ("os.form", "Loại bản", "Form"),
    ("os.quantity", "Số lượng", "Quantity"),
    ("os.steps", "Quy trình giải quyết", "Steps"),
    ("os.file_online", "Nộp hồ sơ trực tuyến", "File online"),
    ("os.step_of", "Bước", "Step"),
    (
        "os.step1",
        "Thông tin người nộp và nơi tiếp nhận",
        "Applicant and receiving office",
    ),
    (
        "os.step2",
        "Tải lên thành phần hồ sơ",
        "Upload the documents",
    ),
    (
        "os.step3",
        "Kiểm tra lại thông tin trước khi nộp",
        "Check your answers before filing",
    ),
    ("os.address", "Địa chỉ", "Address"),
    ("os.office", "Nơi tiếp nhận hồ sơ", "Receiving office"),
    ("os.continue", "Tiếp tục", "Continue"),
    ("os.upload", "Tải lên", "Upload"),
    (
        "os.upload_hint",
        "Mỗi tệp tối đa 10 MB, dạng PDF, JPEG hoặc PNG. Bản chụp cần rõ nét.",
        "Each file up to 10 MB, PDF, JPEG or PNG. Scans must be legible.",
    ),
    ("os.uploaded", "Tệp đã tải lên", "Uploaded files"),
    (
        "os.change_files",
        "Thay đổi tệp đính kèm",
        "Change the files",
    ),
    ("os.submit", "Nộp hồ sơ", "File the dossier"),
    (
        "os.submitted",
        "Đã nộp hồ sơ. Mã hồ sơ của bạn:",
        "Dossier filed. Your dossier code:",
    ),
    ("os.draft", "Hồ sơ nháp", "Draft"),
    ("os.code", "Mã hồ sơ", "Dossier code"),
    ("os.status", "Trạng thái", "Status"),
    ("os.current_unit", "Đơn vị đang giữ hồ sơ", "Held by"),
    ("os.received_at", "Tiếp nhận lúc", "Received at"),
    ("os.secret", "Mã tra cứu", "Lookup secret"),
    (
        "os.secret_optional",
        "Mã tra cứu in trên giấy hẹn (để xem toàn bộ quá trình)",
        "Lookup secret printed on the receipt (to see the whole history)",
    ),
    (
        "os.receipt",
        "Tải giấy tiếp nhận và hẹn trả kết quả (PDF)",
        "Download the receipt (PDF)",
    ),
    (
        "os.supplement_form",
        "Tải phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (PDF)",
        "Download the request for missing documents (PDF)",
    ),
    (
        "os.refusal_form",
        "Tải phiếu từ chối tiếp nhận, giải quyết hồ sơ (PDF)",
        "Download the refusal notice (PDF)",
    ),
    ("os.actions", "Xử lý hồ sơ", "Actions"),
    ("os.note", "Nội dung, lý do", "Note or reason"),
    ("os.files", "Tệp đính kèm", "Files"),
    ("os.history", "Quá trình xử lý", "History"),
    ("os.when", "Thời gian", "When"),
    ("os.who", "Người thực hiện", "Who"),
    ("os.action", "Thao tác", "Action"),
    ("os.mine", "Hồ sơ của tôi", "My dossiers"),
    ("os.applicant", "Người nộp", "Applicant"),
    ("os.inbox", "Hồ sơ cần xử lý", "Dossiers to handle"),
    ("os.intake", "Tiếp nhận hồ sơ tại quầy", "Counter intake"),
    (
        "os.accept",
        "Tiếp nhận và in giấy hẹn",
        "Accept and print the receipt",
    ),
    ("os.lookup", "Tra cứu hồ sơ", "Track a dossier"),
    (
        "os.received",
        "Đã tiếp nhận hồ sơ và cấp giấy hẹn.",
        "Dossier received; receipt issued.",
    ),
    // UI.
    (
        "site.title",
        "Cổng thông tin điện tử",
        "Electronic information portal",
    ),
    ("nav.home", "Trang chủ", "Home"),
    ("nav.login", "Đăng nhập", "Sign in"),
    ("nav.logout", "Đăng xuất", "Sign out"),
    ("nav.register", "Đăng ký", "Register"),
    ("nav.account", "Tài khoản", "Account"),
    ("nav.admin", "Quản trị", "Administration"),
    ("nav.calendar", "Lịch làm việc", "Working calendar"),
    (
        "nav.skip",
        "Bỏ qua, đến nội dung chính",
        "Skip to main content",
    ),
    ("lang.switch", "English", "Tiếng Việt"),
    (
        "home.welcome",
        "Chào mừng đến với Cổng thông tin điện tử",
        "Welcome to the electronic information portal",
    ),
    (
        "home.units",
        "Đơn vị hành chính trực thuộc",
        "Administrative units",
    ),
    ("home.services", "Dịch vụ", "Services"),
    ("login.title", "Đăng nhập", "Sign in"),
    ("login.username", "Tên đăng nhập", "Username"),
    ("login.password", "Mật khẩu", "Password"),
    ("login.submit", "Đăng nhập", "Sign in"),
    (
        "login.idle",
        "Bạn đã được đăng xuất vì không sử dụng trong thời gian dài.",
        "You were signed out after a period without activity.",
    ),
    (
        "login.expired",
        "Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.",
        "Your session has expired. Please sign in again.",
    ),
    (
        "login.logged_out",
        "Bạn đã đăng xuất.",
        "You have signed out.",
    ),
    ("login.no_account", "Chưa có tài khoản?", "No account yet?"),
    ("totp.title", "Xác thực hai lớp", "Two-step verification"),
    (
        "totp.code",
        "Mã xác thực (6 chữ số)",
        "Verification code (6 digits)",
    ),
    ("totp.submit", "Xác nhận", "Confirm"),
    (
        "register.title",
        "Đăng ký tài khoản công dân",
        "Register as a citizen",
    ),
    ("register.name", "Họ và tên", "Full name"),
    ("register.phone", "Số điện thoại di động", "Mobile phone"),
    ("register.email", "Thư điện tử", "E-mail"),
    (
        "register.contact_hint",
        "Nhập ít nhất một trong hai: số điện thoại hoặc thư điện tử.",
        "Enter at least one: a phone number or an e-mail address.",
    ),
    (
        "register.cccd",
        "Số định danh cá nhân (CCCD, không bắt buộc)",
        "Citizen ID number (optional)",
    ),
    (
        "register.password_hint",
        "Ít nhất 8 ký tự. Nên dùng một câu dễ nhớ.",
        "At least 8 characters. A memorable phrase works well.",
    ),
    ("register.submit", "Đăng ký", "Register"),
    (
        "register.done",
        "Đăng ký thành công. Bạn đã được đăng nhập.",
        "Registration complete. You are signed in.",
    ),
    ("form.errors", "Có lỗi cần sửa", "There is a problem"),
    ("account.title", "Tài khoản của tôi", "My account"),
    ("account.roles", "Vai trò và đơn vị", "Roles and units"),
    ("account.sessions", "Các phiên đăng nhập", "Sessions"),
    ("account.current", "Phiên hiện tại", "This session"),
    ("account.revoke", "Thu hồi", "Revoke"),
    ("account.password", "Đổi mật khẩu", "Change password"),
    (
        "account.current_password",
        "Mật khẩu hiện tại",
        "Current password",
    ),
    ("account.new_password", "Mật khẩu mới", "New password"),
    (
        "account.confirm_password",
        "Nhập lại mật khẩu mới",
        "Repeat the new password",
    ),
    (
        "account.password_changed",
        "Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị thu hồi.",
        "Password changed. Your other sessions were ended.",
    ),
    (
        "account.totp_on",
        "Xác thực hai lớp đang bật.",
        "Two-step verification is on.",
    ),
    (
        "account.totp_off",
        "Xác thực hai lớp đang tắt.",
        "Two-step verification is off.",
    ),
    (
        "account.totp_setup",
        "Bật xác thực hai lớp",
        "Turn on two-step verification",
    ),
    (
        "account.totp_disable",
        "Tắt xác thực hai lớp",
        "Turn off two-step verification",
    ),
    (
        "account.totp_secret",
        "Nhập khóa bí mật này vào ứng dụng xác thực (Google Authenticator, …), rồi nhập mã 6 chữ số để xác nhận:",
        "Enter this secret in an authenticator app, then type the 6-digit code to confirm:",
    ),
    ("account.saved", "Đã lưu.", "Saved."),
    (
        "idle.message",
        "Bạn đã không sử dụng Site, Bấm vào đây để duy trì trạng thái đăng nhập. Thời gian chờ:",
        "You have not used the site for a while. Click here to stay signed in. Time left:",
    ),
    ("idle.seconds", "giây", "seconds"),
    ("idle.stay", "Duy trì đăng nhập", "Stay signed in"),
    ("admin.title", "Quản trị hệ thống", "Administration"),
    ("admin.units", "Đơn vị", "Units"),
    ("admin.accounts", "Tài khoản", "Accounts"),
    ("admin.audit", "Nhật ký hệ thống", "Audit log"),
    (
        "admin.calendar",
        "Ngày nghỉ lễ theo năm",
        "Holidays by year",
    ),
    ("admin.new_unit", "Thêm đơn vị", "Add a unit"),
    (
        "admin.new_account",
        "Thêm tài khoản cán bộ",
        "Add an official",
    ),
    ("admin.grant", "Cấp vai trò", "Grant a role"),
    ("admin.disable", "Khóa tài khoản", "Disable account"),
    ("admin.enable", "Mở khóa tài khoản", "Enable account"),
    ("admin.disabled", "Đã khóa", "Disabled"),
    ("admin.on_date", "Hiệu lực vào ngày", "Valid on"),
    ("admin.save", "Lưu", "Save"),
    ("unit.code", "Mã", "Code"),
    ("unit.name", "Tên", "Name"),
    ("unit.kind", "Loại", "Kind"),
    ("unit.parent", "Trực thuộc", "Parent"),
    ("unit.valid_from", "Có hiệu lực từ", "Valid from"),
    ("unit.valid_to", "Hết hiệu lực", "Valid to"),
    ("unit.links", "Thay đổi tổ chức", "Reorganisation"),
    ("account.position", "Chức vụ", "Position"),
    ("account.role", "Vai trò", "Role"),
    ("account.unit", "Đơn vị", "Unit"),
    (
        "calendar.title",
        "Lịch làm việc và ngày nghỉ lễ",
        "Working calendar and public holidays",
    ),
    ("calendar.year", "Năm", "Year"),
    ("calendar.solar", "Dương lịch", "Solar date"),
    ("calendar.lunar", "Âm lịch", "Lunar date"),
    ("calendar.holiday", "Ngày nghỉ", "Day off"),
    ("calendar.weekday", "Thứ", "Weekday"),
    (
        "calendar.calculator",
        "Nộp hôm nay, bao giờ có kết quả?",
        "Submitted today: when is the result due?",
    ),
    (
        "calendar.received",
        "Thời điểm tiếp nhận hồ sơ hợp lệ",
        "When the complete dossier is received",
    ),
    (
        "calendar.working_days",
        "Thời hạn giải quyết (ngày làm việc)",
        "Legal processing time (working days)",
    ),
    ("calendar.compute", "Tính hạn", "Compute"),
    ("calendar.due", "Hẹn trả kết quả", "Result due"),
    (
        "calendar.rule",
        "Ngày thứ nhất là ngày làm việc kế tiếp sau ngày tiếp nhận hợp lệ; hạn là cuối giờ làm việc của ngày làm việc thứ N. Thứ Bảy, Chủ nhật và ngày nghỉ lễ không tính.",
        "Day 1 is the first working day after valid reception; the deadline is the close of office hours on the N-th working day. Saturdays, Sundays and public holidays do not count.",
    ),
    (
        "calendar.confirmed",
        "Đã xác nhận theo quyết định",
        "Confirmed by decision",
    ),
    (
        "calendar.computed",
        "Tính theo quy định (chưa xác nhận)",
        "Computed from the rules (not yet confirmed)",
    ),
    (
        "calendar.decision",
        "Số quyết định/thông báo",
        "Decision or notice number",
    ),
    (
        "calendar.days_off",
        "Ngày nghỉ (mỗi dòng: YYYY-MM-DD tên)",
        "Days off (one per line: YYYY-MM-DD name)",
    ),
    (
        "calendar.extra_working",
        "Ngày làm việc bù (thứ Bảy đi làm), mỗi dòng một ngày",
        "Make-up working days (working Saturdays), one per line",
    ),
    (
        "calendar.confirm",
        "Xác nhận lịch nghỉ năm",
        "Confirm the year's holidays",
    ),
    (
        "calendar.changed",
        "Đã lưu. Lịch nghỉ của năm đã thay đổi so với trước: các thời hạn đã tính theo lịch cũ không tự dời, chúng mang mã lịch cũ để rà soát (xem nhật ký hệ thống).",
        "Saved. The year's days off changed: deadlines computed before keep their dates and carry the old calendar's fingerprint for review (see the audit log).",
    ),
    ("hours.title", "Giờ làm việc", "Office hours"),
    (
        "hours.inherited",
        "Đơn vị đang dùng giờ làm việc của",
        "This unit uses the office hours of",
    ),
    (
        "hours.default",
        "Đơn vị đang dùng giờ làm việc mặc định.",
        "This unit uses the default office hours.",
    ),
    (
        "hours.own",
        "Đơn vị có giờ làm việc riêng.",
        "This unit has its own office hours.",
    ),
    (
        "hours.days",
        "Ngày làm việc trong tuần",
        "Working days of the week",
    ),
    (
        "hours.morning",
        "Buổi sáng (HH:MM – HH:MM)",
        "Morning (HH:MM – HH:MM)",
    ),
    (
        "hours.afternoon",
        "Buổi chiều (để trống nếu không làm)",
        "Afternoon (leave empty if closed)",
    ),
    (
        "hours.cutoff",
        "Giờ chốt nhận hồ sơ trong ngày (quy tắc 15:00)",
        "Same-day cut-off (the 15:00 rule)",
    ),
    (
        "hours.inherit",
        "Dùng lại giờ làm việc của đơn vị cấp trên",
        "Use the parent unit's hours again",
    ),
    ("calendar.unit", "Nơi tiếp nhận", "Receiving office"),
    (
        "calendar.default_hours",
        "Giờ hành chính mặc định",
        "Default office hours",
    ),
    // Feedback and questions.
    (
        "FBK-0001",
        "Không thể thực hiện thao tác này ở trạng thái hiện tại của phản ánh.",
        "This action is not possible in the item's current state.",
    ),
    (
        "FBK-0002",
        "Người gửi không đồng ý công khai nên không thể công khai nội dung này.",
        "The asker did not agree to publication, so it cannot be published.",
    ),
    (
        "FBK-0003",
        "Tiêu đề phải có từ 1 đến 200 ký tự, trên một dòng.",
        "The title must be 1–200 characters on one line.",
    ),
    (
        "FBK-0004",
        "Nội dung phải có từ 10 đến 5000 ký tự.",
        "The content must be 10–5000 characters.",
    ),
    (
        "FBK-0005",
        "Họ và tên phải có từ 1 đến 100 ký tự.",
        "The name must be 1–100 characters.",
    ),
    (
        "FBK-0006",
        "Thông tin liên hệ phải là số điện thoại di động Việt Nam hoặc địa chỉ thư điện tử hợp lệ.",
        "The contact must be a Vietnamese mobile number or a valid e-mail address.",
    ),
    (
        "FBK-0007",
        "Hãy chọn phản ánh, kiến nghị hoặc câu hỏi.",
        "Choose feedback or question.",
    ),
    (
        "FBK-0008",
        "Hãy chọn một đơn vị đang tiếp nhận phản ánh.",
        "Choose a unit that receives feedback today.",
    ),
    (
        "FBK-0009",
        "Nội dung trả lời phải có từ 1 đến 5000 ký tự.",
        "The answer must be 1–5000 characters.",
    ),
    (
        "FBK-0010",
        "Cần nêu lý do (tối đa 1000 ký tự).",
        "A reason (up to 1000 characters) is required.",
    ),
    (
        "FBK-0011",
        "Không tìm thấy phản ánh, câu hỏi với mã này.",
        "No feedback or question with this code was found.",
    ),
    (
        "FBK-0012",
        "Bạn đã gửi quá nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau 10 phút.",
        "Too many submissions in a short time. Please try again in 10 minutes.",
    ),
    (
        "FBK-0013",
        "Mã phản ánh có dạng PAKN-YYMMDD-XXXX.",
        "Feedback codes look like PAKN-YYMMDD-XXXX.",
    ),
    (
        "FBK-0014",
        "Hệ thống đã hết số tiếp nhận trong ngày. Vui lòng gửi lại vào ngày mai.",
        "The day's numbers are used up. Please submit again tomorrow.",
    ),
    (
        "FBK-0015",
        "Phản ánh vừa được người khác cập nhật. Hãy tải lại trang và thử lại.",
        "The item changed meanwhile. Reload the page and try again.",
    ),
    (
        "fb.title",
        "Gửi phản ánh, kiến nghị, câu hỏi",
        "Send feedback or a question",
    ),
    (
        "fb.intro",
        "Mọi người đều có thể gửi phản ánh, kiến nghị hoặc câu hỏi tới chính quyền. Bạn sẽ nhận được mã để theo dõi việc xử lý.",
        "Anyone may send feedback or a question to the local government. You will get a code to follow it.",
    ),
    ("fb.kind", "Loại", "Kind"),
    ("fb.kind_feedback", "Phản ánh, kiến nghị", "Feedback"),
    ("fb.kind_question", "Câu hỏi", "Question"),
    ("fb.unit", "Đơn vị", "Unit"),
    ("fb.choose_unit", "— Chọn đơn vị —", "— Choose a unit —"),
    ("fb.all_units", "Tất cả đơn vị", "All units"),
    ("fb.subject", "Tiêu đề", "Title"),
    ("fb.body", "Nội dung", "Content"),
    (
        "fb.contact",
        "Số điện thoại hoặc thư điện tử (không bắt buộc)",
        "Phone or e-mail (optional)",
    ),
    (
        "fb.contact_hint",
        "Chỉ cán bộ xử lý thấy thông tin này; không bao giờ công khai.",
        "Only the officials handling it see this; it is never published.",
    ),
    ("fb.honeypot", "Để trống ô này", "Leave this field empty"),
    (
        "fb.consent",
        "Tôi đồng ý công khai nội dung và câu trả lời (không công khai họ tên, thông tin liên hệ).",
        "I agree that the content and the answer may be published (never my name or contact).",
    ),
    (
        "fb.consent_short",
        "Đồng ý công khai",
        "Agreed to publication",
    ),
    ("fb.send", "Gửi", "Send"),
    ("fb.follow", "Theo dõi phản ánh", "Follow an item"),
    ("fb.code", "Mã phản ánh", "Code"),
    ("fb.answers", "Hỏi đáp đã trả lời", "Answered questions"),
    ("fb.sent", "Đã gửi thành công", "Sent"),
    ("fb.your_code", "Mã theo dõi của bạn:", "Your code:"),
    (
        "fb.sent_next",
        "Hãy ghi lại mã này để theo dõi tình trạng xử lý. Câu trả lời được công khai khi bạn đồng ý.",
        "Keep this code to follow the handling. The answer is published if you agreed.",
    ),
    ("fb.submitted_at", "Ngày gửi", "Submitted"),
    ("fb.answer", "Trả lời", "Answer"),
    (
        "fb.not_published",
        "Câu trả lời sẽ hiển thị ở đây khi được công khai.",
        "The answer shows here once it is published.",
    ),
    ("fb.published_at", "Ngày công khai", "Published"),
    (
        "fb.none",
        "Chưa có câu hỏi nào được công khai trả lời.",
        "No answers have been published yet.",
    ),
    ("fb.newer", "Mới hơn", "Newer"),
    ("fb.older", "Cũ hơn", "Older"),
    (
        "fb.inbox",
        "Phản ánh, kiến nghị cần xử lý",
        "Feedback to handle",
    ),
    ("fb.chosen", "người gửi chọn", "chosen by the asker"),
    ("fb.yes", "Có", "Yes"),
    ("fb.no", "Không", "No"),
    ("fb.reason", "Lý do", "Reason"),
    (
        "fb.no_consent_note",
        "Người gửi không đồng ý công khai: chỉ trả lời riêng qua mã theo dõi hoặc thông tin liên hệ.",
        "The asker did not agree to publication: answer privately only.",
    ),
    ("fb.route_to", "Chuyển tới đơn vị", "Route to unit"),
    ("nav.feedback", "Phản ánh – Hỏi đáp", "Feedback & Q&A"),
    ("nav.feedback_inbox", "Xử lý phản ánh", "Handle feedback"),
    ("error.title", "Có lỗi xảy ra", "Something went wrong"),
    ("error.code", "Mã lỗi", "Error code"),
    (
        "error.request",
        "Mã yêu cầu (cung cấp cho bộ phận hỗ trợ)",
        "Request id (give it to the help desk)",
    ),
    // Portal.
    (
        "ART-0001",
        "Bước này không thực hiện được ở trạng thái hiện tại của bài viết.",
        "This step is not possible in the article's current state.",
    ),
    (
        "ART-0002",
        "Bạn không có quyền thực hiện thao tác này với bài viết. Biên tập viên viết bài; người duyệt tin mới được đăng, trả lại hoặc gỡ bài.",
        "You may not do this to this article. Editors write; only reviewers publish, return or unpublish.",
    ),
    ("ART-0003", "Cần ghi lý do.", "A reason is required."),
    ("ART-0004", "Cần nhập tiêu đề.", "The title is required."),
    (
        "ART-0005",
        "Tiêu đề quá dài (tối đa 250 ký tự) hoặc không có chữ.",
        "The title is too long (250 characters at most) or has no letters.",
    ),
    (
        "ART-0006",
        "Tóm tắt quá dài (tối đa 1.000 ký tự).",
        "The summary is too long (1,000 characters at most).",
    ),
    (
        "ART-0007",
        "Tên tác giả hoặc nguồn tin quá dài.",
        "The author or source is too long.",
    ),
    (
        "ART-0008",
        "Chuyên mục không có trong danh sách.",
        "This category does not exist.",
    ),
    (
        "ART-0009",
        "Quá nhiều từ khóa (tối đa 12, mỗi từ khóa tối đa 60 ký tự).",
        "Too many tags (12 at most, 60 characters each).",
    ),
    (
        "ART-0010",
        "Nội dung bài viết quá dài.",
        "The article body is too long.",
    ),
    (
        "ART-0011",
        "Thời điểm hết hạn phải sau thời điểm đăng.",
        "The expiry must come after the publication time.",
    ),
    (
        "ART-0012",
        "Ngày giờ không đúng định dạng (dd/mm/yyyy hh:mm).",
        "Not a valid date and time (dd/mm/yyyy hh:mm).",
    ),
    (
        "ART-0013",
        "Không tìm thấy bài viết.",
        "The article was not found.",
    ),
    (
        "ART-0014",
        "Bài viết vừa được người khác thay đổi. Hãy tải lại trang và thử lại.",
        "The article changed meanwhile. Reload the page and try again.",
    ),
    (
        "ART-0015",
        "Chỉ nhận ảnh JPEG hoặc PNG.",
        "Only JPEG and PNG pictures are accepted.",
    ),
    (
        "ART-0016",
        "Ảnh quá lớn (tối đa 10 MB, 10.000 × 10.000 điểm ảnh).",
        "The picture is too large (10 MB and 10,000 × 10,000 pixels at most).",
    ),
    (
        "ART-0017",
        "Chú thích ảnh quá dài (tối đa 300 ký tự).",
        "The caption is too long (300 characters at most).",
    ),
    (
        "ART-0018",
        "Bạn chỉ được đăng bài cho đơn vị mình phụ trách.",
        "You may only publish for a unit you edit for.",
    ),
    (
        "ART-0019",
        "Nội dung ô này quá dài.",
        "This field is too long.",
    ),
    (
        "editor.sites",
        "Trang giới thiệu và liên hệ của đơn vị",
        "Units' introduction and contacts",
    ),
    ("editor.site_page", "Trang giới thiệu", "Introduction page"),
    ("editor.profile", "Thông tin liên hệ", "Contact details"),
    (
        "portal.contact_name",
        "Họ tên người phụ trách liên hệ",
        "Contact officer's name",
    ),
    ("portal.contact_title", "Chức vụ", "Title"),
    (
        "portal.contact_phone",
        "Điện thoại người phụ trách",
        "Contact officer's phone",
    ),
    (
        "portal.contact_email",
        "Thư điện tử công vụ của người phụ trách",
        "Contact officer's official e-mail",
    ),
    ("nav.editorial", "Biên tập", "Editorial"),
    (
        "footer.sections",
        "Chuyên mục thông tin",
        "Information sections",
    ),
    ("menu.introduction", "Giới thiệu", "About"),
    ("menu.organisation", "Cơ cấu tổ chức", "Organisation"),
    ("menu.contacts", "Liên hệ", "Contacts"),
    ("menu.search", "Tìm kiếm", "Search"),
    ("portal.news", "Tin tức – Sự kiện", "News"),
    ("portal.latest", "Tin mới nhất", "Latest news"),
    ("portal.all_news", "Xem tất cả tin", "All news"),
    ("portal.notices", "Thông báo", "Announcements"),
    ("portal.no_news", "Chưa có tin bài.", "No news yet."),
    ("portal.author", "Tác giả bài viết", "Author"),
    ("portal.tag", "Từ khóa", "Tags"),
    (
        "portal.related",
        "Tin cùng chuyên mục",
        "More in this section",
    ),
    ("portal.page", "Trang", "Page"),
    ("portal.pages", "Các trang kết quả", "Pages"),
    ("portal.newer", "Mới hơn", "Newer"),
    ("portal.older", "Cũ hơn", "Older"),
    ("portal.leaders", "Lãnh đạo", "Leaders"),
    (
        "portal.site_ended",
        "Đơn vị này đã kết thúc hoạt động (sắp xếp đơn vị hành chính) từ sau ngày",
        "This unit ceased (administrative reorganisation) after",
    ),
    ("portal.address", "Địa chỉ", "Address"),
    ("portal.phone", "Điện thoại", "Phone"),
    ("portal.email", "Thư điện tử", "E-mail"),
    ("portal.website", "Trang thông tin", "Website"),
    (
        "portal.duties",
        "Chức năng, nhiệm vụ",
        "Functions and duties",
    ),
    (
        "portal.contact_officer",
        "Người phụ trách liên hệ",
        "Contact officer",
    ),
    (
        "portal.units_contacts",
        "Các cơ quan, đơn vị",
        "Agencies and units",
    ),
    ("portal.unit", "Đơn vị", "Unit"),
    ("portal.updated", "Cập nhật lúc", "Updated"),
    ("search.words", "Từ khóa tìm kiếm", "Search words"),
    (
        "search.hint",
        "Gõ có dấu hoặc không dấu đều được, ví dụ: cai cach hanh chinh.",
        "With or without diacritics, e.g. cai cach hanh chinh.",
    ),
    ("search.kind", "Loại nội dung", "Kind"),
    ("search.kind.article", "Tin bài", "News"),
    ("search.kind.procedure", "Thủ tục hành chính", "Procedure"),
    ("search.kind.document", "Văn bản", "Document"),
    ("search.all", "Tất cả", "All"),
    ("search.from", "Từ ngày", "From"),
    ("search.to", "Đến ngày", "To"),
    ("search.results", "kết quả", "results"),
    ("editor.new", "Viết bài mới", "New article"),
    ("editor.awaiting", "Chờ duyệt", "Awaiting review"),
    ("editor.drafts", "Bài nháp", "Drafts"),
    ("editor.published", "Đã đăng", "Published"),
    ("editor.unpublished", "Đã gỡ", "Unpublished"),
    ("editor.none", "Không có bài nào.", "None."),
    ("editor.title", "Tiêu đề", "Title"),
    ("editor.summary", "Tóm tắt (sapo)", "Summary"),
    ("editor.body", "Nội dung", "Body"),
    (
        "editor.body_hint",
        "HTML (đoạn văn, tiêu đề nhỏ, danh sách, bảng, liên kết, ảnh đã tải lên); văn bản thường được chia đoạn theo dòng. Mã không an toàn bị loại bỏ khi lưu.",
        "HTML (paragraphs, subheadings, lists, tables, links, uploaded pictures); plain text is split into paragraphs by line. Unsafe markup is removed on saving.",
    ),
    ("editor.source", "Nguồn tin", "Source"),
    ("editor.category", "Chuyên mục", "Category"),
    (
        "editor.tags_hint",
        "Cách nhau bằng dấu phẩy.",
        "Separated by commas.",
    ),
    (
        "editor.site",
        "Đăng trên trang của đơn vị",
        "Published on the site of",
    ),
    (
        "editor.save",
        "Lưu (tạo phiên bản mới)",
        "Save (new revision)",
    ),
    ("editor.updated", "Cập nhật", "Updated"),
    ("editor.publish_at", "Thời điểm đăng", "Publication time"),
    ("editor.expire_at", "Hết hạn lúc", "Expires at"),
    ("editor.views", "Lượt xem", "Views"),
    ("editor.public_link", "Xem trên cổng", "View on the portal"),
    ("editor.revisions", "Các phiên bản", "Revisions"),
    (
        "editor.compare",
        "So sánh với bản trước",
        "Compare with the previous",
    ),
    (
        "editor.diff",
        "Thay đổi giữa phiên bản",
        "Changes between revisions",
    ),
    ("editor.no_diff", "Không có thay đổi.", "No changes."),
    ("editor.pictures", "Ảnh", "Pictures"),
    (
        "editor.picture",
        "Tải ảnh lên (JPEG hoặc PNG)",
        "Upload a picture (JPEG or PNG)",
    ),
    (
        "editor.picture_hint",
        "Ảnh được tự động thu nhỏ theo các kích thước của giao diện; thông tin ẩn trong ảnh (vị trí, máy chụp) bị loại bỏ.",
        "Pictures are resized to the theme's sizes; hidden data (location, camera) is removed.",
    ),
    ("editor.caption", "Chú thích ảnh", "Caption"),
    (
        "editor.make_cover",
        "Dùng làm ảnh đại diện",
        "Use as the cover picture",
    ),
    ("editor.cover", "ảnh đại diện", "cover"),
    (
        "editor.figure_hint",
        "Chép đoạn mã này vào nội dung để chèn ảnh",
        "Copy this into the body to insert the picture",
    ),
    ("editor.preview", "Xem trước nội dung", "Preview"),
    (
        "editor.statistics",
        "Thống kê truy cập",
        "Visitor statistics",
    ),
    (
        "stats.note",
        "Chỉ đếm số lượt xem theo ngày và theo bài; không lưu địa chỉ, cookie hay bất cứ thông tin nào về người xem, không dùng dịch vụ theo dõi của bên thứ ba.",
        "Only views per day and per article are counted; no address, cookie or anything about visitors is kept, and no third-party tracker is used.",
    ),
    ("stats.since", "Từ ngày", "Since"),
    ("stats.views", "lượt xem", "views"),
    ("stats.per_day", "Lượt xem theo ngày", "Views per day"),
    ("stats.day", "Ngày", "Day"),
    (
        "stats.top",
        "Bài được xem nhiều nhất",
        "Most viewed articles",
    ),
    (
        "footer.text",
        "Phần mềm camlo, mã nguồn mở.",
        "camlo, open-source software.",
    ),
];

/// The message for `key` in `lang` (the key itself when missing, which a test prevents).
pub fn t(lang: Lang, key: &str) -> &str {
    MESSAGES
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(key, |(_, vi, en)| if lang == Lang::En { en } else { vi })
}

/// The message with `{name}` placeholders replaced.
pub fn t_args(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let mut s = t(lang, key).to_owned();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_unique_and_translated() {
        let mut keys: Vec<&str> = MESSAGES.iter().map(|m| m.0).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(before, keys.len(), "duplicate keys");
        for (k, vi, en) in MESSAGES {
            assert!(!vi.is_empty() && !en.is_empty(), "{k}");
        }
    }
}
