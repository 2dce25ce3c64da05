/**
 * Ids of the bundled knowledge base that a later version renamed, merged or retired. Analysts' annotations and
 * workspace knowledge files hold these ids (`about: {entity: …}`, `holder: {entity: …}`), so an id that was once
 * shipped never silently stops resolving: `KnowledgeBase.get` follows RENAMED_IDS to the entity that holds the name
 * now, and test/unit/knowledge-ids.test.ts fails when a shipped id (test/fixtures/released-entity-ids.txt) is neither
 * in the knowledge base, nor renamed, nor retired here.
 */

/** Old id -> the id of the entity that holds it now (a type corrected, two entries of one feature merged). */
export const RENAMED_IDS: Readonly<Record<string, string>> = {
  // Duplicates of one disputed feature, merged (claimants' names are names of the one entity).
  'place/scarborough-shoal': 'place/huangyan-island',
  'place/senkaku-islands': 'place/diaoyu-islands',
  'place/diaoyu-islands-2': 'place/diaoyu-islands',
  'place/takeshima': 'place/dokdo',
  // Types corrected in the CC-CEDICT entries (the id's prefix is the type).
  'organization/macclesfield-bank': 'place/macclesfield-bank',
  'event/east-turkestan-islamic-movement': 'organization/east-turkestan-islamic-movement',
  'event/dong-yi-yun': 'organization/east-turkestan-islamic-movement',
  'place/robert-louis-stevenson': 'person/robert-louis-stevenson',
  'place/kingdom-of-naples': 'other/kingdom-of-naples',
  'person/five-dynasties': 'other/five-dynasties',
  'person/liang-of-the-southern-dynasties': 'other/liang-of-the-southern-dynasties',
  'person/chen-of-the-southern-dynasties': 'other/chen-of-the-southern-dynasties',
  'person/qi-of-southern-dynasties': 'other/qi-of-southern-dynasties',
  'person/wei-of-the-northern-dynasties': 'other/wei-of-the-northern-dynasties',
  'person/great-qing-empire': 'other/great-qing-empire',
  'person/qing-dynasty': 'other/qing-dynasty',
  'person/taiping-heavenly-kingdom': 'other/taiping-heavenly-kingdom',
  'person/nara-period': 'other/nara-period',
  'person/heian-period': 'other/heian-period',
  'person/history-of-the-liao-dynasty': 'other/history-of-the-liao-dynasty',
  'person/ottoman-empire': 'other/ottoman-empire',
  'person/maurya-dynasty-of-india': 'other/maurya-dynasty-of-india',
  'person/chun-qiu-shi-dai': 'other/chun-qiu-shi-dai',
  'person/zong-heng-jia': 'other/zong-heng-jia',
  'person/yin-yang-jia': 'other/yin-yang-jia',
  'person/mo-wo-er-wang-chao': 'other/mo-wo-er-wang-chao',
  'person/achaemenid-dynasty': 'other/achaemenid-dynasty',
  'person/abbasid-empire': 'other/abbasid-empire',
};

/**
 * Shipped ids with no entity any more, and why: works that CC-CEDICT defines by their author (not actors of a
 * corpus), and a period whose only name is an ordinary word of news text. `get` returns nothing for them.
 */
export const RETIRED_IDS: Readonly<Record<string, string>> = {
  'event/zhan-zheng-yu-he-ping': 'a novel (War and Peace), not an entity',
  'place/jin-yin-dao': 'a novel (Treasure Island), not a place',
  'other/zheng-jiao-zhen-quan': 'a book, not an entity',
  'person/qin-dynasty': 'a period, not a person; its name 秦代 is left to the name tagger',
};
