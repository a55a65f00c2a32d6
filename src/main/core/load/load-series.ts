/** Every load measure of one daily series, each with its method. */
import type { LoadDay, LoadSeriesResult } from '../../../shared/domain/load.ts';
import type { LoadMeasure } from '../../../shared/domain/survey.ts';
import { ewmaAcwr, ewmaMethod, rollingAcwr, rollingMethod } from './acwr.ts';
import { monotonyMethod, weeklySeries } from './monotony.ts';

export function loadSeries(measure: LoadMeasure, days: LoadDay[]): LoadSeriesResult {
  const dates = days.map((d) => d.date);
  const values = days.map((d) => d.value);
  const em = ewmaMethod();
  const cm = rollingMethod('coupled');
  const um = rollingMethod('uncoupled');
  const wm = monotonyMethod();
  return {
    measure,
    unit: measure === 'distance' || measure === 'hsr' ? 'm' : 'AU',
    days,
    ewma: { method: em, days: ewmaAcwr(dates, values, em) },
    coupled: { method: cm, days: rollingAcwr(dates, values, cm) },
    uncoupled: { method: um, days: rollingAcwr(dates, values, um) },
    week: { method: wm, days: weeklySeries(dates, values, wm) },
  };
}
