/**
 * Chinese labels (towns, leaders, departments) in the order a Chinese reader expects (pinyin),
 * as the war chart's groups and the dispatch figures sort them. The collator is made by the first
 * comparison: the first zh collator loads the locale's data, ~10 ms that no start needs (issue 11).
 */
let collator: Intl.Collator | undefined;

export const compareChinese = (a: string, b: string): number =>
  (collator ??= new Intl.Collator('zh-Hans-CN')).compare(a, b);
