//! Moderation at scale: redaction, paper comments, near-duplicate clusters and the
//! append-only audit log.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Comments {
    Table,
    /// The text the public sees after personal data was redacted; `body` keeps the original.
    RedactedBody,
    /// online | paper | letter (纸质来信 entered by an editor on a citizen's behalf).
    Channel,
    /// MinHash signature (hex) of the body, for near-duplicate clustering.
    Signature,
    /// The smallest comment id of its near-duplicate group.
    ClusterId,
}

/// LSH band keys of each comment's signature: candidates for near-duplicates are found by
/// an indexed lookup instead of comparing every pair.
#[derive(DeriveIden)]
enum CommentBands {
    Table,
    Id,
    ConsultationId,
    BandKey,
    CommentId,
}

/// 审核日志 — append-only; triggers refuse updates and deletes.
#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    At,
    ActorId,
    ActorName,
    Action,
    TargetType,
    TargetId,
    TargetLabel,
    Reason,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            text_null(Comments::RedactedBody),
            string(Comments::Channel).default("online").to_owned(),
            string_null(Comments::Signature),
            integer_null(Comments::ClusterId),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Comments::Table)
                        .add_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_index(
                Index::create()
                    .name("idx_comments_cluster")
                    .table(Comments::Table)
                    .col(Comments::ClusterId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CommentBands::Table)
                    .if_not_exists()
                    .col(pk_auto(CommentBands::Id))
                    .col(integer(CommentBands::ConsultationId))
                    .col(big_integer(CommentBands::BandKey))
                    .col(integer(CommentBands::CommentId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_comment_bands_lookup")
                    .table(CommentBands::Table)
                    .col(CommentBands::ConsultationId)
                    .col(CommentBands::BandKey)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .if_not_exists()
                    .col(pk_auto(AuditLog::Id))
                    .col(timestamp_with_time_zone(AuditLog::At))
                    .col(integer(AuditLog::ActorId))
                    .col(string(AuditLog::ActorName))
                    .col(string(AuditLog::Action))
                    .col(string(AuditLog::TargetType))
                    .col(integer(AuditLog::TargetId))
                    .col(string(AuditLog::TargetLabel))
                    .col(string_null(AuditLog::Reason))
                    .col(text_null(AuditLog::Detail))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm_migration::sea_orm::DatabaseBackend::Sqlite => {
                for op in ["UPDATE", "DELETE"] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER IF NOT EXISTS audit_log_no_{op} BEFORE {op} ON audit_log \
                         BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
                    ))
                    .await?;
                }
            }
            sea_orm_migration::sea_orm::DatabaseBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ \
                     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END; $$ LANGUAGE plpgsql; \
                     CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
                     FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();",
                )
                .await?;
            }
            _ => {}
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        if manager.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            db.execute_unprepared("DROP FUNCTION IF EXISTS audit_log_append_only() CASCADE;")
                .await?;
        }
        for t in [AuditLog::Table.into_iden(), CommentBands::Table.into_iden()] {
            manager
                .drop_table(Table::drop().table(t).if_exists().to_owned())
                .await?;
        }
        for col in [
            Comments::RedactedBody.into_iden(),
            Comments::Channel.into_iden(),
            Comments::Signature.into_iden(),
            Comments::ClusterId.into_iden(),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Comments::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
