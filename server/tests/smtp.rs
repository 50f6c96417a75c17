//! Mail over a real SMTP conversation with a local SMTP server (Python's aiosmtpd, started
//! here from the venv `make test` prepares), and what happens when the server is down.

mod common;

use backend::config::SmtpConfig;
use backend::entities::mail_outbox;
use common::*;
use sea_orm::{EntityTrait, QueryOrder};

fn smtp(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        username: None,
        password: None,
        security: "none".into(),
    }
}

async fn app_with_smtp(port: u16) -> TestApp {
    let mut app = TestApp::new().await;
    let mut config = (*app.state.config).clone();
    config.smtp = Some(smtp(port));
    app.state = app.state.with_config(config);
    app.router = server::router(app.state.clone());
    app
}

#[tokio::test]
async fn outbox_mail_is_delivered_over_smtp() {
    let server = start_smtp().await;
    let app = app_with_smtp(server.port).await;
    backend::mail::enqueue(
        &app.state.db,
        "drafter@example.test",
        "【回音】政策解读将于 2026-11-25 到期",
        "请尽快发布解读。\n第二行",
    )
    .await
    .unwrap();
    assert_eq!(backend::mail::deliver_due(&app.state).await.unwrap(), 1);
    let mails = received(&server);
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert!(mail.contains("To: drafter@example.test"), "{mail}");
    assert!(
        mail.contains("From: =?utf-8?")
            || mail.contains("From: \"=?utf-8?")
            || mail.contains("noreply@huiyin.localhost"),
        "{mail}"
    );
    assert!(
        mail.contains("Subject: =?utf-8?"),
        "encoded Chinese subject: {mail}"
    );
    let row = mail_outbox::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.sent_at.is_some());
    assert_eq!(row.attempts, 1);
    assert_eq!(
        backend::mail::deliver_due(&app.state).await.unwrap(),
        0,
        "sent once only"
    );
}

#[tokio::test]
async fn a_down_smtp_server_delays_mail_and_loses_nothing() {
    let port = free_port(); // nothing listens here
    let app = app_with_smtp(port).await;
    for n in 0..3 {
        backend::mail::enqueue(
            &app.state.db,
            &format!("drafter{n}@example.test"),
            "提醒",
            "正文",
        )
        .await
        .unwrap();
    }
    assert_eq!(backend::mail::deliver_due(&app.state).await.unwrap(), 0);
    // The outage cost one attempt of the first mail, not one of each.
    let attempts: Vec<i32> = mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|m| m.attempts)
        .collect();
    assert_eq!(attempts, [1, 0, 0]);
    let row = mail_outbox::Entity::find()
        .order_by_asc(mail_outbox::Column::Id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(row.sent_at.is_none());
    assert_eq!(row.attempts, 1);
    assert!(row.last_error.is_some());
    assert!(
        row.send_after > chrono::Utc::now(),
        "retried later, with backoff"
    );
    // The server comes up: the mails not yet tried go at once, over one connection.
    let server = start_smtp().await;
    let mut config = (*app.state.config).clone();
    config.smtp = Some(smtp(server.port));
    let state = app.state.with_config(config);
    assert_eq!(backend::mail::drain(&state).await.unwrap(), 2);
    // The one that failed is not due yet: it is not attempted again right away.
    assert_eq!(
        mail_outbox::Entity::find_by_id(row.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
            .attempts,
        1
    );
    // Its retry comes due: it arrives too.
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let mut m = row.into_active_model();
    m.send_after = Set(chrono::Utc::now());
    m.update(&state.db).await.unwrap();
    assert_eq!(backend::mail::deliver_due(&state).await.unwrap(), 1);
    assert_eq!(received(&server).len(), 3);
}
