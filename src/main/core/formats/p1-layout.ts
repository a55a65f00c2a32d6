/**
 * P1 native binary, version 1: the byte layout shared by the reader and the writer.
 * The normative description is docs/formats/p1.md; keep the two in step.
 *
 * File   = header (96 bytes) + blocks. Little-endian throughout; every block starts 8-byte aligned.
 * Block  = block header (32 bytes) + payload. The payload is column-major (one array per field,
 *          each padded to 8 bytes) so a decoder makes typed-array views over it and converts in
 *          tight loops. Each block carries a CRC32, so a damaged block loses only that block.
 */

/** "\x89P1U\r\n\x1a\n": the high bit catches 7-bit transfers, CR LF and ^Z catch text-mode copies. */
export const P1_MAGIC = Uint8Array.of(0x89, 0x50, 0x31, 0x55, 0x0d, 0x0a, 0x1a, 0x0a);
export const P1_VERSION = 1;
export const P1_HEADER_BYTES = 96;

// File header offsets
export const H_VERSION = 8; // u16
export const H_HEADER_BYTES = 10; // u16
export const H_IMU_RANGE_G = 12; // u16, the sensor's configured full-scale range (informative)
export const H_FLAGS = 14; // u16
export const H_START_MS = 16; // f64
export const H_GNSS_HZ = 24; // f32
export const H_IMU_HZ = 28; // f32
export const H_HR_HZ = 32; // f32
export const H_UNIT_ID = 40; // 24 bytes UTF-8, NUL padded
export const H_FIRMWARE = 64; // 24 bytes UTF-8, NUL padded
export const H_TEXT_BYTES = 24;
export const H_CRC = 92; // u32, CRC32 of bytes 0..91

/** "P1BK": every block header starts with it, so a reader can resynchronise after damage. */
export const BLOCK_SYNC = 0x4b423150; // bytes 50 31 42 4B read as little-endian u32
export const BLOCK_HEADER_BYTES = 32;
// Block header offsets. The CRC sits right after the marker and covers everything after itself
// (the rest of the header and the payload): one contiguous range, one CRC call per block.
export const B_SYNC = 0; // u32
export const B_CRC = 4; // u32, CRC32 of bytes 8 .. end of payload
export const B_CRC_FROM = 8;
export const B_TYPE = 8; // u8
export const B_LAYOUT = 9; // u8, 1
export const B_COUNT = 12; // u32 samples
export const B_PAYLOAD_BYTES = 16; // u32, multiple of 8
export const B_SEQ = 20; // u32 block sequence number, 0, 1, 2...
export const B_T0 = 24; // f64 UTC epoch ms of the block's time base

export const BLOCK_GNSS = 1;
export const BLOCK_IMU = 2;
export const BLOCK_HR = 3;
export const BLOCK_END = 15;

/** Bytes per sample of each column, in payload order. Offsets are µs after the block's t0. */
export const GNSS_COLUMNS = [4, 4, 4, 4, 2, 1, 1] as const; // off u32, lat i32, lon i32, alt i32, speed u16, hdop u8, sats u8
export const IMU_COLUMNS = [4, 4, 4, 4] as const; // off u32, ax f32, ay f32, az f32 (g)
export const HR_COLUMNS = [4, 1] as const; // off u32, bpm u8
export const END_PAYLOAD_BYTES = 16; // gnss u32, imu u32, hr u32, data blocks u32

// Scales and "absent" sentinels
export const LATLON_PER_DEG = 1e7; // i32 1e-7 degree = 1.1 cm at the equator
export const ALT_PER_M = 100; // i32 cm
export const SPEED_PER_MS = 100; // u16 cm/s, max 655.34 m/s
export const HDOP_PER_UNIT = 10; // u8 tenths, max 25.4
export const I32_ABSENT = -2147483648;
export const U16_ABSENT = 0xffff;
export const U8_ABSENT = 0xff;
export const OFFSET_PER_MS = 1000; // sample offsets in µs

export const DEFAULT_IMU_RANGE_G = 16;

export function pad8(n: number): number {
  return (n + 7) & ~7;
}

/** Payload bytes of a block of `n` samples with these column widths. */
export function payloadBytes(columns: readonly number[], n: number): number {
  let s = 0;
  for (const w of columns) s += pad8(w * n);
  return s;
}
