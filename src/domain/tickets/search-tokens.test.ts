import { describe, expect, it } from 'vitest';
import { isSingleBigram, listSearchBigrams } from './search-tokens.ts';

describe('listSearchBigrams', () => {
  it('gives the overlapping pairs of a Chinese run, each once, in order', () => {
    expect(listSearchBigrams('燃气表漏气')).toEqual(['燃气', '气表', '表漏', '漏气']);
    expect(listSearchBigrams('气气气')).toEqual(['气气']);
  });

  it('does not pair across spaces, punctuation, digits or Latin letters', () => {
    expect(listSearchBigrams('2026-000123 燃气 漏气，请上门 gas leak 3栋')).toEqual(['燃气', '漏气', '请上', '上门']);
    expect(listSearchBigrams('锦绣花园12栋1201室')).toEqual(['锦绣', '绣花', '花园']);
  });

  it('gives nothing for single characters and text without Chinese', () => {
    expect(listSearchBigrams('气')).toEqual([]);
    expect(listSearchBigrams('gas leak near the meter')).toEqual([]);
    expect(listSearchBigrams('')).toEqual([]);
  });

  it('covers kana and Hangul, which are also written without spaces', () => {
    expect(listSearchBigrams('ガス漏れ')).toEqual(['ガス', 'ス漏', '漏れ']);
    expect(listSearchBigrams('가스 누출')).toEqual(['가스', '누출']);
  });

  it('finds every two-character substring of the text among its bigrams', () => {
    const text = '客户反映燃气表附近有气味，已提醒开窗通风';
    const bigrams = new Set(listSearchBigrams(text));
    for (let i = 0; i + 1 < text.length; i += 1) {
      const pair = text.slice(i, i + 2);
      if (!pair.includes('，')) expect(bigrams.has(pair), pair).toBe(true);
    }
  });
});

describe('isSingleBigram', () => {
  it('is true only for exactly two unspaced characters', () => {
    expect(isSingleBigram('漏气')).toBe(true);
    expect(isSingleBigram('漏气了')).toBe(false);
    expect(isSingleBigram('气')).toBe(false);
    expect(isSingleBigram('ab')).toBe(false);
    expect(isSingleBigram('漏 气')).toBe(false);
  });
});
