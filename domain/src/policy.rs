//! Policy documents, interpretation materials, staff roles and the rules that connect them:
//! who may do what (谁起草、谁解读) and the sign-off state machine (同步审签).

use serde::{Deserialize, Serialize};

/// Staff roles. The public has no account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum Role {
    #[cfg_attr(feature = "db", sea_orm(string_value = "admin"))]
    Admin,
    /// 编辑/审核员
    #[cfg_attr(feature = "db", sea_orm(string_value = "editor"))]
    Editor,
    /// 起草部门工作人员
    #[cfg_attr(feature = "db", sea_orm(string_value = "drafter"))]
    Drafter,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Drafter => "drafter",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "editor" => Some(Role::Editor),
            "drafter" => Some(Role::Drafter),
            _ => None,
        }
    }
}

/// Publication state of a policy document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum PolicyStatus {
    #[cfg_attr(feature = "db", sea_orm(string_value = "draft"))]
    Draft,
    /// 待审签
    #[cfg_attr(feature = "db", sea_orm(string_value = "awaiting_signoff"))]
    AwaitingSignoff,
    #[cfg_attr(feature = "db", sea_orm(string_value = "published"))]
    Published,
    /// 已废止/撤回
    #[cfg_attr(feature = "db", sea_orm(string_value = "withdrawn"))]
    Withdrawn,
}

impl PolicyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyStatus::Draft => "draft",
            PolicyStatus::AwaitingSignoff => "awaiting_signoff",
            PolicyStatus::Published => "published",
            PolicyStatus::Withdrawn => "withdrawn",
        }
    }
    pub fn parse(s: &str) -> Option<PolicyStatus> {
        match s {
            "draft" => Some(PolicyStatus::Draft),
            "awaiting_signoff" => Some(PolicyStatus::AwaitingSignoff),
            "published" => Some(PolicyStatus::Published),
            "withdrawn" => Some(PolicyStatus::Withdrawn),
            _ => None,
        }
    }
}

/// State of one interpretation material.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum InterpretationState {
    #[cfg_attr(feature = "db", sea_orm(string_value = "draft"))]
    Draft,
    #[cfg_attr(feature = "db", sea_orm(string_value = "awaiting_signoff"))]
    AwaitingSignoff,
    #[cfg_attr(feature = "db", sea_orm(string_value = "published"))]
    Published,
}

impl InterpretationState {
    pub fn as_str(self) -> &'static str {
        match self {
            InterpretationState::Draft => "draft",
            InterpretationState::AwaitingSignoff => "awaiting_signoff",
            InterpretationState::Published => "published",
        }
    }
    pub fn parse(s: &str) -> Option<InterpretationState> {
        match s {
            "draft" => Some(InterpretationState::Draft),
            "awaiting_signoff" => Some(InterpretationState::AwaitingSignoff),
            "published" => Some(InterpretationState::Published),
            _ => None,
        }
    }
}

/// 解读形式
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "db", derive(sea_orm::EnumIter, sea_orm::DeriveActiveEnum))]
#[cfg_attr(
    feature = "db",
    sea_orm(
        rs_type = "String",
        db_type = "String(sea_orm::sea_query::StringLen::None)"
    )
)]
pub enum InterpretationKind {
    /// 文字解读
    #[cfg_attr(feature = "db", sea_orm(string_value = "text"))]
    Text,
    /// 政策问答
    #[cfg_attr(feature = "db", sea_orm(string_value = "qa"))]
    Qa,
    /// 图表图解 (image with required alt text)
    #[cfg_attr(feature = "db", sea_orm(string_value = "graphic"))]
    Graphic,
    /// 音视频 (link with transcript)
    #[cfg_attr(feature = "db", sea_orm(string_value = "media"))]
    Media,
    /// 专家解读
    #[cfg_attr(feature = "db", sea_orm(string_value = "expert"))]
    Expert,
    /// 新闻发布会
    #[cfg_attr(feature = "db", sea_orm(string_value = "press"))]
    Press,
    /// 在线访谈
    #[cfg_attr(feature = "db", sea_orm(string_value = "interview"))]
    Interview,
}

impl InterpretationKind {
    pub const ALL: [InterpretationKind; 7] = [
        InterpretationKind::Text,
        InterpretationKind::Qa,
        InterpretationKind::Graphic,
        InterpretationKind::Media,
        InterpretationKind::Expert,
        InterpretationKind::Press,
        InterpretationKind::Interview,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            InterpretationKind::Text => "text",
            InterpretationKind::Qa => "qa",
            InterpretationKind::Graphic => "graphic",
            InterpretationKind::Media => "media",
            InterpretationKind::Expert => "expert",
            InterpretationKind::Press => "press",
            InterpretationKind::Interview => "interview",
        }
    }
    pub fn parse(s: &str) -> Option<InterpretationKind> {
        InterpretationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// Policy categories (主题分类).
pub const CATEGORIES: [&str; 4] = [
    "open_government",
    "digital_government",
    "business_environment",
    "public_services",
];

/// The acting staff member, as far as permissions are concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Actor {
    pub role: Role,
    pub department_id: Option<i32>,
}

/// What a staff member wants to do with a policy of a given department.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyAction {
    Create,
    Edit,
    AddInterpretation,
    SubmitForSignoff,
    /// 审签通过并发布
    Approve,
    /// 退回
    Return,
    Withdraw,
}

/// 谁起草、谁解读: drafting work belongs to the policy's own department; sign-off belongs to
/// editors and admins, who do not draft.
pub fn may(actor: Actor, action: PolicyAction, policy_department_id: i32) -> bool {
    match action {
        PolicyAction::Create
        | PolicyAction::Edit
        | PolicyAction::AddInterpretation
        | PolicyAction::SubmitForSignoff => {
            actor.role == Role::Drafter && actor.department_id == Some(policy_department_id)
        }
        PolicyAction::Approve | PolicyAction::Return | PolicyAction::Withdraw => {
            matches!(actor.role, Role::Editor | Role::Admin)
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("action not allowed in the current state")]
    WrongState,
    #[error("a reason is required")]
    ReasonRequired,
}

/// The sign-off state machine of a policy. Returns the new state.
pub fn transition(
    from: PolicyStatus,
    action: PolicyAction,
    reason: Option<&str>,
) -> Result<PolicyStatus, TransitionError> {
    use PolicyAction as A;
    use PolicyStatus as S;
    match (from, action) {
        (S::Draft, A::Edit) | (S::Draft, A::AddInterpretation) => Ok(S::Draft),
        // Interpretations may be added to a published policy later, alone.
        (S::Published, A::AddInterpretation) => Ok(S::Published),
        (S::AwaitingSignoff, A::AddInterpretation) => Err(TransitionError::WrongState),
        (S::Draft, A::SubmitForSignoff) => Ok(S::AwaitingSignoff),
        (S::AwaitingSignoff, A::Approve) => Ok(S::Published),
        (S::AwaitingSignoff, A::Return) => match reason.map(str::trim) {
            Some(r) if !r.is_empty() => Ok(S::Draft),
            _ => Err(TransitionError::ReasonRequired),
        },
        (S::Published, A::Withdraw) => match reason.map(str::trim) {
            Some(r) if !r.is_empty() => Ok(S::Withdrawn),
            _ => Err(TransitionError::ReasonRequired),
        },
        _ => Err(TransitionError::WrongState),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: i32 = 1;
    const B: i32 = 2;

    fn drafter(dept: i32) -> Actor {
        Actor {
            role: Role::Drafter,
            department_id: Some(dept),
        }
    }

    #[test]
    fn drafter_works_only_on_own_department() {
        assert!(may(drafter(A), PolicyAction::Edit, A));
        assert!(may(drafter(A), PolicyAction::AddInterpretation, A));
        assert!(!may(drafter(A), PolicyAction::Edit, B));
        assert!(!may(drafter(A), PolicyAction::AddInterpretation, B));
        assert!(!may(drafter(A), PolicyAction::Approve, A));
    }

    #[test]
    fn editors_sign_off_but_do_not_draft() {
        let editor = Actor {
            role: Role::Editor,
            department_id: None,
        };
        assert!(may(editor, PolicyAction::Approve, A));
        assert!(may(editor, PolicyAction::Return, B));
        assert!(!may(editor, PolicyAction::Create, A));
        assert!(!may(editor, PolicyAction::AddInterpretation, A));
    }

    #[test]
    fn sign_off_flow() {
        use PolicyStatus as S;
        assert_eq!(
            transition(S::Draft, PolicyAction::SubmitForSignoff, None),
            Ok(S::AwaitingSignoff)
        );
        assert_eq!(
            transition(S::AwaitingSignoff, PolicyAction::Approve, None),
            Ok(S::Published)
        );
        assert_eq!(
            transition(S::AwaitingSignoff, PolicyAction::Return, Some("  ")),
            Err(TransitionError::ReasonRequired)
        );
        assert_eq!(
            transition(S::AwaitingSignoff, PolicyAction::Return, Some("补充解读")),
            Ok(S::Draft)
        );
        assert_eq!(
            transition(S::Published, PolicyAction::Approve, None),
            Err(TransitionError::WrongState)
        );
        assert_eq!(
            transition(S::Draft, PolicyAction::Approve, None),
            Err(TransitionError::WrongState)
        );
        assert_eq!(
            transition(S::Published, PolicyAction::AddInterpretation, None),
            Ok(S::Published)
        );
        assert_eq!(
            transition(S::AwaitingSignoff, PolicyAction::Edit, None),
            Err(TransitionError::WrongState)
        );
    }

    #[test]
    fn names_round_trip() {
        for k in InterpretationKind::ALL {
            assert_eq!(InterpretationKind::parse(k.as_str()), Some(k));
        }
        for s in [
            PolicyStatus::Draft,
            PolicyStatus::AwaitingSignoff,
            PolicyStatus::Published,
            PolicyStatus::Withdrawn,
        ] {
            assert_eq!(PolicyStatus::parse(s.as_str()), Some(s));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
