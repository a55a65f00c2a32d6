/** Great-circle geometry on the WGS84 mean sphere (IUGG mean Earth radius). */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/** Haversine distance in metres between two (lat, lon) points in degrees. */
export function haversineM(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const p1 = lat1 * RAD;
  const p2 = lat2 * RAD;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * RAD;
  const s1 = Math.sin(dp / 2);
  const s2 = Math.sin(dl / 2);
  const a = s1 * s1 + Math.cos(p1) * Math.cos(p2) * s2 * s2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}
