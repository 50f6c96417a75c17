//! Demo content built from the real texts in server/demo/seeds (original text kept).
//!
//! The five seed texts are the bodies of five documents, verbatim; only the web page's
//! navigation lines around them are cut off (see [`without_first_line`] and [`before`]).
//! Titles and dates come from the texts, or from the page each text was published on.
//! The document numbers (文号) of the seed documents are demo placeholders: the texts are
//! reports and articles that carry none. Three short normative documents are written for the
//! demo in the style of Shenzhen 规范性文件, grounded in the rules the seeds state.
//!
//! What the dashboard shows, by design:
//! - on time: seed 002, its interview two working days after the policy;
//! - late: seed 004, its text interpretation five working days after the policy;
//! - missing: seed 003, published in 2018 and never interpreted;
//! - due: the 不见面审批 measures of `zwfw`, published one working day ago, not yet interpreted
//!   (the end-to-end tests log in as `drafter.zwfw` to interpret it);
//! - sign-off queue: the consultation rules of `bgt`, awaiting sign-off with their interpretation.

use domain::policy::{InterpretationKind, PolicyStatus};

pub struct DemoSet {
    pub departments: Vec<DemoDepartment>,
    pub users: Vec<DemoUser>,
    pub policies: Vec<DemoPolicy>,
}
pub struct DemoDepartment {
    /// lowercase ascii, e.g. "zwfw"
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
    /// 文号 like 深府办函〔2019〕35号: issuer abbreviation, full-width brackets 〔〕, year, number, 号
    pub doc_number: &'static str,
    /// a [`DemoDepartment`] code
    pub department: &'static str,
    /// "open_government" | "digital_government" | "business_environment" | "public_services"
    pub category: &'static str,
    pub signed_on: DemoDate,
    pub published_on: DemoDate,
    pub effective_on: Option<DemoDate>,
    pub body: &'static str,
    pub status: PolicyStatus,
    pub interpretations: Vec<DemoInterpretation>,
}
pub struct DemoInterpretation {
    pub kind: InterpretationKind,
    pub title: &'static str,
    pub body: &'static str,
    /// question/answer pairs for "qa", empty otherwise
    pub qa: Vec<(&'static str, &'static str)>,
    /// for "media"/"interview"; None: no stable public URL, the transcript is the body
    pub media_url: Option<&'static str>,
    pub timing: InterpretationTiming,
}

// ---------------------------------------------------------------------------------------------
// The seed texts, verbatim.

const SEED_000: &str = include_str!("../../demo/seeds/000_742e0e9e8af40c3e.txt");
const SEED_001: &str = include_str!("../../demo/seeds/001_9c96fdb4022428de.txt");
const SEED_002: &str = include_str!("../../demo/seeds/002_fa336ef189ffc5b2.txt");
const SEED_003: &str = include_str!("../../demo/seeds/003_9a85c558272aac1f.txt");
const SEED_004: &str = include_str!("../../demo/seeds/004_dffce4a60932f8ca.txt");

/// The text after its first line: drops a web page's navigation line at the top
/// ("您现在的位置 首页 > …" in 002, "相关文章" in 003).
fn without_first_line(text: &'static str) -> &'static str {
    text.split_once('\n').map_or(text, |(_, rest)| rest)
}

/// The text before `marker`: drops a web page's link list at the bottom
/// ("相關詞條 熱門詞條 聯絡我們" in 001).
fn before(text: &'static str, marker: &str) -> &'static str {
    text.split_once(marker).map_or(text, |(head, _)| head)
}

/// Where the link list at the bottom of seed 001 starts.
const SEED_001_TRAILER: &str = "\n\n相關詞條";

// ---------------------------------------------------------------------------------------------
// Normative documents written for the demo (each article on its own line).

/// 市政府办公厅: the three-working-day rule and "who drafts, interprets", as the seeds state them.
const INTERPRETATION_RULES: &str = "第一条 为规范政策性文件解读工作，落实“谁起草、谁解读”原则，增强政策解读的针对性、知晓度和影响力，根据《深圳市人民政府办公厅关于进一步做好政策解读工作的通知》等规定，结合本市实际，制定本规定。
第二条 本规定适用于市政府及其部门、各区人民政府（新区管委会）制发的政策性文件的解读工作。
第三条 政策性文件的起草部门负责组织解读。起草部门应当将解读方案、解读材料与政策性文件同步组织、同步审签、同步部署。
第四条 政策解读材料应当与政策性文件同步公布；因特殊情况不能同步公布的，最迟不超过政策性文件公布后3个工作日。
第五条 前条所称工作日，按照国务院办公厅公布的节假日安排确定，法定节假日不计入，调休上班日计入。
第六条 起草部门应当因策制宜采用文字解读、政策问答、图表图解、音频视频、动画漫画等方式开展解读；重大政策应当综合运用新闻发布、在线访谈、专家解读等方式。
第七条 解读材料应当准确阐释政策背景、主要内容、适用对象和施行时间，引用的数据应当与政策性文件一致，不得作出超出政策性文件的解释。
第八条 政策性文件由公开征求意见的决策事项形成的，解读材料应当说明公开征求意见的采纳情况，政策性文件的公布页面应当链接该次征求意见及其采纳情况，做到“策前引导—策中解读—策后跟踪”。
第九条 政策解读工作纳入全市政务公开绩效考核。市政府办公厅按部门统计解读材料发布的及时性，并定期向社会公开。
第十条 本规定自2025年7月1日起施行，有效期5年。";

/// 市政务办: the 不见面审批 practice of seeds 000, 002 and 004 made into measures.
const NO_VISIT_MEASURES: &str = "第一条 为深化“互联网＋政务服务”改革，推行“不见面审批”，降低市民和企业办事成本，优化营商环境，结合本市实际，制定本办法。
第二条 本办法所称“不见面审批”，是指运用现代信息技术，引入现代物流服务，通过全程网上办理，实现申请人和审批窗口工作人员不需要见面就能审批办结的审批服务模式。
第三条 市政务服务管理部门负责统筹全市“不见面审批”工作，组织编制“不见面审批”事项清单，向社会公布并动态调整。
第四条 各部门应当将日常业务量大、市民期望快速办的高频服务事项优先纳入“不见面审批”事项清单。
第五条 列入清单的事项应当实现网上申报、网上审批；申请人可以选择通过邮政物流方式领取证照。
第六条 各部门应当通过优化流程、简化环节、精简材料、数据共享等方式，减少申请材料、办理环节和办理时间，实现审批不见面、办事零跑腿。
第七条 本办法自发布之日起施行。";

/// 市政府办公厅: the consultation rules of seed 000 and the national 30-day comment period.
const CONSULTATION_RULES: &str = "第一条 为规范重大行政决策事项公开征求意见工作，保障公众的知情权、参与权、表达权和监督权，根据《重大行政决策程序暂行条例》等规定，结合本市实际，制定本规定。
第二条 本规定适用于市政府及其部门重大行政决策事项的公开征求意见工作。
第三条 重大行政决策事项除依法应当保密的外，应当通过公开征求意见、听证座谈、咨询协商、专家论证、媒体吹风等多种方式，广泛听取意见。
第四条 决策承办单位应当在“深圳政府在线”公布决策草案及其说明。公开征求意见的期限一般不少于30日；因情况紧急等原因需要缩短期限的，应当在公开征求意见时予以说明。
第五条 公众提出的意见建议经审核后公开。决策承办单位应当逐条研究，作出采纳、部分采纳或者不予采纳的处理。
第六条 征求意见期限届满后，决策承办单位应当及时公布公开征求意见的采纳情况，对未予采纳的意见说明理由，做到件件有落实、事事有回音。
第七条 根据决策事项制发的政策性文件公布时，应当同时链接其公开征求意见及采纳情况。
第八条 本规定自发布之日起施行，有效期5年。";

// ---------------------------------------------------------------------------------------------
// Interpretations.

const VIDEO_2018_REPORT: &str = "【视频文字稿】
3月20日，深圳市人民政府办公厅公布2018年政府信息公开工作年度报告。这一年，深圳的政务公开做了哪些事？
公众参与：各区各部门在“深圳政府在线”上就重大决策事项公开征求公众意见495次，收到意见建议9900条。
政务服务：53个事项实现“秒批”；300个高频服务事项实行“不见面审批”，其中无犯罪记录证明“不见面审批”办理13095笔，企业注册登记“不见面审批”办理108511笔。
数据开放：政府数据开放平台免费开放48家政府机构（含10个区）的1500余项数据类目，数据总量1.2亿多条。
政策解读：全市发布政策解读稿件777篇，举办新闻发布会255次，组织政府网站在线访谈178次。政策解读材料与政策性文件同步公布，最迟不超过3个工作日。
基层试点：罗湖区条目式梳理1164个政务公开事项和42个群众关切事项，第三方调查显示政务公开满意度为92.03%。";

const EXPERT_2020_REPORT: &str = "《深圳市人民政府2020年政府信息公开工作年度报告》按照《中华人民共和国政府信息公开条例》（国务院令第711号）和国办公开办函〔2019〕60号的要求编制。读懂这份报告，可以抓住以下几点。
一、先看数据是否“对得上”。报告的申请办理表自带勾稽关系：本年新收申请5915件加上年结转95件，等于本年度办理结果总计5850件加结转下年度继续办理160件。公众可以据此自行核对。
二、再看申请的去向。在5850件办理结果中，予以公开2041件，部分公开654件；因“本机关不掌握相关政府信息”而无法提供的有1804件。后一类数量不小，说明申请人找准公开主体还需要更清楚的指引，这也是报告提出修订完善公开指南、公开目录的意义所在。
三、制度文件的公开。本年新公开规章15件、规范性文件328件，对外公开总数分别为266件和2147件；《深圳市人民政府公报》出版50期、发布437个文件，确保规范性文件均通过市政府公报刊登生效。
四、发布、解读、回应一体推进。疫情期间，深圳以“制定政策、政策解读、回应关切”的公开组合拳发布“惠企16条”“双统筹31条”“稳增长66条”等政策，组织150多场（次）不同层次新闻发布活动；全年市政府新闻办在市政府新闻发布平台举办200余场（次）新闻发布活动。
五、直面不足。报告坦承三方面问题：政务公开制度体系有待进一步完善，标准化规范化建设有待进一步加强，队伍专业化水平有待进一步提高。下一步的着力点，是建成一套公开事项科学全面、工作流程规范高效、平台渠道丰富多元的基层政务公开统一标准规范。";

const INTERVIEW_2018_SERVICES: &str = "访谈主题：盘点2018年政务服务便民改革
访谈嘉宾：市政务办有关负责同志
主持人：2018年，深圳的政务服务有哪些看得见的变化？
嘉宾：可以概括为三句话：政务服务与群众走得更近、更贴心；让群众办事更快、更省心；与互联网的融合更密、更智慧。这一年，我市推出300项“不见面审批”事项、300个全城通办事项、46个“秒批”事项。
主持人：“秒批”是怎么做到的？
嘉宾：“秒批”是申请人网上提交申请信息，系统按照既定规则，通过数据共享实时比对核验，自动做出审批决定。以高校应届毕业生引进落户为例，改革前需跑动至少3次以上；改革后只需在网上提交信息，系统自动审批、即时出具结果，毕业生就可直接到户籍窗口办理落户。
主持人：“全城通办”的事项有哪些？怎么办？
嘉宾：300个全城通办事项主要涉及公安户政、机动车业务，人社部门社保办理，住建部门公积金办理，规划国土部门土地使用管理、交通运输部门客货运输管理等领域。申请人可以到就近的服务大厅递交申请材料、领取证照，也可以通过邮政物流的方式获取证照。
主持人：上班族中午能去大厅办事吗？
嘉宾：可以。市行政服务大厅于2018年7月30日起率先开展午间延时服务，各市级专业分厅、各区行政服务大厅于8月13日起相继开展。
主持人：不去大厅呢？
嘉宾：统一的政务自助服务终端24小时不打烊。实名认证注册后，可以自助申请办理涵盖34个部门的1488项审批服务事项；刷一刷身份证，就能自助查询并打印个人参保证明、五险一金缴纳明细、无房产证明、完税证明等31项公共服务。
主持人：群众满意吗？
嘉宾：市政务办委托第三方调查公司开展了全市政务服务满意度调查，第一季度、第四季度累计有11万人次参与。群众满意度由一季度的82.75%提升到四季度的85.79%。
主持人：感谢您的解答。";

const TEXT_DIGITAL_GOVERNMENT: &str = "深圳市出台《深圳市新型智慧城市建设总体方案》和《深圳市“数字政府”改革建设试点实施方案》，围绕“创品牌、提体验、强基层、优决策”推进“数字政府”建设，力争2018年底实现国内一流，2020年底实现国际一流。
一、创品牌。投资建设项目“深圳90”改革做好四个“变”：变分散化部门受理为一站式集中服务，变通用审批为个性化服务，变被动审批为主动服务，变外部审批为内部审批。改革后，投资建设项目的审批时间由267个工作日压缩至90个工作日以内，其中政府投资建设项目从立项到施工许可控制在85个工作日以内，社会投资建设项目从签订土地使用权出让合同到取得施工许可控制在33个工作日以内。普通高校应届毕业生落户“秒批”6月10日上线以来，材料提交减少70%，已有超过1.3万名高校应届毕业生通过“秒批”引进深圳。
二、提体验。推进政务服务“八个一”建设：一码管理、一门集中、一窗受理、一网通办、一号连通、一证申办、一库共享、一体运行。6月28日发布第一批100个“不见面审批”服务事项清单，8月19日发布第二批200项“不见面审批”事项和首批300项“全城通办”事项。
三、强基层。深圳公安智慧警务系统已汇聚2491种1740亿条数据；宝安区形成“1+10+124+4833”的网格化管理体系，为跨部门联合监管提供支撑。
四、优决策。“灵鲲金融安全大数据平台”实现对全市320万户工商企业金融风险的监测预警，上线以来精确识别了790家风险企业。";

const PRESS_INTERPRETATION_RULES: &str = "发布会主题：《深圳市政策性文件解读工作规定》发布
发布人：市政府办公厅有关负责同志
【发布内容】
《规定》共十条，核心是三句话：谁起草、谁解读；解读方案、解读材料与政策性文件同步组织、同步审签、同步部署；解读材料与政策性文件同步公布，最迟不超过3个工作日。
《规定》第五条明确，工作日按照国务院办公厅公布的节假日安排确定，法定节假日不计入，调休上班日计入，春节、国庆等长假前后的期限计算由此统一。
【答记者问】
【第八条】记者：一份文件如果来自公开征求意见，公众怎么知道自己的意见有没有被采纳？
发布人：《规定》第八条要求，解读材料应当说明公开征求意见的采纳情况，文件的公布页面应当链接该次征求意见及其采纳情况，做到“策前引导—策中解读—策后跟踪”。
【第九条】记者：解读是否及时，谁来监督？
发布人：政策解读工作纳入全市政务公开绩效考核。市政府办公厅按部门统计解读材料发布的及时性，并定期向社会公开，公众可以随时查看。";

const TEXT_CONSULTATION_RULES: &str = "一、为什么制定本规定
2018年，各区各部门在“深圳政府在线”上就《深圳市电动自行车管理若干规定》《深圳经济特区养老服务条例》等重大决策事项，公开征求公众意见495次，收到意见建议9900条。意见征集的规模已经很大，需要统一的规则保证每一条意见都有回音。
二、主要内容
（一）听取意见的方式（第三条）：除依法应当保密的外，通过公开征求意见、听证座谈、咨询协商、专家论证、媒体吹风等多种方式广泛听取意见。
（二）征求意见的期限（第四条）：一般不少于30日；因情况紧急等原因需要缩短的，应当在公开征求意见时说明理由。
（三）意见的处理（第五条、第六条）：意见经审核后公开，逐条作出采纳、部分采纳或者不予采纳的处理；期限届满后及时公布采纳情况，对未予采纳的意见说明理由。
（四）前后衔接（第七条）：据此制发的政策性文件公布时，同时链接其公开征求意见及采纳情况。
三、施行时间
本规定自发布之日起施行，有效期5年。";

pub fn demo() -> DemoSet {
    DemoSet {
        departments: departments(),
        users: users(),
        policies: policies(),
    }
}

fn departments() -> Vec<DemoDepartment> {
    vec![
        DemoDepartment {
            code: "bgt",
            name_zh_hans: "市政府办公厅",
            name_zh_hant: "市政府辦公廳",
            name_en: "General Office of the Shenzhen Municipal People's Government",
        },
        DemoDepartment {
            code: "zwfw",
            name_zh_hans: "市政务服务管理办公室",
            name_zh_hant: "市政務服務管理辦公室",
            name_en: "Shenzhen Government Services Administration Office",
        },
        DemoDepartment {
            code: "gaj",
            name_zh_hans: "市公安局",
            name_zh_hant: "市公安局",
            name_en: "Shenzhen Municipal Public Security Bureau",
        },
    ]
}

fn users() -> Vec<DemoUser> {
    vec![
        DemoUser {
            username: "admin",
            display_name: "系统管理员",
            role: "admin",
            department: None,
            password: "huiyin-demo-admin",
        },
        DemoUser {
            username: "editor",
            display_name: "网站编辑",
            role: "editor",
            department: None,
            password: "huiyin-demo-editor",
        },
        DemoUser {
            username: "drafter.bgt",
            display_name: "市政府办公厅起草人",
            role: "drafter",
            department: Some("bgt"),
            password: "huiyin-demo-bgt",
        },
        DemoUser {
            username: "drafter.zwfw",
            display_name: "市政务办起草人",
            role: "drafter",
            department: Some("zwfw"),
            password: "huiyin-demo-zwfw",
        },
    ]
}

fn fixed(y: i32, m: u32, d: u32) -> DemoDate {
    DemoDate::Fixed { y, m, d }
}

fn policies() -> Vec<DemoPolicy> {
    vec![
        // Seed 000: the press article on the 2018 annual report; it dates the publication 3月20日.
        DemoPolicy {
            title: "深圳2018年度政府信息公开工作报告出炉 53个事项实现“秒批”",
            doc_number: "深府办函〔2019〕35号",
            department: "bgt",
            category: "open_government",
            signed_on: fixed(2019, 3, 20),
            published_on: fixed(2019, 3, 20),
            effective_on: None,
            body: SEED_000,
            status: PolicyStatus::Published,
            interpretations: vec![
                DemoInterpretation {
                    kind: InterpretationKind::Qa,
                    title: "政策问答：2018年政府信息公开工作年度报告",
                    body: "",
                    qa: vec![
                        (
                            "2018年政府信息公开工作年度报告涵盖哪些单位、哪段时间？",
                            "报告内容涵盖全市各区人民政府（新区管委会）、市政府各部门2018年1月1日至12月31日的政府信息公开工作情况。",
                        ),
                        (
                            "2018年公众参与重大决策的情况如何？",
                            "各区各部门在“深圳政府在线”上就《深圳市电动自行车管理若干规定》《深圳经济特区养老服务条例》等重大决策事项，公开征求公众意见495次，收到意见建议9900条。",
                        ),
                        (
                            "重大决策事项要通过哪些方式听取意见？",
                            "除依法应当保密的外，必须通过公开征求意见、听证座谈、咨询协商、专家论证、媒体吹风等多种方式，广纳多方意见，并及时公布公开征求意见的采纳情况。",
                        ),
                        (
                            "政策解读材料最迟什么时候公布？",
                            "坚持“谁起草、谁解读”原则，在政策性文件公开发布时，政策解读材料应同步公布，最迟不超过3个工作日。政策解读工作纳入全市政务公开绩效考核。",
                        ),
                        (
                            "哪些事项已经实现“秒批”？",
                            "目前已对高校应届毕业生引进落户、高龄老人津贴申请、企业投资项目备案等53个事项实现“秒批”。以高校应届毕业生引进落户为例，改革前需跑动至少3次以上，改革后只需在网上提交信息，系统自动审批，即时出具结果。",
                        ),
                        (
                            "2018年政策解读和回应关切做了多少工作？",
                            "全市各级行政机关回应公众关注热点或重大舆情4382次，举办新闻发布会255次，组织政府网站在线访谈178次，发布政策解读稿件777篇。",
                        ),
                    ],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                },
                DemoInterpretation {
                    kind: InterpretationKind::Media,
                    title: "视频解读：一分钟看懂深圳2018年政务公开",
                    body: VIDEO_2018_REPORT,
                    qa: vec![],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                },
            ],
        },
        // Seed 001 (Traditional Chinese): published on sz.gov.cn on 2021-03-10.
        DemoPolicy {
            title: "深圳市人民政府2020年政府信息公開工作年度報告",
            doc_number: "深府函〔2021〕28号",
            department: "bgt",
            category: "open_government",
            signed_on: fixed(2021, 3, 10),
            published_on: fixed(2021, 3, 10),
            effective_on: None,
            body: before(SEED_001, SEED_001_TRAILER),
            status: PolicyStatus::Published,
            interpretations: vec![DemoInterpretation {
                kind: InterpretationKind::Expert,
                title: "专家解读：读懂深圳市2020年政府信息公开工作年度报告",
                body: EXPERT_2020_REPORT,
                qa: vec![],
                media_url: None,
                timing: InterpretationTiming::WithPolicy,
            }],
        },
        // Seed 002: the 2018 review of government services (published early 2019; day assumed).
        DemoPolicy {
            title: "政务服务2018年便民改革大盘点 十大创新举措亮点纷呈",
            doc_number: "深政务办〔2019〕3号",
            department: "zwfw",
            category: "public_services",
            signed_on: fixed(2019, 1, 25),
            published_on: fixed(2019, 1, 25),
            effective_on: None,
            body: without_first_line(SEED_002),
            status: PolicyStatus::Published,
            interpretations: vec![DemoInterpretation {
                kind: InterpretationKind::Interview,
                title: "在线访谈：盘点2018年政务服务便民改革",
                body: INTERVIEW_2018_SERVICES,
                qa: vec![],
                media_url: None,
                // On time: within the three working days.
                timing: InterpretationTiming::WorkingDaysAfterPolicy(2),
            }],
        },
        // Seed 003: the office's 2017 annual report (due by 31 March 2018; day assumed).
        DemoPolicy {
            title: "深圳市政务服务管理办公室2017年政府信息公开工作年度报告",
            doc_number: "深政务办〔2018〕6号",
            department: "zwfw",
            category: "open_government",
            signed_on: fixed(2018, 3, 30),
            published_on: fixed(2018, 3, 30),
            effective_on: None,
            body: without_first_line(SEED_003),
            status: PolicyStatus::Published,
            // Missing: never interpreted, long overdue.
            interpretations: vec![],
        },
        // Seed 004: 南方日报 on the 数字政府 plans, 更新时间 2018-08-22.
        DemoPolicy {
            title: "深圳“数字政府”这样建",
            doc_number: "深政务办〔2018〕21号",
            department: "zwfw",
            category: "digital_government",
            signed_on: fixed(2018, 8, 22),
            published_on: fixed(2018, 8, 22),
            effective_on: None,
            body: SEED_004,
            status: PolicyStatus::Published,
            interpretations: vec![DemoInterpretation {
                kind: InterpretationKind::Text,
                title: "文字解读：深圳“数字政府”建设的四个关键词",
                body: TEXT_DIGITAL_GOVERNMENT,
                qa: vec![],
                media_url: None,
                // Late: the fifth working day, past the three-working-day limit.
                timing: InterpretationTiming::WorkingDaysAfterPolicy(5),
            }],
        },
        // Written for the demo: the rules this portal serves.
        DemoPolicy {
            title: "深圳市政策性文件解读工作规定",
            doc_number: "深府办规〔2025〕5号",
            department: "bgt",
            category: "open_government",
            signed_on: fixed(2025, 6, 10),
            published_on: fixed(2025, 6, 13),
            effective_on: Some(fixed(2025, 7, 1)),
            body: INTERPRETATION_RULES,
            status: PolicyStatus::Published,
            interpretations: vec![
                DemoInterpretation {
                    kind: InterpretationKind::Qa,
                    title: "《深圳市政策性文件解读工作规定》政策问答",
                    body: "",
                    qa: vec![
                        (
                            "【第四条】政策解读材料什么时候公布？",
                            "与政策性文件同步公布；因特殊情况不能同步公布的，最迟不超过政策性文件公布后3个工作日（第四条）。",
                        ),
                        (
                            "【第五条】“3个工作日”怎么计算？",
                            "按照国务院办公厅公布的节假日安排确定：法定节假日不计入，调休上班日计入（第五条）。",
                        ),
                        (
                            "【第三条】谁负责解读？",
                            "政策性文件的起草部门，即“谁起草、谁解读”。解读方案、解读材料与政策性文件同步组织、同步审签、同步部署（第三条）。",
                        ),
                        (
                            "【第六条】解读可以采用哪些形式？",
                            "文字解读、政策问答、图表图解、音频视频、动画漫画等；重大政策应当综合运用新闻发布、在线访谈、专家解读等方式（第六条）。",
                        ),
                        (
                            "【第八条】文件来自公开征求意见的，解读要说明什么？",
                            "解读材料应当说明公开征求意见的采纳情况，文件公布页面应当链接该次征求意见及其采纳情况（第八条）。",
                        ),
                        (
                            "【第九条】解读是否及时，如何考核？",
                            "政策解读工作纳入全市政务公开绩效考核，市政府办公厅按部门统计解读材料发布的及时性并定期向社会公开（第九条）。",
                        ),
                    ],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                },
                DemoInterpretation {
                    kind: InterpretationKind::Press,
                    title: "新闻发布会：《深圳市政策性文件解读工作规定》发布",
                    body: PRESS_INTERPRETATION_RULES,
                    qa: vec![],
                    media_url: None,
                    timing: InterpretationTiming::WithPolicy,
                },
            ],
        },
        // Written for the demo. Due: published yesterday, interpretation not yet written
        // (the end-to-end tests interpret it as drafter.zwfw).
        DemoPolicy {
            title: "深圳市政务服务“不见面审批”事项管理办法",
            doc_number: "深政务办规〔2026〕2号",
            department: "zwfw",
            category: "business_environment",
            signed_on: DemoDate::WorkingDaysBeforeToday(3),
            published_on: DemoDate::WorkingDaysBeforeToday(1),
            effective_on: Some(DemoDate::WorkingDaysBeforeToday(1)),
            body: NO_VISIT_MEASURES,
            status: PolicyStatus::Published,
            interpretations: vec![],
        },
        // Written for the demo. Awaiting the editor's sign-off together with its interpretation.
        DemoPolicy {
            title: "深圳市重大行政决策事项公开征求意见工作规定",
            doc_number: "深府办规〔2026〕9号",
            department: "bgt",
            category: "open_government",
            signed_on: DemoDate::WorkingDaysBeforeToday(1),
            published_on: DemoDate::WorkingDaysBeforeToday(0),
            effective_on: None,
            body: CONSULTATION_RULES,
            status: PolicyStatus::AwaitingSignoff,
            interpretations: vec![DemoInterpretation {
                kind: InterpretationKind::Text,
                title: "《深圳市重大行政决策事项公开征求意见工作规定》解读",
                body: TEXT_CONSULTATION_RULES,
                qa: vec![],
                media_url: None,
                timing: InterpretationTiming::WithPolicy,
            }],
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_published_fixed_without_interpretation(p: &DemoPolicy) -> bool {
        p.status == PolicyStatus::Published
            && p.interpretations.is_empty()
            && matches!(p.published_on, DemoDate::Fixed { .. })
    }

    #[test]
    fn references_and_logins_are_consistent() {
        let set = demo();
        assert!((3..=5).contains(&set.departments.len()));
        let codes: Vec<_> = set.departments.iter().map(|d| d.code).collect();
        for d in &set.departments {
            assert!(d.code.bytes().all(|b| b.is_ascii_lowercase()), "{}", d.code);
        }
        for u in &set.users {
            assert!(u.password.len() >= 12, "{}", u.username);
            assert_eq!(
                u.department.is_some(),
                u.role == "drafter",
                "{}",
                u.username
            );
            if let Some(code) = u.department {
                assert!(codes.contains(&code));
                assert_eq!(u.username, format!("drafter.{code}"));
            }
        }
        let names: Vec<_> = set.users.iter().map(|u| u.username).collect();
        assert!(names.contains(&"admin") && names.contains(&"editor"));
        assert!(
            names.contains(&"drafter.zwfw"),
            "used by the end-to-end tests"
        );
        for p in &set.policies {
            assert!(codes.contains(&p.department), "{}", p.title);
            assert!(
                [
                    "open_government",
                    "digital_government",
                    "business_environment",
                    "public_services"
                ]
                .contains(&p.category)
            );
            assert_ne!(p.status, PolicyStatus::Withdrawn);
        }
    }

    #[test]
    fn document_numbers_are_well_formed() {
        for p in demo().policies {
            let (issuer, rest) = p.doc_number.split_once('〔').expect(p.doc_number);
            let (year, serial) = rest.split_once('〕').expect(p.doc_number);
            assert!(!issuer.is_empty());
            assert!(year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()));
            let serial = serial.strip_suffix('号').expect(p.doc_number);
            assert!(!serial.is_empty() && serial.bytes().all(|b| b.is_ascii_digit()));
        }
    }

    #[test]
    fn seed_bodies_are_verbatim_without_page_navigation() {
        let set = demo();
        let seeds = [SEED_000, SEED_001, SEED_002, SEED_003, SEED_004];
        let from_seeds: Vec<_> = set
            .policies
            .iter()
            .filter(|p| seeds.iter().any(|s| s.contains(p.body)))
            .collect();
        assert_eq!(from_seeds.len(), 5);
        for p in from_seeds {
            assert!(p.body.len() > 5000, "{}", p.title);
            for junk in [
                "您现在的位置",
                "相关文章",
                "相關詞條",
                "熱門詞條",
                "聯絡我們",
            ] {
                assert!(!p.body.contains(junk), "{} contains {junk}", p.title);
            }
        }
    }

    #[test]
    fn written_documents_have_one_article_per_line() {
        for body in [INTERPRETATION_RULES, NO_VISIT_MEASURES, CONSULTATION_RULES] {
            let lines: Vec<_> = body.lines().collect();
            assert!(lines.len() >= 5);
            for line in lines {
                let (head, _) = line.split_once(' ').expect(line);
                assert!(head.starts_with('第') && head.ends_with('条'), "{line}");
            }
        }
    }

    #[test]
    fn interpretations_are_well_formed() {
        let set = demo();
        let all: Vec<_> = set
            .policies
            .iter()
            .flat_map(|p| &p.interpretations)
            .collect();
        for i in &all {
            // Graphics need an image file, which the demo does not ship.
            assert_ne!(i.kind, InterpretationKind::Graphic, "{}", i.title);
            if i.kind == InterpretationKind::Qa {
                assert!((3..=6).contains(&i.qa.len()), "{}", i.title);
            } else {
                assert!(i.qa.is_empty() && !i.body.is_empty(), "{}", i.title);
            }
        }
        let count = |k: InterpretationKind| all.iter().filter(|i| i.kind == k).count();
        assert!(
            count(InterpretationKind::Qa) >= 2
                && count(InterpretationKind::Expert) >= 1
                && count(InterpretationKind::Text) >= 1
        );
    }

    #[test]
    fn the_dashboard_has_each_timeliness_case_once() {
        let set = demo();
        let p = &set.policies;
        let late = p
            .iter()
            .flat_map(|p| &p.interpretations)
            .filter(
                |i| matches!(i.timing, InterpretationTiming::WorkingDaysAfterPolicy(n) if n > 3),
            )
            .count();
        assert_eq!(late, 1);
        assert_eq!(
            p.iter()
                .filter(|p| is_published_fixed_without_interpretation(p))
                .count(),
            1
        );
        let due: Vec<_> = p
            .iter()
            .filter(|p| {
                p.status == PolicyStatus::Published
                    && p.interpretations.is_empty()
                    && matches!(p.published_on, DemoDate::WorkingDaysBeforeToday(1))
            })
            .collect();
        assert_eq!(due.len(), 1);
        assert_eq!(
            due[0].department, "zwfw",
            "the end-to-end tests' drafter interprets it"
        );
        let awaiting: Vec<_> = p
            .iter()
            .filter(|p| p.status == PolicyStatus::AwaitingSignoff)
            .collect();
        assert_eq!(awaiting.len(), 1);
        assert_eq!(awaiting[0].interpretations.len(), 1);
    }
}
