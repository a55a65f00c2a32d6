/** The migration registry: append a new numbered file here; never edit or reorder applied ones. */
import type { Migration } from '../migrate.ts';
import { m001Init } from './001_init.ts';
import { m002Engine } from './002_engine.ts';
import { m003Devices } from './003_devices.ts';
import { m004Imports } from './004_imports.ts';
import { m005JobRunner } from './005_job_runner.ts';
import { m006ResultInputs } from './006_result_inputs.ts';
import { m007EffortLists } from './007_effort_lists.ts';
import { m008MetricMoments } from './008_metric_moments.ts';
import { m009Surveys } from './009_surveys.ts';
import { m010PeopleAndUnits } from './010_people_and_units.ts';
import { m011SyncOutbox } from './011_sync_outbox.ts';
import { m012Season } from './012_season.ts';
import { m013SyncHolders } from './013_sync_holders.ts';
import { m014PackedSeries } from './014_packed_series.ts';

export const MIGRATIONS: readonly Migration[] = [m001Init, m002Engine, m003Devices, m004Imports, m005JobRunner, m006ResultInputs, m007EffortLists, m008MetricMoments, m009Surveys, m010PeopleAndUnits, m011SyncOutbox, m012Season, m013SyncHolders, m014PackedSeries];
