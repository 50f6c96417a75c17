//! Demo consultations: one open now, with a few comments in each state, so the consultation
//! page, the status lookup and the moderation queue have something to show; one closed, its
//! comments answered and its adoption report published; and one closed three days ago whose
//! comments still wait for their answers.

use backend::entities::{change_link, comment, consultation, decision, department};
use backend::state::AppState;
use domain::adoption::Outcome;
use domain::consultation::CommentStatus;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const DRAFT: &str = "第一条 为巩固和深化政务服务“秒批”改革，提升政务服务效率，根据有关法律法规，结合本市实际，制定本办法。
第二条 本办法所称“秒批”，是指依托互联网、大数据和人工智能等技术，以数据集中和共享为支撑，对符合条件的申请即时自动审批的服务方式。
第三条 申请人提交的申请材料齐全、符合法定形式，且相关数据可以通过共享获取、核验的，审批系统应当即时作出审批决定。
第四条 市政务服务数据管理部门负责统筹“秒批”系统建设、数据共享和事项标准化工作。
第五条 各部门应当定期梳理适合“秒批”的事项，优先将高频民生事项纳入“秒批”清单并向社会公布。
第六条 本办法自发布之日起施行。";

const NOTE: &str = "一、起草背景
2018年以来，本市已对高校应届毕业生引进落户、高龄老人津贴申请、企业投资项目备案等53个事项实现“秒批”。为巩固改革成果，起草本办法。
二、征求意见方式
公众可在本页面提出意见，意见经邮箱确认和审核后公开，采纳情况将在征求意见结束后公布。";

const COMMENTS: [(CommentStatus, Option<&str>, &str, &str); 7] = [
    (
        CommentStatus::Published,
        Some("art-3"),
        "市民李女士",
        "建议第三条明确“即时”的具体时限，并说明系统故障时的处理办法。",
    ),
    (
        CommentStatus::Published,
        Some("art-5"),
        "匿名",
        "第五条的“秒批”清单建议每季度更新一次，并注明每个事项的办理依据。",
    ),
    (
        CommentStatus::Published,
        None,
        "深圳某科技企业",
        "总体支持。建议在办法中增加申请人对自动审批结果提出异议的渠道。",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-2"),
        "匿名",
        "第二条的定义里能否写明哪些数据来源可以用于核验？",
    ),
    // A small copy-paste campaign: the moderation queue groups these three.
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "市民张先生",
        "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知。",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "市民王女士",
        "我们强烈建议第三条增加人工复核程序：自动审批不予通过的，申请人可以在五个工作日内申请人工复核，复核结果应当书面告知！",
    ),
    (
        CommentStatus::AwaitingModeration,
        Some("art-3"),
        "匿名",
        "我们强烈建议第三条增加人工复核程序。自动审批不予通过的，申请人可以在5个工作日内申请人工复核，复核结果应书面告知。",
    ),
];

pub async fn seed(state: &AppState) -> Result<(), String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let Some(dept) = demo_department(state).await? else {
        return Ok(());
    };
    let now = chrono::Utc::now();
    let c = consultation::ActiveModel {
        title: Set("深圳市政务服务“秒批”管理办法（征求意见稿）".into()),
        department_id: Set(dept.id),
        draft_text: Set(DRAFT.into()),
        explanatory_note: Set(NOTE.into()),
        opens_at: Set(now - chrono::Duration::days(5)),
        closes_at: Set(now + chrono::Duration::days(25)),
        short_period_reason: Set(None),
        released: Set(true),
        report_published: Set(false),
        created_by: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(err)?;
    for (i, (status, article, name, body)) in COMMENTS.iter().enumerate() {
        let created = now - chrono::Duration::hours(12 * (COMMENTS.len() - i) as i64);
        let year = chrono::Datelike::year(&(created + chrono::Duration::hours(8)));
        let row = comment::ActiveModel {
            tracking_number: Set(format!("HY-{year}-9{:05}", i + 1)),
            consultation_id: Set(c.id),
            article_anchor: Set(article.map(Into::into)),
            body: Set((*body).into()),
            display_name: Set((*name).into()),
            email: Set(format!("demo{}@example.test", i + 1)),
            ip: Set("127.0.0.1".into()),
            consent: Set(true),
            flagged: Set(false),
            verify_token_hash: Set(None),
            verified_at: Set(Some(created)),
            status: Set(*status),
            moderated_at: Set((*status == CommentStatus::Published).then_some(created)),
            created_at: Set(created),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        backend::consultations::assign_cluster(&state.db, &row)
            .await
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

const REPORTED_DRAFT: &str = "第一条 为保障公民、法人和其他组织依法获取政府信息，提高政府工作的透明度，根据《中华人民共和国政府信息公开条例》，结合本市实际，制定本规定。
第二条 行政机关应当及时、准确地公开政府信息，并在政府门户网站设置统一的政府信息公开专栏。
第三条 行政机关收到政府信息公开申请，能够当场答复的，应当当场予以答复；不能当场答复的，应当自收到申请之日起20个工作日内予以答复。
第四条 政策性文件公布时，起草部门应当同步公布政策解读材料，最迟不超过3个工作日。
第五条 本规定自发布之日起施行。";

const REPORTED_NOTE: &str = "一、修订背景
国务院修订《中华人民共和国政府信息公开条例》后，本市政府信息公开工作规定需要相应修订。
二、主要内容
明确答复期限、政策解读同步公布等要求。";

/// A comment of the reported consultation and what became of it: article, name, text,
/// outcome and response.
type Answered = (
    Option<&'static str>,
    &'static str,
    &'static str,
    Outcome,
    Option<&'static str>,
);

const ANSWERED: [Answered; 5] = [
    (
        Some("art-3"),
        "市民陈先生",
        "建议第三条明确“当场答复”的具体情形，并在答复中告知申请人救济途径。",
        Outcome::Adopted,
        None,
    ),
    (
        Some("art-4"),
        "市民周女士",
        "建议第四条要求解读材料采用图解、问答等多种形式，方便群众理解。",
        Outcome::PartlyAdopted,
        Some(
            "已增加“可以采用图表图解、政策问答等形式”的表述；不作强制要求，以便起草部门根据政策特点选择。",
        ),
    ),
    (
        Some("art-3"),
        "匿名",
        "建议把20个工作日的答复期限缩短为10个工作日。",
        Outcome::NotAdopted,
        Some(
            "答复期限由《中华人民共和国政府信息公开条例》第三十三条规定，地方规定不宜另行缩短；我们将通过优化流程提高答复效率。",
        ),
    ),
    (
        Some("art-2"),
        "某律师事务所",
        "建议设置统一的政府信息公开专栏。",
        Outcome::AlreadyReflected,
        Some("第二条已规定在政府门户网站设置统一的政府信息公开专栏。"),
    ),
    (
        None,
        "市民刘先生",
        "建议同时规范小区物业信息公开。",
        Outcome::OutOfScope,
        Some("物业信息公开不属于本规定调整范围，已转市住房建设部门研究。"),
    ),
];

/// A consultation that closed two weeks ago, every published comment answered and the
/// adoption report published.
pub async fn seed_reported(state: &AppState) -> Result<(), String> {
    let Some(dept) = demo_department(state).await? else {
        return Ok(());
    };
    let now = chrono::Utc::now();
    let c = closed_consultation(
        state,
        dept.id,
        (
            "深圳市政府信息公开工作规定（修订征求意见稿）",
            REPORTED_DRAFT,
            REPORTED_NOTE,
        ),
        14,
        Some(3),
    )
    .await?;
    answered_comments(
        state,
        &c,
        &ANSWERED,
        ('8', "answered"),
        now - chrono::Duration::days(4),
    )
    .await?;
    Ok(())
}

/// The draft of 《深圳市政策性文件解读工作规定》 (its final text is the demo policy 深府办规
/// 〔2025〕5号): one of the hand-made draft → final pairs the comparison is tested on.
const RULES_DRAFT: &str =
    include_str!("../../../domain/tests/pairs/interpretation_rules.draft.txt");

/// What the public said about that draft, and what became of it.
const RULES_COMMENTS: [Answered; 4] = [
    (
        Some("art-5"),
        "市民林女士",
        "建议将解读材料的发布期限由5个工作日缩短为3个工作日，与国家要求一致。",
        Outcome::Adopted,
        None,
    ),
    (
        Some("art-3"),
        "市民郑先生",
        "第三条要求每年另行制定解读工作计划，增加文书负担，建议删除。",
        Outcome::Adopted,
        None,
    ),
    (
        None,
        "匿名",
        "建议规定：文件来自公开征求意见的，解读材料要说明意见采纳情况。",
        Outcome::Adopted,
        None,
    ),
    (
        Some("art-8"),
        "市民吴先生",
        "建议对解读材料规定不少于两千字的篇幅。",
        Outcome::NotAdopted,
        Some("解读材料的质量不以篇幅衡量；第七条已对解读内容作出要求。"),
    ),
];

/// The change of the final text each of those comments led to (`draft-final` articles).
const RULES_LED_TO: [Option<&str>; 4] = [Some("5-4"), Some("3-"), Some("-8"), None];

/// The consultation 深府办规〔2025〕5号 came out of: closed in May 2025, its report
/// published, linked to the final policy (策前 → 策后), so the policy page shows where it
/// came from and what changed.
pub async fn seed_policy_origin(state: &AppState) -> Result<(), String> {
    use backend::entities::policy;
    let err = |e: sea_orm::DbErr| e.to_string();
    let Some(p) = policy::Entity::find()
        .filter(policy::Column::DocNumber.eq("深府办规〔2025〕5号"))
        .one(&state.db)
        .await
        .map_err(err)?
    else {
        return Ok(());
    };
    let now = chrono::Utc::now();
    let closed = chrono::DateTime::parse_from_rfc3339("2025-05-09T16:00:00Z")
        .map_err(|e| e.to_string())?
        .with_timezone(&chrono::Utc);
    let reported = closed + chrono::Duration::days(14);
    let c = closed_consultation(
        state,
        p.department_id,
        (
            "深圳市政策性文件解读工作规定（征求意见稿）",
            RULES_DRAFT,
            "一、起草背景\n为落实“谁起草、谁解读”原则，规范政策解读工作，起草本规定。",
        ),
        (now - closed).num_days(),
        Some((now - reported).num_days()),
    )
    .await?;
    let mut linked: consultation::ActiveModel = c.clone().into();
    linked.final_policy_id = Set(Some(p.id));
    linked.update(&state.db).await.map_err(err)?;
    let decided = reported - chrono::Duration::days(1);
    let ids = answered_comments(state, &c, &RULES_COMMENTS, ('9', "rules"), decided).await?;
    for (id, key) in ids.into_iter().zip(RULES_LED_TO) {
        let Some(key) = key else {
            continue;
        };
        change_link::ActiveModel {
            consultation_id: Set(c.id),
            comment_id: Set(id),
            change_key: Set(key.into()),
            created_by: Set(None),
            created_at: Set(decided),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
    }
    Ok(())
}

/// Published comments of a closed consultation, each with its decision: one every day from
/// 20 days before the close. Tracking numbers `HY-<year>-<digit>NNNNN`, addresses
/// `<name>N@example.test`. Returns their ids, in order.
async fn answered_comments(
    state: &AppState,
    c: &consultation::Model,
    comments: &[Answered],
    (digit, mailbox): (char, &str),
    decided_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<i32>, String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let mut ids = Vec::new();
    for (i, (article, name, body, outcome, response)) in comments.iter().enumerate() {
        let created = c.closes_at - chrono::Duration::days(20 - i as i64);
        let year = chrono::Datelike::year(&(created + chrono::Duration::hours(8)));
        let row = comment::ActiveModel {
            tracking_number: Set(format!("HY-{year}-{digit}{:05}", i + 1)),
            consultation_id: Set(c.id),
            article_anchor: Set(article.map(Into::into)),
            body: Set((*body).into()),
            display_name: Set((*name).into()),
            email: Set(format!("{mailbox}{}@example.test", i + 1)),
            ip: Set(String::new()),
            consent: Set(true),
            flagged: Set(false),
            verified_at: Set(Some(created)),
            status: Set(CommentStatus::Published),
            moderated_at: Set(Some(created)),
            created_at: Set(created),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        decision::ActiveModel {
            comment_id: Set(row.id),
            consultation_id: Set(c.id),
            outcome: Set(*outcome),
            response: Set(response.map(Into::into)),
            decided_by: Set(None),
            decided_at: Set(decided_at),
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        ids.push(row.id);
    }
    Ok(ids)
}

const AWAITING_DRAFT: &str = "第一条 为推进“数字政府”建设，提升政务数据共享和开放水平，制定本办法。
第二条 政务数据以共享为原则、不共享为例外。
第三条 公共数据开放目录应当每年更新，并向社会公布。
第四条 本办法自发布之日起施行。";

const AWAITING_NOTE: &str = "一、起草背景
为落实“数字政府”改革建设要求，起草本办法。";

/// Published comments waiting for answers: article, name, text, and whether the first two
/// are one near-duplicate group.
const AWAITING: [(Option<&str>, &str, &str); 4] = [
    (
        Some("art-2"),
        "市民黄先生",
        "建议第二条列明“不共享”的例外情形，并定期公布。",
    ),
    (
        Some("art-2"),
        "市民黄女士",
        "建议第二条列明不共享的例外情形，并且定期向社会公布。",
    ),
    (
        Some("art-3"),
        "某科技公司",
        "建议公共数据开放目录每季度更新一次。",
    ),
    (None, "匿名", "建议开放数据提供统一的下载接口。"),
];

/// A consultation that closed three days ago: its published comments wait for answers and
/// its report is due (the end-to-end tests answer them and publish the report).
pub async fn seed_awaiting_report(state: &AppState) -> Result<(), String> {
    let err = |e: sea_orm::DbErr| e.to_string();
    let Some(dept) = demo_department(state).await? else {
        return Ok(());
    };
    let c = closed_consultation(
        state,
        dept.id,
        (
            "深圳市政务数据共享开放管理办法（征求意见稿）",
            AWAITING_DRAFT,
            AWAITING_NOTE,
        ),
        3,
        None,
    )
    .await?;
    let closes = c.closes_at;
    let mut group = None;
    for (i, (article, name, body)) in AWAITING.iter().enumerate() {
        let created = closes - chrono::Duration::days(10 - i as i64);
        let year = chrono::Datelike::year(&(created + chrono::Duration::hours(8)));
        let row = comment::ActiveModel {
            tracking_number: Set(format!("HY-{year}-7{:05}", i + 1)),
            consultation_id: Set(c.id),
            article_anchor: Set(article.map(Into::into)),
            body: Set((*body).into()),
            display_name: Set((*name).into()),
            email: Set(format!("awaiting{}@example.test", i + 1)),
            ip: Set(String::new()),
            consent: Set(true),
            flagged: Set(false),
            verified_at: Set(Some(created)),
            status: Set(CommentStatus::Published),
            moderated_at: Set(Some(created)),
            created_at: Set(created),
            locale: Set("zh-Hans".into()),
            ..Default::default()
        }
        .insert(&state.db)
        .await
        .map_err(err)?;
        // The first two say the same: one near-duplicate group under the first one's id.
        if i < 2 {
            let id = *group.get_or_insert(row.id);
            let mut m: comment::ActiveModel = row.into();
            m.cluster_id = Set(Some(id));
            m.update(&state.db).await.map_err(err)?;
        }
    }
    Ok(())
}

/// The demo's drafting department for consultations (政务服务数据管理局), if seeded.
async fn demo_department(state: &AppState) -> Result<Option<department::Model>, String> {
    department::Entity::find()
        .filter(department::Column::Code.eq("zwfw"))
        .one(&state.db)
        .await
        .map_err(|e| e.to_string())
}

/// A released consultation of 30 days that closed `closed_days_ago` days ago, its report
/// published `report_days_ago` days ago (`None`: not yet).
async fn closed_consultation(
    state: &AppState,
    department_id: i32,
    (title, draft, note): (&str, &str, &str),
    closed_days_ago: i64,
    report_days_ago: Option<i64>,
) -> Result<consultation::Model, String> {
    let now = chrono::Utc::now();
    let closes = now - chrono::Duration::days(closed_days_ago);
    consultation::ActiveModel {
        title: Set(title.into()),
        department_id: Set(department_id),
        draft_text: Set(draft.into()),
        explanatory_note: Set(note.into()),
        opens_at: Set(closes - chrono::Duration::days(30)),
        closes_at: Set(closes),
        short_period_reason: Set(None),
        released: Set(true),
        report_published: Set(report_days_ago.is_some()),
        report_published_at: Set(report_days_ago.map(|d| now - chrono::Duration::days(d))),
        created_by: Set(None),
        created_at: Set(closes - chrono::Duration::days(31)),
        ..Default::default()
    }
    .insert(&state.db)
    .await
    .map_err(|e| e.to_string())
}
