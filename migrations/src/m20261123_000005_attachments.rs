//! Attachments of consultations (附件): PDF, Office documents and images, stored under the
//! data dir with content-hash names.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsultationAttachments {
    Table,
    Id,
    ConsultationId,
    /// The cleaned original name, shown and offered on download.
    FileName,
    /// `<sha256>.<ext>` under the uploads directory.
    StoredName,
    Mime,
    SizeBytes,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConsultationAttachments::Table)
                    .if_not_exists()
                    .col(pk_auto(ConsultationAttachments::Id))
                    .col(integer(ConsultationAttachments::ConsultationId))
                    .col(string(ConsultationAttachments::FileName))
                    .col(string(ConsultationAttachments::StoredName))
                    .col(string(ConsultationAttachments::Mime))
                    .col(big_integer(ConsultationAttachments::SizeBytes))
                    .col(timestamp_with_time_zone(ConsultationAttachments::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(
                                ConsultationAttachments::Table,
                                ConsultationAttachments::ConsultationId,
                            )
                            .to(Consultations::Table, Consultations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_attachments_consultation")
                    .table(ConsultationAttachments::Table)
                    .col(ConsultationAttachments::ConsultationId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(
                Table::drop()
                    .table(ConsultationAttachments::Table)
                    .if_exists()
                    .to_owned(),
            )
            .await
    }
}
