//! 意见促成的修改: which published comments led to which change of the final text (an article
//! of the draft → the final text, keyed `5-4`, `3-` for a removed one, `-8` for an added one).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChangeLinks {
    Table,
    Id,
    ConsultationId,
    CommentId,
    ChangeKey,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Consultations {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Comments {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChangeLinks::Table)
                    .if_not_exists()
                    .col(pk_auto(ChangeLinks::Id))
                    .col(integer(ChangeLinks::ConsultationId))
                    .col(integer(ChangeLinks::CommentId))
                    .col(string_len(ChangeLinks::ChangeKey, 20))
                    .col(integer_null(ChangeLinks::CreatedBy))
                    .col(timestamp_with_time_zone(ChangeLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeLinks::Table, ChangeLinks::ConsultationId)
                            .to(Consultations::Table, Consultations::Id),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(ChangeLinks::Table, ChangeLinks::CommentId)
                            .to(Comments::Table, Comments::Id),
                    )
                    .to_owned(),
            )
            .await?;
        // One tie per comment and change; a tie twice is a no-op.
        manager
            .create_index(
                Index::create()
                    .name("idx_change_links_comment_change")
                    .table(ChangeLinks::Table)
                    .col(ChangeLinks::CommentId)
                    .col(ChangeLinks::ChangeKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_change_links_consultation")
                    .table(ChangeLinks::Table)
                    .col(ChangeLinks::ConsultationId)
                    .col(ChangeLinks::ChangeKey)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ChangeLinks::Table).to_owned())
            .await
    }
}
