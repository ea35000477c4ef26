import { describe, expect, it } from 'vitest';
import { exifTimeToIso, haversineKm, photoWarnings, shanghaiDateOf } from './photo-checks.ts';

describe('haversine distance', () => {
  it('is R·Δφ along a meridian: 0.05° of latitude = 0.05 × π/180 × 6371 = 5.5597 km', () => {
    const km = haversineKm({ latitude: 37.7, longitude: 117.2 }, { latitude: 37.75, longitude: 117.2 });
    expect(km).toBeCloseTo((0.05 * Math.PI * 6371) / 180, 9);
    expect(km).toBeCloseTo(5.5597, 4);
  });
  it('along the equator too: 1° of longitude = 6371 × π/180 = 111.195 km', () => {
    expect(haversineKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 })).toBeCloseTo(
      111.1949,
      4,
    );
  });
  it('on a parallel shrinks with cos φ: 0.05° of longitude at 60°N = 2R·asin(cos60°·sin(0.025°)) = 2.7799 km', () => {
    const expected = 2 * 6371 * Math.asin(0.5 * Math.sin((0.025 * Math.PI) / 180));
    const km = haversineKm({ latitude: 60, longitude: 117 }, { latitude: 60, longitude: 117.05 });
    expect(km).toBeCloseTo(expected, 9);
    expect(km).toBeCloseTo(2.7799, 4);
  });
  it('is zero at the same place', () => {
    expect(haversineKm({ latitude: 37.7, longitude: 117.2 }, { latitude: 37.7, longitude: 117.2 })).toBe(0);
  });
});

describe('EXIF time', () => {
  it('reads the camera time as China time (UTC+8) unless an offset is given', () => {
    expect(exifTimeToIso('2023:03:10 14:22:05')).toBe('2023-03-10T06:22:05.000Z'); // 14:22 − 8 h
    expect(exifTimeToIso('2023:03:10 14:22:05', '+02:00')).toBe('2023-03-10T12:22:05.000Z');
    expect(exifTimeToIso('2023:03:10 02:00:00', '-05:00')).toBe('2023-03-10T07:00:00.000Z');
    expect(exifTimeToIso('2023:03:01 03:00:00')).toBe('2023-02-28T19:00:00.000Z'); // the day before in UTC
  });
  it('is null for no time, a blank camera clock or an impossible date', () => {
    expect(exifTimeToIso(null)).toBeNull();
    expect(exifTimeToIso('0000:00:00 00:00:00')).toBeNull();
    expect(exifTimeToIso('    :  :     :  :  ')).toBeNull();
    expect(exifTimeToIso('2023:02:30 10:00:00')).toBeNull();
    expect(exifTimeToIso('2023:13:01 10:00:00')).toBeNull();
  });
  it('gives the Shanghai date of an instant', () => {
    expect(shanghaiDateOf('2023-02-28T19:00:00.000Z')).toBe('2023-03-01'); // 19:00 + 8 h = 03:00 next day
    expect(shanghaiDateOf('2023-02-28T15:59:59.000Z')).toBe('2023-02-28');
  });
});

describe('photo warnings', () => {
  const project = { latitude: 37.7, longitude: 117.2 };
  const march = { month: '2023-03' };
  it('warns when taken more than 31 days before the month began (2023-03-01 00:00 Shanghai − 31 d = 2023-01-29 00:00)', () => {
    // 2023-01-28 23:59 Shanghai = 15:59 UTC: 31 days and a minute before.
    expect(
      photoWarnings(
        { takenAt: '2023-01-28T15:59:00.000Z', latitude: 37.7, longitude: 117.2 },
        march,
        project,
      ),
    ).toEqual([{ code: 'photo_taken_early', params: { takenAt: '2023-01-28', month: '2023-03' } }]);
    // Exactly 31 days before: not early.
    expect(
      photoWarnings(
        { takenAt: '2023-01-28T16:00:00.000Z', latitude: 37.7, longitude: 117.2 },
        march,
        project,
      ),
    ).toEqual([]);
  });
  it('warns when more than 5 km away, with the distance to a tenth of a km', () => {
    // 0.05° north: 5.5597 km → 5.6.
    expect(
      photoWarnings(
        { takenAt: '2023-03-10T06:22:05.000Z', latitude: 37.75, longitude: 117.2 },
        march,
        project,
      ),
    ).toEqual([{ code: 'photo_far_away', params: { distanceKm: 5.6, limitKm: 5 } }]);
    // 0.04° north: 0.04 × π/180 × 6371 = 4.4478 km: near enough.
    expect(
      photoWarnings(
        { takenAt: '2023-03-10T06:22:05.000Z', latitude: 37.74, longitude: 117.2 },
        march,
        project,
      ),
    ).toEqual([]);
  });
  it('does not measure a distance when the project has no coordinates', () => {
    expect(
      photoWarnings({ takenAt: '2023-03-10T06:22:05.000Z', latitude: 40, longitude: 100 }, march, {
        latitude: null,
        longitude: null,
      }),
    ).toEqual([]);
  });
  it('warns when neither the time nor the place is known (only one of them: no such warning)', () => {
    expect(photoWarnings({ takenAt: null, latitude: null, longitude: null }, march, project)).toEqual([
      { code: 'photo_no_exif', params: {} },
    ]);
    expect(photoWarnings({ takenAt: null, latitude: 37.7, longitude: 117.2 }, march, project)).toEqual([]);
    expect(
      photoWarnings({ takenAt: '2023-03-10T06:22:05.000Z', latitude: null, longitude: null }, march, project),
    ).toEqual([]);
  });
  it('gives both warnings for an old photo from far away', () => {
    expect(
      photoWarnings(
        { takenAt: '2022-12-01T02:00:00.000Z', latitude: 37.8, longitude: 117.2 },
        march,
        project,
      ).map((w) => w.code),
    ).toEqual(['photo_taken_early', 'photo_far_away']);
  });
});
