/** Plain reference of touches to conversion (SPEC §7.2), customer by customer; for consistency tests. */
import type { Interaction } from '../../store/events/event-store.js';
import {
  TOUCHES_HISTOGRAM_MAX,
  type TouchesToConversion,
  type TouchesToConversionInput,
  ZTouchesToConversionInput,
} from '../touches-to-conversion.schemas.js';
import { byCustomerInOrder, passesFilters, quantileCont } from './common.js';

/** Touches to conversion over an array of interactions, read straight from the SPEC text. */
export function touchesToConversionReference(
  interactions: readonly Interaction[],
  rawInput: TouchesToConversionInput,
): TouchesToConversion {
  const input = ZTouchesToConversionInput.parse(rawInput);
  const seen = interactions.filter((i) => passesFilters(i, input.workspaceId, input.filters));
  const touches: number[] = [];
  const times: number[] = [];
  for (const own of byCustomerInOrder(seen).values()) {
    // Index (in time-then-id order) just after the previous conversion.
    let afterPrevious = 0;
    own.forEach((conversion, index) => {
      if (conversion.outcome !== 'converted') return;
      if (conversion.at >= input.from && conversion.at < input.to) {
        const counted = own
          .slice(afterPrevious, index + 1)
          .filter((i) => i.at >= conversion.at - input.lookbackMs);
        touches.push(counted.length);
        times.push(conversion.at - Math.min(...counted.map((i) => i.at)));
      }
      afterPrevious = index + 1;
    });
  }
  const histogram = Array.from({ length: TOUCHES_HISTOGRAM_MAX + 1 }, (_, i) => ({
    min: i + 1,
    max: i < TOUCHES_HISTOGRAM_MAX ? i + 1 : null,
    conversions: 0,
  }));
  for (const n of touches) {
    const bin = histogram[Math.min(n, TOUCHES_HISTOGRAM_MAX + 1) - 1];
    if (bin) bin.conversions++;
  }
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    lookbackMs: input.lookbackMs,
    conversions: touches.length,
    touches: {
      histogram,
      median: quantileCont(touches, 0.5),
      mean: touches.length > 0 ? sum(touches) / touches.length : null,
    },
    timeToConversion: {
      medianMs: quantileCont(times, 0.5),
      meanMs: times.length > 0 ? sum(times) / times.length : null,
    },
  };
}
