/**
 * How many of the open session's units each pool thread runs the engine on while the app is idle
 * (jobs:prepare; jobs/warm-up.ts rehearseThread), and the most a thread rehearses in its life. Here
 * because both sides read it: the core picks the units, the pool thread stops at this many.
 * Units differ in the paths they take through the engine (sprints, dips, heart rate), and V8
 * compiles for what it has seen. Measured on 25 × 90 minutes, alternating (docs/bench-pipeline.md):
 * a cold app's first Process Report took ~1.0 s of CPU after 1 unit, ~0.98 s after 3, ~0.93 s
 * after 6, against ~0.85 s warm; 6 units cost ~0.2 s of CPU per thread, once, in the background.
 */
export const REHEARSAL_UNITS = 6;
