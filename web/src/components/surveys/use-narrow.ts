/** Whether the window is phone-sized (under Mantine's `sm`): controls stack instead of lining up. */
import { useMediaQuery } from '@mantine/hooks';

export function useNarrow(): boolean {
  return useMediaQuery('(max-width: 48em)') ?? false;
}
