//! The moderation queue groups and counts waiting comments across all consultations: an index
//! on (status, cluster_id) lets it do so without reading every comment.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Comments {
    Table,
    Status,
    ClusterId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_status_cluster")
                    .table(Comments::Table)
                    .col(Comments::Status)
                    .col(Comments::ClusterId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_comments_status_cluster")
                    .table(Comments::Table)
                    .to_owned(),
            )
            .await
    }
}
