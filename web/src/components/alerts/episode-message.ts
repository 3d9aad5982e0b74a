/**
 * What fired, in the UI language: the episode's figures (share and required share, the feedback
 * before and after with p, days without interactions, a task's due date, a link's conversion) put
 * into words. Figures an episode lacks fall back to the server's message.
 */
import { useTranslation } from 'react-i18next';
import type { AlertEpisode } from '../../api/alerts';
import type { Task } from '../../api/types';
import { useFormat } from '../../i18n/format';

const METRICS = ['negative_share', 'csat', 'nps'] as const;
type Metric = (typeof METRICS)[number];
const isMetric = (value: unknown): value is Metric => METRICS.includes(value as Metric);

export function useEpisodeMessage(): (episode: AlertEpisode) => string {
  const { t } = useTranslation(['alerts', 'tasks']);
  const format = useFormat();
  return (episode) => {
    const f = episode.figures;
    const n = (key: string) => (typeof f[key] === 'number' ? (f[key] as number) : null);
    const days = n('windowDays');
    switch (episode.kind) {
      case 'standard_compliance': {
        const share = n('shareMeeting');
        const required = n('requiredShare');
        const measured = n('measured');
        if (share === null || required === null || measured === null || days === null) break;
        return t('message.standard', {
          share: format.percent(share, 0),
          required: format.percent(required, 0),
          days,
          measured: format.number(measured),
        });
      }
      case 'feedback_shift': {
        const metric = f.metric;
        const before = n('before');
        const after = n('after');
        const p = n('p');
        const nBefore = n('sampleBefore');
        const nAfter = n('sampleAfter');
        if (!isMetric(metric) || before === null || after === null || p === null || days === null) break;
        if (nBefore === null || nAfter === null) break;
        // The negative share comes in percent, NPS in points (−100…100), CSAT as the mean answer.
        const value = (v: number) =>
          metric === 'negative_share'
            ? format.percent(v / 100, 1)
            : format.number(v, metric === 'csat' ? 2 : 1);
        return t('message.feedback', {
          metric: t(`metric.${metric}`),
          before: value(before),
          after: value(after),
          days,
          p: p < 0.001 ? `< ${format.number(0.001, 3)}` : `= ${format.number(p, 3)}`,
          nBefore: format.number(nBefore),
          nAfter: format.number(nAfter),
        });
      }
      case 'touchpoint_silent': {
        const silentDays = n('days');
        if (silentDays === null) break;
        return t('message.silent', { days: silentDays });
      }
      case 'task_overdue': {
        const due = f.dueDate;
        const status = f.status as Task['status'] | undefined;
        if (typeof due !== 'string' || typeof status !== 'string') break;
        return t('message.overdue', {
          due: format.date(`${due}T00:00:00`),
          status: t(`tasks:status.${status}`),
        });
      }
      case 'task_not_effective':
        return t('message.notEffective');
      case 'link_conversion_drop': {
        const before = n('conversionBefore');
        const after = n('conversionAfter');
        const nBefore = n('entrantsBefore');
        const nAfter = n('entrantsAfter');
        if (before === null || after === null || nBefore === null || nAfter === null || days === null) break;
        return t('message.link', {
          before: format.percent(before, 1),
          after: format.percent(after, 1),
          days,
          nBefore: format.number(nBefore),
          nAfter: format.number(nAfter),
        });
      }
    }
    return episode.message;
  };
}
