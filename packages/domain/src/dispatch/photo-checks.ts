/**
 * Checks of a report photo (一月一调度, issue 10 item 2): when and where it was taken, from its
 * EXIF, against the round's month and the project's coordinates. The warnings never block a
 * report: they tell the admin that a photo may be old or from somewhere else. Pure; no clock.
 */

/** A photo taken more than this many days before its round's month began is "early". */
export const PHOTO_EARLY_DAYS = 31;
/** A photo taken farther than this from the project's coordinates is "far away". */
export const PHOTO_FAR_KM = 5;
/** The mean radius of the Earth (km) used by the haversine distance. */
export const EARTH_RADIUS_KM = 6371;

export type LatLon = { latitude: number; longitude: number };

/**
 * The great-circle distance in km between two points (haversine):
 * d = 2R·asin(√(sin²(Δφ/2) + cos φ1·cos φ2·sin²(Δλ/2))).
 */
export function haversineKm(a: LatLon, b: LatLon): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dPhi = rad(b.latitude - a.latitude);
  const dLambda = rad(b.longitude - a.longitude);
  const h =
    Math.sin(dPhi / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * An EXIF date-time ('2023:03:10 14:22:05') as an ISO UTC instant. EXIF keeps the camera's local
 * time; `offset` is its OffsetTimeOriginal ('+08:00') when the camera wrote one, else the time is
 * read as China's (UTC+8), where the phones of this platform are. Null when it is not a valid time.
 */
export function exifTimeToIso(raw: string | null | undefined, offset?: string | null): string | null {
  const m = /^(\d{4})[:-](\d{2})[:-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(String(raw ?? '').trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const off = /^([+-])(\d{2}):?(\d{2})$/.exec(String(offset ?? '').trim());
  const offsetMinutes = off ? (off[1] === '-' ? -1 : 1) * (Number(off[2]) * 60 + Number(off[3])) : 8 * 60;
  // 2023:02:30 would roll over into March: not a real time.
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - offsetMinutes * 60_000).toISOString();
}

/** The Asia/Shanghai date (UTC+8, no summer time) of an ISO instant: 'YYYY-MM-DD'. */
export const shanghaiDateOf = (iso: string): string =>
  new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);

export type PhotoWarningCode = 'photo_taken_early' | 'photo_far_away' | 'photo_no_exif';
export type PhotoWarning = { code: PhotoWarningCode; params: Record<string, string | number> };

export type PhotoFacts = {
  /** ISO instant from the EXIF, or null. */
  takenAt: string | null;
  latitude: number | null;
  longitude: number | null;
};

const hasPlace = (p: { latitude: number | null; longitude: number | null }): p is LatLon =>
  p.latitude !== null && p.longitude !== null && Number.isFinite(p.latitude) && Number.isFinite(p.longitude);

/**
 * The warnings of one photo of a round of `month` ('YYYY-MM') for a project at `project`
 * (its coordinates, either null when unknown):
 * - photo_taken_early (takenAt: its Shanghai date, month): taken more than 31 days before the
 *   month's first day began (00:00 in Shanghai);
 * - photo_far_away (distanceKm: one decimal, limitKm): more than 5 km from the project;
 * - photo_no_exif: neither the time nor the place is known.
 */
export function photoWarnings(
  photo: PhotoFacts,
  round: { month: string },
  project: { latitude: number | null; longitude: number | null },
): PhotoWarning[] {
  const warnings: PhotoWarning[] = [];
  if (photo.takenAt !== null) {
    const monthStart = Date.parse(`${round.month}-01T00:00:00+08:00`);
    if (Date.parse(photo.takenAt) < monthStart - PHOTO_EARLY_DAYS * 86_400_000)
      warnings.push({
        code: 'photo_taken_early',
        params: { takenAt: shanghaiDateOf(photo.takenAt), month: round.month },
      });
  }
  if (hasPlace(photo) && hasPlace(project)) {
    const km = haversineKm(photo, project);
    if (km > PHOTO_FAR_KM)
      warnings.push({
        code: 'photo_far_away',
        params: { distanceKm: Math.round(km * 10) / 10, limitKm: PHOTO_FAR_KM },
      });
  }
  if (photo.takenAt === null && !hasPlace(photo)) warnings.push({ code: 'photo_no_exif', params: {} });
  return warnings;
}
