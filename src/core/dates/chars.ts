/**
 * Character classes for the date scanner. The scanner reads the text through `N` (a 64K lookup table)
 * so full-width forms, dash variants and the few traditional characters that date expressions use are
 * seen in one canonical form, without building a second string: offsets stay the original offsets.
 */

export const N = new Uint16Array(65536);
for (let i = 0; i < 65536; i++) N[i] = i;
// Full-width ASCII (digits, letters, punctuation) -> half-width; ideographic space -> space.
for (let c = 0xff01; c <= 0xff5e; c++) N[c] = c - 0xfee0;
N[0x3000] = 0x20;
N[0x00a0] = 0x20;
N[0x09] = 0x20;
// Dashes and tildes used in ranges -> '-' / '~'.
for (const c of [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0xfe58, 0xfe63]) N[c] = 0x2d;
N[0x301c] = 0x7e; // 〜
N[0xff0c] = 0x2c; // ，
N[0x3001] = 0x2c; // 、 (only used as a separator test)
// Traditional -> simplified for the characters the rules look at.
const T2S: Array<[string, string]> = [
  ['紀', '纪'], ['後', '后'], ['個', '个'], ['號', '号'], ['兩', '两'], ['當', '当'], ['時', '时'],
  ['點', '点'], ['來', '来'], ['財', '财'], ['鐘', '钟'], ['幾', '几'], ['數', '数'], ['這', '这'],
  ['內', '内'], ['餘', '余'], ['頭', '头'], ['週', '周'], ['禮', '礼'], ['間', '间'],
  ['葉', '叶'], ['將', '将'], ['統', '统'], ['單', '单'], ['專', '专'], ['劃', '划'], ['歸', '归'],
  ['萬', '万'], ['億', '亿'], ['節', '节'], ['歲', '岁'], ['級', '级'], ['屆', '届'],
  ['長', '长'], ['遊', '游'], ['語', '语'], ['報', '报'], ['圓', '圆'], ['舊', '旧'], ['為', '为'],
  ['於', '于'], ['會', '会'], ['從', '从'], ['與', '与'], ['憶', '忆'], ['憲', '宪'], ['慶', '庆'],
  ['誕', '诞'], ['紅', '红'], ['終', '终'], ['壽', '寿'], ['陣', '阵'], ['歷', '历'],
  ['國', '国'], ['農', '农'], ['臘', '腊'], ['聖', '圣'], ['兒', '儿'], ['婦', '妇'], ['軍', '军'], ['勞', '劳'], ['動', '动'],
  ['陽', '阳'], ['晚', '晚'], ['夢', '梦'], ['開', '开'], ['始', '始'], ['間', '间'], ['區', '区'], ['曆', '历'], ['際', '际'],
  ['羅', '罗'], ['聞', '闻'], ['說', '说'], ['話', '话'], ['題', '题'], ['關', '关'], ['預', '预'], ['計', '计'], ['擬', '拟'],
  ['準', '准'], ['備', '备'], ['戰', '战'], ['結', '结'], ['雙', '双'], ['歐', '欧'], ['門', '门'],
  ['發', '发'], ['電', '电'], ['連', '连'], ['舉', '举'], ['訪', '访'], ['執', '执'], ['黃', '黄'], ['臺', '台'], ['灣', '湾'], ['華', '华'],
];
for (const [t, s] of T2S) N[t.charCodeAt(0)] = s.charCodeAt(0);

export const c = (ch: string): number => ch.charCodeAt(0);

export function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

export function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** CJK unified ideographs (BMP blocks) and compatibility ideographs. */
export function isHan(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf) || (code >= 0xf900 && code <= 0xfaff) || code === 0x3007;
}

/** Value of a Chinese numeral character: 0-9, 10 for 十, 20 for 廿, 30 for 卅, 100 for 百, -1 otherwise. */
export const HAN_NUM = new Int16Array(65536).fill(-1);
{
  const digits: Array<[string, number]> = [
    ['〇', 0], ['零', 0], ['○', 0], ['一', 1], ['二', 2], ['两', 2], ['三', 3], ['四', 4], ['五', 5],
    ['六', 6], ['七', 7], ['八', 8], ['九', 9], ['十', 10], ['百', 100],
    // 廿二日, 卅日: the days 20-39 written as in Taiwanese and Hong Kong newspapers.
    ['廿', 20], ['卅', 30],
  ];
  for (const [ch, v] of digits) HAN_NUM[ch.charCodeAt(0)] = v;
  HAN_NUM['兩'.charCodeAt(0)] = 2;
}

/**
 * Characters that, right before a Chinese numeral, make it part of a word rather than a count
 * (第一年 "the first year", 统一, 唯一, 之一, 每一...).
 */
export const HAN_NUM_BLOCK_BEFORE = new Set([...'第统唯之每逐同单专均划归合万千亿几数'].map(c));

/** Characters X such that X日 is a word, so X日前 is not 日前 "a few days ago". */
export const DAY_WORD_BEFORE = new Set(
  [...'节生假今昨明前每当周末忌纪主工作首平白天早落旧往佳吉红朝烈向数多几同终整即次翌隔后元寿和个两三四五六七八九十百千半一单双星礼诞庆宪忆抗落向近'].map(c),
);
