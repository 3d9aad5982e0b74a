import { describe, expect, it } from 'vitest';
import { ValidationError } from '../domain/errors.js';
import {
  applyReviewMapping,
  defaultReviewMapping,
  parseReviewDate,
  parseReviewMapping,
  readReviewFile,
  reviewHashId,
} from './review-rows.js';

const NOW = Date.parse('2026-12-01T00:00:00Z');

describe('review rows', () => {
  it('reads the date formats rating sites export, and nothing else', () => {
    expect(parseReviewDate('2026-05-01T09:30:00+02:00')).toBe(Date.parse('2026-05-01T07:30:00Z'));
    expect(parseReviewDate('2026-05-01')).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(parseReviewDate('2026-05-01 09:30')).toBe(Date.parse('2026-05-01T09:30:00Z'));
    expect(parseReviewDate(' 1.5.2026 ')).toBe(Date.parse('2026-05-01T00:00:00Z'));
    expect(parseReviewDate('01.05.2026 18:05:09')).toBe(Date.parse('2026-05-01T18:05:09Z'));
    for (const bad of ['2026-02-30', '31.4.2026', '05/01/2026', 'yesterday', '', '2026-05-01 25:00'])
      expect(parseReviewDate(bad)).toBeNull();
  });

  it('finds columns by their usual names; explicit entries win and may unmap a field', () => {
    const columns = ['Review ID', 'Reviewer', 'Stars', 'Date', 'Review', 'Owner Response', 'Response-Date'];
    expect(defaultReviewMapping(columns)).toEqual({
      external_id: 'Review ID',
      author: 'Reviewer',
      rating: 'Stars',
      date: 'Date',
      text: 'Review',
      reply: 'Owner Response',
      reply_date: 'Response-Date',
    });
    const { mapping, issues } = applyReviewMapping(columns, {
      mapping: { text: 'Reviewer', author: null },
      touchpoint: 'tp',
      site: 'Google',
      ratingMax: 5,
    });
    expect(issues).toEqual([]);
    expect(mapping.text).toBe('Reviewer');
    expect(mapping.author).toBeUndefined();
    // A column named explicitly feeds no other field by default.
    expect(Object.values(mapping).filter((c) => c === 'Reviewer')).toHaveLength(1);
  });

  it('names every problem of a mapping that does not fit the file', () => {
    const { issues } = applyReviewMapping(['When', 'Stars', 'Site'], {
      mapping: { rating_max: 'Scale', site: 'Site' },
      site: 'Google',
    });
    expect(issues.map((i) => i.field).sort()).toEqual(['map.date', 'map.rating_max', 'site', 'touchpoint']);
    expect(() => parseReviewMapping(['stars=Stars'])).toThrow(ValidationError);
    expect(() => parseReviewMapping(['rating'])).toThrow(ValidationError);
    expect(() => parseReviewMapping(['rating=A', 'rating=B'])).toThrow(/mapped twice/);
    expect(parseReviewMapping(['rating=Sterne', 'author='])).toEqual({ rating: 'Sterne', author: null });
  });

  it('normalises ratings, refuses bad rows one by one and keeps the good ones', () => {
    const file = readReviewFile(
      [
        'Datum;Sterne;Max;Text;Autor',
        '1.10.2026;4,5;5;Gut;Ann',
        '2.10.2026;8;10;Sehr gut;Bob',
        '3.10.2026;11;10;Zu viel;Cy',
        '4.10.2026;3;0;Null;Di',
        '2027-01-01;3;5;Zukunft;Ed',
        '5.10.2026;;5;Leer;Flo',
        '',
        '6.10.2026;1;5;"Mehrere ; Zeilen',
        'Text";Gus',
      ].join('\r\n'),
      {
        mapping: { date: 'Datum', rating: 'Sterne', rating_max: 'Max', author: 'Autor' },
        touchpoint: 'shop',
        site: 'Portal',
      },
      NOW,
    );
    expect(file.issues).toEqual([]);
    expect(file.rows.map((r) => [r.row, r.rating, r.ratingMax, r.score, r.author])).toEqual([
      [1, 4.5, 5, 0.9, 'Ann'],
      [2, 8, 10, 0.8, 'Bob'],
      [7, 1, 5, 0.2, 'Gus'],
    ]);
    expect(file.rows[2]?.text).toBe('Mehrere ; Zeilen\r\nText');
    expect(file.rejected).toEqual([
      { row: 3, field: 'rating', reason: '11 is not between 0 and 10' },
      { row: 4, field: 'rating_max', reason: '"0" is not a number above 0 and at most 100' },
      { row: 5, field: 'date', reason: '2027-01-01 lies in the future' },
      { row: 6, field: 'rating', reason: 'is empty' },
    ]);
  });

  it('gives a review without an id a stable hash, and reports the same review twice in a file', () => {
    const csv = [
      'date,rating,author,text',
      '2026-10-01,5,Ann,Great',
      '2026-10-01,5,Ann,Great',
      '2026-10-01,5,Ann,Good',
    ].join('\n');
    const options = { touchpoint: 'shop', site: 'Google', ratingMax: 5 };
    const a = readReviewFile(csv, options, NOW);
    const b = readReviewFile(csv, options, NOW);
    expect(a.rows.map((r) => r.externalId)).toEqual(b.rows.map((r) => r.externalId));
    expect(a.rows[0]?.externalId).toBe(
      reviewHashId('Google', 'Ann', Date.parse('2026-10-01T00:00:00Z'), 'Great'),
    );
    expect(a.rows).toHaveLength(2);
    expect(a.rejected).toEqual([{ row: 2, field: 'external_id', reason: 'the same review as row 1' }]);
    // Another site's review with the same content is another review.
    expect(reviewHashId('Yelp', 'Ann', 0, 'Great')).not.toBe(reviewHashId('Google', 'Ann', 0, 'Great'));
  });

  it('refuses a file that is no CSV with the field `file`', () => {
    expect(() => readReviewFile('a,b\n"open,1\n', { touchpoint: 't', site: 's', ratingMax: 5 })).toThrow(
      ValidationError,
    );
    expect(() => readReviewFile('', { touchpoint: 't', site: 's', ratingMax: 5 })).toThrow(/empty/);
  });
});
