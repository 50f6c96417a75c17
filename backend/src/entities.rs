//! sea-orm entities: the tables as the migrations create them, with the domain's enums as
//! column types (stored as their `as_str` text) and the relations the services join by.
//! Behaviour lives in services.

pub mod department {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "departments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub code: String,
        pub name_zh_hans: String,
        pub name_zh_hant: String,
        pub name_en: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(has_many = "super::policy::Entity")]
        Policy,
        #[sea_orm(has_many = "super::consultation::Entity")]
        Consultation,
    }
    impl Related<super::policy::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Policy.def()
        }
    }
    impl Related<super::consultation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Consultation.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod user {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "users")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub username: String,
        pub display_name: String,
        pub password_hash: String,
        pub role: crate::domain::policy::Role,
        pub department_id: Option<i32>,
        pub email: Option<String>,
        pub active: bool,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod session {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sessions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub token_hash: String,
        pub user_id: i32,
        pub csrf_token: String,
        pub created_at: DateTimeUtc,
        pub expires_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod policy {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "policies")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
        pub doc_number: String,
        pub department_id: i32,
        pub category: String,
        pub signed_on: Option<Date>,
        pub published_on: Option<Date>,
        pub effective_on: Option<Date>,
        pub status: crate::domain::policy::PolicyStatus,
        #[sea_orm(column_type = "Text")]
        pub body: String,
        #[sea_orm(column_type = "Text", nullable)]
        pub return_reason: Option<String>,
        pub reminder_sent_at: Option<DateTimeUtc>,
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// 解读期限: 3 working days after publication, on the calendar of the time.
        pub interpretation_deadline: Option<Date>,
        /// When the first interpretation was published; kept once known.
        pub first_interpretation_on: Option<Date>,
        /// When the policy was withdrawn (its timeliness record stays).
        pub withdrawn_on: Option<Date>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::department::Entity",
            from = "Column::DepartmentId",
            to = "super::department::Column::Id"
        )]
        Department,
        #[sea_orm(has_many = "super::interpretation::Entity")]
        Interpretation,
    }
    impl Related<super::department::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Department.def()
        }
    }
    impl Related<super::interpretation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Interpretation.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod interpretation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "interpretations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub policy_id: i32,
        pub kind: crate::domain::policy::InterpretationKind,
        pub title: String,
        #[sea_orm(column_type = "Text")]
        pub body: String,
        #[sea_orm(column_type = "Text")]
        pub qa_json: String,
        pub image_path: Option<String>,
        pub image_alt: Option<String>,
        pub media_url: Option<String>,
        pub department_id: i32,
        pub status: crate::domain::policy::InterpretationState,
        pub published_on: Option<Date>,
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::policy::Entity",
            from = "Column::PolicyId",
            to = "super::policy::Column::Id"
        )]
        Policy,
    }
    impl Related<super::policy::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Policy.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod calendar_entry {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_entries")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub date: Date,
        pub is_workday: bool,
        pub name: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod mail_outbox {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "mail_outbox")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub recipient: String,
        pub subject: String,
        #[sea_orm(column_type = "Text")]
        pub body: String,
        pub created_at: DateTimeUtc,
        pub send_after: DateTimeUtc,
        pub sent_at: Option<DateTimeUtc>,
        pub attempts: i32,
        #[sea_orm(column_type = "Text", nullable)]
        pub last_error: Option<String>,
        /// One-click unsubscribe URL for List-Unsubscribe headers (subscription mail).
        #[sea_orm(column_type = "Text", nullable)]
        pub list_unsubscribe: Option<String>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod consultation {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "consultations")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub title: String,
        pub department_id: i32,
        #[sea_orm(column_type = "Text")]
        pub draft_text: String,
        #[sea_orm(column_type = "Text")]
        pub explanatory_note: String,
        pub opens_at: DateTimeUtc,
        pub closes_at: DateTimeUtc,
        #[sea_orm(column_type = "Text", nullable)]
        pub short_period_reason: Option<String>,
        pub released: bool,
        pub report_published: bool,
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
        /// When subscribers were told it opened.
        pub opened_notified_at: Option<DateTimeUtc>,
        /// When its adoption report was published.
        pub report_published_at: Option<DateTimeUtc>,
        /// The policy that came out of it (策后).
        pub final_policy_id: Option<i32>,
        /// When its drafters were reminded that the report falls due.
        pub report_reminded_at: Option<DateTimeUtc>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::department::Entity",
            from = "Column::DepartmentId",
            to = "super::department::Column::Id"
        )]
        Department,
        #[sea_orm(has_many = "super::comment::Entity")]
        Comment,
        #[sea_orm(has_many = "super::consultation_attachment::Entity")]
        Attachment,
    }
    impl Related<super::department::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Department.def()
        }
    }
    impl Related<super::comment::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Comment.def()
        }
    }
    impl Related<super::consultation_attachment::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Attachment.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod comment {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "comments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        #[sea_orm(unique)]
        pub tracking_number: String,
        pub consultation_id: i32,
        pub article_anchor: Option<String>,
        #[sea_orm(column_type = "Text")]
        pub body: String,
        pub display_name: String,
        /// Never shown in public.
        pub email: String,
        /// Never shown in public.
        pub ip: String,
        pub consent: bool,
        /// Contains a configured flag word: an editor should look closely.
        pub flagged: bool,
        pub verify_token_hash: Option<String>,
        pub verified_at: Option<DateTimeUtc>,
        pub status: crate::domain::consultation::CommentStatus,
        pub reject_reason: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub moderator_note: Option<String>,
        pub moderated_by: Option<i32>,
        pub moderated_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        /// What the public sees once personal data was redacted; `body` keeps the original.
        #[sea_orm(column_type = "Text", nullable)]
        pub redacted_body: Option<String>,
        /// online | paper | letter.
        pub channel: crate::domain::consultation::CommentChannel,
        /// MinHash signature (hex) for near-duplicate clustering.
        pub signature: Option<String>,
        /// Smallest comment id of the near-duplicate group.
        pub cluster_id: Option<i32>,
        /// Language of the commenter's mails.
        pub locale: String,
        /// The topic (意见归类) the drafting department put it under.
        pub topic_id: Option<i32>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::consultation::Entity",
            from = "Column::ConsultationId",
            to = "super::consultation::Column::Id"
        )]
        Consultation,
        #[sea_orm(has_one = "super::decision::Entity")]
        Decision,
    }
    impl Related<super::consultation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Consultation.def()
        }
    }
    impl Related<super::decision::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Decision.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

pub mod comment_band {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "comment_bands")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub consultation_id: i32,
        pub band_key: i64,
        pub comment_id: i32,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 采纳情况: the decision on one published comment, private until the report is published.
pub mod decision {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "decisions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub comment_id: i32,
        pub consultation_id: i32,
        pub outcome: crate::domain::adoption::Outcome,
        #[sea_orm(column_type = "Text", nullable)]
        pub response: Option<String>,
        pub decided_by: Option<i32>,
        pub decided_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::comment::Entity",
            from = "Column::CommentId",
            to = "super::comment::Column::Id"
        )]
        Comment,
    }
    impl Related<super::comment::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Comment.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

/// 意见归类: comments of one consultation grouped under a topic, answered together.
pub mod topic {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "topics")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub consultation_id: i32,
        pub title: String,
        /// The topic's decision, once it was answered as a whole.
        pub outcome: Option<crate::domain::adoption::Outcome>,
        #[sea_orm(column_type = "Text", nullable)]
        pub response: Option<String>,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 答复模板: a reusable response of one drafting department.
pub mod response_template {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "response_templates")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub department_id: i32,
        pub title: String,
        #[sea_orm(column_type = "Text")]
        pub body: String,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 审核日志: append-only (the database refuses updates and deletes).
pub mod audit_entry {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "audit_log")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub at: DateTimeUtc,
        pub actor_id: i32,
        pub actor_name: String,
        pub action: crate::domain::consultation::AuditAction,
        pub target_type: String,
        pub target_id: i32,
        pub target_label: String,
        pub reason: Option<String>,
        #[sea_orm(column_type = "Text", nullable)]
        pub detail: Option<String>,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// One unsubscribe link sent to a subscriber: only the hash of its token is kept.
pub mod unsubscribe_token {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "unsubscribe_tokens")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub subscription_id: i32,
        pub token_hash: String,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 订阅 without an account; department_id None means every consultation.
pub mod subscription {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "subscriptions")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub email: String,
        pub department_id: Option<i32>,
        pub confirm_token_hash: Option<String>,
        #[sea_orm(unique)]
        pub unsubscribe_token: String,
        pub confirmed_at: Option<DateTimeUtc>,
        pub unsubscribed_at: Option<DateTimeUtc>,
        pub created_at: DateTimeUtc,
        pub locale: String,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 附件 of a consultation.
pub mod consultation_attachment {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "consultation_attachments")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub consultation_id: i32,
        pub file_name: String,
        pub stored_name: String,
        pub mime: String,
        pub size_bytes: i64,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::consultation::Entity",
            from = "Column::ConsultationId",
            to = "super::consultation::Column::Id"
        )]
        Consultation,
    }
    impl Related<super::consultation::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Consultation.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

/// 检索变更队列: a public record that may have changed; the search indexes catch up from it.
pub mod search_change {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "search_changes")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        /// `policy`, `interpretation`, `consultation`, `comment`, or `report` (every
        /// comment of a consultation).
        pub kind: String,
        pub entity_id: i32,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 节假日安排提醒: a year whose missing schedule the administrators were mailed about.
pub mod calendar_reminder {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "calendar_reminders")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub year: i32,
        pub sent_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}
    impl ActiveModelBehavior for ActiveModel {}
}

/// 意见促成的修改: a published comment that led to a change of the final text.
pub mod change_link {
    use sea_orm::entity::prelude::*;
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "change_links")]
    pub struct Model {
        #[sea_orm(primary_key)]
        pub id: i32,
        pub consultation_id: i32,
        pub comment_id: i32,
        /// `5-4`: draft article 5 became article 4; `3-` removed; `-8` added.
        pub change_key: String,
        pub created_by: Option<i32>,
        pub created_at: DateTimeUtc,
    }
    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(
            belongs_to = "super::comment::Entity",
            from = "Column::CommentId",
            to = "super::comment::Column::Id"
        )]
        Comment,
    }
    impl Related<super::comment::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Comment.def()
        }
    }
    impl ActiveModelBehavior for ActiveModel {}
}

#[cfg(test)]
mod tests {
    use crate::domain::consultation::{AuditAction, CommentChannel, CommentStatus};
    use crate::domain::policy::{InterpretationKind, InterpretationState, PolicyStatus, Role};
    use sea_orm::ActiveEnum;
    use std::fmt::Debug;

    /// What a column stores is the enum's `as_str` text, both ways, for every variant: the
    /// rows written before the columns became enums read back unchanged.
    fn stored_as_named<E>(as_str: fn(E) -> &'static str, parse: fn(&str) -> Option<E>)
    where
        E: ActiveEnum<Value = String> + Copy + PartialEq + Debug,
    {
        let all: Vec<E> = E::iter().collect();
        assert!(!all.is_empty());
        for v in all {
            assert_eq!(v.to_value(), as_str(v));
            assert_eq!(parse(&v.to_value()), Some(v));
            assert_eq!(E::try_from_value(&as_str(v).to_string()).ok(), Some(v));
        }
    }

    #[test]
    fn enum_columns_store_the_domain_names() {
        stored_as_named(Role::as_str, Role::parse);
        stored_as_named(PolicyStatus::as_str, PolicyStatus::parse);
        stored_as_named(InterpretationState::as_str, InterpretationState::parse);
        stored_as_named(InterpretationKind::as_str, InterpretationKind::parse);
        stored_as_named(CommentStatus::as_str, CommentStatus::parse);
        stored_as_named(CommentChannel::as_str, CommentChannel::parse);
        stored_as_named(AuditAction::as_str, AuditAction::parse);
        stored_as_named(
            crate::domain::adoption::Outcome::as_str,
            crate::domain::adoption::Outcome::parse,
        );
    }
}
