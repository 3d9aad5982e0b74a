/** The labels of the map's many cells and items, translated once per language instead of per element. */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type Vars = { name?: string; stage?: string; lane?: string };

export interface MapLabels {
  itemActions: (vars: Vars) => string;
  addTouchpointTo: (vars: Vars) => string;
  addNoteTo: (vars: Vars) => string;
  noteLabel: (vars: Vars) => string;
  editNote: string;
  notePlaceholder: string;
  moveToStage: string;
  moveToLane: string;
  removeItem: string;
}

// Placeholders i18next fills in, then each element fills with its own names.
const MARKERS: Vars = { name: '⟦name⟧', stage: '⟦stage⟧', lane: '⟦lane⟧' };

export function useMapLabels(): MapLabels {
  const { t } = useTranslation('journeys');
  return useMemo(() => {
    const template = (key: 'map.itemActions' | 'map.addTouchpointTo' | 'map.addNoteTo' | 'map.noteLabel') => {
      const text = t(key, MARKERS);
      return (vars: Vars) => text.replace(/⟦(name|stage|lane)⟧/g, (_, k: keyof Vars) => vars[k] ?? '');
    };
    return {
      itemActions: template('map.itemActions'),
      addTouchpointTo: template('map.addTouchpointTo'),
      addNoteTo: template('map.addNoteTo'),
      noteLabel: template('map.noteLabel'),
      editNote: t('map.editNote'),
      notePlaceholder: t('map.notePlaceholder'),
      moveToStage: t('map.moveToStage'),
      moveToLane: t('map.moveToLane'),
      removeItem: t('map.removeItem'),
    };
  }, [t]);
}
