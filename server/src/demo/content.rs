//! Demo content built from the real texts in server/demo/seeds (original text kept), plus one
//! short normative document written in the style of a Shenzhen notice for the demo.

pub struct DemoSet {
    pub departments: Vec<DemoDepartment>,
    pub users: Vec<DemoUser>,
    pub policies: Vec<DemoPolicy>,
}
pub struct DemoDepartment {
    pub code: &'static str,
    pub name_zh_hans: &'static str,
    pub name_zh_hant: &'static str,
    pub name_en: &'static str,
}
pub struct DemoUser {
    pub username: &'static str,
    pub display_name: &'static str,
    /// "admin" | "editor" | "drafter"
    pub role: &'static str,
    /// drafters only
    pub department: Option<&'static str>,
    pub password: &'static str,
}
/// When something is published, relative to the day the demo is loaded, so the demo always
/// shows current deadlines.
pub enum DemoDate {
    Fixed { y: i32, m: u32, d: u32 },
    WorkingDaysBeforeToday(u32),
}
pub enum InterpretationTiming {
    WithPolicy,
    WorkingDaysAfterPolicy(u32),
}
pub struct DemoPolicy {
    pub title: &'static str,
    pub doc_number: &'static str,
    pub department: &'static str,
    pub category: &'static str,
    pub signed_on: DemoDate,
    pub published_on: DemoDate,
    pub effective_on: Option<DemoDate>,
    pub body: &'static str,
    /// "published" | "draft" | "awaiting_signoff"
    pub status: &'static str,
    pub interpretations: Vec<DemoInterpretation>,
}
pub struct DemoInterpretation {
    pub kind: &'static str,
    pub title: &'static str,
    pub body: &'static str,
    pub qa: Vec<(&'static str, &'static str)>,
    pub media_url: Option<&'static str>,
    pub timing: InterpretationTiming,
}

/// The text after its first line (web-page navigation such as "您现在的位置 …" or "相关文章").
fn after_first_line(text: &'static str) -> &'static str {
    text.split_once('\n').map(|(_, rest)| rest).unwrap_or(text)
}

const SEED_000: &str = include_str!("../../demo/seeds/000_742e0e9e8af40c3e.txt");
const SEED_001: &str = include_str!("../../demo/seeds/001_9c96fdb4022428de.txt");
const SEED_002: &str = include_str!("../../demo/seeds/002_fa336ef189ffc5b2.txt");
const SEED_003: &str = include_str!("../../demo/seeds/003_9a85c558272aac1f.txt");
const SEED_004: &str = include_str!("../../demo/seeds/004_dffce4a60932f8ca.txt");

const NOTICE_BODY: &str = "第一条 为进一步做好政策解读工作，落实“谁起草、谁解读”原则，结合本市实际，制定本规定。
第二条 本规定适用于市政府及其部门制发的政策性文件的解读工作。
第三条 起草部门应当在起草政策性文件时同步组织解读方案和解读材料，政策性文件与解读方案、解读材料同步组织、同步审签、同步部署。
第四条 政策解读材料应当与政策性文件同步公布，最迟不超过3个工作日。工作日按照国务院办公厅公布的节假日安排计算。
第五条 起草部门应当因策制宜采用政策答问、图表图解、音频视频、动画漫画等方式开展解读；重大政策综合运用新闻发布、在线访谈、专家解读等方式。
第六条 政策解读工作纳入全市政务公开绩效考核，解读材料发布的及时性按部门向社会公开。
第七条 本规定自发布之日起施行。";

const SECKILL_BODY: &str = "第一条 为深化“互联网+政务服务”改革，推广政务服务“秒批”模式，制定本方案。
第二条 “秒批”以数据集中和共享为支撑，以事项标准化为基础，以网络化、智能化为手段，以大数据监管为保障。
第三条 各部门应当梳理适合“秒批”的事项清单，优先将高频民生事项纳入“秒批”。
第四条 市政务服务数据管理部门负责统筹“秒批”系统建设和数据共享。
第五条 本方案自发布之日起施行。";

pub fn demo() -> DemoSet {
    DemoSet {
        departments: vec![
            DemoDepartment {
                code: "zfb",
                name_zh_hans: "市政府办公厅",
                name_zh_hant: "市政府辦公廳",
                name_en: "General Office of the Municipal Government",
            },
            DemoDepartment {
                code: "zwfw",
                name_zh_hans: "市政务服务管理办公室",
                name_zh_hant: "市政務服務管理辦公室",
                name_en: "Municipal Government Services Administration Office",
            },
            DemoDepartment {
                code: "sfj",
                name_zh_hans: "市司法局",
                name_zh_hant: "市司法局",
                name_en: "Municipal Bureau of Justice",
            },
        ],
        users: vec![
            DemoUser {
                username: "admin",
                display_name: "系统管理员",
                role: "admin",
                department: None,
                password: "huiyin-demo-admin",
            },
            DemoUser {
                username: "editor",
                display_name: "审核编辑",
                role: "editor",
                department: None,
                password: "huiyin-demo-editor",
            },
            DemoUser {
                username: "drafter.zfb",
                display_name: "办公厅起草人",
                role: "drafter",
                department: Some("zfb"),
                password: "huiyin-demo-zfb",
            },
            DemoUser {
                username: "drafter.zwfw",
                display_name: "政务办起草人",
                role: "drafter",
                department: Some("zwfw"),
                password: "huiyin-demo-zwfw",
            },
        ],
        policies: vec![
            DemoPolicy {
                title: "深圳市人民政府办公厅2018年政府信息公开工作年度报告（新闻稿）",
                doc_number: "深府办函〔2019〕35号",
                department: "zfb",
                category: "open_government",
                signed_on: DemoDate::Fixed {
                    y: 2019,
                    m: 3,
                    d: 18,
                },
                published_on: DemoDate::Fixed {
                    y: 2019,
                    m: 3,
                    d: 20,
                },
                effective_on: None,
                body: SEED_000,
                status: "published",
                interpretations: vec![DemoInterpretation {
                    kind: "qa",
                    title: "一问一答：2018年政府信息公开工作年度报告",
                    body: "",
                    qa: vec![
                        (
                            "政策解读材料应在什么时候公布？",
                            "在政策性文件公开发布时，政策解读材料应同步公布，最迟不超过3个工作日。",
                        ),
                        (
                            "谁负责解读政策？",
                            "坚持“谁起草、谁解读”原则，政策性文件与解读方案、解读材料同步组织、同步审签、同步部署。",
                        ),
                        (
                            "政策解读有哪些形式？",
                            "因策制宜采用政策答问、图表图解、音频视频、动画漫画等方式；重大政策解读综合运用新闻发布、在线访谈、专家解读等方式。",
                        ),
                        (
                            "政策解读工作如何考核？",
                            "政策解读工作纳入全市政务公开绩效考核。",
                        ),
                    ],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                }],
            },
            DemoPolicy {
                title: "深圳市人民政府2020年政府信息公開工作年度報告",
                doc_number: "深府函〔2021〕15号",
                department: "zfb",
                category: "open_government",
                signed_on: DemoDate::Fixed {
                    y: 2021,
                    m: 1,
                    d: 25,
                },
                published_on: DemoDate::Fixed {
                    y: 2021,
                    m: 1,
                    d: 29,
                },
                effective_on: None,
                body: SEED_001,
                status: "published",
                interpretations: vec![DemoInterpretation {
                    kind: "text",
                    title: "图文解读：2020年政府信息公开工作年度报告要点",
                    body: "报告依据《中华人民共和国政府信息公开条例》（国务院令第711号）编制，按规定格式公布主动公开、依申请公开、行政复议和行政诉讼等情况。\n2020年，深圳市统筹推进疫情防控和经济社会发展，以制定政策、政策解读、回应关切等“公开组合拳”推动政策落实落地。\n各区已基本建立涵盖政府信息管理、解读回应、依申请公开、公众参与、监督考核等方面的制度体系。",
                    qa: vec![],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                }],
            },
            DemoPolicy {
                title: "2018年深圳“互联网+政务服务”改革工作综述",
                doc_number: "深政务办〔2019〕3号",
                department: "zwfw",
                category: "digital_government",
                signed_on: DemoDate::Fixed {
                    y: 2019,
                    m: 1,
                    d: 8,
                },
                published_on: DemoDate::Fixed {
                    y: 2019,
                    m: 1,
                    d: 10,
                },
                effective_on: None,
                body: after_first_line(SEED_002),
                status: "published",
                interpretations: vec![DemoInterpretation {
                    kind: "expert",
                    title: "专家解读：政务服务与群众走得更近",
                    body: "综述回顾了2018年深圳政务服务工作：各级行政服务大厅实行午间延时服务、上门服务、预约服务等，满足群众个性化办事需求；网上政务服务平台功能更加强大，“i深圳”建成投入使用。\n从制度设计看，改革的着力点是以数据共享代替群众跑腿，让办事从“找部门”转向“找政府”。",
                    qa: vec![],
                    media_url: None,
                    // Published on the 5th working day: the late case of the dashboard.
                    timing: InterpretationTiming::WorkingDaysAfterPolicy(5),
                }],
            },
            DemoPolicy {
                title: "深圳市政务服务管理办公室2017年政府信息公开工作年度报告",
                doc_number: "深政务办〔2018〕6号",
                department: "zwfw",
                category: "open_government",
                signed_on: DemoDate::Fixed {
                    y: 2018,
                    m: 3,
                    d: 26,
                },
                published_on: DemoDate::Fixed {
                    y: 2018,
                    m: 3,
                    d: 28,
                },
                effective_on: None,
                body: after_first_line(SEED_003),
                status: "published",
                interpretations: vec![DemoInterpretation {
                    kind: "qa",
                    title: "政策问答：市政务办2017年信息公开情况",
                    body: "",
                    qa: vec![
                        (
                            "2017年市政务办主动公开了哪些信息？",
                            "通过大厅网站栏目及政府在线主动公开政府信息，包括通知公告10条、工作动态108条、业务统计数据10条。",
                        ),
                        (
                            "信息公开通过哪些渠道？",
                            "充分利用“一门一网”、手机APP、微信公众号、报刊、广播、电视等媒体拓展信息公开渠道。",
                        ),
                    ],
                    media_url: None,
                    timing: InterpretationTiming::WorkingDaysAfterPolicy(2),
                }],
            },
            DemoPolicy {
                title: "深圳“数字政府”这样建",
                doc_number: "深政务办〔2018〕21号",
                department: "zwfw",
                category: "digital_government",
                signed_on: DemoDate::Fixed {
                    y: 2018,
                    m: 8,
                    d: 20,
                },
                published_on: DemoDate::Fixed {
                    y: 2018,
                    m: 8,
                    d: 22,
                },
                effective_on: None,
                body: SEED_004,
                status: "published",
                // No interpretation: the missing (overdue) case of the dashboard.
                interpretations: vec![],
            },
            DemoPolicy {
                title: "深圳市政策解读工作规定",
                doc_number: "深府办规〔2026〕4号",
                department: "zwfw",
                category: "open_government",
                signed_on: DemoDate::WorkingDaysBeforeToday(3),
                published_on: DemoDate::WorkingDaysBeforeToday(1),
                effective_on: Some(DemoDate::WorkingDaysBeforeToday(1)),
                body: NOTICE_BODY,
                status: "published",
                // Published yesterday, interpretation still to come: the "due" case.
                interpretations: vec![],
            },
            DemoPolicy {
                title: "深圳市推行政务服务“秒批”实施方案",
                doc_number: "深政务办〔2026〕12号",
                department: "zwfw",
                category: "business_environment",
                signed_on: DemoDate::WorkingDaysBeforeToday(2),
                published_on: DemoDate::WorkingDaysBeforeToday(0),
                effective_on: None,
                body: SECKILL_BODY,
                status: "awaiting_signoff",
                interpretations: vec![DemoInterpretation {
                    kind: "qa",
                    title: "《实施方案》政策问答",
                    body: "",
                    qa: vec![
                        (
                            "什么是“秒批”？",
                            "依托互联网、大数据和人工智能等技术，以数据集中和共享为支撑，对符合条件的申请即时自动审批。",
                        ),
                        (
                            "哪些事项已经实现“秒批”？",
                            "高校应届毕业生引进落户、高龄老人津贴申请、企业投资项目备案等53个事项已实现“秒批”。",
                        ),
                    ],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                }],
            },
        ],
    }
}
