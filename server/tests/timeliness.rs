//! The timeliness record counted in the database: its SQL classes agree with the domain's
//! classification of each policy, lists filter and page in SQL, and withdrawing a policy
//! leaves its department's record as it was.

mod common;

use backend::entities::{interpretation, policy};
use backend::policy_queries;
use chrono::Duration;
use common::*;
use sea_orm::{ActiveModelTrait, Set};

/// A published policy of department 1, published `days_ago` days ago, with an
/// interpretation published `interp_after` days after the policy (None: none yet).
async fn published(app: &TestApp, n: usize, days_ago: i64, interp_after: Option<i64>) -> i32 {
    let now = chrono::Utc::now();
    let today = app.state.today();
    let on = today - Duration::days(days_ago);
    let p = policy::ActiveModel {
        title: Set(format!("测试政策{n}")),
        doc_number: Set(format!("深府〔2026〕{n}号")),
        department_id: Set(1),
        category: Set("open_government".into()),
        published_on: Set(Some(on)),
        status: Set(domain::policy::PolicyStatus::Published),
        body: Set("第一条 测试。".into()),
        reminder_sent_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    if let Some(after) = interp_after {
        interpretation::ActiveModel {
            policy_id: Set(p.id),
            kind: Set(domain::policy::InterpretationKind::Text),
            title: Set("解读".into()),
            body: Set("解读正文".into()),
            qa_json: Set("[]".into()),
            department_id: Set(1),
            status: Set(domain::policy::InterpretationState::Published),
            published_on: Set(Some(on + Duration::days(after))),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(&app.state.db)
        .await
        .unwrap();
    }
    p.id
}

async fn fixture_policies(app: &TestApp) -> Vec<i32> {
    let mut ids = vec![];
    for (n, (ago, after)) in [
        (40, Some(0)),  // with the policy
        (40, Some(1)),  // on time
        (40, Some(20)), // late
        (40, None),     // overdue
        (0, None),      // due
        (1, Some(0)),   // with the policy, recent
        (60, Some(2)),  // on time, older
    ]
    .into_iter()
    .enumerate()
    {
        ids.push(published(app, n, ago, after).await);
    }
    policy_queries::backfill_facts(&app.state.db, &app.state.calendar())
        .await
        .unwrap();
    ids
}

#[tokio::test]
async fn sql_classes_agree_with_the_domain_rule_for_every_policy() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    let ids = fixture_policies(&app).await;
    let rows = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        policy::Entity::find()
            .filter(policy::Column::Id.is_in(ids.clone()))
            .all(&app.state.db)
            .await
            .unwrap()
    };
    let summaries = backend::policies::summaries(&app.state, rows)
        .await
        .unwrap();
    let mut seen = 0;
    for key in ["with_policy", "on_time", "late", "due", "overdue"] {
        let mut expected: Vec<i32> = summaries
            .iter()
            .filter(|s| s.interpretation.map(|i| i.key()) == Some(key))
            .map(|s| s.id)
            .collect();
        expected.sort();
        let q = domain::model::PolicyQuery {
            interpretation: Some(key.into()),
            ..Default::default()
        };
        let page = policy_queries::list(&app.state, &q).await.unwrap();
        let mut got: Vec<i32> = page.items.iter().map(|s| s.id).collect();
        got.sort();
        assert_eq!(got, expected, "class {key}");
        assert_eq!(page.total, expected.len());
        assert!(!expected.is_empty(), "the fixtures cover {key}");
        seen += expected.len();
    }
    assert_eq!(seen, ids.len(), "every policy is in exactly one class");
    let home = policy_queries::home(&app.state).await.unwrap();
    assert_eq!(home.due_count, 1);
    assert_eq!(home.overdue_count, 1);
    let all = policy_queries::timeliness(&app.state).await.unwrap();
    assert_eq!(all.total.policies, ids.len() as u32);
    assert_eq!(
        (
            all.total.with_policy,
            all.total.on_time,
            all.total.late,
            all.total.due,
            all.total.overdue
        ),
        (2, 2, 1, 1, 1)
    );
}

#[tokio::test]
async fn withdrawing_a_policy_leaves_the_timeliness_record_as_it_was() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    fixture_policies(&app).await;
    let before = policy_queries::timeliness(&app.state).await.unwrap();
    let dept_before = policy_queries::department_page(&app.state, "a", None)
        .await
        .unwrap()
        .counts;
    // Withdraw every published policy of the department, as its drafter... here directly
    // through the service, as the editor.
    use sea_orm::EntityTrait;
    let editor = domain::model::UserInfo {
        id: 3,
        username: "editor".into(),
        display_name: "编辑".into(),
        role: domain::policy::Role::Editor,
        department_id: None,
    };
    for p in policy::Entity::find().all(&app.state.db).await.unwrap() {
        backend::policies::withdraw(&app.state, &editor, p.id, "测试撤回")
            .await
            .unwrap_or_else(|e| panic!("withdraw {}: {e:?}", p.id));
    }
    let after = policy_queries::timeliness(&app.state).await.unwrap();
    let dept_after = policy_queries::department_page(&app.state, "a", None)
        .await
        .unwrap();
    // The one still due when withdrawn never became overdue: it leaves the record; all
    // others keep their class.
    let mut expected = before.total.clone();
    expected.due -= 1;
    expected.policies -= 1;
    assert_eq!(after.total, expected);
    let mut expected_dept = dept_before.clone();
    expected_dept.due -= 1;
    expected_dept.policies -= 1;
    assert_eq!(dept_after.counts, expected_dept);
    assert!(
        dept_after.policies.is_empty(),
        "withdrawn policies leave the public list"
    );
}

#[tokio::test]
async fn lists_are_paged_in_the_database() {
    let app = TestApp::new().await;
    fixtures(&app).await;
    for n in 0..25 {
        published(&app, 100 + n, n as i64, Some(0)).await;
    }
    policy_queries::backfill_facts(&app.state.db, &app.state.calendar())
        .await
        .unwrap();
    let q = |page| domain::model::PolicyQuery {
        page: Some(page),
        ..Default::default()
    };
    let p1 = policy_queries::list(&app.state, &q(1)).await.unwrap();
    let p3 = policy_queries::list(&app.state, &q(3)).await.unwrap();
    assert_eq!((p1.total, p1.pages, p1.items.len()), (25, 3, 10));
    assert_eq!(p3.items.len(), 5);
    // Newest first across pages.
    assert!(p1.items[0].published_on >= p3.items[4].published_on);
    let year = app
        .state
        .today()
        .format("%Y")
        .to_string()
        .parse::<i32>()
        .unwrap();
    assert!(p1.years.contains(&year));
    let dept = policy_queries::department_page(&app.state, "a", Some(2))
        .await
        .unwrap();
    assert_eq!((dept.page, dept.pages, dept.policies.len()), (2, 3, 10));
}
