// `upprobe report --html`: one self-contained page (inline CSS, JS and data; no request leaves it,
// it opens from file://) with the failure-rate timeline per surface, p50/p95 per probe over time,
// the incidents and the latest diagnosis. uPlot draws the charts; the tables are plain HTML.
import { SURFACES } from '../../model/surface.js';
import type { Incident } from '../../analysis/incidents.js';
import { formatMs } from '../describe.js';
import type { HistoryCharts } from './history-series.js';
import type { RecordedRun } from './recorded-run.js';

/** What the page is made of; the chart library's code and style are handed in (read from the package). */
export interface HtmlReportInput {
  file: string;
  runs: number;
  skipped: number;
  vantages: string[];
  first: RecordedRun;
  last: RecordedRun;
  charts: HistoryCharts;
  incidents: Incident[];
  generatedAt: Date;
  chartLibrary: { js: string; css: string };
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe to place in HTML; control characters from recorded text are dropped too. */
export function escapeHtml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '').replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** JSON inside a <script> element: nothing in it can close the element or start a comment. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Code inside a <script> element: a `</script` in it would end the element early. */
function scriptText(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1');
}

function when(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

function duration(ms: number): string {
  if (ms < 60_000) return formatMs(ms);
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} min`;
  const hours = minutes / 60;
  return hours < 48 ? `${Math.round(hours * 10) / 10} h` : `${Math.round((hours / 24) * 10) / 10} d`;
}

function latestSection(last: RecordedRun): string {
  const headline = last.diagnosis?.headline;
  const states = SURFACES.filter((s) => last.summary.surfaces[s].probes > 0).map((s) => {
    const summary = last.summary.surfaces[s];
    const diagnosed = last.diagnosis?.surfaces?.[s];
    const state = diagnosed?.state ?? (summary.failureRate >= 0.5 ? 'down' : summary.failedProbes > 0 ? 'degraded' : 'up');
    const layer = diagnosed?.layer ? ` at the ${escapeHtml(diagnosed.layer)}` : '';
    return `<li class="state ${escapeHtml(state)}"><b>${s}</b> ${escapeHtml(state)}${layer} · ${Math.round(summary.failureRate * 1000) / 10}% of samples failing</li>`;
  });
  const failing = last.probes.filter((p) => !p.passed).map((p) => escapeHtml(p.id));
  return `<section id="latest"><h2>Latest run <small>${when(last.startedAt)}${last.vantage ? ` · ${escapeHtml(last.vantage)}` : ''} · exit ${last.exitCode}</small></h2>
${headline ? `<p class="headline">${escapeHtml(headline)}</p>` : ''}<ul class="states">${states.join('')}</ul>
${failing.length > 0 ? `<p>Failing probes: ${failing.join(', ')}</p>` : '<p>Every probe passed.</p>'}</section>`;
}

function incidentsSection(incidents: Incident[]): string {
  if (incidents.length === 0) return '<section id="incidents"><h2>Incidents</h2><p class="none">No incident: every surface was up in every run shown.</p></section>';
  const rows = [...incidents].reverse().map((i) => {
    const end = i.end === null ? '<em>ongoing</em>' : when(i.end);
    return `<tr class="${i.worst}"><td>${i.surface}</td><td>${i.worst}</td><td>${when(i.start)}</td><td>${end}</td><td>${i.durationMs === null ? '–' : duration(i.durationMs)}</td><td class="n">${i.runs}</td><td class="n">${Math.round(i.peakFailureRate * 1000) / 10}%</td><td>${i.cause ? escapeHtml(i.cause) : '–'}</td></tr>`;
  });
  return `<section id="incidents"><h2>Incidents <small>${incidents.length}, newest first</small></h2><div class="scroll"><table>
<thead><tr><th>surface</th><th>worst</th><th>start</th><th>end</th><th>duration</th><th>runs</th><th>peak failing</th><th>layer or class</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></section>`;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #1d2330; --muted: #687083; --bg: #fff; --card: #f5f6f8; --red: #d23c3c; --amber: #c98a00; --green: #23884d; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6e8ee; --muted: #9aa1b1; --bg: #15171c; --card: #1f232b; } }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 16px; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
h1 { font-size: 1.35em; margin: 0 0 4px; } h2 { font-size: 1.1em; margin: 0 0 8px; } small { color: var(--muted); font-weight: normal; }
section { background: var(--card); border-radius: 8px; padding: 12px 14px; margin: 14px 0; }
.meta { color: var(--muted); margin: 0; }
.headline { font-weight: 600; font-size: 1.05em; }
ul.states { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 8px; }
.state { padding: 3px 10px; border-radius: 4px; background: var(--bg); border-left: 4px solid var(--green); }
.state.degraded { border-color: var(--amber); } .state.down { border-color: var(--red); }
.scroll { overflow-x: auto; } table { border-collapse: collapse; width: 100%; font-size: 0.93em; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid color-mix(in srgb, var(--muted) 30%, transparent); white-space: nowrap; }
td.n { text-align: right; } tr.down td:nth-child(2) { color: var(--red); font-weight: 600; } tr.degraded td:nth-child(2) { color: var(--amber); font-weight: 600; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(320px, 1fr)); gap: 12px; }
.chart h3 { font-size: 0.95em; margin: 0 0 4px; font-weight: 600; }
.chart .plot { width: 100%; min-height: 180px; }
.note { color: var(--muted); font-size: 0.9em; }
.uplot { font-family: inherit; } .u-legend { font-size: 0.85em; }
`;

/** Draws the charts from the page's data once it has loaded, and again when the width changes. */
const CLIENT = `
(function () {
  var data = JSON.parse(document.getElementById('upprobe-data').textContent);
  var colors = { api: '#3b6fd8', web: '#d2663c', p50: '#23884d', p95: '#c0392b' };
  var plots = [];
  function width(el) { return Math.max(260, el.clientWidth); }
  function chart(el, title, series, values, yLabel, range) {
    var opts = {
      width: width(el), height: 180, title: title,
      // Times in UTC, as the tables say: a page shared across time zones reads the same everywhere.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'); },
      scales: { x: { time: true }, y: range ? { range: range } : { auto: true } },
      axes: [{}, { label: yLabel, size: 50 }],
      series: [{}].concat(series.map(function (s) { return { label: s.label, stroke: s.color, width: 1.5, spanGaps: false, points: { show: data.times.length < 60 } }; })),
    };
    plots.push({ el: el, plot: new uPlot(opts, [data.times].concat(values), el) });
  }
  chart(document.getElementById('failure-chart'), 'failing samples, % per run', [{ label: 'api', color: colors.api }, { label: 'web', color: colors.web }],
    [data.failurePercent.api, data.failurePercent.web], '%', [0, 100]);
  var grid = document.getElementById('latency-charts');
  data.probes.forEach(function (p) {
    var box = document.createElement('div'); box.className = 'chart';
    var plot = document.createElement('div'); plot.className = 'plot'; box.appendChild(plot); grid.appendChild(box);
    chart(plot, p.id + ' (' + p.surface + ') ms', [{ label: 'p50', color: colors.p50 }, { label: 'p95', color: colors.p95 }], [p.p50, p.p95], 'ms');
  });
  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { plots.forEach(function (p) { p.plot.setSize({ width: width(p.el), height: 180 }); }); });
  });
})();
`;

export function renderHtmlReport(input: HtmlReportInput): string {
  const { charts } = input;
  const vantages = input.vantages.length > 0 ? ` · vantage ${input.vantages.map(escapeHtml).join(', ')}` : '';
  const skipped = input.skipped > 0 ? ` · ${input.skipped} malformed line${input.skipped === 1 ? '' : 's'} skipped` : '';
  const bucketNote = charts.bucket > 1 ? `<p class="note">Each point is ${charts.bucket} runs: their highest failure rate and p95, their mean p50.</p>` : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>upprobe history · ${escapeHtml(input.file)}</title>
<style>${input.chartLibrary.css}</style>
<style>${STYLE}</style>
</head>
<body>
<header><h1>upprobe history</h1>
<p class="meta">${escapeHtml(input.file)} · ${input.runs} run${input.runs === 1 ? '' : 's'} from ${when(input.first.startedAt)} to ${when(input.last.startedAt)}${vantages}${skipped} · written ${when(input.generatedAt.toISOString())}</p></header>
${latestSection(input.last)}
<section id="failures"><h2>Failure rate by surface</h2><div id="failure-chart" class="plot"></div>${bucketNote}</section>
${incidentsSection(input.incidents)}
<section id="latency"><h2>Latency per probe <small>p50 and p95</small></h2><div id="latency-charts" class="charts"></div></section>
<script id="upprobe-data" type="application/json">${scriptJson(charts)}</script>
<script>${scriptText(input.chartLibrary.js)}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
