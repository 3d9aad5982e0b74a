/** The journey map's grid: stages as columns, lanes as rows, a cell per stage × lane. */
import { Fragment, useCallback, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyMap } from '../../api/types';
import { useNames } from '../names';
import { BlueprintRow, blueprintMarks } from './blueprint';
import { LaneHead, StageHead } from './headers';
import { DragContext, type DragInfo, JourneyCell, type MoveTargets } from './journey-cell';
import { LaneContext, useJourneyKpis } from './lane-items';
import { laneEdits, moved, stageEdits } from './map-edits';
import { useMapLabels } from './map-labels';
import { cellKey, type JourneyMapActions, useCells } from './use-journey-map';

/** Width of the lane column; the emotion curve's plot starts at the same offset to line up. */
export const LANE_COLUMN_PX = 150;
/** Narrowest a stage column gets before the map scrolls sideways. */
export const STAGE_MIN_PX = 170;

export interface JourneyGridProps {
  map: JourneyMap;
  canEdit: boolean;
  actions: JourneyMapActions;
  /** Asks the user before something is removed; runs `action` on yes. */
  confirm: (message: string, action: () => void) => void;
}

export function JourneyGrid({ map, canEdit, actions, confirm }: JourneyGridProps) {
  const { t } = useTranslation('journeys');
  const drag = useRef<DragInfo | null>(null);
  const cells = useCells(map.items);
  const labels = useMapLabels();
  const names = useNames();
  const { stages, lanes } = map;
  const marks = useMemo(() => blueprintMarks(lanes), [lanes]);
  // One request for every live figure of the map, only when it has a KPI lane.
  const kpis = useJourneyKpis(
    map.id,
    lanes.some((l) => l.kind === 'kpis'),
  );
  const laneContext = useMemo(
    () => ({ journeyId: map.id, kpis: lanes.some((l) => l.kind === 'kpis') ? kpis.data : null }),
    [map.id, lanes, kpis.data],
  );
  const targets = useMemo<MoveTargets>(
    () => ({ stages: stages.map((s) => ({ id: s.id, name: s.name })), lanes }),
    [stages, lanes],
  );

  // Each change starts from the latest map in the cache, not from this render's.
  const latest = useCallback(() => actions.current() ?? map, [actions, map]);
  const renameStage = useCallback(
    (index: number, name: string) => {
      const edits = stageEdits(latest().stages);
      const stage = edits[index];
      if (stage) void actions.saveStages(edits.with(index, { ...stage, name }));
    },
    [actions, latest],
  );
  const setEmotion = useCallback(
    (index: number, designedEmotion: number | null) => {
      const edits = stageEdits(latest().stages);
      const stage = edits[index];
      if (stage) void actions.saveStages(edits.with(index, { ...stage, designedEmotion }));
    },
    [actions, latest],
  );
  const moveStage = useCallback(
    (index: number, delta: number) =>
      void actions.saveStages(moved(stageEdits(latest().stages), index, delta)),
    [actions, latest],
  );
  const removeStage = useCallback(
    (index: number) => {
      const list = latest().stages;
      const stage = list[index];
      if (!stage) return;
      confirm(t('map.confirmRemoveStage', { name: names.stage(stage) }), () => {
        void actions.saveStages(stageEdits(list).filter((_, i) => i !== index));
      });
    },
    [actions, latest, confirm, t, names],
  );
  const renameLane = useCallback(
    (index: number, name: string) => {
      const edits = laneEdits(latest().lanes);
      const lane = edits[index];
      if (lane) void actions.saveLanes(edits.with(index, { ...lane, name }));
    },
    [actions, latest],
  );
  const moveLane = useCallback(
    (index: number, delta: number) => void actions.saveLanes(moved(laneEdits(latest().lanes), index, delta)),
    [actions, latest],
  );
  const removeLane = useCallback(
    (index: number) => {
      const list = latest().lanes;
      const lane = list[index];
      if (!lane) return;
      confirm(t('map.confirmRemoveLane', { name: names.lane(lane) }), () => {
        void actions.saveLanes(laneEdits(list).filter((_, i) => i !== index));
      });
    },
    [actions, latest, confirm, t, names],
  );

  return (
    <LaneContext.Provider value={laneContext}>
      <DragContext.Provider value={drag}>
        <table className="jm-grid" data-testid="jm-grid">
          <colgroup>
            <col className="jm-lane-col" style={{ width: LANE_COLUMN_PX }} />
            {stages.map((stage) => (
              <col key={stage.id} />
            ))}
          </colgroup>
          <thead>
            <tr>
              <th scope="col" className="jm-lane-head">
                <Corner stage={t('map.stage')} lane={t('map.lane')} />
              </th>
              {stages.map((stage, index) => (
                <StageHead
                  key={stage.id}
                  stage={stage}
                  index={index}
                  count={stages.length}
                  canEdit={canEdit}
                  onRename={renameStage}
                  onEmotion={setEmotion}
                  onMove={moveStage}
                  onRemove={removeStage}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {lanes.map((lane, index) => (
              <Fragment key={lane.key}>
                {marks.get(lane.key)?.map((mark) => (
                  <BlueprintRow key={mark} mark={mark} columns={stages.length + 1} />
                ))}
                <tr data-kind={lane.kind}>
                  <LaneHead
                    lane={lane}
                    index={index}
                    count={lanes.length}
                    canEdit={canEdit}
                    onRename={renameLane}
                    onMove={moveLane}
                    onRemove={removeLane}
                  />
                  {stages.map((stage) => (
                    <JourneyCell
                      key={stage.id}
                      stage={stage}
                      lane={lane}
                      items={cells.get(cellKey(stage.id, lane.key))}
                      canEdit={canEdit}
                      targets={targets}
                      actions={actions}
                      labels={labels}
                    />
                  ))}
                </tr>
              </Fragment>
            ))}
          </tbody>
        </table>
      </DragContext.Provider>
    </LaneContext.Provider>
  );
}

function Corner({ stage, lane }: { stage: string; lane: string }) {
  return (
    <span style={{ color: 'var(--mantine-color-dimmed)', fontWeight: 400 }}>
      {lane} ↓ · {stage} →
    </span>
  );
}
