//! The years whose missing holiday schedule the administrators were told of by mail: one row
//! per year, inserted with the mails in one transaction, so each year's mail goes out once
//! however many instances run.
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CalendarReminders {
    Table,
    Year,
    SentAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarReminders::Table)
                    .if_not_exists()
                    .col(integer(CalendarReminders::Year).primary_key())
                    .col(timestamp_with_time_zone(CalendarReminders::SentAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarReminders::Table).to_owned())
            .await
    }
}
