//! Database schema for Huiyin, as sea-orm migrations. Schema only: demo content is loaded by
//! `huiyin seed-demo`, never by a migration.
pub use sea_orm_migration::prelude::*;

mod m20261123_000001_create_core;
mod m20261123_000002_create_consultations;
mod m20261123_000003_moderation;
mod m20261123_000004_subscriptions;
mod m20261123_000005_attachments;
mod m20261124_000006_unsubscribe_tokens;
mod m20261124_000007_timeliness_facts;
mod m20261124_000008_moderation_index;
mod m20261124_000009_adoption;
mod m20261124_000010_consultation_policy;
mod m20261124_000011_report_reminders;
mod m20261124_000012_response_templates;
mod m20261124_000013_topics;
mod m20261124_000014_comments_status_id;
mod m20261124_000015_search_changes;
mod m20261124_000016_calendar_reminders;
mod m20261204_000017_change_links;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261123_000001_create_core::Migration),
            Box::new(m20261123_000002_create_consultations::Migration),
            Box::new(m20261123_000003_moderation::Migration),
            Box::new(m20261123_000004_subscriptions::Migration),
            Box::new(m20261123_000005_attachments::Migration),
            Box::new(m20261124_000006_unsubscribe_tokens::Migration),
            Box::new(m20261124_000007_timeliness_facts::Migration),
            Box::new(m20261124_000008_moderation_index::Migration),
            Box::new(m20261124_000009_adoption::Migration),
            Box::new(m20261124_000010_consultation_policy::Migration),
            Box::new(m20261124_000011_report_reminders::Migration),
            Box::new(m20261124_000012_response_templates::Migration),
            Box::new(m20261124_000013_topics::Migration),
            Box::new(m20261124_000014_comments_status_id::Migration),
            Box::new(m20261124_000015_search_changes::Migration),
            Box::new(m20261124_000016_calendar_reminders::Migration),
            Box::new(m20261204_000017_change_links::Migration),
        ]
    }
}
