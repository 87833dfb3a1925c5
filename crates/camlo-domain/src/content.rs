//! Portal content (tin bài, trang): the editorial workflow of articles, their categories (the
//! portal's sections, including the ones NĐ 42/2022 requires), tags, scheduling and the checks
//! on what an editor types. An editor (biên tập viên) writes; a reviewer (người duyệt tin)
//! publishes.
//!
//! States: `Draft → AwaitingReview → Published → Unpublished`; a reviewer may return an article
//! under review to its draft with a reason, and may publish again what was unpublished. An
//! article is *visible* when it is published, its publication time has come and its expiry has
//! not: the time is an argument.

use serde::{Deserialize, Serialize};

use crate::accounts::Role;
use crate::text::{nfc, slugify};
use crate::workflow::{Refusal, Rule, Step, Who, Workflow};

/// Typed id of an article row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleId(pub i64);

/// Where an article is in its workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleState {
    /// Being written (nháp).
    Draft,
    /// Sent to a reviewer (chờ duyệt).
    AwaitingReview,
    /// Published (đã đăng); visible from its publication time until its expiry.
    Published,
    /// Taken down (gỡ xuống); may be edited and published again.
    Unpublished,
}

impl ArticleState {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::AwaitingReview => "awaiting_review",
            Self::Published => "published",
            Self::Unpublished => "unpublished",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.into_iter().find(|x| x.as_str() == s)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Draft => "Nháp",
            Self::AwaitingReview => "Chờ duyệt",
            Self::Published => "Đã đăng",
            Self::Unpublished => "Đã gỡ",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::AwaitingReview => "Awaiting review",
            Self::Published => "Published",
            Self::Unpublished => "Unpublished",
        }
    }
}

/// Every state, in workflow order.
pub const ALL_STATES: [ArticleState; 4] = [
    ArticleState::Draft,
    ArticleState::AwaitingReview,
    ArticleState::Published,
    ArticleState::Unpublished,
];

/// A step of the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArticleAction {
    /// Send for review (gửi duyệt).
    Submit,
    /// Publish (duyệt đăng), now or at the scheduled time.
    Publish,
    /// Return to the editor with a reason (trả lại).
    Return,
    /// Take down (gỡ bài).
    Unpublish,
}

/// Every action, in the order the editing page offers them.
pub const ALL_ACTIONS: [ArticleAction; 4] = [
    ArticleAction::Submit,
    ArticleAction::Publish,
    ArticleAction::Return,
    ArticleAction::Unpublish,
];

impl ArticleAction {
    /// Stable name (also the URL segment).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::Publish => "publish",
            Self::Return => "return",
            Self::Unpublish => "unpublish",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == s)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Submit => "Gửi duyệt",
            Self::Publish => "Duyệt đăng",
            Self::Return => "Trả lại biên tập",
            Self::Unpublish => "Gỡ bài",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Submit => "Send for review",
            Self::Publish => "Publish",
            Self::Return => "Return to the editor",
            Self::Unpublish => "Unpublish",
        }
    }

    /// The roles that may take this step.
    pub fn roles(self) -> &'static [Role] {
        WORKFLOW.roles(self)
    }

    /// Whether the step needs a reason.
    pub fn needs_note(self) -> bool {
        WORKFLOW.needs_note(self)
    }
}

/// The editorial workflow: an editor submits; only a reviewer publishes, returns (with a reason)
/// or unpublishes.
pub const WORKFLOW: Workflow<ArticleState, ArticleAction> = {
    use ArticleAction as A;
    use ArticleState as S;
    Workflow {
        states: &ALL_STATES,
        actions: &ALL_ACTIONS,
        rules: &[
            Rule {
                from: &[S::Draft, S::Unpublished],
                action: A::Submit,
                to: S::AwaitingReview,
            },
            Rule {
                from: &[S::Draft, S::AwaitingReview, S::Unpublished],
                action: A::Publish,
                to: S::Published,
            },
            Rule {
                from: &[S::AwaitingReview],
                action: A::Return,
                to: S::Draft,
            },
            Rule {
                from: &[S::Published],
                action: A::Unpublish,
                to: S::Unpublished,
            },
        ],
        finals: &[],
        step: |a| match a {
            A::Submit => Step {
                who: Who::Roles(&[Role::Editor, Role::Reviewer]),
                note: false,
            },
            A::Publish | A::Unpublish => Step {
                who: Who::Roles(&[Role::Reviewer]),
                note: false,
            },
            A::Return => Step {
                who: Who::Roles(&[Role::Reviewer]),
                note: true,
            },
        },
    }
};

/// The whole transition table.
pub fn next_state(from: ArticleState, action: ArticleAction) -> Option<ArticleState> {
    WORKFLOW.next(from, action)
}

/// Checks a step against the table, the actor's roles over the article and the reason.
pub fn check(
    from: ArticleState,
    action: ArticleAction,
    roles: &[Role],
    note: Option<&str>,
) -> Result<ArticleState, ContentError> {
    WORKFLOW
        .check(from, action, |r| roles.contains(&r), note)
        .map_err(|r| match r {
            Refusal::Illegal => ContentError::IllegalTransition,
            Refusal::NotPermitted => ContentError::NotPermitted,
            Refusal::NoteRequired => ContentError::NoteRequired,
        })
}

/// Whether someone with `roles` over the article may change its text in `state`: editors while
/// it is not live, reviewers always (a correction to a live article is theirs to make).
pub fn may_edit(state: ArticleState, roles: &[Role]) -> bool {
    roles.contains(&Role::Reviewer)
        || (roles.contains(&Role::Editor) && state != ArticleState::Published)
}

/// Is a published article on show at `now` (seconds)?
pub fn is_visible(
    state: ArticleState,
    publish_at: Option<i64>,
    expire_at: Option<i64>,
    now: i64,
) -> bool {
    state == ArticleState::Published
        && publish_at.is_some_and(|p| p <= now)
        && expire_at.is_none_or(|e| e > now)
}

/// A section of the portal (chuyên mục).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Category {
    /// URL slug.
    pub slug: &'static str,
    /// Vietnamese name.
    pub name_vi: &'static str,
    /// English name.
    pub name_en: &'static str,
    /// Required by DOMAIN.md §9 (NĐ 42/2022): always in the default menu.
    pub required: bool,
}

const fn cat(
    slug: &'static str,
    name_vi: &'static str,
    name_en: &'static str,
    required: bool,
) -> Category {
    Category {
        slug,
        name_vi,
        name_en,
        required,
    }
}

/// The portal's sections. The required ones follow NĐ 42/2022 (DOMAIN.md §9); documents,
/// procedures, organisation and contacts have pages of their own.
pub const CATEGORIES: &[Category] = &[
    cat("tin-hoat-dong", "Tin hoạt động", "News", false),
    cat(
        "chinh-tri",
        "Chính trị – Xây dựng Đảng",
        "Politics and Party building",
        false,
    ),
    cat("kinh-te", "Kinh tế", "Economy", false),
    cat(
        "van-hoa-xa-hoi",
        "Văn hóa – Xã hội",
        "Culture and society",
        false,
    ),
    cat(
        "quoc-phong-an-ninh",
        "Quốc phòng – An ninh",
        "Defence and security",
        false,
    ),
    cat(
        "cai-cach-hanh-chinh",
        "Cải cách hành chính",
        "Administrative reform",
        false,
    ),
    cat("thong-bao", "Thông báo", "Announcements", false),
    cat(
        "pho-bien-phap-luat",
        "Phổ biến, giáo dục pháp luật",
        "Legal dissemination",
        true,
    ),
    cat(
        "chien-luoc-ke-hoach",
        "Chiến lược, quy hoạch, kế hoạch",
        "Strategies, plans and programmes",
        true,
    ),
    cat(
        "cong-khai-ngan-sach",
        "Công khai ngân sách, báo cáo tài chính",
        "Budget disclosure and financial reports",
        true,
    ),
    cat("thong-ke", "Thống kê", "Statistics", true),
    cat(
        "danh-muc-cong-khai",
        "Danh mục thông tin phải công khai",
        "Disclosure list",
        true,
    ),
    cat(
        "dau-tu-dau-thau",
        "Đầu tư, đấu thầu, mua sắm công",
        "Investment and procurement",
        true,
    ),
    cat(
        "dieu-uoc-quoc-te",
        "Điều ước quốc tế",
        "International treaties",
        true,
    ),
];

/// A category by slug.
pub fn category(slug: &str) -> Option<&'static Category> {
    CATEGORIES.iter().find(|c| c.slug == slug)
}

/// Longest title, in characters.
pub const MAX_TITLE: usize = 250;
/// Longest summary (sapo), in characters.
pub const MAX_SUMMARY: usize = 1000;
/// Longest body, in bytes of HTML.
pub const MAX_BODY: usize = 500_000;
/// Most tags on one article.
pub const MAX_TAGS: usize = 12;

/// The checked text of an article as an editor submitted it (the body is sanitised by the web
/// layer before it reaches this point).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleText {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Author as printed, e.g. "Thanh Hải".
    pub author: String,
    /// Source as printed, e.g. "Báo Quảng Trị".
    pub source: String,
    /// Category slug.
    pub category: String,
    /// Tags: (as typed, slug).
    pub tags: Vec<(String, String)>,
}

/// Checks and normalises what an editor typed; every problem is reported at once.
pub fn parse_text(
    title: &str,
    summary: &str,
    author: &str,
    source: &str,
    category_slug: &str,
    tags: &str,
) -> Result<ArticleText, Vec<ContentError>> {
    let mut errors = Vec::new();
    let title = nfc(title);
    if title.is_empty() {
        errors.push(ContentError::TitleRequired);
    } else if title.chars().count() > MAX_TITLE || slugify(&title).is_empty() {
        errors.push(ContentError::TitleTooLong);
    }
    let summary = nfc(summary);
    if summary.chars().count() > MAX_SUMMARY {
        errors.push(ContentError::SummaryTooLong);
    }
    let author = nfc(author);
    let source = nfc(source);
    if author.chars().count() > 200 || source.chars().count() > 200 {
        errors.push(ContentError::BylineTooLong);
    }
    if category(category_slug).is_none() {
        errors.push(ContentError::UnknownCategory);
    }
    let tags = match parse_tags(tags) {
        Ok(t) => t,
        Err(e) => {
            errors.push(e);
            Vec::new()
        }
    };
    if errors.is_empty() {
        Ok(ArticleText {
            title,
            summary,
            author,
            source,
            category: category_slug.to_owned(),
            tags,
        })
    } else {
        Err(errors)
    }
}

/// Comma-separated tags: trimmed, NFC, one per slug, in the order typed.
pub fn parse_tags(input: &str) -> Result<Vec<(String, String)>, ContentError> {
    let mut out: Vec<(String, String)> = Vec::new();
    for raw in input.split([',', ';']) {
        let tag = nfc(raw);
        let slug = slugify(&tag);
        if slug.is_empty() || out.iter().any(|(_, s)| *s == slug) {
            continue;
        }
        if tag.chars().count() > 60 {
            return Err(ContentError::TooManyTags);
        }
        out.push((tag, slug));
    }
    if out.len() > MAX_TAGS {
        return Err(ContentError::TooManyTags);
    }
    Ok(out)
}

/// The byline as printed under an article: "Thanh Hải (Báo QT)", "Thanh Hải", "Báo QT" or "".
pub fn byline(author: &str, source: &str) -> String {
    match (author.is_empty(), source.is_empty()) {
        (false, false) => format!("{author} ({source})"),
        (false, true) => author.to_owned(),
        (true, false) => source.to_owned(),
        (true, true) => String::new(),
    }
}

/// Errors of portal content, with stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ContentError {
    /// ART-0001.
    #[error("this step is not possible in the article's current state")]
    IllegalTransition,
    /// ART-0002.
    #[error("you may not do this to this article")]
    NotPermitted,
    /// ART-0003.
    #[error("a reason is required")]
    NoteRequired,
    /// ART-0004.
    #[error("the title is required")]
    TitleRequired,
    /// ART-0005.
    #[error("the title is too long or has no letters")]
    TitleTooLong,
    /// ART-0006.
    #[error("the summary is too long")]
    SummaryTooLong,
    /// ART-0007.
    #[error("the author or source is too long")]
    BylineTooLong,
    /// ART-0008.
    #[error("unknown category")]
    UnknownCategory,
    /// ART-0009.
    #[error("too many or too long tags")]
    TooManyTags,
    /// ART-0010.
    #[error("the body is too long")]
    BodyTooLong,
    /// ART-0011.
    #[error("the expiry must come after the publication time")]
    ExpiryBeforePublish,
    /// ART-0012.
    #[error("not a date and time (dd/mm/yyyy hh:mm)")]
    BadTime,
    /// ART-0013.
    #[error("no such article")]
    NotFound,
    /// ART-0014.
    #[error("the article changed meanwhile; reload and try again")]
    Concurrent,
    /// ART-0015.
    #[error("only JPEG and PNG pictures are accepted")]
    ImageType,
    /// ART-0016.
    #[error("the picture is too large")]
    ImageTooLarge,
    /// ART-0017.
    #[error("the caption is too long")]
    CaptionTooLong,
    /// ART-0018.
    #[error("the article must be published in a unit you edit for")]
    UnitNotCovered,
    /// ART-0019.
    #[error("a contact field is too long")]
    FieldTooLong,
}

impl ContentError {
    /// Stable code, also the i18n key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::IllegalTransition => "ART-0001",
            Self::NotPermitted => "ART-0002",
            Self::NoteRequired => "ART-0003",
            Self::TitleRequired => "ART-0004",
            Self::TitleTooLong => "ART-0005",
            Self::SummaryTooLong => "ART-0006",
            Self::BylineTooLong => "ART-0007",
            Self::UnknownCategory => "ART-0008",
            Self::TooManyTags => "ART-0009",
            Self::BodyTooLong => "ART-0010",
            Self::ExpiryBeforePublish => "ART-0011",
            Self::BadTime => "ART-0012",
            Self::NotFound => "ART-0013",
            Self::Concurrent => "ART-0014",
            Self::ImageType => "ART-0015",
            Self::ImageTooLarge => "ART-0016",
            Self::CaptionTooLong => "ART-0017",
            Self::UnitNotCovered => "ART-0018",
            Self::FieldTooLong => "ART-0019",
        }
    }

    /// The form field at fault, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::NoteRequired => Some("note"),
            Self::TitleRequired | Self::TitleTooLong => Some("title"),
            Self::SummaryTooLong => Some("summary"),
            Self::BylineTooLong => Some("author"),
            Self::UnknownCategory => Some("category"),
            Self::TooManyTags => Some("tags"),
            Self::BodyTooLong => Some("body"),
            Self::ExpiryBeforePublish => Some("expire_at"),
            Self::BadTime => Some("publish_at"),
            Self::ImageType | Self::ImageTooLarge => Some("image"),
            Self::CaptionTooLong => Some("caption"),
            Self::UnitNotCovered => Some("unit"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ArticleAction as A;
    use ArticleState as S;

    fn check_step(from: S, action: A, roles: &[Role], expect: Result<S, ContentError>) {
        assert_eq!(
            check(from, action, roles, Some("lý do")),
            expect,
            "{from:?} {action:?} by {roles:?}"
        );
    }

    /// Every legal step; every other (state, action) pair must be refused.
    const LEGAL: &[(S, A, S)] = &[
        (S::Draft, A::Submit, S::AwaitingReview),
        (S::Unpublished, A::Submit, S::AwaitingReview),
        (S::Draft, A::Publish, S::Published),
        (S::AwaitingReview, A::Publish, S::Published),
        (S::Unpublished, A::Publish, S::Published),
        (S::AwaitingReview, A::Return, S::Draft),
        (S::Published, A::Unpublish, S::Unpublished),
    ];

    #[test]
    fn the_transition_table_is_exactly_the_legal_list() {
        crate::workflow::check_table(&WORKFLOW, LEGAL);
    }

    #[test]
    fn the_workflow_table() {
        let editor = &[Role::Editor][..];
        let reviewer = &[Role::Reviewer][..];
        check_step(S::Draft, A::Submit, editor, Ok(S::AwaitingReview));
        check_step(S::AwaitingReview, A::Publish, reviewer, Ok(S::Published));
        check_step(
            S::AwaitingReview,
            A::Publish,
            editor,
            Err(ContentError::NotPermitted),
        );
        check_step(S::AwaitingReview, A::Return, reviewer, Ok(S::Draft));
        check_step(S::Published, A::Unpublish, reviewer, Ok(S::Unpublished));
        check_step(
            S::Published,
            A::Unpublish,
            editor,
            Err(ContentError::NotPermitted),
        );
        check_step(S::Unpublished, A::Publish, reviewer, Ok(S::Published));
        check_step(
            S::Published,
            A::Submit,
            editor,
            Err(ContentError::IllegalTransition),
        );
        check_step(
            S::Draft,
            A::Return,
            reviewer,
            Err(ContentError::IllegalTransition),
        );
        assert_eq!(
            check(S::AwaitingReview, A::Return, reviewer, Some("  ")),
            Err(ContentError::NoteRequired)
        );
        assert!(may_edit(S::Draft, editor));
        assert!(!may_edit(S::Published, editor));
        assert!(may_edit(S::Published, reviewer));
        assert!(!may_edit(S::Draft, &[Role::Citizen]));
    }

    #[test]
    fn visibility_follows_the_schedule() {
        assert!(is_visible(S::Published, Some(100), None, 100));
        assert!(!is_visible(S::Published, Some(101), None, 100));
        assert!(!is_visible(S::Published, Some(10), Some(100), 100));
        assert!(is_visible(S::Published, Some(10), Some(101), 100));
        assert!(!is_visible(S::Draft, Some(10), None, 100));
        assert!(!is_visible(S::Published, None, None, 100));
    }

    #[test]
    fn text_is_checked_and_tags_deduplicated() {
        let t = parse_text(
            " Đổi mới phong cách lãnh đạo ",
            "",
            "Thanh Hải",
            "Báo QT",
            "chinh-tri",
            "Dân vận khéo, dan van kheo, Cải cách hành chính,",
        )
        .unwrap();
        assert_eq!(t.title, "Đổi mới phong cách lãnh đạo");
        assert_eq!(
            t.tags,
            vec![
                ("Dân vận khéo".to_owned(), "dan-van-kheo".to_owned()),
                (
                    "Cải cách hành chính".to_owned(),
                    "cai-cach-hanh-chinh".to_owned()
                ),
            ]
        );
        assert_eq!(byline(&t.author, &t.source), "Thanh Hải (Báo QT)");
        let errs = parse_text("", "", "", "", "khong-co", "").unwrap_err();
        assert_eq!(
            errs,
            vec![ContentError::TitleRequired, ContentError::UnknownCategory]
        );
        assert!(CATEGORIES.iter().filter(|c| c.required).count() >= 6);
    }
}
