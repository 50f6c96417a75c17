use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 起草部门
#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
    Code,
    NameZhHans,
    NameZhHant,
    NameEn,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Username,
    DisplayName,
    PasswordHash,
    Role,
    DepartmentId,
    Email,
    Active,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CsrfToken,
    CreatedAt,
    ExpiresAt,
}

/// 政策性文件
#[derive(DeriveIden)]
enum Policies {
    Table,
    Id,
    Title,
    DocNumber,
    DepartmentId,
    Category,
    SignedOn,
    PublishedOn,
    EffectiveOn,
    Status,
    Body,
    ReturnReason,
    ReminderSentAt,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
}

/// 政策解读
#[derive(DeriveIden)]
enum Interpretations {
    Table,
    Id,
    PolicyId,
    Kind,
    Title,
    Body,
    QaJson,
    ImagePath,
    ImageAlt,
    MediaUrl,
    DepartmentId,
    Status,
    PublishedOn,
    CreatedBy,
    CreatedAt,
}

/// Admin-entered working-day calendar entries (工作日历) for years beyond the built-in data.
#[derive(DeriveIden)]
enum CalendarEntries {
    Table,
    Date,
    IsWorkday,
    Name,
}

/// Durable outbox: every mail is a row first, sent (with retries) by the background sender.
#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    Id,
    Recipient,
    Subject,
    Body,
    CreatedAt,
    SendAfter,
    SentAt,
    Attempts,
    LastError,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Departments::Table)
                    .if_not_exists()
                    .col(pk_auto(Departments::Id))
                    .col(string_uniq(Departments::Code))
                    .col(string(Departments::NameZhHans))
                    .col(string(Departments::NameZhHant))
                    .col(string(Departments::NameEn))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .if_not_exists()
                    .col(pk_auto(Users::Id))
                    .col(string_uniq(Users::Username))
                    .col(string(Users::DisplayName))
                    .col(string(Users::PasswordHash))
                    .col(string(Users::Role))
                    .col(integer_null(Users::DepartmentId))
                    .col(string_null(Users::Email))
                    .col(boolean(Users::Active).default(true))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Users::Table, Users::DepartmentId)
                            .to(Departments::Table, Departments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .if_not_exists()
                    .col(pk_auto(Sessions::Id))
                    .col(string_uniq(Sessions::TokenHash))
                    .col(integer(Sessions::UserId))
                    .col(string(Sessions::CsrfToken))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Policies::Table)
                    .if_not_exists()
                    .col(pk_auto(Policies::Id))
                    .col(string(Policies::Title))
                    .col(string(Policies::DocNumber))
                    .col(integer(Policies::DepartmentId))
                    .col(string(Policies::Category))
                    .col(date_null(Policies::SignedOn))
                    .col(date_null(Policies::PublishedOn))
                    .col(date_null(Policies::EffectiveOn))
                    .col(string(Policies::Status))
                    .col(text(Policies::Body))
                    .col(text_null(Policies::ReturnReason))
                    .col(timestamp_with_time_zone_null(Policies::ReminderSentAt))
                    .col(integer_null(Policies::CreatedBy))
                    .col(timestamp_with_time_zone(Policies::CreatedAt))
                    .col(timestamp_with_time_zone(Policies::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Policies::Table, Policies::DepartmentId)
                            .to(Departments::Table, Departments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_policies_status_published")
                    .table(Policies::Table)
                    .col(Policies::Status)
                    .col(Policies::PublishedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Interpretations::Table)
                    .if_not_exists()
                    .col(pk_auto(Interpretations::Id))
                    .col(integer(Interpretations::PolicyId))
                    .col(string(Interpretations::Kind))
                    .col(string(Interpretations::Title))
                    .col(text(Interpretations::Body))
                    .col(text(Interpretations::QaJson))
                    .col(string_null(Interpretations::ImagePath))
                    .col(string_null(Interpretations::ImageAlt))
                    .col(string_null(Interpretations::MediaUrl))
                    .col(integer(Interpretations::DepartmentId))
                    .col(string(Interpretations::Status))
                    .col(date_null(Interpretations::PublishedOn))
                    .col(integer_null(Interpretations::CreatedBy))
                    .col(timestamp_with_time_zone(Interpretations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Interpretations::Table, Interpretations::PolicyId)
                            .to(Policies::Table, Policies::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_interpretations_policy")
                    .table(Interpretations::Table)
                    .col(Interpretations::PolicyId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarEntries::Table)
                    .if_not_exists()
                    .col(date(CalendarEntries::Date).primary_key())
                    .col(boolean(CalendarEntries::IsWorkday))
                    .col(string(CalendarEntries::Name))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(MailOutbox::Table)
                    .if_not_exists()
                    .col(pk_auto(MailOutbox::Id))
                    .col(string(MailOutbox::Recipient))
                    .col(string(MailOutbox::Subject))
                    .col(text(MailOutbox::Body))
                    .col(timestamp_with_time_zone(MailOutbox::CreatedAt))
                    .col(timestamp_with_time_zone(MailOutbox::SendAfter))
                    .col(timestamp_with_time_zone_null(MailOutbox::SentAt))
                    .col(integer(MailOutbox::Attempts).default(0))
                    .col(text_null(MailOutbox::LastError))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MailOutbox::Table.into_iden(),
            CalendarEntries::Table.into_iden(),
            Interpretations::Table.into_iden(),
            Policies::Table.into_iden(),
            Sessions::Table.into_iden(),
            Users::Table.into_iden(),
            Departments::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
