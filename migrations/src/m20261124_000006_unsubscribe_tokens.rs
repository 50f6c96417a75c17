//! Unsubscribe links carry a token that is stored only as a SHA-256 hash, like every other
//! token. Each mail gets a token of its own (the plain token exists only in that mail), so
//! the subscription keeps one row per link it was ever sent.
//!
//! Existing subscriptions: their token (sent in earlier mails) moves into the new table as a
//! hash, and the old column keeps only that hash, never the plain token again.
use sea_orm_migration::sea_orm::{ConnectionTrait, Statement};
use sea_orm_migration::{prelude::*, schema::*};
use sha2::{Digest, Sha256};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum UnsubscribeTokens {
    Table,
    Id,
    SubscriptionId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Subscriptions {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UnsubscribeTokens::Table)
                    .if_not_exists()
                    .col(pk_auto(UnsubscribeTokens::Id))
                    .col(integer(UnsubscribeTokens::SubscriptionId))
                    .col(string_uniq(UnsubscribeTokens::TokenHash))
                    .col(timestamp_with_time_zone(UnsubscribeTokens::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UnsubscribeTokens::Table, UnsubscribeTokens::SubscriptionId)
                            .to(Subscriptions::Table, Subscriptions::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                "SELECT id, unsubscribe_token, created_at FROM subscriptions",
            ))
            .await?;
        for row in rows {
            let id: i32 = row.try_get("", "id")?;
            let token: String = row.try_get("", "unsubscribe_token")?;
            let hash = hex_sha256(&token);
            let (insert, update) = match backend {
                sea_orm_migration::sea_orm::DatabaseBackend::Postgres => (
                    "INSERT INTO unsubscribe_tokens (subscription_id, token_hash, created_at) VALUES ($1, $2, CURRENT_TIMESTAMP)",
                    "UPDATE subscriptions SET unsubscribe_token = $1 WHERE id = $2",
                ),
                _ => (
                    "INSERT INTO unsubscribe_tokens (subscription_id, token_hash, created_at) VALUES (?, ?, CURRENT_TIMESTAMP)",
                    "UPDATE subscriptions SET unsubscribe_token = ? WHERE id = ?",
                ),
            };
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                insert,
                [id.into(), hash.clone().into()],
            ))
            .await?;
            db.execute_raw(Statement::from_sql_and_values(
                backend,
                update,
                [hash.into(), id.into()],
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UnsubscribeTokens::Table).to_owned())
            .await
    }
}

fn hex_sha256(s: &str) -> String {
    Sha256::digest(s.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
