use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// 公开征求意见
#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
    Title,
    DepartmentId,
    DraftText,
    ExplanatoryNote,
    OpensAt,
    ClosesAt,
    ShortPeriodReason,
    Released,
    ReportPublished,
    CreatedBy,
    CreatedAt,
}

/// 意见
#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
    TrackingNumber,
    ConsultationId,
    ArticleAnchor,
    Body,
    DisplayName,
    Email,
    Ip,
    Consent,
    Flagged,
    VerifyTokenHash,
    VerifiedAt,
    Status,
    RejectReason,
    ModeratorNote,
    ModeratedBy,
    ModeratedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Departments {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Consultations::Table)
                    .if_not_exists()
                    .col(pk_auto(Consultations::Id))
                    .col(string(Consultations::Title))
                    .col(integer(Consultations::DepartmentId))
                    .col(text(Consultations::DraftText))
                    .col(text(Consultations::ExplanatoryNote))
                    .col(timestamp_with_time_zone(Consultations::OpensAt))
                    .col(timestamp_with_time_zone(Consultations::ClosesAt))
                    .col(text_null(Consultations::ShortPeriodReason))
                    .col(boolean(Consultations::Released).default(false))
                    .col(boolean(Consultations::ReportPublished).default(false))
                    .col(integer_null(Consultations::CreatedBy))
                    .col(timestamp_with_time_zone(Consultations::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Consultations::Table, Consultations::DepartmentId)
                            .to(Departments::Table, Departments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Comments::Table)
                    .if_not_exists()
                    .col(pk_auto(Comments::Id))
                    .col(string_uniq(Comments::TrackingNumber))
                    .col(integer(Comments::ConsultationId))
                    .col(string_null(Comments::ArticleAnchor))
                    .col(text(Comments::Body))
                    .col(string(Comments::DisplayName))
                    .col(string(Comments::Email))
                    .col(string(Comments::Ip))
                    .col(boolean(Comments::Consent))
                    .col(boolean(Comments::Flagged).default(false))
                    .col(string_null(Comments::VerifyTokenHash))
                    .col(timestamp_with_time_zone_null(Comments::VerifiedAt))
                    .col(string(Comments::Status))
                    .col(string_null(Comments::RejectReason))
                    .col(text_null(Comments::ModeratorNote))
                    .col(integer_null(Comments::ModeratedBy))
                    .col(timestamp_with_time_zone_null(Comments::ModeratedAt))
                    .col(timestamp_with_time_zone(Comments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Comments::Table, Comments::ConsultationId)
                            .to(Consultations::Table, Consultations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_consultation_status")
                    .table(Comments::Table)
                    .col(Comments::ConsultationId)
                    .col(Comments::Status)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_verify_token")
                    .table(Comments::Table)
                    .col(Comments::VerifyTokenHash)
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Comments::Table).if_exists().to_owned())
            .await?;
        manager
            .drop_table(
                Table::drop()
                    .table(Consultations::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await?;
        Ok(())
    }
}
