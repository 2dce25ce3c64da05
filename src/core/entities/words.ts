/**
 * The recogniser's word lists, all in folded form (simplified, half-width, Latin lower case: what the recogniser
 * compares against): abbreviation suffixes and false compounds, words that are no names, titles before a name,
 * surnames, transliteration characters, treaty endings, organisation words, English titles. Pure data; recognizer.ts
 * builds its tries and sets from it once per process.
 */

/** What may follow a single abbreviation for it to count (美方, 俄军, 美财政部, 中国务院 ...). */
export const ABBREVIATION_SUFFIXES = [
  '方', '军', '外长', '外交部', '外交官', '总统', '总理', '首相', '政府', '当局', '财政部', '国务院', '国务卿', '国防部',
  '防长', '商务部', '司法部', '大使', '使馆', '领事馆', '领导人', '元首', '首脑', '官员', '议员', '国会', '议会', '驻',
  '媒', '舰', '机', '企', '籍', '央行', '股', '总领馆', '特使', '代表', '副总统', '副总理', '众议院', '参议院', '海军',
  '空军', '陆军', '情报', '两党', '国',
];

/**
 * Words beginning with 国 (nation) after which a single abbreviation + 国 is no short name of a state (以国家安全为由,
 * 非国家行为体, 以国际法): 巴国 and 菲国 are; 印国会 is India's parliament by the suffix 国会.
 */
export const NOT_STATE_WORDS = [
  '国家', '国际', '国内', '国外', '国民', '国土', '国防', '国企', '国产', '国有', '国籍', '国情', '国策', '国力', '国界',
  '国境', '国旗', '国歌', '国库', '国营', '国立', '国道', '国宝', '国事', '国是', '国安', '国资', '国债', '国税', '国足',
  '国货', '国人', '国语', '国学', '国度', '国王', '国君', '国运', '国体', '国号', '国门', '国庆', '国计', '国格', '国别',
  '国标', '国字', '国名', '国务', '国手', '国画', '国花', '国葬', '国宴', '国礼', '国父', '国母', '国难', '国耻',
];

/**
 * Words that start with an abbreviation character but are not abbreviations: a member of a run (or a single
 * abbreviation) is rejected when one of these starts at its position.
 */
export const FALSE_COMPOUND_WORDS = [
  // Ordinary words (亚军 runner-up, 老年 old age, 中标 win a tender)
  '亚军', '冠亚军', '老年', '老中青', '中标', '巴洛克',
  // 中
  '中东', '中亚', '中欧', '中非', '中南', '中美洲', '中期', '中心', '中央', '中间', '中华', '中断', '中止', '中程', '中导',
  '中短', '中远', '中层', '中立', '中西', '中旬', '中共', '中等', '中文', '中医', '中部', '中小', '中长', '中高', '中低',
  '中年', '中学', '中方', '中外',
  // 美
  '美元', '美洲', '美好', '美丽', '美德', '美食', '美术', '美女', '美誉', '美化', '美感', '美学', '美金',
  // 俄 英 法 德 日 韩 朝
  '俄语', '俄文', '英语', '英文', '英镑', '英雄', '英里', '英勇', '英明', '英才', '英寸', '法律', '法治', '法规', '法案',
  '法院', '法则', '法理', '法人', '法官', '法令', '法定', '法制', '法子', '法宝', '法庭', '法语', '法郎', '德语', '德行',
  '德才', '日前', '日益', '日后', '日内', '日趋', '日常', '日期', '日渐', '日报', '日子', '日本', '日元', '日语', '日夜',
  '日均', '日程', '日记', '日方', '韩语', '韩元', '朝着', '朝向', '朝野', '朝代', '朝廷', '朝阳',
  // 乌 印 巴 土 伊 叙 格 越 澳 加 意 以 埃 沙 哈 吉 塔 蒙 菲 泰 新 白 波 捷 匈 希 荷 比 葡 奥 丹 挪 芬 罗 保 塞 墨 古 委
  '乌云', '乌龙', '乌鸦', '印发', '印象', '印刷', '印记', '印章', '印证', '巴士', '巴掌', '巴不得', '土地', '土壤', '土著',
  '土方', '土豆', '伊始', '格局', '格外', '格式', '格言', '越来', '越发', '越过', '越界', '越境', '越野', '澳元', '加强',
  '加大', '加快', '加速', '加剧', '加入', '加上', '加以', '加紧', '加码', '加深', '加息', '加之', '加油', '加工', '加班',
  '加盟', '加固', '加注', '加倍', '加重', '加薪', '加征', '加税', '加热', '意见', '意义', '意识', '意图', '意味', '意愿',
  '意向', '意外', '意思', '意志', '意在', '以及', '以来', '以上', '以下', '以后', '以前', '以为', '以便', '以免', '以外',
  '以内', '以往', '以致', '以此', '以求', '以期', '以至', '以防', '埃及', '沙漠', '沙龙', '沙发', '哈哈', '吉祥', '吉利',
  '塔台', '蒙受', '蒙蔽', '泰然', '新的', '新一', '新型', '新兴', '新闻', '新年', '新时', '新冠', '新任', '新政', '新生',
  '新鲜', '新颖', '新近', '新增', '新建', '新版', '新款', '新高', '新低', '新秀', '新媒', '新方', '新军', '新总', '新外',
  '新领', '新官', '新机', '新股', '新企', '新驻', '新大', '新国', '白皮书', '白色', '白天', '白银', '白人', '白热', '白费',
  '白方', '波动', '波及', '波澜', '波折', '波段', '波浪', '捷径', '希望', '希冀', '荷载', '比如', '比较', '比例', '比起',
  '比重', '比方', '比赛', '比拼', '比分', '比率', '比价', '奥运', '奥秘', '奥妙', '丹麦', '罗列', '保证', '保持', '保护',
  '保障', '保留', '保守', '保卫', '保险', '保住', '保密', '保存', '保安', '保全', '保健', '保养', '保有', '保管', '保驾',
  '塞车', '古代', '古老', '古典', '古今', '古人', '委员', '委托', '委屈', '委婉', '委任', '委派',
  // 非 as a negation (非法 is not Africa + France)
  '非法', '非常', '非凡', '非但', '非得', '非要', '非议', '非难', '非正式', '非政府', '非军事', '非核', '非传统', '非典', '非物质',
  '非公', '非营利', '非官方', '非理性', '非同', '非暴力', '非对称', '非关税', '非成员', '非常任', '非民主', '非法律',
  // 以 + X as a preposition (以美国为首, 以中俄全面战略协作为动力)
  '以中', '以美', '以俄', '以欧', '以英', '以日', '以法', '以德', '以印',
];

/**
 * Ordinary words that begin with a name: a name match is rejected when one of these, longer than the name, starts
 * at the same position (北京时间 is Beijing time, not Beijing; 基础上合作 is not the SCO; 其中亚洲 is not Central Asia).
 */
export const NOT_NAME_WORDS = [
  '北京时间', '莫斯科时间', '华盛顿时间', '东京时间', '格林尼治时间', '中亚洲', '上合作', '上合理', '上合法', '上合同', '上合适',
  '上合格', '上合计', '上合乎', '上合并', '上合成', '上合力', '上合拍',
];

/** Characters before a run's first member that make it part of a word (所以美..., 其中俄..., 参加...). */
export const LEFT_BOUND_WORDS = [
  // Ordinary words ending in an abbreviation character (复印 copy, 拖拉 drag, 沙土 sand, 桑巴 samba)
  '复印', '打印', '影印', '翻印', '脚印', '手印', '烙印', '拖拉', '沙土', '推土', '黄土', '桑巴',
  '所以', '可以', '加以', '予以', '难以', '得以', '足以', '用以', '借以', '据以', '藉以', '其中', '当中', '集中', '之中',
  '空中', '从中', '高中', '初中', '命中', '心中', '手中', '眼中', '途中', '增加', '参加', '更加', '附加', '施加', '外加',
  '追加', '横加', '强加', '大加', '倍加', '多加', '略加', '重新', '更新', '创新', '最新', '全新', '清新', '革新', '刷新',
  '崭新', '一新', '出新', '对比', '相比', '无比', '类比', '好比', '评比', '确保', '担保', '环保', '医保', '社保', '自保',
  '力保', '难保', '明白', '空白', '坦白', '表白', '黑白', '苍白', '洁白', '告白', '平日', '今日', '昨日', '明日', '近日',
  '节日', '往日', '生日', '每日', '终日', '抗日', '向日', '假日', '白日', '落日', '旭日', '来日', '他日', '次日', '当日',
  '同日', '即日', '某日', '几日', '数日', '多日', '连日', '前日', '翌日', '本日', '周日', '时日', '方法', '办法', '立法', '司法', '执法', '宪法', '合法', '非法', '违法', '说法', '看法', '做法',
  '想法', '手法', '用法', '语法', '书法', '依法', '国法', '战法', '兵法', '疗法', '魔法', '算法', '无法', '设法', '效法',
  '守法', '犯法', '枉法', '变法', '写法', '想法', '注意', '同意', '愿意', '满意', '故意', '特意', '刻意', '任意', '随意',
  '恶意', '善意', '好意', '诚意', '敌意', '用意', '有意', '无意', '示意', '民意', '创意', '生意', '在意', '得意', '本意',
  '原意', '主意', '大意', '含意', '心意', '美意', '留意', '乐意', '着意', '授意', '英国', '美国', '中国', '德国', '法国',
  '韩国', '俄国', '泰国', '古巴', '尾巴', '嘴巴', '下巴', '泥巴', '乡巴', '国土', '领土', '本土', '故土', '尘土', '泥土',
  '乡土', '热土', '净土', '风格', '资格', '价格', '严格', '性格', '规格', '品格', '表格', '合格', '人格', '及格', '定格',
  '超越', '跨越', '穿越', '卓越', '优越', '逾越', '飞越', '翻越', '海沙', '风沙', '黄沙', '泥沙', '音波', '电波', '风波',
  '余波', '微波', '奔波', '声波', '古古', '考古', '复古', '怀古', '自古', '千古', '远古', '上古', '中古', '亘古', '盘古',
  '主委', '党委', '常委', '编委', '市委', '省委', '县委', '军委', '纪委', '政委', '希希', '依希', '保保', '太保', '不保',
];

/**
 * Words inside which no name or abbreviation is taken (ordinary words and foreign names whose characters happen to
 * spell a name or a run of abbreviations): 发展中国家 holds no China, 民主党派 (the democratic parties) no
 * Democratic Party, 朝日新闻 (Asahi Shimbun) no North Korea + Japan, 加德满都 (Kathmandu) no Canada + Germany.
 */
export const BLOCKING_WORDS = [
  '发展中国家', '发展中国', '民主党派', '民主党人士', '高尔夫', '开场白', '朝日新闻', '朝日电视', '加德满都', '英特尔', '英特网', '美的集团',
  '德比', '日内瓦', '法兰克福', '法兰西', '德黑兰', '印第安', '伊斯兰', '伊拉克', '巴格达', '以色列', '沙特', '意大利', '加拿大',
  '加勒比', '加利福尼亚', '加州', '加沙', '中非共和国', '美联社', '英联邦', '韩流', '中华民族', '日耳曼', '土耳其', '西班牙', '新加坡',
  '新西兰', '白俄罗斯', '苏丹', '古巴', '哈萨克斯坦', '乌兹别克斯坦', '吉尔吉斯斯坦', '塔吉克斯坦', '巴基斯坦', '巴勒斯坦', '巴西',
  '高加索', '阿尔巴尼亚', '阿尔及利亚', '比利时', '巴拿马', '德拉吉', '英拉', '加德纳', '美利坚', '华为', '华尔街', '华纳', '华侨',
  '乌克兰', '乌鲁木齐', '乌拉圭', '乌干达', '委内瑞拉', '委员会',
];

/**
 * Words that begin with the last character of a name and run it into ordinary text after an abbreviation: a
 * knowledge-base name right after an abbreviation character whose last character starts one of them is no mention
 * (美韩正在: the United States and South Korea + 正在, not Han Zheng; 副主席韩正在 keeps him).
 */
export const NAME_CROSSING_WORDS = ['正在', '正是', '正当', '正值', '正处', '正逢', '正面临'];

/** 朝 "towards" before a direction (朝东北方向发射): a one-character place the tagger proposes there is no North Korea. */
export const TOWARDS_WORDS = ['朝东', '朝西', '朝南', '朝北'];

/**
 * "East/west/south/north of" (以东, 以西, 以南, 以北) and the words for an area or a distance that follow it: a name
 * starting with the direction there is no mention (钓鱼岛以东海域 holds no East China Sea; 以南海为 keeps the sea).
 */
export const DIRECTION_AREA_WORDS = ['海域', '海面', '海上', '地区', '一带', '方向', '约', '的', '海里', '公里'];

/**
 * Compounds whose abbreviations need their context: [pattern, [offset, length, English name of the entity]...].
 * 华 is China only after 访/对/来/驻 ... (华盛顿 is Washington); 乌 Ukraine after 援/挺 ...; 以巴 is Israel and
 * Palestine, 以哈 Israel and Hamas (哈 alone is Kazakhstan); 委 is Venezuela in 委国/委方/美委.
 */
export const CONTEXT_COMPOUNDS: Array<[string, Array<[number, number, string]>]> = [
  ...['访', '对', '来', '驻', '援', '赴', '抵', '离', '在', '侵', '反', '亲', '涉', '联', '旅', '留'].map(
    (v): [string, Array<[number, number, string]>] => [v + '华', [[1, 1, 'China']]],
  ),
  ...['援', '挺', '助', '访', '驻', '攻', '侵', '对', '赴', '撑'].map((v): [string, Array<[number, number, string]>] => [v + '乌', [[1, 1, 'Ukraine']]]),
  ['华方', [[0, 1, 'China']]],
  ['以巴', [[0, 1, 'Israel'], [1, 1, 'Palestine']]],
  ['巴以', [[0, 1, 'Palestine'], [1, 1, 'Israel']]],
  ['以哈', [[0, 1, 'Israel'], [1, 1, 'Hamas']]],
  ['哈以', [[0, 1, 'Hamas'], [1, 1, 'Israel']]],
  ['印巴', [[0, 1, 'India'], [1, 1, 'Pakistan']]],
  ['巴印', [[0, 1, 'Pakistan'], [1, 1, 'India']]],
  ['阿巴', [[0, 1, 'Afghanistan'], [1, 1, 'Pakistan']]],
  ['巴阿', [[0, 1, 'Pakistan'], [1, 1, 'Afghanistan']]],
  ['中巴经济走廊', [[0, 1, 'China'], [1, 1, 'Pakistan']]],
  ['委国', [[0, 2, 'Venezuela']]],
  ['委方', [[0, 1, 'Venezuela']]],
  ['委政府', [[0, 1, 'Venezuela']]],
  ['委总统', [[0, 1, 'Venezuela']]],
  ['美委', [[0, 1, 'United States'], [1, 1, 'Venezuela']]],
  ['委美', [[0, 1, 'Venezuela'], [1, 1, 'United States']]],
  ['中委', [[0, 1, 'China'], [1, 1, 'Venezuela']]],
  ['俄委', [[0, 1, 'Russia'], [1, 1, 'Venezuela']]],
  ['委俄', [[0, 1, 'Venezuela'], [1, 1, 'Russia']]],
  ['古委', [[0, 1, 'Cuba'], [1, 1, 'Venezuela']]],
];

/**
 * One-character abbreviations shared by several countries, resolved by the document: the one whose full name was
 * last mentioned before (巴 after 巴基斯坦 is Pakistan, after 巴勒斯坦 Palestine, after 巴西 Brazil); without one,
 * the knowledge base's; a character that is no country's abbreviation in the knowledge base (阿, 摩) counts only after
 * one of its countries was named, before a suffix. Besides the countries listed, every country whose Chinese name begins with the character
 * (巴拉圭, 巴林; 阿塞拜疆) is one of them.
 */
export const SHARED_ABBREVIATIONS: Array<[string, string[]]> = [
  ['巴', ['Pakistan', 'Palestine', 'Brazil']],
  ['阿', ['Afghanistan', 'Argentina', 'United Arab Emirates', 'Algeria']],
  ['伊', ['Iran', 'Iraq']],
  ['塞', ['Serbia', 'Cyprus', 'Senegal']],
  // No country's by default: only after the document named one of them in full (摩尔多瓦 ... 摩国; 玻利维亚 ... 玻方).
  ['摩', ['Morocco', 'Moldova']],
  ['玻', ['Bolivia']],
  ['卢', ['Rwanda']],
];

/** Surnames that are also ordinary capitalised words: never taken as a bare surname. */
export const SURNAME_STOP = new Set([
  'may', 'june', 'april', 'august', 'rice', 'brown', 'bush', 'white', 'black', 'green', 'young', 'king', 'long', 'little',
  'new', 'north', 'south', 'east', 'west', 'will', 'bill', 'mark', 'rose', 'hope', 'grant', 'price', 'story', 'cook', 'park',
  'lee', 'hill', 'wood', 'bond', 'love', 'day', 'page', 'more', 'sun', 'jordan', 'chad', 'georgia', 'china', 'india',
  'said', 'fox', 'dan', 'win',
]);

/** Abbreviations too ambiguous to count on their own even before a suffix (新方, 比方, 白方 ...). */
export const NO_SINGLE_ABBREVIATIONS = '新比保希白古委哈吉塔沙波罗塞丹蒙捷匈荷葡挪芬墨越意格';

/** Titles that introduce a person's name (总统马克龙, 研究员赵隆). Longer titles first is not needed: matched by trie. */
export const NAME_TITLES = [
  '总统', '副总统', '总理', '副总理', '首相', '外长', '外交部长', '国务卿', '大使', '主席', '副主席', '研究员', '副研究员',
  '记者', '发言人', '部长', '防长', '国防部长', '秘书长', '总书记', '国王', '议员', '参议员', '众议员', '教授', '副教授',
  '学者', '专家', '顾问', '特使', '将军', '司令', '总裁', '主任', '院长', '所长', '州长', '市长', '议长', '总督', '首席',
];

/**
 * Forms of address written after a bare surname (王先生, 李老师, 张大妈, 刘某, 毛氏; the titles of NAME_TITLES too:
 * 李教授, 王主席): a one-character surname the Chinese tagger reads as a person is that person before one of them.
 */
export const SURNAME_ADDRESS_WORDS = [
  '先生', '女士', '小姐', '太太', '夫人', '老师', '师傅', '大娘', '大妈', '大爷', '大姐', '大哥', '大叔', '大嫂', '阿姨',
  '老太', '老汉', '医生', '大夫', '律师', '书记', '局长', '处长', '科长', '队长', '厂长', '县长', '省长', '镇长', '村长',
  '乡长', '校长', '班长', '连长', '团长', '师长', '军长', '经理', '老板', '总', '老', '某', '氏', '工', '博士', '同志',
];

/** Treaty-like endings of a 《》 title. */
export const TREATY_ENDINGS = ['条约', '协定', '协议', '公约', '宪章', '议定书', '备忘录', '宣言', '准则', 'treaty', 'agreement', 'convention', 'charter', 'protocol', 'accord', 'accords'];

/**
 * Last words of an English treaty, declaration or code (the Jeddah Declaration, the Code of Conduct, the Minsk
 * Protocol): a tagged name ending with one is a treaty (folded). Not convention (the Democratic National
 * Convention is a party's congress).
 */
export const ENGLISH_TREATY_ENDINGS = new Set([
  'treaty', 'treaties', 'agreement', 'agreements', 'charter', 'protocol', 'accord', 'accords', 'declaration',
  'pact', 'memorandum', 'communique', 'communiqué', 'conduct', 'covenant', 'concordat', 'armistice',
]);

/**
 * Words for a ship or boat before its name (the cargo ship Galaxy Leader, the tanker Eternity C): an English
 * candidate right after one is a vessel, typed other (folded).
 */
export const VESSEL_WORDS = new Set([
  'ship', 'vessel', 'tanker', 'freighter', 'carrier', 'destroyer', 'frigate', 'warship', 'boat', 'yacht', 'submarine',
  'cruiser', 'corvette', 'trawler', 'ferry', 'liner', 'bulker', 'containership', 'mv', 'mt', 'uss', 'hms', 'ins',
]);

/** Common Chinese surnames (single and compound), for title + name and author candidates. */
export const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪';
export const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '令狐', '公孙', '慕容', '尉迟', '长孙', '宇文', '司徒', '夏侯', '端木'];

/** Characters common in transliterated foreign names (Xinhua usage), simplified. */
export const TRANSLITERATION =
  '阿埃艾爱安昂奥巴拔白柏班邦包保鲍贝比彼毕别宾波伯博布查柴昌彻陈成达戴丹道德登迪蒂丁东杜敦多厄恩尔法凡范菲费芬丰夫弗福盖甘冈戈格根古瓜圭哈海汉豪赫亨洪胡华霍基吉加贾杰金卡凯坎康考柯科克肯库夸奎拉莱赖兰朗劳勒雷蕾里理利莉丽连廖列林琳卢鲁路伦罗洛马迈麦曼芒梅门蒙米密明莫默姆穆纳娜奈南内尼涅宁纽努诺欧帕潘庞佩彭皮普奇齐恰乔切琴丘萨塞桑瑟森沙尚舍什史舒斯松苏索塔泰坦汤唐特滕提图托瓦旺威韦维温文沃乌伍武西希谢辛休雅亚扬耶伊因英尤于泽扎詹兹佐祖久萨蒂娅娃薇妮莎洁琪卓茨怀基里察捷摩顿赛茂罕翰琼隆龙拜玛钦';

export const MIDDLE_DOTS = [0x00b7, 0x30fb, 0x2022, 0x2027, 0xff65];

/** Characters that end a candidate name: punctuation, digits, Latin, whitespace are handled by `isCjk`. */
export const NAME_STOP_WORDS = [
  '认为', '表示', '指出', '说', '称', '告诉', '强调', '警告', '报道', '透露', '介绍', '回答', '访问', '发表', '提出', '宣布',
  '承认', '重申', '呼吁', '坦言', '日前', '今天', '近日', '此前', '曾', '在', '的', '和', '与', '对', '也', '则', '将', '已',
  '是', '就', '向', '于', '等', '了', '会', '又', '还', '都', '为', '被', '把', '从', '到', '及', '或', '并', '但', '而',
  '却', '之', '所', '这', '那', '其', '此', '该', '上', '下', '中', '后', '前', '时', '年', '月', '日', '表', '说', '谈',
  '称', '讲', '问', '答', '撰', '著', '编', '译', '摄', '报', '发', '出', '访', '见', '会', '率', '领', '主', '召', '当',
];

/**
 * Words that end the name of a state's organisation after the state's name (美国海军, 中国海警, 以色列国防军,
 * 日本海上保安厅, 俄罗斯外交部): ministries, armed services, coast guards, intelligence and police agencies,
 * military commands. After a country mention (a name or a single abbreviation: 美海军), the country and the word
 * are one organisation mention with the country as its member; a name that runs into the word (中国海 in 中国海警,
 * 日本海 in 日本海上保安厅, 以色列国 in 以色列国防军) is not a member. Generic words (政府, 国会, 军方, 军队) are not
 * here: 美国政府 stays the United States.
 */
export const ORGANIZATION_HEADS = [
  // ministries and departments
  '外交部', '外务省', '国防部', '防卫省', '财政部', '财务省', '商务部', '经济部', '司法部', '内政部', '内务部', '国土安全部',
  '能源部', '贸易部', '外贸部', '经济产业省', '外交与联邦事务部', '外交、联邦事务及发展部', '外交和欧洲事务部', '国务部',
  '统一部', '国家安全部', '公安部', '国防委员会', '安全委员会', '国家安全委员会', '国家安全局', '国家安全会议',
  // armed services and commands
  '海军', '陆军', '空军', '海军陆战队', '国防军', '武装部队', '国民军', '国民警卫队', '革命卫队', '伊斯兰革命卫队', '自卫队',
  '陆上自卫队', '海上自卫队', '航空自卫队', '特种部队', '太空军', '战略火箭军', '火箭军', '边防军', '边防部队', '国民卫队',
  '太平洋司令部', '印太司令部', '中央司令部', '欧洲司令部', '非洲司令部', '南方司令部', '北方司令部', '太平洋舰队',
  '黑海舰队', '北方舰队', '波罗的海舰队', '第七舰队', '参谋长联席会议', '总参谋部', '国防情报局',
  // coast guards, police, intelligence, border and customs
  '海警', '海警局', '海岸警卫队', '海上保安厅', '海岸防卫队', '海巡署', '海事局', '边境警察', '国家警察', '联邦警察',
  '情报局', '中央情报局', '联邦调查局', '对外情报局', '联邦安全局', '情报总局', '海关', '移民局', '央行', '中央银行',
  '联邦储备委员会', '通讯社', '驻联合国代表团', '海关总署', '安全局', '安全部队',
];

/** Words between a country and an organisation word (英国皇家海军, 俄罗斯联邦安全局, 印度国家安全委员会). */
export const ORGANIZATION_MODIFIERS = ['皇家', '联邦', '人民', '国家'];

/**
 * Words that begin with the last character of an organisation name (部, 局, 所, 处, 团, 社...) and never follow a name
 * (not 会议: 政治局会议): a tagged name that ends on their first character runs into the word (南海部署, 该局势).
 */
export const NAME_END_WORDS = [
  '部署', '部分', '局势', '局面', '团结', '社交', '军售', '院校', '会晤',
  // A ministry's minister is one word with it (外交部长, 国防部长, 商务部长: a title, the ministry not named).
  '部长',
];

/**
 * Military ranks, written after the service (海军大校, 空军上将): a tagged organisation that ends on a rank's
 * first character after a service (海军大 of 海军大校) ends before it (not 北大 of 北大校园: no service before).
 */
export const MILITARY_RANKS = ['大校', '上校', '中校', '少校', '上将', '中将', '少将', '大将', '上尉', '中尉', '少尉', '大尉'];

/**
 * Titles written after an organisation before a name (中国海军大校, 外交部发言人, 联合国秘书长): a tagged
 * organisation that ends with one ends before it (the title is not part of the organisation's name).
 */
export const ORGANIZATION_TITLE_ENDINGS = [
  '大校', '上校', '中校', '少校', '上将', '中将', '少将', '大将', '发言人', '秘书长', '副秘书长', '主席', '副主席', '部长',
  '副部长', '司令', '副司令', '司令员', '大使', '特使', '总干事', '主任', '局长', '署长', '总裁', '院长',
];

/**
 * Verbs of saying that the Chinese tagger may run a person's name into (培尼亚重申, 卡洛斯表示): a tagged person
 * or place that ends with one ends before it.
 */
export const NAME_TRAILING_VERBS = [
  '认为', '表示', '指出', '告诉', '强调', '警告', '透露', '介绍', '回答', '宣布', '承认', '重申', '呼吁', '坦言', '称',
  '说', '谴责', '批评', '否认', '证实', '补充', '提醒', '希望', '说道', '写道',
];

/**
 * Generic words for an institution, anaphoric on their own (军方 the military, 国防军, 大使馆; Member States): a
 * Chinese candidate that is one of them, or an English one of two or more of them ending in a plural (Member
 * States; not the Federation Council), is no name (a single English
 * word stays: the public English sets mark a bare Parliament or Army as an organisation). Ministries are not
 * here (a bare 外交部 is the home country's), nor 国会, 议会, 内阁, 法院, 委员会, 理事会 (the public Chinese sets
 * mark them alone as organisations: one country's parliament or cabinet, the committee named before). Folded forms.
 */
export const GENERIC_INSTITUTION_WORDS = [
  '政府', '当局', '军方', '警方', '国防军', '军队', '部队', '大使馆', '领事馆', '代表处', '法庭',
  '议院', '联军', '武装部队', '安全部队', '军政府', '总署', '国安',
  'council', 'committee', 'commission', 'government', 'parliament', 'assembly', 'court', 'cabinet', 'senate',
  'secretariat', 'tribunal', 'member', 'members', 'states', 'nations', 'forces', 'authorities', 'administration',
  'embassy', 'consulate', 'delegation', 'mission', 'army', 'navy', 'police', 'military', 'agency', 'board', 'bureau',
  'chamber', 'house', 'ministry', 'department', 'office', 'party', 'group', 'coalition', 'alliance', 'union',
  'federation', 'republic', 'kingdom', 'regime', 'junta', 'summit', 'conference', 'talks', 'organization',
  'organisation',
];

/**
 * Occasions an organisation is said to hold (国庆酒会, 新春招待会): a tagged organisation that ends with one is
 * no name.
 */
export const OCCASION_ENDINGS = ['酒会', '招待会', '宴会', '晚宴', '午宴', '典礼', '仪式', '庆典', '晚会', '茶会', '联欢会'];

/**
 * Words right after a Chinese name that make it a place (汗尤尼斯南部, 法希尔一带, 某某市): a tagged person
 * followed by one is a place.
 */
export const PLACE_AFTER_WORDS = [
  '南部', '北部', '东部', '西部', '中部', '东南部', '西南部', '东北部', '西北部', '地区', '一带', '附近', '郊区', '境内',
  '以南', '以北', '以东', '以西', '市区', '城区', '港口', '市中心', '省', '州', '市', '港', '难民营',
];

/**
 * One-word English names of a faith, a creed or an ethnic or religious group and of its followers (Islam, Catholic,
 * Sunni, Hutu): the English tagger, which reads capitalised words, proposes them as persons or places; they are
 * neither (folded). Words ending in -ism, -ist and -ists are read as such too (Judaism, Maoist, Islamists).
 */
export const ENGLISH_CREED_WORDS = new Set([
  'islam', 'islamic', 'muslim', 'muslims', 'moslem', 'moslems', 'christian', 'christians', 'christianity', 'catholic',
  'catholics', 'catholicism', 'protestant', 'protestants', 'orthodox', 'evangelical', 'evangelicals', 'anglican',
  'anglicans', 'jew', 'jews', 'jewish', 'judaism', 'hindu', 'hindus', 'hinduism', 'buddhist', 'buddhists', 'buddhism',
  'sikh', 'sikhs', 'sikhism', 'sunni', 'sunnis', "shi'ite", "shi'ites", 'shiite', 'shiites', "shi'a", 'shia', 'alawite',
  'alawites', 'druze', 'sufi', 'sufis', 'salafi', 'salafist', 'salafists', 'wahhabi', 'coptic', 'copts', 'maronite',
  'maronites', 'koran', 'quran', "qur'an", 'bible', 'bibles', 'torah', 'hutu', 'hutus', 'tutsi', 'tutsis', 'pashtun',
  'pashtuns', 'uighur', 'uighurs', 'uyghur', 'uyghurs', 'kurd', 'kurds', 'communist', 'communists', 'marxist',
  'marxists', 'maoist', 'maoists', 'islamist', 'islamists', 'zionist', 'zionists', 'jihadist', 'jihadists',
]);

/**
 * Last words that make an English name of two or more words an organisation's, whatever the tagger's type: Patriotic
 * Bloc, Appellate Body, Our Party, Polisario Front (not Bank: the West Bank) (folded).
 */
export const ENGLISH_ORGANIZATION_LAST_WORDS = new Set([
  'party', 'bloc', 'body', 'front', 'movement', 'alliance', 'coalition', 'council', 'committee', 'commission',
  'league', 'agency', 'ministry', 'department', 'corporation', 'company', 'group', 'forces', 'army', 'navy',
  'institute', 'university', 'foundation', 'association', 'tribunal', 'authority', 'organization', 'organisation',
  'bureau',
]);

/**
 * Last words of English organisations' names (the Socialist Party, Mahee Worldwide Ventures, Valley Federal
 * Savings): a tagged person or place of two or more words that ends in one is an organisation (folded). These are
 * ENGLISH_ORGANIZATION_LAST_WORDS and the words that do it only for the tagger's persons and places.
 */
export const ENGLISH_ORGANIZATION_HEADS = new Set([
  ...ENGLISH_ORGANIZATION_LAST_WORDS,
  'bank', 'corp', 'inc', 'ltd', 'llc', 'plc', 'union', 'federation', 'brigade', 'brigades', 'service', 'services',
  'network', 'airlines', 'airways', 'ventures', 'holdings', 'magazine', 'newspaper', 'television', 'broadcasting',
  'exchange', 'fund', 'industries', 'parliament', 'assembly', 'congress', 'senate', 'police', 'society', 'academy',
  'college', 'savings', 'bancorp', 'insurance', 'motors', 'systems', 'technologies', 'partners', 'enterprises',
  'news', 'journal', 'times',
]);

/**
 * Words for a kind of place after which an English name is that place: "the town of X", "the capital, X",
 * "villages X and Y" (folded).
 */
export const ENGLISH_PLACE_KIND_WORDS = new Set([
  'town', 'towns', 'city', 'cities', 'village', 'villages', 'province', 'provinces', 'district', 'districts',
  'region', 'capital', 'port', 'island', 'islands', 'county', 'municipality', 'settlement', 'suburb', 'neighborhood',
  'neighbourhood', 'camp', 'state', 'territory', 'valley', 'river', 'oblast', 'prefecture',
]);

/** Abbreviations a name may end with, full stop included (folded). */
export const NAME_ABBREVIATIONS = new Set(['jr', 'sr', 'st', 'inc', 'ltd', 'co', 'corp', 'bros', 'mt', 'ft']);
/** English titles and honorifics that the English tagger may read as a name on their own (folded). */
export const ENGLISH_TITLE_WORDS = new Set([
  'prime', 'minister', 'president', 'vice', 'deputy', 'sheikh', 'king', 'queen', 'prince', 'princess', 'general',
  'secretary', 'chancellor', 'premier', 'ambassador', 'senator', 'governor', 'mayor', 'chairman', 'chief', 'foreign',
  'defense', 'defence', 'state', 'mr', 'mrs', 'ms', 'dr', 'sir', 'lord', 'emir', 'sultan', 'crown', 'commander',
  'colonel', 'lieutenant', 'admiral', 'spokesman', 'spokeswoman', 'spokesperson', 'envoy', 'special', 'acting', 'former',
  'leader', 'pope', 'cardinal', 'rev', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'capt', 'captain', 'major', 'sergeant',
  'personal', 'high', 'senior', 'assistant', 'permanent', 'executive', 'prof', 'judge', 'justice', 'prosecutor',
  'under-secretary-general', 'assistant-secretary-general', 'secretary-general', 'rapporteur',
]);

/**
 * Offices before a person's name that are no part of it (President Trump, Captain Ibrahim Traore): a tagged
 * span that starts with a run of title words holding one of these is the person after the run (folded).
 * Monarchs' and clerics' titles are not here (King Charles, Pope Francis, Sheikh Tamim: the title is how the
 * name is written), nor honorifics (Mr. Bush stays whole, as the public English sets mark it).
 */
export const ENGLISH_PERSON_TITLES = new Set([
  'president', 'minister', 'premier', 'chancellor', 'secretary', 'secretary-general', 'under-secretary-general',
  'ambassador', 'envoy', 'senator', 'governor', 'mayor', 'chairman', 'chairwoman', 'commander', 'colonel', 'lieutenant',
  'admiral', 'captain', 'capt', 'gen', 'col', 'lt', 'sergeant', 'spokesman', 'spokeswoman', 'spokesperson', 'prosecutor',
  'judge', 'rapporteur', 'representative', 'commissioner', 'director', 'coordinator', 'sen', 'rep', 'gov',
]);

/**
 * Words naming a person's office that end a title run after an organisation (U.N. Special Envoy, NATO
 * Secretary-General, EU foreign policy chief): an organisation candidate the English tagger ends on one of them
 * ends before the title words (folded).
 */
export const ENGLISH_OFFICE_WORDS = new Set([
  'envoy', 'ambassador', 'spokesman', 'spokeswoman', 'spokesperson', 'secretary', 'secretary-general', 'chief',
  'chairman', 'chairwoman', 'commander', 'leader', 'minister', 'president', 'governor', 'premier', 'chancellor',
  'senator', 'representative', 'coordinator', 'commissioner', 'director', 'official', 'officials', 'head', 'prosecutor',
  'judge', 'captain', 'rapporteur', 'under-secretary-general', 'assistant-secretary-general',
]);
