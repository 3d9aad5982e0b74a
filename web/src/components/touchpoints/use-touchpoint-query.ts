/** The registry's view (filters, sort, page, tree or list, open drawer) kept in the URL. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';

export const FILTER_NAMES = [
  'q',
  'stage',
  'channel',
  'direction',
  'subjectId',
  'brandId',
  'status',
  'tag',
] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type Filters = Partial<Record<FilterName, string>>;

export const PAGE_SIZE = 50;

export interface RegistryView {
  filters: Filters;
  sort: string;
  page: number;
  view: 'list' | 'tree';
  /** Id of the touchpoint open in the drawer, `new` while creating one. */
  open: string | null;
}

export function useRegistryView() {
  const [params, setParams] = useSearchParams();
  const view = useMemo<RegistryView>(() => {
    const filters: Filters = {};
    for (const name of FILTER_NAMES) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    return {
      filters,
      sort: params.get('sort') ?? 'name',
      page: Math.max(1, Number(params.get('page')) || 1),
      view: params.get('view') === 'tree' ? 'tree' : 'list',
      open: params.get('tp'),
    };
  }, [params]);

  const update = useCallback(
    (changes: Record<string, string | number | null | undefined>, options: { replace?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [name, value] of Object.entries(changes)) {
            if (value === null || value === undefined || value === '') next.delete(name);
            else next.set(name, String(value));
          }
          return next;
        },
        { replace: options.replace ?? false },
      );
    },
    [setParams],
  );

  return {
    ...view,
    /** Changing a filter goes back to the first page. */
    setFilter: (name: FilterName, value: string | null) =>
      update({ [name]: value, page: null }, { replace: true }),
    clearFilters: () => update({ ...Object.fromEntries(FILTER_NAMES.map((n) => [n, null])), page: null }),
    setSort: (sort: string) => update({ sort: sort === 'name' ? null : sort, page: null }),
    setPage: (page: number) => update({ page: page === 1 ? null : page }),
    setView: (v: 'list' | 'tree') => update({ view: v === 'list' ? null : v, page: null }),
    openTouchpoint: (id: string | null) => update({ tp: id }),
    hasFilters: Object.keys(view.filters).length > 0,
  };
}
