//! The search change queue: every change to public content adds a row in the same
//! transaction; each server process applies the rows to its own search index and remembers
//! in the index how far it got. A crash loses nothing: the rows are still there.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum SearchChanges {
    Table,
    Id,
    Kind,
    EntityId,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SearchChanges::Table)
                    .if_not_exists()
                    .col(pk_auto(SearchChanges::Id))
                    .col(string(SearchChanges::Kind))
                    .col(integer(SearchChanges::EntityId))
                    .col(timestamp_with_time_zone(SearchChanges::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_search_changes_created")
                    .table(SearchChanges::Table)
                    .col(SearchChanges::CreatedAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SearchChanges::Table).to_owned())
            .await
    }
}
