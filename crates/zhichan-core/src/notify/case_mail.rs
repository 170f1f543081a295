//! Case e-mails: one message per address listing the case changes and deadline reminders due for
//! it, written in the recipient's saved language (Simplified Chinese, Traditional Chinese or
//! English), each item naming the case and linking to its page.

use std::fmt::Write as _;

use chrono::NaiveDate;
use zhichan_domain::Locale;
use zhichan_domain::case::{Case, CaseDeadline, CaseEvent, CaseEventBody, CaseState, DeadlineKind};

/// One thing a case e-mail tells.
#[derive(Debug, Clone, Copy)]
pub(super) enum CaseNotice<'a> {
    /// A history entry: the case opened, moved, or someone was appointed.
    Changed {
        /// The case as it stands.
        case: &'a Case,
        /// The entry.
        entry: &'a CaseEvent,
    },
    /// A deadline is near, or due on `day`.
    Reminder {
        /// The case.
        case: &'a Case,
        /// The deadline.
        deadline: &'a CaseDeadline,
        /// The reminder day.
        day: NaiveDate,
    },
}

impl CaseNotice<'_> {
    fn case(&self) -> &Case {
        match self {
            Self::Changed { case, .. } | Self::Reminder { case, .. } => case,
        }
    }
}

/// The subject of a message listing `notices` (at least one).
pub(super) fn subject(locale: Locale, notices: &[CaseNotice<'_>]) -> String {
    let reference = notices.first().map(|notice| notice.case().reference()).unwrap_or_default();
    let count = notices.len();
    match (locale, count) {
        (Locale::ZhHans, 1) => format!("[知产通] 案件 {reference} 有新的进展"),
        (Locale::ZhHans, _) => format!("[知产通] 您有 {count} 条案件通知"),
        (Locale::ZhHant, 1) => format!("[知產通] 案件 {reference} 有新的進展"),
        (Locale::ZhHant, _) => format!("[知產通] 您有 {count} 則案件通知"),
        (Locale::En, 1) => format!("[zhichan] News on case {reference}"),
        (Locale::En, _) => format!("[zhichan] {count} case notifications"),
    }
}

/// The body of a message listing `notices`, with links under `base_url`.
pub(super) fn body(locale: Locale, base_url: &str, notices: &[CaseNotice<'_>]) -> String {
    let base = base_url.trim_end_matches('/');
    let mut out = String::from(match locale {
        Locale::ZhHans => "您参与的案件有以下新情况：\n\n",
        Locale::ZhHant => "您參與的案件有以下新情況：\n\n",
        Locale::En => "There is news on cases you take part in:\n\n",
    });
    for notice in notices {
        let case = notice.case();
        let _ = writeln!(out, "• {}", line(locale, notice));
        let _ = writeln!(out, "  {base}/cases/{}\n", case.id);
    }
    out.push_str(match locale {
        Locale::ZhHans => "此邮件由知产通自动发送，请勿直接回复。\n",
        Locale::ZhHant => "此郵件由知產通自動發送，請勿直接回覆。\n",
        Locale::En => "Sent automatically by zhichan; please do not reply.\n",
    });
    out
}

/// One item's sentence.
fn line(locale: Locale, notice: &CaseNotice<'_>) -> String {
    let case = notice.case();
    let (reference, title) = (case.reference(), case.title.as_str());
    let named = match locale {
        Locale::ZhHans | Locale::ZhHant => format!("{reference}《{title}》"),
        Locale::En => format!("{reference} “{title}”"),
    };
    match notice {
        CaseNotice::Changed { entry, .. } => match &entry.body {
            CaseEventBody::Opened { state } => match locale {
                Locale::ZhHans => format!("案件 {named} 已登记，当前状态：{}。", state_words(locale, *state)),
                Locale::ZhHant => format!("案件 {named} 已登記，目前狀態：{}。", state_words(locale, *state)),
                Locale::En => format!("Case {named} was opened; it is now {}.", state_words(locale, *state)),
            },
            CaseEventBody::Assigned { user_id: Some(_) } => match locale {
                Locale::ZhHans => format!("案件 {named} 已指派承办人员。"),
                Locale::ZhHant => format!("案件 {named} 已指派承辦人員。"),
                Locale::En => format!("Someone was appointed to work on case {named}."),
            },
            CaseEventBody::Assigned { user_id: None } => match locale {
                Locale::ZhHans => format!("案件 {named} 的承办人员已卸任，中心将重新指派。"),
                Locale::ZhHant => format!("案件 {named} 的承辦人員已卸任，中心將重新指派。"),
                Locale::En => {
                    format!("The person working on case {named} stepped down; the centre will appoint another.")
                }
            },
            body => {
                let state = match body {
                    CaseEventBody::Transition { to, .. } => *to,
                    _ => case.state,
                };
                match locale {
                    Locale::ZhHans => format!("案件 {named} 状态已变更为：{}。", state_words(locale, state)),
                    Locale::ZhHant => format!("案件 {named} 狀態已變更為：{}。", state_words(locale, state)),
                    Locale::En => format!("Case {named} is now {}.", state_words(locale, state)),
                }
            }
        },
        CaseNotice::Reminder { deadline, day, .. } => {
            let what = deadline_words(locale, deadline.kind);
            let due = deadline.due;
            match (locale, *day >= due) {
                (Locale::ZhHans, true) => format!("案件 {named} 的{what}今天（{due}）届满。"),
                (Locale::ZhHans, false) => format!("案件 {named} 的{what}将于 {due} 届满。"),
                (Locale::ZhHant, true) => format!("案件 {named} 的{what}今日（{due}）屆滿。"),
                (Locale::ZhHant, false) => format!("案件 {named} 的{what}將於 {due} 屆滿。"),
                (Locale::En, true) => format!("The {what} of case {named} falls due today ({due})."),
                (Locale::En, false) => format!("The {what} of case {named} falls due on {due}."),
            }
        }
    }
}

/// A deadline kind in words.
fn deadline_words(locale: Locale, kind: DeadlineKind) -> &'static str {
    match (locale, kind) {
        (Locale::ZhHans, DeadlineKind::Opposition) => "异议期限",
        (Locale::ZhHans, DeadlineKind::Target) => "服务时限",
        (Locale::ZhHans, DeadlineKind::Set) => "办理期限",
        (Locale::ZhHant, DeadlineKind::Opposition) => "異議期限",
        (Locale::ZhHant, DeadlineKind::Target) => "服務時限",
        (Locale::ZhHant, DeadlineKind::Set) => "辦理期限",
        (Locale::En, DeadlineKind::Opposition) => "opposition deadline",
        (Locale::En, DeadlineKind::Target) => "service target",
        (Locale::En, DeadlineKind::Set) => "deadline",
    }
}

/// A case state in words: Simplified Chinese, Traditional Chinese, English.
fn state_words(locale: Locale, state: CaseState) -> &'static str {
    let [hans, hant, en] = match state {
        CaseState::Submitted => ["已提交", "已提交", "submitted"],
        CaseState::Assigned => ["已指派", "已指派", "assigned"],
        CaseState::Answered => ["已答复", "已答覆", "answered"],
        CaseState::Closed => ["已结案", "已結案", "closed"],
        CaseState::Intake => ["已受理", "已受理", "received"],
        CaseState::Triage => ["评估中", "評估中", "under assessment"],
        CaseState::Strategy => ["制定应对策略", "制定應對策略", "working out a strategy"],
        CaseState::Action => ["维权行动中", "維權行動中", "action under way"],
        CaseState::Applied => ["已申请调解", "已申請調解", "applied for mediation"],
        CaseState::Accepted => ["对方已同意调解", "對方已同意調解", "accepted by the other party"],
        CaseState::Declined => ["对方已拒绝调解", "對方已拒絕調解", "declined by the other party"],
        CaseState::MediatorAppointed => ["已指定调解员", "已指定調解員", "mediator appointed"],
        CaseState::InSession => ["调解进行中", "調解進行中", "in mediation sessions"],
        CaseState::Settled => ["已达成和解", "已達成和解", "settled"],
        CaseState::Failed => ["调解未成", "調解未成", "no agreement reached"],
        CaseState::Requested => ["已提出请求", "已提出請求", "requested"],
        CaseState::Notified => ["已告知当事人", "已告知當事人", "parties notified"],
        CaseState::RecusalRequested => ["已申请回避", "已申請迴避", "recusal requested"],
        CaseState::OpinionFiled => ["已提交技术意见", "已提交技術意見", "technical opinion filed"],
        CaseState::Clue => ["已收到线索", "已收到線索", "clue reported"],
        CaseState::Referred => ["已移送主管机关", "已移送主管機關", "referred to the authority"],
        CaseState::Feedback => ["主管机关已反馈", "主管機關已回覆", "the authority reported back"],
        CaseState::Sent => ["已送交对方机关", "已送交對方機關", "sent to the other side's authority"],
        CaseState::Executed => ["已执行或送达", "已執行或送達", "executed or served"],
        CaseState::Returned => ["未执行退回", "未執行退回", "returned unexecuted"],
    };
    match locale {
        Locale::ZhHans => hans,
        Locale::ZhHant => hant,
        Locale::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_state_has_words_in_every_language_without_codes() {
        for state in CaseState::ALL {
            for locale in Locale::ALL {
                let words = state_words(locale, state);
                assert!(!words.is_empty() && !words.contains('_'), "{state:?} {locale:?}");
                if locale != Locale::En {
                    assert!(!words.chars().any(|c| c.is_ascii_alphabetic()), "{words}");
                }
            }
        }
    }
}
