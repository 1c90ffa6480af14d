// The trend as an SVG of our own: received and finished as bars per day or week, the on-time rate as a line against
// the 95% target. A table with the same figures follows for screen readers.
import { lang, t } from '../i18n';
import { date, dayMonth, percent } from '../shell/format';
import type { SlaTrend } from './types';

const W = 720, H = 220, PAD_L = 36, PAD_R = 40, PAD_T = 12, PAD_B = 28;

export function TrendChart({ trend, target }: { trend: SlaTrend; target: number }) {
  const points = trend.points;
  if (points.length === 0) return <p class="empty">{t('dashboard.noData')}</p>;
  const max = Math.max(1, ...points.map((p) => Math.max(p.received, p.finished)));
  const plotW = W - PAD_L - PAD_R, plotH = H - PAD_T - PAD_B;
  const step = plotW / points.length;
  const bar = Math.max(1, step / 2 - 1);
  const y = (v: number) => PAD_T + plotH - (v / max) * plotH;
  const yRate = (r: number) => PAD_T + plotH - r * plotH;
  const rateLine = points
    .map((p, i) => (p.onTimeRate === null ? null : `${PAD_L + i * step + step / 2},${yRate(p.onTimeRate)}`))
    .filter(Boolean)
    .join(' ');
  const labelEvery = Math.ceil(points.length / 8);
  return (
    <figure class="trend">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('dashboard.trendLabel')} class="trend-chart" data-testid="trend-chart">
        <line x1={PAD_L} x2={W - PAD_R} y1={PAD_T + plotH} y2={PAD_T + plotH} class="axis" />
        <text x={PAD_L - 4} y={PAD_T + 8} class="tick" text-anchor="end">{max}</text>
        <text x={PAD_L - 4} y={PAD_T + plotH} class="tick" text-anchor="end">0</text>
        <line x1={PAD_L} x2={W - PAD_R} y1={yRate(target)} y2={yRate(target)} class="target" />
        <text x={W - PAD_R + 4} y={yRate(target) + 4} class="tick tick--target">{Math.round(target * 100)}%</text>
        {points.map((p, i) => {
          const x = PAD_L + i * step;
          return (
            <g key={p.start}>
              <rect x={x + 1} y={y(p.received)} width={bar} height={PAD_T + plotH - y(p.received)} class="bar bar--received">
                <title>{`${date(p.start)}: ${t('dashboard.received')} ${p.received}`}</title>
              </rect>
              <rect x={x + 1 + bar} y={y(p.finished)} width={bar} height={PAD_T + plotH - y(p.finished)} class="bar bar--finished">
                <title>{`${date(p.start)}: ${t('dashboard.finished')} ${p.finished}`}</title>
              </rect>
              {i % labelEvery === 0 && <text x={x + step / 2} y={H - 8} class="tick" text-anchor="middle">{dayMonth(p.start)}</text>}
            </g>
          );
        })}
        {rateLine && <polyline points={rateLine} class="rate" />}
      </svg>
      <figcaption class="legend small">
        <span class="key key--received" /> {t('dashboard.received')} <span class="key key--finished" /> {t('dashboard.finished')}
        <span class="key key--rate" /> {t('dashboard.onTimeRate')} <span class="key key--target" /> {t('dashboard.target', { target: Math.round(target * 100) })}
      </figcaption>
      <table class="sr-only">
        <caption>{t('dashboard.trend')}</caption>
        <thead><tr><th scope="col">{t('dashboard.bucketStart')}</th><th scope="col">{t('dashboard.received')}</th><th scope="col">{t('dashboard.finished')}</th><th scope="col">{t('dashboard.onTimeRate')}</th></tr></thead>
        <tbody>{points.map((p) => <tr key={p.start}><td>{date(p.start)}</td><td>{p.received}</td><td>{p.finished}</td><td>{p.onTimeRate === null ? '—' : percent(p.onTimeRate, lang())}</td></tr>)}</tbody>
      </table>
    </figure>
  );
}
