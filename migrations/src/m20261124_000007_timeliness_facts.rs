//! The facts of a policy's timeliness, kept on the policy once known: its interpretation
//! deadline (3 working days after publication, on the calendar of the time), the day its
//! first interpretation was published, and the day it was withdrawn. Lists and the
//! timeliness dashboard filter and count on them in the database, and withdrawing a policy
//! no longer rewrites its department's record.
//!
//! The deadline needs the working-day calendar, so it is filled in by the server at start
//! (`policy_queries::backfill_facts`), not here; the first interpretation day is plain SQL.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Policies {
    Table,
    DepartmentId,
    PublishedOn,
    InterpretationDeadline,
    FirstInterpretationOn,
    WithdrawnOn,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for col in [
            Policies::InterpretationDeadline,
            Policies::FirstInterpretationOn,
            Policies::WithdrawnOn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Policies::Table)
                        .add_column(ColumnDef::new(col).date().null())
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_policies_department_published_on")
                    .table(Policies::Table)
                    .col(Policies::DepartmentId)
                    .col(Policies::PublishedOn)
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE policies SET first_interpretation_on = (SELECT MIN(i.published_on) \
                 FROM interpretations i WHERE i.policy_id = policies.id AND i.status = 'published') \
                 WHERE published_on IS NOT NULL",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("idx_policies_department_published_on")
                    .table(Policies::Table)
                    .to_owned(),
            )
            .await?;
        for col in [
            Policies::InterpretationDeadline,
            Policies::FirstInterpretationOn,
            Policies::WithdrawnOn,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Policies::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
