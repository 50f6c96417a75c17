//! The adoption of comments (采纳情况): one decision per published comment, private until the
//! consultation's report is published, and the day the report was published.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Decisions {
    Table,
    CommentId,
    ConsultationId,
    Outcome,
    Response,
    DecidedBy,
    DecidedAt,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
    ReportPublishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Decisions::Table)
                    .if_not_exists()
                    .col(integer(Decisions::CommentId).primary_key())
                    // Kept beside the comment's own, so progress and report numbers are
                    // counted per consultation without a join.
                    .col(integer(Decisions::ConsultationId))
                    .col(string(Decisions::Outcome))
                    .col(text_null(Decisions::Response))
                    .col(integer_null(Decisions::DecidedBy))
                    .col(timestamp_with_time_zone(Decisions::DecidedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Decisions::Table, Decisions::CommentId)
                            .to(Comments::Table, Comments::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Decisions::Table, Decisions::ConsultationId)
                            .to(Consultations::Table, Consultations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_decisions_consultation_outcome")
                    .table(Decisions::Table)
                    .col(Decisions::ConsultationId)
                    .col(Decisions::Outcome)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Consultations::Table)
                    .add_column(
                        ColumnDef::new(Consultations::ReportPublishedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Consultations::Table)
                    .drop_column(Consultations::ReportPublishedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Decisions::Table).to_owned())
            .await
    }
}
