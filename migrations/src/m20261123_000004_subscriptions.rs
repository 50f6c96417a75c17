//! Subscriptions without an account (double opt-in), the "consultation opened" notice, and
//! List-Unsubscribe on outgoing mail.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 订阅: to one department's consultations, or to all of them (department_id NULL).
#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
    Email,
    DepartmentId,
    ConfirmTokenHash,
    /// A random capability put in every mail's unsubscribe link.
    UnsubscribeToken,
    ConfirmedAt,
    UnsubscribedAt,
    CreatedAt,
    /// Language of the mails (the one the subscriber used).
    Locale,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    /// When subscribers were told that the consultation opened (once).
    OpenedNotifiedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    /// Language of the commenter's mails.
    Locale,
}

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    /// The one-click unsubscribe URL, sent as List-Unsubscribe (RFC 2369 / RFC 8058).
    ListUnsubscribe,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Subscriptions::Table)
                    .if_not_exists()
                    .col(pk_auto(Subscriptions::Id))
                    .col(string(Subscriptions::Email))
                    .col(integer_null(Subscriptions::DepartmentId))
                    .col(string_null(Subscriptions::ConfirmTokenHash))
                    .col(string_uniq(Subscriptions::UnsubscribeToken))
                    .col(timestamp_with_time_zone_null(Subscriptions::ConfirmedAt))
                    .col(timestamp_with_time_zone_null(Subscriptions::UnsubscribedAt))
                    .col(timestamp_with_time_zone(Subscriptions::CreatedAt))
                    .col(string(Subscriptions::Locale).default("zh-Hans"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_subscriptions_email")
                    .table(Subscriptions::Table)
                    .col(Subscriptions::Email)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_subscriptions_confirm")
                    .table(Subscriptions::Table)
                    .col(Subscriptions::ConfirmTokenHash)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consultations::Table)
                    .add_column(timestamp_with_time_zone_null(
                        Consultations::OpenedNotifiedAt,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .add_column(text_null(MailOutbox::ListUnsubscribe))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .add_column(string(Comments::Locale).default("zh-Hans"))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .drop_column(Comments::Locale)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(MailOutbox::Table)
                    .drop_column(MailOutbox::ListUnsubscribe)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consultations::Table)
                    .drop_column(Consultations::OpenedNotifiedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Subscriptions::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
