### camlo-web: messages in Vietnamese (first language). Identifiers are the code's keys with `-` for `.`;
### verbatim foreign text (formats, examples, names) goes in a string literal: { "dd/mm/yyyy" }.

WEB-0001 = Không tìm thấy trang hoặc dữ liệu bạn yêu cầu.
WEB-0002 = Bạn cần đăng nhập để tiếp tục.
WEB-0003 = Bạn không có quyền thực hiện thao tác này.
WEB-0004 = Yêu cầu không hợp lệ hoặc đã hết hạn (CSRF). Hãy tải lại trang và thử lại.
WEB-0005 = Dữ liệu gửi lên không đúng định dạng.
WEB-0006 = Dữ liệu gửi lên quá lớn.
WEB-0007 = Phương thức không được hỗ trợ cho địa chỉ này.
WEB-0008 = Hệ thống đang bận, vui lòng thử lại sau ít phút.
WEB-0009 = Yêu cầu mất quá nhiều thời gian.
WEB-0010 = Dữ liệu đã bị thay đổi hoặc đã tồn tại.
WEB-0011 = Tài khoản có quyền quản trị hoặc phê duyệt phải bật xác thực hai lớp (TOTP) trước khi tiếp tục.

AUTH-0001 = Tên đăng nhập hoặc mật khẩu không đúng.
AUTH-0002 = Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau { $until }.
AUTH-0003 = Mã xác thực không đúng hoặc đã được dùng.
AUTH-0004 = Cần nhập mã xác thực hai lớp.
AUTH-0005 = Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.
AUTH-0006 = Mật khẩu hiện tại không đúng.
AUTH-0007 = Hai mật khẩu mới không khớp.
AUTH-0008 = Có quá nhiều lần đăng nhập không thành công từ mạng của bạn. Vui lòng thử lại sau { $until }.
AUTH-0009 = Có quá nhiều lượt đăng ký tài khoản từ mạng của bạn. Vui lòng thử lại sau một giờ.
AUTH-0010 = Bạn đã nhập sai mã xác thực quá nhiều lần. Vì an toàn, vui lòng đăng nhập lại từ đầu.

ACC-0001 = Tên đăng nhập dài 3–64 ký tự, gồm chữ { "a-z" }, số, dấu chấm, gạch dưới, gạch ngang.
ACC-0002 = Mật khẩu phải có ít nhất 8 ký tự.
ACC-0003 = Mật khẩu không được dài quá 128 ký tự.
ACC-0004 = Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.
ACC-0005 = Số định danh cá nhân (CCCD) không hợp lệ: cần 12 chữ số với mã tỉnh và năm sinh đúng.
ACC-0006 = Số điện thoại di động không hợp lệ (ví dụ 0912345678).
ACC-0007 = Địa chỉ thư điện tử không hợp lệ.
ACC-0008 = Cần nhập số điện thoại hoặc thư điện tử.
ACC-0009 = Vai trò không hợp lệ.
ACC-0010 = Họ tên dài 1–100 ký tự.
ACC-0011 = Mã xác thực không đúng.
ACC-0012 = Tên đăng nhập đã được sử dụng.

UNIT-0001 = Loại đơn vị không hợp lệ.
UNIT-0002 = Loại liên kết không hợp lệ.
UNIT-0003 = Tên đơn vị dài 1–200 ký tự.
UNIT-0004 = Mã đơn vị không đúng định dạng (mã thống kê cho đơn vị hành chính, mã định danh QCVN 102 như { "000.00.00.H50" } cho cơ quan).
UNIT-0005 = Ngày hết hiệu lực phải sau ngày có hiệu lực.
UNIT-0006 = Không tìm thấy đơn vị.

CAL-0001 = Ngày nằm ngoài phạm vi lịch hỗ trợ (1800–2199).
CAL-0002 = Năm nằm ngoài phạm vi lịch hỗ trợ (1800–2199).
CAL-0003 = Tháng âm lịch phải từ 1 đến 12.
CAL-0004 = Năm này không có tháng nhuận đó.
CAL-0005 = Tháng âm lịch này không có ngày đó.
CAL-0006 = Giờ làm việc không hợp lệ.
CAL-0007 = Ngày không thuộc năm đang xác nhận.
CAL-0008 = Một ngày bị nhập hai lần.
CAL-0009 = Một ngày vừa là ngày nghỉ vừa là ngày làm việc bù.
CAL-0010 = Năm này đã có lịch nghỉ.
CAL-0011 = Tổng thời gian các bước không bằng thời hạn giải quyết theo quy định.
CAL-0100 = Ngày phải theo dạng { "YYYY-MM-DD" }.
CAL-0101 = Thời điểm phải theo dạng { "YYYY-MM-DD HH:MM" }.
CAL-0102 = Danh sách ngày nghỉ không hợp lệ: mỗi dòng một ngày { "YYYY-MM-DD" } của năm đó, có thể kèm tên sau một khoảng trắng.

WEB-0012 = Bạn tra cứu quá nhiều lần. Vui lòng thử lại sau một phút.
WEB-0013 = Bạn đã yêu cầu quá nhiều hồ sơ hoặc mục không tìm thấy. Vui lòng thử lại sau ít phút.
WEB-0014 = Máy chủ này không phục vụ tên miền trong yêu cầu. Hãy dùng địa chỉ chính thức của cổng thông tin.
FILE-0001 = Tệp không thuộc loại được chấp nhận (chỉ nhận PDF, JPEG hoặc PNG tùy mục).
FILE-0002 = Tệp bị hỏng hoặc không đúng loại như tên gọi.
FILE-0003 = Tệp PDF chứa nội dung chủ động (mã lệnh, hành động tự chạy, tệp nhúng hoặc mã HTML) nên không được nhận.
FILE-0004 = Ảnh quá lớn (tối đa 10.000 điểm ảnh mỗi chiều và 40 triệu điểm ảnh).

admin-procedures = Thủ tục hành chính

nav-procedures = Thủ tục hành chính
nav-lookup = Tra cứu hồ sơ

os-find = Tìm
os-upload = Tải lên
os-submitted = Đã nộp hồ sơ. Mã hồ sơ của bạn:
os-status = Trạng thái
os-actions = Xử lý hồ sơ
os-note = Nội dung, lý do
os-history = Quá trình xử lý
os-when = Thời gian
os-who = Người thực hiện
os-action = Thao tác
os-received = Đã tiếp nhận hồ sơ và cấp giấy hẹn.

site-title = Cổng thông tin điện tử

nav-home = Trang chủ
nav-login = Đăng nhập
nav-logout = Đăng xuất
nav-register = Đăng ký
nav-account = Tài khoản
nav-admin = Quản trị
nav-calendar = Lịch làm việc
nav-skip = Bỏ qua, đến nội dung chính

lang-switch = { "English" }

login-title = Đăng nhập
login-username = Tên đăng nhập
login-password = Mật khẩu
login-submit = Đăng nhập
login-idle = Bạn đã được đăng xuất vì không sử dụng trong thời gian dài.
login-expired = Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại.
login-logged_out = Bạn đã đăng xuất.
login-no_account = Chưa có tài khoản?

totp-title = Xác thực hai lớp
totp-code = Mã xác thực (6 chữ số)
totp-submit = Xác nhận

register-title = Đăng ký tài khoản công dân
register-name = Họ và tên
register-phone = Số điện thoại di động
register-email = Thư điện tử
register-contact_hint = Nhập ít nhất một trong hai: số điện thoại hoặc thư điện tử.
register-cccd = Số định danh cá nhân (CCCD, không bắt buộc)
register-password_hint = Ít nhất 8 ký tự. Nên dùng một câu dễ nhớ.
register-submit = Đăng ký
register-done = Chúng tôi đã nhận đăng ký của bạn. Nếu tên đăng nhập bạn chọn chưa có ai dùng, tài khoản đã được tạo: mời bạn đăng nhập bằng tên và mật khẩu vừa đặt. Nếu không đăng nhập được, có thể tên đó đã có người khác dùng; hãy đăng ký lại với một tên khác (ví dụ thêm năm sinh vào sau tên).

form-errors = Có lỗi cần sửa

account-title = Tài khoản của tôi
account-roles = Vai trò và đơn vị
account-sessions = Các phiên đăng nhập
account-current = Phiên hiện tại
account-revoke = Thu hồi
account-password = Đổi mật khẩu
account-current_password = Mật khẩu hiện tại
account-new_password = Mật khẩu mới
account-confirm_password = Nhập lại mật khẩu mới
account-password_changed = Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị thu hồi.
account-totp_on = Xác thực hai lớp đang bật.
account-totp_off = Xác thực hai lớp đang tắt.
account-totp_setup = Bật xác thực hai lớp
account-totp_disable = Tắt xác thực hai lớp
account-totp_secret = Nhập khóa bí mật này vào ứng dụng xác thực ({ "Google Authenticator" }, …), rồi nhập mã 6 chữ số để xác nhận:
account-saved = Đã lưu.

# The idle warning officials see all day (issue 11): plain Vietnamese, the countdown between
# the two parts; the HTTP and browser tests pin it.
idle-message = Bạn đã không thao tác trong một thời gian. Phiên đăng nhập sẽ kết thúc sau
idle-seconds = giây.
idle-stay = Tiếp tục làm việc
idle-restored = Nội dung bạn đang nhập trước khi phiên đăng nhập kết thúc đã được khôi phục. Hãy kiểm tra lại trước khi gửi.

admin-title = Quản trị hệ thống
admin-units = Đơn vị
admin-accounts = Tài khoản
admin-audit = Nhật ký hệ thống
admin-calendar = Ngày nghỉ lễ theo năm
admin-new_unit = Thêm đơn vị
admin-new_account = Thêm tài khoản cán bộ
admin-grant = Cấp vai trò
admin-disable = Khóa tài khoản
admin-enable = Mở khóa tài khoản
admin-disabled = Đã khóa
admin-on_date = Hiệu lực vào ngày
admin-save = Lưu

unit-code = Mã
unit-name = Tên
unit-kind = Loại
unit-parent = Trực thuộc
unit-valid_from = Có hiệu lực từ
unit-valid_to = Hết hiệu lực
unit-links = Thay đổi tổ chức

account-position = Chức vụ
account-role = Vai trò
account-unit = Đơn vị

calendar-title = Lịch làm việc và ngày nghỉ lễ
calendar-year = Năm
calendar-solar = Dương lịch
calendar-lunar = Âm lịch
calendar-holiday = Ngày nghỉ
calendar-weekday = Thứ
calendar-calculator = Nộp hôm nay, bao giờ có kết quả?
calendar-received = Thời điểm tiếp nhận hồ sơ hợp lệ
calendar-working_days = Thời hạn giải quyết (ngày làm việc)
calendar-compute = Tính hạn
calendar-due = Hẹn trả kết quả
calendar-rule = Ngày thứ nhất là ngày làm việc kế tiếp sau ngày tiếp nhận hợp lệ; hạn là cuối giờ làm việc của ngày làm việc thứ { "N" }. Thứ Bảy, Chủ nhật và ngày nghỉ lễ không tính.
calendar-confirmed = Đã xác nhận theo quyết định
calendar-computed = Tính theo quy định (chưa xác nhận)
calendar-decision = Số quyết định/thông báo
calendar-days_off = Ngày nghỉ (mỗi dòng: { "YYYY-MM-DD" } tên)
calendar-extra_working = Ngày làm việc bù (thứ Bảy đi làm), mỗi dòng một ngày
calendar-confirm = Xác nhận lịch nghỉ năm
calendar-changed = Đã lưu. Lịch nghỉ của năm đã thay đổi so với trước: các thời hạn đã tính theo lịch cũ không tự dời, chúng mang mã lịch cũ để rà soát (xem nhật ký hệ thống).

hours-title = Giờ làm việc
hours-inherited = Đơn vị đang dùng giờ làm việc của
hours-default = Đơn vị đang dùng giờ làm việc mặc định.
hours-own = Đơn vị có giờ làm việc riêng.
hours-days = Ngày làm việc trong tuần
hours-morning = Buổi sáng ({ "HH:MM" } – { "HH:MM" })
hours-afternoon = Buổi chiều (để trống nếu không làm)
hours-cutoff = Giờ chốt nhận hồ sơ trong ngày (quy tắc 15:00)
hours-inherit = Dùng lại giờ làm việc của đơn vị cấp trên

calendar-unit = Nơi tiếp nhận
calendar-default_hours = Giờ hành chính mặc định

error-title = Có lỗi xảy ra
error-code = Mã lỗi
error-request = Mã yêu cầu (cung cấp cho bộ phận hỗ trợ)

footer-sections = Chuyên mục thông tin
footer-text = Phần mềm { "camlo" }, mã nguồn mở.
