/**
 * One cell of the map (stage × lane) with its items: touchpoints in a touchpoints lane, notes in the
 * others. Items move by drag and drop between cells or, from the keyboard, by their menu.
 * Cells are memoized and compare their items one by one, so a change re-renders only its cells.
 */
import { Menu, Popover } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, type DragEvent, memo, type RefObject, useContext, useMemo, useState } from 'react';
import { laneTakesTask, shapeOfItem, shapeOfLane } from '../../../../src/domain/journey-lanes';
import type { JourneyItem, Lane, Stage } from '../../api/types';
import { CellComments, ItemCommentBadge, ItemCommentsMenuItem } from './comments';
import { EditableText, TextEditor } from './editable-text';
import { LaneAdder, LaneItemBody, TaskLink } from './lane-items';
import { LazyMenu } from './lazy-menu';
import type { MapLabels } from './map-labels';
import { TouchpointPicker } from './touchpoint-picker';
import type { JourneyMapActions } from './use-journey-map';

/** The item being dragged, shared by every cell of one map (a ref: dragging re-renders nothing). */
export interface DragInfo {
  item: JourneyItem;
  isTouchpoint: boolean;
}
export const DragContext = createContext<RefObject<DragInfo | null>>({ current: null });

/** Where items can go: the stages and lanes of the map, in order. */
export interface MoveTargets {
  stages: Pick<Stage, 'id' | 'name'>[];
  lanes: Lane[];
}

const EMPTY: JourneyItem[] = [];

function accepts(lane: Lane, drag: DragInfo | null): drag is DragInfo {
  // An item goes only where its lane's kind takes what it holds (a note, a touchpoint, an image…).
  return drag !== null && shapeOfLane(lane.kind) === shapeOfItem(drag.item);
}

interface ItemMenuProps {
  item: JourneyItem;
  name: string;
  lane: Lane;
  targets: MoveTargets;
  actions: JourneyMapActions;
  labels: MapLabels;
}

/** The keyboard way to move an item: to another stage of its lane, or another lane of its kind. */
function ItemMenu({ item, name, targets, actions, labels }: ItemMenuProps) {
  const items = () => {
    const stages = targets.stages.filter((s) => s.id !== item.stageId);
    const lanes = targets.lanes.filter(
      (l) => l.key !== item.lane && shapeOfLane(l.kind) === shapeOfItem(item),
    );
    return (
      <>
        <ItemCommentsMenuItem itemId={item.id} />
        <Menu.Divider />
        {stages.length > 0 && <Menu.Label>{labels.moveToStage}</Menu.Label>}
        {stages.map((stage) => (
          <Menu.Item
            key={stage.id}
            onClick={() => void actions.updateItem(item.id, { stageId: stage.id, lane: item.lane })}
          >
            {stage.name}
          </Menu.Item>
        ))}
        {lanes.length > 0 && <Menu.Label>{labels.moveToLane}</Menu.Label>}
        {lanes.map((target) => (
          <Menu.Item
            key={target.key}
            onClick={() => void actions.updateItem(item.id, { stageId: item.stageId, lane: target.key })}
          >
            {target.name}
          </Menu.Item>
        ))}
        {(stages.length > 0 || lanes.length > 0) && <Menu.Divider />}
        <Menu.Item
          color="red"
          leftSection={<IconTrash size={14} />}
          onClick={() => void actions.removeItem(item.id)}
        >
          {labels.removeItem}
        </Menu.Item>
      </>
    );
  };
  return (
    <LazyMenu
      label={labels.itemActions({ name })}
      className="jm-icon-button jm-item-menu"
      testId="jm-item-menu"
      items={items}
    >
      {/* A character, not an icon: hundreds of SVGs cost layout time. */}
      <span aria-hidden="true">⋯</span>
    </LazyMenu>
  );
}

interface ItemProps {
  item: JourneyItem;
  lane: Lane;
  canEdit: boolean;
  targets: MoveTargets;
  actions: JourneyMapActions;
  labels: MapLabels;
}

const Item = memo(function Item({ item, lane, canEdit, targets, actions, labels }: ItemProps) {
  const drag = useContext(DragContext);
  const [dragging, setDragging] = useState(false);
  const isTouchpoint = item.touchpointId !== null;
  const name = isTouchpoint ? (item.touchpointName ?? item.touchpointKey ?? '') : (item.text ?? '');
  return (
    <li
      className={isTouchpoint ? 'jm-item jm-touchpoint' : 'jm-item jm-note'}
      data-kind={lane.kind}
      data-item-id={item.id}
      data-testid="jm-item"
      data-dragging={dragging || undefined}
      draggable={canEdit}
      onDragStart={
        canEdit
          ? (event) => {
              // Dragging from inside a field being edited selects text instead.
              if ((event.target as HTMLElement).closest('input, textarea')) {
                event.preventDefault();
                return;
              }
              event.dataTransfer.setData('text/plain', name);
              event.dataTransfer.effectAllowed = 'move';
              drag.current = { item, isTouchpoint };
              setDragging(true);
            }
          : undefined
      }
      onDragEnd={
        canEdit
          ? () => {
              drag.current = null;
              setDragging(false);
            }
          : undefined
      }
    >
      <div className="jm-item-body">
        {shapeOfLane(lane.kind) !== 'text' && !isTouchpoint ? (
          <LaneItemBody item={item} lane={lane} canEdit={canEdit} actions={actions} />
        ) : isTouchpoint ? (
          <>
            <span>{item.touchpointName}</span>
            <span className="jm-key">{item.touchpointKey}</span>
          </>
        ) : (
          <EditableText
            value={item.text ?? ''}
            label={labels.editNote}
            canEdit={canEdit}
            multiline
            onSave={(text) =>
              void (text ? actions.updateItem(item.id, { text }) : actions.removeItem(item.id))
            }
          />
        )}
        {laneTakesTask(lane.kind) && (canEdit || item.taskId) && (
          <TaskLink item={item} canEdit={canEdit} actions={actions} />
        )}
      </div>
      <ItemCommentBadge itemId={item.id} name={name} />
      {canEdit && (
        <ItemMenu item={item} name={name} lane={lane} targets={targets} actions={actions} labels={labels} />
      )}
    </li>
  );
});

interface AddButtonProps {
  label: string;
  onClick?: () => void;
}

/** The + of a cell: a plain button (there are dozens per map). */
function AddButton({ label, onClick }: AddButtonProps) {
  return (
    <button
      type="button"
      className="jm-icon-button jm-edit"
      aria-label={label}
      title={label}
      onClick={onClick}
      data-testid="jm-cell-add"
    >
      <IconPlus size={14} />
    </button>
  );
}

export interface JourneyCellProps {
  stage: Stage;
  lane: Lane;
  items: JourneyItem[] | undefined;
  canEdit: boolean;
  targets: MoveTargets;
  actions: JourneyMapActions;
  labels: MapLabels;
}

function JourneyCellView({
  stage,
  lane,
  items = EMPTY,
  canEdit,
  targets,
  actions,
  labels,
}: JourneyCellProps) {
  const drag = useContext(DragContext);
  const [adding, setAdding] = useState(false);
  const [picking, setPicking] = useState(false);
  const [dropOk, setDropOk] = useState(false);
  const isTouchpointLane = lane.kind === 'touchpoints';
  // Images, channels and KPIs have their own way in (lane-items.tsx); notes the text editor.
  const isNoteLane = shapeOfLane(lane.kind) === 'text';
  const inCell = useMemo(
    () => new Set(items.map((i) => i.touchpointId).filter((id): id is string => id !== null)),
    [items],
  );

  const onDragOver = (event: DragEvent) => {
    if (!accepts(lane, drag.current)) return;
    const { item } = drag.current;
    // A touchpoint is in a cell once: no drop where it is already (unless it is this cell).
    const here = item.stageId === stage.id && item.lane === lane.key;
    if (!here && item.touchpointId && inCell.has(item.touchpointId)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
    if (!dropOk) setDropOk(true);
  };
  const onDragLeave = (event: DragEvent) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropOk(false);
  };
  const onDrop = (event: DragEvent) => {
    setDropOk(false);
    const info = drag.current;
    if (!accepts(lane, info)) return;
    event.preventDefault();
    drag.current = null;
    const { item } = info;
    const sameCell = item.stageId === stage.id && item.lane === lane.key;
    // Dropped on an item: before it; elsewhere in the cell: at the end.
    const onItem = (event.target as HTMLElement).closest<HTMLElement>('[data-item-id]');
    const targetIndex = onItem ? items.findIndex((i) => i.id === onItem.dataset.itemId) : -1;
    let position: number | undefined;
    if (targetIndex >= 0) {
      const from = items.findIndex((i) => i.id === item.id);
      position = sameCell && from >= 0 && from < targetIndex ? targetIndex - 1 : targetIndex;
      if (sameCell && from === position) return;
    } else if (sameCell) {
      return;
    }
    void actions.updateItem(item.id, {
      stageId: stage.id,
      lane: lane.key,
      ...(position === undefined ? {} : { position }),
    });
  };

  const names = { stage: stage.name, lane: lane.name };
  const addLabel = isTouchpointLane ? labels.addTouchpointTo(names) : labels.addNoteTo(names);

  return (
    <td
      className="jm-cell-td"
      data-testid="jm-cell"
      data-stage-id={stage.id}
      data-lane={lane.key}
      data-drop={dropOk ? 'ok' : undefined}
      onDragOver={canEdit ? onDragOver : undefined}
      onDragLeave={canEdit ? onDragLeave : undefined}
      onDrop={canEdit ? onDrop : undefined}
    >
      <div className="jm-cell">
        <ul className="jm-items">
          {items.map((item) => (
            <Item
              key={item.id}
              item={item}
              lane={lane}
              canEdit={canEdit}
              targets={targets}
              actions={actions}
              labels={labels}
            />
          ))}
        </ul>
        <CellComments
          stageId={stage.id}
          lane={lane.key}
          stageName={stage.name}
          laneName={lane.name}
          canEdit={canEdit}
        />
        {canEdit && !isTouchpointLane && !isNoteLane && (
          <LaneAdder stage={stage} lane={lane} items={items} actions={actions} />
        )}
        {canEdit && isNoteLane && adding && (
          <TextEditor
            initial=""
            multiline
            label={labels.noteLabel(names)}
            placeholder={labels.notePlaceholder}
            testId="jm-new-note"
            onCancel={() => setAdding(false)}
            onCommit={(text) => {
              setAdding(false);
              if (text) void actions.addItem({ stageId: stage.id, lane: lane.key, text });
            }}
          />
        )}
        {canEdit && isNoteLane && !adding && <AddButton label={addLabel} onClick={() => setAdding(true)} />}
        {canEdit && isTouchpointLane && !picking && (
          <AddButton
            label={addLabel}
            onClick={() => {
              setPicking(true);
              setAdding(true);
            }}
          />
        )}
        {canEdit && isTouchpointLane && picking && (
          // Built on first use (there is a + in every cell) and kept, so the focus comes back to it.
          <Popover opened={adding} onChange={setAdding} position="bottom-start" withinPortal trapFocus>
            <Popover.Target>
              <span>
                <AddButton label={addLabel} onClick={() => setAdding((open) => !open)} />
              </span>
            </Popover.Target>
            <Popover.Dropdown>
              {adding && (
                <TouchpointPicker
                  exclude={inCell}
                  label={addLabel}
                  onPick={(touchpoint) => {
                    setAdding(false);
                    void actions.addItem({ stageId: stage.id, lane: lane.key, touchpointId: touchpoint.id });
                  }}
                />
              )}
            </Popover.Dropdown>
          </Popover>
        )}
      </div>
    </td>
  );
}

function sameItems(a: JourneyItem[] | undefined, b: JourneyItem[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((item, i) => item === b[i]);
}

export const JourneyCell = memo(
  JourneyCellView,
  (prev, next) =>
    prev.stage === next.stage &&
    prev.lane === next.lane &&
    prev.canEdit === next.canEdit &&
    prev.targets === next.targets &&
    prev.actions === next.actions &&
    prev.labels === next.labels &&
    sameItems(prev.items, next.items),
);
