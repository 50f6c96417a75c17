//! The open-data archive reads published comments in id order, a page after the last id: an
//! index on (status, id) hands them over in order. Without it the planner took the
//! (status, cluster_id) index and sorted every remaining published comment for each page:
//! 72 s for 1,000,000 comments.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Comments {
    Table,
    Status,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_status_id")
                    .table(Comments::Table)
                    .col(Comments::Status)
                    .col(Comments::Id)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_comments_status_id")
                    .table(Comments::Table)
                    .to_owned(),
            )
            .await
    }
}
