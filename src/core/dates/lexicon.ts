/**
 * Words and character codes the date rules share. Keywords are written in the scanner's normalised form
 * (simplified, half-width: see chars.ts), since the rules compare against the normalised text.
 */
import type { TimexMod } from '../types';
import { c } from './chars';

export const CH = {
  nian: c('年'), yue: c('月'), ri: c('日'), hao: c('号'), dai: c('代'), shi4: c('世'), ji: c('纪'), cai: c('财'),
  ge: c('个'), tian: c('天'), zhou: c('周'), xiao: c('小'), shi2: c('时'), fen: c('分'), zhong: c('钟'), dian: c('点'),
  ban: c('半'), zhi: c('至'), dao: c('到'), chu: c('初'), di: c('底'), mo: c('末'), zh: c('中'), qi: c('期'), ye: c('叶'),
  shang: c('上'), xia: c('下'), qian: c('前'), hou: c('后'), jin: c('今'), qu: c('去'), ming: c('明'), ben: c('本'),
  zhe: c('这'), jin4: c('近'), dang: c('当'), zuo: c('昨'), fen4: c('份'), xun: c('旬'), duo: c('多'), yu: c('余'),
  yue1: c('约'), di4: c('第'), ji4: c('季'), du: c('度'), lai: c('来'), xie: c('些'), yi3: c('以'), mei: c('每'),
  xing: c('星'), li: c('礼'), space: 32, dash: 45, tilde: 126, comma: 44, lparen: 40, rparen: 41, colon: 58,
  dot: 46, slash: 47, s: 115, apos: 39, rsquo: 0x2019, T: 84,
};

export const SEASONS: Record<string, number> = { 春: 21, 夏: 22, 秋: 23, 冬: 24 };
export const MONTHS: Record<string, number> = {
  January: 1, Jan: 1, February: 2, Feb: 2, March: 3, Mar: 3, April: 4, Apr: 4, May: 5, June: 6, Jun: 6,
  July: 7, Jul: 7, August: 8, Aug: 8, September: 9, Sep: 9, Sept: 9, October: 10, Oct: 10, November: 11,
  Nov: 11, December: 12, Dec: 12,
};
export const ORDINAL_CENTURY: Record<string, number> = {
  fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21, 'twenty-second': 22,
};
/** English words after which a bare four-digit number is read as a year. */
export const YEAR_WORDS = new Set([
  'in', 'since', 'by', 'until', 'till', 'before', 'after', 'from', 'to', 'through', 'throughout', 'during', 'of',
  'year', 'the', 'early', 'late', 'mid', 'circa', 'around', 'spring', 'summer', 'autumn', 'fall', 'winter', 'and',
  'between', 'copyright', 'c', 'ca', 'as', 'at', 'on', 'for', 'than', 'fy', 'pre', 'post', 'half', 'quarter',
]);
export const EARLY_MID_LATE: Record<string, TimexMod> = { early: 'START', mid: 'MID', late: 'END' };
/** English words after which a month name alone is a date ("in October", "since March", "mid-May"). */
export const MONTH_ONLY_WORDS = new Set([
  'in', 'since', 'by', 'until', 'till', 'before', 'after', 'from', 'through', 'during', 'early', 'mid', 'late', 'last', 'next', 'this',
]);
/** Characters before 上半年 / 下半年 that let them stand alone (马上半年 is not a half year). */
export const REL_OK_BEFORE = new Set([...'在于到至的是和与及从自截至直迄等到,'].map(c));
/** Characters X such that X前 / X后 is a word, so X前天 / X后年 is not 前天 / 后年 (战后年代, 之前天气, 最后天数). */
export const QIAN_HOU_WORD_BEFORE = new Set([...'之以目当眼空提从先事午战生日面跟门史最超此早向往胸阵台然随背落饭会赛其死身而过幕善课婚产今前后年月事饭睡'].map(c));
/** Characters before a standalone 年初/年底/年末/年中 that make 年 part of another word (多年, 每年...). */
export const NIAN_WORD_BEFORE = new Set(
  [...'年多近些几每当同新周历往早晚少老青成中童末千百万十数余来全整半明今去前后本上下隔逐次翌终拜过新旧'].map(c),
);
/** English day names (and their short forms) -> ISO weekday 1..7. */
export const WEEKDAYS: Record<string, number> = {
  monday: 1, mon: 1, tuesday: 2, tue: 2, tues: 2, wednesday: 3, wed: 3, thursday: 4, thu: 4, thur: 4, thurs: 4,
  friday: 5, fri: 5, saturday: 6, sat: 6, sunday: 7, sun: 7,
};
/** English number words for counts (three days ago, two years later). */
export const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, several: -1, few: -1,
};
