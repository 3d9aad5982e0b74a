/**
 * A journey map drawn read-only: a table of stages × lanes with the touchpoints and notes of each
 * cell, and an emotion row beneath (the designed and the measured curve, as vector lines, and their
 * figures). The same table serves the shared page and each page of the print view (a range of
 * stages), so that printing keeps text as text.
 */
import { type CSSProperties, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNames } from '../names';
import { cellOf, cellsOf, emotionText, type MapView, type ViewItem, type ViewStage } from './map-view';
import './read-only-map.css';

const DESIGNED_COLOR = '#228be6';
const MEASURED_COLOR = '#e8590c';
// Darker shades of the same colours for text: readable (4.5:1) on white.
const DESIGNED_TEXT = '#1864ab';
const MEASURED_TEXT = '#a63c06';

export function ReadOnlyMap({
  view,
  from = 0,
  to = view.stages.length,
}: {
  view: MapView;
  /** The first stage shown (index) … */
  from?: number;
  /** … and the one after the last. */
  to?: number;
}) {
  const { t, i18n } = useTranslation('journeys');
  const { t: ts } = useTranslation('sharing');
  const names = useNames();
  const cells = useMemo(() => cellsOf(view), [view]);
  const stages = view.stages.slice(from, to);

  return (
    <table className="ro-map" style={{ '--ro-stages': stages.length } as CSSProperties} data-testid="ro-map">
      <thead>
        <tr>
          <th scope="col" className="ro-corner">
            {t('map.lane')} ↓ · {t('map.stage')} →
          </th>
          {stages.map((stage, i) => (
            <th key={stage.key} scope="col" className="ro-stage" data-testid="ro-stage">
              <span className="ro-stage-number">{from + i + 1}</span> {names.stage(stage)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {view.lanes.map((lane) => (
          <tr key={lane.key} className={`ro-lane ro-kind-${lane.kind}`}>
            <th scope="row" className="ro-lane-head">
              {names.lane(lane)}
            </th>
            {stages.map((stage) => (
              <td key={stage.key} className="ro-cell">
                {cellOf(cells, stage.key, lane.key).map((item) => (
                  <ItemCard key={item.position} item={item} />
                ))}
              </td>
            ))}
          </tr>
        ))}
        <tr className="ro-emotion">
          <th scope="row" className="ro-lane-head">
            {ts('view.emotion')}
            <span className="ro-legend">
              <span style={{ color: DESIGNED_TEXT }}>- - </span>
              {t('curve.designed')}
            </span>
            <span className="ro-legend">
              <span style={{ color: MEASURED_TEXT }}>— </span>
              {t('curve.measured')}
            </span>
          </th>
          {stages.length > 0 && (
            <td colSpan={stages.length} className="ro-curve-cell">
              <EmotionLines stages={stages} />
              <div className="ro-curve-values">
                {stages.map((stage) => (
                  <div key={stage.key} className="ro-curve-value">
                    <span style={{ color: DESIGNED_TEXT }} title={t('curve.designed')}>
                      {emotionText(stage.designedEmotion, i18n.language)}
                    </span>
                    {' · '}
                    <span style={{ color: MEASURED_TEXT }} title={t('curve.measured')}>
                      {emotionText(stage.measuredEmotion, i18n.language)}
                    </span>
                  </div>
                ))}
              </div>
            </td>
          )}
        </tr>
      </tbody>
    </table>
  );
}

/** A touchpoint (name and key), a channel, a figure or a note of a cell. */
export function ItemCard({ item }: { item: ViewItem }) {
  const names = useNames();
  const { i18n } = useTranslation();
  if (item.kind === 'touchpoint')
    return (
      <div className="ro-card ro-touchpoint" data-testid="ro-touchpoint">
        <span className="ro-card-name">{item.touchpointName ?? item.touchpointKey}</span>
        <span className="ro-card-key">{item.touchpointKey}</span>
      </div>
    );
  if (item.kind === 'channel')
    return (
      <div className="ro-card ro-channel" data-testid="ro-channel">
        {names.channel({ key: item.channelKey ?? '', customName: item.channelName })}
      </div>
    );
  if (item.kind === 'kpi')
    return (
      <div className="ro-card ro-kpi" data-testid="ro-kpi">
        {item.kpiValue !== null && (
          <span className="ro-kpi-value">{new Intl.NumberFormat(i18n.language).format(item.kpiValue)}</span>
        )}
        <span>{item.kpiLabel}</span>
      </div>
    );
  return (
    <div className="ro-card ro-note" data-testid="ro-note">
      {item.text}
    </div>
  );
}

/** Y of an emotion (−2…+2) in a 0…100 box, +2 at the top. */
const yOf = (value: number) => 50 - value * 22;

/**
 * The designed (dashed) and measured (solid) curves, one point at the middle of each stage column.
 * The SVG stretches to the row's width; strokes keep their width and points stay round.
 */
function EmotionLines({ stages }: { stages: ViewStage[] }) {
  const width = stages.length * 100;
  const x = (i: number) => i * 100 + 50;
  const points = (pick: (s: ViewStage) => number | null) =>
    stages.flatMap((s, i) => {
      const v = pick(s);
      return v === null ? [] : [{ x: x(i), y: yOf(v) }];
    });
  const designed = points((s) => s.designedEmotion);
  const measured = points((s) => s.measuredEmotion);
  const line = (list: { x: number; y: number }[]) => list.map((p) => `${p.x},${p.y}`).join(' ');
  return (
    <svg
      className="ro-curve"
      viewBox={`0 0 ${width} 100`}
      preserveAspectRatio="none"
      aria-hidden="true"
      data-testid="ro-curve"
    >
      <line
        x1={0}
        x2={width}
        y1={50}
        y2={50}
        stroke="#adb5bd"
        strokeWidth={1}
        vectorEffect="non-scaling-stroke"
      />
      {[
        { list: designed, color: DESIGNED_COLOR, dash: '6 4' },
        { list: measured, color: MEASURED_COLOR, dash: undefined },
      ].map(({ list, color, dash }) => (
        <g key={color}>
          <polyline
            points={line(list)}
            fill="none"
            stroke={color}
            strokeWidth={2.5}
            strokeDasharray={dash}
            vectorEffect="non-scaling-stroke"
          />
          {list.map((p) => (
            <path
              key={p.x}
              d={`M${p.x} ${p.y}l0 0`}
              stroke={color}
              strokeWidth={9}
              strokeLinecap="round"
              vectorEffect="non-scaling-stroke"
            />
          ))}
        </g>
      ))}
    </svg>
  );
}
