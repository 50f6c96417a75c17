//! The one message catalogue: every user-facing string, in Simplified Chinese (default),
//! Traditional Chinese and English. Add a message here, never as a literal in a page.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    ZhHans,
    ZhHant,
    En,
}

impl Locale {
    pub const ALL: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];
    /// BCP 47 tag, used in `<html lang>`, the cookie and URLs.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::ZhHans => "zh-Hans",
            Locale::ZhHant => "zh-Hant",
            Locale::En => "en",
        }
    }
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let t = tag.trim().to_ascii_lowercase();
        match t.as_str() {
            "zh-hans" | "zh-cn" | "zh-sg" | "zh" => Some(Locale::ZhHans),
            "zh-hant" | "zh-tw" | "zh-hk" | "zh-mo" => Some(Locale::ZhHant),
            _ if t == "en" || t.starts_with("en-") => Some(Locale::En),
            _ => None,
        }
    }
    /// First supported language of an `Accept-Language` header, in the client's order.
    pub fn from_accept_language(header: &str) -> Option<Locale> {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .find_map(Locale::from_tag)
    }
    /// The language's own name, for the language switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::ZhHans => "简体中文",
            Locale::ZhHant => "繁體中文",
            Locale::En => "English",
        }
    }
    /// Pick the right one of three localized strings stored in the database (department names).
    pub fn pick<'a>(self, hans: &'a str, hant: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhHans => hans,
            Locale::ZhHant => hant,
            Locale::En => en,
        }
    }
    /// A date in the locale's usual written form: 2026年11月23日 / Nov 23, 2026.
    pub fn date(self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Locale::ZhHans | Locale::ZhHant => {
                format!("{}年{}月{}日", d.year(), d.month(), d.day())
            }
            Locale::En => d.format("%b %-d, %Y").to_string(),
        }
    }
}

macro_rules! messages {
    ($($key:ident => ($hans:expr, $hant:expr, $en:expr),)*) => {
        /// Keys of the message catalogue.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum Msg { $($key,)* }
        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$key,)*];
            pub fn text(self, locale: Locale) -> &'static str {
                match (self, locale) {
                    $(
                        (Msg::$key, Locale::ZhHans) => $hans,
                        (Msg::$key, Locale::ZhHant) => $hant,
                        (Msg::$key, Locale::En) => $en,
                    )*
                }
            }
            /// Stable name of the key, used for message keys in redirects (`?notice=…`).
            pub fn key(self) -> &'static str {
                match self { $(Msg::$key => stringify!($key),)* }
            }
            pub fn from_key(key: &str) -> Option<Msg> {
                match key { $(stringify!($key) => Some(Msg::$key),)* _ => None }
            }
        }
    };
}

/// Fill `{name}` placeholders of a message.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

messages! {
    SiteName => ("回音 · 政策解读与公众参与", "回音 · 政策解讀與公眾參與", "Huiyin · Policy interpretation and public consultation"),
    SiteShortName => ("回音", "回音", "Huiyin"),
    SiteDescription => ("回音：深圳市政策文件与解读、公开征求意见及意见采纳情况，解读发布时效按法定工作日公开。", "回音：深圳市政策文件與解讀、公開徵求意見及意見採納情況，解讀發布時效按法定工作日公開。", "Huiyin: Shenzhen's policies with their interpretations, public consultations and what became of every comment, with each department's timeliness in public."),
    SiteTagline => ("件件有落实，事事有回音", "件件有落實，事事有回音", "Every item acted on, every matter answered"),
    SkipToContent => ("跳到主要内容", "跳到主要內容", "Skip to main content"),
    NavHome => ("首页", "首頁", "Home"),
    NavPolicies => ("政策文件", "政策文件", "Policies"),
    NavTimeliness => ("解读时效", "解讀時效", "Timeliness"),
    NavStatistics => ("统计", "統計", "Statistics"),
    NavStaff => ("工作台", "工作台", "Staff desk"),
    NavConsultations => ("征求意见", "徵求意見", "Consultations"),
    NavModeration => ("意见审核", "意見審核", "Moderation"),
    NavLogin => ("工作人员登录", "工作人員登入", "Staff login"),
    NavLogout => ("退出登录", "登出", "Log out"),
    NavMain => ("主导航", "主導覽", "Main navigation"),
    Language => ("语言", "語言", "Language"),
    SignedInAs => ("当前用户：{name}", "目前使用者：{name}", "Signed in as {name}"),
    FooterText => ("本站演示内容取自深圳市政府公开文件。政策解读应与政策文件同步公布，最迟不超过3个工作日。", "本站演示內容取自深圳市政府公開文件。政策解讀應與政策文件同步公布，最遲不超過3個工作日。", "Demo content is taken from public documents of the Shenzhen government. Interpretations are published with the policy and never later than 3 working days after it."),

    HomeLatestPolicies => ("最新政策文件", "最新政策文件", "Latest policies"),
    HomeLatestInterpretations => ("最新政策解读", "最新政策解讀", "Latest interpretations"),
    HomeDue => ("待发布的解读", "待發布的解讀", "Interpretations due"),
    HomeDueCount => ("{n} 份政策的解读待发布", "{n} 份政策的解讀待發布", "{n} policies awaiting interpretation"),
    HomeOverdueCount => ("{n} 份已逾期", "{n} 份已逾期", "{n} overdue"),
    HomeNothingDue => ("目前没有待发布的解读。", "目前沒有待發布的解讀。", "No interpretation is due right now."),
    AllPolicies => ("查看全部政策文件", "查看全部政策文件", "All policies"),
    Loading => ("加载中……", "載入中……", "Loading…"),

    PolicyListTitle => ("政策文件", "政策文件", "Policy documents"),
    FilterDepartment => ("起草部门", "起草部門", "Drafting department"),
    FilterCategory => ("主题分类", "主題分類", "Category"),
    FilterYear => ("发布年份", "發布年份", "Year"),
    FilterInterpretation => ("解读情况", "解讀情況", "Interpretation"),
    FilterAll => ("全部", "全部", "All"),
    FilterApply => ("筛选", "篩選", "Filter"),
    ResultCount => ("共 {n} 份文件", "共 {n} 份文件", "{n} documents"),
    NoResults => ("没有符合条件的文件。", "沒有符合條件的文件。", "No document matches these filters."),
    PagePrev => ("上一页", "上一頁", "Previous page"),
    PageNext => ("下一页", "下一頁", "Next page"),
    PageOf => ("第 {page} 页，共 {pages} 页", "第 {page} 頁，共 {pages} 頁", "Page {page} of {pages}"),
    Pagination => ("分页", "分頁", "Pagination"),

    CatOpenGovernment => ("政务公开", "政務公開", "Open government"),
    CatDigitalGovernment => ("数字政府", "數字政府", "Digital government"),
    CatBusinessEnvironment => ("营商环境", "營商環境", "Business environment"),
    CatPublicServices => ("公共服务", "公共服務", "Public services"),

    DocNumber => ("文号", "文號", "Document number"),
    Department => ("起草部门", "起草部門", "Drafting department"),
    Category => ("主题分类", "主題分類", "Category"),
    SignedOn => ("成文日期", "成文日期", "Signed"),
    PublishedOn => ("发布日期", "發布日期", "Published"),
    EffectiveOn => ("施行日期", "施行日期", "Effective"),
    Status => ("状态", "狀態", "Status"),
    Body => ("正文", "正文", "Full text"),
    Outline => ("目录", "目錄", "Contents"),
    Interpretations => ("政策解读", "政策解讀", "Interpretations"),
    ArticleNotes => ("解读（{n}）", "解讀（{n}）", "Interpretation ({n})"),
    ArticleNotesOf => ("{label}的解读", "{label}的解讀", "Interpretation of {label}"),
    ArticlePermalink => ("本条及解读的链接", "本條及解讀的連結", "Link to this article with its interpretation"),
    ArticleExplains => ("解读的条款", "解讀的條款", "Explains"),
    ArticleReadInPolicy => ("在全文中查看", "在全文中查看", "Read it in the full text"),
    ArticlePrevious => ("上一条", "上一條", "Previous article"),
    ArticleNext => ("下一条", "下一條", "Next article"),
    ArticleFullText => ("返回政策全文", "返回政策全文", "Back to the full text"),
    ArticleNoNotes => ("本条暂无逐条解读。", "本條暫無逐條解讀。", "No interpretation of this article yet."),
    ChangesTitle => ("征求意见稿与正式文本对照", "徵求意見稿與正式文本對照", "From draft to final text"),
    ChangesFrom => ("对照的征求意见稿：", "對照的徵求意見稿：", "Compared with the draft of"),
    ChangesSummary => ("修改 {changed} 条，新增 {added} 条，删除 {removed} 条，仅序号变化 {renumbered} 条，未修改 {unchanged} 条。", "修改 {changed} 條，新增 {added} 條，刪除 {removed} 條，僅序號變化 {renumbered} 條，未修改 {unchanged} 條。", "{changed} articles changed, {added} added, {removed} removed, {renumbered} renumbered only, {unchanged} unchanged."),
    ChangesNone => ("正式文本的条款与征求意见稿一致。", "正式文本的條款與徵求意見稿一致。", "The final text's articles are those of the draft."),
    ChangesLink => ("正式文本与征求意见稿相比有哪些变化", "正式文本與徵求意見稿相比有哪些變化", "What changed from the draft"),
    ChangesRenumberedList => ("以下条文内容未变，仅序号变化：", "以下條文內容未變，僅序號變化：", "Same words, new number: "),
    ChangeChanged => ("修改", "修改", "Changed"),
    ChangePunctuation => ("仅标点修改", "僅標點修改", "Punctuation only"),
    ChangeAdded => ("新增", "新增", "Added"),
    ChangeRemoved => ("删除", "刪除", "Removed"),
    ChangeRenumbered => ("仅序号变化", "僅序號變化", "Renumbered only"),
    ChangeHeadingMoved => ("{final}（征求意见稿{draft}）", "{final}（徵求意見稿{draft}）", "{final} (draft: {draft})"),
    ChangeHeadingDraft => ("征求意见稿{draft}", "徵求意見稿{draft}", "Draft {draft}"),
    DiffRemovedStart => ("［删除：", "［刪除：", "[removed: "),
    DiffInsertedStart => ("［新增：", "［新增：", "[added: "),
    DiffEnd => ("］", "］", "]"),
    ReadingModeOn => ("长者模式", "長者模式", "Easy reading mode"),
    ReadingModeOff => ("退出长者模式", "退出長者模式", "Standard view"),
    ReadingModeIsOn => ("已开启长者模式：字号更大、对比更强、行距更宽。", "已開啟長者模式：字號更大、對比更強、行距更寬。", "Easy reading mode is on: larger text, stronger contrast, wider spacing."),
    ReadingModeIsOff => ("已恢复标准模式。", "已恢復標準模式。", "The standard view is back."),
    NoInterpretationYet => ("解读材料尚未发布。", "解讀材料尚未發布。", "No interpretation has been published yet."),
    DeadlineProvisional => ("按法定节假日推算，以国务院公布的安排为准", "按法定節假日推算，以國務院公布的安排為準", "Estimated from the statutory holidays; the State Council's published schedule prevails"),
    InterpretationDeadline => ("解读发布期限：{date}", "解讀發布期限：{date}", "Interpretation due by {date}"),
    AuthorDepartment => ("解读部门", "解讀部門", "Interpreting department"),
    Question => ("问", "問", "Q"),
    Answer => ("答", "答", "A"),
    Transcript => ("文字实录", "文字實錄", "Transcript"),
    WatchOrListen => ("观看 / 收听", "觀看 / 收聽", "Watch or listen"),
    MetaInfo => ("文件信息", "文件信息", "Document details"),

    StatusDraft => ("草稿", "草稿", "Draft"),
    StatusAwaitingSignoff => ("待审签", "待審簽", "Awaiting sign-off"),
    StatusPublished => ("已发布", "已發布", "Published"),
    StatusWithdrawn => ("已撤回", "已撤回", "Withdrawn"),

    KindText => ("文字解读", "文字解讀", "Text interpretation"),
    KindQa => ("政策问答", "政策問答", "Policy Q&A"),
    KindGraphic => ("图解", "圖解", "Graphic"),
    KindMedia => ("音视频解读", "音視頻解讀", "Audio / video"),
    KindExpert => ("专家解读", "專家解讀", "Expert interpretation"),
    KindPress => ("新闻发布会", "新聞發布會", "Press conference"),
    KindInterview => ("在线访谈", "線上訪談", "Online interview"),

    BadgeWithPolicy => ("解读同步发布", "解讀同步發布", "Interpretation published with the policy"),
    BadgeOnTime => ("解读按时发布（{n} 个工作日）", "解讀按時發布（{n} 個工作日）", "Interpretation on time ({n} working days)"),
    BadgeOnTimeQuiet => ("解读按时发布", "解讀按時發布", "Interpretation on time"),
    BadgeOverdueJust => ("解读已超过发布期限", "解讀已超過發布期限", "Interpretation past its deadline"),
    BadgeDue => ("解读待发布（剩余 {n} 个工作日）", "解讀待發布（剩餘 {n} 個工作日）", "Interpretation due ({n} working days left)"),
    BadgeDueToday => ("解读今日到期", "解讀今日到期", "Interpretation due today"),
    BadgeOverdue => ("解读已逾期 {n} 个工作日", "解讀已逾期 {n} 個工作日", "Interpretation overdue by {n} working days"),
    BadgeLate => ("解读延迟发布（第 {n} 个工作日）", "解讀延遲發布（第 {n} 個工作日）", "Interpretation late (working day {n})"),
    TimelyWithPolicy => ("同步发布", "同步發布", "With policy"),
    TimelyOnTime => ("按时", "按時", "On time"),
    TimelyDue => ("待发布", "待發布", "Due"),
    TimelyOverdue => ("逾期未发布", "逾期未發布", "Overdue"),
    TimelyLate => ("延迟发布", "延遲發布", "Late"),

    DepartmentPolicies => ("{name}发布的政策文件", "{name}發布的政策文件", "Policies of {name}"),
    DepartmentTimeliness => ("解读时效", "解讀時效", "Interpretation timeliness"),

    TimelinessTitle => ("政策解读时效", "政策解讀時效", "Interpretation timeliness"),
    TimelinessIntro => ("政策解读应与政策文件同步公布，最迟不超过3个工作日（按国务院公布的节假日和调休安排计算）。下表按起草部门统计。", "政策解讀應與政策文件同步公布，最遲不超過3個工作日（按國務院公布的節假日和調休安排計算）。下表按起草部門統計。", "Interpretations are due with the policy and at the latest 3 working days after it, counted on the State Council's official holiday calendar. By drafting department:"),
    TimelinessByDepartment => ("按部门", "按部門", "By department"),
    TimelinessByMonth => ("按月份（近12个月）", "按月份（近12個月）", "By month (last 12 months)"),
    ColPolicies => ("政策数", "政策數", "Policies"),
    ColRate => ("按时率", "按時率", "On-time rate"),
    ColMonth => ("月份", "月份", "Month"),
    ChartTitle => ("各月政策解读发布情况", "各月政策解讀發布情況", "Interpretations by month"),

    LoginTitle => ("工作人员登录", "工作人員登入", "Staff login"),
    Username => ("用户名", "使用者名稱", "Username"),
    Password => ("密码", "密碼", "Password"),
    LoginButton => ("登录", "登入", "Log in"),
    LoginFailed => ("用户名或密码不正确。", "使用者名稱或密碼不正確。", "Wrong username or password."),
    LoginThrottled => ("登录失败次数过多，请 {n} 分钟后再试。", "登入失敗次數過多，請 {n} 分鐘後再試。", "Too many failed attempts. Try again in {n} minutes."),
    LoggedOut => ("您已退出登录。", "您已登出。", "You are logged out."),

    StaffTitle => ("工作台", "工作台", "Staff desk"),
    StaffDueList => ("本部门待发布的解读", "本部門待發布的解讀", "Interpretations your department owes"),
    StaffMyPolicies => ("本部门政策文件", "本部門政策文件", "Your department's policies"),
    StaffSignoffQueue => ("待审签", "待審簽", "Awaiting sign-off"),
    StaffNothing => ("暂无。", "暫無。", "Nothing here."),
    NewPolicy => ("新建政策文件", "新建政策文件", "New policy document"),
    EditPolicy => ("修改政策文件", "修改政策文件", "Edit policy document"),
    Title => ("标题", "標題", "Title"),
    BodyHelp => ("可输入纯文本（每条一行，如“第一条 ……”）或有限的HTML（段落、标题、列表、表格、链接）。", "可輸入純文字（每條一行，如「第一條 ……」）或有限的HTML（段落、標題、列表、表格、連結）。", "Plain text (one article per line, e.g. 第一条 …) or limited HTML (paragraphs, headings, lists, tables, links)."),
    DocNumberHelp => ("例如：深府〔2020〕12号", "例如：深府〔2020〕12號", "For example: 深府〔2020〕12号"),
    Save => ("保存", "儲存", "Save"),
    Cancel => ("返回", "返回", "Back"),
    AddInterpretation => ("添加解读材料", "新增解讀材料", "Add interpretation"),
    InterpretationKind => ("解读形式", "解讀形式", "Form of interpretation"),
    QaHelp => ("每组问答：以“问：”开头的一行为问题，随后以“答：”开头的内容为回答。", "每組問答：以「問：」開頭的一行為問題，隨後以「答：」開頭的內容為回答。", "Each pair: a line starting with 问： is a question, the following 答： text its answer."),
    QaPairs => ("问答内容", "問答內容", "Questions and answers"),
    ImageFile => ("图解图片（PNG、JPEG 或 WebP，不超过 5 MB）", "圖解圖片（PNG、JPEG 或 WebP，不超過 5 MB）", "Image (PNG, JPEG or WebP, at most 5 MB)"),
    ImageAlt => ("图片文字说明（供读屏软件使用，必填）", "圖片文字說明（供讀屏軟體使用，必填）", "Text alternative of the image (for screen readers, required)"),
    MediaUrl => ("音视频链接", "音視頻連結", "Audio or video link"),
    PublishNowAlone => ("政策已发布：本解读保存后立即单独发布。", "政策已發布：本解讀儲存後立即單獨發布。", "The policy is published: this interpretation is published on its own as soon as it is saved."),
    SubmitForSignoff => ("提交审签（政策与解读同步审签）", "提交審簽（政策與解讀同步審簽）", "Submit for sign-off (policy and interpretation together)"),
    Approve => ("审签通过并发布", "審簽通過並發布", "Approve and publish"),
    ReturnWithReason => ("退回修改", "退回修改", "Return for changes"),
    Reason => ("退回理由", "退回理由", "Reason"),
    ReturnedBecause => ("已退回：{reason}", "已退回：{reason}", "Returned: {reason}"),
    NeedsInterpretation => ("提交审签前请至少添加一份解读材料。", "提交審簽前請至少新增一份解讀材料。", "Add at least one interpretation before submitting for sign-off."),
    Actions => ("操作", "操作", "Actions"),
    StaffPolicyTitle => ("政策文件（工作人员视图）", "政策文件（工作人員檢視）", "Policy document (staff view)"),
    ViewPublic => ("查看公开页面", "查看公開頁面", "View public page"),

    NoticeSaved => ("已保存。", "已儲存。", "Saved."),
    NoticeSubmitted => ("已提交审签。", "已提交審簽。", "Submitted for sign-off."),
    NoticePublished => ("已发布。", "已發布。", "Published."),
    Withdraw => ("撤回（废止）", "撤回（廢止）", "Withdraw"),
    WithdrawReason => ("撤回理由", "撤回理由", "Reason for withdrawal"),
    NoticeWithdrawn => ("已撤回，公众不再可见。", "已撤回，公眾不再可見。", "Withdrawn; no longer public."),
    MonthShort => ("{m}月", "{m}月", "{m}"),
    NoticeReturned => ("已退回起草部门。", "已退回起草部門。", "Returned to the drafting department."),
    NoticeCalendarSaved => ("工作日历已更新。", "工作日曆已更新。", "Calendar updated."),

    FormHasErrors => ("表单有 {n} 处需要修改，请查看标注的字段。", "表單有 {n} 處需要修改，請查看標註的欄位。", "The form has {n} problems; see the marked fields."),
    ErrRequired => ("此项必填。", "此項必填。", "This field is required."),
    ErrTooLong => ("内容过长（最多 {n} 字）。", "內容過長（最多 {n} 字）。", "Too long (at most {n} characters)."),
    ErrDocNumber => ("文号格式应为“机关代字〔年份〕序号号”，例如：深府〔2020〕12号。", "文號格式應為「機關代字〔年份〕序號號」，例如：深府〔2020〕12號。", "A document number looks like 深府〔2020〕12号: issuer, year in brackets, number, 号."),
    ErrDate => ("请输入有效日期（年-月-日）。", "請輸入有效日期（年-月-日）。", "Enter a valid date (YYYY-MM-DD)."),
    ErrDateOrder => ("施行日期不能早于成文日期。", "施行日期不能早於成文日期。", "The effective date cannot be before the signing date."),
    ErrChoice => ("请从列表中选择。", "請從列表中選擇。", "Choose one of the options."),
    ErrTieUnreadable => ("无法识别条款标记 {n}：请写成【第三条】、【第三条、第五条】或【第三条至第五条】。", "無法識別條款標記 {n}：請寫成【第三條】、【第三條、第五條】或【第三條至第五條】。", "The article marker {n} cannot be read: write 【第三条】, 【第三条、第五条】 or 【第三条至第五条】."),
    ErrTieNoSuchArticle => ("本政策没有{n}：条款标记只能指向正文中已有的条款。", "本政策沒有{n}：條款標記只能指向正文中已有的條款。", "This policy has no {n}: a marker can only name an article of its text."),
    TieHelp => ("逐条解读：在一段解读或一个问题的开头写【第三条】（多条写【第三条、第五条】，连续写【第三条至第五条】），这段解读就显示在该条旁边；写【总体】回到对全文的解读。", "逐條解讀：在一段解讀或一個問題的開頭寫【第三條】（多條寫【第三條、第五條】，連續寫【第三條至第五條】），這段解讀就顯示在該條旁邊；寫【總體】回到對全文的解讀。", "Article by article: start a passage or a question with 【第三条】 (several: 【第三条、第五条】, a range: 【第三条至第五条】) and it is shown beside that article; 【总体】 returns to the policy as a whole."),
    TieArticles => ("本政策的条款：{n}", "本政策的條款：{n}", "This policy's articles: {n}"),
    ErrQa => ("请至少填写一组“问：……”“答：……”。", "請至少填寫一組「問：……」「答：……」。", "Enter at least one 问：… / 答：… pair."),
    ErrImageType => ("仅接受 PNG、JPEG 或 WebP 图片（SVG 因安全原因不接受）。", "僅接受 PNG、JPEG 或 WebP 圖片（SVG 因安全原因不接受）。", "Only PNG, JPEG or WebP images are accepted (SVG is refused for safety)."),
    ErrUrl => ("请输入以 https:// 或 http:// 开头的链接。", "請輸入以 https:// 或 http:// 開頭的連結。", "Enter a link starting with https:// or http://."),
    ErrWrongState => ("当前状态下不能进行此操作。", "目前狀態下不能進行此操作。", "This action is not possible in the current state."),
    ErrCalendarBuiltinYear => ("{n} 年的安排已内置国务院公布的数据，不能在此修改。", "{n} 年的安排已內建國務院公布的資料，不能在此修改。", "{n} has the State Council's published schedule built in and cannot be changed here."),
    ErrCalendarLine => ("第 {n} 行格式有误：{detail}", "第 {n} 行格式有誤：{detail}", "Line {n} is malformed: {detail}"),

    ErrorNotFoundTitle => ("页面不存在", "頁面不存在", "Page not found"),
    ErrorNotFoundText => ("您访问的页面不存在或已被移除。", "您造訪的頁面不存在或已被移除。", "The page does not exist or has been removed."),
    ErrorForbiddenTitle => ("无权进行此操作", "無權進行此操作", "Not allowed"),
    ErrorForbiddenText => ("您的账号无权查看此页面或进行此操作。", "您的帳號無權查看此頁面或進行此操作。", "Your account may not see this page or do this."),
    ErrorBusyTitle => ("服务暂时繁忙", "服務暫時繁忙", "Service busy"),
    ErrorBusyText => ("请求未能及时完成，请稍后再试。", "請求未能及時完成，請稍後再試。", "The request could not be completed in time. Please try again shortly."),
    ErrorTooLargeTitle => ("上传内容过大", "上傳內容過大", "Upload too large"),
    ErrorTooLargeText => ("上传的文件超过大小限制（5 MB）。请压缩后重试，其余内容未保存。", "上傳的檔案超過大小限制（5 MB）。請壓縮後重試，其餘內容未儲存。", "The upload exceeds the size limit (5 MB). Please make it smaller and try again; nothing was saved."),
    ErrorBadRequestTitle => ("请求无效", "請求無效", "Bad request"),
    ErrorBadRequestText => ("请求的格式不正确，未作任何更改。", "請求的格式不正確，未作任何更改。", "The request was malformed; nothing was changed."),
    ErrorCsrfText => ("表单已过期或来源无效，请返回刷新页面后重试。", "表單已過期或來源無效，請返回重新整理頁面後重試。", "The form has expired or came from elsewhere. Go back, reload the page and try again."),
    ErrorServerTitle => ("服务暂时不可用", "服務暫時不可用", "Something went wrong"),
    ErrorServerText => ("服务器处理请求时出错，请稍后再试。", "伺服器處理請求時出錯，請稍後再試。", "The server could not complete the request. Please try again later."),
    BackHome => ("返回首页", "返回首頁", "Back to the home page"),
    LoginRequired => ("请先登录。", "請先登入。", "Please log in first."),

    AdminCalendarTitle => ("工作日历", "工作日曆", "Working-day calendar"),
    AdminCalendarIntro => ("内置国务院办公厅公布的 {years} 年节假日安排。后续年份的安排公布后，可在此录入（每行：日期,holiday|workday,名称）。", "內建國務院辦公廳公布的 {years} 年節假日安排。後續年份的安排公布後，可在此錄入（每行：日期,holiday|workday,名稱）。", "Built in: the State Council's holiday schedules for {years}. When a later year's schedule is published, enter it here (one line each: date,holiday|workday,name)."),
    AdminCalendarEntries => ("节假日与调休", "節假日與調休", "Holidays and adjusted working days"),
    AdminCalendarYearStatus => ("{year} 年：{state}", "{year} 年：{state}", "{year}: {state}"),
    CalendarBuiltin => ("内置", "內建", "built in"),
    CalendarAdded => ("管理员录入", "管理員錄入", "entered by an administrator"),
    CalendarMissing => ("尚未录入（按法定节假日推算）", "尚未錄入（按法定節假日推算）", "not entered (estimated from the statutory holidays)"),
    AdminCalendarNotice => ("粘贴国务院办公厅节假日安排通知", "貼上國務院辦公廳節假日安排通知", "Paste the State Council's holiday notice"),
    AdminCalendarNoticeHelp => ("整篇粘贴即可，例如“一、元旦：1月1日（周五）放假……1月4日（周日）上班。”。预览无误后再保存。", "整篇貼上即可，例如「一、元旦：1月1日（週五）放假……1月4日（週日）上班。」。預覽無誤後再儲存。", "Paste it whole, e.g. “一、元旦：1月1日（周五）放假……1月4日（周日）上班。”. Check the preview, then save."),
    AdminCalendarPreview => ("预览", "預覽", "Preview"),
    AdminCalendarPreviewTitle => ("{year} 年安排预览", "{year} 年安排預覽", "The {year} schedule, for checking"),
    AdminCalendarPreviewHelp => ("请逐月核对放假与调休上班日期；无误后点击下方“保存”，条目已填入。", "請逐月核對放假與調休上班日期；無誤後點擊下方「儲存」，條目已填入。", "Check the days off and the weekend days worked month by month; the entries below are filled in: save them if they are right."),
    CalendarMonth => ("{year}年{month}月", "{year}年{month}月", "{month}/{year}"),
    CalendarWeekdays => ("一,二,三,四,五,六,日", "一,二,三,四,五,六,日", "Mon,Tue,Wed,Thu,Fri,Sat,Sun"),
    CalendarDayOff => ("休", "休", "off"),
    CalendarDayWorked => ("班", "班", "work"),
    CalendarLegend => ("“休”为放假，“班”为调休上班。", "「休」為放假，「班」為調休上班。", "“off”: a day off; “work”: a weekend day worked."),
    ErrNoticeNoYear => ("通知中没有年份（如“2027年部分节假日安排”）。", "通知中沒有年份（如「2027年部分節假日安排」）。", "The notice names no year (such as “2027年部分节假日安排”)."),
    ErrNoticeNoHolidays => ("没有找到节日条目（如“元旦：1月1日放假”）。", "沒有找到節日條目（如「元旦：1月1日放假」）。", "No holiday found (items such as “元旦：1月1日放假”)."),
    ErrNoticeNoDaysOff => ("{n}：“放假”之前没有日期。", "{n}：「放假」之前沒有日期。", "{n}: no date before “放假”."),
    ErrNoticeBadDate => ("{n}：{detail} 不是有效日期。", "{n}：{detail} 不是有效日期。", "{n}: {detail} is not a date."),
    ErrNoticeBackwardRange => ("{n}：日期范围的结束早于开始。", "{n}：日期範圍的結束早於開始。", "{n}: the range ends before it begins."),
    NavAdminCalendar => ("工作日历", "工作日曆", "Calendar"),
    NavAdminUsers => ("账号管理", "帳號管理", "Accounts"),
    AdminUsersTitle => ("工作人员账号", "工作人員帳號", "Staff accounts"),
    Role => ("角色", "角色", "Role"),
    RoleAdmin => ("管理员", "管理員", "Administrator"),
    RoleEditor => ("编辑（审核）", "編輯（審核）", "Editor"),
    RoleDrafter => ("起草部门工作人员", "起草部門工作人員", "Drafter"),
    DisplayName => ("姓名", "姓名", "Name"),
    Email => ("电子邮箱（接收解读到期提醒）", "電子郵箱（接收解讀到期提醒）", "Email (for deadline reminders)"),
    AccountActive => ("状态", "狀態", "Status"),
    AccountEnabled => ("启用", "啟用", "Active"),
    AccountDisabled => ("已停用", "已停用", "Disabled"),
    Disable => ("停用", "停用", "Disable"),
    Enable => ("启用", "啟用", "Enable"),
    CreateUser => ("新建账号", "新建帳號", "New account"),
    NewPassword => ("初始密码（至少12位）", "初始密碼（至少12位）", "Initial password (at least 12 characters)"),
    NoDepartment => ("（不属于部门）", "（不屬於部門）", "(no department)"),
    ErrUsername => ("用户名须为3至40位字母、数字、点、横线或下划线。", "使用者名稱須為3至40位字母、數字、點、橫線或底線。", "A username has 3–40 letters, digits, dots, dashes or underscores."),
    ErrPasswordShort => ("密码至少需要12个字符。", "密碼至少需要12個字元。", "A password needs at least 12 characters."),
    ErrUsernameTaken => ("该用户名已被使用。", "該使用者名稱已被使用。", "This username is taken."),
    ErrDepartmentRequired => ("起草部门工作人员必须属于一个部门。", "起草部門工作人員必須屬於一個部門。", "A drafter must belong to a department."),
    ErrEmail => ("请输入有效的电子邮箱地址。", "請輸入有效的電子郵箱地址。", "Enter a valid email address."),
    ErrOwnAccount => ("不能停用自己的账号。", "不能停用自己的帳號。", "You cannot disable your own account."),
    NoticeUserCreated => ("账号已创建。", "帳號已建立。", "Account created."),
    NoticeUserUpdated => ("账号已更新。", "帳號已更新。", "Account updated."),
    ConsultationsTitle => ("公开征求意见", "公開徵求意見", "Public consultations"),
    ConsultationsOpen => ("正在征求意见", "正在徵求意見", "Open for comment"),
    ConsultationsUpcoming => ("即将开始", "即將開始", "Starting soon"),
    ConsultationsClosed => ("已截止", "已截止", "Closed"),
    ConsultationsNone => ("暂无。", "暫無。", "None."),
    ConsultationPeriod => ("征求意见期：{from} 至 {to}", "徵求意見期：{from} 至 {to}", "Comment period: {from} to {to}"),
    DaysLeft => ("剩余 {n} 天", "剩餘 {n} 天", "{n} days left"),
    ConsultationClosedNote => ("征求意见已截止，不再接收意见。", "徵求意見已截止，不再接收意見。", "The comment period has closed."),
    ConsultationScheduledNote => ("征求意见尚未开始。", "徵求意見尚未開始。", "The comment period has not started yet."),
    ShortPeriodReason => ("征求意见期少于30日的理由", "徵求意見期少於30日的理由", "Why the period is shorter than 30 days"),
    CommentsCount => ("收到意见 {received} 条，已公开 {published} 条", "收到意見 {received} 條，已公開 {published} 條", "{received} comments received, {published} published"),
    ExplanatoryNote => ("起草说明", "起草說明", "Explanatory note"),
    DraftText => ("征求意见稿", "徵求意見稿", "Draft for comment"),
    ArticleComments => ("{n} 条意见", "{n} 條意見", "{n} comments"),
    CommentFormTitle => ("提出意见", "提出意見", "Comment"),
    CommentBody => ("意见内容（最多5000字）", "意見內容（最多5000字）", "Your comment (at most 5,000 characters)"),
    CommentArticle => ("意见涉及的条款", "意見涉及的條款", "Which article it concerns"),
    CommentGeneral => ("总体意见", "總體意見", "General"),
    CommentName => ("署名（可不填，默认“匿名”）", "署名（可不填，預設「匿名」）", "Name to show (optional, else 匿名)"),
    CommentEmail => ("电子邮箱（必填，不公开，用于确认和通知）", "電子郵箱（必填，不公開，用於確認和通知）", "Email (required, never shown; for confirmation and updates)"),
    CommentConsent => ("我同意在审核后公开本意见（不公开邮箱）", "我同意在審核後公開本意見（不公開郵箱）", "I agree that my comment is published after moderation (never my email)"),
    CommentSubmit => ("提交意见", "提交意見", "Submit comment"),
    HoneypotLabel => ("请勿填写此项", "請勿填寫此項", "Leave this empty"),
    PublishedComments => ("已公开的意见", "已公開的意見", "Published comments"),
    CommentFilterArticle => ("按条款筛选", "按條款篩選", "Filter by article"),
    CommentOrder => ("排序", "排序", "Order"),
    OrderNewest => ("最新在前", "最新在前", "Newest first"),
    OrderOldest => ("最早在前", "最早在前", "Oldest first"),
    NoComments => ("暂无公开的意见。", "暫無公開的意見。", "No published comments yet."),
    ReceiptTitle => ("意见已收到", "意見已收到", "Comment received"),
    ReceiptText => ("您的意见已安全保存。受理编号：", "您的意見已安全保存。受理編號：", "Your comment is safely stored. Tracking number:"),
    ReceiptVerify => ("我们已向您的邮箱发送确认邮件，请打开其中的链接；确认后意见进入审核，审核通过后公开。", "我們已向您的郵箱發送確認郵件，請打開其中的連結；確認後意見進入審核，審核通過後公開。", "We sent a confirmation link to your email. Once you open it, your comment goes to moderation and is published when approved."),
    ReceiptKeep => ("请保存受理编号，可凭编号和邮箱查询办理情况。", "請保存受理編號，可憑編號和郵箱查詢辦理情況。", "Keep the tracking number: with it and your email you can follow your comment."),
    StatusTitle => ("查询意见办理情况", "查詢意見辦理情況", "Follow your comment"),
    TrackingNumberLabel => ("受理编号（如 HY-2026-000123）", "受理編號（如 HY-2026-000123）", "Tracking number (like HY-2026-000123)"),
    StatusEmail => ("提交意见时填写的电子邮箱", "提交意見時填寫的電子郵箱", "The email you gave with your comment"),
    StatusLookup => ("查询", "查詢", "Look up"),
    LookupThrottled => ("查询次数过多，请 {n} 分钟后再试。", "查詢次數過多，請 {n} 分鐘後再試。", "Too many lookups. Try again in {n} minutes."),
    StatusNotFound => ("未找到与该编号和邮箱对应的意见。", "未找到與該編號和郵箱對應的意見。", "No comment matches this tracking number and email."),
    CommentStatusUnverified => ("已收到，待邮箱确认", "已收到，待郵箱確認", "Received, awaiting email confirmation"),
    CommentStatusAwaiting => ("已确认，待审核", "已確認，待審核", "Confirmed, awaiting moderation"),
    CommentStatusPublished => ("已公开", "已公開", "Published"),
    CommentStatusRejected => ("未公开", "未公開", "Not published"),
    ReasonSpam => ("垃圾信息", "垃圾訊息", "Spam"),
    ReasonAbusive => ("含有辱骂或攻击内容", "含有辱罵或攻擊內容", "Abusive"),
    ReasonOffTopic => ("与征求意见事项无关", "與徵求意見事項無關", "Off topic"),
    ReasonPersonalData => ("含有个人信息", "含有個人資訊", "Contains personal data"),
    ReasonDuplicate => ("重复提交", "重複提交", "Duplicate"),
    VerifiedNotice => ("邮箱已确认，您的意见已进入审核。", "郵箱已確認，您的意見已進入審核。", "Email confirmed: your comment is now awaiting moderation."),
    VerifyInvalid => ("确认链接无效、已使用或已过期（有效期7天），未作任何更改。", "確認連結無效、已使用或已過期（有效期7天），未作任何更改。", "This confirmation link is invalid, was already used or has expired (links last 7 days); nothing changed."),
    VerifyPageTitle => ("确认邮箱", "確認郵箱", "Confirm your email"),
    VerifyPageText => ("请点击下面的按钮，确认提交意见时填写的邮箱属于您。确认后，您的意见进入审核。", "請點擊下面的按鈕，確認提交意見時填寫的郵箱屬於您。確認後，您的意見進入審核。", "Press the button below to confirm that the email given with your comment is yours. Your comment then goes to moderation."),
    VerifyButton => ("确认邮箱", "確認郵箱", "Confirm email"),
    SubscribeConfirmTitle => ("确认订阅", "確認訂閱", "Confirm subscription"),
    SubscribeConfirmText => ("请点击下面的按钮确认订阅。确认后，新的征求意见开始时我们会发邮件通知您。", "請點擊下面的按鈕確認訂閱。確認後，新的徵求意見開始時我們會發郵件通知您。", "Press the button below to confirm your subscription. We will then email you when a consultation opens."),
    SubscribeConfirmButton => ("确认订阅", "確認訂閱", "Confirm subscription"),
    NewConsultation => ("发起征求意见", "發起徵求意見", "New consultation"),
    OpensOn => ("开始日期", "開始日期", "Opens on"),
    ClosesOn => ("截止日期（含当日）", "截止日期（含當日）", "Closes on (inclusive)"),
    ReleaseNow => ("保存后向公众公布（按日期自动开始和截止）", "儲存後向公眾公布（按日期自動開始和截止）", "Publish on saving (opens and closes by the dates)"),
    ModerationTitle => ("意见审核", "意見審核", "Comment moderation"),
    ModerationWaiting => ("待审核 {n} 条", "待審核 {n} 條", "{n} waiting"),
    ModerationFlaggedOnly => ("只看标记的意见", "只看標記的意見", "Flagged only"),
    Flagged => ("含标记词，请重点审核", "含標記詞，請重點審核", "Contains a flag word"),
    ApproveComment => ("公开", "公開", "Publish"),
    RejectComment => ("不予公开", "不予公開", "Do not publish"),
    RejectReasonLabel => ("理由", "理由", "Reason"),
    ModeratorNote => ("内部备注（不公开）", "內部備註（不公開）", "Internal note (never public)"),
    ApproveSelected => ("公开所选意见", "公開所選意見", "Publish selected"),
    SelectComment => ("选择", "選擇", "Select"),
    AllConsultations => ("全部征求意见", "全部徵求意見", "All consultations"),
    NoticeModerated => ("已处理。", "已處理。", "Done."),
    NoticeConsultationSaved => ("征求意见已保存。", "徵求意見已儲存。", "Consultation saved."),
    ErrShortPeriod => ("征求意见期少于30日时，须填写理由（将向公众公开）。", "徵求意見期少於30日時，須填寫理由（將向公眾公開）。", "A period shorter than 30 days needs a reason (shown to the public)."),
    ErrConsultationNotOpen => ("该征求意见当前不在意见征集期内，意见未提交。", "該徵求意見目前不在意見徵集期內，意見未提交。", "This consultation is not open for comments; nothing was submitted."),
    ErrNotAccepted => ("提交未被接受。", "提交未被接受。", "The submission was not accepted."),
    ErrBinaryText => ("意见内容含有无法识别的字符，请只输入文字。", "意見內容含有無法識別的字元，請只輸入文字。", "The comment contains characters that are not text; please enter text only."),
    ErrConsent => ("请确认同意公开后再提交。", "請確認同意公開後再提交。", "Please agree to publication before submitting."),
    ErrBusy => ("服务繁忙，请稍候几秒再提交。您输入的内容已保留。", "服務繁忙，請稍候幾秒再提交。您輸入的內容已保留。", "The service is busy; please submit again in a few seconds. What you typed is kept."),
    ErrRateLimited => ("提交过于频繁，请一小时后再试。您输入的内容已保留。", "提交過於頻繁，請一小時後再試。您輸入的內容已保留。", "Too many comments in a short time; please try again in an hour. What you typed is kept."),
    ErrRedactNotFound => ("意见原文中没有这段文字，请从原文中复制。", "意見原文中沒有這段文字，請從原文中複製。", "The comment does not contain this text; copy it from the original."),
    RedactLabel => ("隐去个人信息（输入原文中要隐去的文字）", "隱去個人資訊（輸入原文中要隱去的文字）", "Hide personal data (enter the exact text to hide)"),
    RedactButton => ("隐去", "隱去", "Hide"),
    RedactedPreview => ("公开时显示为：", "公開時顯示為：", "The public will see:"),
    OriginalText => ("原文（仅工作人员可见）", "原文（僅工作人員可見）", "Original (staff only)"),
    CommentRedactedNote => ("部分个人信息已隐去。", "部分個人資訊已隱去。", "Some personal data was hidden."),
    ClusterBadge => ("近似意见一组，共 {n} 条", "近似意見一組，共 {n} 條", "Group of {n} near-identical comments"),
    ClusterShow => ("只看这一组", "只看這一組", "Show this group only"),
    ClusterApprove => ("公开这一组待审核的 {n} 条", "公開這一組待審核的 {n} 條", "Publish the {n} waiting in this group"),
    ClusterReject => ("这一组待审核的 {n} 条不予公开", "這一組待審核的 {n} 條不予公開", "Do not publish the {n} waiting in this group"),
    ChannelLabel => ("来源", "來源", "Received"),
    ChannelOnline => ("网上提交", "網上提交", "Online"),
    ChannelPaper => ("纸质意见", "紙質意見", "On paper"),
    ChannelLetter => ("信函", "信函", "By post"),
    PaperCommentTitle => ("录入纸质或信函意见", "錄入紙質或信函意見", "Enter a paper or mailed comment"),
    PaperCommentIntro => ("代公众录入收到的纸质意见或信函，录入后进入审核并记入审核日志。", "代公眾錄入收到的紙質意見或信函，錄入後進入審核並記入審核日誌。", "Enter a comment received on paper or by post on the citizen's behalf; it goes to moderation and into the audit log."),
    PaperEmailOptional => ("电子邮箱（选填，用于告知办理结果）", "電子郵箱（選填，用於告知辦理結果）", "Email (optional, to tell them the outcome)"),
    PaperConsent => ("来信人同意公开其意见", "來信人同意公開其意見", "The sender agreed to publication"),
    EnterPaperComments => ("录入纸质意见：", "錄入紙質意見：", "Enter paper comments:"),
    NoticePaperSaved => ("意见已录入并进入审核。", "意見已錄入並進入審核。", "The comment was entered and awaits moderation."),
    NoticeRedacted => ("已隐去，原文仅工作人员可见。", "已隱去，原文僅工作人員可見。", "Hidden; the original is visible to staff only."),
    AllArticles => ("全部条款", "全部條款", "All articles"),
    NavAudit => ("审核日志", "審核日誌", "Audit log"),
    AuditTitle => ("审核日志", "審核日誌", "Moderation audit log"),
    AuditIntro => ("每一次审核操作都被记录，记录不可修改或删除。", "每一次審核操作都被記錄，記錄不可修改或刪除。", "Every moderation action is recorded; records cannot be changed or deleted."),
    AuditEmpty => ("暂无记录。", "暫無記錄。", "Nothing recorded yet."),
    AuditAt => ("时间", "時間", "When"),
    AuditActor => ("操作人", "操作人", "Who"),
    AuditActionCol => ("操作", "操作", "What"),
    AuditTarget => ("意见", "意見", "Comment"),
    AuditReason => ("理由", "理由", "Why"),
    AuditDetail => ("说明", "說明", "Details"),
    AuditApprove => ("公开", "公開", "Published"),
    AuditReject => ("不予公开", "不予公開", "Not published"),
    AuditRedact => ("隐去个人信息", "隱去個人資訊", "Hid personal data"),
    AuditEnterComment => ("录入纸质意见", "錄入紙質意見", "Entered a paper comment"),
    AuditDecide => ("答复意见", "答覆意見", "Decided on a comment"),
    // Adoption (采纳情况)
    OutcomeAdopted => ("采纳", "採納", "Adopted"),
    OutcomePartlyAdopted => ("部分采纳", "部分採納", "Partly adopted"),
    OutcomeNotAdopted => ("未采纳", "未採納", "Not adopted"),
    OutcomeAlreadyReflected => ("已在草案中体现", "已在草案中體現", "Already reflected in the draft"),
    OutcomeOutOfScope => ("不属于本次征求意见范围", "不屬於本次徵求意見範圍", "Outside the scope of this consultation"),
    ErrResponseRequired => ("除“采纳”外，须填写答复理由。", "除「採納」外，須填寫答覆理由。", "A response is required for every outcome except “adopted”."),
    ErrNothingSelected => ("请至少选择一条意见。", "請至少選擇一條意見。", "Select at least one comment."),
    ErrNotDecidable => ("所选意见并非本次征求意见的已公开意见，未作任何更改。", "所選意見並非本次徵求意見的已公開意見，未作任何更改。", "The selection holds comments that are not published comments of this consultation; nothing was changed."),
    ErrNotClosed => ("征求意见期结束后才能答复意见、发布报告。", "徵求意見期結束後才能答覆意見、發布報告。", "Comments are answered, and the report published, once the comment period has closed."),
    ErrReportAlreadyPublished => ("采纳情况报告已发布，答复不能再修改。", "採納情況報告已發布，答覆不能再修改。", "The adoption report is published; its decisions can no longer change."),
    ErrUndecided => ("还有 {n} 条已公开的意见未答复，不能发布报告。", "還有 {n} 條已公開的意見未答覆，不能發布報告。", "{n} published comments have no decision yet; the report cannot be published."),
    ErrApiQuery => ("查询字符串无法解析。", "查詢字串無法解析。", "The query string cannot be parsed."),
    ErrApiUnknownParam => ("不支持此参数；可用参数：{n}。", "不支援此參數；可用參數：{n}。", "This parameter is not supported; the supported ones are: {n}."),
    ErrApiRepeatedParam => ("此参数只能出现一次。", "此參數只能出現一次。", "This parameter may appear only once."),
    ErrApiNumber => ("须为 1 到 {n} 之间的整数。", "須為 1 到 {n} 之間的整數。", "Must be a whole number from 1 to {n}."),
    ErrApiValue => ("取值无效；可用取值：{n}。", "取值無效；可用取值：{n}。", "Not a valid value; the valid ones are: {n}."),
    ErrApiYear => ("须为 1949 到 2100 之间的年份。", "須為 1949 到 2100 之間的年份。", "Must be a year from 1949 to 2100."),
    ErrApiPagePastEnd => ("页码超出范围，最后一页是第 {n} 页。", "頁碼超出範圍，最後一頁是第 {n} 頁。", "This page is past the end; the last page is {n}."),
    ErrApiUnknownDepartment => ("没有这个部门代码。", "沒有這個部門代碼。", "No department has this code."),
    ErrApiBadRequest => ("请求参数有误。", "請求參數有誤。", "The request's parameters are not valid."),
    ErrApiNotFound => ("未找到该资源。", "未找到該資源。", "No such resource."),
    ErrApiMethod => ("开放数据接口只读，仅支持 GET。", "開放資料介面唯讀，僅支援 GET。", "The open-data API is read-only: GET only."),
    ErrApiInternal => ("服务器内部错误，请稍后再试。", "伺服器內部錯誤，請稍後再試。", "Internal error; please try again later."),
    StatsTitle => ("统计数据", "統計數據", "Statistics"),
    StatsIntro => ("按年度和部门统计政策文件、政策解读、公开征求意见及采纳情况，数据实时取自本站。", "按年度和部門統計政策文件、政策解讀、公開徵求意見及採納情況，數據即時取自本站。", "Policies, interpretations, consultations and adoption, per year and department, counted live from this portal."),
    StatsYear => ("统计年度", "統計年度", "Year"),
    StatsAllDepartments => ("全部部门", "全部部門", "All departments"),
    StatsShow => ("查看", "查看", "Show"),
    StatsAnnualLink => ("年度报告统计表", "年度報告統計表", "Annual report tables"),
    StatsCsvLink => ("下载统计表（CSV）", "下載統計表（CSV）", "Download the tables (CSV)"),
    StatsSummaryOf => ("{n}年概览", "{n}年概覽", "{n} at a glance"),
    StatsPoliciesPublished => ("公开政策文件", "公開政策文件", "Policies published"),
    StatsInterpretationsPublished => ("发布解读材料", "發布解讀材料", "Interpretations published"),
    StatsConsultations => ("征求意见事项", "徵求意見事項", "Consultations held"),
    StatsCommentsReceived => ("收到意见", "收到意見", "Comments received"),
    StatsCommentsPublished => ("公开意见", "公開意見", "Comments published"),
    StatsCommentsAdopted => ("采纳意见（含部分采纳）", "採納意見（含部分採納）", "Comments adopted (in full or in part)"),
    StatsAdoptionRate => ("采纳率", "採納率", "Adoption rate"),
    StatsReportsOnTime => ("采纳情况按时公布", "採納情況按時公布", "Reports on time"),
    StatsReportsLate => ("逾期公布", "逾期公布", "Reports late"),
    StatsReportsOverdue => ("逾期未公布", "逾期未公布", "Reports overdue"),
    StatsReportsDue => ("尚在期限内", "尚在期限內", "Reports not yet due"),
    StatsTimelinessHeading => ("政策解读时效", "政策解讀時效", "Interpretation timeliness"),
    StatsTimelinessChart => ("各部门本年公开政策的解读时效", "各部門本年公開政策的解讀時效", "Interpretation timeliness of the year's policies, per department"),
    StatsParticipationHeading => ("公众参与和意见采纳", "公眾參與和意見採納", "Public participation and adoption"),
    StatsParticipationChart => ("各部门收到、公开和采纳的意见", "各部門收到、公開和採納的意見", "Comments received, published and adopted, per department"),
    DepartmentReports => ("采纳情况报告公布时效", "採納情況報告公布時效", "Adoption reports: timeliness"),
    OpenDataArchiveLink => ("全部公开数据下载（tar.gz）", "全部公開資料下載（tar.gz）", "All public data (tar.gz)"),
    OpenDataApiLink => ("开放数据接口（OpenAPI）", "開放資料介面（OpenAPI）", "Open-data API (OpenAPI)"),
    ModerationSearch => ("意见内容包含", "意見內容包含", "Comment text contains"),
    SearchTitle => ("搜索", "搜尋", "Search"),
    SearchLabel => ("搜索政策、解读、征求意见和公众意见", "搜尋政策、解讀、徵求意見和公眾意見", "Search policies, interpretations, consultations and comments"),
    SearchBoxLabel => ("全站搜索", "全站搜尋", "Search the site"),
    SearchButton => ("搜索", "搜尋", "Search"),
    SearchSort => ("排序", "排序", "Order"),
    SearchSortRelevance => ("相关度", "相關度", "Relevance"),
    SearchSortDate => ("日期（最新在前）", "日期（最新在前）", "Date (newest first)"),
    SearchCount => ("找到 {n} 条结果", "找到 {n} 條結果", "{n} results"),
    SearchNone => ("没有找到相关内容。", "沒有找到相關內容。", "Nothing found."),
    SearchRemoveFilters => ("去掉筛选条件再搜索", "去掉篩選條件再搜尋", "Search again without the filters"),
    SearchEnterQuery => ("请输入要搜索的词语；加引号可搜索整句，如“政府信息公开”。", "請輸入要搜尋的詞語；加引號可搜尋整句，如「政府信息公開」。", "Type what to look for; quotes search a whole phrase, such as \"政府信息公开\"."),
    SearchApproximate => ("没有与输入完全相同的结果，以下是字词相近的结果。", "沒有與輸入完全相同的結果，以下是字詞相近的結果。", "Nothing matched exactly what was typed; these results match most of it."),
    SearchBuilding => ("检索索引正在建立，结果可能暂不完整。", "檢索索引正在建立，結果可能暫不完整。", "The search index is being built; results may be incomplete."),
    SearchFilters => ("筛选", "篩選", "Filters"),
    SearchFacetKind => ("类型", "類型", "Type"),
    SearchFacetDepartment => ("部门", "部門", "Department"),
    SearchFacetYear => ("年份", "年份", "Year"),
    SearchFacetConsultation => ("征求意见", "徵求意見", "Consultation"),
    SearchFacetInterpretation => ("政策解读", "政策解讀", "Interpretation"),
    SearchInterpretedAny => ("有解读的政策", "有解讀的政策", "Policies with interpretation"),
    SearchInterpretedArticle => ("有逐条解读的政策", "有逐條解讀的政策", "Interpreted article by article"),
    SearchClearFilter => ("取消此筛选", "取消此篩選", "Remove this filter"),
    SearchResults => ("搜索结果", "搜尋結果", "Results"),
    SearchKindPolicy => ("政策文件", "政策文件", "Policy"),
    SearchKindInterpretation => ("政策解读", "政策解讀", "Interpretation"),
    SearchKindConsultation => ("征求意见", "徵求意見", "Consultation"),
    SearchKindComment => ("公众意见", "公眾意見", "Public comment"),
    StatsTotal => ("合计", "合計", "Total"),
    AnnualTitle => ("{n}年政策解读与公众参与工作年度报告（统计表）", "{n}年政策解讀與公眾參與工作年度報告（統計表）", "Policy interpretation and public participation, annual report {n} (tables)"),
    AnnualIntro => ("按政府信息公开工作年度报告的表格格式编制，数据取自本站，可下载为 CSV。", "按政府信息公開工作年度報告的表格格式編製，數據取自本站，可下載為 CSV。", "Laid out as the tables of the annual government information disclosure report, counted from this portal; downloadable as CSV."),
    AnnualSection1 => ("一、主动公开政策文件及解读情况", "一、主動公開政策文件及解讀情況", "1. Policies and interpretations made public"),
    AnnualSection2 => ("二、政策解读发布情况", "二、政策解讀發布情況", "2. Publication of interpretations"),
    AnnualSection3 => ("三、公开征求意见及采纳情况", "三、公開徵求意見及採納情況", "3. Public consultation and adoption"),
    AnnualColContent => ("信息内容", "信息內容", "Content"),
    AnnualColMade => ("本年新制作数量", "本年新製作數量", "Made this year"),
    AnnualColPublished => ("本年新公开数量", "本年新公開數量", "Made public this year"),
    AnnualColPublic => ("对外公开总数量", "對外公開總數量", "Public in total"),
    AnnualRowPolicies => ("政策文件", "政策文件", "Policy documents"),
    AnnualRowInterpretations => ("政策解读", "政策解讀", "Policy interpretations"),
    NoticeDecided => ("已答复 {n} 条意见。", "已答覆 {n} 條意見。", "{n} comments decided."),
    NoticeReportPublished => ("采纳情况报告已发布，意见人和订阅者将收到邮件。", "採納情況報告已發布，意見人和訂閱者將收到郵件。", "The adoption report is published; commenters and subscribers are being mailed."),
    AdoptionHeading => ("答复意见", "答覆意見", "Answer the comments"),
    AdoptionProgress => ("已公开意见 {n} 条，尚未答复 {detail} 条。", "已公開意見 {n} 條，尚未答覆 {detail} 條。", "{n} published comments, {detail} without a decision."),
    AdoptionReadOnly => ("只有起草部门的工作人员可以答复；报告发布前答复不公开。", "只有起草部門的工作人員可以答覆；報告發布前答覆不公開。", "Only the drafting department answers; decisions stay private until the report is published."),
    ReportDeadlineLabel => ("报告发布期限", "報告發布期限", "Report due"),
    ReportOnTime => ("按时发布", "按時發布", "Published on time"),
    ReportLate => ("逾期 {n} 个工作日发布", "逾期 {n} 個工作日發布", "Published {n} working days late"),
    ReportDue => ("还剩 {n} 个工作日", "還剩 {n} 個工作日", "{n} working days left"),
    ReportOverdue => ("已逾期 {n} 个工作日", "已逾期 {n} 個工作日", "Overdue by {n} working days"),
    FilterUndecided => ("只看未答复", "只看未答覆", "Undecided only"),
    Undecided => ("未答复", "未答覆", "No decision yet"),
    DecisionLegend => ("采纳情况", "採納情況", "Outcome"),
    DecisionResponse => ("答复理由", "答覆理由", "Response"),
    DecisionResponseHint => ("除“采纳”外必填，报告发布时与意见一并公开。", "除「採納」外必填，報告發布時與意見一併公開。", "Required unless adopted; published with the comment in the report."),
    DecisionApply => ("答复所选意见", "答覆所選意見", "Decide on the selected comments"),
    DecisionWholeGroup => ("答复整组相似意见（{n} 条）", "答覆整組相似意見（{n} 條）", "Decide on the whole group of similar comments ({n})"),
    DecisionWholeArticle => ("答复针对{n}的全部意见", "答覆針對{n}的全部意見", "Decide on every comment on {n}"),
    DecisionSelect => ("选择意见 {n}", "選擇意見 {n}", "Select comment {n}"),
    DecisionCurrent => ("当前答复", "目前答覆", "Current decision"),
    PublishReport => ("发布采纳情况报告", "發布採納情況報告", "Publish the adoption report"),
    PublishReportHint => ("发布后全部答复一并公开、不能再修改；已确认邮箱的意见人和订阅者会收到邮件。", "發布後全部答覆一併公開、不能再修改；已確認郵箱的意見人和訂閱者會收到郵件。", "Publishing releases every decision at once, for good; commenters with a confirmed email and subscribers are mailed."),
    ShowUndecided => ("查看未答复的意见", "查看未答覆的意見", "Show the comments without a decision"),
    AnswerComments => ("答复意见", "答覆意見", "Answer comments"),
    ReportTitle => ("采纳情况报告", "採納情況報告", "Adoption report"),
    ReportPublishedOn => ("{detail}于 {n} 发布", "{detail}於 {n} 發布", "Published by {detail} on {n}"),
    ReportNumbersHeading => ("意见概况", "意見概況", "The comments in figures"),
    NumReceived => ("收到意见", "收到意見", "Comments received"),
    NumPublished => ("公开意见", "公開意見", "Comments published"),
    NumNotPublished => ("未公开意见", "未公開意見", "Comments not published"),
    NumGroups => ("相似意见组", "相似意見組", "Groups of similar comments"),
    ReportChartTitle => ("已公开意见的采纳情况", "已公開意見的採納情況", "What became of the published comments"),
    ReportByArticle => ("按条款统计", "按條款統計", "By article"),
    ColArticle => ("条款", "條款", "Article"),
    ColComments => ("意见数", "意見數", "Comments"),
    WholeDraft => ("草案整体", "草案整體", "The draft as a whole"),
    ReportEveryComment => ("逐条答复", "逐條答覆", "Every comment and its answer"),
    ReportLinkLabel => ("采纳情况报告", "採納情況報告", "Adoption report"),
    LookupDecision => ("采纳情况", "採納情況", "Decision"),
    FeedTitle => ("回音：政策文件、解读与公开征求意见", "回音：政策文件、解讀與公開徵求意見", "Huiyin: policies, interpretations and public consultations"),
    FeedPolicy => ("新发布的政策文件", "新發布的政策文件", "Policy published"),
    FeedInterpretation => ("新发布的政策解读", "新發布的政策解讀", "Interpretation published"),
    FeedConsultation => ("公开征求意见开始", "公開徵求意見開始", "Public consultation opened"),
    FeedReport => ("采纳情况报告公布", "採納情況報告公布", "Adoption report published"),
    FeedLink => ("订阅更新（Atom）", "訂閱更新（Atom）", "Follow updates (Atom)"),
    TopicsHeading => ("意见归类", "意見歸類", "Topics"),
    TopicNewTitle => ("新主题名称（将所选意见归入一个主题）", "新主題名稱（將所選意見歸入一個主題）", "New topic (puts the selected comments under it)"),
    TopicCreate => ("归入新主题", "歸入新主題", "Put under a new topic"),
    DecisionWholeTopic => ("答复整个主题（{n} 条）", "答覆整個主題（{n} 條）", "Decide on the whole topic ({n} comments)"),
    NoticeTied => ("已将所选意见与该修改关联。", "已將所選意見與該修改關聯。", "The selected comments are tied to the change."),
    NoticeUntied => ("已取消所选意见与该修改的关联。", "已取消所選意見與該修改的關聯。", "The selected comments are no longer tied to the change."),
    ErrTieNotAdopted => ("只能关联已决定“采纳”或“部分采纳”的意见。", "只能關聯已決定「採納」或「部分採納」的意見。", "Only comments decided “adopted” or “partly adopted” can be tied to a change."),
    TieLegend => ("促成的修改", "促成的修改", "The change they led to"),
    TieChange => ("正式文本中的修改", "正式文本中的修改", "Change in the final text"),
    TieHint => ("先按上方方式选择意见（勾选、同组、同主题或同条款），再选择它们促成的修改。", "先按上方方式選擇意見（勾選、同組、同主題或同條款），再選擇它們促成的修改。", "Choose the comments as above (ticked, a group, a topic or an article), then the change they led to."),
    TieApply => ("关联所选意见", "關聯所選意見", "Tie the selected comments"),
    TieRemove => ("取消关联", "取消關聯", "Untie"),
    TieFlag => ("有 {n} 条意见决定为“采纳”或“部分采纳”，但尚未关联正式文本的任何修改：{list}", "有 {n} 條意見決定為「採納」或「部分採納」，但尚未關聯正式文本的任何修改：{list}", "{n} comments decided “adopted” or “partly adopted” are tied to no change of the final text: {list}"),
    ItemLedTo => ("促成的修改：", "促成的修改：", "Led to: "),
    PromptedBy => ("由 {n} 条意见促成：", "由 {n} 條意見促成：", "Prompted by {n} comments: "),
    PromptedMore => ("等", "等", "and more"),
    LookupLedTo => ("您的意见促成了正式文本的修改：", "您的意見促成了正式文本的修改：", "Your comment led to this change in the final text: "),
    NoticeTopicCreated => ("已将所选意见归入新主题。", "已將所選意見歸入新主題。", "The selected comments are under the new topic."),
    TopicCount => ("{n} 条意见", "{n} 條意見", "{n} comments"),
    ReportTopics => ("意见归类及答复", "意見歸類及答覆", "Topics and their responses"),
    TopicNotAnswered => ("未整体答复（见逐条答复）", "未整體答覆（見逐條答覆）", "Not answered as a whole (see each comment)"),
    DecisionTemplate => ("答复模板", "答覆模板", "Response template"),
    DecisionTemplateNone => ("（不使用模板）", "（不使用模板）", "(no template)"),
    DecisionTemplateHint => ("未填写答复理由时，以所选模板的内容作为答复。", "未填寫答覆理由時，以所選模板的內容作為答覆。", "When no response is typed, the chosen template's text is the response."),
    TemplatesHeading => ("管理答复模板", "管理答覆模板", "Response templates"),
    TemplateTitle => ("模板名称", "模板名稱", "Template name"),
    TemplateBody => ("模板内容", "模板內容", "Template text"),
    TemplateSave => ("保存模板", "儲存模板", "Save the template"),
    TemplateDelete => ("删除模板", "刪除模板", "Delete the template"),
    NoticeTemplateSaved => ("答复模板已保存。", "答覆模板已儲存。", "The template is saved."),
    NoticeTemplateDeleted => ("答复模板已删除。", "答覆模板已刪除。", "The template is deleted."),
    ReportPending => ("采纳情况待公布", "採納情況待公布", "Adoption report pending"),
    DepartmentConsultations => ("{name}的公开征求意见", "{name}的公開徵求意見", "Public consultations of {name}"),
    ChainPolicyLabel => ("由此形成的政策文件", "由此形成的政策文件", "The policy that came out of it"),
    ChainPolicyNone => ("（尚无）", "（尚無）", "(none yet)"),
    ChainPolicySave => ("保存关联", "儲存關聯", "Save the link"),
    NoticePolicyLinked => ("已保存与政策文件的关联。", "已儲存與政策文件的關聯。", "The link to the policy is saved."),
    ChainOrigin => ("本文件源自公开征求意见", "本文件源自公開徵求意見", "This policy came out of the public consultation"),
    ChainOriginComments => ("公开意见 {n} 条", "公開意見 {n} 條", "{n} published comments"),
    ChainOriginAdopted => ("采纳或部分采纳 {n} 条", "採納或部分採納 {n} 條", "{n} adopted in full or in part"),
    ChainFinal => ("由此形成的政策文件：", "由此形成的政策文件：", "The policy that came out of it:"),
    ReportDownloads => ("下载数据", "下載數據", "Download the data"),
    ReportDownloadsHint => ("每条已公开意见一行，含采纳情况和答复；不含电子邮箱等个人信息。", "每條已公開意見一行，含採納情況和答覆；不含電子郵箱等個人資訊。", "One row per published comment with its decision and response; no email or other personal data."),
    ReportColumns => ("字段说明", "欄位說明", "The columns"),
    ColTrackingNumber => ("受理编号", "受理編號", "Tracking number"),
    ColArticleAnchor => ("条款锚点（如 art-3；空表示草案整体）", "條款錨點（如 art-3；空表示草案整體）", "Article anchor (like art-3; empty for the draft as a whole)"),
    ColArticleLabel => ("条款名称（如 第三条）", "條款名稱（如 第三條）", "Article label (like 第三条)"),
    ColDisplayName => ("署名（可为“匿名”）", "署名（可為「匿名」）", "Name as signed (may be 匿名, anonymous)"),
    ColComment => ("公开的意见原文（个人信息已遮蔽）", "公開的意見原文（個人資訊已遮蔽）", "The published text (personal data masked)"),
    ColChannel => ("提交方式：online 网上、paper 纸质、letter 信函", "提交方式：online 網上、paper 紙質、letter 信函", "How it came: online, paper or letter"),
    ColSubmittedOn => ("提交日期（北京时间，YYYY-MM-DD）", "提交日期（北京時間，YYYY-MM-DD）", "Date submitted (China time, YYYY-MM-DD)"),
    ColOutcome => ("采纳情况：adopted、partly_adopted、not_adopted、already_reflected、out_of_scope", "採納情況：adopted、partly_adopted、not_adopted、already_reflected、out_of_scope", "Outcome: adopted, partly_adopted, not_adopted, already_reflected, out_of_scope"),
    ColResponse => ("答复理由（“采纳”可为空）", "答覆理由（「採納」可為空）", "The response (may be empty when adopted)"),
    AuditRedactedPlaces => ("隐去 {n} 处", "隱去 {n} 處", "{n} place(s) hidden"),
    SubscribeTitle => ("订阅征求意见通知", "訂閱徵求意見通知", "Get notified of consultations"),
    SubscribeIntro => ("新的征求意见开始时，我们会发邮件告诉您。无需注册；订阅须经邮件确认，每封通知都可一键退订。", "新的徵求意見開始時，我們會發郵件告訴您。無需註冊；訂閱須經郵件確認，每封通知都可一鍵退訂。", "We email you when a new consultation opens. No account needed; you confirm by email, and every notice has a one-click unsubscribe."),
    SubscribeScope => ("订阅范围", "訂閱範圍", "Consultations of"),
    SubscribeEmail => ("电子邮箱", "電子郵箱", "Email"),
    SubscribeButton => ("订阅", "訂閱", "Subscribe"),
    SubscribeLink => ("订阅征求意见通知", "訂閱徵求意見通知", "Get notified of new consultations"),
    NoticeSubscribeCheckMail => ("请查收确认邮件，打开其中的链接后订阅生效。", "請查收確認郵件，打開其中的連結後訂閱生效。", "Check your email: the subscription starts once you open the confirmation link."),
    NoticeSubscribed => ("订阅已确认。新的征求意见开始时我们会通知您。", "訂閱已確認。新的徵求意見開始時我們會通知您。", "Subscription confirmed. We will tell you when a consultation opens."),
    UnsubscribeTitle => ("退订通知", "退訂通知", "Unsubscribe"),
    UnsubscribeConfirm => ("退订后，{email} 将不再收到「{scope}」的征求意见通知。", "退訂後，{email} 將不再收到「{scope}」的徵求意見通知。", "After unsubscribing, {email} no longer receives notices of consultations of {scope}."),
    UnsubscribeButton => ("确认退订", "確認退訂", "Unsubscribe"),
    UnsubscribeUnknown => ("退订链接无效，未作任何更改。", "退訂連結無效，未作任何更改。", "This unsubscribe link is invalid; nothing changed."),
    NoticeUnsubscribed => ("已退订，不会再向您发送此类通知。", "已退訂，不會再向您發送此類通知。", "Unsubscribed: you will get no more of these notices."),
    MailSignature => ("——回音 政策解读与公众参与平台", "——回音 政策解讀與公眾參與平台", "— Huiyin, policy interpretation and public consultation"),
    MailSubscribeSubject => ("【回音】请确认订阅", "【回音】請確認訂閱", "[Huiyin] Please confirm your subscription"),
    MailSubscribeBody => ("您好：\n\n有人（希望是您）用本邮箱订阅了回音平台「{scope}」的征求意见通知。请打开下面的链接确认订阅：\n\n{link}\n\n如非本人操作，请忽略本邮件，我们不会再向您发送通知。", "您好：\n\n有人（希望是您）用本郵箱訂閱了回音平台「{scope}」的徵求意見通知。請打開下面的連結確認訂閱：\n\n{link}\n\n如非本人操作，請忽略本郵件，我們不會再向您發送通知。", "Hello,\n\nSomeone (hopefully you) subscribed this address to notices of consultations of {scope} on Huiyin. Open this link to confirm:\n\n{link}\n\nIf it was not you, ignore this mail; we will send nothing more."),
    MailOpenedSubject => ("【回音】征求意见：{title}", "【回音】徵求意見：{title}", "[Huiyin] Consultation: {title}"),
    MailOpenedBody => ("您好：\n\n{department}的《{title}》现公开征求意见，截止日期为{closes}。\n查看草案并提出意见：\n{link}\n\n退订此类通知（一键）：\n{unsubscribe}", "您好：\n\n{department}的《{title}》現公開徵求意見，截止日期為{closes}。\n查看草案並提出意見：\n{link}\n\n退訂此類通知（一鍵）：\n{unsubscribe}", "Hello,\n\n{department} opened \"{title}\" for public comment until {closes}.\nRead the draft and comment:\n{link}\n\nUnsubscribe from these notices (one click):\n{unsubscribe}"),
    MailDecisionSubject => ("【回音】您对《{title}》的意见已有答复 {tracking}", "【回音】您對《{title}》的意見已有答覆 {tracking}", "[Huiyin] Your comment {tracking} on \"{title}\" was answered"),
    MailDecisionBody => ("您好：\n\n《{title}》公开征求意见的采纳情况已经公布。您的意见（受理编号 {tracking}）的采纳情况和答复见：\n\n{link}", "您好：\n\n《{title}》公開徵求意見的採納情況已經公布。您的意見（受理編號 {tracking}）的採納情況和答覆見：\n\n{link}", "Hello,\n\nThe adoption report of the consultation on \"{title}\" is published. What became of your comment (tracking number {tracking}) and why:\n\n{link}"),
    MailReportSubject => ("【回音】采纳情况公布：{title}", "【回音】採納情況公布：{title}", "[Huiyin] Adoption report published: {title}"),
    MailReportBody => ("您好：\n\n{department}已公布《{title}》公开征求意见的采纳情况：\n{link}\n\n退订此类通知（一键）：\n{unsubscribe}", "您好：\n\n{department}已公布《{title}》公開徵求意見的採納情況：\n{link}\n\n退訂此類通知（一鍵）：\n{unsubscribe}", "Hello,\n\n{department} published what became of the comments on \"{title}\":\n{link}\n\nUnsubscribe from these notices (one click):\n{unsubscribe}"),
    MailReportReminderSubject => ("【回音】采纳情况报告将于 {due} 到期：{title}", "【回音】採納情況報告將於 {due} 到期：{title}", "[Huiyin] Adoption report due on {due}: {title}"),
    MailReportReminderBody => ("您好：\n\n《{title}》的公开征求意见已经结束，采纳情况报告应于 {due} 前发布。目前还有 {n} 条已公开的意见未答复。\n\n请登录工作台答复意见并发布报告：\n{link}", "您好：\n\n《{title}》的公開徵求意見已經結束，採納情況報告應於 {due} 前發布。目前還有 {n} 條已公開的意見未答覆。\n\n請登入工作台答覆意見並發布報告：\n{link}", "Hello,\n\nThe consultation on \"{title}\" has closed; its adoption report is due by {due}. {n} published comments still have no answer.\n\nAnswer them and publish the report on the staff desk:\n{link}"),
    MailVerifySubject => ("【回音】请确认您的意见 {tracking}", "【回音】請確認您的意見 {tracking}", "[Huiyin] Please confirm your comment {tracking}"),
    MailVerifyBody => ("您好：\n\n我们收到了您对《{title}》提出的意见，受理编号 {tracking}。\n请打开下面的链接确认您的邮箱，确认后意见将进入审核：\n\n{link}\n\n如非本人操作，请忽略本邮件。", "您好：\n\n我們收到了您對《{title}》提出的意見，受理編號 {tracking}。\n請打開下面的連結確認您的郵箱，確認後意見將進入審核：\n\n{link}\n\n如非本人操作，請忽略本郵件。", "Hello,\n\nWe received your comment on \"{title}\", tracking number {tracking}.\nOpen this link to confirm your email; your comment then goes to moderation:\n\n{link}\n\nIf it was not you, ignore this mail."),
    MailPaperVerifyBody => ("您好：\n\n您寄送的对《{title}》的意见已由工作人员录入，受理编号 {tracking}。\n请打开下面的链接确认您的邮箱，确认后意见将进入审核：\n\n{link}", "您好：\n\n您寄送的對《{title}》的意見已由工作人員錄入，受理編號 {tracking}。\n請打開下面的連結確認您的郵箱，確認後意見將進入審核：\n\n{link}", "Hello,\n\nThe comment on \"{title}\" you sent us was entered by our staff, tracking number {tracking}.\nOpen this link to confirm your email; your comment then goes to moderation:\n\n{link}"),
    MailCalendarMissingSubject => ("【回音】请录入 {year} 年节假日安排", "【回音】請錄入 {year} 年節假日安排", "[Huiyin] Please enter the {year} holiday schedule"),
    MailCalendarMissingBody => ("您好：\n\n工作日历中尚未录入 {year} 年的节假日安排。在录入之前，{year} 年的期限按法定节假日推算，可能与国务院公布的安排不同。\n\n国务院办公厅的通知公布后，请将其粘贴到工作日历页面，核对预览后保存：{link}\n\n——回音 政策解读与公众参与平台\n", "您好：\n\n工作日曆中尚未錄入 {year} 年的節假日安排。在錄入之前，{year} 年的期限按法定節假日推算，可能與國務院公布的安排不同。\n\n國務院辦公廳的通知公布後，請將其貼上到工作日曆頁面，核對預覽後儲存：{link}\n\n——回音 政策解讀與公眾參與平台\n", "Hello,\n\nThe {year} holiday schedule is not entered in the working-day calendar. Until it is, deadlines in {year} are estimated from the statutory holidays and may differ from the State Council's schedule.\n\nWhen the State Council's notice is out, paste it on the calendar page, check the preview and save: {link}\n\n— Huiyin policy interpretation and public consultation\n"),
    StaffCalendarMissing => ("{year} 年节假日安排尚未录入：期限暂按法定节假日推算。", "{year} 年節假日安排尚未錄入：期限暫按法定節假日推算。", "The {year} holiday schedule is not entered: deadlines are estimated from the statutory holidays for now."),
    StaffCalendarMissingLink => ("录入节假日安排", "錄入節假日安排", "Enter the schedule"),
    MailReminderSubject => ("【回音】政策解读将于 {due} 到期：{title}", "【回音】政策解讀將於 {due} 到期：{title}", "[Huiyin] Interpretation due on {due}: {title}"),
    MailReminderBody => ("您好：\n\n《{title}》（{doc_number}）已于 {published} 发布，其政策解读材料应最迟于 {due}（第3个工作日）发布，目前尚未发布。\n\n请登录工作台添加解读：{link}\n\n——回音 政策解读与公众参与平台\n", "您好：\n\n《{title}》（{doc_number}）已於 {published} 發布，其政策解讀材料應最遲於 {due}（第3個工作日）發布，目前尚未發布。\n\n請登入工作台添加解讀：{link}\n\n——回音 政策解讀與公眾參與平台\n", "Hello,\n\n{title} ({doc_number}) was published on {published}. Its interpretation must be published by {due} (the 3rd working day) and is still missing.\n\nAdd it on the staff desk: {link}\n\n— Huiyin policy interpretation and public consultation\n"),
    MailOutcomeSubject => ("【回音】您的意见 {tracking} 审核结果", "【回音】您的意見 {tracking} 審核結果", "[Huiyin] Moderation of your comment {tracking}"),
    MailOutcomePublished => ("您好：\n\n您的意见（受理编号 {tracking}）已审核公开。\n可在 {link} 输入受理编号和邮箱查看详情。", "您好：\n\n您的意見（受理編號 {tracking}）已審核公開。\n可在 {link} 輸入受理編號和郵箱查看詳情。", "Hello,\n\nYour comment (tracking number {tracking}) was published.\nSee the details at {link} with your tracking number and email."),
    MailOutcomeRejected => ("您好：\n\n您的意见（受理编号 {tracking}）经审核未予公开，理由：{reason}。\n可在 {link} 输入受理编号和邮箱查看详情。", "您好：\n\n您的意見（受理編號 {tracking}）經審核未予公開，理由：{reason}。\n可在 {link} 輸入受理編號和郵箱查看詳情。", "Hello,\n\nYour comment (tracking number {tracking}) was not published. Reason: {reason}.\nSee the details at {link} with your tracking number and email."),
    Attachments => ("附件", "附件", "Attachments"),
    AttachmentsHelp => ("可选。PDF、Word、Excel、PowerPoint、OpenDocument 文档或 PNG/JPEG/WebP 图片，最多 5 个。", "可選。PDF、Word、Excel、PowerPoint、OpenDocument 文件或 PNG/JPEG/WebP 圖片，最多 5 個。", "Optional. PDF, Word, Excel, PowerPoint, OpenDocument or PNG/JPEG/WebP images; at most 5."),
    AttachmentDownload => ("下载", "下載", "Download"),
    ErrTooManyAttachments => ("附件最多 {n} 个，请重新选择文件。", "附件最多 {n} 個，請重新選擇文件。", "At most {n} attachments; please choose the files again."),
    ErrAttachmentTooLarge => ("附件过大：{detail}（每个不超过 {n} MB），请重新选择文件。", "附件過大：{detail}（每個不超過 {n} MB），請重新選擇文件。", "Attachment too large: {detail} (at most {n} MB each); please choose the files again."),
    ErrAttachmentType => ("不支持的附件类型：{detail}。只接受 PDF、Office 文档和图片，请重新选择文件。", "不支援的附件類型：{detail}。只接受 PDF、Office 文件和圖片，請重新選擇文件。", "Unsupported attachment: {detail}. Only PDF, Office documents and images are accepted; please choose the files again."),
    OpensInDays => ("{n} 天后开始", "{n} 天後開始", "Opens in {n} days"),
    StaffConsultationsTitle => ("征求意见管理", "徵求意見管理", "Consultations (staff)"),
    ConsultationDraft => ("草稿，尚未公布", "草稿，尚未公布", "Draft, not yet published"),
    ReleaseConsultation => ("公布", "公布", "Publish"),
    NoticeReleased => ("已公布，将按日期自动开始和截止。", "已公布，將按日期自動開始和截止。", "Published: it opens and closes by its dates."),
}

/// The text of a reason for rejecting a comment (pages and the outcome mail).
pub fn reason_msg(r: crate::consultation::RejectReason) -> Msg {
    use crate::consultation::RejectReason;
    match r {
        RejectReason::Spam => Msg::ReasonSpam,
        RejectReason::Abusive => Msg::ReasonAbusive,
        RejectReason::OffTopic => Msg::ReasonOffTopic,
        RejectReason::PersonalData => Msg::ReasonPersonalData,
        RejectReason::Duplicate => Msg::ReasonDuplicate,
    }
}

pub fn outcome_msg(o: crate::adoption::Outcome) -> Msg {
    use crate::adoption::Outcome;
    match o {
        Outcome::Adopted => Msg::OutcomeAdopted,
        Outcome::PartlyAdopted => Msg::OutcomePartlyAdopted,
        Outcome::NotAdopted => Msg::OutcomeNotAdopted,
        Outcome::AlreadyReflected => Msg::OutcomeAlreadyReflected,
        Outcome::OutOfScope => Msg::OutcomeOutOfScope,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_three_non_empty_translations() {
        for m in Msg::ALL {
            for l in Locale::ALL {
                assert!(!m.text(l).trim().is_empty(), "{m:?} {l:?}");
            }
            assert_eq!(Msg::from_key(m.key()), Some(*m));
        }
    }

    #[test]
    fn placeholders_match_across_locales() {
        let holes = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split('}').next())
                .map(String::from)
                .collect();
            v.sort();
            v
        };
        for m in Msg::ALL {
            let base = holes(m.text(Locale::ZhHans));
            for l in Locale::ALL {
                assert_eq!(holes(m.text(l)), base, "{m:?} {l:?}");
            }
        }
    }

    #[test]
    fn accept_language_picks_first_supported() {
        assert_eq!(
            Locale::from_accept_language("fr-FR,zh-TW;q=0.8,en;q=0.5"),
            Some(Locale::ZhHant)
        );
        assert_eq!(
            Locale::from_accept_language("en-GB,en;q=0.9"),
            Some(Locale::En)
        );
        assert_eq!(Locale::from_accept_language("de"), None);
    }

    #[test]
    fn dates_in_chinese_form() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 10, 8).unwrap();
        assert_eq!(Locale::ZhHans.date(d), "2026年10月8日");
        assert_eq!(Locale::En.date(d), "Oct 8, 2026");
    }
}
