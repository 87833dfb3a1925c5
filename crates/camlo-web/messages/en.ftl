### camlo-web: messages in English. Identifiers are the code's keys with `-` for `.`;
### verbatim foreign text (formats, examples, names) goes in a string literal: { "dd/mm/yyyy" }.

WEB-0001 = The page or record you asked for was not found.
WEB-0002 = Please sign in to continue.
WEB-0003 = You are not allowed to do this.
WEB-0004 = The request was not valid or has expired (CSRF). Reload the page and try again.
WEB-0005 = The submitted data is not in the expected format.
WEB-0006 = The submitted data is too large.
WEB-0007 = This method is not allowed here.
WEB-0008 = The system is busy; please try again in a few minutes.
WEB-0009 = The request took too long.
WEB-0010 = The record was changed or already exists.
WEB-0011 = Accounts that administer or approve must turn on two-step verification (TOTP) before going on.

AUTH-0001 = The username or password is not correct.
AUTH-0002 = Too many failed attempts. You may try again after { $until }.
AUTH-0003 = The verification code is not correct or was already used.
AUTH-0004 = A two-step verification code is required.
AUTH-0005 = Your session has expired. Please sign in again.
AUTH-0006 = The current password is not correct.
AUTH-0007 = The two new passwords do not match.
AUTH-0008 = Too many failed sign-ins from your network. You may try again after { $until }.
AUTH-0009 = Too many registrations from your network. Please try again in an hour.
AUTH-0010 = Too many wrong verification codes. For your safety, please sign in again from the start.

ACC-0001 = Usernames are 3 to 64 characters: letters a-z, digits, dot, underscore, hyphen.
ACC-0002 = The password must have at least 8 characters.
ACC-0003 = The password must have at most 128 characters.
ACC-0004 = This password is too common and easy to guess. Choose another.
ACC-0005 = The citizen ID number is not valid: 12 digits with a valid province code and birth year.
ACC-0006 = The mobile number is not valid (for example 0912345678).
ACC-0007 = The e-mail address is not valid.
ACC-0008 = Enter a phone number or an e-mail address.
ACC-0009 = Unknown role.
ACC-0010 = The name must be 1 to 100 characters.
ACC-0011 = The verification code is not correct.
ACC-0012 = This username is taken.

UNIT-0001 = Unknown kind of unit.
UNIT-0002 = Unknown kind of link.
UNIT-0003 = The unit name must be 1 to 200 characters.
UNIT-0004 = The unit code is not valid (a statistical code for administrative units, a QCVN 102 identifier such as { "000.00.00.H50" } for agencies).
UNIT-0005 = The end date must be after the start date.
UNIT-0006 = Unit not found.

CAL-0001 = The date is outside the supported calendar range (1800–2199).
CAL-0002 = The year is outside the supported calendar range (1800–2199).
CAL-0003 = Lunar months run from 1 to 12.
CAL-0004 = This year has no such leap month.
CAL-0005 = This lunar month has no such day.
CAL-0006 = The office hours are not valid.
CAL-0007 = A date is outside the year being confirmed.
CAL-0008 = A date is listed twice.
CAL-0009 = A date is both a day off and a make-up working day.
CAL-0010 = This year already has rules.
CAL-0011 = The step budgets do not add up to the legal processing time.
CAL-0100 = Dates must be written { "YYYY-MM-DD" }.
CAL-0101 = Times must be written { "YYYY-MM-DD HH:MM" }.
CAL-0102 = The list of days off is not valid: one { "YYYY-MM-DD" } date of that year per line, optionally followed by a name.

WEB-0012 = Too many lookups. Please try again in a minute.
WEB-0013 = Too many requests for records that were not found. Please try again in a few minutes.
WEB-0014 = This server does not answer for the host named in the request. Please use the portal's official address.
FILE-0001 = The file is not of an accepted type (PDF, JPEG or PNG, depending on the field).
FILE-0002 = The file is damaged or is not what its type claims.
FILE-0003 = The PDF carries active content (scripts, automatic actions, embedded files or HTML) and is refused.
FILE-0004 = The picture is too large (at most 10,000 pixels a side and 40 million pixels).

admin-procedures = Administrative procedures

nav-procedures = Procedures
nav-lookup = Track a dossier

os-find = Search
os-upload = Upload
os-submitted = Dossier filed. Your dossier code:
os-status = Status
os-actions = Actions
os-note = Note or reason
os-history = History
os-when = When
os-who = Who
os-action = Action
os-received = Dossier received; receipt issued.

site-title = Electronic information portal

nav-home = Home
nav-login = Sign in
nav-logout = Sign out
nav-register = Register
nav-account = Account
nav-admin = Administration
nav-calendar = Working calendar
nav-skip = Skip to main content

lang-switch = Tiếng Việt

login-title = Sign in
login-username = Username
login-password = Password
login-submit = Sign in
login-idle = You were signed out after a period without activity.
login-expired = Your session has expired. Please sign in again.
login-logged_out = You have signed out.
login-no_account = No account yet?

totp-title = Two-step verification
totp-code = Verification code (6 digits)
totp-submit = Confirm

register-title = Register as a citizen
register-name = Full name
register-phone = Mobile phone
register-email = E-mail
register-contact_hint = Enter at least one: a phone number or an e-mail address.
register-cccd = Citizen ID number (optional)
register-password_hint = At least 8 characters. A memorable phrase works well.
register-submit = Register
register-done = We have received your registration. If nobody uses the username you chose, your account has been created: sign in with that username and the password you set. If you cannot sign in, the username may belong to someone else; register again with another one (for example with your year of birth after the name).

form-errors = There is a problem

account-title = My account
account-roles = Roles and units
account-sessions = Sessions
account-current = This session
account-revoke = Revoke
account-password = Change password
account-current_password = Current password
account-new_password = New password
account-confirm_password = Repeat the new password
account-password_changed = Password changed. Your other sessions were ended.
account-totp_on = Two-step verification is on.
account-totp_off = Two-step verification is off.
account-totp_setup = Turn on two-step verification
account-totp_disable = Turn off two-step verification
account-totp_secret = Enter this secret in an authenticator app, then type the 6-digit code to confirm:
account-saved = Saved.

idle-message = You have not done anything for a while. Your session will end in
idle-seconds = seconds.
idle-stay = Continue working
idle-restored = What you were typing before your session ended has been restored. Check it before you send it.

admin-title = Administration
admin-units = Units
admin-accounts = Accounts
admin-audit = Audit log
admin-calendar = Holidays by year
admin-new_unit = Add a unit
admin-new_account = Add an official
admin-grant = Grant a role
admin-disable = Disable account
admin-enable = Enable account
admin-disabled = Disabled
admin-on_date = Valid on
admin-save = Save

unit-code = Code
unit-name = Name
unit-kind = Kind
unit-parent = Parent
unit-valid_from = Valid from
unit-valid_to = Valid to
unit-links = Reorganisation

account-position = Position
account-role = Role
account-unit = Unit

calendar-title = Working calendar and public holidays
calendar-year = Year
calendar-solar = Solar date
calendar-lunar = Lunar date
calendar-holiday = Day off
calendar-weekday = Weekday
calendar-calculator = Submitted today: when is the result due?
calendar-received = When the complete dossier is received
calendar-working_days = Legal processing time (working days)
calendar-compute = Compute
calendar-due = Result due
calendar-rule = Day 1 is the first working day after valid reception; the deadline is the close of office hours on the N-th working day. Saturdays, Sundays and public holidays do not count.
calendar-confirmed = Confirmed by decision
calendar-computed = Computed from the rules (not yet confirmed)
calendar-decision = Decision or notice number
calendar-days_off = Days off (one per line: { "YYYY-MM-DD" } name)
calendar-extra_working = Make-up working days (working Saturdays), one per line
calendar-confirm = Confirm the year's holidays
calendar-changed = Saved. The year's days off changed: deadlines computed before keep their dates and carry the old calendar's fingerprint for review (see the audit log).

hours-title = Office hours
hours-inherited = This unit uses the office hours of
hours-default = This unit uses the default office hours.
hours-own = This unit has its own office hours.
hours-days = Working days of the week
hours-morning = Morning ({ "HH:MM" } – { "HH:MM" })
hours-afternoon = Afternoon (leave empty if closed)
hours-cutoff = Same-day cut-off (the 15:00 rule)
hours-inherit = Use the parent unit's hours again

calendar-unit = Receiving office
calendar-default_hours = Default office hours

error-title = Something went wrong
error-code = Error code
error-request = Request id (give it to the help desk)

footer-sections = Information sections
footer-text = { "camlo" }, open-source software.
