import { ensureSampleSession } from '../../src/main/core/sample/sample-session.ts';
import { SAMPLE_DIR, SAMPLE_OPTIONS } from './sample.ts';

export default function setup(): void {
  ensureSampleSession(SAMPLE_DIR, SAMPLE_OPTIONS);
}
