/**
 * The styles of the components the app's session page and the report share (team table,
 * pitch-side summary, timeline, periods chart): the report inlines them in its <style>, the app
 * renders them once in its results section, so both look the same. Plain CSS, `p1-` classes only.
 */
export const TEAM_VIEW_CSS = `
.p1-table-tools { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; margin: 8px 0; }
.p1-table-tools label { display: flex; flex-direction: column; font-weight: 600; font-size: 14px; gap: 2px; }
.p1-table-tools input, .p1-table-tools select { font: inherit; font-weight: 400; min-height: 36px; padding: 4px 8px; border: 2px solid #555; border-radius: 4px; }
.p1-team-scroll { overflow-x: auto; max-width: 100%; }
table.p1-team { border-collapse: separate; border-spacing: 0; width: 100%; font-variant-numeric: tabular-nums; font-size: 14px; }
table.p1-team th, table.p1-team td { border-right: 1px solid #9a9a9a; border-bottom: 1px solid #9a9a9a; padding: 5px 6px; text-align: right; white-space: nowrap; background: #fff; }
table.p1-team tr > :first-child { border-left: 1px solid #9a9a9a; text-align: left; position: sticky; left: 0; z-index: 1; }
table.p1-team thead th { border-top: 1px solid #9a9a9a; background: #e9eef5; vertical-align: bottom; line-height: 1.2; }
table.p1-team thead th .u { display: block; font-weight: 400; font-size: 12px; color: #3d3d3d; }
table.p1-team thead th .p1-sort { cursor: pointer; display: block; }
table.p1-team thead th .p1-sort:focus-visible { outline: 3px solid #0047ab; }
table.p1-team thead th[aria-sort] { background: #cfdcf0; }
table.p1-team tbody th { font-weight: 700; max-width: 210px; overflow: hidden; text-overflow: ellipsis; }
table.p1-team tbody th small, table.p1-team td small { display: block; font-weight: 400; font-size: 12px; color: #3d3d3d; }
table.p1-team tfoot th, table.p1-team tfoot td { background: #f3f3f3; font-weight: 700; }
.p1-big { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 8px 0 16px; }
/* Only the cards: their inner lines have no border. */
.p1-big > div { border: 2px solid #0b0b0b; padding: 8px 12px; }
.p1-big .v { font-size: 30px; font-weight: 800; line-height: 1.1; font-variant-numeric: tabular-nums; }
.p1-big .l { font-size: 14px; font-weight: 700; }
.p1-big .s { font-size: 13px; color: #3d3d3d; }
td.p1-high { background: #d9f0dd; box-shadow: inset 4px 0 #1b7a2e; }
td.p1-low { background: #fbe0e0; box-shadow: inset 4px 0 #b00020; }
td.p1-typical { background: #fff; }
.p1-legend { font-size: 14px; color: #3d3d3d; }
.p1-legend .p1-high, .p1-legend .p1-low { padding: 0 6px; }
.p1-legend .p1-high { background: #d9f0dd; } .p1-legend .p1-low { background: #fbe0e0; }
.p1-chart-tools { display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; margin: 6px 0; }
.p1-chart-tools fieldset { border: 1px solid #9a9a9a; padding: 4px 8px; margin: 0; display: flex; flex-wrap: wrap; gap: 4px 10px; }
.p1-chart-tools legend { font-weight: 700; font-size: 14px; }
.p1-chart-tools label { font-size: 14px; display: inline-flex; align-items: center; gap: 4px; min-height: 30px; }
.p1-chart-tools button { min-height: 34px; padding: 4px 10px; font: inherit; font-size: 14px; border: 2px solid #0b0b0b; background: #fff; color: #0b0b0b; cursor: pointer; }
.p1-chart-tools button[aria-pressed="true"] { background: #0b0b0b; color: #fff; }
.p1-chart-box { position: relative; }
svg.p1-chart { display: block; overflow: visible; font-family: inherit; }
.p1-chart-fixed svg.p1-chart { max-width: 100%; height: auto; }
.p1-chart-tip { position: absolute; z-index: 3; pointer-events: none; background: #fff; border: 1px solid #8a8a8a; box-shadow: 0 2px 6px rgba(0,0,0,.18); padding: 6px 10px; font-size: 14px; line-height: 1.4; white-space: nowrap; }
.p1-chart-tip .p1-tip-row { display: block; }
@media print { .p1-chart-tip, svg.p1-chart .p1-cursor { display: none; } }
/* The timeline's effort marks: the legend is also where each kind is shown or hidden (a shown kind: solid border; hidden: dashed, struck through). */
.p1-effort-legend { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; margin: 6px 0 2px; font-size: 14px; }
.p1-effort-legend-title { font-weight: 700; }
.p1-effort-legend button { display: inline-flex; align-items: center; gap: 6px; min-height: 34px; padding: 2px 10px; font: inherit; font-size: 14px; border: 2px solid #0b0b0b; background: #fff; color: #0b0b0b; cursor: pointer; }
.p1-effort-legend button[data-kind][aria-pressed="false"] { border-style: dashed; color: #555; text-decoration: line-through; }
.p1-effort-legend button[data-kind][aria-pressed="false"] svg { opacity: 0.35; }
.p1-effort-legend .n { color: #3d3d3d; }
.p1-effort-band { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 4px; margin-left: 6px; }
.p1-effort-band button { padding: 2px 8px; }
.p1-effort-band button[aria-pressed="true"] { background: #0b0b0b; color: #fff; }
.p1-chart-tip .p1-tip-effort { display: block; }
@media print {
  .p1-effort-legend button { border: none; padding: 0 4px; min-height: 0; }
  .p1-effort-legend button[data-kind][aria-pressed="false"], .p1-effort-band { display: none; }
}
.p1-line-legend { list-style: none; display: flex; flex-wrap: wrap; gap: 4px 16px; padding: 0; margin: 4px 0; font-size: 14px; }
.p1-line-legend span { display: inline-block; width: 18px; height: 4px; vertical-align: middle; }
.p1-periods-charts { display: flex; flex-wrap: wrap; gap: 12px; }
.p1-periods-charts figure { margin: 0; flex: 0 0 auto; }
.p1-periods-charts figcaption, figure.p1-timeline figcaption { font-size: 14px; color: #3d3d3d; }
`;
