//! Reusable responses to comments, per drafting department (答复模板).
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ResponseTemplates {
    Table,
    Id,
    DepartmentId,
    Title,
    Body,
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
                    .table(ResponseTemplates::Table)
                    .if_not_exists()
                    .col(pk_auto(ResponseTemplates::Id))
                    .col(integer(ResponseTemplates::DepartmentId))
                    .col(string(ResponseTemplates::Title))
                    .col(text(ResponseTemplates::Body))
                    .col(timestamp_with_time_zone(ResponseTemplates::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ResponseTemplates::Table, ResponseTemplates::DepartmentId)
                            .to(Departments::Table, Departments::Id),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ResponseTemplates::Table).to_owned())
            .await
    }
}
