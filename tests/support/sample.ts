/**
 * The deterministic sample session shared by integration and e2e tests (generated once by the
 * global setup into .cache/test-sample; same options, same bytes).
 */
import { join } from 'node:path';
import { REPO_ROOT } from './shared-data.ts';
import { DEFAULT_SAMPLE } from '../../src/main/core/sample/scenario.ts';

export const SAMPLE_DIR = join(REPO_ROOT, '.cache', 'test-sample');
export const SAMPLE_OPTIONS = { ...DEFAULT_SAMPLE };
export const SAMPLE_DEVICE_IDS = ['P1-1001', 'P1-1002', 'P1-1003', 'P1-1004', 'P1-1005'];
