//! Topics (意见归类): comments grouped under a topic get one response for the topic.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Topics {
    Table,
    Id,
    ConsultationId,
    Title,
    Outcome,
    Response,
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
    TopicId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Topics::Table)
                    .if_not_exists()
                    .col(pk_auto(Topics::Id))
                    .col(integer(Topics::ConsultationId))
                    .col(string(Topics::Title))
                    .col(string_null(Topics::Outcome))
                    .col(text_null(Topics::Response))
                    .col(timestamp_with_time_zone(Topics::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Topics::Table, Topics::ConsultationId)
                            .to(Consultations::Table, Consultations::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .add_column(ColumnDef::new(Comments::TopicId).integer().null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_topic")
                    .table(Comments::Table)
                    .col(Comments::TopicId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_comments_topic")
                    .table(Comments::Table)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Comments::Table)
                    .drop_column(Comments::TopicId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Topics::Table).to_owned())
            .await
    }
}
