/** The badge colour of each survey status. */
import type { SurveyStatus } from '../../../../src/domain/survey-model';

export const STATUS_COLOR: Record<SurveyStatus, string> = { draft: 'gray', live: 'teal', closed: 'red' };
